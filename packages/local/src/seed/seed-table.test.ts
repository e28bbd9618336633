import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import { keys } from '@carepool/db';
import { describe, expect, it } from 'vitest';
import { generateDemoData } from './demo-data.ts';
import { isSeeded, readSeedMarker, seedDataVersion, seedTable } from './seed-table.ts';

type Item = Record<string, unknown>;

/**
 * An in-memory stand-in for the document client: enough of BatchWrite, Put and Get to check what
 * the seed writes and in what order, without the activity (group purchases and requests, carried
 * out through the use cases): seed-activity.test.ts seeds all of it into DynamoDB Local.
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
const withoutActivity = { activity: false };

describe('seedTable', () => {
  it('writes every record with its index keys, a few batches at a time, then the marker', async () => {
    const table = fakeTable({ unprocessedEvery: 7 });
    expect(await isSeeded(table.db, 'carepool')).toBe(false);
    const progress: Array<[number, number]> = [];
    await seedTable(
      table.db,
      'carepool',
      data,
      (done, total) => progress.push([done, total]),
      withoutActivity,
    );

    const holders = data.users.filter((u) => u.personId !== undefined && u.roles.includes('holder'));
    const total =
      data.councils.length +
      data.users.length +
      holders.length +
      data.providers.length +
      data.listings.length +
      data.questionnaires.length +
      data.people.length +
      data.plans.length +
      data.delegations.length +
      data.audit.length;
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
    expect(listingItem?.gsi1pk).toBe(`LISTING_CHANGES#${listing?.updatedAt.slice(0, 10)}`);
    expect(listingItem?.gsi2pk).toBe(`CAT#${listing?.category}`);

    const person = table.items.get('PERSON#per_demo_0001|PROFILE');
    expect(person).toMatchObject({
      entity: 'person',
      name: 'Jean Barker',
      gsi3pk: 'COUNCIL#north-dales#PEOPLE',
    });
    const plan = table.items.get(`PLAN#${String(person?.currentPlanId)}|PLAN`);
    expect(plan).toMatchObject({ entity: 'plan', status: 'approved', gsi3pk: 'PERSON#per_demo_0001#PLANS' });
    const helen = table.items.get('PERSON#per_demo_0003|DELEGATE#usr_demo_representative');
    expect(helen).toMatchObject({ entity: 'delegation', gsi3pk: 'DELEGATE#usr_demo_representative' });
    for (const councilId of ['north-dales', 'wolds-and-vale']) {
      expect(table.items.get(`COUNCIL#${councilId}|QUESTIONNAIRE`)?.entity).toBe('questionnaire');
      const council = keys.council(councilId);
      expect(table.items.get(`${council.pk}|${council.sk}`)).toMatchObject({
        entity: 'council',
        councilId,
        fundingSchedule: { everyDays: 28 },
        createdBy: 'usr_demo_platform_admin',
      });
    }
    // Every seeded holder who can sign in holds their person's one account, Jean included.
    expect(holders.map((u) => u.userId)).toEqual(
      expect.arrayContaining(['usr_demo_holder', 'usr_demo_wv_holder']),
    );
    for (const user of holders) {
      const claim = keys.personAccount(user.personId ?? '');
      expect(table.items.get(`${claim.pk}|${claim.sk}`)).toMatchObject({
        entity: 'person_account',
        userId: user.userId,
      });
    }
    const audit = table.items.get('AUDIT#person#per_demo_0001|SEQ#00000001');
    expect(audit).toMatchObject({ entity: 'audit', action: 'person.registered', seq: 1 });

    expect(await isSeeded(table.db, 'carepool')).toBe(true);
    const written = await readSeedMarker(table.db, 'carepool');
    expect(written).toMatchObject({
      seed: data.seed,
      scale: false,
      dataVersion: seedDataVersion,
      counts: {
        users: data.users.length,
        providers: data.providers.length,
        listings: data.listings.length,
        people: data.people.length,
        plans: data.plans.length,
        delegations: data.delegations.length,
        audit: data.audit.length,
        groups: 0,
        groupMembers: 0,
        requests: 0,
        quotes: 0,
      },
    });
    expect(Number.isNaN(Date.parse(written?.seededAt ?? ''))).toBe(false);
  });

  it('seeds again over a table seeded before people and plans, or group purchases, existed', async () => {
    const table = fakeTable();
    const old = { seededAt: '2026-11-01T09:00:00.000Z', seed: data.seed, scale: false, counts: {} };
    await table.db.send(
      new PutCommand({ TableName: 'carepool', Item: { ...marker, entity: 'seed', ...old } }),
    );
    expect((await readSeedMarker(table.db, 'carepool'))?.dataVersion).toBe(1);
    expect(await isSeeded(table.db, 'carepool')).toBe(false);
    // Nor does one seeded before group purchases and requests.
    await table.db.send(
      new PutCommand({ TableName: 'carepool', Item: { ...marker, entity: 'seed', ...old, dataVersion: 2 } }),
    );
    expect(await isSeeded(table.db, 'carepool')).toBe(false);
    await seedTable(table.db, 'carepool', data, undefined, withoutActivity);
    expect(await isSeeded(table.db, 'carepool')).toBe(true);
  });

  it('leaves no marker when a seed fails half way, so the next start seeds again', async () => {
    const table = fakeTable({ failOnBatch: 10 });
    await expect(seedTable(table.db, 'carepool', data, undefined, withoutActivity)).rejects.toThrow(
      'connection reset',
    );
    expect(table.items.has(`${marker.pk}|${marker.sk}`)).toBe(false);
    expect(await isSeeded(table.db, 'carepool')).toBe(false);
  });
});
