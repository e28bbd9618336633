import { shortReference } from '@carepool/domain';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { CsvDownloadLink, useCsvFile } from '../../components/csv-download.tsx';
import { DateRangeForm, exampleDate } from '../../components/date-field.tsx';
import {
  BackLink,
  ErrorSummary,
  InsetText,
  NotificationBanner,
  SummaryList,
} from '../../components/govuk.tsx';
import { PageTitle } from '../../components/layout.tsx';
import { Await, LoadError } from '../../components/query.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { SpendNow } from '../../components/spend-now.tsx';
import { formatDate, todayIso } from '../../lib/dates.ts';
import { delegateScopes, transferCodes } from '../../lib/labels.ts';
import { formatPence } from '../../lib/money.ts';
import type { SummaryIssue } from '../../lib/problems.ts';
import { statementRowNote } from '../../lib/statement.ts';
import { useLineNotes, usePerson } from '../../person.ts';
import { useMe, useRouteQuery } from '../../session.tsx';
import { HolderAccountSection } from '../accounts/accounts.tsx';
import { AuditTrailLink } from '../auditor/audit-trail.tsx';
import { OutcomeSurveyOffer } from '../oversight/monitoring.tsx';
import { NeedsDecision, OversightNotice, OversightSummary } from '../oversight/oversight-level.tsx';
import { TopUpBanner } from './money.tsx';

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "My budget": what is left on each plan line, the balance, and everything else to do. */
export function PersonHomePage() {
  const { personId = '' } = useParams();
  const { me, person, context } = usePerson(personId);
  const canSeeMoney = context.can('account:read');
  const account = useRouteQuery('getAccount', { params: { id: personId } }, { enabled: canSeeMoney });
  const notes = useLineNotes(personId, context);
  const roles = me.data?.roles ?? [];
  const [params] = useSearchParams();
  const title = context.relationship === 'self' ? 'Your budget' : `${context.name}’s budget`;
  const links: Array<{ to: string; text: string; show: boolean }> = [
    { to: '/find-support', text: 'Find and book support', show: context.can('order:create') },
    {
      to: `/people/${personId}/orders`,
      text: 'Bookings and payments',
      show: context.sees.orders,
    },
    { to: `/people/${personId}/invoices/new`, text: 'Pay an invoice', show: context.can('order:create') },
    {
      to: `/people/${personId}/groups`,
      text: 'Group purchases',
      show: context.sees.groups && context.relationship !== 'council',
    },
    {
      to: `/requests/new?person=${personId}`,
      text: 'Ask for support that is not listed',
      show: context.can('order:create'),
    },
    {
      to: `/people/${personId}/top-up`,
      text: 'Add money from family or friends',
      show:
        (context.relationship === 'self' || context.relationship === 'delegate') &&
        roles.some((r) => r === 'holder' || r === 'representative'),
    },
    { to: `/people/${personId}/statement`, text: 'Statement of money in and out', show: canSeeMoney },
    { to: `/people/${personId}/plan`, text: 'Support plan', show: context.can('plan:read') },
    {
      to: `/people/${personId}/delegations`,
      text: 'Who can act for you',
      show: context.relationship === 'self',
    },
    { to: `/people/${personId}/budget/edit`, text: 'Set the budget', show: roles.includes('care_manager') },
    {
      to: `/finance?person=${personId}`,
      text: 'Pay money into this account',
      show: roles.includes('finance'),
    },
  ];
  return (
    <>
      <PageTitle title={title} error={person.isError} />
      {context.relationship === 'delegate' && <BackLink to="/acting-for">People you help</BackLink>}
      {context.relationship === 'council' && <BackLink to="/council">Council work</BackLink>}
      {params.get('invited') === 'holder' && person.data && (
        <NotificationBanner success title="Invitation sent">
          <p className="govuk-notification-banner__heading">
            We have sent {person.data.name} an invitation to sign in. It works for 7 days.
          </p>
        </NotificationBanner>
      )}
      {params.get('oversight') === 'changed' && (
        <NotificationBanner success title="Saved">
          <p className="govuk-notification-banner__heading">
            The level is changed. {context.who.firstName} sees it, with your reason.
          </p>
        </NotificationBanner>
      )}
      <TopUpBanner
        personId={personId}
        whose={context.relationship === 'self' ? 'your' : `${context.name}’s`}
      />
      <h1 className="govuk-heading-xl">{title}</h1>
      <OutcomeSurveyOffer personId={personId} />
      {person.isError && <LoadError error={person.error} />}
      {person.data && context.relationship === 'delegate' && (
        <InsetText>
          You are acting for {person.data.name}. {context.who.firstName} lets you:{' '}
          {(me.data?.actsFor.find((a) => a.personId === personId)?.scopes ?? [])
            .map((s) => delegateScopes[s as keyof typeof delegateScopes]?.toLowerCase() ?? s)
            .join('; ')}
          .
        </InsetText>
      )}
      {person.data && <OversightNotice person={person.data} context={context} />}
      {person.data && context.relationship === 'council' && context.sees.orders && (
        <NeedsDecision personId={personId} />
      )}
      {canSeeMoney ? (
        <Await query={account} who={context.who} loading="Loading the account…">
          {(data) => <SpendNow account={data} person={person.data} context={context} notes={notes} />}
        </Await>
      ) : (
        person.data && (
          <InsetText>
            {context.who.firstName} has not given you permission to see the money in their account.
          </InsetText>
        )
      )}
      <h2 className="govuk-heading-m">What you can do</h2>
      <ul className="govuk-list">
        {links
          .filter((link) => link.show)
          .map((link) => (
            <li key={link.to}>
              <Link className="govuk-link" to={link.to}>
                {link.text}
              </Link>
            </li>
          ))}
      </ul>
      {person.data?.budget && (
        <p className="govuk-body-s">
          Yearly budget: {formatPence(person.data.budget.allocationPence)} from{' '}
          {formatDate(person.data.budget.planYearStart)}.
        </p>
      )}
      {person.data && context.relationship === 'council' && (
        <OversightSummary person={person.data} canChange={roles.includes('care_manager')} />
      )}
      {person.data && context.relationship === 'council' && roles.includes('care_manager') && (
        <HolderAccountSection personId={personId} name={person.data.name} />
      )}
      {person.data && <AuditTrailLink entityType="person" id={personId} />}
    </>
  );
}

