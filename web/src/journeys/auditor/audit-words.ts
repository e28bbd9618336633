/** The audit trail in words: what each recorded action means, and what each kind of record is. */
import type { ResponseOf } from '../../api/client.ts';

export type AuditEntityType = ResponseOf<'getAuditTrail'>['entityType'];

export const entityWords: Record<AuditEntityType, string> = {
  person: 'person',
  plan: 'support plan',
  provider: 'provider',
  transfer: 'money movement',
  council: 'council',
  user: 'account',
  invitation: 'invitation',
  alert: 'alert',
};

/** Where the thing a trail is about can be seen, for the Back link. */
export function entityPath(entityType: string, id: string): string | undefined {
  const paths: Partial<Record<string, string>> = {
    person: `/people/${id}`,
    plan: `/plans/${id}`,
    provider: `/providers/${id}`,
    alert: `/council/alerts/${id}`,
  };
  return paths[entityType];
}

const words: Record<string, string> = {
  'person.registered': 'Registered as a budget holder',
  'budget.set': 'Budget set',
  'oversight.changed': 'Oversight level changed',
  'delegation.granted': 'Someone was allowed to act for them',
  'delegation.revoked': 'Someone’s access to act for them was taken away',
  'assessment.submitted': 'Self-assessment sent',
  'assessment.confirmed': 'Self-assessment confirmed by the council',
  'outcome_survey.submitted': 'Outcome survey given',
  'plan.drafted': 'Draft plan written',
  'plan.edited': 'Draft plan changed',
  'plan.submitted': 'Plan sent to the council',
  'plan.approved': 'Plan approved',
  'plan.rejected': 'Plan not approved',
  'plan.referred': 'Plan referred for a second look',
  'plan.ended': 'Plan ended early',
  'plan.current': 'Plan came into use',
  'plan.superseded': 'Plan replaced by a newer version',
  deposit_posted: 'Council deposit paid in',
  deposit_requested: 'Large council deposit asked for, waiting for a second finance officer',
  deposit_approved: 'Large council deposit approved and paid in',
  deposit_rejected: 'Large council deposit rejected',
  'provider.registered': 'Provider registered',
  'provider.verified': 'Provider checked by a council',
  'provider.suspended': 'Provider suspended',
  'alert.raised': 'Alert raised by the council’s rules',
  'alert.acknowledged': 'Alert being looked into',
  'alert.resolved': 'Alert resolved',
  'transfer.single': 'Money moved',
  'transfer.pending': 'Money set aside',
  'transfer.post_pending': 'Money set aside was paid',
  'transfer.void_pending': 'Money set aside was released',
  'council.created': 'Council added',
  'council.updated': 'Council settings changed',
  'user.joined': 'Account made',
  'user.signed_up': 'Signed up',
  'user.renamed': 'Name changed',
  'user.removed': 'Access removed',
  'invitation.sent': 'Invitation sent',
  'invitation.accepted': 'Invitation accepted',
  'invitation.withdrawn': 'Invitation withdrawn',
};

/**
 * "Plan approved" for `plan.approved`. An action this list does not know yet is still shown in
 * words ("deposit requested"), never as a code.
 */
export function actionWords(action: string): string {
  const known = words[action];
  if (known) return known;
  const text = action.replace(/[._]/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}
