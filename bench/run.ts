/**
 * `npm run bench`: one run, three results (kept out of `npm test`):
 *
 *   bench/results/search.json   search through the runtime vs the raw DynamoDB Query floor
 *   bench/results/orders.json   booking and confirmation through the runtime vs the raw
 *                               reservation transaction; capacity per order journey; cost per
 *                               1,000 holders a month
 *   bench/results/bundles.json  each Lambda bundle's size and cold-start init time
 *
 *   npm run bench                   full run (about 4–6 minutes)
 *   BENCH_SECONDS=5 npm run bench   shorter load phases
 *
 * DynamoDB Local runs in memory on 127.0.0.1; nothing else is called.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startDynamoLocal } from '../packages/local/src/dynamo-local.ts';
import { benchBundles } from './bundles.ts';
import { closeConnections } from './http.ts';
import { benchOrders } from './orders.ts';
import { benchSearch } from './search.ts';
import { machine } from './stats.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 15);
if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 120) {
  throw new Error('BENCH_SECONDS must be a number of seconds between 1 and 120');
}
const resultsDir = resolve(import.meta.dirname, 'results');

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
  console.log('Starting DynamoDB Local (in memory)…');
  const dynamo = await startDynamoLocal();
  let search: Awaited<ReturnType<typeof benchSearch>>;
  let orders: Awaited<ReturnType<typeof benchOrders>>;
  try {
    search = await benchSearch({ endpoint: dynamo.endpoint, seconds });
    write('search', search);
    orders = await benchOrders({
      endpoint: dynamo.endpoint,
      seconds,
      readUnitsPerSearch: search.capacity.readUnitsPerSearch,
    });
    write('orders', orders);
  } finally {
    await dynamo.stop();
    closeConnections();
  }
  console.log('Bundling each Lambda function and timing its cold start…');
  const bundles = await benchBundles();
  write('bundles', bundles);

  const cost = orders.capacity.costPer1000HoldersPerMonth;
  const journey = orders.capacity.journey;
  console.log('\nSummary (indicative: a small machine shared with other work)');
  console.log(
    table([
      [
        'search (ours)',
        `${search.ours.requestsPerSecond} req/s, p50 ${search.ours.p50Ms} ms, p99 ${search.ours.p99Ms} ms`,
      ],
      [
        'search (raw Query)',
        `${search.raw.requestsPerSecond} req/s, p50 ${search.raw.p50Ms} ms, p99 ${search.raw.p99Ms} ms`,
      ],
      [
        'search ours/raw',
        `throughput ${search.ratio.throughputOursOverRaw}, p50 ${search.ratio.p50OursOverRaw}; ${search.capacity.readUnitsPerSearch} RCU/search`,
      ],
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
        `${orders.rawReservationFloor.requestsPerSecond} tx/s, p50 ${orders.rawReservationFloor.p50Ms} ms, p99 ${orders.rawReservationFloor.p99Ms} ms (${orders.rawReservationFloor.itemsPerTransaction} items)`,
      ],
      [
        'order ours/raw',
        `throughput ${orders.ratio.orderAndReserveThroughputOursOverRaw} (target ≥ 0.5: ${orders.targets.orderAndReserveThroughputAtLeastHalfOfRaw ? 'met' : 'MISSED'}), p50 ${orders.ratio.orderAndReserveP50OursOverRaw}`,
      ],
      ['capacity per journey', `${journey.readUnits} RRU, ${journey.writeUnits} WRU`],
      [
        'cost / 1,000 holders / mo',
        `DynamoDB $${cost.dynamoDbRequestsUsd} (at pre-Nov-2024 prices $${cost.dynamoDbRequestsUsdAtPricesBeforeNov2024}), Lambda $${cost.lambdaUsd}, API Gateway $${cost.apiGatewayUsd}, total $${cost.totalUsd}`,
      ],
      ...bundles.bundles.map(
        (b) =>
          [
            `bundle ${String(b.function)}`,
            b.error
              ? `FAILED: ${String(b.error)}`
              : `${Math.round(Number(b.bytes) / 1024)} KB (${Math.round(Number(b.gzipBytes) / 1024)} KB gzip), init ${String(b.initMs)} ms`,
          ] as [string, string],
      ),
      ['total time', `${Math.round((performance.now() - started) / 1000)} s`],
    ]),
  );
  if (orders.failures.length) {
    console.error(`\nFAILED: more than 1% of requests failed:\n  ${orders.failures.join('\n  ')}`);
    process.exitCode = 1;
  }
}

await main();