function planYearStartOr(iso: string | undefined): string {
  return iso ?? `${todayIso().slice(0, 4)}-04-01`;
}

/** Stands for the first page in the list of earlier pages (it has no cursor). */
const firstPage = 'first';

export function StatementPage() {
  const { personId = '' } = useParams();
  const { person, context } = usePerson(personId);
  const [params, setParams] = useSearchParams();
  const defaultFrom = planYearStartOr(person.data?.budget?.planYearStart);
  const from = params.get('from') ?? defaultFrom;
  const to = params.get('to') ?? todayIso();
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  // Lines come a page at a time: `cursor` is this page, `earlier` the pages before it, for Previous.
  const cursor = params.get('cursor') ?? undefined;
  const earlier = (params.get('earlier') ?? '').split(',').filter(Boolean);
  const pageLink = (page: string | undefined, before: string[]) => {
    const search = new URLSearchParams({ from, to });
    if (page !== undefined && page !== firstPage) search.set('cursor', page);
    if (before.length > 0) search.set('earlier', before.join(','));
    return `?${search.toString()}`;
  };
  const statement = useRouteQuery(
    'getStatement',
    { params: { id: personId }, query: { from, to, ...(cursor === undefined ? {} : { cursor }) } },
    { enabled: Boolean(person.data) },
  );
  const csv = useCsvFile(
    'getStatement',
    { params: { id: personId }, query: { from, to, format: 'csv' } },
    statement.isSuccess,
  );
  const title = context.relationship === 'self' ? 'Your statement' : `${context.name}’s statement`;
  return (
    <>
      <PageTitle title={title} error={issues.length > 0 || statement.isError} />
      <BackLink to={`/people/${personId}`}>Back to the budget</BackLink>
      <ErrorSummary issues={issues} />
      <h1 className="govuk-heading-xl">{title}</h1>
      <DateRangeForm
        initial={{ from, to }}
        fromHint={exampleDate(-30)}
        issues={issues}
        onIssues={setIssues}
        onPeriod={(period) => setParams(period)}
      />
      <Await query={statement} who={context.who} loading="Loading the statement…">
        {(data) => (
          <>
            <h2 className="govuk-heading-m">
              {formatDate(data.from)} to {formatDate(data.to)}
            </h2>
            <SummaryList
              rows={[
                {
                  key: `Balance on ${formatDate(data.from)}`,
                  value: formatPence(data.openingBalancePence, { pence: 'always' }),
                },
                {
                  key: `Balance on ${formatDate(data.to)}`,
                  value: formatPence(data.closingBalancePence, { pence: 'always' }),
                },
              ]}
            />
            <CsvDownloadLink
              file={csv}
              fileName={`carepool-statement-${data.from}-to-${data.to}.csv`}
              text="Download this statement as a spreadsheet (CSV)"
            />
            {data.lines.length === 0 ? (
              <p className="govuk-body">No money went in or out between these dates.</p>
            ) : (
              <ScrollTable caption="Money in and out, oldest first" testId="statement">
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <th scope="col" className="govuk-table__header">
                      Date
                    </th>
                    <th scope="col" className="govuk-table__header">
                      What happened
                    </th>
                    <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                      In or out
                    </th>
                    <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                      Balance
                    </th>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {data.lines.map((line, index) => {
                    const note = statementRowNote(line);
                    return (
                      // biome-ignore lint/suspicious/noArrayIndexKey: a transfer can appear twice (reserved, then paid)
                      <tr className="govuk-table__row" key={`${line.transferId}-${index}`}>
                        <td className="govuk-table__cell">{formatDate(line.at)}</td>
                        <td className="govuk-table__cell">
                          {capitalise(line.description || transferCodes[line.code])}
                          {note && (
                            <span className="govuk-hint govuk-!-margin-bottom-0 govuk-body-s"> {note}.</span>
                          )}
                          {line.reference && (
                            <span className="govuk-hint govuk-!-margin-bottom-0 govuk-body-s">
                              {' '}
                              Reference {shortReference(line.reference)}
                            </span>
                          )}
                        </td>
                        <td className="govuk-table__cell govuk-table__cell--numeric">
                          {line.amountPence === 0
                            ? 'Nothing yet'
                            : formatPence(line.amountPence, { pence: 'always' })}
                        </td>
                        <td className="govuk-table__cell govuk-table__cell--numeric">
                          {formatPence(line.balanceAfterPence, { pence: 'always' })}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </ScrollTable>
            )}
            {(earlier.length > 0 || data.nextCursor !== undefined) && (
              <nav className="govuk-pagination" aria-label="Pages of this statement">
                {earlier.length > 0 && (
                  <div className="govuk-pagination__prev">
                    <Link
                      className="govuk-link govuk-pagination__link"
                      rel="prev"
                      to={pageLink(earlier[earlier.length - 1], earlier.slice(0, -1))}
                    >
                      <span className="govuk-pagination__link-title">Previous page</span>
                    </Link>
                  </div>
                )}
                {data.nextCursor !== undefined && (
                  <div className="govuk-pagination__next">
                    <Link
                      className="govuk-link govuk-pagination__link"
                      rel="next"
                      to={pageLink(data.nextCursor, [...earlier, cursor ?? firstPage])}
                    >
                      <span className="govuk-pagination__link-title">Next page</span>
                    </Link>
                  </div>
                )}
              </nav>
            )}
          </>
        )}
      </Await>
    </>
  );
}

export function ActingForPage() {
  const me = useMe();
  return (
    <>
      <PageTitle title="People you help" />
      <h1 className="govuk-heading-xl">People you help</h1>
      <Await query={me}>
        {(data) =>
          data.actsFor.length === 0 ? (
            <p className="govuk-body">
              Nobody has given you access to their budget yet. When they do, they will appear here.
            </p>
          ) : (
            <>
              <p className="govuk-body">Choose whose budget you want to look after.</p>
              {data.actsFor.map((person) => (
                <div className="govuk-summary-card" key={person.personId}>
                  <div className="govuk-summary-card__title-wrapper">
                    <h2 className="govuk-summary-card__title">
                      <Link className="govuk-link" to={`/people/${person.personId}`}>
                        {person.name}
                      </Link>
                    </h2>
                  </div>
                  <div className="govuk-summary-card__content">
                    <p className="govuk-body">{person.name.split(' ')[0]} lets you:</p>
                    <ul className="govuk-list govuk-list--bullet">
                      {person.scopes.map((scope) => (
                        <li key={scope}>{delegateScopes[scope as keyof typeof delegateScopes] ?? scope}</li>
                      ))}
                    </ul>
                  </div>
                </div>
              ))}
            </>
          )
        }
      </Await>
    </>
  );
}
