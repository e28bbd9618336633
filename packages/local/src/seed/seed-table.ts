import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { batchPut, keys, listingItem, providerItem, userItem } from '@carepool/db';
import type { DemoData } from './demo-data.ts';

/** What the seed marker records: enough to tell which dataset a table holds. */
export interface SeedMarker {
  seededAt: string;
  seed: number;
  scale: boolean;
  counts: { users: number; providers: number; listings: number };
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
    counts: { users: data.users.length, providers: data.providers.length, listings: data.listings.length },
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
  const { seededAt, seed, scale, counts } = Item as Record<string, unknown> & SeedMarker;
  return { seededAt, seed, scale, counts };
}

export async function isSeeded(db: DynamoDBDocumentClient, tableName: string): Promise<boolean> {
  return (await readSeedMarker(db, tableName)) !== undefined;
}
