/**
 * Work that should not grow with history (issue 14): for 1×, 10× and 100× a council's history it
 * fills a fresh table directly (holders with budgets and their due items, one person's and one
 * provider's past group purchases, a year of requests for support), then measures DynamoDB
 * commands, read units (ReturnConsumedCapacity) and time for:
 *
 *   - one deposits run with a fixed number of people due (queue them, and the in-process worker
 *     posts them), however many holders the council has;
 *   - the first page (20) of a person's group memberships and of a provider's group purchases;
 *   - the unmet-demand report for 3 months (from its counters, and as before: from every request).
 *
 * Writes bench/results/jobs-history.json.
 */

import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, keys, personItem, requestItem, unmetCountItems } from '@carepool/db';
import {
  type Caller,
  type GroupRecord,
  type PersonRecord,
  queueDueDeposits,
  type SupportRequestRecord,
  tallyRequests,
  unmetDemand,
} from '@carepool/domain';
import { buildDeps, readEnv } from '../functions/src/deps.ts';
import { ensureTable } from '../packages/local/src/dynamo-local.ts';

type Item = Record<string, unknown>;

const council = 'bench-jobs';
const dayMs = 86_400_000;
/** At 1×: holders, groups in each list, requests a month. */
const base = { holders: 100, groups: 5, requestsPerMonth: 10 } as const;
export const jobsHistoryScales = [1, 10, 100] as const;
/** People due on the run, whatever the council's size. */
const dueOnTheRun = 10;
const pageSize = 20;

