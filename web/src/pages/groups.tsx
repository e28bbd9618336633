/**
 * Group purchases: find groups near you, see what a group costs now and if one or two more join,
 * join one against a plan line (with a check-answers page that says what is set aside and that the
 * price can only fall), leave, start a group from a listing with group prices, close it early,
 * record delivery (provider) and confirm it. A group shows counts, never people.
 */
import { type Category, categories, categoryLabel } from '@carepool/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { type BodyOf, checkBody, newIdempotencyKey, type ResponseOf } from '../api/client.ts';
import {
  BackLink,
  Button,
  ButtonGroup,
  ButtonLink,
  DateInput,
  ErrorSummary,
  errorFor,
  InsetText,
  Loading,
  NotificationBanner,
  Radios,
  Select,
  SummaryList,
  Tag,
  Textarea,
  TextInput,
  WarningText,
} from '../components/govuk.tsx';
import { PageTitle } from '../components/layout.tsx';
import { Await, LoadError } from '../components/query.tsx';
import { useFocusOnStep } from '../components/steps.tsx';
import {
  addDays,
  type DateParts,
  formatDate,
  formatDateTime,
  parseClock,
  parseDateParts,
  partsOf,
  todayIso,
  ukDateTime,
} from '../lib/dates.ts';
import {
  groupStatuses,
  isSimulatedRail,
  joinedWords,
  memberStatuses,
  scheduleWords,
  tierWords,
} from '../lib/groups.ts';
import { formatPence } from '../lib/money.ts';
import { issuesFromError, issuesFromFields, type SummaryIssue } from '../lib/problems.ts';
import { distances, distanceWords, milesToKm, postcodePattern } from '../lib/search.ts';
import { previewSpendCheck, spendSentence } from '../lib/spend.ts';
import { usePerson } from '../person.ts';
import { useAllPages, useApi, useMe, useRouteQuery, useSession } from '../session.tsx';
import { useBookingPerson, usePlanLines } from './booking.tsx';
import { SimulatedRailTag } from './money.tsx';
import { whereWords } from './search.tsx';

type Group = ResponseOf<'getGroup'>;
type Membership = NonNullable<Group['yourMembership']>;

export function GroupStatusTag({ status }: { status: Group['status'] }) {
  const { text, colour } = groupStatuses[status];
  return <Tag colour={colour}>{text}</Tag>;
}

const personQuery = (personId: string | undefined, self: boolean) =>
  personId && !self ? `?person=${encodeURIComponent(personId)}` : '';

/** The group prices, as ranges of people, or the shared total. */
function pricingWords(group: Pick<Group, 'pricing' | 'maxParticipants'>): string[] {
  return group.pricing.kind === 'per_person'
    ? tierWords(group.pricing.tiers, group.maxParticipants)
    : [`${formatPence(group.pricing.totalPence)} in all, shared equally between everyone`];
}

/** For someone acting for several people: who is this for? Then back with ?person=. */
export function ChoosePerson({
  caption,
  question,
  to,
}: {
  caption: string;
  question: string;
  to(personId: string): string;
}) {
  const me = useMe();
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  return (
    <>
      <PageTitle title={question} error={issues.length > 0} />
      <ErrorSummary issues={issues} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!value) setIssues([{ fieldId: 'person', message: 'Choose who this is for' }]);
          else navigate(to(value));
        }}
      >
        <span className="govuk-caption-l">{caption}</span>
        <Radios
          id="person"
          name="person"
          legend={question}
          isPageHeading
          value={value}
          onChange={setValue}
          error={errorFor(issues, 'person')}
          options={(me.data?.actsFor ?? []).map((p) => ({ value: p.personId, text: p.name }))}
        />
        <Button>Continue</Button>
      </form>
    </>
  );
}

// Finding groups

