/**
 * What people asked for that nobody met, by postcode area and kind of support, as a chart and a
 * table, for care managers and auditors.
 */
import { categoryLabel } from '@carepool/domain';
import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { DateField, readDate } from '../../components/date-field.tsx';
import { BackLink, Button, ErrorSummary } from '../../components/govuk.tsx';
import { PageTitle } from '../../components/layout.tsx';
import { Await } from '../../components/query.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { addDays, formatDate, partsOf, todayIso } from '../../lib/dates.ts';
import { demandBars } from '../../lib/demand.ts';
import type { SummaryIssue } from '../../lib/problems.ts';
import { useRouteQuery } from '../../session.tsx';

export function UnmetDemandPage() {
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? addDays(todayIso(), -90);
  const to = params.get('to') ?? todayIso();
  const [fromParts, setFromParts] = useState(partsOf(from));
  const [toParts, setToParts] = useState(partsOf(to));
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const report = useRouteQuery('unmetDemand', { query: { from, to } });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: SummaryIssue[] = [];
    const f = readDate(found, 'from', fromParts, { label: 'the start date' });
    const t = readDate(found, 'to', toParts, { label: 'the end date' });
    if (f && t && t < f)
      found.push({ fieldId: 'to', message: 'The end date must be the same as or after the start date' });
    setIssues(found);
    if (found.length === 0 && f && t) setParams({ from: f, to: t });
  };
  return (
    <>
      <PageTitle
        title="Support people asked for that nobody met"
        error={issues.length > 0 || report.isError}
      />
      <BackLink to="/council">Council work</BackLink>
      <ErrorSummary issues={issues} />
      <h1 className="govuk-heading-xl">Support people asked for that nobody met</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body">
            Requests for support whose time for quotes ran out without one being accepted, by postcode area
            and kind of support. It shows where the local market is not meeting people’s needs.
          </p>
          <form onSubmit={onSubmit} noValidate>
            <DateField
              id="from"
              legend="Requests made from"
              value={fromParts}
              onChange={setFromParts}
              issues={issues}
            />
            <DateField id="to" legend="To" value={toParts} onChange={setToParts} issues={issues} />
            <Button variant="secondary">Show these dates</Button>
          </form>
        </div>
      </div>
      <Await query={report}>
        {(data) => {
          const bars = demandBars(data.rows);
          return (
            <>
              <h2 className="govuk-heading-l">
                {formatDate(data.from)} to {formatDate(data.to)}
              </h2>
              <p className="govuk-body-l" data-testid="unmet-summary">
                {data.unmetRequests} of {data.totalRequests}{' '}
                {data.totalRequests === 1 ? 'request' : 'requests'} made in this time went unmet.
              </p>
              {bars.length === 0 ? (
                <p className="govuk-body">Every request in this time was met, or is still open to quotes.</p>
              ) : (
                <div className="govuk-grid-row">
                  <div className="govuk-grid-column-two-thirds">
                    <h3 className="govuk-heading-m">People waiting, by area and kind of support</h3>
                    <p className="govuk-body-s">
                      Each bar counts the people a request was for and those who said they would like it too.
                      The area is the first letters of the postcode, like HG for Harrogate.
                    </p>
                    <ul className="app-bar-chart" aria-label="People waiting, by area and kind of support">
                      {bars.map((bar) => (
                        <li className="app-bar-chart__item" key={bar.key}>
                          <span className="app-bar-chart__label">{bar.label}</span>
                          <div className="app-bar-chart__track" aria-hidden="true">
                            <div className="app-bar-chart__fill" style={{ width: `${bar.percent}%` }} />
                          </div>
                          <p className="app-bar-chart__figures govuk-!-margin-bottom-0">{bar.figures}</p>
                        </li>
                      ))}
                    </ul>
                    <ScrollTable caption="The same figures as a table" captionSize="m" testId="unmet-demand">
                      <thead className="govuk-table__head">
                        <tr className="govuk-table__row">
                          <th scope="col" className="govuk-table__header">
                            Area
                          </th>
                          <th scope="col" className="govuk-table__header">
                            Kind of support
                          </th>
                          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                            People
                          </th>
                          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                            Requests
                          </th>
                          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                            Quotes
                          </th>
                        </tr>
                      </thead>
                      <tbody className="govuk-table__body">
                        {bars.map((bar) => (
                          <tr className="govuk-table__row" key={bar.key}>
                            <th scope="row" className="govuk-table__header">
                              {bar.area}
                            </th>
                            <td className="govuk-table__cell">{categoryLabel(bar.category)}</td>
                            <td className="govuk-table__cell govuk-table__cell--numeric">{bar.people}</td>
                            <td className="govuk-table__cell govuk-table__cell--numeric">{bar.requests}</td>
                            <td className="govuk-table__cell govuk-table__cell--numeric">
                              {bar.quotesReceived}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </ScrollTable>
                  </div>
                </div>
              )}
            </>
          );
        }}
      </Await>
    </>
  );
}
