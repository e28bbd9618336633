/**
 * `npm run bench`: one run, four results (kept out of `npm test`):
 *
 *   bench/results/search.json   search through the runtime vs the raw DynamoDB Query floor
 *   bench/results/orders.json   booking and confirmation through the runtime vs the raw
 *                               reservation transaction; capacity per order journey; cost per
 *                               1,000 holders a month
 *   bench/results/groups.json   joining group purchases through the runtime vs the raw join
 *                               transaction; capacity per member of a whole group purchase
 *   bench/results/bundles.json  each Lambda bundle's size and cold-start init time
 *   bench/results/monitoring.json  the monitoring job's and report's DynamoDB cost as holders and
 *                               transfers grow (the report's stays flat)
 *   bench/results/ledger-history.json  statement, reconciliation, exceptions page and payout retry
 *                               cost at 1×, 10× and 100× the history (each stays flat)
 *   bench/results/jobs-history.json  a deposits run, group list pages and the unmet-demand report
 *                               at 1×, 10× and 100× the history
 *
 *   npm run bench                          full run (about 5–7 minutes)
 *   BENCH_SECONDS=5 npm run bench          shorter load phases
 *   BENCH_ONLY=groups npm run bench        only some phases (search, orders, groups, bundles, monitoring,
 *                                          ledger-history, jobs-history; comma-separated); the others'
 *                                          results are left alone
 *   BENCH_REPEATS=3 BENCH_RATE=20          orders and groups: A B B A repeats of ours against the raw floor,
 *                                          and the open-loop arrival rate (by default half of what ours
 *                                          sustained at saturation in the same run, at most 20/s)
 *
 * DynamoDB Local runs in memory on 127.0.0.1; nothing else is called.
 */

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startDynamoLocal } from '../packages/local/src/dynamo-local.ts';
import { benchBundles } from './bundles.ts';
import { benchGroups } from './groups.ts';
import { closeConnections } from './http.ts';
import { benchJobsHistory } from './jobs-history.ts';
import { benchLedgerHistory } from './ledger-history.ts';
import { benchMonitoring } from './monitoring.ts';
import { benchOrders } from './orders.ts';
import { benchSearch } from './search.ts';
import { machine } from './stats.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 15);
if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 120) {
  throw new Error('BENCH_SECONDS must be a number of seconds between 1 and 120');
}
const resultsDir = resolve(import.meta.dirname, 'results');
const phases = [
  'search',
  'orders',
  'groups',
  'bundles',
  'monitoring',
  'ledger-history',
  'jobs-history',
] as const;
type Phase = (typeof phases)[number];
const only = (process.env.BENCH_ONLY ?? '')
  .split(',')
  .map((p) => p.trim())
  .filter(Boolean);
for (const phase of only) {
  if (!phases.includes(phase as Phase))
    throw new Error(`BENCH_ONLY: ${phase} is not one of ${phases.join(', ')}`);
}
const runs = (phase: Phase) => only.length === 0 || only.includes(phase);

function write(name: string, result: unknown) {
  const file = resolve(resultsDir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`Written to ${file}`);
}

function table(rows: Array<[string, string]>) {
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n');
}