export function GroupsPage() {
  const [params] = useSearchParams();
  const { token } = useSession();
  const me = useMe();
  const navigate = useNavigate();
  const own = useRouteQuery(
    'getPerson',
    { params: { id: me.data?.personId ?? '' } },
    { enabled: Boolean(me.data?.personId) },
  );
  const near = params.get('near') ?? '';
  const category = params.get('category') ?? '';
  const miles = params.get('miles') ?? '5';
  const [form, setForm] = useState({ near, category, miles });
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  // A holder's own postcode (or, if the API leaves it out, their district) is the natural place to start.
  const home = own.data?.postcode ?? own.data?.outcode;
  useEffect(() => {
    if (!near && home) setForm((f) => (f.near ? f : { ...f, near: home }));
  }, [near, home]);
  const results = useAllPages(
    'searchGroups',
    {
      query: {
        near,
        radiusKm: milesToKm(Number(miles) || 5),
        ...(category ? { category: category as Category } : {}),
      },
    },
    { enabled: Boolean(near) && Boolean(token) },
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const postcode = form.near.trim();
    const found: SummaryIssue[] = [];
    if (!postcode) found.push({ fieldId: 'near', message: 'Enter your postcode' });
    else if (!postcodePattern.test(postcode))
      found.push({
        fieldId: 'near',
        message: 'Enter a real postcode, like HG1 2AB, or its first half, like HG1',
      });
    setIssues(found);
    if (found.length) return;
    const next = new URLSearchParams({ near: postcode.toUpperCase(), miles: form.miles });
    if (form.category) next.set('category', form.category);
    navigate(`/groups?${next.toString()}`);
  };
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
            <form onSubmit={onSubmit} noValidate>
              <TextInput
                id="near"
                label="Your postcode"
                labelSize="s"
                hint="For example, HG1 2AB, or just HG1."
                width={10}
                autoComplete="postal-code"
                spellCheck={false}
                value={form.near}
                onChange={(value) => setForm({ ...form, near: value })}
                error={errorFor(issues, 'near')}
              />
              <Select
                id="category"
                label="What kind of support? (optional)"
                labelSize="s"
                value={form.category}
                onChange={(value) => setForm({ ...form, category: value })}
                options={[
                  { value: '', text: 'Anything' },
                  ...categories.map((c) => ({ value: c.code, text: c.label })),
                ]}
              />
              <Select
                id="miles"
                label="How far from your postcode?"
                labelSize="s"
                value={form.miles}
                onChange={(value) => setForm({ ...form, miles: value })}
                options={distances
                  .filter((d) => milesToKm(d) <= 50)
                  .map((d) => ({ value: String(d), text: `Within ${d} ${d === 1 ? 'mile' : 'miles'}` }))}
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
  const cheaper =
    group.ifOneMoreJoinsPence !== undefined && group.ifOneMoreJoinsPence < group.pricePerPersonNowPence;
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
          <strong>{formatPence(group.pricePerPersonNowPence)} each now</strong>
          {cheaper && ` · ${formatPence(group.ifOneMoreJoinsPence ?? 0)} each if one more joins`}
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

// One group

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

/**
 * The membership of the person the page is about: your own (the group says), or that of the person
 * you act for (from their list of groups: the group only knows the signed-in person).
 */
function useMembership(group: Group | undefined, personId: string | undefined, self: boolean) {
  const theirs = useAllPages(
    'listPersonGroups',
    { params: { id: personId ?? '' }, query: {} },
    { enabled: Boolean(personId) && !self && Boolean(group) },
  );
  if (!group) return undefined;
  if (self) return group.yourMembership;
  const found = theirs.data?.items.find(
    (m) => m.groupId === group.groupId && (m.status === 'joined' || m.status === 'settled'),
  );
  return found
    ? ({
        status: found.status,
        reservedPence: found.reservedPence,
        ...(found.paidPence === undefined ? {} : { paidPence: found.paidPence }),
      } satisfies Membership)
    : undefined;
}

export function GroupPage() {
  const { groupId = '' } = useParams();
  const [params] = useSearchParams();
  const group = useRouteQuery('getGroup', { params: { id: groupId }, query: {} });
  const me = useMe();
  const { personId } = useBookingPerson();
  const self = Boolean(personId) && personId === me.data?.personId;
  const { context, person } = usePerson(personId ?? '');
  const membership = useMembership(group.data, personId, self);
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const confirm = useMutation({
    // A delegate confirms for the member they act for; a holder for themselves.
    mutationFn: () =>
      api('confirmGroup', { params: { id: groupId }, body: personId && !self ? { personId } : {} }),
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      navigate(`/groups/${groupId}?done=confirmed`, { replace: true });
    },
  });
  const done = params.get('done');
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
      {done && doneMessages[done] && (
        <NotificationBanner success title="Done">
          <p className="govuk-notification-banner__heading">{doneMessages[done]}</p>
        </NotificationBanner>
      )}
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

function GroupFacts({ group }: { group: Group }) {
  const open = group.status === 'open';
  const belowMinimum = group.memberCount < group.minParticipants;
  return (
    <SummaryList
      rows={[
        open && {
          key: 'Price each now',
          value: (
            <>
              <strong>{formatPence(group.pricePerPersonNowPence)}</strong>
              {belowMinimum && ` (the price for ${group.minParticipants} people, the fewest it needs)`}
            </>
          ),
        },
        open && {
          key: 'If one more joins',
          value:
            group.ifOneMoreJoinsPence === undefined
              ? 'The group is full'
              : `${formatPence(group.ifOneMoreJoinsPence)} each`,
        },
        open &&
          group.ifOneMoreJoinsPence !== undefined && {
            key: 'If two more join',
            value:
              group.ifTwoMoreJoinPence === undefined
                ? 'Only one place is left'
                : `${formatPence(group.ifTwoMoreJoinPence)} each`,
          },
        group.settlement && {
          key: 'Final price',
          value: (
            <>
              <strong>{formatPence(group.settlement.pricePerPersonPence)} each</strong> for a group of{' '}
              {group.settlement.members} ({formatPence(group.settlement.totalPence)} in all)
            </>
          ),
        },
        open && {
          key: 'Places left',
          value: `${group.placesLeft} of ${group.maxParticipants}`,
        },
        {
          key: 'Joined',
          value: open ? joinedWords(group.memberCount, group.minParticipants) : String(group.memberCount),
        },
        open && { key: 'Last day to join', value: formatDateTime(group.deadline) },
        { key: 'When', value: scheduleWords(group.schedule) },
        { key: 'Where', value: whereWords(group) },
        group.distanceKm !== undefined &&
          group.where.mode !== 'online' && { key: 'Distance', value: distanceWords(group.distanceKm) },
        {
          key: group.sessions > 1 ? 'Group prices, per session' : 'Group prices',
          value: (
            <ul className="govuk-list">
              {pricingWords(group).map((words) => (
                <li key={words}>{words}</li>
              ))}
            </ul>
          ),
        },
        group.sessions > 1 && {
          key: 'You pay for',
          value: (
            <span data-testid="sessions-charged">
              All {group.sessions} sessions: {formatPence(group.pricePerSessionNowPence)} a session,{' '}
              {formatPence(group.pricePerPersonNowPence)} each in all at the price now
            </span>
          ),
        },
        group.delivery && {
          key: 'Delivered',
          value: `${formatDateTime(group.delivery.at)}${group.delivery.notes ? `: ${group.delivery.notes}` : ''}`,
        },
        group.payout && {
          key: 'Paid to the provider',
          value: (
            <>
              {group.payout.status === 'held'
                ? 'Not yet: the provider is not verified at the moment, so the payment waits until the council has checked the provider again.'
                : group.payout.status === 'failed' || group.payout.status === 'due'
                  ? 'Not yet: the payment to the provider has not gone through. Carepool will try again.'
                  : `${formatPence(group.settlement?.totalPence ?? 0)} to ${group.providerName}`}
              {isSimulatedRail(group.payout.railTransferId) && (
                <>
                  <br />
                  <SimulatedRailTag />
                </>
              )}
            </>
          ),
        },
        { key: 'Reference', value: <span className="app-break-word">{group.groupId}</span> },
      ]}
    />
  );
}

function YourPlace({
  group,
  membership,
  whose,
  youWord,
  name,
  forQuery,
  canJoin,
}: {
  group: Group;
  membership: Membership | undefined;
  whose: string;
  youWord: string;
  name: string | undefined;
  forQuery: string;
  canJoin: boolean;
}) {
  const id = group.groupId;
  const heading = name ? `${name}’s place` : 'Your place';
  if (membership?.status === 'joined') {
    return (
      <>
        <h2 className="govuk-heading-m">{heading}</h2>
        <p className="govuk-body">
          {name ?? 'You'} {name ? 'is' : 'are'} in this group. We have set aside{' '}
          <strong>{formatPence(membership.reservedPence)}</strong> from {whose} budget: the most {youWord}{' '}
          could pay. If more people join, {youWord} pay{name ? 's' : ''} less and the rest is released.
        </p>
        {group.status === 'open' && (
          <p className="govuk-body">
            <Link className="govuk-link" to={`/groups/${id}/leave${forQuery}`}>
              Leave this group
            </Link>
          </p>
        )}
      </>
    );
  }
  if (membership?.status === 'settled') {
    const paid = membership.paidPence ?? 0;
    const released = membership.reservedPence - paid;
    return (
      <>
        <h2 className="govuk-heading-m">{heading}</h2>
        <p className="govuk-body" data-testid="your-share">
          {name ? `${name}’s` : 'Your'} share: <strong>{formatPence(paid)}</strong>.
          {released > 0 &&
            ` We had set aside ${formatPence(membership.reservedPence)}; the other ${formatPence(released)} went back into ${whose} budget.`}
        </p>
      </>
    );
  }
  if (group.status !== 'open' || !canJoin) return null;
  if (group.placesLeft <= 0) return <p className="govuk-body">This group is full.</p>;
  return (
    <>
      <h2 className="govuk-heading-m">Join</h2>
      <p className="govuk-body">
        Joining sets aside {formatPence(group.reservationPence)} from {whose} budget, the most {youWord} could
        pay. The price can only fall from there.
      </p>
      <ButtonLink to={`/groups/${id}/join${forQuery}`}>Join this group</ButtonLink>
    </>
  );
}

// Joining

export function JoinGroupPage() {
  const { groupId = '' } = useParams();
  const group = useRouteQuery('getGroup', { params: { id: groupId }, query: {} });
  const me = useMe();
  const { personId, choose } = useBookingPerson();
  if (group.isError || !group.data || me.isPending) {
    return (
      <>
        <PageTitle title="Join a group" error={group.isError} />
        <h1 className="govuk-heading-l">Join a group</h1>
        {group.isError ? <LoadError error={group.error} /> : <Loading />}
      </>
    );
  }
  if (choose) {
    return (
      <ChoosePerson
        caption={group.data.title}
        question="Who is joining?"
        to={(id) => `/groups/${groupId}/join?person=${encodeURIComponent(id)}`}
      />
    );
  }
  if (!personId) {
    return (
      <>
        <PageTitle title="Join a group" />
        <h1 className="govuk-heading-l">Join a group</h1>
        <p className="govuk-body">Only a budget holder, or someone acting for them, can join a group.</p>
      </>
    );
  }
  return <JoinGroup group={group.data} personId={personId} />;
}

function JoinGroup({ group, personId }: { group: Group; personId: string }) {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { context, person } = usePerson(personId);
  const { lines, account, pending, error, hasPlan } = usePlanLines(personId, context);
  const chosen = params.get('line') ?? '';
  const [lineId, setLineId] = useState(chosen);
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const api = useApi();
  const queryClient = useQueryClient();
  const self = context.relationship === 'self';
  const forQuery = self ? '' : `person=${encodeURIComponent(personId)}`;
  const join = useMutation({
    mutationFn: () => api('joinGroup', { params: { id: group.groupId }, body: { personId, lineId: chosen } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      navigate(`/groups/${group.groupId}?done=joined${forQuery ? `&${forQuery}` : ''}`);
    },
  });
  const line = lines?.find((l) => l.lineId === chosen);
  const whose = self ? 'your' : `${context.who.firstName}’s`;
  const youWord = self ? 'you' : context.who.firstName;
  const forWhom = self ? '' : ` for ${person.data?.name ?? context.name}`;
  const base = `/groups/${group.groupId}/join`;

  if (!chosen || !line) {
    const onSubmit = (event: FormEvent) => {
      event.preventDefault();
      if (!lineId) {
        setIssues([{ fieldId: 'lineId', message: 'Choose which part of the plan pays for this' }]);
        return;
      }
      const next = new URLSearchParams(forQuery);
      next.set('line', lineId);
      navigate(`${base}?${next.toString()}`);
    };
    return (
      <>
        <PageTitle title={`Join ${group.title}${forWhom}`} error={issues.length > 0} />
        <BackLink to={`/groups/${group.groupId}${forQuery ? `?${forQuery}` : ''}`}>Back</BackLink>
        <ErrorSummary issues={issues} />
        <span className="govuk-caption-l">
          {group.providerName}: {formatPence(group.reservationPence)} set aside when you join
        </span>
        {pending && (
          <>
            <h1 className="govuk-heading-l">Join {group.title}</h1>
            <Loading>Loading the support plan…</Loading>
          </>
        )}
        {error && <LoadError error={error} who={context.who} />}
        {!pending && !error && !hasPlan && (
          <>
            <h1 className="govuk-heading-l">Join {group.title}</h1>
            <InsetText>{spendSentence('plan_not_approved', context.who)}</InsetText>
          </>
        )}
        {!pending && hasPlan && !lines && (
          <>
            <h1 className="govuk-heading-l">Join {group.title}</h1>
            <InsetText>
              {context.who.firstName} has not let you see their plan, so you cannot choose what pays for this.
            </InsetText>
          </>
        )}
        {lines && (
          <form onSubmit={onSubmit} noValidate>
            <Radios
              id="lineId"
              name="lineId"
              legend={`Which part of ${whose} plan pays for this?`}
              isPageHeading
              hint={`This group is ${categoryLabel(group.category).toLowerCase()}.`}
              value={lineId}
              onChange={setLineId}
              error={errorFor(issues, 'lineId')}
              options={[...lines]
                .sort((a, b) => Number(b.category === group.category) - Number(a.category === group.category))
                .map((l) => ({
                  value: l.lineId,
                  text: l.title,
                  hint: [
                    l.notes,
                    l.leftNowPence !== undefined ? `${formatPence(l.leftNowPence)} left now` : undefined,
                    l.category === group.category
                      ? 'Covers this kind of support'
                      : "Doesn't cover this kind of support",
                  ]
                    .filter(Boolean)
                    .join('. '),
                }))}
            />
            <Button>Continue</Button>
          </form>
        )}
      </>
    );
  }

  const preview = previewSpendCheck(
    { costPence: group.reservationPence, listingCategory: group.category, providerVerified: true },
    line,
    account,
    context.who,
  );
  const change = `${base}${forQuery ? `?${forQuery}` : ''}`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title="Check before you join" error={join.isError} />
        <BackLink to={change}>Back</BackLink>
        <ErrorSummary
          title="You cannot join this group"
          issues={join.isError ? issuesFromError(join.error, { who: context.who }) : []}
        />
        <span className="govuk-caption-l">{group.title}</span>
        <h1 className="govuk-heading-l">Check before you join</h1>
        <SummaryList
          rows={[
            !self && { key: 'For', value: person.data?.name ?? context.name },
            { key: 'Group', value: `${group.title} (${group.providerName})` },
            { key: 'When', value: scheduleWords(group.schedule) },
            {
              key: 'Paid from',
              value: line.title,
              action: { to: change, text: 'Change', hidden: 'which part of the plan pays' },
            },
            {
              key: 'Set aside now',
              value: (
                <strong data-testid="set-aside">
                  {formatPence(group.reservationPence)}: the most {youWord} could pay
                </strong>
              ),
            },
            {
              key: 'Price each now',
              value:
                group.sessions > 1
                  ? `${formatPence(group.pricePerPersonNowPence)} for all ${group.sessions} sessions (${formatPence(group.pricePerSessionNowPence)} a session; ${group.memberCount} joined so far)`
                  : `${formatPence(group.pricePerPersonNowPence)} (${group.memberCount} joined so far)`,
            },
            {
              key: 'The more people join',
              value: (
                <ul className="govuk-list">
                  {pricingWords(group).map((words) => (
                    <li key={words}>{words}</li>
                  ))}
                </ul>
              ),
            },
            { key: 'Last day to join', value: formatDateTime(group.deadline) },
          ]}
        />
        <h2 className="govuk-heading-m">The price can only fall</h2>
        <p className="govuk-body" data-testid="price-can-only-fall">
          We set aside {formatPence(group.reservationPence)} now. When the group closes,{' '}
          {self ? 'you pay' : `${youWord} pays`} the price for its final size, which can only be the same or
          lower, and the rest goes back into {whose} budget. If fewer than {group.minParticipants} people join
          by {formatDate(group.deadline)}, the group does not go ahead and all of it goes back.
        </p>
        <p className="govuk-body">
          {self ? 'You' : youWord} can leave at any time before the group closes. Nobody sees who has joined,
          only how many.
        </p>
        <h2 className="govuk-heading-m">Does it fit {whose} plan?</h2>
        {preview.length === 0 ? (
          <InsetText>
            <p className="govuk-body" data-testid="spend-preview">
              Yes.
              {line.leftNowPence !== undefined &&
                ` After joining there will be ${formatPence(line.leftNowPence - group.reservationPence)} left on ${line.title.toLowerCase()} for now.`}
            </p>
          </InsetText>
        ) : (
          <>
            <WarningText>Joining is likely to be refused:</WarningText>
            <ul className="govuk-list govuk-list--bullet" data-testid="spend-preview">
              {preview.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          </>
        )}
        <form
          onSubmit={(event) => {
            event.preventDefault();
            join.mutate();
          }}
        >
          <Button disabled={join.isPending}>Join and set aside {formatPence(group.reservationPence)}</Button>
          {join.isPending && <Loading>Joining and checking the plan…</Loading>}
        </form>
      </div>
    </div>
  );
}

// Leaving, closing, delivering

export function LeaveGroupPage() {
  const { groupId = '' } = useParams();
  const group = useRouteQuery('getGroup', { params: { id: groupId }, query: {} });
  const me = useMe();
  const { personId } = useBookingPerson();
  const self = personId === me.data?.personId;
  const { context } = usePerson(personId ?? '');
  const membership = useMembership(group.data, personId, self);
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const forQuery = personQuery(personId, self);
  const leave = useMutation({
    mutationFn: () => api('leaveGroup', { params: { id: groupId }, body: { personId: personId ?? '' } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      navigate(`/groups/${groupId}?done=left${forQuery ? `&${forQuery.slice(1)}` : ''}`);
    },
  });
  const title = self ? 'Leave the group?' : `Take ${context.who.firstName} out of the group?`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title={title} error={leave.isError} />
        <BackLink to={`/groups/${groupId}${forQuery}`}>Back</BackLink>
        {leave.isError && <ErrorSummary issues={issuesFromError(leave.error, { who: context.who })} />}
        {group.data && <span className="govuk-caption-l">{group.data.title}</span>}
        <h1 className="govuk-heading-l">{title}</h1>
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
      </div>
    </div>
  );
}

export function CloseGroupPage() {
  const { groupId = '' } = useParams();
  const group = useRouteQuery('getGroup', { params: { id: groupId }, query: {} });
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const close = useMutation({
    mutationFn: () => api('closeGroup', { params: { id: groupId } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      navigate(`/groups/${groupId}?done=closed`);
    },
  });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title="Close the group now?" error={close.isError} />
        <BackLink to={`/groups/${groupId}`}>Back</BackLink>
        {close.isError && <ErrorSummary issues={issuesFromError(close.error)} />}
        {group.data && <span className="govuk-caption-l">{group.data.title}</span>}
        <h1 className="govuk-heading-l">Close the group now?</h1>
        <Await query={group}>
          {(data) => (
            <>
              <SummaryList
                rows={[
                  { key: 'People in the group', value: String(data.memberCount) },
                  { key: 'Each pays', value: <strong>{formatPence(data.pricePerPersonNowPence)}</strong> },
                  {
                    key: 'In all',
                    value: formatPence(data.pricePerPersonNowPence * data.memberCount),
                  },
                  { key: 'When', value: scheduleWords(data.schedule) },
                ]}
              />
              <p className="govuk-body">
                Nobody else can join once it is closed. Each member pays their share from their budget, and
                anything set aside above it goes back to them. The money is held until {data.providerName} has
                delivered and someone in the group confirms it.
              </p>
              <Button type="button" disabled={close.isPending} onClick={() => close.mutate()}>
                Close the group
              </Button>
              {close.isPending && <Loading>Closing the group…</Loading>}
            </>
          )}
        </Await>
      </div>
    </div>
  );
}

export function DeliverGroupPage() {
  const { groupId = '' } = useParams();
  const group = useRouteQuery('getGroup', { params: { id: groupId }, query: {} });
  const [notes, setNotes] = useState('');
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const send = useMutation({
    mutationFn: (body: BodyOf<'deliverGroup'>) => api('deliverGroup', { params: { id: groupId }, body }),
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      navigate(`/groups/${groupId}?done=delivered`);
    },
    onError: (error) => setIssues(issuesFromError(error, { fields: { notes: 'notes' } })),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = { notes: notes.trim() };
    const found = issuesFromFields(checkBody('deliverGroup', body), { notes: 'notes' });
    setIssues(found);
    if (found.length === 0) send.mutate(body);
  };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title="Record that the group was delivered" error={issues.length > 0} />
        <BackLink to={`/groups/${groupId}`}>Back</BackLink>
        <ErrorSummary issues={issues} />
        {group.data && <span className="govuk-caption-l">{group.data.title}</span>}
        <h1 className="govuk-heading-l">Record that the group was delivered</h1>
        <Await query={group}>
          {(data) => (
            <form onSubmit={onSubmit} noValidate>
              <p className="govuk-body">
                {scheduleWords(data.schedule)}, for {data.settlement?.members ?? data.memberCount} people. You
                are paid {formatPence(data.settlement?.totalPence ?? 0)} once someone in the group confirms
                it.
              </p>
              <Textarea
                id="notes"
                label="Notes for the group (optional)"
                labelSize="s"
                hint="For example, what you did, or anything that changed on the day."
                rows={3}
                value={notes}
                onChange={setNotes}
                error={errorFor(issues, 'notes')}
              />
              <Button disabled={send.isPending}>Record delivery</Button>
            </form>
          )}
        </Await>
      </div>
    </div>
  );
}

// Starting a group (from a listing, or from a quote)

export interface GroupForm {
  title: string;
  min: string;
  max: string;
  deadline: DateParts;
  session: DateParts;
  time: string;
  how: string;
  weeks: string;
}

export type GroupSetupBody = Omit<BodyOf<'createGroup'>, 'listingId' | 'description' | 'showFirstNames'>;

/** Maps the API's field paths for a group's setup to the questions on the page. */
export const groupFields = (field: string): string | undefined => {
  if (field === 'title') return 'title';
  if (field === 'minParticipants') return 'min';
  if (field === 'maxParticipants') return 'max';
  if (field === 'deadline') return 'deadline';
  if (field === 'schedule.occurrences') return 'weeks';
  if (field.startsWith('schedule')) return 'session';
  return undefined;
};

export function newGroupForm(title: string, min: number, max: number, time = '10:00'): GroupForm {
  return {
    title,
    min: String(min),
    max: String(max),
    deadline: partsOf(addDays(todayIso(), 7)),
    session: partsOf(addDays(todayIso(), 10)),
    time,
    how: 'one_off',
    weeks: '',
  };
}

/** Checks the answers in people's words, then builds the group's setup as the API wants it. */
export function readGroupForm(
  form: GroupForm,
  limits: { smallest: number; capacity?: number | undefined; what: string },
): { issues: SummaryIssue[]; setup?: GroupSetupBody } {
  const found: SummaryIssue[] = [];
  if (!form.title.trim()) found.push({ fieldId: 'title', message: 'Enter a name for the group' });
  const min = Number(form.min.trim());
  const max = Number(form.max.trim());
  if (!Number.isInteger(min) || min < 2)
    found.push({ fieldId: 'min', message: 'Enter the fewest people as a whole number, 2 or more' });
  else if (min < limits.smallest)
    found.push({
      fieldId: 'min',
      message: `The group prices start at ${limits.smallest} people: enter ${limits.smallest} or more`,
    });
  if (!Number.isInteger(max) || max < 2)
    found.push({ fieldId: 'max', message: 'Enter the most people as a whole number, 2 or more' });
  else if (Number.isInteger(min) && max < min)
    found.push({ fieldId: 'max', message: 'The most people must be at least the fewest people' });
  else if (limits.capacity !== undefined && max > limits.capacity)
    found.push({ fieldId: 'max', message: `${limits.what} takes at most ${limits.capacity} people` });
  else if (max > 500) found.push({ fieldId: 'max', message: 'A group can have at most 500 people' });
  const deadline = parseDateParts(form.deadline, 'the last day to join');
  if (!deadline.ok) found.push({ fieldId: 'deadline', message: deadline.message });
  else if (deadline.iso < todayIso())
    found.push({ fieldId: 'deadline', message: 'The last day to join must be today or in the future' });
  const session = parseDateParts(form.session, 'the date of the first session');
  if (!session.ok) found.push({ fieldId: 'session', message: session.message });
  else if (deadline.ok && session.iso <= deadline.iso)
    found.push({ fieldId: 'session', message: 'The first session must be after the last day to join' });
  const time = parseClock(form.time);
  if (!time.ok) found.push({ fieldId: 'time', message: time.message });
  const weeks = Number(form.weeks.trim());
  if (!form.how) found.push({ fieldId: 'how', message: 'Choose how often it happens' });
  else if (form.how === 'weekly' && (!Number.isInteger(weeks) || weeks < 2 || weeks > 52))
    found.push({ fieldId: 'weeks', message: 'Enter how many weeks, from 2 to 52' });
  if (found.length || !deadline.ok || !session.ok || !time.ok) return { issues: found };
  const at = new Date(ukDateTime(session.iso, time.time)).toISOString();
  return {
    issues: [],
    setup: {
      title: form.title.trim(),
      minParticipants: min,
      maxParticipants: max,
      // The group closes at the end of the last day to join, UK time.
      deadline: new Date(ukDateTime(deadline.iso, '23:59')).toISOString(),
      schedule:
        form.how === 'weekly' ? { kind: 'weekly', firstAt: at, occurrences: weeks } : { kind: 'one_off', at },
    },
  };
}

/** The questions that set a group up: its name, how many, until when, and when it happens. */
export function GroupFormFields({
  form,
  onChange,
  issues,
  smallest,
  capacityHint,
}: {
  form: GroupForm;
  onChange(form: GroupForm): void;
  issues: SummaryIssue[];
  smallest: number;
  capacityHint?: string | undefined;
}) {
  const set = <K extends keyof GroupForm>(key: K, value: GroupForm[K]) => onChange({ ...form, [key]: value });
  const example = partsOf(addDays(todayIso(), 7));
  return (
    <>
      <TextInput
        id="title"
        label="Name of the group"
        labelSize="s"
        hint="People see this when they look for groups near them."
        value={form.title}
        onChange={(value) => set('title', value)}
        error={errorFor(issues, 'title')}
      />
      <TextInput
        id="min"
        label="The fewest people it needs to go ahead"
        labelSize="s"
        hint={`At least ${smallest}, where the group prices start.`}
        inputMode="numeric"
        width={3}
        value={form.min}
        onChange={(value) => set('min', value)}
        error={errorFor(issues, 'min')}
      />
      <TextInput
        id="max"
        label="The most people who can join"
        labelSize="s"
        hint={capacityHint}
        inputMode="numeric"
        width={3}
        value={form.max}
        onChange={(value) => set('max', value)}
        error={errorFor(issues, 'max')}
      />
      <DateInput
        id="deadline"
        legend="Last day to join"
        legendSize="s"
        hint={`The group closes at the end of this day. For example, ${example.day} ${example.month} ${example.year}`}
        value={form.deadline}
        onChange={(value) => set('deadline', value)}
        error={errorFor(issues, 'deadline')}
      />
      <DateInput
        id="session"
        legend="Date of the first session"
        legendSize="s"
        hint="After the last day to join."
        value={form.session}
        onChange={(value) => set('session', value)}
        error={errorFor(issues, 'session')}
      />
      <TextInput
        id="time"
        label="What time?"
        labelSize="s"
        hint="For example, 10:30 or 2pm"
        width={5}
        value={form.time}
        onChange={(value) => set('time', value)}
        error={errorFor(issues, 'time')}
      />
      <Radios
        id="how"
        name="how"
        legend="How often?"
        legendSize="s"
        value={form.how}
        onChange={(value) => set('how', value)}
        error={errorFor(issues, 'how')}
        options={[
          { value: 'one_off', text: 'Once' },
          {
            value: 'weekly',
            text: 'Every week',
            conditional: (
              <TextInput
                id="weeks"
                label="For how many weeks?"
                inputMode="numeric"
                width={3}
                value={form.weeks}
                onChange={(value) => set('weeks', value)}
                error={errorFor(issues, 'weeks')}
              />
            ),
          },
        ]}
      />
    </>
  );
}

/** The answers about a group, for a check-answers page. */
export function groupSetupRows(setup: GroupSetupBody, prices: string[]) {
  return [
    { key: 'Name', value: setup.title },
    { key: 'How many people', value: `At least ${setup.minParticipants}, at most ${setup.maxParticipants}` },
    { key: 'Last day to join', value: formatDateTime(setup.deadline) },
    { key: 'When', value: scheduleWords(setup.schedule) },
    {
      key: 'Price each',
      value: (
        <ul className="govuk-list">
          {prices.map((words) => (
            <li key={words}>{words}</li>
          ))}
        </ul>
      ),
    },
  ];
}

export function StartGroupPage() {
  const { listingId = '' } = useParams();
  const listing = useRouteQuery('getListing', { params: { id: listingId } });
  const me = useMe();
  if (listing.isError || !listing.data || me.isPending) {
    return (
      <>
        <PageTitle title="Start a group" error={listing.isError} />
        <h1 className="govuk-heading-l">Start a group</h1>
        {listing.isError ? <LoadError error={listing.error} /> : <Loading />}
      </>
    );
  }
  if (!me.data) {
    return (
      <>
        <PageTitle title="Start a group" />
        <h1 className="govuk-heading-l">Start a group</h1>
        <p className="govuk-body">
          <Link className="govuk-link" to={`/sign-in?next=/listings/${listingId}/start-group`}>
            Sign in to start a group
          </Link>
        </p>
      </>
    );
  }
  if (listing.data.groupTiers.length === 0) {
    return (
      <>
        <PageTitle title="Start a group" />
        <BackLink to={`/listings/${listingId}`}>Back</BackLink>
        <h1 className="govuk-heading-l">Start a group</h1>
        <p className="govuk-body">
          {listing.data.title} has no group prices, so a group would not cost anyone less. Choose support with
          group prices.
        </p>
      </>
    );
  }
  return <StartGroupForm listing={listing.data} />;
}

function StartGroupForm({ listing }: { listing: ResponseOf<'getListing'> }) {
  const smallest = Math.min(...listing.groupTiers.map((t) => t.minParticipants));
  const [form, setForm] = useState<GroupForm>(() =>
    newGroupForm(listing.title, smallest, Math.min(listing.capacity, 500), listing.availability[0]?.from),
  );
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const [setup, setSetup] = useState<GroupSetupBody>();
  const [step, setStep] = useState<'form' | 'check'>('form');
  const [idempotencyKey] = useState(newIdempotencyKey);
  useFocusOnStep(step);
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (request: BodyOf<'createGroup'>) => api('createGroup', { body: request }, { idempotencyKey }),
    onSuccess: async (group) => {
      await queryClient.invalidateQueries();
      navigate(`/groups/${group.groupId}?done=created`);
    },
    onError: (error) => {
      setIssues(issuesFromError(error, { fields: groupFields }));
      setStep('form');
    },
  });
  const onContinue = (event: FormEvent) => {
    event.preventDefault();
    const read = readGroupForm(form, { smallest, capacity: listing.capacity, what: listing.title });
    const found = [...read.issues];
    if (read.setup)
      found.push(
        ...issuesFromFields(
          checkBody('createGroup', { ...read.setup, listingId: listing.listingId }),
          groupFields,
        ),
      );
    setIssues(found);
    if (found.length === 0 && read.setup) {
      setSetup(read.setup);
      setStep('check');
    }
  };

  if (step === 'check' && setup) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <PageTitle title="Check the group before you start it" />
          <span className="govuk-caption-l">{listing.title}</span>
          <h1 className="govuk-heading-l">Check the group before you start it</h1>
          <SummaryList
            rows={[
              { key: 'Provider', value: listing.provider.name },
              { key: 'Where', value: whereWords(listing) },
              ...groupSetupRows(setup, tierWords(listing.groupTiers, setup.maxParticipants)),
            ]}
          />
          <p className="govuk-body">
            Starting a group does not set any money aside. Join it yourself once it has started. If fewer than{' '}
            {setup.minParticipants} people join by {formatDate(setup.deadline)}, it does not go ahead and
            nobody pays.
          </p>
          <ButtonGroup>
            <Button
              type="button"
              disabled={create.isPending}
              onClick={() => create.mutate({ ...setup, listingId: listing.listingId })}
            >
              Start the group
            </Button>
            <Button type="button" variant="secondary" onClick={() => setStep('form')}>
              Change the details
            </Button>
          </ButtonGroup>
          {create.isPending && <Loading>Starting the group…</Loading>}
        </div>
      </div>
    );
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title="Start a group" error={issues.length > 0} />
        <BackLink to={`/listings/${listing.listingId}`}>Back</BackLink>
        <ErrorSummary issues={issues} />
        <span className="govuk-caption-l">
          {listing.title}, {listing.provider.name}
        </span>
        <h1 className="govuk-heading-l">Start a group</h1>
        <p className="govuk-body">The more people join, the less each pays:</p>
        <ul className="govuk-list govuk-list--bullet">
          {tierWords(listing.groupTiers).map((words) => (
            <li key={words}>{words}</li>
          ))}
        </ul>
        <form onSubmit={onContinue} noValidate>
          <GroupFormFields
            form={form}
            onChange={setForm}
            issues={issues}
            smallest={smallest}
            capacityHint={`${listing.title} takes up to ${listing.capacity}.`}
          />
          <Button>Continue</Button>
        </form>
      </div>
    </div>
  );
}

