import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  batchPut,
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

/**
 * The shape of the demo data. A table seeded with an older shape (before people, plans and audit
 * existed) does not count as seeded, so the next start tops it up: every write is a plain put of a
 * fixed id, and older items keep the same ids and content.
 */
export const seedDataVersion = 2;

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
  };
}

/** BatchWriteItem calls in flight at once: fast against DynamoDB Local without tripping throttling. */
const concurrency = 6;
/** One BatchWriteItem call's worth. */
const batchSize = 25;

/**
 * Writes the demo data, a few batches at a time, then the seed marker. The marker goes last, so a
 * seed that stops half way leaves no marker and the next start seeds again (every write is a plain
 * put of a fixed id, so seeding twice is harmless).
 */
export async function seedTable(
  db: DynamoDBDocumentClient,
  tableName: string,
  data: DemoData,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const items: Array<Record<string, unknown>> = [
    ...data.users.map(userItem),
    ...data.providers.map(providerItem),
    ...data.listings.map(listingItem),
    questionnaireItem(data.questionnaire),
    ...data.people.map(personItem),
    ...data.plans.map(planItem),
    ...data.delegations.map(delegationItem),
    ...data.audit.map((record) => ({
      ...keys.audit(record.entityType, record.entityId, record.seq),
      entity: 'audit',
      ...record,
    })),
  ];
  const total = items.length;
  let next = 0;
  let done = 0;
  let failed = false;
  onProgress?.(0, total);
  const worker = async (): Promise<void> => {
    while (!failed && next < total) {
      const batch = items.slice(next, next + batchSize);
      next += batch.length;
      try {
        await batchPut(db, tableName, batch);
      } catch (error) {
        failed = true;
        throw error;
      }
      done += batch.length;
      onProgress?.(done, total);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.ceil(total / batchSize)) }, worker));

  const marker: SeedMarker = {
    seededAt: new Date().toISOString(),
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
