/** Finding group purchases near a postcode: the holder's own to start with. */
import { categories, categoryLabel } from '@carepool/domain';
import { Link } from 'react-router';
import type { ResponseOf } from '../../api/client.ts';
import { AreaSearchFields, useAreaSearch } from '../../components/area-search.tsx';
import { Button, ErrorSummary, Tag } from '../../components/govuk.tsx';
import { PageTitle } from '../../components/layout.tsx';
import { Await } from '../../components/query.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { nextPrice } from '../../lib/groups.ts';
import { formatPence } from '../../lib/money.ts';
import { distanceWords } from '../../lib/search.ts';
import { useAllPages, useMe, useRouteQuery, useSession } from '../../session.tsx';

type Group = ResponseOf<'getGroup'>;

export function GroupsPage() {
  const { token } = useSession();
  const me = useMe();
  const own = useRouteQuery(
    'getPerson',
    { params: { id: me.data?.personId ?? '' } },
    { enabled: Boolean(me.data?.personId) },
  );
  // A holder's own postcode (or, if the API leaves it out, their district) is the natural place to start.
  const search = useAreaSearch({
    path: '/groups',
    defaultMiles: '5',
    missingPostcode: 'Enter your postcode',
    home: own.data?.postcode ?? own.data?.outcode,
  });
  const { near, category, issues } = search;
  const results = useAllPages(
    'searchGroups',
    { query: search.query },
    { enabled: Boolean(near) && Boolean(token) },
  );
  const personId = me.data?.roles.includes('holder') ? me.data.personId : undefined;
  const what = categories.find((c) => c.code === category)?.label;
  return (
    <>
      <PageTitle
        title={near ? `Group purchases near ${near}` : 'Group purchases'}
        error={issues.length > 0}
      />
      <ErrorSummary issues={issues} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-xl">Group purchases</h1>
          <p className="govuk-body">
            Pay less each by buying support together with other people near you. Nobody sees who has joined a
            group, only how many.
          </p>
          {personId && (
            <p className="govuk-body">
              <Link className="govuk-link" to={`/people/${personId}/groups`}>
                Your group purchases
              </Link>
            </p>
          )}
          {!token ? (
            <p className="govuk-body">
              <Link className="govuk-link" to="/sign-in">
                Sign in
              </Link>{' '}
              to see group purchases near you.
            </p>
          ) : (
            <form onSubmit={search.onSubmit} noValidate>
              <AreaSearchFields
                form={search.form}
                onChange={search.setForm}
                issues={issues}
                postcodeLabel="Your postcode"
                milesLabel="How far from your postcode?"
                autoComplete="postal-code"
              />
              <Button>Search</Button>
            </form>
          )}
          {near && token && (
            <Await query={results} loading="Searching…">
              {(data) => (
                <>
                  <h2 className="govuk-heading-l">
                    {what ? `${what} groups` : 'Groups'} near {near}
                  </h2>
                  {data.items.length === 0 ? (
                    <>
                      <p className="govuk-body" role="status">
                        There are no groups open to join near {near} at the moment.
                      </p>
                      <p className="govuk-body">
                        You can start one:{' '}
                        <Link className="govuk-link" to="/find-support?group=yes">
                          find support with group prices
                        </Link>
                        , then choose “Start a group”.
                      </p>
                    </>
                  ) : (
                    <>
                      <p className="govuk-body" role="status">
                        {data.items.length} {data.items.length === 1 ? 'group is' : 'groups are'} open to
                        join, the soonest to close first.
                      </p>
                      <ul className="govuk-list" aria-label="Groups open to join">
                        {data.items.map((group) => (
                          <GroupResult key={group.groupId} group={group} />
                        ))}
                      </ul>
                    </>
                  )}
                </>
              )}
            </Await>
          )}
        </div>
      </div>
    </>
  );
}

function GroupResult({ group }: { group: Group }) {
  const next = group.placesLeft > 0 ? nextPrice(group, group.memberCount) : undefined;
  return (
    <li className="app-result">
      <h3 className="govuk-heading-m govuk-!-margin-bottom-2">
        <Link className="govuk-link" to={`/groups/${group.groupId}`}>
          {group.title}
        </Link>
      </h3>
      <p className="govuk-body govuk-!-margin-bottom-1">
        {group.providerName} · {categoryLabel(group.category)}
      </p>
      <ul className="govuk-list govuk-body-s">
        <li>
          <strong>
            {formatPence(group.pricePerPersonNowPence)} each now
            {group.sessions > 1 && ` for all ${group.sessions} sessions`}
          </strong>
          {next && ` · ${next.more} more and it is ${formatPence(next.eachPence)} each`}
        </li>
        <li>
          {group.memberCount} joined, {group.placesLeft} {group.placesLeft === 1 ? 'place' : 'places'} left
        </li>
        <li>Join by {formatDateTime(group.deadline)}</li>
        {group.distanceKm !== undefined && group.where.mode !== 'online' && (
          <li>{distanceWords(group.distanceKm)}</li>
        )}
      </ul>
      {group.yourMembership && <Tag colour="turquoise">You are in this group</Tag>}
    </li>
  );
}