// A person's groups

export function PersonGroupsPage() {
  const { personId = '' } = useParams();
  const { context } = usePerson(personId);
  const memberships = useAllPages('listPersonGroups', { params: { id: personId }, query: {} });
  const title =
    context.relationship === 'self' ? 'Your group purchases' : `${context.name}’s group purchases`;
  const forQuery = context.relationship === 'self' ? '' : `?person=${encodeURIComponent(personId)}`;
  return (
    <>
      <PageTitle title={title} error={memberships.isError} />
      <BackLink to={`/people/${personId}`}>Back to the budget</BackLink>
      <h1 className="govuk-heading-xl">{title}</h1>
      <p className="govuk-body">
        <Link className="govuk-link" to="/groups">
          Find a group to join near {context.relationship === 'self' ? 'you' : context.who.firstName}
        </Link>
      </p>
      <Await query={memberships} who={context.who}>
        {(data) => {
          const current = data.items.filter((m) => m.status === 'joined' || m.status === 'settled');
          const past = data.items.filter((m) => m.status === 'left' || m.status === 'released');
          if (data.items.length === 0) return <p className="govuk-body">Not in any group purchases yet.</p>;
          return (
            <>
              {current.length > 0 && (
                <>
                  <h2 className="govuk-heading-m">
                    Groups {context.relationship === 'self' ? 'you are' : 'they are'} in
                  </h2>
                  <ul className="govuk-list">
                    {current.map((m) => (
                      <MembershipItem key={m.groupId} membership={m} forQuery={forQuery} />
                    ))}
                  </ul>
                </>
              )}
              {past.length > 0 && (
                <>
                  <h2 className="govuk-heading-m">
                    Groups {context.relationship === 'self' ? 'you' : 'they'} left
                  </h2>
                  <ul className="govuk-list">
                    {past.map((m) => (
                      <MembershipItem key={m.groupId} membership={m} forQuery={forQuery} />
                    ))}
                  </ul>
                </>
              )}
            </>
          );
        }}
      </Await>
    </>
  );
}

function MembershipItem({
  membership,
  forQuery,
}: {
  membership: ResponseOf<'listPersonGroups'>['items'][number];
  forQuery: string;
}) {
  const group = useRouteQuery('getGroup', { params: { id: membership.groupId }, query: {} });
  return (
    <li className="app-result">
      <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
        <Link className="govuk-link" to={`/groups/${membership.groupId}${forQuery}`}>
          {group.data?.title ?? membership.groupId}
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
