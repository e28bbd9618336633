/** Leaving a group (or taking the person you act for out of it): the money set aside goes back. */
import { Link, useParams } from 'react-router';
import { FormPage, useDoneMutation } from '../../components/done-form.tsx';
import { Button, ButtonGroup } from '../../components/govuk.tsx';
import { personQuery, usePersonChoice } from '../../components/person-chooser.tsx';
import { Await } from '../../components/query.tsx';
import { formatPence } from '../../lib/money.ts';
import { issuesFromError } from '../../lib/problems.ts';
import { usePerson } from '../../person.ts';
import { useApi, useMe, useRouteQuery } from '../../session.tsx';
import { useMembership } from './use-membership.ts';

export function LeaveGroupPage() {
  const { groupId = '' } = useParams();
  const group = useRouteQuery('getGroup', { params: { id: groupId }, query: {} });
  const me = useMe();
  const { personId } = usePersonChoice();
  const self = personId === me.data?.personId;
  const { context } = usePerson(personId ?? '');
  const membership = useMembership(group.data, personId, self);
  const api = useApi();
  const forQuery = personQuery(personId, self);
  const leave = useDoneMutation({
    mutationFn: () => api('leaveGroup', { params: { id: groupId }, body: { personId: personId ?? '' } }),
    to: () => `/groups/${groupId}?done=left${forQuery ? `&${forQuery.slice(1)}` : ''}`,
  });
  const title = self ? 'Leave the group?' : `Take ${context.who.firstName} out of the group?`;
  return (
    <FormPage
      title={title}
      back={`/groups/${groupId}${forQuery}`}
      issues={leave.isError ? issuesFromError(leave.error, { who: context.who }) : []}
      caption={group.data?.title}
    >
      <Await query={group}>
        {(data) => (
          <>
            <p className="govuk-body">
              The {membership ? formatPence(membership.reservedPence) : 'money'} set aside for it goes back
              into {self ? 'your' : `${context.who.firstName}’s`} budget at once.
              {data.placesLeft >= 0 && ' You can join again while the group is open, if there is a place.'}
            </p>
            <ButtonGroup>
              <Button
                variant="warning"
                type="button"
                disabled={leave.isPending}
                onClick={() => leave.mutate()}
              >
                Leave the group
              </Button>
              <Link className="govuk-link" to={`/groups/${groupId}${forQuery}`}>
                Stay in the group
              </Link>
            </ButtonGroup>
          </>
        )}
      </Await>
    </FormPage>
  );
}
