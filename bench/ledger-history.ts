/**
 * Work that used to grow with history (issue 14), measured against it. For 1×, 10× and 100× the
 * history it fills a fresh table, then measures one of each, counting DynamoDB commands, read
 * units (ReturnConsumedCapacity) and time:
 *
 *   statement       a holder's statement of this month, after 1, 10 or 100 months of entries
 *   reconciliation  one run after 20 new payouts, with 10, 100 or 1,000 payouts checked before
 *   exceptions      the first page (50) of a council's open exceptions, of 20, 200 or 2,000
 *   payout retry    one run of the payout retry job, with 20, 200 or 2,000 payouts held
 *
 * Each should stay flat as history grows (the retry run grows to its batch of 50, then stays).
 * Older entries are written as the ledger writes them (through it for the statement; as index
 * items for payouts, which is all reconciliation reads of them). Writes bench/results/ledger-history.json.
 */

import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, DynamoLedger, keys, orderItem } from '@carepool/db';
import {
  accountId,
  type Caller,
  type OrderRecord,
  type PaymentRail,
  type RailTransfer,
  type ReconciliationException,
  reconcilePayouts,
  reconciliationExceptions,
  retryDuePayouts,
} from '@carepool/domain';
import { buildDeps, readEnv } from '../functions/src/deps.ts';
import { ensureTable } from '../packages/local/src/dynamo-local.ts';
import { machine, percentile, round } from './stats.ts';

type Item = Record<string, unknown>;
const multipliers = [1, 10, 100] as const;
const council = 'bench-council';
const day = 86_400_000;
/** Statements timed at each history size, one after another (p50 and p99 of these). */
const statementSamples = 200;

async function putAll(db: ReturnType<typeof createDocumentClient>, tableName: string, items: Item[]) {
  for (let i = 0; i < items.length; i += 25) {
    let pending: Item[] = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (pending.length) {
      const out = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (out.UnprocessedItems?.[tableName] ?? []) as Item[];
    }
  }
}

/** The rail is outside Carepool: a list in memory, so only our table's reads are counted. */
function memoryRail(transfers: RailTransfer[]): PaymentRail {
  const refuse = () => {
    throw new Error('not used by the bench');
  };
  return {
    kind: 'simulated',
    createConnectedAccount: refuse,
    onboardingLink: refuse,
    payout: refuse,
    createTopUpCheckout: refuse,
    parseWebhook: refuse,
    listTransfers: async ({ since }) => transfers.filter((t) => t.createdAt >= since.toISOString()),
  };
}

function heldOrder(n: number, at: string): OrderRecord {
  return {
    orderId: `ord_held_${n}`,
    kind: 'order',
    personId: `per_b${n % 40}`,
    councilId: council,
    providerId: `prv_gone_${n % 7}`,
    providerName: 'Gone Ltd',
    title: 'Support',
    category: 'day_and_community',
    planId: 'pln_b',
    lineId: 'line_b',
    periodKey: 'plan-year',
    quantity: 1,
    priceUnit: 'session',
    unitPricePence: 1_500,
    amountPence: 1_500,
    scheduledFor: at,
    notes: '',
    status: 'confirmed',
    reservationId: `res_${n}`,
    paidPence: 1_500,
    payout: { status: 'held', transferId: `payout-ord_held_${n}`, failure: 'Held' },
    reviewed: false,
    createdBy: 'usr_b',
    history: [],
    createdAt: at,
    updatedAt: at,
    version: 3,
  };
}

