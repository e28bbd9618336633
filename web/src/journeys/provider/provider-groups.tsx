import { Link } from 'react-router';
import { Await } from '../../components/query.tsx';
import { formatDate } from '../../lib/dates.ts';
import { groupStatuses } from '../../lib/groups.ts';
import { useAllPages } from '../../session.tsx';

/** The group purchases a provider runs, each opening the group's page, where delivery is recorded. */
export function ProviderGroups({ providerId, name }: { providerId: string; name: string }) {
  const groups = useAllPages('listProviderGroups', { params: { id: providerId }, query: {} });
  return (
    <>
      <h3 className="govuk-heading-s">Group purchases {name} runs</h3>
      <Await query={groups} loading="Loading the group purchases…">
        {(data) =>
          data.items.length === 0 ? (
            <p className="govuk-body">No group purchases yet.</p>
          ) : (
            <ul className="govuk-list" aria-label={`Group purchases of ${name}`}>
              {data.items.map((group) => (
                <li key={group.groupId}>
                  <Link className="govuk-link" to={`/groups/${group.groupId}`}>
                    {group.title}
                  </Link>{' '}
                  <span className="govuk-body-s">
                    {groupStatuses[group.status].text}, {group.memberCount} joined,{' '}
                    {group.schedule.kind === 'one_off' ? 'on' : 'first session'}{' '}
                    {formatDate(
                      group.schedule.kind === 'one_off' ? group.schedule.at : group.schedule.firstAt,
                    )}
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </Await>
    </>
  );
}
