/**
 * The group-purchase benchmark (issue 6): joining a group (the member's reservation, the place and
 * the member record, one transaction) through the local runtime over HTTP with 20 concurrent
 * clients; the raw DynamoDB Local floor for that transaction's shape; and the DynamoDB capacity of
 * a whole group purchase per member (join, settlement, and a share of delivery and payout).
 * Writes bench/results/groups.json.
 */

import { BatchWriteCommand, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, DynamoLedger, keys, type TransactItem } from '@carepool/db';
import {
  accountId,
  type Clock,
  GroupRecord,
  MemberRecord,
  systemClock,
  type TransferActor,
  type TransferRequest,
} from '@carepool/domain';
import { ensureTable } from '../packages/local/src/dynamo-local.ts';
import { generateSigningKey } from '../packages/local/src/jwt.ts';
import { startRuntime } from '../packages/local/src/runtime.ts';
import { walkingGroup } from '../test/support/fixtures.ts';
import { addTallies, CapacityMeter, emptyTally, type Tally, writeUnitsOf } from './capacity.ts';
import { dropIdleConnections } from './http.ts';
import { prices } from './pricing.ts';
import { shapeOf } from './shape.ts';
import {
  alternate,
  closedLoop,
  fixedRate,
  machine,
  maxFixedRate,
  median,
  openLoop,
  round,
  spread,
  summarise,
} from './stats.ts';
import { type BenchApi, benchApi, type FundedHolder, fundedHolder, writeBenchCouncils } from './world.ts';

type Json = Record<string, unknown>;
type Item = Record<string, unknown>;

const connections = 20;
const tableName = 'carepool-bench-groups';
const capacityTableName = 'carepool-bench-groups-capacity';
/** A B B A rounds of the saturation runs; the fixed-rate runs are one A B B A round. */
const repeats = Number(process.env.BENCH_REPEATS ?? 3);
/** £1,000,000 a year, £500,000 deposited: room for tens of thousands of £15 reservations each. */
const holderOptions = {
  allocationPence: 100_000_000,
  fundPence: 50_000_000,
  lines: [{ category: 'day_and_community', capPence: 60_000_000, period: 'year' }],
};
/** Room for many: no join is ever refused because a group is full. */
const placesPerGroup = 50;
/** The price each join reserves: the walking group's price for 3, the smallest group that can go ahead. */
const reservationPence = 1_500;
const maxFailureRate = 0.01;
const dayMs = 86_400_000;

/**
 * Real time, moved into the demo plan year (and on by `advance`), so the groups' deadlines and
 * sessions are in the future and inside the holders' plans whatever the date of the run.
 */
function planYearClock(): Clock & { advance(ms: number): void } {
  const shift = Date.parse('2026-06-01T09:00:00Z') - Date.now();
  let extra = 0;
  return {
    now: () => new Date(Date.now() + shift + extra),
    advance: (ms) => {
      extra += ms;
    },
  };
}

const groupSetup = (clock: Clock, listingId: string, n: number, maxParticipants = placesPerGroup) => ({
  listingId,
  title: `Gentle group walk ${n}`,
  description: 'A two-hour walk on level paths with a café stop.',
  minParticipants: 3,
  maxParticipants,
  deadline: new Date(clock.now().getTime() + 30 * dayMs).toISOString(),
  schedule: { kind: 'one_off', at: new Date(clock.now().getTime() + 32 * dayMs).toISOString() },
});

async function must(api: BenchApi, method: string, path: string, token: string, body?: unknown) {
  const response = await api.call(method, path, { token, ...(body === undefined ? {} : { body }) });
  if (response.status >= 300)
    throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as Json;
}

/** A listing with room for many (the walking group, with 200 places), from the host's provider. */
async function roomyListing(api: BenchApi, host: FundedHolder): Promise<string> {
  const listing = await must(api, 'POST', `/v1/providers/${host.providerId}/listings`, host.tokens.provider, {
    ...walkingGroup,
    capacity: 200,
  });
  return String(listing.listingId);
}

