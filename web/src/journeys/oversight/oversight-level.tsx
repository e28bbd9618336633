import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { type BodyOf, checkBody, type ResponseOf } from '../../api/client.ts';
import { useDoneMutation } from '../../components/done-form.tsx';
import {
  BackLink,
  Button,
  ErrorSummary,
  errorFor,
  InsetText,
  Loading,
  Radios,
  SummaryList,
  Textarea,
} from '../../components/govuk.tsx';
import { PageTitle } from '../../components/layout.tsx';
import { formatDate } from '../../lib/dates.ts';
import { formatPence } from '../../lib/money.ts';
import { issuesFromError, issuesFromFields, type SummaryIssue } from '../../lib/problems.ts';
import { type PersonContext, usePerson } from '../../person.ts';
import { useAllPages, useApi } from '../../session.tsx';

type Person = ResponseOf<'getPerson'>;
export type OversightLevel = 'standard' | 'confirm_every_payment' | 'council_managed';

export const oversightLevels: Record<OversightLevel, { text: string; hint: string }> = {
  standard: {
    text: 'Standard',
    hint: 'The holder, and anyone they allow, books, confirms and pays.',
  },
  confirm_every_payment: {
    text: 'A care manager approves payments',
    hint: 'Nothing is confirmed automatically, and payments above the council’s small amount wait for a care manager.',
  },
  council_managed: {
    text: 'The council manages payments',
    hint: 'Only council staff book, confirm and pay for now.',
  },
};

/** What the holder (or whoever helps them) is told when the council watches the budget more closely. */
export function OversightNotice({ person, context }: { person: Person; context: PersonContext }) {
  const level = (person.oversight?.level ?? 'standard') as OversightLevel;
  if (level === 'standard' || context.relationship === 'council') return null;
  const whose = context.relationship === 'self' ? 'your' : `${context.who.firstName}’s`;
  return (
    <InsetText>
      <p className="govuk-body" data-testid="oversight-notice">
        <strong>
          {level === 'confirm_every_payment'
            ? `A care manager approves larger payments from ${whose} budget.`
            : `The council manages payments from ${whose} budget for now: ask the care manager to book or pay.`}
        </strong>
      </p>
      {person.oversight?.reason && (
        <p className="govuk-body">
          The reason they gave on {formatDate(person.oversight.setAt)}: “{person.oversight.reason}”
        </p>
      )}
    </InsetText>
  );
}

/** On a person's page, for council staff: the level, with a link for a care manager to change it. */
export function OversightSummary({ person, canChange }: { person: Person; canChange: boolean }) {
  const level = (person.oversight?.level ?? 'standard') as OversightLevel;
  return (
    <section aria-labelledby="oversight-heading">
      <h2 className="govuk-heading-m" id="oversight-heading">
        How closely the council watches this budget
      </h2>
      <SummaryList
        rows={[
          {
            key: 'Level',
            value: (
              <>
                <span data-testid="oversight-level">{oversightLevels[level].text}</span>
                <span className="govuk-hint govuk-!-display-block govuk-!-margin-bottom-0">
                  {oversightLevels[level].hint}
                </span>
              </>
            ),
            action: canChange
              ? { to: `/people/${person.personId}/oversight`, text: 'Change', hidden: 'the level' }
              : undefined,
          },
          person.oversight && {
            key: 'Reason',
            value: `${person.oversight.reason} (${formatDate(person.oversight.setAt)})`,
          },
        ]}
      />
    </section>
  );
}

/** Orders of one person that wait for a care manager: payments held for approval, and disputes. */
export function NeedsDecision({ personId }: { personId: string }) {
  const orders = useAllPages('listPersonOrders', { params: { id: personId }, query: {} });
  const waiting = (orders.data?.items ?? []).filter(
    (o) => o.status === 'awaiting_approval' || o.status === 'disputed',
  );
  return (
    <section aria-labelledby="needs-decision-heading">
      <h2 className="govuk-heading-m" id="needs-decision-heading">
        Needs a decision
      </h2>
      {orders.isPending ? (
        <Loading>Loading the payments…</Loading>
      ) : waiting.length === 0 ? (
        <p className="govuk-body">No payments are waiting for approval, and nothing is disputed.</p>
      ) : (
        <ul className="govuk-list" data-testid="needs-decision">
          {waiting.map((order) => (
            <li className="app-result" key={order.orderId}>
              <Link className="govuk-link" to={`/orders/${order.orderId}`}>
                {order.status === 'awaiting_approval' ? 'Payment to approve' : 'Dispute to decide'}:{' '}
                {order.title}, {formatPence(order.delivery?.amountPence ?? order.amountPence)} to{' '}
                {order.providerName}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A care manager raises or lowers the level, with a reason the holder is shown. */
export function OversightPage() {
  const { personId = '' } = useParams();
  const { person, context } = usePerson(personId);
  const current = (person.data?.oversight?.level ?? 'standard') as OversightLevel;
  const [level, setLevel] = useState<string>('');
  const [reason, setReason] = useState('');
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const api = useApi();
  const fields = { level: 'level', reason: 'reason' };
  const save = useDoneMutation({
    mutationFn: (body: BodyOf<'setOversightLevel'>) =>
      api('setOversightLevel', { params: { id: personId }, body }),
    to: () => `/people/${personId}?oversight=changed`,
    onError: (error) => setIssues(issuesFromError(error, { who: context.who, fields })),
  });
  const chosen = level || current;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: SummaryIssue[] = [];
    if (chosen === current)
      found.push({ fieldId: 'level', message: 'Choose a different level from the one it has now' });
    if (!reason.trim())
      found.push({ fieldId: 'reason', message: `Say why, in words ${context.who.firstName} will see` });
    const body = { level: chosen as OversightLevel, reason: reason.trim() };
    if (found.length === 0) found.push(...issuesFromFields(checkBody('setOversightLevel', body), fields));
    setIssues(found);
    if (found.length === 0) save.mutate(body);
  };
  const title = `How closely the council watches ${context.possessive} budget`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title={title} error={issues.length > 0} />
        <BackLink to={`/people/${personId}`}>Back</BackLink>
        <ErrorSummary issues={issues} />
        <span className="govuk-caption-l">{person.data?.name}</span>
        <h1 className="govuk-heading-l">{title}</h1>
        <form onSubmit={onSubmit} noValidate>
          <Radios
            id="level"
            name="level"
            legend="Level"
            legendSize="m"
            value={chosen}
            onChange={setLevel}
            error={errorFor(issues, 'level')}
            options={(Object.keys(oversightLevels) as OversightLevel[]).map((value) => ({
              value,
              text: `${oversightLevels[value].text}${value === current ? ' (now)' : ''}`,
              hint: oversightLevels[value].hint,
            }))}
          />
          <Textarea
            id="reason"
            label="Why?"
            labelSize="m"
            hint={`${context.who.firstName} and anyone who helps them see this reason.`}
            rows={3}
            value={reason}
            onChange={setReason}
            error={errorFor(issues, 'reason')}
          />
          <Button disabled={save.isPending}>Save the level</Button>
        </form>
      </div>
    </div>
  );
}
