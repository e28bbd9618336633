/**
 * The monitoring report's cost as a council grows (issue 12). For a few sizes of council (holders,
 * and spend transfers per holder this month) it fills a fresh table with people, providers, orders
 * and ledger entries as the ledger writes them, runs the monthly rebuild job once, then asks for
 * the report. It counts DynamoDB commands and read units for each: the report's should stay flat
 * (one aggregate item per month, plus the period's requests for unmet demand), the job's should
 * grow with one month's holders and transfers. Writes bench/results/monitoring.json.
 */

import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, keys } from '@carepool/db';
import { accountId, type Caller, monitoringReport, rebuildMonitoring, ukMonthOf } from '@carepool/domain';
import { buildDeps, readEnv } from '../functions/src/deps.ts';
import { ensureTable } from '../packages/local/src/dynamo-local.ts';

type Item = Record<string, unknown>;

export const monitoringSizes = [
  { holders: 50, transfersPerHolder: 2 },
  { holders: 200, transfersPerHolder: 2 },
  { holders: 200, transfersPerHolder: 8 },
  { holders: 800, transfersPerHolder: 2 },
] as const;

const deployments = [
  'direct_payment',
  'managed_account',
  'council_managed',
  'individual_service_fund',
  'mixed',
];
const kinds = ['micro_enterprise', 'organisation', 'personal_assistant'];
const council = 'bench-council';

async function putAll(db: ReturnType<typeof createDocumentClient>, tableName: string, items: Item[]) {
  for (let i = 0; i < items.length; i += 25) {
    let pending: Item[] = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (pending.length) {
      const out = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (out.UnprocessedItems?.[tableName] ?? []) as Item[];
    }
  }
}

interface Meter {
  commands: number;
  readUnits: number;
}

export async function benchMonitoring(options: { endpoint: string }) {
  const results = [];
  for (const [index, size] of monitoringSizes.entries()) {
    const tableName = `carepool-bench-monitoring-${index}`;
    await ensureTable(options.endpoint, tableName);
    const raw = createDocumentClient({ tableName, endpoint: options.endpoint });
    const now = new Date();
    const items: Item[] = [];
    for (let p = 0; p < 6; p++) {
      items.push({
        ...keys.provider(`prv_b${p}`),
        entity: 'provider',
        providerId: `prv_b${p}`,
        kind: kinds[p % 3],
      });
    }
    for (let h = 0; h < size.holders; h++) {
      const personId = `per_b${h}`;
      items.push({
        ...keys.person(personId),
        ...keys.personByCouncil(council, `holder ${h}`, personId),
        entity: 'person',
        personId,
        councilId: council,
        budget: { deployment: deployments[h % deployments.length] },
      });
      for (let t = 0; t < size.transfersPerHolder; t++) {
        const orderId = `ord_b${h}_${t}`;
        const at = new Date(now.getTime() - (t + 1) * 60_000).toISOString();
        items.push({
          ...keys.order(orderId),
          entity: 'order',
          orderId,
          category: 'day_and_community',
          providerId: `prv_b${(h + t) % 6}`,
        });
        items.push({
          ...keys.accountEntry(accountId.holderCash(personId), at, `trf_${orderId}`),
          entity: 'entry',
          transferId: `trf_${orderId}`,
          at,
          amountPence: -1_500,
          pendingPence: 0,
          code: 'invoice_payment',
          description: 'Bench invoice',
          reference: orderId,
        });
      }
    }
    await putAll(raw, tableName, items);

    const meter: Meter = { commands: 0, readUnits: 0 };
    const deps = buildDeps(readEnv({ CAREPOOL_TABLE: tableName, DYNAMODB_ENDPOINT: options.endpoint }), {
      returnConsumedCapacity: true,
      observe: (_name, _input, output) => {
        meter.commands += 1;
        meter.readUnits += Number(
          (output as { ConsumedCapacity?: { CapacityUnits?: number } }).ConsumedCapacity?.CapacityUnits ?? 0,
        );
      },
    });
    const measure = async (work: () => Promise<unknown>) => {
      meter.commands = 0;
      meter.readUnits = 0;
      const started = performance.now();
      await work();
      return {
        commands: meter.commands,
        capacityUnits: Math.round(meter.readUnits * 10) / 10,
        ms: Math.round(performance.now() - started),
      };
    };
    const job = await measure(() => rebuildMonitoring(deps.monitoring, council, { backfillMonths: 0 }));
    const caller: Caller = {
      userId: 'usr_bench_cm',
      name: 'Bench',
      roles: ['care_manager'],
      councilId: council,
      personId: undefined,
    };
    const month = ukMonthOf(now);
    const today = now.toISOString().slice(0, 10);
    const report = await measure(() =>
      monitoringReport(
        { ...deps.monitoring, requests: deps.requests },
        { caller },
        { from: `${month}-01`, to: today },
      ),
    );
    results.push({ ...size, transfers: size.holders * size.transfersPerHolder, job, report });
    console.log(
      `  monitoring ${size.holders} holders × ${size.transfersPerHolder} transfers: job ${job.commands} commands / ${job.capacityUnits} units; report ${report.commands} commands / ${report.capacityUnits} units`,
    );
  }
  return {
    what: 'DynamoDB commands and consumed capacity units for one rebuild of this month (the job) and one report request, as holders and transfers grow',
    results,
  };
}
