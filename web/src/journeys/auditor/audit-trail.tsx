/**
 * The audit trail of a person, plan, provider, alert or money movement: who did what, when, in
 * plain words, and whether the chain of records still verifies (nothing changed, removed or
 * reordered since it was written). Care managers and auditors read it; it changes nothing.
 */
import { Link, useParams } from 'react-router';
import type { ResponseOf } from '../../api/client.ts';
import { BackLink, Tag, WarningText } from '../../components/govuk.tsx';
import { PageTitle } from '../../components/layout.tsx';
import { Await } from '../../components/query.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { roleNames } from '../../lib/labels.ts';
import { formatPence } from '../../lib/money.ts';
import { useMe, useRouteQuery } from '../../session.tsx';
import { type AuditEntityType, actionWords, entityPath, entityWords } from './audit-words.ts';

type Trail = ResponseOf<'getAuditTrail'>;
type AuditRecord = Trail['records'][number];

/** Who may open audit trails in the web app. */
export function canReadAudit(roles: readonly string[] | undefined): boolean {
  return (roles ?? []).some((role) => role === 'care_manager' || role === 'auditor');
}

/** A link to an entity's audit trail, shown only to those who may read it. */
export function AuditTrailLink({
  entityType,
  id,
  children = 'See the audit trail: who did what, and when',
}: {
  entityType: AuditEntityType;
  id: string;
  children?: string;
}) {
  const me = useMe();
  if (!canReadAudit(me.data?.roles)) return null;
  return (
    <p className="govuk-body">
      <Link className="govuk-link" to={`/audit/${entityType}/${encodeURIComponent(id)}`}>
        {children}
      </Link>
    </p>
  );
}

/** The name of what the trail is about, read from the entity itself. */
function useEntityName(entityType: string, id: string): string | undefined {
  const person = useRouteQuery('getPerson', { params: { id } }, { enabled: entityType === 'person' });
  const plan = useRouteQuery('getPlan', { params: { id } }, { enabled: entityType === 'plan' });
  const planPerson = useRouteQuery(
    'getPerson',
    { params: { id: plan.data?.personId ?? '' } },
    { enabled: Boolean(plan.data?.personId) },
  );
  const provider = useRouteQuery('getProvider', { params: { id } }, { enabled: entityType === 'provider' });
  const alert = useRouteQuery('getAlert', { params: { alertId: id } }, { enabled: entityType === 'alert' });
  if (entityType === 'person') return person.data?.name;
  if (entityType === 'plan' && plan.data)
    return `${planPerson.data ? `${planPerson.data.name}’s ` : ''}support plan, version ${plan.data.planVersion}`;
  if (entityType === 'provider') return provider.data?.name;
  if (entityType === 'alert') return alert.data?.ruleTitle;
  return undefined;
}

function who(record: AuditRecord, names: Record<string, string>): string {
  const name = names[record.actor.userId];
  const roles = record.actor.roles.map((role) => roleNames[role].toLowerCase()).join(', ');
  if (!name) return record.actor.roles.length === 0 ? 'Carepool, automatically' : `Someone (${roles})`;
  return roles ? `${name} (${roles})` : name;
}

/** The few facts worth a sentence: a reason, a note, an amount. */
function detail(record: AuditRecord): string | undefined {
  const after = record.after ?? {};
  const parts: string[] = [];
  if (typeof after.amountPence === 'number') parts.push(formatPence(after.amountPence));
  if (typeof after.allocationPence === 'number')
    parts.push(`Budget ${formatPence(after.allocationPence)} a year`);
  if (typeof after.reason === 'string' && after.reason) parts.push(`Reason: “${after.reason}”`);
  if (typeof after.note === 'string' && after.note) parts.push(`Note: “${after.note}”`);
  return parts.length > 0 ? parts.join('. ') : undefined;
}

function TrailRecords({ trail }: { trail: Trail }) {
  const names = trail.actorNames ?? {};
  return (
    <ol className="govuk-list app-audit-trail" data-testid="audit-records">
      {trail.records.map((record) => {
        const broken = trail.brokenAtSeq !== undefined && record.seq >= trail.brokenAtSeq;
        const more = detail(record);
        return (
          <li key={record.seq} className="app-result">
            <h2 className="govuk-heading-s govuk-!-margin-bottom-1">{actionWords(record.action)}</h2>
            <p className="govuk-body govuk-!-margin-bottom-1">
              {formatDateTime(record.at)}, by {who(record, names)}
              {broken ? ' ' : ''}
              {broken && <Tag colour="red">Does not verify</Tag>}
            </p>
            {more && <p className="govuk-body-s govuk-!-margin-bottom-0">{more}</p>}
          </li>
        );
      })}
    </ol>
  );
}

export function AuditTrailPage() {
  const { entityType = '', id = '' } = useParams();
  const trail = useRouteQuery('getAuditTrail', {
    params: { entityType: entityType as AuditEntityType, id },
  });
  const name = useEntityName(entityType, id);
  const about = entityWords[entityType as AuditEntityType] ?? 'record';
  const title = `Audit trail${name ? `: ${name}` : ` of this ${about}`}`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title={title} error={trail.isError} />
        <BackLink to={entityPath(entityType, id) ?? '/audit'}>Back</BackLink>
        <span className="govuk-caption-l">Audit trail</span>
        <h1 className="govuk-heading-l">{name ?? `This ${about}`}</h1>
        <Await query={trail} loading="Loading and checking the trail…">
          {(data) => (
            <>
              {data.verified ? (
                <div className="govuk-inset-text" data-testid="audit-verified">
                  <Tag colour="green">Verified</Tag> Every record below is exactly as it was written: none has
                  been changed, removed or put out of order.
                </div>
              ) : (
                <div data-testid="audit-verified">
                  <WarningText>
                    This trail does not verify from record {data.brokenAtSeq ?? 1}: a record was changed,
                    removed or put out of order after it was written. Report it to your information governance
                    lead.
                  </WarningText>
                </div>
              )}
              <p className="govuk-body">
                {data.records.length} {data.records.length === 1 ? 'record' : 'records'}, oldest first.
              </p>
              <TrailRecords trail={data} />
            </>
          )}
        </Await>
      </div>
    </div>
  );
}
