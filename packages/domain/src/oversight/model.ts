import { createHash } from 'node:crypto';
import * as z from 'zod';
import { Id, IsoDateTime } from '../values.ts';

/** The rules (DESIGN 3.8): what each looks for is explained in rules/<name>.ts. */
export const AlertRule = z.enum(
  [
    'provider_holder_surge',
    'dormant_account_payment',
    'delegate_linked_provider',
    'spend_pace',
    'duplicate_invoice',
    'provider_concentration',
    'broker_steering',
    'first_payment_new_provider',
    'provider_material_change',
    'auto_confirm_absent_holder',
  ],
  { error: 'Use one of the alert rule names' },
);
export type AlertRule = z.infer<typeof AlertRule>;

/** A few words naming each rule, for lists and filters. */
export const alertRuleTitles: Record<AlertRule, string> = {
  provider_holder_surge: 'Many new holders for one provider',
  dormant_account_payment: 'Payment from a dormant account',
  delegate_linked_provider: 'Delegate paid a provider linked to them',
  spend_pace: 'Spending far above the plan’s pace',
  duplicate_invoice: 'Duplicate or near-duplicate invoice',
  provider_concentration: 'Payments concentrated on one provider',
  broker_steering: 'Broker steering people to a provider they have an interest in',
  first_payment_new_provider: 'Large first payment to a new provider',
  provider_material_change: 'Provider changed after it was checked',
  auto_confirm_absent_holder: 'Only auto-confirmed, holder not signed in',
};

export const AlertStatus = z.enum(['open', 'acknowledged', 'resolved'], {
  error: 'Use open, acknowledged or resolved',
});
export type AlertStatus = z.infer<typeof AlertStatus>;

export const AlertOutcome = z.enum(['no_concern', 'action_taken', 'referred_to_safeguarding'], {
  error: 'Choose no_concern, action_taken or referred_to_safeguarding',
});
export type AlertOutcome = z.infer<typeof AlertOutcome>;

/** What an alert points at, so a care manager can open each thing it talks about. */
export const AlertLinks = z.object({
  personIds: z.array(Id),
  providerId: Id.optional(),
  orderIds: z.array(z.string()),
  transferIds: z.array(z.string()),
  /** Delegates, brokers or provider owners involved. */
  userIds: z.array(z.string()),
});
export type AlertLinks = z.infer<typeof AlertLinks>;

export const AlertRecord = z.object({
  alertId: Id,
  councilId: Id,
  rule: AlertRule,
  /** The rule's name for the situation: the alert id is a hash of it, so a situation alerts once. */
  situationKey: z.string(),
  status: AlertStatus,
  /** What was seen, in plain English with the figures. */
  summary: z.string(),
  /** The figures behind the summary, in integer units (pence, days, counts, percentages). */
  figures: z.record(z.string(), z.number()),
  links: AlertLinks,
  /** The money event (or nightly run) that raised it, and when. */
  raisedAt: IsoDateTime,
  raisedBy: z.string(),
  acknowledged: z.object({ by: Id, at: IsoDateTime }).optional(),
  resolution: z.object({ outcome: AlertOutcome, note: z.string(), by: Id, at: IsoDateTime }).optional(),
  updatedAt: IsoDateTime,
  version: z.number().int().min(1),
});
export type AlertRecord = z.infer<typeof AlertRecord>;

/** What a rule says when it fires; the evaluator turns it into a record. */
export interface AlertDraft {
  rule: AlertRule;
  councilId: string;
  /** The situation, without the rule or council (they are added): the same situation, the same key. */
  situation: string;
  summary: string;
  figures: Record<string, number>;
  links: Partial<AlertLinks>;
}

export function situationKey(draft: Pick<AlertDraft, 'rule' | 'councilId' | 'situation'>): string {
  return `${draft.rule}#${draft.councilId}#${draft.situation}`;
}

/** Deterministic: the same situation always gets the same id, so a conditional put raises it once. */
export function alertIdFor(key: string): string {
  return `alt_${createHash('sha256').update(key).digest('base64url').slice(0, 24)}`;
}

export function alertFromDraft(draft: AlertDraft, raisedAt: string, raisedBy: string): AlertRecord {
  const key = situationKey(draft);
  return {
    alertId: alertIdFor(key),
    councilId: draft.councilId,
    rule: draft.rule,
    situationKey: key,
    status: 'open',
    summary: draft.summary,
    figures: draft.figures,
    links: {
      personIds: [...new Set(draft.links.personIds ?? [])],
      ...(draft.links.providerId ? { providerId: draft.links.providerId } : {}),
      orderIds: [...new Set(draft.links.orderIds ?? [])],
      transferIds: [...new Set(draft.links.transferIds ?? [])],
      userIds: [...new Set(draft.links.userIds ?? [])],
    },
    raisedAt,
    raisedBy,
    updatedAt: raisedAt,
    version: 1,
  };
}

export const dayMs = 86_400_000;

/** Whole days from `from` to `to` (ISO instants), rounded down. */
export const daysBetween = (from: string, to: string) =>
  Math.floor((Date.parse(to) - Date.parse(from)) / dayMs);

/** The instant `days` before `at`. */
export const daysBefore = (at: string, days: number) => new Date(Date.parse(at) - days * dayMs).toISOString();

/** "1 person", "3 people". */
export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
