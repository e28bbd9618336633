import { AsyncLocalStorage } from 'node:async_hooks';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  DynamoDirectoryStore,
  DynamoGroupStore,
  DynamoLedger,
  DynamoOrderStore,
  DynamoPeopleStore,
  DynamoRequestStore,
} from '@carepool/db';
import {
  type Actor,
  acceptQuote,
  type Clock,
  confirmGroup,
  createGroup,
  DomainError,
  defaultPaymentApprovalAbovePence,
  deliverGroup,
  depositsPerYear,
  type GroupDeps,
  joinGroup,
  type MoneyDeps,
  type OrderDeps,
  postRequest,
  postScheduledDeposits,
  type RequestDeps,
  registerInterest,
  settleGroup,
  submitQuote,
  systemActor,
  type UserRecord,
} from '@carepool/domain';
import { postcodeDistricts } from '@carepool/functions/deps';
import { SimulatedRail } from '@carepool/payments';
import type { DemoActivity, PlannedGroup, PlannedMember, PlannedRequest } from './activity.ts';
import { demoPlanYearEnd, demoPlanYearStart } from './people.ts';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
/** Lanes (a group's or a request's story, or one person's deposits) run side by side. */
const concurrency = 8;
/** Every deposit moves money out of the one council account: a few at once, or they only conflict. */
const depositLanes = 3;

/** What the activity left in the table, for the seed marker. */
export interface ActivityCounts {
  groups: number;
  groupsByStatus: Record<string, number>;
  groupMembers: number;
  deposits: number;
  requests: number;
  quotes: number;
  interests: number;
}

/**
 * The day the activity is planned around: midnight (UTC) of `now`, kept at least eight weeks into
 * the demo plan year and four weeks before its end, so every session and reservation falls inside
 * the people's plans. Before or after that window the groups still make sense, only not "today".
 */
export function activityDay(now: Date): Date {
  const earliest = Date.parse(demoPlanYearStart) + 56 * dayMs;
  const latest = Date.parse(demoPlanYearEnd) - 28 * dayMs;
  const clamped = Math.min(latest, Math.max(earliest, now.getTime()));
  return new Date(Math.floor(clamped / dayMs) * dayMs);
}

/** The instant `hours` (as planned) after the activity day's midnight. */
export const instant = (day: Date, hours: number) =>
  new Date(day.getTime() + Math.round(hours * 60) * 60_000);

/** Four-weekly deposit periods of the plan year: the first is 1. */
function periodOf(at: number): number {
  const elapsedDays = Math.floor((at - Date.parse(demoPlanYearStart)) / dayMs);
  return Math.min(depositsPerYear, Math.floor(elapsedDays / 28) + 1);
}

interface Deposit {
  personId: string;
  councilId: string;
  at: number;
}

/**
 * The council's four-weekly deposits each member needs, as the deposits job would have posted
 * them: from the period of their first join up to the seed's day. The transfer ids are the job's,
 * so when the job runs after the seed it posts nothing twice.
 */
function depositsFor(activity: DemoActivity, day: Date, now: Date): Deposit[] {
  const firstJoin = new Map<string, number>();
  const councilOf = new Map<string, string>();
  const members = [
    ...activity.groups.flatMap((g) => g.members.map((m) => ({ ...m, councilId: g.councilId }))),
    ...activity.requests.flatMap((r) =>
      (r.accepted?.members ?? []).map((m) => ({ ...m, councilId: r.councilId })),
    ),
  ];
  for (const member of members) {
    const at = instant(day, member.joinAt).getTime();
    firstJoin.set(member.personId, Math.min(at, firstJoin.get(member.personId) ?? at));
    councilOf.set(member.personId, member.councilId);
  }
  const until = Math.max(now.getTime(), day.getTime());
  const start = Date.parse(demoPlanYearStart);
  const deposits: Deposit[] = [];
  for (const [personId, first] of [...firstJoin].sort(([a], [b]) => a.localeCompare(b))) {
    for (let period = periodOf(first); period <= periodOf(until); period++) {
      const periodStart = start + (period - 1) * 28 * dayMs;
      const at = period === periodOf(first) ? Math.max(periodStart, first - 6 * hourMs) : periodStart;
      deposits.push({ personId, councilId: councilOf.get(personId) ?? '', at });
    }
  }
  return deposits;
}

