/**
 * The unmet-demand report read from counters kept in each request's transactions must equal the
 * report read from every request, for any history: old requests written before the counters
 * existed, interest, quotes, accepts and hand-backs, and any instant (windows closing today to the
 * millisecond). Also: a replayed write and two writes at once move the counters exactly once.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  type Caller,
  DomainError,
  fixedClock,
  type SupportRequestRecord,
  tallyRequests,
  unmetDemand,
} from '@carepool/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTable, type TestTable } from '../../../test/support/dynamo.ts';
import { keys } from './keys.ts';
import { DynamoRequestStore, requestItem } from './request-store.ts';

let table: TestTable;
let store: DynamoRequestStore;
const clock = fixedClock('2026-03-01T00:00:00Z');
const dayMs = 86_400_000;
const base = Date.parse('2026-03-01T00:00:00Z');
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

beforeAll(async () => {
  table = await createTestTable();
  store = new DynamoRequestStore(table.db, table.tableName);
});
afterAll(() => table?.db.destroy());

const staff = (councilId: string): { caller: Caller } => ({
  caller: { userId: 'usr_cm', name: 'CM', roles: ['care_manager'], councilId, personId: undefined },
});

function request(
  councilId: string,
  id: string,
  over: Partial<SupportRequestRecord> = {},
): SupportRequestRecord {
  const createdAt = over.createdAt ?? new Date(base).toISOString();
  return {
    personId: 'per_1',
    description: 'A swimming group',
    category: 'transport',
    postcode: 'HG1 2AB',
    radiusKm: 10,
    participants: 2,
    when: 'Tuesdays',
    budgetCeilingPerPersonPence: 2_000,
    respondBy: new Date(Date.parse(createdAt) + 7 * dayMs).toISOString(),
    requestId: id,
    councilId,
    createdBy: 'usr_1',
    outcode: 'HG1',
    latitude: 54,
    longitude: -1.5,
    interestedCount: 0,
    quoteCount: 0,
    status: 'open',
    createdAt,
    version: 1,
    ...over,
  };
}

/** A request as the code before the counters wrote it: no counters, no flag. */
async function putOldShape(r: SupportRequestRecord) {
  await table.db.send(new PutCommand({ TableName: table.tableName, Item: requestItem(r) }));
}

const quote = (requestId: string, quoteId: string) => ({
  quoteId,
  requestId,
  providerId: 'prv_1',
  providerName: 'P',
  tiers: [{ minParticipants: 1, pricePerPersonPence: 1_000 }],
  priceUnit: 'session' as const,
  when: 'Tuesdays',
  terms: '',
  createdBy: 'usr_p',
  createdAt: new Date(base).toISOString(),
});

/** The report from the counters, and the report as it was always computed: from every request. */
async function bothReports(councilId: string, from: string, to: string, now: string) {
  clock.set(now);
  const counted = await unmetDemand({ requests: store, clock }, staff(councilId), from, to);
  const read = tallyRequests(await store.ofCouncil(councilId, from, `${to}T23:59:59.999Z`), now);
  return { counted, read: { councilId, from, to, ...read } };
}

async function accept(requestId: string, quoteId: string) {
  const current = await store.get(requestId);
  if (current?.status !== 'open') return;
  await store.markAccepted(requestId, quoteId, current.version);
}

const op = fc.oneof(
  fc.record({ kind: fc.constant('interest' as const), i: fc.nat(30), person: fc.nat(3) }),
  fc.record({ kind: fc.constant('quote' as const), i: fc.nat(30) }),
  fc.record({ kind: fc.constant('accept' as const), i: fc.nat(30) }),
  fc.record({ kind: fc.constant('reopen' as const), i: fc.nat(30) }),
);
const made = fc.record({
  old: fc.boolean(),
  createdMs: fc.integer({ min: 0, max: 40 * dayMs }),
  windowMs: fc.integer({ min: 1, max: 12 * dayMs }),
  outcode: fc.constantFrom('HG1', 'HG4', 'YO17', 'DL6'),
  category: fc.constantFrom('transport', 'day_and_community', 'personal_care'),
  participants: fc.integer({ min: 1, max: 5 }),
});

