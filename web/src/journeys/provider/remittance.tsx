/**
 * A remittance for the provider's accountant: the payouts between two dates, counted and added up
 * on the page, and the same as a CSV file to download.
 */
import { useState } from 'react';
import { useCsvFile } from '../../components/csv-download.tsx';
import { DateRangeForm } from '../../components/date-field.tsx';
import { ErrorSummary } from '../../components/govuk.tsx';
import { Await } from '../../components/query.tsx';
import { formatDate, todayIso } from '../../lib/dates.ts';
import { formatPence } from '../../lib/money.ts';
import type { SummaryIssue } from '../../lib/problems.ts';
import { useRouteQuery } from '../../session.tsx';

export function RemittanceSection({ providerId }: { providerId: string }) {
  const today = todayIso();
  const [period, setPeriod] = useState({ from: `${today.slice(0, 8)}01`, to: today });
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const remittance = useRouteQuery('getProviderRemittance', { params: { id: providerId }, query: period });
  const csv = useCsvFile(
    'getProviderRemittance',
    { params: { id: providerId }, query: { ...period, format: 'csv' } },
    remittance.isSuccess,
  );

  return (
    <section aria-labelledby="remittance-heading">
      <h2 className="govuk-heading-m" id="remittance-heading">
        Remittance for your accounts
      </h2>
      <p className="govuk-body">
        Every payout between two dates, with what it paid for and its references, to give your accountant. It
        never names the people you support.
      </p>
      <ErrorSummary issues={issues} />
      <DateRangeForm
        initial={period}
        ids={{ from: 'remittance-from', to: 'remittance-to' }}
        issues={issues}
        onIssues={setIssues}
        onPeriod={setPeriod}
      />
      <Await query={remittance} loading="Loading the remittance…">
        {(data) => (
          <>
            <p className="govuk-body" data-testid="remittance-summary">
              {data.items.length === 0
                ? `No payouts from ${formatDate(data.from)} to ${formatDate(data.to)}.`
                : `${data.items.length} ${data.items.length === 1 ? 'payout' : 'payouts'} from ${formatDate(
                    data.from,
                  )} to ${formatDate(data.to)}, ${formatPence(data.totalPence, { pence: 'always' })} in all.`}
            </p>
            {csv.url && (
              <p className="govuk-body">
                <a
                  className="govuk-link"
                  href={csv.url}
                  download={`remittance-${data.from}-to-${data.to}.csv`}
                >
                  Download the remittance (CSV)
                </a>
              </p>
            )}
          </>
        )}
      </Await>
    </section>
  );
}
