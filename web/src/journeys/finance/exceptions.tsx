import { shortReference } from '@carepool/domain';
/**
 * Reconciliation exceptions: payouts where our ledger and the bank (the payment rail) disagree,
 * for finance to look into. Each says what went wrong in words, both amounts, and a short
 * reference to quote.
 */
import type { ResponseOf } from '../../api/client.ts';
import { BackLink, SummaryCard, SummaryList } from '../../components/govuk.tsx';
import { PageTitle } from '../../components/layout.tsx';
import { Await } from '../../components/query.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { formatPence } from '../../lib/money.ts';
import { useRouteQuery } from '../../session.tsx';

type Exception = ResponseOf<'listReconciliationExceptions'>['items'][number];

const kindWords: Record<Exception['kind'], string> = {
  missing_on_rail: 'We recorded a payout the bank never sent',
  duplicated_on_rail: 'The bank sent a payout more than once',
  amount_mismatch: 'The bank sent a different amount from the one we recorded',
  unknown_on_rail: 'The bank sent a payout we have no record of',
};

function ExceptionCard({ exception }: { exception: Exception }) {
  const reference = exception.orderId ?? exception.ledgerTransferId ?? exception.railTransferIds[0];
  return (
    <SummaryCard title={kindWords[exception.kind]}>
      <SummaryList
        rows={[
          { key: 'Found', value: formatDateTime(exception.detectedAt) },
          exception.ledgerAmountPence !== undefined && {
            key: 'We recorded',
            value: formatPence(exception.ledgerAmountPence),
          },
          {
            key: 'The bank sent',
            value:
              exception.railAmountPence !== undefined
                ? `${formatPence(exception.railAmountPence)}${exception.railTransferIds.length > 1 ? ` in ${exception.railTransferIds.length} payments` : ''}`
                : 'Nothing',
          },
          reference && { key: 'Reference', value: shortReference(reference) },
        ]}
      />
    </SummaryCard>
  );
}

export function ReconciliationExceptionsPage() {
  const exceptions = useRouteQuery('listReconciliationExceptions', { query: {} });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title="Payments that do not match" error={exceptions.isError} />
        <BackLink to="/finance">Back</BackLink>
        <h1 className="govuk-heading-l">Payments that do not match</h1>
        <p className="govuk-body">
          Payouts where our records and the bank’s disagree. The nightly check finds them; payouts that failed
          are sent again automatically.
        </p>
        <Await query={exceptions} loading="Loading the exceptions…">
          {(data) => {
            // The list is growing paging (`nextCursor`); until then it answers whole.
            const more = (data as { nextCursor?: string }).nextCursor !== undefined;
            return data.items.length === 0 ? (
              <p className="govuk-body">Everything matches: there is nothing to look into.</p>
            ) : (
              <div data-testid="exceptions">
                <p className="govuk-body" role="status">
                  {data.items.length} {data.items.length === 1 ? 'payment does' : 'payments do'} not match
                  {more ? ' (the oldest first; more after these)' : ''}.
                </p>
                {data.items.map((exception) => (
                  <ExceptionCard key={exception.exceptionId} exception={exception} />
                ))}
              </div>
            );
          }}
        </Await>
      </div>
    </div>
  );
}