/** How many steps seedActivity will take, for progress. */
export function activitySteps(activity: DemoActivity, now: Date): number {
  const day = activityDay(now);
  const groupSteps = (g: PlannedGroup) =>
    1 +
    g.members.length +
    (g.settleAt === undefined ? 0 : 1) +
    (g.deliveredAt === undefined ? 0 : 1) +
    (g.confirmedAt === undefined ? 0 : 1);
  const requestSteps = (r: PlannedRequest) =>
    1 + r.interest.length + r.quotes.length + (r.accepted ? 1 + r.accepted.members.length : 0);
  return (
    depositsFor(activity, day, now).length +
    activity.groups.reduce((n, g) => n + groupSteps(g), 0) +
    activity.requests.reduce((n, r) => n + requestSteps(r), 0)
  );
}

/** Each lane's own clock and the ids its next calls will be given. */
interface Lane {
  at: number;
  ids: Record<string, string[]>;
}

/**
 * Carries out the planned activity through the real use cases (deposits, joins, settlement,
 * delivery, payment, requests, quotes and interest), each step at its planned time on a clock of
 * its own, against the table `seedTable` has just filled. Safe to run again after a failure: done
 * steps are recognised and skipped. Checks at the end that each group ended as planned.
 */
export async function seedActivity(
  db: DynamoDBDocumentClient,
  tableName: string,
  data: { activity: DemoActivity; users: readonly UserRecord[] },
  options: { now: Date; onStep?: () => void },
): Promise<ActivityCounts> {
  const { activity } = data;
  const day = activityDay(options.now);
  const lanes = new AsyncLocalStorage<Lane>();
  const lane = () => {
    const current = lanes.getStore();
    if (!current) throw new Error('A demo activity step ran outside its lane');
    return current;
  };
  const clock: Clock = { now: () => new Date(lane().at) };
  const newId = (prefix: string) => {
    const id = lane().ids[prefix]?.shift();
    if (!id) throw new Error(`The demo activity planned no ${prefix} id here`);
    return id;
  };
  const moveTo = (hours: number) => {
    lane().at = instant(day, hours).getTime();
  };
  const expectIds = (prefix: string, ...ids: string[]) => {
    lane().ids[prefix] = ids;
  };

  // The same stores the functions use (functions/src/deps.ts), on the seed's client and clock.
  const ledger = new DynamoLedger(db, tableName, clock);
  const people = new DynamoPeopleStore(db, tableName, clock);
  const directory = new DynamoDirectoryStore(db, tableName, clock);
  const rail = new SimulatedRail({ clock, runTag: 'seed' });
  const districts = postcodeDistricts();
  const groupDeps: GroupDeps = {
    groups: new DynamoGroupStore(db, tableName, ledger),
    ledger,
    people,
    directory,
    districts,
    rail,
    clock,
    newId,
  };
  const orderDeps: OrderDeps = {
    // Seeded holders are all on standard oversight, so no seeded payment waits for approval.
    paymentApprovalAbovePence: async () => defaultPaymentApprovalAbovePence,
    orders: new DynamoOrderStore(db, tableName, ledger),
    ledger,
    people,
    directory,
    rail,
    clock,
    newId,
  };
  const requestDeps: RequestDeps = {
    requests: new DynamoRequestStore(db, tableName),
    people,
    directory,
    districts,
    clock,
    newId,
    orders: orderDeps,
    groups: groupDeps,
  };
  const money: MoneyDeps = { ledger, people, clock };

  const users = new Map(data.users.map((u) => [u.userId, u]));
  const actor = (userId: string): Actor => {
    const user = users.get(userId);
    if (!user) throw new Error(`The demo activity names an unknown user ${userId}`);
    return {
      caller: {
        userId: user.userId,
        name: user.name,
        roles: user.roles,
        councilId: user.councilId,
        personId: user.personId,
      },
    };
  };
  const step = () => options.onStep?.();
  const counts: ActivityCounts = {
    groups: 0,
    groupsByStatus: {},
    groupMembers: 0,
    deposits: 0,
    requests: activity.requests.length,
    quotes: 0,
    interests: 0,
  };
  /** A step already done by an earlier, interrupted seed is skipped. */
  const unlessDone = async (work: () => Promise<unknown>, ...codes: string[]) => {
    try {
      await work();
    } catch (error) {
      if (!(error instanceof DomainError && codes.includes(error.code))) throw error;
    }
  };

  /** Members join side by side (as they might), each on a clock of their own; one transaction each. */
  const joinAll = (groupId: string, members: readonly PlannedMember[]) =>
    Promise.all(
      members.map((member) =>
        lanes.run({ at: instant(day, member.joinAt).getTime(), ids: {} }, async () => {
          await unlessDone(
            () =>
              joinGroup(groupDeps, actor(member.byUserId), groupId, {
                personId: member.personId,
                lineId: member.lineId,
                ...(member.firstName ? { firstName: member.firstName } : {}),
              }),
            'already_member',
            'group_closed',
          );
          step();
        }),
      ),
    );

  const runGroup = async (planned: PlannedGroup) => {
    moveTo(planned.createdAt);
    if (!(await groupDeps.groups.get(planned.groupId))) {
      expectIds('grp', planned.groupId);
      const sessionAt = instant(day, planned.sessionAt).toISOString();
      await createGroup(groupDeps, actor(planned.organiserUserId), {
        listingId: planned.listingId,
        title: planned.title,
        description: planned.description,
        minParticipants: planned.minParticipants,
        maxParticipants: planned.maxParticipants,
        deadline: instant(day, planned.deadline).toISOString(),
        schedule: planned.occurrences
          ? { kind: 'weekly', firstAt: sessionAt, occurrences: planned.occurrences }
          : { kind: 'one_off', at: sessionAt },
        showFirstNames: planned.showFirstNames,
      });
    }
    step();
    await joinAll(planned.groupId, planned.members);
    if (planned.settleAt !== undefined) {
      // What the groups job does when the deadline has passed.
      moveTo(planned.settleAt);
      const group = await groupDeps.groups.get(planned.groupId);
      if (group) await settleGroup(groupDeps, group);
      step();
    }
    if (planned.deliveredAt !== undefined) {
      moveTo(planned.deliveredAt);
      const group = await groupDeps.groups.get(planned.groupId);
      const provider = group ? await directory.getProvider(group.providerId) : undefined;
      if (group?.status === 'settled' && provider)
        await deliverGroup(
          groupDeps,
          actor(provider.ownerUserId),
          planned.groupId,
          'Everyone came; thank you all.',
        );
      step();
    }
    if (planned.confirmedAt !== undefined) {
      moveTo(planned.confirmedAt);
      const group = await groupDeps.groups.get(planned.groupId);
      if (group?.status === 'delivered')
        await confirmGroup(
          groupDeps,
          planned.confirmedBy ? actor(planned.confirmedBy) : systemActor,
          planned.groupId,
        );
      step();
    }
  };

  const runRequest = async (planned: PlannedRequest) => {
    moveTo(planned.postedAt);
    if (!(await requestDeps.requests.get(planned.requestId))) {
      expectIds('req', planned.requestId);
      await postRequest(requestDeps, actor(planned.byUserId), {
        personId: planned.personId,
        description: planned.description,
        category: planned.category,
        postcode: planned.postcode,
        radiusKm: planned.radiusKm,
        participants: planned.participants,
        when: planned.when,
        budgetCeilingPerPersonPence: planned.budgetCeilingPerPersonPence,
        respondBy: instant(day, planned.respondBy).toISOString(),
      });
    }
    step();
    const events = [
      ...planned.interest.map((i) => ({ at: i.at, kind: 'interest' as const, interest: i })),
      ...planned.quotes.map((q) => ({ at: q.at, kind: 'quote' as const, quote: q })),
    ].sort((a, b) => a.at - b.at);
    const quoted = new Set((await requestDeps.requests.quotes(planned.requestId)).map((q) => q.quoteId));
    for (const event of events) {
      moveTo(event.at);
      if (event.kind === 'interest') {
        const { personId, byUserId } = event.interest;
        await unlessDone(
          () => registerInterest(requestDeps, actor(byUserId), planned.requestId, personId),
          'not_found',
        );
      } else if (!quoted.has(event.quote.quoteId)) {
        const { quote } = event;
        expectIds('quo', quote.quoteId);
        await submitQuote(requestDeps, actor(quote.byUserId), planned.requestId, {
          providerId: quote.providerId,
          tiers: quote.tiers,
          priceUnit: quote.priceUnit,
          when: quote.when,
          terms: quote.terms,
        });
      }
      step();
    }
    const accepted = planned.accepted;
    if (!accepted) return;
    moveTo(accepted.at);
    if ((await requestDeps.requests.get(planned.requestId))?.status === 'open') {
      expectIds('lst', accepted.listingId);
      expectIds('grp', accepted.groupId);
      await acceptQuote(requestDeps, actor(planned.byUserId), planned.requestId, accepted.quoteId, {
        kind: 'group',
        title: accepted.title,
        minParticipants: accepted.minParticipants,
        maxParticipants: accepted.maxParticipants,
        deadline: instant(day, accepted.deadline).toISOString(),
        schedule: { kind: 'one_off', at: instant(day, accepted.sessionAt).toISOString() },
      });
    }
    step();
    await joinAll(accepted.groupId, accepted.members);
  };

  const inLanes = async <T>(items: readonly T[], work: (item: T) => Promise<void>, width = concurrency) => {
    let next = 0;
    let failed = false;
    const worker = async () => {
      while (!failed && next < items.length) {
        const item = items[next++] as T;
        try {
          await lanes.run({ at: day.getTime(), ids: {} }, () => work(item));
        } catch (error) {
          failed = true;
          throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  };

  // Money first: every member's deposits, so that every join finds its money there.
  const byPerson = new Map<string, Deposit[]>();
  for (const deposit of depositsFor(activity, day, options.now)) {
    byPerson.set(deposit.personId, [...(byPerson.get(deposit.personId) ?? []), deposit]);
  }
  await inLanes(
    [...byPerson.values()],
    async (deposits) => {
      for (const deposit of deposits) {
        lane().at = deposit.at;
        // The deposits job itself, for this one person.
        const result = await postScheduledDeposits(
          { ...money, peopleInCouncil: async () => [{ personId: deposit.personId }] },
          deposit.councilId,
        );
        counts.deposits += result.posted + result.skipped;
        step();
      }
    },
    depositLanes,
  );
  await inLanes(
    [...activity.groups.map((g) => () => runGroup(g)), ...activity.requests.map((r) => () => runRequest(r))],
    (run) => run(),
  );

  // Each group ended as planned, or the demo would show something other than it says.
  const expected = (outcome: PlannedGroup['outcome']) =>
    outcome === 'open' || outcome === 'filling' ? 'open' : outcome;
  const planned = [
    ...activity.groups.map((g) => ({ groupId: g.groupId, status: expected(g.outcome), members: g.members })),
    ...activity.requests.flatMap((r) =>
      r.accepted ? [{ groupId: r.accepted.groupId, status: 'open', members: r.accepted.members }] : [],
    ),
  ];
  for (const { groupId, status, members } of planned) {
    const group = await groupDeps.groups.get(groupId);
    if (group?.status !== status)
      throw new Error(`Demo group ${groupId} ended ${group?.status ?? 'missing'}, not ${status}`);
    const joined = new Set((await groupDeps.groups.members(groupId)).map((m) => m.personId));
    if (members.some((m) => !joined.has(m.personId)) || joined.size !== members.length)
      throw new Error(`Demo group ${groupId} has ${joined.size} members, not the ${members.length} planned`);
    if (status === 'open' && group.memberCount !== members.length)
      throw new Error(`Demo group ${groupId} has ${group.memberCount} places taken, not ${members.length}`);
    counts.groups += 1;
    counts.groupsByStatus[status] = (counts.groupsByStatus[status] ?? 0) + 1;
    counts.groupMembers += members.length;
  }
  for (const request of activity.requests) {
    counts.quotes += request.quotes.length;
    counts.interests += request.interest.length;
  }
  return counts;
}
