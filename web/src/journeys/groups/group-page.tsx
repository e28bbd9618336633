/**
 * One group purchase: what it costs now and how the price falls as people join, the person's
 * place in it, and what the organiser, the provider and the members can do next. Counts only:
 * a group never names its members.
 */
import { useParams } from 'react-router';
import { DoneBanner, useDoneMutation } from '../../components/done-form.tsx';
import { BackLink, Button, ButtonLink, ErrorSummary, InsetText, Loading } from '../../components/govuk.tsx';
import { PageTitle } from '../../components/layout.tsx';
import { personQuery, usePersonChoice } from '../../components/person-chooser.tsx';
import { Await } from '../../components/query.tsx';
import { formatDate, formatDateTime } from '../../lib/dates.ts';
import { formatPence } from '../../lib/money.ts';
import { issuesFromError } from '../../lib/problems.ts';
import { usePerson } from '../../person.ts';
import { useApi, useMe, useRouteQuery } from '../../session.tsx';
import { GroupFacts } from './group-facts.tsx';
import { GroupStatusTag } from './group-status-tag.tsx';
import { PriceStepChart } from './price-chart.tsx';
import { useMembership } from './use-membership.ts';
import { YourPlace } from './your-place.tsx';

const doneMessages: Record<string, string> = {
  created:
    'You started the group. Share this page with people who might like to join. Nobody sees who has joined, only how many.',
  joined: 'You joined the group. The money is set aside, and the price can only fall.',
  left: 'You left the group. The money set aside for it has been released.',
  closed:
    'You closed the group. Everyone in it has paid their share of the final price, and anything set aside above it has been released.',
  delivered: 'You recorded that the group was delivered. The members will be asked to confirm it.',
  confirmed: 'You confirmed the delivery. The provider is being paid from the money held for the group.',
};

export function GroupPage() {
  const { groupId = '' } = useParams();
  const group = useRouteQuery('getGroup', { params: { id: groupId }, query: {} });
  const me = useMe();
  const { personId } = usePersonChoice();
  const self = Boolean(personId) && personId === me.data?.personId;
  const { context, person } = usePerson(personId ?? '');
  const membership = useMembership(group.data, personId, self);
  const api = useApi();
  const confirm = useDoneMutation({
    // A delegate confirms for the member they act for; a holder for themselves.
    mutationFn: () =>
      api('confirmGroup', { params: { id: groupId }, body: personId && !self ? { personId } : {} }),
    to: () => `/groups/${groupId}?done=confirmed`,
    replace: true,
  });
  const roles = me.data?.roles ?? [];
  const mayBuy = roles.some((r) => r === 'holder' || r === 'representative' || r === 'broker');
  // Someone acting for a holder joins for them only if the holder let them.
  const canJoin = mayBuy && (self || context.can('group:join'));
  const isProvider = roles.includes('provider') || roles.includes('broker');
  const whose = self || !personId ? 'your' : `${context.who.firstName}’s`;
  const youWord = self || !personId ? 'you' : context.who.firstName;
  const forQuery = personQuery(personId, self);
  return (
    <>
      <PageTitle title={group.data?.title ?? 'Group purchase'} error={group.isError || confirm.isError} />
      {me.data?.personId && roles.includes('holder') ? (
        <BackLink to={`/people/${me.data.personId}/groups`}>Your group purchases</BackLink>
      ) : mayBuy ? (
        <BackLink to="/groups">Group purchases</BackLink>
      ) : null}
      {confirm.isError && <ErrorSummary issues={issuesFromError(confirm.error)} />}
      <DoneBanner messages={doneMessages} />
      {!group.data && <h1 className="govuk-heading-l">Group purchase</h1>}
      <Await query={group}>
        {(data) => (
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-two-thirds">
              <span className="govuk-caption-l">{data.providerName}</span>
              <h1 className="govuk-heading-l">{data.title}</h1>
              <p className="govuk-body">
                <GroupStatusTag status={data.status} />
              </p>
              {data.description && <p className="govuk-body">{data.description}</p>}
              <GroupFacts group={data} />
              {data.status === 'open' && <PriceStepChart group={data} memberCount={data.memberCount} />}
              {data.status === 'missed' && (
                <InsetText>
                  Fewer than {data.minParticipants} people joined by the deadline, so the group did not go
                  ahead. Nobody paid anything: all the money set aside was released.
                </InsetText>
              )}
              {personId && (
                <YourPlace
                  group={data}
                  membership={membership}
                  whose={whose}
                  youWord={youWord}
                  name={self ? undefined : (person.data?.name ?? context.name)}
                  forQuery={forQuery}
                  canJoin={canJoin}
                />
              )}
              {data.youAreOrganiser && data.status === 'open' && (
                <>
                  <h2 className="govuk-heading-m">You organised this group</h2>
                  {data.minimumMet ? (
                    <>
                      <p className="govuk-body">
                        Enough people have joined. You can close the group now, or leave it open until{' '}
                        {formatDateTime(data.deadline)} for more people to join and the price to fall.
                      </p>
                      <ButtonLink to={`/groups/${groupId}/close`} variant="secondary">
                        Close the group now
                      </ButtonLink>
                    </>
                  ) : (
                    <p className="govuk-body">
                      You can close the group early once {data.minParticipants} people have joined. Otherwise
                      it closes on {formatDateTime(data.deadline)}.
                    </p>
                  )}
                </>
              )}
              {isProvider && data.status === 'settled' && (
                <>
                  <h2 className="govuk-heading-m">For the provider</h2>
                  <p className="govuk-body">
                    When the support has been delivered, record it. The members then confirm, and you are paid{' '}
                    {formatPence(data.settlement?.totalPence ?? 0)} from the money held for the group.
                  </p>
                  <ButtonLink to={`/groups/${groupId}/deliver`}>Record that it was delivered</ButtonLink>
                </>
              )}
              {data.status === 'delivered' &&
                (data.youAreOrganiser || data.yourMembership?.status === 'settled') && (
                  <>
                    <h2 className="govuk-heading-m">Was it delivered?</h2>
                    <p className="govuk-body">
                      Confirm only if the support was delivered. {data.providerName} will then be paid{' '}
                      {formatPence(data.settlement?.totalPence ?? 0)} from the money held for the group. If
                      nobody confirms, it confirms itself
                      {data.autoConfirmAt ? ` on ${formatDate(data.autoConfirmAt)}` : ' after 7 days'}.
                    </p>
                    <Button type="button" disabled={confirm.isPending} onClick={() => confirm.mutate()}>
                      Confirm it was delivered
                    </Button>
                    {confirm.isPending && <Loading>Confirming and paying the provider…</Loading>}
                  </>
                )}
            </div>
          </div>
        )}
      </Await>
    </>
  );
}
