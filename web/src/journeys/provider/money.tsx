/**
 * A provider's money: one line each for what it is owed, what is booked and what reached its bank,
 * then its payouts (newest first, each with a short reference and what it paid for), and a
 * remittance to download for its accountant.
 */
import { Link, useParams, useSearchParams } from 'react-router';
import type { ResponseOf } from '../../api/client.ts';
import { BackLink, Pagination, SummaryList, Tag } from '../../components/govuk.tsx';
import { PageTitle } from '../../components/layout.tsx';
import { Await } from '../../components/query.tsx';
import { formatDate } from '../../lib/dates.ts';
import { formatPence } from '../../lib/money.ts';
import { useRouteQuery } from '../../session.tsx';
import { RemittanceSection } from './remittance.tsx';

type Payout = ResponseOf<'listProviderPayouts'>['items'][number];

const payoutStates: Record<Payout['status'], { text: string; colour: string }> = {
  sent: { text: 'Sent to your bank', colour: 'green' },
  due: { text: 'On its way', colour: 'blue' },
  failed: { text: 'Not sent yet: we are trying again', colour: 'yellow' },
  held: { text: 'Held until the council checks you', colour: 'orange' },
};

export function ProviderMoneyPage() {
  const { providerId = '' } = useParams();
  const [params] = useSearchParams();
  const cursor = params.get('cursor') ?? undefined;
  const money = useRouteQuery('listProviderPayouts', {
    params: { id: providerId },
    query: { limit: 20, ...(cursor === undefined ? {} : { cursor }) },
  });
  const name = money.data?.providerName;
  return (
    <>
      <PageTitle title="Money and payouts" error={money.isError} />
      <BackLink to="/provider">My services</BackLink>
      {name && <span className="govuk-caption-l">{name}</span>}
      <h1 className="govuk-heading-xl">Money and payouts</h1>
      <Await query={money} loading="Loading your money…">
        {(data) => (
          <>
            <SummaryList
              rows={[
                {
                  key: 'Owed to you',
                  value: (
                    <>
                      <strong data-testid="owed">{formatPence(data.owedPence, { pence: 'always' })}</strong>
                      <p className="govuk-body-s govuk-!-margin-bottom-0">
                        Confirmed and paid by the person, not in your bank yet.
                      </p>
                    </>
                  ),
                },
                {
                  key: 'Booked, not confirmed yet',
                  value: (
                    <>
                      <strong data-testid="pending">
                        {formatPence(data.pendingPence, { pence: 'always' })}
                      </strong>
                      <p className="govuk-body-s govuk-!-margin-bottom-0">
                        Set aside for bookings, including work you delivered that the person has not confirmed
                        yet. It is paid to you once they confirm (or after 7 days).
                      </p>
                    </>
                  ),
                },
                {
                  key: 'Paid to your bank',
                  value: (
                    <strong data-testid="paid">{formatPence(data.paidPence, { pence: 'always' })}</strong>
                  ),
                },
              ]}
            />
            <h2 className="govuk-heading-m">Payouts</h2>
            {data.items.length === 0 ? (
              <p className="govuk-body">Nothing has been paid out to you yet.</p>
            ) : (
              <ul className="govuk-list" aria-label="Payouts, newest first">
                {data.items.map((payout) => (
                  <PayoutItem key={payout.payoutId} payout={payout} />
                ))}
              </ul>
            )}
            <Pagination
              previous={cursor ? `/provider/${providerId}/money` : undefined}
              next={
                data.nextCursor
                  ? `/provider/${providerId}/money?cursor=${encodeURIComponent(data.nextCursor)}`
                  : undefined
              }
            />
          </>
        )}
      </Await>
      <RemittanceSection providerId={providerId} />
    </>
  );
}

function PayoutItem({ payout }: { payout: Payout }) {
  const state = payoutStates[payout.status];
  const forWhat = payout.paidFor;
  const to = forWhat.kind === 'group' ? `/groups/${forWhat.id}` : `/orders/${forWhat.id}`;
  return (
    <li className="app-result">
      <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
        {formatPence(payout.amountPence, { pence: 'always' })} on {formatDate(payout.paidAt)}
      </h3>
      <p className="govuk-body govuk-!-margin-bottom-1">
        <Link className="govuk-link" to={to}>
          {forWhat.words}
        </Link>
      </p>
      <p className="govuk-body-s govuk-!-margin-bottom-1">
        Payout reference <strong>{payout.reference}</strong>,{' '}
        {forWhat.kind === 'group' ? 'group purchase' : forWhat.kind} reference{' '}
        <strong>{forWhat.reference}</strong>
      </p>
      <Tag colour={state.colour}>{state.text}</Tag>
    </li>
  );
}