interface Counts {
  ok: number;
  non2xx: number;
  errors: number;
  statuses: Record<string, number>;
  firstFailure?: string;
}

function tally(counts: Counts, status: number | 'error', detail: () => string) {
  counts.statuses[String(status)] = (counts.statuses[String(status)] ?? 0) + 1;
  if (status === 'error') counts.errors += 1;
  else if (status >= 200 && status < 300) counts.ok += 1;
  else counts.non2xx += 1;
  if ((status === 'error' || status >= 300) && !counts.firstFailure) counts.firstFailure = detail();
}

const failureRate = (c: Counts) => (c.non2xx + c.errors) / Math.max(1, c.ok + c.non2xx + c.errors);

/** The ledger's reservation for a join, as joinGroup builds it. */
function reservationFor(
  member: MemberRecord,
  title: string,
  limitPence: number,
  actor: TransferActor,
): TransferRequest {
  return {
    transferId: member.reservationId,
    debitAccountId: accountId.holderCash(member.personId),
    creditAccountId: accountId.groupEscrow(member.groupId),
    actor,
    amountPence: member.reservedPence,
    flags: 'pending',
    code: 'group_reservation',
    description: `${title} (group), reserved at the most you could pay`,
    reference: member.groupId,
    lineCharge: {
      personId: member.personId,
      planId: member.planId,
      lineId: member.lineId,
      periodKey: member.periodKey,
      limitPence,
    },
  };
}

/**
 * The group store's join, item for item (packages/db/src/group-store.ts `join`): the place taken on
 * the group (ADD, guarded by room and status) and the member record (new, or rejoining). The store
 * does not export these, so they are written out here and checked against a real join's
 * transaction, captured from the runtime, before the floor is measured.
 */
function joinItems(group: Pick<GroupRecord, 'groupId' | 'maxParticipants'>, member: MemberRecord) {
  return [
    {
      Update: {
        TableName: tableName,
        Key: keys.group(group.groupId),
        UpdateExpression: 'ADD memberCount :one',
        ConditionExpression: 'memberCount < :max AND #status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':one': 1, ':max': group.maxParticipants, ':open': 'open' },
      },
    },
    {
      Put: {
        TableName: tableName,
        Item: {
          ...keys.groupMember(member.groupId, member.personId),
          ...keys.memberByPerson(member.personId, member.joinedAt, member.groupId),
          entity: 'group_member',
          ...member,
        },
        ConditionExpression: 'attribute_not_exists(pk) OR #status IN (:left, :released)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':left': 'left', ':released': 'released' },
      },
    },
  ] satisfies TransactItem[];
}

/**
 * Copies of an open group's item under new ids, with the keys the group store gives an open group
 * (by district and category, and by deadline) and no members yet: what POST /v1/group-purchases
 * would have written for each, without the setup taking longer than the benchmark.
 */
async function writeGroupCopies(
  db: ReturnType<typeof createDocumentClient>,
  template: Item,
  groupIds: readonly string[],
) {
  const group = GroupRecord.parse(
    Object.fromEntries(
      Object.entries(template).filter(([k]) => !['pk', 'sk', 'entity'].includes(k) && !k.startsWith('gsi')),
    ),
  );
  const items = groupIds.map((groupId) => ({
    ...template,
    ...keys.group(groupId),
    ...keys.groupByDistrict(group.outcode, group.category, groupId),
    ...keys.groupDeadline(group.deadline, groupId),
    groupId,
    memberCount: 0,
    version: 1,
  }));
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      let batch = items.slice(next, next + 25).map((Item) => ({ PutRequest: { Item } }));
      next += 25;
      while (batch.length > 0) {
        const { UnprocessedItems } = await db.send(
          new BatchWriteCommand({ RequestItems: { [tableName]: batch } }),
        );
        batch = (UnprocessedItems?.[tableName] ?? []) as typeof batch;
      }
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
}

