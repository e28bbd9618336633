/**
 * A remittance for the provider's accountant: the payouts between two dates, counted and added up
 * on the page, and the same as a CSV file to download.
 */
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { type ApiError, callApiText } from '../../api/client.ts';
import { Button, DateInput, ErrorSummary, errorFor } from '../../components/govuk.tsx';
import { Await } from '../../components/query.tsx';
import { formatDate, parseDateParts, partsOf, todayIso } from '../../lib/dates.ts';
import { formatPence } from '../../lib/money.ts';
import type { SummaryIssue } from '../../lib/problems.ts';
import { useRouteQuery, useSession } from '../../session.tsx';

export function RemittanceSection({ providerId }: { providerId: string }) {
  const { token, withToken } = useSession();
  const today = todayIso();
  const [period, setPeriod] = useState({ from: `${today.slice(0, 8)}01`, to: today });
  const [fromParts, setFromParts] = useState(partsOf(period.from));
  const [toParts, setToParts] = useState(partsOf(period.to));
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const remittance = useRouteQuery('getProviderRemittance', { params: { id: providerId }, query: period });
  const csv = useQuery<string, ApiError>({
    queryKey: ['getProviderRemittance.csv', providerId, period, token ? 'signed-in' : 'anonymous'],
    queryFn: () =>
      withToken((current) =>
        callApiText(
          'getProviderRemittance',
          { params: { id: providerId }, query: { ...period, format: 'csv' } },
          { token: current },
        ),
      ),
    enabled: remittance.isSuccess,
  });
  const [csvUrl, setCsvUrl] = useState<string>();
  useEffect(() => {
    if (!csv.data) return;
    const url = URL.createObjectURL(new Blob([csv.data], { type: 'text/csv' }));
    setCsvUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [csv.data]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: SummaryIssue[] = [];
    const from = parseDateParts(fromParts, 'the start date');
    const to = parseDateParts(toParts, 'the end date');
    if (!from.ok) found.push({ fieldId: 'remittance-from', message: from.message });
    if (!to.ok) found.push({ fieldId: 'remittance-to', message: to.message });
    if (from.ok && to.ok && to.iso < from.iso)
      found.push({ fieldId: 'remittance-to', message: 'The end date must be after the start date' });
    setIssues(found);
    if (found.length === 0 && from.ok && to.ok) {
      setCsvUrl(undefined);
      setPeriod({ from: from.iso, to: to.iso });
    }
  };

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
      <form onSubmit={onSubmit} noValidate>
        <DateInput
          id="remittance-from"
          legend="From"
          value={fromParts}
          onChange={setFromParts}
          error={errorFor(issues, 'remittance-from')}
        />
        <DateInput
          id="remittance-to"
          legend="To"
          value={toParts}
          onChange={setToParts}
          error={errorFor(issues, 'remittance-to')}
        />
        <Button variant="secondary">Show these dates</Button>
      </form>
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
            {csvUrl && (
              <p className="govuk-body">
                <a
                  className="govuk-link"
                  href={csvUrl}
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
