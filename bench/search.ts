/**
 * The search benchmark: seeds the national dataset (25,000+ listings) into DynamoDB Local, drives
 * the local runtime over HTTP with concurrent clients (autocannon), and measures the same DynamoDB
 * Query shape directly as the floor. Returns the result that run.ts writes to
 * bench/results/search.json.
 */

import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, keys } from '@carepool/db';
import autocannon from 'autocannon';
import { postcodeDistricts } from '../functions/src/deps.ts';
import { ensureTable } from '../packages/local/src/dynamo-local.ts';
import { generateSigningKey } from '../packages/local/src/jwt.ts';
import { startRuntime } from '../packages/local/src/runtime.ts';
import { generateDemoData } from '../packages/local/src/seed/demo-data.ts';
import { seedTable } from '../packages/local/src/seed/seed-table.ts';
import { closedLoop, machine, round, summarise } from './stats.ts';

const connections = 20;
const tableName = 'carepool-bench';

/** Searches a person would make: near towns and cities, 10 km, some with a category. */
const searches = [
  { near: 'HG1', category: undefined },
  { near: 'HG2 7AA', category: 'day_and_community' },
  { near: 'YO7', category: undefined },
  { near: 'LS1', category: undefined },
  { near: 'M1', category: 'pa_support' },
  { near: 'B1', category: undefined },
  { near: 'EH1', category: 'transport' },
  { near: 'CF10', category: undefined },
  { near: 'BS1', category: 'health_and_therapy' },
  { near: 'NE1', category: undefined },
] as const;
const radiusKm = 10;

const searchPath = (s: (typeof searches)[number]) =>
  `/v1/listings?near=${encodeURIComponent(s.near)}&radiusKm=${radiusKm}${s.category ? `&category=${s.category}` : ''}`;

