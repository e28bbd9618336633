import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { accountId, type TransferRequest } from '@carepool/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTable, type TestTable } from '../../../test/support/dynamo.ts';
import { createDocumentClient } from './client.ts';
import { keys } from './keys.ts';
import { DynamoLedger } from './ledger-store.ts';

// A clock the tests move, so entries fall in many months.
let nowMs = Date.parse('2025-01-01T09:00:00Z');
const clock = { now: () => new Date(nowMs) };
let table: TestTable;
let ledger: DynamoLedger;
/** The same table through a client that reports what each call read. */
let metered: DynamoLedger;
const meter = { readUnits: 0, calls: 0 };

beforeAll(async () => {
  table = await createTestTable();
  ledger = new DynamoLedger(table.db, table.tableName, clock, { attempts: 6, baseDelayMs: 1 });
  const db = createDocumentClient(
    { tableName: table.tableName, endpoint: table.endpoint },
    {
      returnConsumedCapacity: true,
      observe: (_name, _input, output) => {
        meter.calls += 1;
        meter.readUnits += Number(
          (output as { ConsumedCapacity?: { CapacityUnits?: number } }).ConsumedCapacity?.CapacityUnits ?? 0,
        );
      },
    },
  );
  metered = new DynamoLedger(db, table.tableName, clock, { attempts: 6, baseDelayMs: 1 });
});
afterAll(() => table?.db.destroy());

let counter = 0;
const uniq = (prefix: string) => `${prefix}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
const actor = { userId: 'usr_test', roles: ['finance'] };

const deposit = (person: string, amountPence: number): TransferRequest => ({
  transferId: uniq('dep'),
  debitAccountId: accountId.councilFunding('north-dales'),
  creditAccountId: accountId.holderCash(person),
  amountPence,
  flags: 'single',
  code: 'council_deposit',
  description: 'Council deposit',
  actor,
});
const spend = (person: string, amountPence: number, flags: 'single' | 'pending'): TransferRequest => ({
  transferId: uniq(flags === 'single' ? 'inv' : 'res'),
  debitAccountId: accountId.holderCash(person),
  creditAccountId: accountId.providerPayable('prv-statement'),
  amountPence,
  flags,
  code: flags === 'single' ? 'invoice_payment' : 'order_reservation',
  description: 'Support',
  actor,
});

/** The opening balance the slow way: every posted entry strictly before `from`, as sort keys order them. */
async function sumOfEarlierEntries(account: string, from: string) {
  const all = await ledger.statement(account, '2000', '2100');
  return all.entries
    .filter((e) => `${e.at}#${e.transferId}` < from)
    .reduce((sum, e) => sum + e.amountPence, 0);
}

