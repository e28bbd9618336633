/** Open requests for support near a postcode, and the requests this user made. */
import { Link } from 'react-router';
import { AreaSearchFields, useAreaSearch } from '../../components/area-search.tsx';
import { Button, ErrorSummary } from '../../components/govuk.tsx';
import { PageTitle } from '../../components/layout.tsx';
import { Await } from '../../components/query.tsx';
import { rememberedList } from '../../components/steps.tsx';
import { formatDate } from '../../lib/dates.ts';
import { formatPence } from '../../lib/money.ts';
import { distanceWords } from '../../lib/search.ts';
import { useAllPages, useMe, useRouteQuery, useSession } from '../../session.tsx';
import { peopleWords, requestHeading, requestsKey } from './request-words.ts';

export function FindRequestsPage() {
  const { token } = useSession();
  const me = useMe();
  const search = useAreaSearch({
    path: '/requests',
    defaultMiles: '10',
    missingPostcode: 'Enter a postcode',
  });
  const { near, issues } = search;
  const results = useAllPages(
    'findRequests',
    { query: search.query },
    { enabled: Boolean(near) && Boolean(token) },
  );
  const mine = rememberedList(requestsKey(me.data)).get();
  const roles = me.data?.roles ?? [];
  const isProvider = roles.includes('provider') || roles.includes('broker');
  const canAsk = roles.some((r) => r === 'holder' || r === 'representative' || r === 'broker');
  const title = isProvider ? 'Requests for support near you' : 'Requests for support';
  return (
    <>
      <PageTitle title={near ? `${title} (${near})` : title} error={issues.length > 0} />
      <ErrorSummary issues={issues} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-xl">{title}</h1>
          <p className="govuk-body">
            {isProvider
              ? 'People near you have asked for support that nothing listed meets. Send a quote for what you could offer. You never see who asked, only what they need and how many people would like it.'
              : 'Support people near you have asked for. If you would like it too, say so: providers see how many people want it, never who.'}
          </p>
          {canAsk && (
            <p className="govuk-body">
              <Link className="govuk-link" to="/requests/new">
                Ask for support that is not listed
              </Link>
            </p>
          )}
          {mine.length > 0 && (
            <>
              <h2 className="govuk-heading-m">Requests you made</h2>
              <ul className="govuk-list">
                {mine.map((id) => (
                  <li key={id}>
                    <RequestLink requestId={id} />
                  </li>
                ))}
              </ul>
            </>
          )}
          {token && (
            <form onSubmit={search.onSubmit} noValidate>
              <AreaSearchFields
                form={search.form}
                onChange={search.setForm}
                issues={issues}
                postcodeLabel="Postcode"
                milesLabel="How far away?"
              />
              <Button>Search</Button>
            </form>
          )}
          {near && token && (
            <Await query={results} loading="Searching…">
              {(data) => (
                <>
                  <h2 className="govuk-heading-l">Open requests near {near}</h2>
                  <p className="govuk-body" role="status">
                    {data.items.length === 0
                      ? `There are no open requests near ${near} at the moment.`
                      : `${data.items.length} ${data.items.length === 1 ? 'request' : 'requests'}, the soonest to close first.`}
                  </p>
                  <ul className="govuk-list" aria-label="Open requests">
                    {data.items.map((request) => (
                      <li className="app-result" key={request.requestId}>
                        <h3 className="govuk-heading-m govuk-!-margin-bottom-2">
                          <Link className="govuk-link" to={`/requests/${request.requestId}`}>
                            {requestHeading(request)}
                          </Link>
                        </h3>
                        <p className="govuk-body govuk-!-margin-bottom-2">{request.description}</p>
                        <ul className="govuk-list govuk-body-s">
                          <li>For {peopleWords(request)}</li>
                          <li>When: {request.when}</li>
                          <li>Up to {formatPence(request.budgetCeilingPerPersonPence)} each</li>
                          <li>Quotes welcome until {formatDate(request.respondBy)}</li>
                          {request.distanceKm !== undefined && <li>{distanceWords(request.distanceKm)}</li>}
                        </ul>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </Await>
          )}
        </div>
      </div>
    </>
  );
}

function RequestLink({ requestId }: { requestId: string }) {
  const request = useRouteQuery('getRequest', { params: { id: requestId } });
  return (
    <Link className="govuk-link app-break-word" to={`/requests/${requestId}`}>
      {/* What was asked for once it has loaded: never the request's id as words. */}
      {request.data
        ? `${requestHeading(request.data)}: ${request.data.quotes.length} ${request.data.quotes.length === 1 ? 'quote' : 'quotes'}`
        : 'Request for support'}
    </Link>
  );
}