let run = 0;
describe('unmet-demand counters', () => {
  it('give the same report as reading every request, for random histories, ranges and instants', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(made, { minLength: 1, maxLength: 12 }),
        fc.array(op, { maxLength: 20 }),
        fc.array(
          fc.record({
            a: fc.nat(45),
            b: fc.nat(45),
            at: fc.integer({ min: 0, max: 60 * dayMs }),
            edge: fc.nat(),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        async (requests, ops, reports) => {
          const councilId = `cnl_p${run++}`;
          // Requests from before the counters were made before any written with them, as in a
          // deployed table (the rollout's overlap is the backfill's to close).
          const oldCount = requests.filter((r) => r.old).length;
          const ordered = [...requests]
            .sort((x, y) => x.createdMs - y.createdMs)
            .map((r, n) => ({ ...r, old: n < oldCount }));
          const ids: string[] = [];
          for (const [n, m] of ordered.entries()) {
            const createdAt = new Date(base + m.createdMs).toISOString();
            const r = request(councilId, `req_${councilId}_${n}`, {
              createdAt,
              respondBy: new Date(base + m.createdMs + m.windowMs).toISOString(),
              outcode: m.outcode,
              category: m.category,
              participants: m.participants,
            });
            if (m.old) await putOldShape(r);
            else await store.create(r);
            ids.push(r.requestId);
          }
          let quotes = 0;
          for (const o of ops) {
            const requestId = ids[o.i % ids.length] as string;
            const current = await store.get(requestId);
            if (!current) continue;
            if (o.kind === 'interest') await store.addInterest(requestId, `per_${o.person}`);
            else if (o.kind === 'quote' && current.status === 'open')
              await store.addQuote(quote(requestId, `quo_${quotes++}`));
            else if (o.kind === 'accept' && current.status === 'open')
              await store.markAccepted(requestId, 'quo_x', current.version);
            else if (o.kind === 'reopen' && current.status === 'accepted')
              await store.reopen(current, 'quo_x', current.version);
          }
          const closings = await Promise.all(ids.map(async (id) => (await store.get(id))?.respondBy ?? ''));
          for (const { a, b, at, edge } of reports) {
            const from = isoDay(base + Math.min(a, b) * dayMs);
            const to = isoDay(base + Math.max(a, b) * dayMs);
            // Half the reports are read at a request's closing instant, or a millisecond before it.
            const closing = closings[edge % closings.length] as string;
            const now =
              edge % 2 === 0
                ? new Date(base + at).toISOString()
                : new Date(Date.parse(closing) - (edge % 4 === 1 ? 0 : 1)).toISOString();
            const { counted, read } = await bothReports(councilId, from, to, now);
            expect(counted).toEqual(read);
          }
        },
      ),
      { numRuns: Number(process.env.UNMET_RUNS ?? 40) },
    );
  }, 300_000);

  it('counts a replayed request once', async () => {
    const r = request('cnl_replay', 'req_replay');
    await store.create(r);
    await expect(store.create(r)).rejects.toThrow();
    const { counted, read } = await bothReports(
      'cnl_replay',
      '2026-03-01',
      '2026-03-31',
      '2026-03-20T00:00:00Z',
    );
    expect(counted).toEqual(read);
    expect(counted).toMatchObject({ totalRequests: 1, unmetRequests: 1, rows: [{ requests: 1, people: 2 }] });
  });

  it('counts two requests made at once, and one person’s interest given twice at once, exactly', async () => {
    const a = request('cnl_twice', 'req_two_a');
    const b = request('cnl_twice', 'req_two_b');
    await Promise.all([store.create(a), store.create(b)]);
    const added = await Promise.all([
      store.addInterest(a.requestId, 'per_9'),
      store.addInterest(a.requestId, 'per_9'),
      store.addInterest(a.requestId, 'per_8'),
    ]);
    expect(added.filter(Boolean)).toHaveLength(2);
    const { counted, read } = await bothReports(
      'cnl_twice',
      '2026-03-01',
      '2026-03-01',
      '2026-03-20T00:00:00Z',
    );
    expect(counted).toEqual(read);
    expect(counted).toMatchObject({ totalRequests: 2, unmetRequests: 2, rows: [{ requests: 2, people: 6 }] });
  });

  it('takes a request out once when two accepts race, and interest given during an accept still adds up', async () => {
    const r = request('cnl_race', 'req_race');
    await store.create(r);
    const outcomes = await Promise.allSettled([
      store.markAccepted(r.requestId, 'quo_1', 1),
      store.markAccepted(r.requestId, 'quo_2', 1),
      store.addInterest(r.requestId, 'per_7'),
      store.addQuote(quote(r.requestId, 'quo_race')),
    ]);
    const accepts = outcomes.slice(0, 2);
    expect(accepts.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = accepts.find((o) => o.status === 'rejected');
    expect((refused as PromiseRejectedResult).reason).toBeInstanceOf(DomainError);
    const { counted, read } = await bothReports(
      'cnl_race',
      '2026-03-01',
      '2026-03-01',
      '2026-03-20T00:00:00Z',
    );
    expect(counted).toEqual(read);
    expect(counted).toMatchObject({ totalRequests: 1, unmetRequests: 0, rows: [] });
    // Handed back (the booking was refused), it is unmet again with everything it gathered.
    const accepted = await store.get(r.requestId);
    await store.reopen(accepted as SupportRequestRecord, accepted?.acceptedQuoteId as string, 2);
    await store.reopen(accepted as SupportRequestRecord, accepted?.acceptedQuoteId as string, 2);
    const again = await bothReports('cnl_race', '2026-03-01', '2026-03-01', '2026-03-20T00:00:00Z');
    expect(again.counted).toEqual(again.read);
    expect(again.counted.unmetRequests).toBe(1);
  });

  it('leaves the counters alone for a request from before them, and reads its day from the requests', async () => {
    const old = request('cnl_old', 'req_old', { createdAt: '2026-03-01T10:00:00.000Z' });
    await putOldShape(old);
    await store.addInterest(old.requestId, 'per_1');
    await store.addQuote(quote(old.requestId, 'quo_old'));
    const fresh = request('cnl_old', 'req_new', { createdAt: '2026-03-02T10:00:00.000Z' });
    await store.create(fresh);
    await accept(old.requestId, 'quo_old');
    const day = await table.db.send(
      new GetCommand({ TableName: table.tableName, Key: keys.unmetDay('cnl_old', '2026-03-01') }),
    );
    expect(day.Item).toBeUndefined();
    const { counted, read } = await bothReports(
      'cnl_old',
      '2026-03-01',
      '2026-03-02',
      '2026-03-20T00:00:00Z',
    );
    expect(counted).toEqual(read);
    expect(counted).toMatchObject({ totalRequests: 2, unmetRequests: 1 });
  });

  it('reads counters, not requests, for days after it began keeping them', async () => {
    const reads: string[] = [];
    for (let i = 0; i < 30; i++)
      await store.create(
        request('cnl_cost', `req_cost_${i}`, {
          createdAt: new Date(base + (i % 3) * dayMs + i).toISOString(),
        }),
      );
    const spy = new DynamoRequestStore(table.db, table.tableName);
    const ofCouncil = spy.ofCouncil.bind(spy);
    spy.ofCouncil = async (...args) => {
      reads.push(args[1]);
      return ofCouncil(...args);
    };
    clock.set('2026-03-20T00:00:00Z');
    // The first request's day is counted from its requests (requests that day may predate the
    // counters); the days after it only from counters.
    const report = await unmetDemand({ requests: spy, clock }, staff('cnl_cost'), '2026-03-02', '2026-03-03');
    expect(reads).toEqual([]);
    expect(report).toMatchObject({ totalRequests: 20, unmetRequests: 20 });
  });
});
