import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { accountId, type DomainError, type TransferRequest, verifyAuditChain } from '@carepool/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTable, type TestTable } from '../../../test/support/dynamo.ts';
import { type Fault, injectFaults } from '../../../test/support/faults.ts';
import { readAuditTrail } from './audit-log.ts';
import { keys } from './keys.ts';
import { DynamoLedger } from './ledger-store.ts';

let table: TestTable;
let ledger: DynamoLedger;
let faultyLedger: DynamoLedger;
let faultQueue: Fault[] = [];
let injected: Record<Fault, number>;
const clock = { now: () => new Date('2026-06-01T10:00:00Z') };

beforeAll(async () => {
  table = await createTestTable();
  ledger = new DynamoLedger(table.db, table.tableName, clock, { attempts: 6, baseDelayMs: 1 });
  const faulty = await createTestTable();
  // Same table as `ledger`, through a client that misbehaves on demand.
  const { createDocumentClient } = await import('./client.ts');
  const faultyDb = createDocumentClient({ tableName: table.tableName, endpoint: faulty.endpoint });
  injected = injectFaults(faultyDb, () => faultQueue.shift()).injected;
  faultyLedger = new DynamoLedger(faultyDb, table.tableName, clock, { attempts: 6, baseDelayMs: 1 });
});
afterAll(() => table?.db.destroy());

