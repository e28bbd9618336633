import {
  accountId,
  type DomainError,
  type OrderStore,
  type PaymentDeps,
  type PaymentRail,
  type RailTransfer,
  type ReconciliationException,
  reconcilePayouts,
  reconciliationExceptions,
} from '@carepool/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTable, type TestTable } from '../../../test/support/dynamo.ts';
import { DynamoDirectoryStore } from './directory-store.ts';
import { DynamoLedger } from './ledger-store.ts';
import { DynamoPaymentStore } from './payment-store.ts';

let nowMs = Date.parse('2026-11-20T09:00:00Z');
const clock = { now: () => new Date(nowMs) };
let table: TestTable;
let ledger: DynamoLedger;
let store: DynamoPaymentStore;
const sent: RailTransfer[] = [];
const actor = { userId: 'usr_test', roles: ['finance'] };

const rail = {
  kind: 'simulated',
  listTransfers: async ({ since }: { since: Date }) => sent.filter((t) => t.createdAt >= since.toISOString()),
} as unknown as PaymentRail;

const deps = () =>
  ({
    rail,
    ledger,
    payments: store,
    orders: { get: async () => undefined } as unknown as OrderStore,
    clock,
  }) as unknown as PaymentDeps;

beforeAll(async () => {
  table = await createTestTable();
  ledger = new DynamoLedger(table.db, table.tableName, clock, { attempts: 6, baseDelayMs: 1 });
  store = new DynamoPaymentStore(
    table.db,
    table.tableName,
    new DynamoDirectoryStore(table.db, table.tableName),
  );
});
afterAll(() => table?.db.destroy());

async function payout(n: number, railAmount: number | undefined) {
  nowMs += 60_000;
  const transferId = `payout-ord_${n}`;
  const made = await ledger.transfer({
    transferId,
    debitAccountId: accountId.councilFunding('north-dales'),
    creditAccountId: accountId.payoutsInTransit(transferId),
    amountPence: 1_000,
    flags: 'single',
    code: 'provider_payout',
    description: 'Paid out',
    reference: `ord_${n}`,
    actor,
  });
  if (railAmount !== undefined)
    sent.push({
      railTransferId: `tr_${n}`,
      ledgerTransferId: transferId,
      accountId: 'acct_1',
      amountPence: railAmount,
      transferGroup: `ord_${n}`,
      createdAt: made.createdAt,
    });
}

describe('reconciliation, a bounded batch at a time', () => {
  it('checks at most a batch per run from its checkpoint, says how many remain, and finds every difference', async () => {
    // Seven payouts: two never sent, one sent for the wrong amount; and money sent for no payout.
    for (const [n, railAmount] of [1_000, undefined, 1_000, 900, 1_000, undefined, 1_000].entries())
      await payout(n, railAmount);
    sent.push({
      railTransferId: 'tr_stray',
      ledgerTransferId: '',
      accountId: 'acct_1',
      amountPence: 5_000,
      transferGroup: '',
      createdAt: new Date(nowMs).toISOString(),
    });
    nowMs += 60_000;
    // The payouts went through several shards of payouts in transit, not one hot item.
    const shards = new Set([0, 1, 2, 3, 4, 5, 6].map((n) => accountId.payoutsInTransit(`payout-ord_${n}`)));
    expect(shards.size).toBeGreaterThan(1);

    const options = { firstRunSince: new Date(nowMs - 86_400_000), maxPayouts: 3 };
    const runs = [];
    for (let i = 0; i < 4; i++) runs.push(await reconcilePayouts(deps(), options));
    expect(runs.map((r) => [r.checked, r.remaining])).toEqual([
      [3, 4],
      [3, 1],
      [1, 0],
      [0, 0],
    ]);
    // A transfer the rail made since the checkpoint is looked at again by the next run: it is
    // recorded under the same id, so finance still sees it once.
    const kinds = [...new Set(runs.flatMap((r) => r.exceptions.map((e) => e.exceptionId)))].sort();
    expect(kinds).toEqual([
      'amount_mismatch#payout-ord_3',
      'missing_on_rail#payout-ord_1',
      'missing_on_rail#payout-ord_5',
      'unknown_on_rail#tr_stray',
    ]);
  });
});

describe('reconciliation exceptions, a page at a time', () => {
  const exception = (n: number, councilId: string | undefined): ReconciliationException => ({
    exceptionId: `missing_on_rail#p${n}`,
    kind: 'missing_on_rail',
    ledgerTransferId: `p${n}`,
    railTransferIds: [],
    ...(councilId ? { councilId } : {}),
    detectedAt: '2026-11-20T09:00:00.000Z',
    status: 'open',
  });
  const finance = (councilId: string) => ({
    caller: {
      userId: `usr_${councilId}`,
      name: 'F',
      roles: ['finance' as const],
      councilId,
      personId: undefined,
    },
  });

  it("pages the council's own, then those of no council, never another council's", async () => {
    const fresh = await createTestTable();
    const pages = new DynamoPaymentStore(
      fresh.db,
      fresh.tableName,
      new DynamoDirectoryStore(fresh.db, fresh.tableName),
    );
    await pages.saveExceptions([
      exception(1, 'north-dales'),
      exception(2, 'north-dales'),
      exception(3, 'north-dales'),
      exception(4, undefined),
      exception(5, undefined),
      exception(6, 'south-vale'),
    ]);
    const seen: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await reconciliationExceptions({ ...deps(), payments: pages }, finance('north-dales'), {
        limit: 2,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(page.items.map((e) => e.ledgerTransferId ?? ''));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([['p1', 'p2'], ['p3', 'p4'], ['p5']]);

    const first = await reconciliationExceptions({ ...deps(), payments: pages }, finance('north-dales'), {
      limit: 2,
    });
    // A cursor cut for one council's list is refused on another's.
    await expect(
      reconciliationExceptions({ ...deps(), payments: pages }, finance('south-vale'), {
        limit: 2,
        cursor: first.nextCursor,
      }),
    ).rejects.toMatchObject({ code: 'bad_cursor' } satisfies Partial<DomainError>);
    fresh.db.destroy();
  });
});