async function main() {
  mkdirSync(resultsDir, { recursive: true });
  const started = performance.now();
  console.log(`Machine: ${JSON.stringify(machine())} (load averages: other work may share this machine)`);
  let search: Awaited<ReturnType<typeof benchSearch>> | undefined;
  let orders: Awaited<ReturnType<typeof benchOrders>> | undefined;
  let groups: Awaited<ReturnType<typeof benchGroups>> | undefined;
  let monitoring: Awaited<ReturnType<typeof benchMonitoring>> | undefined;
  let ledgerHistory: Awaited<ReturnType<typeof benchLedgerHistory>> | undefined;
  let jobsHistory: Awaited<ReturnType<typeof benchJobsHistory>> | undefined;
  if (phases.some((phase) => phase !== 'bundles' && runs(phase))) {
    console.log('Starting DynamoDB Local (in memory)…');
    const dynamo = await startDynamoLocal();
    try {
      if (runs('search')) {
        search = await benchSearch({ endpoint: dynamo.endpoint, seconds });
        write('search', search);
      }
      if (runs('orders')) {
        // The cost model prices searches at this run's figure, or the last recorded one.
        const readUnitsPerSearch =
          search?.capacity.readUnitsPerSearch ??
          (JSON.parse(readFileSync(resolve(resultsDir, 'search.json'), 'utf8')) as typeof search)?.capacity
            .readUnitsPerSearch ??
          0;
        orders = await benchOrders({ endpoint: dynamo.endpoint, seconds, readUnitsPerSearch });
        write('orders', orders);
      }
      if (runs('groups')) {
        groups = await benchGroups({ endpoint: dynamo.endpoint, seconds });
        write('groups', groups);
      }
      if (runs('monitoring')) {
        monitoring = await benchMonitoring({ endpoint: dynamo.endpoint });
        write('monitoring', monitoring);
      }
      if (runs('ledger-history')) {
        ledgerHistory = await benchLedgerHistory({ endpoint: dynamo.endpoint });
        write('ledger-history', ledgerHistory);
      }
      if (runs('jobs-history')) {
        jobsHistory = await benchJobsHistory({ endpoint: dynamo.endpoint });
        write('jobs-history', jobsHistory);
      }
    } finally {
      await dynamo.stop();
      closeConnections();
    }
  }
  let bundles: Awaited<ReturnType<typeof benchBundles>> | undefined;
  if (runs('bundles')) {
    console.log('Bundling each Lambda function and timing its cold start…');
    bundles = await benchBundles();
    write('bundles', bundles);
  }

  const rows: Array<[string, string]> = [];
  for (const m of monitoring?.results ?? []) {
    rows.push([
      `monitoring ${m.holders}h × ${m.transfersPerHolder}t`,
      `job ${m.job.commands} cmds, ${m.job.capacityUnits} units; report ${m.report.commands} cmds, ${m.report.capacityUnits} units`,
    ]);
  }
  for (const h of ledgerHistory?.results ?? []) {
    rows.push([
      `ledger history ${h.history}`,
      `statement ${h.statement.readUnits} RRU (p50 ${h.statement.latency.p50Ms} ms, p99 ${h.statement.latency.p99Ms} ms), reconcile ${h.reconciliation.readUnits} RRU, exceptions page ${h.exceptionsPage.readUnits} RRU, payout retry ${h.payoutRetry.readUnits} RRU`,
    ]);
  }
  for (const j of jobsHistory?.results ?? []) {
    rows.push(
      [
        `deposits run ${j.scale}×`,
        `${j.depositsRun.readUnits} RRU, ${j.depositsRun.commands} cmds, ${j.depositsRun.ms} ms`,
      ],
      [`person groups page ${j.scale}×`, `${j.personGroupPage.readUnits} RRU, ${j.personGroupPage.ms} ms`],
      [
        `provider groups page ${j.scale}×`,
        `${j.providerGroupPage.readUnits} RRU, ${j.providerGroupPage.ms} ms`,
      ],
      [
        `unmet demand 3 mo ${j.scale}×`,
        `${j.unmetDemand3Months.readUnits} RRU, ${j.unmetDemand3Months.ms} ms (from every request: ${j.unmetDemand3MonthsFromRequests.readUnits} RRU)`,
      ],
    );
  }
  if (search) {
    for (const [kind, figures] of Object.entries(search.fixedRate.kinds)) {
      const f = figures as { p50Ms: number; p99Ms: { median: number; min: number; max: number } };
      rows.push([
        `search ${kind} @${search.fixedRate.searchesPerSecond}/s`,
        `p50 ${f.p50Ms} ms, p99 ${f.p99Ms.median} ms (${f.p99Ms.min}–${f.p99Ms.max})`,
      ]);
    }
    rows.push(
      [
        'search at saturation',
        `${search.saturation.requestsPerSecond} req/s, p50 ${search.saturation.p50Ms} ms, p99 ${search.saturation.p99Ms} ms`,
      ],
      [
        'search reads',
        `at most ${search.capacity.maxReadCallsPerPage} read call a page (mean ${search.capacity.meanReadCallsPerPage}); ${search.capacity.readUnitsPerSearch} RCU/search`,
      ],
    );
  }
  if (orders) {
    const cost = orders.capacity.costPer1000HoldersPerMonth;
    const journey = orders.capacity.journey;
    rows.push(
      [
        'order + reserve',
        `${orders.orderAndReserve.requestsPerSecond} req/s, p50 ${orders.orderAndReserve.p50Ms} ms, p99 ${orders.orderAndReserve.p99Ms} ms (${orders.orderAndReserve.non2xx} non-2xx)`,
      ],
      [
        'confirm + pay',
        `${orders.confirmAndPay.requestsPerSecond} req/s, p50 ${orders.confirmAndPay.p50Ms} ms, p99 ${orders.confirmAndPay.p99Ms} ms (${orders.confirmAndPay.non2xx} non-2xx, ${orders.confirmAndPay.paidOut} paid out)`,
      ],
      [
        'raw reservation tx',
        `${orders.rawReservationFloor.requestsPerSecond} tx/s, p50 ${orders.rawReservationFloor.p50Ms} ms, p99 ${orders.rawReservationFloor.p99Ms} ms (${orders.rawReservationFloor.itemsPerTransaction} items${orders.rawReservationFloor.shapeMatchesRealBooking ? '' : ", NOT a real booking's shape"})`,
      ],
      [
        'order ours/raw',
        `throughput ${orders.ratio.orderAndReserveThroughputOursOverRaw} (${orders.ratio.orderAndReserveThroughputOursOverRawSpread.min}–${orders.ratio.orderAndReserveThroughputOursOverRawSpread.max} over ${orders.load.repeats} A B B A; target ≥ 0.5: ${orders.targets.orderAndReserveThroughputAtLeastHalfOfRaw ? 'met' : 'MISSED'}), p50 ${orders.ratio.orderAndReserveP50OursOverRaw}`,
      ],
      [
        `order @${orders.fixedRate.perSecond}/s`,
        `p50 ${orders.fixedRate.booking.p50Ms.median} ms, p99 ${orders.fixedRate.booking.p99Ms.median} ms (${orders.fixedRate.booking.p99Ms.min}–${orders.fixedRate.booking.p99Ms.max}); raw p50 ${orders.fixedRate.rawReservation.p50Ms.median} ms, p99 ${orders.fixedRate.rawReservation.p99Ms.median} ms`,
      ],
      ['capacity per journey', `${journey.readUnits} RRU, ${journey.writeUnits} WRU`],
      [
        'cost / 1,000 holders / mo',
        `DynamoDB $${cost.dynamoDbRequestsUsd} (at pre-Nov-2024 prices $${cost.dynamoDbRequestsUsdAtPricesBeforeNov2024}), Lambda $${cost.lambdaUsd}, API Gateway $${cost.apiGatewayUsd}, total $${cost.totalUsd}`,
      ],
    );
  }
  if (groups) {
    const member = groups.capacity.perMemberPerGroupPurchase;
    rows.push(
      [
        'group join',
        `${groups.join.requestsPerSecond} req/s, p50 ${groups.join.p50Ms} ms, p99 ${groups.join.p99Ms} ms (${groups.join.non2xx} non-2xx)`,
      ],
      [
        'raw join tx',
        `${groups.rawJoinFloor.requestsPerSecond} tx/s, p50 ${groups.rawJoinFloor.p50Ms} ms, p99 ${groups.rawJoinFloor.p99Ms} ms (${groups.rawJoinFloor.itemsPerTransaction} items${groups.rawJoinFloor.shapeMatchesRealJoin ? '' : ", NOT a real join's shape"})`,
      ],
      [
        'group join ours/raw',
        `throughput ${groups.ratio.joinThroughputOursOverRaw} (${groups.ratio.joinThroughputOursOverRawSpread.min}–${groups.ratio.joinThroughputOursOverRawSpread.max} over ${groups.load.repeats} A B B A; target ≥ 0.5: ${groups.targets.joinThroughputAtLeastHalfOfRaw ? 'met' : 'MISSED'}), p50 ${groups.ratio.joinP50OursOverRaw}, p99 ${groups.ratio.joinP99OursOverRaw}`,
      ],
      [
        `group join @${groups.fixedRate.perSecond}/s`,
        `p50 ${groups.fixedRate.join.p50Ms.median} ms, p99 ${groups.fixedRate.join.p99Ms.median} ms (${groups.fixedRate.join.p99Ms.min}–${groups.fixedRate.join.p99Ms.max}); raw p50 ${groups.fixedRate.rawJoin.p50Ms.median} ms, p99 ${groups.fixedRate.rawJoin.p99Ms.median} ms`,
      ],
      [
        'capacity per group member',
        `${member.readUnits} RRU, ${member.writeUnits} WRU (join + share of settle, delivery, payout; ${member.withOpeningTheGroup.writeUnits} WRU with opening), $${member.dynamoDbUsdPer1000Members} per 1,000 members`,
      ],
    );
  }
  for (const b of bundles?.bundles ?? []) {
    rows.push([
      `bundle ${b.function}`,
      `${Math.round(b.bytes / 1024)} KB (${Math.round(b.gzipBytes / 1024)} KB gzip${b.sourceMapShips ? ', + source map' : ''}), init ${b.initMs.median} ms (${b.initMs.min}–${b.initMs.max}) = ${b.initOverEmptyModule.median}× empty module`,
    ]);
  }
  for (const b of bundles?.failed ?? [])
    rows.push([`bundle ${String(b.function)}`, `FAILED: ${String(b.error)}`]);
  rows.push(['total time', `${Math.round((performance.now() - started) / 1000)} s`]);
  console.log('\nSummary (indicative: a small machine shared with other work)');
  console.log(table(rows));
  const failures = [...(orders?.failures ?? []), ...(groups?.failures ?? [])];
  if (failures.length) {
    console.error(`\nFAILED:\n  ${failures.join('\n  ')}`);
    process.exitCode = 1;
  }
}
await main();
