import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import { keys } from '@carepool/db';
import { describe, expect, it } from 'vitest';
import { generateDemoData } from './demo-data.ts';
import { isSeeded, readSeedMarker, seedTable } from './seed-table.ts';

type Item = Record<string, unknown>;

/**
 * An in-memory stand-in for the document client: enough of BatchWrite, Put and Get to check what
 * the seed writes and in what order. The real table is exercised against DynamoDB Local elsewhere.
 */
function fakeTable(options: { failOnBatch?: number; unprocessedEvery?: number } = {}) {
  const items = new Map<string, Item>();
  const writes: string[] = [];
  let batches = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const key = (item: Item) => `${String(item.pk)}|${String(item.sk)}`;
  const db = {
    async send(command: unknown) {
      if (command instanceof BatchWriteCommand) {
        batches++;
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 0));
        inFlight--;
        if (batches === options.failOnBatch) throw new Error('connection reset');
        const [table, requests = []] = Object.entries(command.input.RequestItems ?? {})[0] ?? [];
        expect(requests.length).toBeLessThanOrEqual(25);
        const unprocessed = [];
        for (const [index, request] of requests.entries()) {
          const item = request.PutRequest?.Item as Item;
          // Hand the first item of some batches back once, as DynamoDB does when it is busy.
          if (options.unprocessedEvery && batches % options.unprocessedEvery === 0 && index === 0) {
            unprocessed.push(request);
            continue;
          }
          items.set(key(item), item);
          writes.push(key(item));
        }
        return { UnprocessedItems: unprocessed.length > 0 && table ? { [table]: unprocessed } : {} };
      }
      if (command instanceof PutCommand) {
        const item = command.input.Item as Item;
        items.set(key(item), item);
        writes.push(key(item));
        return {};
      }
      if (command instanceof GetCommand) {
        const k = command.input.Key as Item;
        return { Item: items.get(`${String(k.pk)}|${String(k.sk)}`) };
      }
      throw new Error(`Unexpected command ${String(command)}`);
    },
  } as unknown as DynamoDBDocumentClient;
  return { db, items, writes, maxInFlight: () => maxInFlight };
}

const data = generateDemoData({});
const marker = keys.seedMarker();

describe('seedTable', () => {
  it('writes every record with its index keys, a few batches at a time, then the marker', async () => {
    const table = fakeTable({ unprocessedEvery: 7 });
    expect(await isSeeded(table.db, 'carepool')).toBe(false);
    const progress: Array<[number, number]> = [];
    await seedTable(table.db, 'carepool', data, (done, total) => progress.push([done, total]));

    const total = data.users.length + data.providers.length + data.listings.length;
    expect(table.items.size).toBe(total + 1);
    expect(table.writes.at(-1)).toBe(`${marker.pk}|${marker.sk}`);
    expect(table.maxInFlight()).toBeGreaterThan(1);
    expect(table.maxInFlight()).toBeLessThanOrEqual(8);
    expect(progress.at(-1)).toEqual([total, total]);

    const demoUser = table.items.get('USER#usr_demo_care_manager|USER');
    expect(demoUser?.gsi1pk).toBe('DEMO_USERS');
    expect(demoUser?.entity).toBe('user');
    expect(table.items.get('USER#usr_prv_0006|USER')?.gsi1pk).toBeUndefined();
    const provider = table.items.get('PROVIDER#prv_demo_0001|PROFILE');
    expect(provider?.gsi3pk).toBe('OWNER#usr_demo_provider');
    const listing = data.listings.find((l) => l.status === 'active');
    const listingItem = table.items.get(`LISTING#${listing?.listingId}|LISTING`);
    expect(listingItem?.gsi1pk).toBe(`LOC#${listing?.outcode}`);
    expect(listingItem?.gsi2pk).toBe(`CAT#${listing?.category}`);

    expect(await isSeeded(table.db, 'carepool')).toBe(true);
    const written = await readSeedMarker(table.db, 'carepool');
    expect(written).toMatchObject({
      seed: data.seed,
      scale: false,
      counts: { users: data.users.length, providers: data.providers.length, listings: data.listings.length },
    });
    expect(Number.isNaN(Date.parse(written?.seededAt ?? ''))).toBe(false);
  });

  it('leaves no marker when a seed fails half way, so the next start seeds again', async () => {
    const table = fakeTable({ failOnBatch: 10 });
    await expect(seedTable(table.db, 'carepool', data)).rejects.toThrow('connection reset');
    expect(table.items.has(`${marker.pk}|${marker.sk}`)).toBe(false);
    expect(await isSeeded(table.db, 'carepool')).toBe(false);
  });
});