let counter = 0;
const actor = { userId: 'usr_test', roles: ['finance'] };
const uniq = (prefix: string) => `${prefix}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;

function deposit(person: string, amountPence: number, transferId = uniq('dep')): TransferRequest {
  return {
    transferId,
    debitAccountId: accountId.councilFunding('north-dales'),
    creditAccountId: accountId.holderCash(person),
    amountPence,
    flags: 'single',
    code: 'council_deposit',
    description: 'Council deposit',
    actor,
  };
}

function reserve(
  person: string,
  provider: string,
  amountPence: number,
  limitPence: number,
  line = 'line-1',
): TransferRequest {
  return {
    transferId: uniq('res'),
    debitAccountId: accountId.holderCash(person),
    creditAccountId: accountId.providerPayable(provider),
    amountPence,
    flags: 'pending',
    code: 'order_reservation',
    actor,
    description: 'Reservation',
    lineCharge: { personId: person, lineId: line, periodKey: 'plan-year', limitPence },
  };
}

describe('the ledger', () => {
  it('moves money between accounts, double-entry', async () => {
    const person = uniq('p');
    await ledger.transfer(deposit(person, 10_000));
    const cash = await ledger.account(accountId.holderCash(person));
    expect(cash).toMatchObject({ creditsPosted: 10_000, debitsPosted: 0, noOverdraft: true });
  });

  it('refuses to overdraw a holder', async () => {
    const person = uniq('p');
    await ledger.transfer(deposit(person, 1_000));
    await expect(ledger.transfer(reserve(person, 'prv', 1_001, 100_000))).rejects.toMatchObject({
      code: 'insufficient_funds',
    });
    expect((await ledger.account(accountId.holderCash(person))).debitsPending).toBe(0);
  });

  it('refuses to take a plan line past its limit, and says by how much', async () => {
    const person = uniq('p');
    await ledger.transfer(deposit(person, 100_000));
    await ledger.transfer(reserve(person, 'prv', 6_000, 10_000));
    const error = (await ledger
      .transfer(reserve(person, 'prv', 5_000, 10_000))
      .catch((e: unknown) => e)) as DomainError;
    expect(error.code).toBe('line_cap_exceeded');
    expect(error.facts).toMatchObject({
      limitNowPence: 10_000,
      committedPence: 6_000,
      requestedPence: 5_000,
      leftPence: 4_000,
    });
  });

  it('posts a reservation for less than reserved and releases the rest, to the line too', async () => {
    const person = uniq('p');
    await ledger.transfer(deposit(person, 10_000));
    const pending = await ledger.transfer(reserve(person, 'prv-a', 6_000, 8_000));
    await ledger.postPending({
      transferId: uniq('post'),
      actor,
      pendingId: pending.transferId,
      amountPence: 4_500,
      description: 'Paid',
    });
    expect(await ledger.account(accountId.holderCash(person))).toMatchObject({
      debitsPosted: 4_500,
      debitsPending: 0,
    });
    expect(await ledger.lineUsage(person, 'line-1', 'plan-year')).toEqual({
      committedPence: 4_500,
      spentPence: 4_500,
    });
  });

  it('refuses a charge checked against a plan that was replaced before it was written', async () => {
    const person = uniq('p');
    await ledger.transfer(deposit(person, 10_000));
    // The person's plan in force is now pln-new: an approval landed between check and write.
    await table.db.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...keys.person(person), entity: 'person', currentPlanId: 'pln-new' },
      }),
    );
    const stale = reserve(person, 'prv', 1_000, 5_000);
    const checkedAgainstOld = {
      ...stale,
      lineCharge: {
        personId: person,
        lineId: 'line-1',
        periodKey: 'plan-year',
        limitPence: 5_000,
        planId: 'pln-old',
      },
    };
    await expect(ledger.transfer(checkedAgainstOld)).rejects.toMatchObject({ code: 'plan_changed' });
    expect((await ledger.account(accountId.holderCash(person))).debitsPending).toBe(0);
    expect((await ledger.lineUsage(person, 'line-1', 'plan-year')).committedPence).toBe(0);

    const current = {
      ...checkedAgainstOld,
      transferId: uniq('res'),
      lineCharge: { ...checkedAgainstOld.lineCharge, planId: 'pln-new' },
    };
    await ledger.transfer(current);
    expect((await ledger.lineUsage(person, 'line-1', 'plan-year')).committedPence).toBe(1_000);
  });

  it('writes each movement’s own audit record, with who caused it, in the same transaction', async () => {
    const person = uniq('p');
    const request = deposit(person, 2_500);
    await ledger.transfer(request);
    await ledger.transfer(request); // a replay adds nothing
    const trail = await readAuditTrail(table.db, table.tableName, 'transfer', request.transferId);
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({
      actor: { userId: request.actor.userId },
      action: 'transfer.single',
      after: { amountPence: 2_500, code: 'council_deposit', creditAccountId: accountId.holderCash(person) },
    });
    expect(verifyAuditChain(trail).verified).toBe(true);
    // A failed movement leaves no record.
    const refused = reserve(person, 'prv', 99_999, 100_000);
    await expect(ledger.transfer(refused)).rejects.toMatchObject({ code: 'insufficient_funds' });
    expect(await readAuditTrail(table.db, table.tableName, 'transfer', refused.transferId)).toEqual([]);
  });

  it('never posts more than was reserved', async () => {
    const person = uniq('p');
    await ledger.transfer(deposit(person, 10_000));
    const pending = await ledger.transfer(reserve(person, 'prv', 1_000, 8_000));
    await expect(
      ledger.postPending({
        transferId: uniq('post'),
        actor,
        pendingId: pending.transferId,
        amountPence: 1_001,
        description: 'x',
      }),
    ).rejects.toMatchObject({ code: 'post_exceeds_reservation' });
  });

  it('resolves a reservation at most once', async () => {
    const person = uniq('p');
    await ledger.transfer(deposit(person, 10_000));
    const pending = await ledger.transfer(reserve(person, 'prv', 1_000, 8_000));
    await ledger.voidPending({
      transferId: uniq('void'),
      actor,
      pendingId: pending.transferId,
      description: 'Cancelled',
    });
    await expect(
      ledger.postPending({
        transferId: uniq('post'),
        actor,
        pendingId: pending.transferId,
        amountPence: 1_000,
        description: 'x',
      }),
    ).rejects.toMatchObject({ code: 'pending_already_resolved' });
    expect(await ledger.account(accountId.holderCash(person))).toMatchObject({
      debitsPending: 0,
      debitsPosted: 0,
    });
  });

  it('applies a transfer id once, forever: a repeat returns the first, a reuse with other fields is a 409', async () => {
    const person = uniq('p');
    const first = await ledger.transfer(deposit(person, 2_500, 'dep-once'));
    const again = await ledger.transfer(deposit(person, 2_500, 'dep-once'));
    expect(again).toEqual(first);
    expect((await ledger.account(accountId.holderCash(person))).creditsPosted).toBe(2_500);
    await expect(ledger.transfer(deposit(person, 9_999, 'dep-once'))).rejects.toMatchObject({
      code: 'transfer_id_reused',
    });
  });

  it('stays exactly-once through injected conflicts, throttles and lost answers', async () => {
    const person = uniq('p');
    faultQueue = ['conflict', 'throttle', 'timeout_after_commit'];
    const result = await faultyLedger.transfer(deposit(person, 7_700));
    expect(result.amountPence).toBe(7_700);
    expect(injected.timeout_after_commit).toBeGreaterThan(0);
    expect((await ledger.account(accountId.holderCash(person))).creditsPosted).toBe(7_700);
    const statement = await ledger.statement(accountId.holderCash(person), '2026-01-01', '2026-12-31');
    expect(statement.entries).toHaveLength(1);
  });

  it('gives up on a transfer that keeps conflicting, without half-applying it', async () => {
    const person = uniq('p');
    faultQueue = Array.from({ length: 6 }, () => 'conflict' as const);
    await expect(faultyLedger.transfer(deposit(person, 100))).rejects.toBeDefined();
    faultQueue = [];
    expect((await ledger.account(accountId.holderCash(person))).creditsPosted).toBe(0);
  });
});

describe('ledger invariants under random operations (property)', () => {
  type Op =
    | { kind: 'deposit'; who: number; amount: number }
    | { kind: 'reserve'; who: number; amount: number }
    | { kind: 'post'; which: number; fraction: number }
    | { kind: 'void'; which: number }
    | { kind: 'repeat'; which: number };
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({
      kind: fc.constant('deposit' as const),
      who: fc.integer({ min: 0, max: 2 }),
      amount: fc.integer({ min: 1, max: 5_000 }),
    }),
    fc.record({
      kind: fc.constant('reserve' as const),
      who: fc.integer({ min: 0, max: 2 }),
      amount: fc.integer({ min: 1, max: 4_000 }),
    }),
    fc.record({
      kind: fc.constant('post' as const),
      which: fc.nat(),
      fraction: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
    fc.record({ kind: fc.constant('void' as const), which: fc.nat() }),
    fc.record({ kind: fc.constant('repeat' as const), which: fc.nat() }),
  );
  // Fewer faults than retry attempts, so a run never gives up half way and leaves the model unsure.
  const faults = fc.array(
    fc.constantFrom<Fault | undefined>(undefined, undefined, 'conflict', 'throttle', 'timeout_after_commit'),
    {
      maxLength: 5,
    },
  );

  it('keeps debits = credits, no overdraft, lines within limits, ids once, reservations resolved once', async () => {
    const runs = Number(process.env.LEDGER_PROPERTY_RUNS ?? 1000);
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), faults, async (ops, faultPlan) => {
        faultQueue = faultPlan.filter((f): f is Fault => f !== undefined);
        const run = uniq('run');
        const people = [0, 1, 2].map((i) => `${run}-p${i}`);
        const limit = 6_000;
        const sent: TransferRequest[] = [];
        const pendings: Array<{ id: string; amount: number; resolved: boolean }> = [];
        for (const step of ops) {
          let request: TransferRequest | undefined;
          try {
            if (step.kind === 'deposit') request = deposit(people[step.who] ?? '', step.amount);
            if (step.kind === 'reserve')
              request = reserve(people[step.who] ?? '', `${run}-prv`, step.amount, limit);
            if (step.kind === 'repeat' && sent.length) request = sent[step.which % sent.length];
            if (request) {
              const applied = await faultyLedger.transfer(request);
              if (!sent.includes(request)) sent.push(request);
              if (applied.flags === 'pending' && !pendings.some((p) => p.id === applied.transferId)) {
                pendings.push({ id: applied.transferId, amount: applied.amountPence, resolved: false });
              }
            }
            if ((step.kind === 'post' || step.kind === 'void') && pendings.length) {
              const target = pendings[step.which % pendings.length];
              if (!target) continue;
              const outcome = await (step.kind === 'post'
                ? faultyLedger.postPending({
                    transferId: uniq('post'),
                    actor,
                    pendingId: target.id,
                    amountPence: Math.floor(target.amount * step.fraction),
                    description: 'post',
                  })
                : faultyLedger.voidPending({
                    transferId: uniq('void'),
                    actor,
                    pendingId: target.id,
                    description: 'void',
                  })
              ).then(
                () => 'ok' as const,
                (error: DomainError) => error.code,
              );
              if (target.resolved) expect(outcome).toBe('pending_already_resolved');
              if (outcome === 'ok') target.resolved = true;
            }
          } catch (error) {
            const code = (error as DomainError).code;
            expect(['insufficient_funds', 'line_cap_exceeded'], String(error)).toContain(code);
          }
        }
        faultQueue = [];
        const accounts = await ledger.accounts([
          ...people.map(accountId.holderCash),
          accountId.providerPayable(`${run}-prv`),
          accountId.councilFunding('north-dales'),
        ]);
        const holderAndProvider = accounts.slice(0, 4);
        for (const account of holderAndProvider) {
          expect(account.creditsPosted - account.debitsPosted - account.debitsPending).toBeGreaterThanOrEqual(
            0,
          );
        }
        // Within this run, what holders and the provider hold must equal what the council paid in.
        const deposited = (
          await Promise.all(people.map((p) => ledger.statement(accountId.holderCash(p), '2000', '2100')))
        ).flatMap((s) => s.entries.filter((e) => e.code === 'council_deposit'));
        const paidIn = deposited.reduce((sum, e) => sum + e.amountPence, 0);
        const held = holderAndProvider.reduce((sum, a) => sum + a.creditsPosted - a.debitsPosted, 0);
        expect(held).toBe(paidIn);
        const pendingOut = accounts.slice(0, 3).reduce((sum, a) => sum + a.debitsPending, 0);
        expect(pendingOut).toBe(accounts[3]?.creditsPending);
        expect(pendingOut).toBe(pendings.filter((p) => !p.resolved).reduce((sum, p) => sum + p.amount, 0));
        for (const person of people) {
          const usage = await ledger.lineUsage(person, 'line-1', 'plan-year');
          expect(usage.committedPence).toBeLessThanOrEqual(limit);
        }
        // Each transfer id appears exactly once in each account's entries.
        const entryIds = deposited.map((e) => e.transferId);
        expect(new Set(entryIds).size).toBe(entryIds.length);
      }),
      { numRuns: runs, verbose: 1 },
    );
  }, 600_000);
});
