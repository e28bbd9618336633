/** The groups a person is in, and those they left: counts and prices, never other members. */
import { Link, useParams } from 'react-router';
import type { ResponseOf } from '../../api/client.ts';
import { BackLink } from '../../components/govuk.tsx';
import { PageTitle } from '../../components/layout.tsx';
import { Await } from '../../components/query.tsx';
import { formatDate } from '../../lib/dates.ts';
import { joinedWords, memberStatuses, scheduleWords } from '../../lib/groups.ts';
import { formatPence } from '../../lib/money.ts';
import { usePerson } from '../../person.ts';
import { useAllPages, useRouteQuery } from '../../session.tsx';
import { GroupStatusTag } from './group-status-tag.tsx';

type MembershipRow = ResponseOf<'listPersonGroups'>['items'][number];

export function PersonGroupsPage() {
  const { personId = '' } = useParams();
  const { context } = usePerson(personId);
  const memberships = useAllPages('listPersonGroups', { params: { id: personId }, query: {} });
  const self = context.relationship === 'self';
  const title = self ? 'Your group purchases' : `${context.name}’s group purchases`;
  const forQuery = self ? '' : `?person=${encodeURIComponent(personId)}`;
  return (
    <>
      <PageTitle title={title} error={memberships.isError} />
      <BackLink to={`/people/${personId}`}>Back to the budget</BackLink>
      <h1 className="govuk-heading-xl">{title}</h1>
      <p className="govuk-body">
        <Link className="govuk-link" to="/groups">
          Find a group to join near {self ? 'you' : context.who.firstName}
        </Link>
      </p>
      <Await query={memberships} who={context.who}>
        {(data) => {
          const current = data.items.filter((m) => m.status === 'joined' || m.status === 'settled');
          const past = data.items.filter((m) => m.status === 'left' || m.status === 'released');
          if (data.items.length === 0) return <p className="govuk-body">Not in any group purchases yet.</p>;
          return (
            <>
              <Memberships
                heading={`Groups ${self ? 'you are' : 'they are'} in`}
                items={current}
                forQuery={forQuery}
              />
              <Memberships
                heading={`Groups ${self ? 'you' : 'they'} left`}
                items={past}
                forQuery={forQuery}
              />
            </>
          );
        }}
      </Await>
    </>
  );
}

function Memberships({
  heading,
  items,
  forQuery,
}: {
  heading: string;
  items: MembershipRow[];
  forQuery: string;
}) {
  if (items.length === 0) return null;
  return (
    <>
      <h2 className="govuk-heading-m">{heading}</h2>
      <ul className="govuk-list">
        {items.map((m) => (
          <MembershipItem key={m.groupId} membership={m} forQuery={forQuery} />
        ))}
      </ul>
    </>
  );
}

function MembershipItem({ membership, forQuery }: { membership: MembershipRow; forQuery: string }) {
  const group = useRouteQuery('getGroup', { params: { id: membership.groupId }, query: {} });
  return (
    <li className="app-result">
      <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
        <Link className="govuk-link" to={`/groups/${membership.groupId}${forQuery}`}>
          {/* The group's name once it has loaded: never its id as words. */}
          {group.data?.title ?? 'Group purchase'}
        </Link>
      </h3>
      {group.data && (
        <p className="govuk-body-s govuk-!-margin-bottom-1">
          {group.data.providerName} · {scheduleWords(group.data.schedule)}
        </p>
      )}
      <p className="govuk-body-s govuk-!-margin-bottom-1">
        {memberStatuses[membership.status]}
        {membership.status === 'joined' && `: ${formatPence(membership.reservedPence)} set aside`}
        {membership.status === 'settled' && `: ${formatPence(membership.paidPence ?? 0)}`}
      </p>
      {group.data && <GroupStatusTag status={group.data.status} />}
      {group.data?.status === 'open' && group.data.minimumMet === false && (
        <p className="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0">
          {joinedWords(group.data.memberCount, group.data.minParticipants)} It closes on{' '}
          {formatDate(group.data.deadline)}.
        </p>
      )}
    </li>
  );
}