export async function benchGroups(options: { endpoint: string; seconds: number }) {
  const { endpoint, seconds } = options;
  const loadBefore = machine().loadAverage1m5m15m;

  // ---- (d) first: consumed capacity of a whole group purchase, and a real join's transaction ----
  console.log('Consumed capacity of a whole group purchase (one request at a time)…');
  const capacity = await measureGroupPurchase(endpoint);

  await ensureTable(endpoint, tableName);
  const db = createDocumentClient({ tableName, endpoint });
  await writeBenchCouncils({ db, tableName });
  const clock = planYearClock();
  const signingKey = await generateSigningKey();
  const runtime = await startRuntime({
    endpoint,
    tableName,
    signingKey,
    port: 0,
    seed: 'none',
    handlers: 'in-process',
    clock,
  });
  const api = benchApi(runtime.url, signingKey, { db, tableName });

  // Each client its own funded holder, and groups of its own: no two clients contend for a group.
  console.log(`Building ${connections} funded holders through the API…`);
  const holders: FundedHolder[] = [];
  for (let c = 0; c < connections; c++) {
    holders.push(await fundedHolder(api, { label: `grp${c}`, ...holderOptions }));
  }
  const host = holders[0];
  if (!host) throw new Error('no holders');
  const listingId = await roomyListing(api, host);
  const warmSeconds = 2;
  // Every join takes a fresh group: enough for the warm-up, every saturation run and the steady runs.
  const timedSeconds = warmSeconds + 2 * repeats * seconds;
  const steadyPerClient = Math.ceil((2 * seconds * maxFixedRate) / connections);
  const groupsPerClient = Math.max(40, Math.ceil(timedSeconds * 12) + steadyPerClient);
  console.log(`Opening ${connections * groupsPerClient} groups of ${placesPerGroup} places (not timed)…`);
  // One group opened through the API; the rest are copies of its item (new ids), written in batches.
  const setupStarted = performance.now();
  const opened = await must(
    api,
    'POST',
    '/v1/group-purchases',
    host.tokens.provider,
    groupSetup(clock, listingId, 0),
  );
  const templateItem = (
    await db.send(
      new GetCommand({ TableName: tableName, Key: keys.group(String(opened.groupId)), ConsistentRead: true }),
    )
  ).Item;
  if (!templateItem) throw new Error('The opened group is not in the table');
  const groupIds = holders.map((_, w) =>
    Array.from(
      { length: groupsPerClient },
      (_, n) => `grp_bench_${String(w).padStart(2, '0')}_${String(n).padStart(6, '0')}`,
    ),
  );
  await writeGroupCopies(db, templateItem, groupIds.flat());
  const setupSeconds = (performance.now() - setupStarted) / 1000;

  const next = holders.map(() => 0);
  const joined: Array<string | undefined> = holders.map(() => undefined);
  const join = async (w: number, counts: Counts) => {
    const holder = holders[w];
    const groupId = groupIds[w]?.[next[w] ?? 0];
    if (!holder || !groupId) return 'stop' as const;
    next[w] = (next[w] ?? 0) + 1;
    try {
      const response = await api.call('POST', `/v1/group-purchases/${groupId}/join`, {
        token: holder.tokens.holder,
        body: { personId: holder.personId, lineId: holder.lineId },
      });
      tally(counts, response.status, () => `${response.status} ${JSON.stringify(response.body)}`);
      if (response.status === 201) joined[w] = groupId;
      return response.status === 201;
    } catch (error) {
      tally(counts, 'error', () => String(error));
      return false;
    }
  };

  // ---- (a) join through the runtime ------------------------------------------------------------------
  const warmCounts: Counts = { ok: 0, non2xx: 0, errors: 0, statuses: {} };
  await closedLoop(connections, warmSeconds * 1000, 10_000, (_i, w) => join(w, warmCounts));
  // ---- (b) the floor: the join's transaction straight to DynamoDB Local ------------------------------
  // Templates: each client's last member record and group, and its reservation's line limit.
  const templates = await Promise.all(
    holders.map(async (holder, w) => {
      const groupId = joined[w];
      if (!groupId) throw new Error(`client ${w} never joined a group`);
      const get = async (key: Item) =>
        (await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;
      const groupItem = await get(keys.group(groupId));
      const memberItem = await get(keys.groupMember(groupId, holder.personId));
      if (!groupItem || !memberItem) throw new Error('no group or member to copy for the raw floor');
      const strip = ({ pk, sk, gsi1pk, gsi1sk, gsi2pk, gsi2sk, gsi3pk, gsi3sk, entity, ...record }: Item) =>
        record;
      const member = MemberRecord.parse(strip(memberItem));
      const reservation = await new DynamoLedger(db, tableName, systemClock).getTransfer(
        member.reservationId,
      );
      if (!reservation) throw new Error(`client ${w}'s join has no reservation to copy`);
      return {
        group: GroupRecord.parse(strip(groupItem)),
        member,
        limitPence: reservation.lineCharge?.limitPence ?? holderOptions.lines[0]?.capPence ?? 0,
        // Who joined, as the real join recorded them (council and request id go into its audit item).
        actor: reservation.actor,
      };
    }),
  );
  // Fresh groups for the floor, one per join as in (a), copies of the same open group.
  const rawPerWorker = Math.max(200, Math.ceil(timedSeconds * 25) + steadyPerClient);
  console.log(`Writing ${connections * rawPerWorker} groups for the raw floor (not timed)…`);
  const rawGroupId = (w: number, n: number) =>
    `grp_raw_${String(w).padStart(2, '0')}_${String(n).padStart(6, '0')}`;
  await writeGroupCopies(
    db,
    templateItem,
    templates.flatMap((_, w) => Array.from({ length: rawPerWorker }, (_, n) => rawGroupId(w, n))),
  );

  const ledger = new DynamoLedger(db, tableName, systemClock);
  const rawNext = templates.map(() => 0);
  let rawItems = 0;
  let rawErrors = 0;
  let rawFirstError: string | undefined;
  const rawItemsFor = (w: number) => {
    const template = templates[w];
    const n = rawNext[w] ?? 0;
    if (!template || n >= rawPerWorker) return undefined;
    rawNext[w] = n + 1;
    const groupId = rawGroupId(w, n);
    const now = new Date().toISOString();
    const member: MemberRecord = {
      ...template.member,
      groupId,
      reservationId: `join-${groupId}-${template.member.personId}-1`,
      joinedAt: now,
      version: 1,
    };
    return [
      ...ledger.prepareTransfer(
        reservationFor(member, template.group.title, template.limitPence, template.actor),
      ).items,
      ...joinItems({ groupId, maxParticipants: template.group.maxParticipants }, member),
    ];
  };
  // The shape check: the floor must send what a real join sends.
  const builtShape = shapeOf((rawItemsFor(0) ?? []) as unknown as Array<Record<string, Item>>);
  const shapeMatches = JSON.stringify(builtShape) === JSON.stringify(capacity.capturedJoinShape);
  const rawJoin = async (w: number): Promise<boolean | 'stop'> => {
    const items = rawItemsFor(w);
    if (!items) return 'stop';
    rawItems = items.length;
    try {
      await db.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (error) {
      rawErrors += 1;
      rawFirstError ??= String(error);
      return false;
    }
  };
  await closedLoop(connections, warmSeconds * 1000, 1_000_000, (_i, w) => rawJoin(w));

  // ---- (c) throughput at saturation: ours (A) and the raw floor (B), A B B A, repeated -------------
  // The same closed-loop driver in this process for both; the runtime stays up throughout.
  console.log(
    `Joining (POST /v1/group-purchases/{id}/join) against the raw join transaction: ${connections} clients, ${seconds} s runs, A B B A × ${repeats}…`,
  );
  const joinCounts: Counts = { ok: 0, non2xx: 0, errors: 0, statuses: {} };
  const joinSamples: number[] = [];
  const rawSamples: number[] = [];
  const saturation = await alternate(
    repeats,
    async () => {
      dropIdleConnections();
      const loadAverageBefore = machine().loadAverage1m5m15m;
      const run = await closedLoop(connections, seconds * 1000, 1_000_000, (_i, w) => join(w, joinCounts));
      joinSamples.push(...run.samples);
      return { ...summarise(run.samples, run.elapsedMs), loadAverageBefore };
    },
    async () => {
      const loadAverageBefore = machine().loadAverage1m5m15m;
      const run = await closedLoop(connections, seconds * 1000, 1_000_000, (_i, w) => rawJoin(w));
      rawSamples.push(...run.samples);
      return { ...summarise(run.samples, run.elapsedMs), loadAverageBefore };
    },
  );
  const oursRuns = saturation.flatMap((r) => r.a);
  const rawRuns = saturation.flatMap((r) => r.b);
  const sum = (runs: Array<{ requestsPerSecond: number }>) =>
    runs.reduce((n, x) => n + x.requestsPerSecond, 0);
  const throughputRatios = saturation.map((r) => sum(r.a) / sum(r.b));
  const pooled = (samples: number[], runs: Array<{ requestsPerSecond: number }>) => ({
    ...summarise(samples, seconds * 1000 * runs.length),
    requestsPerSecond: round(median(runs.map((x) => x.requestsPerSecond))),
  });
  const joinSummary = pooled(joinSamples, oursRuns);
  const rawSummary = pooled(rawSamples, rawRuns);

  // ---- (d) latency at a fixed arrival rate, open loop: one A B B A round ------------------------------
  const rate = fixedRate(joinSummary.requestsPerSecond);
  const fixedRatePerSecond = rate.perSecond;
  console.log(
    `Joining and the raw join transaction at a steady ${fixedRatePerSecond}/s (${rate.chosenBy}), A B B A…`,
  );
  const steadyCounts: Counts = { ok: 0, non2xx: 0, errors: 0, statuses: {} };
  const steady = await alternate(
    1,
    async () => {
      dropIdleConnections();
      return openLoop(
        fixedRatePerSecond,
        seconds,
        async (i) => (await join(i % connections, steadyCounts)) === true,
      );
    },
    () => openLoop(fixedRatePerSecond, seconds, async (i) => (await rawJoin(i % connections)) === true),
  );
  const steadyOurs = steady.flatMap((r) => r.a);
  const steadyRaw = steady.flatMap((r) => r.b);
  const groupsLeft = groupIds.reduce((n, ids, w) => n + ids.length - (next[w] ?? 0), 0);
  await runtime.close();
  const rawGroupsLeft = rawNext.reduce((n, used) => n + rawPerWorker - used, 0);
  db.destroy();

  const failures: string[] = [];
  if (failureRate(steadyCounts) > maxFailureRate) {
    failures.push(
      `join at a fixed rate: ${steadyCounts.non2xx} non-2xx and ${steadyCounts.errors} errors (first: ${steadyCounts.firstFailure})`,
    );
  }
  if (failureRate(joinCounts) > maxFailureRate) {
    failures.push(
      `join: ${joinCounts.non2xx} non-2xx and ${joinCounts.errors} errors of ${joinCounts.ok + joinCounts.non2xx + joinCounts.errors} (first: ${joinCounts.firstFailure})`,
    );
  }
  if (rawErrors / Math.max(1, rawSummary.requests) > maxFailureRate) {
    failures.push(`raw floor: ${rawErrors} failed transactions (first: ${rawFirstError})`);
  }
  if (!shapeMatches) {
    failures.push(
      `raw floor: its transaction is not a real join's shape: built ${JSON.stringify(builtShape)}, captured ${JSON.stringify(capacity.capturedJoinShape)}`,
    );
  }
  if (groupsLeft === 0) failures.push('join: the clients ran out of groups; open more for this many seconds');
  if (rawGroupsLeft === 0) failures.push('raw floor: the workers ran out of groups');

  const throughputRatio = median(throughputRatios);
  const { capturedJoinShape, ...capacityResult } = capacity;
  return {
    benchmark: 'groups',
    recordedAt: new Date().toISOString(),
    machine: machine(),
    note: "A 2-core machine shared with other work (test runs may have been going on beside it): load averages are recorded before each run; treat the figures as indicative, not as a capacity limit. Ours and the raw floor are driven by the same closed-loop (saturation) or open-loop (fixed rate) driver in this process, alternating A B B A and repeated, and every ratio is given with its min and max over the repeats. The raw floor is the join's one TransactWriteItems (the same items, built by the same code, its shape checked against a captured real join) sent with the same DynamoDB client to the same DynamoDB Local, into a fresh group each time. It does not include what a join does besides that write: the HTTP request and JSON (de)serialisation, the JWT check, validation, the reads before the write (person and access, group, earlier membership, provider, plan, line counter, account), the spend check, building the response, and the runtime's routing; nor any retry of a conflicted transaction.",
    load: {
      connections,
      seconds,
      clients: `${connections} funded holders, each joining groups only it joins (${placesPerGroup} places each, ${groupsPerClient} per client), reserving £${(reservationPence / 100).toFixed(2)} each time`,
      groupsOpenedBeforehand: connections * groupsPerClient,
      openingSeconds: round(setupSeconds, 1),
      repeats,
      order: 'A B B A per repeat (A = join through the runtime, B = the raw transaction)',
      loadAverageBefore: loadBefore,
    },
    join: {
      route: 'POST /v1/group-purchases/{id}/join',
      does: 'reads the person (and access), the group, any earlier membership, the provider, the plan, the line counter and the account; runs the spend check; then one TransactWriteItems: reservation transfer, both account updates, two statement entries, the line counter, the place taken on the group, the member record',
      ...joinSummary,
      requestsPerSecondSpread: spread(oursRuns.map((x) => x.requestsPerSecond)),
      runs: oursRuns,
      ok: joinCounts.ok,
      non2xx: joinCounts.non2xx,
      errors: joinCounts.errors,
      statuses: joinCounts.statuses,
      groupsLeftUnjoined: groupsLeft,
    },
    rawJoinFloor: {
      what: `TransactWriteItems of ${rawItems} items, built by DynamoLedger.prepareTransfer + the group store's place and member items (checked against a captured real join: ${shapeMatches ? 'same shape' : 'DIFFERENT SHAPE'}), sent straight to DynamoDB Local with nothing read first, each into a fresh group`,
      itemsPerTransaction: rawItems,
      shapeMatchesRealJoin: shapeMatches,
      ...rawSummary,
      requestsPerSecondSpread: spread(rawRuns.map((x) => x.requestsPerSecond)),
      runs: rawRuns,
      errors: rawErrors,
    },
    fixedRate: {
      perSecond: fixedRatePerSecond,
      rateChosenBy: rate.chosenBy,
      seconds,
      what: 'open loop: a request every 1/rate s whether or not the last has answered, each timed from when it was due; the latency a person sees at that load (saturation figures are mostly queueing)',
      join: {
        p50Ms: spread(steadyOurs.map((x) => x.p50Ms)),
        p99Ms: spread(steadyOurs.map((x) => x.p99Ms)),
        failures: steadyOurs.reduce((n, x) => n + x.failures, 0),
        runs: steadyOurs,
      },
      rawJoin: {
        p50Ms: spread(steadyRaw.map((x) => x.p50Ms)),
        p99Ms: spread(steadyRaw.map((x) => x.p99Ms)),
        failures: steadyRaw.reduce((n, x) => n + x.failures, 0),
        runs: steadyRaw,
      },
    },
    ratio: {
      joinThroughputOursOverRaw: round(throughputRatio),
      joinThroughputOursOverRawSpread: spread(throughputRatios),
      joinP50OursOverRaw: round(joinSummary.p50Ms / rawSummary.p50Ms),
      joinP99OursOverRaw: round(joinSummary.p99Ms / rawSummary.p99Ms),
    },
    targets: {
      joinThroughputAtLeastHalfOfRaw: throughputRatio >= 0.5,
      failuresUnderOnePercent: failures.length === 0,
    },
    failures,
    capacity: capacityResult,
  };
}

/** One request of the measured purchase, with what it cost. */
interface Step {
  tally: Tally;
  ms: number;
}

const describeTally = (t: Tally, ms?: number) => ({
  readUnits: round(t.readUnits, 2),
  writeUnits: round(writeUnitsOf(t), 2),
  writeUnitsAsDynamoDbLocalReports: round(t.writeUnitsReported, 2),
  transactionItems: round(t.transactionItems, 2),
  commands: Object.fromEntries(Object.entries(t.commands).map(([k, v]) => [k, round(v, 2)])),
  reads: Object.fromEntries(Object.entries(t.reads).map(([k, v]) => [k, round(v, 2)])),
  ...(ms === undefined ? {} : { sequentialLatencyMs: round(ms, 1) }),
});

/**
 * A group of six through the API on a runtime that asks DynamoDB Local for consumed capacity: the
 * provider opens it, six holders join, the deadline passes and the groups job settles it (at the
 * six-person price, releasing the rest of each reservation), the provider marks it delivered and a
 * member confirms, which pays the provider and pays out. Per member: a join, a sixth of the
 * settlement and a sixth of delivery and payment; opening the group is shown apart.
 */
async function measureGroupPurchase(endpoint: string) {
  await ensureTable(endpoint, capacityTableName);
  const db = createDocumentClient({ tableName: capacityTableName, endpoint });
  await writeBenchCouncils({ db, tableName: capacityTableName });
  const meter = new CapacityMeter(db, capacityTableName);
  let capturedJoinShape: string[] = [];
  const clock = planYearClock();
  const signingKey = await generateSigningKey();
  const runtime = await startRuntime({
    endpoint,
    tableName: capacityTableName,
    signingKey,
    port: 0,
    seed: 'none',
    handlers: 'in-process',
    clock,
    returnConsumedCapacity: true,
    observe: (name, input, output) => {
      meter.observe(name, input, output);
      const items = (input as { TransactItems?: Array<Record<string, Item>> }).TransactItems;
      if (
        name === 'TransactWriteItemsCommand' &&
        items?.some((i) => String((i.Update?.Key as Item | undefined)?.pk ?? '').startsWith('GROUP#')) &&
        items.some((i) => String((i.Put?.Item as Item | undefined)?.sk ?? '').startsWith('MEMBER#')) &&
        capturedJoinShape.length === 0
      ) {
        // Table names differ between the two tables; the shape does not.
        capturedJoinShape = shapeOf(items);
      }
    },
  });
  try {
    const api = benchApi(runtime.url, signingKey, { db, tableName: capacityTableName });
    const size = 6;
    const members: FundedHolder[] = [];
    for (let m = 0; m < size; m++) {
      members.push(await fundedHolder(api, { label: `cap${m}`, ...holderOptions }));
    }
    const host = members[0];
    if (!host) throw new Error('no holders');
    const step = async (method: string, path: string, token: string | undefined, body?: unknown) => {
      const t0 = performance.now();
      const { result, tally: used } = await meter.measure(() =>
        api.call(method, path, { ...(token ? { token } : {}), ...(body === undefined ? {} : { body }) }),
      );
      if (result.status >= 300)
        throw new Error(`${method} ${path}: ${result.status} ${JSON.stringify(result.body)}`);
      return { tally: used, ms: performance.now() - t0, body: result.body as Json };
    };
    const opened = await step(
      'POST',
      '/v1/group-purchases',
      host.tokens.provider,
      groupSetup(clock, host.listingId, 1, 10),
    );
    const groupId = String(opened.body.groupId);
    const joins: Step[] = [];
    for (const member of members) {
      joins.push(
        await step('POST', `/v1/group-purchases/${groupId}/join`, member.tokens.holder, {
          personId: member.personId,
          lineId: member.lineId,
        }),
      );
    }
    clock.advance(31 * dayMs);
    const settled = await step('POST', '/v1/dev/jobs/groups', undefined);
    if ((settled.body.summary as Json | undefined)?.settled !== 1)
      throw new Error(`The groups job did not settle the group: ${JSON.stringify(settled.body)}`);
    clock.advance(2 * dayMs);
    const delivered = await step('POST', `/v1/group-purchases/${groupId}/deliver`, host.tokens.provider, {
      notes: 'Everyone came',
    });
    const confirmed = await step('POST', `/v1/group-purchases/${groupId}/confirm`, host.tokens.holder);
    if ((confirmed.body.payout as Json | undefined)?.status !== 'sent')
      throw new Error(`The group was not paid out: ${JSON.stringify(confirmed.body)}`);
    const settlement = confirmed.body.settlement as Json;

    const join = addTallies(
      emptyTally(),
      joins.reduce((sum, j) => addTallies(sum, j.tally), emptyTally()),
      1 / size,
    );
    const joinMs = joins.reduce((s, j) => s + j.ms, 0) / size;
    const perMember = addTallies(emptyTally(), join);
    addTallies(perMember, settled.tally, 1 / size);
    addTallies(perMember, delivered.tally, 1 / size);
    addTallies(perMember, confirmed.tally, 1 / size);
    const withOpening = addTallies(addTallies(emptyTally(), perMember), opened.tally, 1 / size);
    const d = prices.dynamoDb;
    const usdPerThousandMembers = (t: Tally) =>
      (1000 *
        (t.readUnits * d.usdPerMillionReadRequestUnits +
          writeUnitsOf(t) * d.usdPerMillionWriteRequestUnits)) /
      1e6;
    return {
      method:
        'A runtime started with returnConsumedCapacity: true and an observe hook; each request measured alone. Reads as DynamoDB Local reports them; single writes as reported; TransactWriteItems computed from item sizes (2 units per KB per item and per index entry), as in the order benchmark (bench/capacity.ts).',
      group: {
        members: size,
        pricePerPersonPence: settlement?.pricePerPersonPence,
        totalPence: settlement?.totalPence,
        what: 'the provider opens a group (min 3, max 10, £15 each from 3, £11 from 6); six holders join; the groups job settles it after the deadline; the provider marks it delivered; a member confirms (payment to the provider, payout transfer, simulated rail payout)',
      },
      perMemberPerGroupPurchase: {
        what: 'one join + a sixth of the settlement + a sixth of delivery and confirmation (payment and payout)',
        ...describeTally(perMember),
        withOpeningTheGroup: describeTally(withOpening),
        dynamoDbUsdPer1000Members: round(usdPerThousandMembers(perMember), 4),
      },
      perStep: {
        open: describeTally(opened.tally, opened.ms),
        join: describeTally(join, joinMs),
        settleByGroupsJob: describeTally(settled.tally, settled.ms),
        deliver: describeTally(delivered.tally, delivered.ms),
        confirmAndPayOut: describeTally(confirmed.tally, confirmed.ms),
      },
      prices: { source: prices.source, assumedOn: prices.assumedOn, region: prices.region },
      capturedJoinShape,
    };
  } finally {
    await runtime.close();
    db.destroy();
  }
}
