/**
 * The backfill script against DynamoDB Local: a table written in the old shapes (reconciliation
 * exceptions under one key, payouts without the payout index, ledger accounts without month
 * items, a person without a deposits-due item, requests without unmet-demand counters) is brought
 * to the new shapes; a second run changes nothing; nothing outside the migrated items changes.
 */
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoRequestStore, keys, personItem, requestItem } from '@carepool/db';
import {
  type Caller,
  fixedClock,
  type PersonRecord,
  type SupportRequestRecord,
  tallyRequests,
  unmetDemand,
} from '@carepool/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDeps, type Deps, readEnv } from '../../functions/src/deps.ts';
import { backfill, scanningClient, trackedSinceTheStart } from '../../scripts/backfill.ts';
import { createTestTable, type TestTable } from '../support/dynamo.ts';
import { writeTestCouncils } from '../support/runtime.ts';

const now = new Date('2026-12-02T12:00:00Z');
const council = 'north-dales';
let table: TestTable;
let deps: Deps;
let scanDb: ReturnType<typeof scanningClient>;
const log: string[] = [];

type Item = Record<string, unknown>;
const put = (Item: Item) => table.db.send(new PutCommand({ TableName: table.tableName, Item }));

async function snapshot(): Promise<Map<string, string>> {
  const items = new Map<string, string>();
  let start: Item | undefined;
  do {
    const page = await scanDb.send(new ScanCommand({ TableName: table.tableName, ExclusiveStartKey: start }));
    for (const item of page.Items ?? [])
      items.set(`${item.pk}|${item.sk}`, JSON.stringify(item, Object.keys(item).sort()));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}
const item = async (key: string) => {
  const found = (await snapshot()).get(key);
  return found === undefined ? undefined : (JSON.parse(found) as Item);
};

const entry = (
  accountId: string,
  at: string,
  transferId: string,
  amountPence: number,
  code: string,
): Item => ({
  ...keys.accountEntry(accountId, at, transferId),
  entity: 'entry',
  transferId,
  at,
  amountPence,
  pendingPence: 0,
  code,
  description: 'Before',
});
const account = (accountId: string, credits: number, debits: number, extra: Item = {}): Item => ({
  ...keys.account(accountId),
  entity: 'account',
  creditsPosted: credits,
  debitsPosted: debits,
  debitsPending: 0,
  creditsPending: 0,
  ...extra,
});

function request(id: string, over: Partial<SupportRequestRecord>): SupportRequestRecord {
  const createdAt = over.createdAt ?? '2026-11-03T10:00:00.000Z';
  return {
    personId: 'per_old',
    description: 'A walking group',
    category: 'day_and_community',
    postcode: 'HG1 2AB',
    radiusKm: 10,
    participants: 3,
    when: 'Mondays',
    budgetCeilingPerPersonPence: 1_500,
    respondBy: new Date(Date.parse(createdAt) + 7 * 86_400_000).toISOString(),
    requestId: id,
    councilId: council,
    createdBy: 'usr_old',
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

const staff: { caller: Caller } = {
  caller: { userId: 'usr_cm', name: 'CM', roles: ['care_manager'], councilId: council, personId: undefined },
};
const clock = fixedClock(now);

/** The report from counters (with its fallback) and from every request; and whether it read requests. */
async function reports() {
  const store = new DynamoRequestStore(table.db, table.tableName);
  let readRequests = false;
  const ofCouncil = store.ofCouncil.bind(store);
  store.ofCouncil = async (...args) => {
    readRequests = true;
    return ofCouncil(...args);
  };
  const counted = await unmetDemand({ requests: store, clock }, staff, '2026-11-01', '2026-11-30');
  const read = tallyRequests(
    await ofCouncil(council, '2026-11-01', '2026-11-30T23:59:59.999Z'),
    now.toISOString(),
  );
  return {
    counted,
    read: { councilId: council, from: '2026-11-01', to: '2026-11-30', ...read },
    readRequests,
  };
}

const run = () =>
  backfill({
    db: table.db,
    scanDb,
    tableName: table.tableName,
    deps,
    now,
    payoutsSince: '2026-11-25T00:00:00.000Z',
    log: (line) => log.push(line),
  });

beforeAll(async () => {
  table = await createTestTable();
  await writeTestCouncils(table);
  deps = buildDeps(readEnv({ CAREPOOL_TABLE: table.tableName, DYNAMODB_ENDPOINT: table.endpoint }), {
    clock,
  });
  scanDb = scanningClient({ region: 'eu-west-2', endpoint: table.endpoint });

  // Reconciliation exceptions under the one old key.
  for (const [id, councilId] of [
    ['missing_on_rail#trf_old1', council],
    ['unknown_on_rail#rail_9', undefined],
  ] as const)
    await put({
      pk: 'RECONCILIATION',
      sk: `EXCEPTION#${id}`,
      entity: 'reconciliation_exception',
      exceptionId: id,
      kind: id.split('#')[0],
      railTransferIds: [],
      ...(councilId ? { councilId } : {}),
      detectedAt: '2026-11-20T01:00:00.000Z',
      status: 'open',
    });
  // Payouts on the single payouts-in-transit account: one in the window, one before it, and a debit.
  await put(entry('payouts_in_transit', '2026-11-30T09:00:00.000Z', 'trf_pay_new', 1_500, 'provider_payout'));
  await put(entry('payouts_in_transit', '2026-11-01T09:00:00.000Z', 'trf_pay_old', 900, 'provider_payout'));
  await put(entry('payouts_in_transit', '2026-11-30T10:00:00.000Z', 'trf_sent', -1_500, 'payout_sent'));
  // Reconciliation had already run on the new code, past the payout above.
  await put({
    ...keys.reconciliationCheckpoint(),
    entity: 'checkpoint',
    position: '2026-12-01T08:00:00.000Z#trf_x',
  });

  // Ledger: an account with no month items; one whose month items began mid-month; one with
  // untracked entries in the open month (it must wait for the month to close).
  await put(entry('holder_cash:per_a', '2026-09-03T10:00:00.000Z', 'a1', 4_000, 'council_deposit'));
  await put(entry('holder_cash:per_a', '2026-10-05T10:00:00.000Z', 'a2', -1_000, 'invoice_payment'));
  await put(account('holder_cash:per_a', 4_000, 1_000));
  await put(entry('holder_cash:per_b', '2026-11-02T10:00:00.000Z', 'b1', 3_000, 'council_deposit'));
  await put(entry('holder_cash:per_b', '2026-11-20T10:00:00.000Z', 'b2', 500, 'council_deposit'));
  await put({ ...keys.accountMonth('holder_cash:per_b', '2026-11'), entity: 'account_month', moved: 500 });
  await put(account('holder_cash:per_b', 3_500, 0, { trackedFrom: '2026-11' }));
  await put(entry('holder_cash:per_c', '2026-12-01T10:00:00.000Z', 'c1', 700, 'council_deposit'));
  await put(account('holder_cash:per_c', 700, 0));

  // A person whose budget was set before the deposits-due index.
  const person: PersonRecord = {
    personId: 'per_old',
    name: 'Olive Old',
    dateOfBirth: '1950-01-01',
    postcode: 'HG1 2AB',
    councilId: council,
    outcode: 'HG1',
    budget: {
      allocationPence: 1_300_000,
      fundingSources: [{ source: 'council_social_care', amountPence: 1_300_000 }],
      deployment: 'managed_account',
      planYearStart: '2026-10-01',
    },
    createdBy: 'usr_cm',
    createdAt: '2026-09-01T00:00:00.000Z',
    updatedAt: '2026-09-01T00:00:00.000Z',
    version: 1,
  };
  await put(personItem(person));

  // Requests from before the unmet-demand counters, then one made with them.
  await put(requestItem(request('req_old1', { interestedCount: 2, quoteCount: 1 })));
  await put(
    requestItem(
      request('req_old2', {
        createdAt: '2026-11-04T10:00:00.000Z',
        status: 'accepted',
        acceptedQuoteId: 'quo_1',
      }),
    ),
  );
  await put(
    requestItem(
      request('req_old3', { createdAt: '2026-11-25T10:00:00.000Z', respondBy: '2026-12-09T23:59:00.000Z' }),
    ),
  );
  await new DynamoRequestStore(table.db, table.tableName).create(
    request('req_new', { createdAt: '2026-11-28T10:00:00.000Z', category: 'transport' }),
  );
}, 120_000);
afterAll(() => {
  table?.db.destroy();
  scanDb?.destroy();
});

describe('the backfill script', () => {
  it('brings every old shape to the new one, changes nothing else, and changes nothing the second time', async () => {
    const before = await reports();
    expect(before.counted).toEqual(before.read);
    expect(before.readRequests).toBe(true);
    const original = await snapshot();

    const first = await run();
    const afterFirst = await snapshot();
    const second = await run();
    const afterSecond = await snapshot();

    // Run twice: the second writes nothing and says so.
    expect(afterSecond).toEqual(afterFirst);
    expect(second.exceptions).toMatchObject({ moved: 0, 'already moved': 2 });
    expect(second.payouts).toMatchObject({ indexed: 0, 'already indexed': 1, 'checkpoint moved back': 0 });
    expect(second.ledger).toMatchObject({ 'month items written': 0, 'moved back': 0 });
    expect(second.deposits).toMatchObject({ 'people given a due item': 0, 'councils already indexed': 2 });
    expect(second.unmet).toMatchObject({ counted: 0, 'already counted': 4 });
    expect(first.exceptions).toMatchObject({ moved: 2 });
    expect(first.payouts).toMatchObject({ indexed: 1, 'checkpoint moved back': 1 });
    expect(first.ledger).toMatchObject({
      'month items written': 3,
      'moved back': 2,
      'open month incomplete': 1,
    });
    expect(first.deposits).toMatchObject({ 'people given a due item': 1 });
    expect(first.unmet).toMatchObject({ counted: 3, 'already counted': 1 });
    expect(log.some((line) => line.startsWith('unmet: '))).toBe(true);

    // Nothing was deleted, and only the migrated kinds of item were added or changed.
    const changed = [...afterFirst].filter(([key, value]) => original.get(key) !== value).map(([key]) => key);
    expect([...original.keys()].filter((key) => !afterFirst.has(key))).toEqual([]);
    const allowed = [
      /^RECONCILIATION#(north-dales|-)\|OPEN#/,
      /^RECONCILIATION\|CHECKPOINT$/,
      /^ACCOUNT#payouts_in_transit\|ENTRY#2026-11-30T09:00:00.000Z#trf_pay_new$/,
      /^ACCOUNT#holder_cash:per_[ab]\|(MONTH#.*|ACCOUNT)$/,
      /^PERSON#per_old\|DEPOSIT_DUE$/,
      /^COUNCIL#[a-z-]+\|(DEPOSIT_SCHEDULE|UNMET_TRACKED)$/,
      /^COUNCIL#north-dales\|UNMET(_CLOSES)?#2026-/,
      /^REQUEST#req_old[123]\|REQUEST$/,
    ];
    expect(changed.filter((key) => !allowed.some((pattern) => pattern.test(key)))).toEqual([]);

    // Exceptions: in their council's partition (or the one for none), as they were.
    expect(await item(`RECONCILIATION#north-dales|OPEN#missing_on_rail#trf_old1`)).toMatchObject({
      kind: 'missing_on_rail',
      status: 'open',
    });
    const page = await deps.payments.payments.exceptionsPage(council, { limit: 10 });
    expect(page.items.map((e) => e.exceptionId).sort()).toEqual([
      'missing_on_rail#trf_old1',
      'unknown_on_rail#rail_9',
    ]);

    // Payouts: the one in the window is indexed and reconciliation will go back for it.
    expect(await item('ACCOUNT#payouts_in_transit|ENTRY#2026-11-30T09:00:00.000Z#trf_pay_new')).toMatchObject(
      {
        gsi1pk: 'PAYOUTS#2026-11-30',
      },
    );
    expect(
      (await item('ACCOUNT#payouts_in_transit|ENTRY#2026-11-01T09:00:00.000Z#trf_pay_old'))?.gsi1pk,
    ).toBeUndefined();
    const checkpoint = (await deps.payments.payments.reconciliationCheckpoint()) ?? '';
    const walked = await deps.payments.payments.payoutsAfter(checkpoint, now.toISOString(), 10);
    expect(walked.map((p) => p.transferId)).toEqual(['trf_pay_new']);

    // Ledger: month items for closed months, and statements that read them are right.
    expect(await item('ACCOUNT#holder_cash:per_a|MONTH#2026-09')).toMatchObject({ moved: 4_000 });
    expect(await item('ACCOUNT#holder_cash:per_a|MONTH#2026-10')).toMatchObject({ moved: -1_000 });
    expect(await item('ACCOUNT#holder_cash:per_b|MONTH#2026-11')).toMatchObject({ moved: 3_500 });
    expect(await item('ACCOUNT#holder_cash:per_a|ACCOUNT')).toMatchObject({
      trackedFrom: trackedSinceTheStart.ledger,
    });
    expect(await item('ACCOUNT#holder_cash:per_b|ACCOUNT')).toMatchObject({
      trackedFrom: trackedSinceTheStart.ledger,
    });
    expect((await item('ACCOUNT#holder_cash:per_c|ACCOUNT'))?.trackedFrom).toBeUndefined();
    expect(
      (await deps.ledger.statement('holder_cash:per_a', '2026-10-01', '2026-12-31')).openingBalancePence,
    ).toBe(4_000);
    expect(
      (await deps.ledger.statement('holder_cash:per_b', '2026-11-10', '2026-12-31')).openingBalancePence,
    ).toBe(3_000);
    expect(
      (await deps.ledger.statement('holder_cash:per_b', '2026-12-01', '2026-12-31')).openingBalancePence,
    ).toBe(3_500);

    // Deposits: the person is in the due index.
    expect(await item('PERSON#per_old|DEPOSIT_DUE')).toMatchObject({
      gsi2pk: `COUNCIL#${council}#DEPOSITS_DUE`,
    });

    // Unmet demand: the same report, now from counters alone.
    const after = await reports();
    expect(after.counted).toEqual(after.read);
    expect(after.counted).toEqual(before.counted);
    expect(after.counted).toMatchObject({ totalRequests: 4, unmetRequests: 1 });
    expect(after.readRequests).toBe(false);
  }, 120_000);
});