export async function benchLedgerHistory(options: { endpoint: string }) {
  const results = [];
  for (const k of multipliers) {
    const tableName = `carepool-bench-ledger-history-${k}`;
    await ensureTable(options.endpoint, tableName);
    const raw = createDocumentClient({ tableName, endpoint: options.endpoint });
    const now = new Date();
    let clockMs = now.getTime();
    const clock = { now: () => new Date(clockMs) };

    // Statement: k months of a deposit and a payment each, then three movements this month.
    const ledger = new DynamoLedger(raw, tableName, clock, { attempts: 10, baseDelayMs: 15 });
    const person = 'per_history';
    const move = (n: string, amount: number, out: boolean) =>
      ledger.transfer({
        transferId: `trf_${n}`,
        debitAccountId: out ? accountId.holderCash(person) : accountId.councilFunding(council),
        creditAccountId: out ? accountId.providerPayable('prv_b') : accountId.holderCash(person),
        amountPence: amount,
        flags: 'single',
        code: out ? 'invoice_payment' : 'council_deposit',
        description: 'Bench',
        actor: { userId: 'usr_bench', roles: ['finance'] },
      });
    const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
    for (let m = k; m >= 1; m--) {
      clockMs = monthStart - m * 30 * day + day;
      await move(`dep_${m}`, 5_000, false);
      await move(`pay_${m}`, 1_000, true);
    }
    clockMs = now.getTime();
    for (let n = 0; n < 3; n++) await move(`now_${n}`, 500, n > 0);

    // Reconciliation: k×10 payouts already checked, then 20 new ones since the checkpoint.
    const payoutItems: Item[] = [];
    const railTransfers: RailTransfer[] = [];
    const payout = (n: string, at: string) => {
      const transferId = `payout-${n}`;
      const account = accountId.payoutsInTransit(transferId);
      payoutItems.push({
        ...keys.accountEntry(account, at, transferId),
        ...keys.payoutByDay(at, transferId),
        entity: 'entry',
        transferId,
        at,
        amountPence: 2_000,
        pendingPence: 0,
        code: 'provider_payout',
        description: 'Paid out',
        reference: `ord_${n}`,
      });
      railTransfers.push({
        railTransferId: `tr_${n}`,
        ledgerTransferId: transferId,
        accountId: 'acct_b',
        amountPence: 2_000,
        transferGroup: `ord_${n}`,
        createdAt: at,
      });
    };
    for (let n = 0; n < k * 10; n++)
      payout(`old_${n}`, new Date(now.getTime() - 6 * day + (n * 5 * day) / (k * 10)).toISOString());

    // Exceptions: k×20 open, half in this council, half in no council.
    const exceptions: ReconciliationException[] = Array.from({ length: k * 20 }, (_, n) => ({
      exceptionId: `missing_on_rail#payout-x${n}`,
      kind: 'missing_on_rail',
      ledgerTransferId: `payout-x${n}`,
      railTransferIds: [],
      ledgerAmountPence: 1_000,
      ...(n % 2 ? { councilId: council } : {}),
      detectedAt: now.toISOString(),
      status: 'open',
    }));

    // Payout retry: k×20 orders held (their provider no longer verified), oldest first.
    const held = Array.from({ length: k * 20 }, (_, n) =>
      orderItem(heldOrder(n, new Date(now.getTime() - 30 * day + n * 60_000).toISOString())),
    );
    await putAll(raw, tableName, [...payoutItems, ...held]);

    const meter = { commands: 0, readUnits: 0 };
    const deps = buildDeps(readEnv({ CAREPOOL_TABLE: tableName, DYNAMODB_ENDPOINT: options.endpoint }), {
      returnConsumedCapacity: true,
      observe: (_name, _input, output) => {
        meter.commands += 1;
        const consumed = (
          output as { ConsumedCapacity?: { CapacityUnits?: number; ReadCapacityUnits?: number } }
        ).ConsumedCapacity;
        // Reads only: a run's own checkpoint write is not what grows.
        if (_name !== 'PutItemCommand' && _name !== 'BatchWriteItemCommand' && _name !== 'UpdateItemCommand')
          meter.readUnits += Number(consumed?.ReadCapacityUnits ?? consumed?.CapacityUnits ?? 0);
      },
    });
    const payments = { ...deps.payments, rail: memoryRail(railTransfers) };
    await deps.payments.payments.saveExceptions(exceptions);
    // Catch reconciliation up with the history, as the nightly runs would have.
    const firstRunSince = new Date(now.getTime() - 7 * day);
    while ((await reconcilePayouts(payments, { firstRunSince })).remaining > 0);
    for (let n = 0; n < 20; n++) {
      const at = new Date(now.getTime() - (20 - n) * 1000).toISOString();
      payout(`new_${n}`, at);
    }
    await putAll(raw, tableName, payoutItems.slice(-20));

    const measure = async <T>(work: () => Promise<T>) => {
      meter.commands = 0;
      meter.readUnits = 0;
      const started = performance.now();
      const out = await work();
      return {
        out,
        commands: meter.commands,
        readUnits: Math.round(meter.readUnits * 10) / 10,
        ms: Math.round(performance.now() - started),
      };
    };
    const caller: Caller = {
      userId: 'usr_bench_finance',
      name: 'Bench',
      roles: ['finance'],
      councilId: council,
      personId: undefined,
    };
    const from = new Date(monthStart).toISOString().slice(0, 10);
    const statement = await measure(() =>
      deps.money.ledger.statement(accountId.holderCash(person), from, now.toISOString().slice(0, 10)),
    );
    const statementLoad = machine().loadAverage1m5m15m;
    // Its latency: the same statement, through the same path, asked for one after another.
    const statementMs: number[] = [];
    for (let n = 0; n < statementSamples; n++) {
      const started = performance.now();
      await deps.money.ledger.statement(accountId.holderCash(person), from, now.toISOString().slice(0, 10));
      statementMs.push(performance.now() - started);
    }
    const statementSorted = statementMs.sort((a, b) => a - b);
    const reconciliation = await measure(() => reconcilePayouts(payments, { firstRunSince }));
    const page = await measure(() => reconciliationExceptions(payments, { caller }, { limit: 50 }));
    const retry = await measure(() =>
      retryDuePayouts({ orders: deps.orders, groups: deps.groups, payments: deps.payments.payments }),
    );
    const row = {
      history: `${k}×`,
      statement: {
        earlierMonths: k,
        entries: statement.out.entries.length,
        openingBalancePence: statement.out.openingBalancePence,
        commands: statement.commands,
        readUnits: statement.readUnits,
        ms: statement.ms,
        latency: {
          requests: statementSamples,
          p50Ms: round(percentile(statementSorted, 50), 1),
          p99Ms: round(percentile(statementSorted, 99), 1),
          loadAverageBefore: statementLoad,
        },
      },
      reconciliation: {
        payoutsCheckedBefore: k * 10,
        checked: reconciliation.out.checked,
        exceptions: reconciliation.out.exceptions.length,
        remaining: reconciliation.out.remaining,
        commands: reconciliation.commands,
        readUnits: reconciliation.readUnits,
        ms: reconciliation.ms,
      },
      exceptionsPage: {
        openExceptions: k * 20,
        shown: page.out.items.length,
        commands: page.commands,
        readUnits: page.readUnits,
        ms: page.ms,
      },
      payoutRetry: {
        held: k * 20,
        attempted: retry.out.attempted,
        commands: retry.commands,
        readUnits: retry.readUnits,
        ms: retry.ms,
      },
    };
    results.push(row);
    console.log(
      `  ledger history ${row.history}: statement ${row.statement.readUnits} RRU, p50 ${row.statement.latency.p50Ms} ms, p99 ${row.statement.latency.p99Ms} ms; reconcile ${row.reconciliation.readUnits} RRU/${row.reconciliation.ms} ms; exceptions page ${row.exceptionsPage.readUnits} RRU/${row.exceptionsPage.ms} ms; payout retry ${row.payoutRetry.readUnits} RRU/${row.payoutRetry.ms} ms`,
    );
  }
  return {
    what: 'Read units (ReturnConsumedCapacity) and time for one statement of this month, one reconciliation run, one page of exceptions and one payout retry run, at 1×, 10× and 100× the history before them; and the statement latency (p50 and p99 of 200 statements asked one after another through the same path: the ledger store against DynamoDB Local, without HTTP, JWT or the handler)',
    machine: machine(),
    results,
  };
}