async function putAll(db: ReturnType<typeof createDocumentClient>, tableName: string, items: Item[]) {
  const batches: Item[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  // A few writers at once: filling 100× is tens of thousands of items.
  const next = async (): Promise<void> => {
    const batch = batches.shift();
    if (!batch) return;
    let pending: Item[] = batch.map((Item) => ({ PutRequest: { Item } }));
    while (pending.length) {
      const out = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (out.UnprocessedItems?.[tableName] ?? []) as Item[];
    }
    return next();
  };
  await Promise.all(Array.from({ length: 4 }, next));
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A year of requests for support, spread over each month. */
function requestHistory(scale: number, now: Date): SupportRequestRecord[] {
  const requests: SupportRequestRecord[] = [];
  for (let m = 0; m < 12; m++) {
    for (let r = 0; r < base.requestsPerMonth * scale; r++) {
      const createdAt = new Date(now.getTime() - (m * 30 + (r % 28) + 1) * dayMs).toISOString();
      requests.push({
        requestId: `req_bj${m}_${r}`,
        personId: `per_bj${r % 50}`,
        description: 'A singing group',
        category: r % 2 ? 'day_and_community' : 'transport',
        postcode: 'HG1 2AB',
        radiusKm: 10,
        participants: 1,
        when: 'Thursdays',
        budgetCeilingPerPersonPence: 2_500,
        respondBy: new Date(Date.parse(createdAt) + 7 * dayMs).toISOString(),
        councilId: council,
        createdBy: 'usr_bench_holder',
        outcode: 'HG1',
        latitude: 54,
        longitude: -1.5,
        interestedCount: r % 3,
        quoteCount: r % 2,
        status: 'open',
        createdAt,
        version: 1,
      });
    }
  }
  return requests;
}

function history(scale: number, now: Date): Item[] {
  const items: Item[] = [];
  const today = isoDay(now.getTime());
  // Holders: everyone's plan year began 28 × k days ago for some k, so `dueOnTheRun` are due today
  // and the rest on one of the next 27 days.
  for (let h = 0; h < base.holders * scale; h++) {
    const personId = `per_bj${h}`;
    const dueInDays = h < dueOnTheRun ? 0 : 1 + (h % 27);
    const planYearStart = isoDay(now.getTime() - (28 * 3 - dueInDays) * dayMs);
    const person: PersonRecord = {
      personId,
      name: `Holder ${h}`,
      dateOfBirth: '1950-01-01',
      postcode: 'HG1 2AB',
      councilId: council,
      outcode: 'HG1',
      budget: {
        allocationPence: 1_300_000,
        fundingSources: [{ source: 'council_social_care', amountPence: 1_300_000 }],
        deployment: 'managed_account',
        planYearStart,
      },
      createdBy: 'usr_bench_cm',
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      version: 1,
    };
    const dueOn = isoDay(now.getTime() + dueInDays * dayMs);
    items.push(personItem(person), {
      ...keys.depositDue(personId),
      ...keys.depositDueByCouncil(council, dueOn, personId),
      entity: 'deposit_due',
      personId,
      councilId: council,
      dueOn,
      planYearStart,
    });
  }
  items.push({ ...keys.depositScheduleIndexed(council), entity: 'deposit_schedule', indexedAt: today });

  // One person's and one provider's past group purchases (the person joined each).
  for (let g = 0; g < base.groups * scale; g++) {
    const groupId = `grp_bj${g}`;
    const at = new Date(now.getTime() - (g + 1) * dayMs).toISOString();
    const group: GroupRecord = {
      groupId,
      title: `Walking group ${g}`,
      description: 'A gentle walk',
      category: 'day_and_community',
      providerId: 'prv_bj',
      providerName: 'Bench walks',
      organiserUserId: 'usr_bench_provider',
      pricing: { kind: 'per_person', tiers: [{ minParticipants: 2, pricePerPersonPence: 1_000 }] },
      minParticipants: 2,
      maxParticipants: 10,
      deadline: at,
      schedule: { kind: 'one_off', at },
      where: { mode: 'venue', postcode: 'HG1 2AB' },
      outcode: 'HG1',
      latitude: 54,
      longitude: -1.5,
      showFirstNames: false,
      status: 'paid',
      memberCount: 2,
      invitedPersonIds: [],
      createdAt: at,
      updatedAt: at,
      version: 3,
    };
    items.push(
      { ...keys.group(groupId), ...keys.groupByProvider('prv_bj', at, groupId), entity: 'group', ...group },
      {
        ...keys.groupMember(groupId, 'per_bj0'),
        ...keys.memberByPerson('per_bj0', at, groupId),
        entity: 'group_member',
        groupId,
        personId: 'per_bj0',
        councilId: council,
        planId: 'pln_bj0',
        lineId: 'line_1',
        periodKey: '2026',
        reservationId: `trf_bj${g}`,
        reservedPence: 1_000,
        status: 'settled',
        paidPence: 1_000,
        joinedBy: 'usr_bench_holder',
        joinedAt: at,
        version: 2,
      },
    );
  }

  return items;
}

export async function benchJobsHistory(options: { endpoint: string }) {
  const results = [];
  for (const scale of jobsHistoryScales) {
    const tableName = `carepool-bench-jobs-history-${scale}`;
    await ensureTable(options.endpoint, tableName);
    const raw = createDocumentClient({ tableName, endpoint: options.endpoint });
    const now = new Date();
    const filled = performance.now();
    const items = history(scale, now);
    await putAll(raw, tableName, items);
    // The requests as the store writes them (marked as counted) and the counters they add up to.
    const requests = requestHistory(scale, now);
    await putAll(raw, tableName, [
      ...requests.map((r) => ({ ...requestItem(r), unmetTracked: true })),
      ...unmetCountItems(requests),
    ]);
    console.log(
      `  jobs-history ${scale}×: ${items.length} items and ${requests.length} requests in ${Math.round(performance.now() - filled)} ms`,
    );
    raw.destroy();

    const meter = { commands: 0, readUnits: 0 };
    const deps = buildDeps(readEnv({ CAREPOOL_TABLE: tableName, DYNAMODB_ENDPOINT: options.endpoint }), {
      returnConsumedCapacity: true,
      observe: (name, _input, output) => {
        meter.commands += 1;
        // Read units only: a deposit's own writes are the same at every size and not what grows.
        if (/Get|Query|Batch(Get)/.test(name)) {
          const consumed = (output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
          for (const c of Array.isArray(consumed) ? consumed : consumed ? [consumed] : [])
            meter.readUnits += Number((c as { CapacityUnits?: number }).CapacityUnits ?? 0);
        }
      },
    });
    const measure = async <T>(work: () => Promise<T>) => {
      meter.commands = 0;
      meter.readUnits = 0;
      const started = performance.now();
      const result = await work();
      return {
        result,
        commands: meter.commands,
        readUnits: Math.round(meter.readUnits * 10) / 10,
        ms: Math.round(performance.now() - started),
      };
    };
    const deposits = await measure(() =>
      queueDueDeposits(
        {
          ...deps.money,
          ...deps.deposits,
          peopleInCouncil: (id) => deps.peopleStore.peopleInCouncil(id),
        },
        council,
      ),
    );
    const personPage = await measure(async () => {
      const page = await deps.groups.groups.groupsOf('per_bj0', { limit: pageSize });
      const summaries = await deps.groups.groups.summaries(page.items.map((m) => m.groupId));
      return page.items.filter((m) => summaries.has(m.groupId)).length;
    });
    const providerPage = await measure(
      async () => (await deps.groups.groups.ofProvider('prv_bj', { limit: pageSize })).items.length,
    );
    const caller: Caller = {
      userId: 'usr_bench_cm',
      name: 'Bench',
      roles: ['care_manager'],
      councilId: council,
      personId: undefined,
    };
    const [from, to] = [isoDay(now.getTime() - 90 * dayMs), isoDay(now.getTime())];
    const report = await measure(() => unmetDemand(deps.requests, { caller }, from, to));
    // The same report as it was read before the counters: every request made in the range.
    const before = await measure(async () =>
      tallyRequests(
        await deps.requests.requests.ofCouncil(council, from, `${to}T23:59:59.999Z`),
        now.toISOString(),
      ),
    );
    const { councilId: _c, from: _f, to: _t, ...counted } = report.result;
    if (JSON.stringify(before.result) !== JSON.stringify(counted))
      throw new Error('The unmet-demand report from counters differs from the one read from requests');
    const row = {
      scale,
      history: {
        holders: base.holders * scale,
        groupsInEachList: base.groups * scale,
        requests: base.requestsPerMonth * scale * 12,
      },
      depositsRun: {
        due: deposits.result.due,
        commands: deposits.commands,
        readUnits: deposits.readUnits,
        ms: deposits.ms,
      },
      personGroupPage: {
        items: personPage.result,
        commands: personPage.commands,
        readUnits: personPage.readUnits,
        ms: personPage.ms,
      },
      providerGroupPage: {
        items: providerPage.result,
        commands: providerPage.commands,
        readUnits: providerPage.readUnits,
        ms: providerPage.ms,
      },
      unmetDemand3Months: {
        requestsInRange: report.result.totalRequests,
        commands: report.commands,
        readUnits: report.readUnits,
        ms: report.ms,
      },
      unmetDemand3MonthsFromRequests: {
        commands: before.commands,
        readUnits: before.readUnits,
        ms: before.ms,
      },
    };
    results.push(row);
    console.log(`  jobs-history ${scale}×: ${JSON.stringify(row)}`);
  }
  return {
    what: 'DynamoDB commands, read units (ReturnConsumedCapacity) and time for one deposits run (10 due), the first page (20) of a person’s and a provider’s group lists, and a 3-month unmet-demand report, at 1×, 10× and 100× the history',
    results,
  };
}