export async function benchSearch(options: { endpoint: string; seconds: number }) {
  const { endpoint, seconds } = options;
  const loadBefore = machine().loadAverage1m5m15m;
  await ensureTable(endpoint, tableName);
  const generateStart = performance.now();
  const data = generateDemoData({ scale: true });
  const generateMs = performance.now() - generateStart;
  console.log(
    `Generated ${data.listings.length} listings, ${data.providers.length} providers in ${round(generateMs / 1000, 1)} s`,
  );
  const seedDb = createDocumentClient({ tableName, endpoint: endpoint });
  const seedStart = performance.now();
  let lastShown = -1;
  // The directory only: group purchases and requests (the demo activity) play no part in search.
  await seedTable(
    seedDb,
    tableName,
    data,
    (done, total) => {
      const percent = Math.floor((done / total) * 10) * 10;
      if (percent !== lastShown) {
        lastShown = percent;
        console.log(`  seeding ${percent}%`);
      }
    },
    { activity: false },
  );
  const seedMs = performance.now() - seedStart;
  seedDb.destroy();

  // Consumed capacity per search, measured on a separate runtime that asks DynamoDB to report it.
  let capacityUnits = 0;
  let queries = 0;
  const measuring = await startRuntime({
    endpoint: endpoint,
    tableName,
    signingKey: await generateSigningKey(),
    port: 0,
    seed: 'none',
    handlers: 'in-process',
    returnConsumedCapacity: true,
    observe: (name, _input, output) => {
      if (name !== 'QueryCommand') return;
      queries += 1;
      capacityUnits +=
        (output as { ConsumedCapacity?: { CapacityUnits?: number } }).ConsumedCapacity?.CapacityUnits ?? 0;
    },
  });
  const hitsPerSearch: number[] = [];
  for (const search of searches) {
    const body = (await (await fetch(`${measuring.url}${searchPath(search)}`)).json()) as {
      items: unknown[];
    };
    hitsPerSearch.push(body.items.length);
  }
  await measuring.close();
  const readUnitsPerSearch = capacityUnits / searches.length;

  // Ours: the full path — HTTP, API Gateway v2 event, Lambda handler, zod, domain, DynamoDB.
  const runtime = await startRuntime({
    endpoint: endpoint,
    tableName,
    signingKey: await generateSigningKey(),
    port: 0,
    seed: 'none',
    handlers: 'in-process',
  });
  console.log(`Searching through the local runtime: ${connections} connections for ${seconds} s…`);
  await autocannon({
    url: runtime.url,
    connections: 4,
    duration: 2,
    requests: searches.map((s) => ({ path: searchPath(s) })),
  });
  const oursLoadBefore = machine().loadAverage1m5m15m;
  const ours = await autocannon({
    url: runtime.url,
    connections,
    duration: seconds,
    requests: searches.map((s) => ({ path: searchPath(s) })),
  });
  await runtime.close();

  // Raw floor: the same district Queries, straight to DynamoDB Local, same concurrency.
  const districts = postcodeDistricts();
  const plans = searches.map((s) => {
    const centre = districts.locate(s.near);
    if (!centre) throw new Error(`unknown district ${s.near}`);
    return { category: s.category, outcodes: districts.within(centre, radiusKm).map((d) => d.outcode) };
  });
  const rawDb = createDocumentClient({ tableName, endpoint: endpoint });
  const rawSearch = async (i: number) => {
    const plan = plans[i % plans.length];
    if (!plan) return;
    const queue = [...plan.outcodes];
    const worker = async () => {
      for (let outcode = queue.shift(); outcode !== undefined; outcode = queue.shift()) {
        let start: Record<string, unknown> | undefined;
        do {
          const page = await rawDb.send(
            new QueryCommand({
              TableName: tableName,
              IndexName: 'gsi1',
              KeyConditionExpression: plan.category
                ? 'gsi1pk = :pk AND begins_with(gsi1sk, :c)'
                : 'gsi1pk = :pk',
              ExpressionAttributeValues: {
                ':pk': keys.listingByDistrict(outcode, '', '').gsi1pk,
                ...(plan.category ? { ':c': `${plan.category}#` } : {}),
              },
              ExclusiveStartKey: start,
            }),
          );
          start = page.LastEvaluatedKey;
        } while (start);
      }
    };
    await Promise.all(Array.from({ length: Math.min(16, queue.length) }, worker));
  };
  console.log(`Raw DynamoDB Local Query floor: ${connections} concurrent for ${seconds} s…`);
  await closedLoop(4, 2000, 200, rawSearch);
  const rawLoadBefore = machine().loadAverage1m5m15m;
  const raw = await closedLoop(connections, seconds * 1000, 1_000_000, rawSearch);
  rawDb.destroy();
  const rawSummary = summarise(raw.samples, raw.elapsedMs);

  const result = {
    benchmark: 'search',
    recordedAt: new Date().toISOString(),
    machine: machine(),
    note: 'A 2-core machine shared with other work (test runs may have been going on beside it): load averages are recorded before the phases; treat the figures as indicative.',
    dataset: {
      listings: data.listings.length,
      providers: data.providers.length,
      generateSeconds: round(generateMs / 1000, 1),
      seedSeconds: round(seedMs / 1000, 1),
    },
    load: {
      connections,
      seconds,
      loadAverageBefore: { all: loadBefore, ours: oursLoadBefore, raw: rawLoadBefore },
      radiusKm,
      searches: searches.map(searchPath),
      meanHitsPerPage: round(hitsPerSearch.reduce((a, b) => a + b, 0) / hitsPerSearch.length, 1),
    },
    ours: {
      requests: ours.requests.total,
      requestsPerSecond: round(ours.requests.average),
      p50Ms: ours.latency.p50,
      p99Ms: ours.latency.p99,
      non2xx: ours.non2xx,
      errors: ours.errors,
    },
    raw: rawSummary,
    ratio: {
      p50OursOverRaw: round(ours.latency.p50 / rawSummary.p50Ms),
      p99OursOverRaw: round(ours.latency.p99 / rawSummary.p99Ms),
      throughputOursOverRaw: round(ours.requests.average / rawSummary.requestsPerSecond),
    },
    capacity: {
      readUnitsPerSearch: round(readUnitsPerSearch, 2),
      queriesPerSearch: round(queries / searches.length, 1),
      note: 'DynamoDB Local reports consumed capacity as DynamoDB would (eventually consistent GSI reads, 4 KB units).',
    },
    targets: {
      searchP99Under100Ms: ours.latency.p99 < 100,
      oursOverRawP50AtMost3: ours.latency.p50 / rawSummary.p50Ms <= 3,
    },
  };
  return result;
}
