/**
 * The first thing on a holder's home page: one figure they can act on ("You can spend £412 before
 * your next payment on 12 January"), then each part of the plan for now and for the year, with the
 * working behind the figure for anyone who wants to check it.
 */
import type { ResponseOf } from '../api/client.ts';
import { nextPaymentDate, planLeftNowPence, spendableNow } from '../lib/budget.ts';
import { formatDate } from '../lib/dates.ts';
import { formatPence } from '../lib/money.ts';
import type { PersonContext } from '../person.ts';
import { BudgetChart } from './budget-chart.tsx';
import { Details, SummaryList } from './govuk.tsx';

export function SpendNow({
  account,
  person,
  context,
  notes,
}: {
  account: ResponseOf<'getAccount'>;
  person: ResponseOf<'getPerson'> | undefined;
  context: PersonContext;
  notes: Map<string, string>;
}) {
  const self = context.relationship === 'self';
  const subject = self ? 'You' : context.who.firstName;
  const possessive = self ? 'your' : 'their';
  const now = spendableNow(account);
  const next = nextPaymentDate(person?.budget);
  const planNow = planLeftNowPence(account.lines);
  return (
    <>
      {account.lines.length > 0 && (
        <div className="app-spend-now" data-testid="spend-now">
          <p className="govuk-body-l govuk-!-margin-bottom-3">
            {subject} can spend <strong className="app-spend-now__figure">{formatPence(now.pence)}</strong>{' '}
            {next ? `before ${possessive} next payment on ${formatDate(next)}.` : 'now.'}
          </p>
          <Details summary={`How ${formatPence(now.pence)} is worked out`}>
            <SummaryList
              rows={[
                { key: 'In the account', value: formatPence(account.balancePence) },
                { key: 'Booked, not paid yet', value: formatPence(account.reservedPence) },
                { key: 'Not booked yet', value: formatPence(account.availablePence) },
                { key: `What ${possessive} plan allows now`, value: formatPence(planNow) },
              ]}
            />
            <p className="govuk-body">
              {now.limitedBy === 'account'
                ? `The account holds less than the plan allows, so ${formatPence(now.pence)} is what can be spent until the next payment comes in.`
                : `The plan allows less than the account holds, so ${formatPence(now.pence)} is what the plan lets ${self ? 'you' : context.who.firstName} spend now.`}{' '}
              Money kept for emergencies is not counted.
            </p>
          </Details>
        </div>
      )}
      <h2 className="govuk-heading-l">Each part of {possessive} plan</h2>
      <BudgetChart lines={account.lines} possessive={context.possessive} notes={notes} />
    </>
  );
}