describe('statement opening balances', () => {
  type Step = {
    gapHours: number;
    kind: 'deposit' | 'spend' | 'reserve_post' | 'reserve_void';
    amount: number;
  };
  const step: fc.Arbitrary<Step> = fc.record({
    gapHours: fc.integer({ min: 0, max: 24 * 50 }),
    kind: fc.constantFrom('deposit', 'spend', 'reserve_post', 'reserve_void'),
    amount: fc.integer({ min: 1, max: 3_000 }),
  });

  it('equal the sum of every earlier entry, for random histories and periods (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 14 }),
        fc.array(fc.tuple(fc.double({ min: -0.1, max: 1.1, noNaN: true }), fc.boolean()), {
          minLength: 1,
          maxLength: 5,
        }),
        async (steps, fromPoints) => {
          const person = uniq('per');
          const account = accountId.holderCash(person);
          const start = nowMs;
          await ledger.transfer(deposit(person, 100_000));
          for (const s of steps) {
            nowMs += s.gapHours * 3_600_000 + 1;
            if (s.kind === 'deposit') await ledger.transfer(deposit(person, s.amount));
            if (s.kind === 'spend') await ledger.transfer(spend(person, s.amount, 'single'));
            if (s.kind === 'reserve_post' || s.kind === 'reserve_void') {
              const reserved = await ledger.transfer(spend(person, s.amount, 'pending'));
              nowMs += 60_000;
              if (s.kind === 'reserve_post')
                await ledger.postPending({
                  transferId: uniq('post'),
                  pendingId: reserved.transferId,
                  amountPence: Math.floor(s.amount / 2),
                  description: 'Paid',
                  actor,
                });
              else
                await ledger.voidPending({
                  transferId: uniq('void'),
                  pendingId: reserved.transferId,
                  description: 'Released',
                  actor,
                });
            }
          }
          const end = nowMs;
          nowMs += 1;
          for (const [point, dateOnly] of fromPoints) {
            const instant = new Date(start + point * (end - start)).toISOString();
            // Both forms a statement is asked with: a calendar day, or an exact instant.
            const from = dateOnly ? instant.slice(0, 10) : instant;
            const { openingBalancePence, entries } = await ledger.statement(account, from, '2100');
            expect(openingBalancePence).toBe(await sumOfEarlierEntries(account, from));
            // And the period's entries carry on from it to the balance now.
            const closing = openingBalancePence + entries.reduce((sum, e) => sum + e.amountPence, 0);
            const balance = await ledger.account(account);
            expect(closing).toBe(balance.creditsPosted - balance.debitsPosted);
          }
        },
      ),
      { numRuns: Number(process.env.LEDGER_PROPERTY_RUNS ?? 25) },
    );
  }, 300_000);

  it('cost the same to read after one month of history as after three years', async () => {
    const readLastMonth = async (months: number) => {
      const person = uniq('per');
      // `months` months of history: a deposit and a payment each month, then this month's three.
      nowMs = Date.parse('2030-01-05T10:00:00Z') - months * 31 * 86_400_000;
      for (let m = 0; m < months; m++) {
        await ledger.transfer(deposit(person, 5_000));
        await ledger.transfer(spend(person, 1_200, 'single'));
        nowMs += 31 * 86_400_000;
      }
      nowMs = Date.parse('2030-01-05T10:00:00Z');
      await ledger.transfer(deposit(person, 5_000));
      await ledger.transfer(spend(person, 700, 'single'));
      await ledger.transfer(spend(person, 300, 'single'));
      meter.readUnits = 0;
      meter.calls = 0;
      const statement = await metered.statement(accountId.holderCash(person), '2030-01-01', '2030-01-31');
      expect(statement.entries).toHaveLength(3);
      expect(statement.openingBalancePence).toBe(months * (5_000 - 1_200));
      return { readUnits: meter.readUnits, calls: meter.calls };
    };
    const one = await readLastMonth(1);
    const thirtySix = await readLastMonth(36);
    expect(thirtySix.calls).toBe(one.calls);
    expect(thirtySix.readUnits).toBe(one.readUnits);
  }, 120_000);

  it('still works for an account whose entries predate month items (no trackedFrom)', async () => {
    const person = uniq('legacy');
    const account = accountId.holderCash(person);
    // As an account written before this change: entries and totals, no month items.
    for (const [at, amount] of [
      ['2024-03-02T10:00:00.000Z', 4_000],
      ['2024-04-02T10:00:00.000Z', -1_000],
    ] as const) {
      await table.db.send(
        new PutCommand({
          TableName: table.tableName,
          Item: {
            ...keys.accountEntry(account, at, `old-${at}`),
            entity: 'entry',
            transferId: `old-${at}`,
            at,
            amountPence: amount,
            pendingPence: 0,
            code: amount > 0 ? 'council_deposit' : 'invoice_payment',
            description: 'Old',
          },
        }),
      );
    }
    await table.db.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          ...keys.account(account),
          entity: 'account',
          creditsPosted: 4_000,
          debitsPosted: 1_000,
          debitsPending: 0,
          creditsPending: 0,
          available: 3_000,
        },
      }),
    );
    expect((await ledger.statement(account, '2024-04-01', '2024-04-30')).openingBalancePence).toBe(4_000);
    // Its first movement since starts the month items; later statements use them, earlier ones fall back.
    nowMs = Date.parse('2024-06-10T10:00:00Z');
    await ledger.transfer(deposit(person, 500));
    nowMs = Date.parse('2024-07-10T10:00:00Z');
    await ledger.transfer(spend(person, 200, 'single'));
    expect((await ledger.statement(account, '2024-07-01', '2024-07-31')).openingBalancePence).toBe(3_500);
    expect((await ledger.statement(account, '2024-06-15', '2024-07-31')).openingBalancePence).toBe(3_500);
    expect((await ledger.statement(account, '2024-06-01', '2024-07-31')).openingBalancePence).toBe(3_000);
    expect((await ledger.statement(account, '2024-04-01', '2024-07-31')).openingBalancePence).toBe(4_000);
  });

  it('is right in the month its month items began, when older entries in that month have none', async () => {
    const person = uniq('deploy-month');
    const account = accountId.holderCash(person);
    // Written before month items existed, early in the month the first new movement falls in.
    const at = '2024-09-02T10:00:00.000Z';
    await table.db.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          ...keys.accountEntry(account, at, `old-${person}`),
          entity: 'entry',
          transferId: `old-${person}`,
          at,
          amountPence: 4_000,
          pendingPence: 0,
          code: 'council_deposit',
          description: 'Old',
        },
      }),
    );
    await table.db.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          ...keys.account(account),
          entity: 'account',
          creditsPosted: 4_000,
          debitsPosted: 0,
          debitsPending: 0,
          creditsPending: 0,
          available: 4_000,
        },
      }),
    );
    nowMs = Date.parse('2024-09-10T10:00:00Z');
    await ledger.transfer(deposit(person, 500));
    expect((await ledger.statement(account, '2024-09-01', '2024-09-30')).openingBalancePence).toBe(0);
    expect((await ledger.statement(account, '2024-09-05', '2024-09-30')).openingBalancePence).toBe(4_000);
    expect((await ledger.statement(account, '2024-09-15', '2024-09-30')).openingBalancePence).toBe(4_500);
    nowMs = Date.parse('2024-10-03T10:00:00Z');
    await ledger.transfer(deposit(person, 100));
    expect((await ledger.statement(account, '2024-10-01', '2024-10-31')).openingBalancePence).toBe(4_500);
  });
});
