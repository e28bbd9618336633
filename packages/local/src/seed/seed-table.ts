import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  accountClaimItems,
  batchPut,
  councilItem,
  delegationItem,
  keys,
  listingItem,
  personItem,
  planItem,
  providerItem,
  questionnaireItem,
  userItem,
} from '@carepool/db';
import type { DemoData } from './demo-data.ts';
import { attachSeedAlerts, seedPlantedPatterns } from './planted-patterns.ts';
import { activitySteps, seedActivity } from './seed-activity.ts';
import { seedSurveys } from './seeded-surveys.ts';

/**
 * The shape of the demo data. A table seeded with an older shape (before people, plans and audit
 * existed; before group purchases and requests; before there were two councils, kept as data) does
 * not count as seeded, so the next start tops it up: every write is a plain put of a fixed id and
 * the activity skips whatever an earlier run already did. Version 4 moved districts between the
 * councils, so a table from version 3 keeps some older records beside the new ones: `--fresh`
 * gives the clean demo.
 */
export const seedDataVersion = 4;

/** What the seed marker records: enough to tell which dataset a table holds. */
export interface SeedMarker {
  seededAt: string;
  seed: number;
  scale: boolean;
  dataVersion: number;
  counts: {
    users: number;
    providers: number;
    listings: number;
    people: number;
    plans: number;
    delegations: number;
    audit: number;
    /** Group purchases by how they stand at the seed, and their members. */
    groups: number;
    groupsByStatus: Record<string, number>;
    groupMembers: number;
    requests: number;
    quotes: number;
  };
}

export interface SeedOptions {
  /**
   * When the seed runs: group deadlines, sessions, requests and deposits are placed around this
   * day (default: the real time now), so open groups are still open on the first start.
   */
  now?: Date;
  /** Carry out the planned group purchases and requests (default true). */
  activity?: boolean;
}

/** BatchWriteItem calls in flight at once: fast against DynamoDB Local without tripping throttling. */
const concurrency = 6;
/** One BatchWriteItem call's worth. */
const batchSize = 25;

type Item = Record<string, unknown>;

/** BatchWriteItem calls, a few in flight at once; stops at the first failure. */
async function writeAll(
  db: DynamoDBDocumentClient,
  tableName: string,
  items: readonly Item[],
  advance: (written: number) => void,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const batch = items.slice(next, next + batchSize);
      next += batch.length;
      try {
        await batchPut(db, tableName, batch);
      } catch (error) {
        failed = true;
        throw error;
      }
      advance(batch.length);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(concurrency, Math.ceil(items.length / batchSize)) }, worker),
  );
}

/**
 * Writes the demo data, a few batches at a time; then carries out the planned group purchases and
 * requests through the real use cases (seed-activity.ts), so their money is the ledger's own; then
 * the seed marker. The marker goes last, so a seed that stops half way leaves no marker and the
 * next start seeds again (every write is a plain put of a fixed id, and the activity skips what is
 * done, so seeding twice is harmless).
 */
export async function seedTable(
  db: DynamoDBDocumentClient,
  tableName: string,
  data: DemoData,
  onProgress?: (done: number, total: number) => void,
  options: SeedOptions = {},
): Promise<void> {
  const now = options.now ?? new Date();
  const withActivity = options.activity ?? true;
  if (withActivity) attachSeedAlerts(db, tableName, { now: () => now });
  // Topping up a table seeded with an older shape, where someone may have been trying things out:
  // the activity is added if it still fits, and is never a reason not to start.
  const topUp = (await readSeedMarker(db, tableName)) !== undefined;
  // What the activity reads (people, plans, providers, listings) goes first; the audit records,
  // nearly half of the items, are written while the activity runs.
  const core: Item[] = [
    ...data.councils.map(councilItem),
    ...data.users.map(userItem),
    // A seeded holder's account is the person's only one: nobody can invite a second for them.
    ...data.users.flatMap(accountClaimItems),
    ...data.providers.map(providerItem),
    ...data.listings.map(listingItem),
    ...data.questionnaires.map(questionnaireItem),
    ...data.people.map(personItem),
    ...data.plans.map(planItem),
    ...data.delegations.map(delegationItem),
  ];
  const audit: Item[] = data.audit.map((record) => ({
    ...keys.audit(record.entityType, record.entityId, record.seq),
    entity: 'audit',
    ...record,
  }));
  const total = core.length + audit.length + (withActivity ? activitySteps(data.activity, now) : 0);
  let done = 0;
  const advance = (steps: number) => {
    done += steps;
    onProgress?.(done, total);
  };
  onProgress?.(0, total);
  await writeAll(db, tableName, core, advance);
  const [audited, acted] = await Promise.allSettled([
    writeAll(db, tableName, audit, advance),
    withActivity
      ? seedActivity(db, tableName, data, { now, onStep: () => advance(1) }).catch((error: unknown) => {
          if (!topUp) throw error;
          console.warn(
            `The demo group purchases and requests could not be added to the data kept from last time (${(error as Error).message}). Start with --fresh to see them.`,
          );
          return undefined;
        })
      : undefined,
  ]);
  if (audited.status === 'rejected') throw audited.reason;
  if (acted.status === 'rejected') throw acted.reason;
  const activity = acted.value;
  if (withActivity && activity) await seedPlantedPatterns(db, tableName, data, { now });
  if (withActivity) await seedSurveys(db, tableName, data, now);

  const marker: SeedMarker = {
    seededAt: now.toISOString(),
    seed: data.seed,
    scale: data.scale,
    dataVersion: seedDataVersion,
    counts: {
      users: data.users.length,
      providers: data.providers.length,
      listings: data.listings.length,
      people: data.people.length,
      plans: data.plans.length,
      delegations: data.delegations.length,
      audit: data.audit.length,
      groups: activity?.groups ?? 0,
      groupsByStatus: activity?.groupsByStatus ?? {},
      groupMembers: activity?.groupMembers ?? 0,
      requests: activity?.requests ?? 0,
      quotes: activity?.quotes ?? 0,
    },
  };
  await db.send(
    new PutCommand({ TableName: tableName, Item: { ...keys.seedMarker(), entity: 'seed', ...marker } }),
  );
}

/** The marker of a finished seed, or undefined if the table was never (fully) seeded. */
export async function readSeedMarker(
  db: DynamoDBDocumentClient,
  tableName: string,
): Promise<SeedMarker | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: keys.seedMarker(), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  const { seededAt, seed, scale, dataVersion, counts } = Item as Record<string, unknown> & SeedMarker;
  return { seededAt, seed, scale, dataVersion: dataVersion ?? 1, counts };
}

/** True when the table holds a finished seed of the current data shape. */
export async function isSeeded(db: DynamoDBDocumentClient, tableName: string): Promise<boolean> {
  return (await readSeedMarker(db, tableName))?.dataVersion === seedDataVersion;
}
