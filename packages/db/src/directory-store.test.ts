import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError, type ListingRecord, type ProviderRecord } from '@carepool/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTable, type TestTable } from '../../../test/support/dynamo.ts';
import { ScanForbiddenError } from './client.ts';
import { DynamoDirectoryStore } from './directory-store.ts';

let table: TestTable;
let store: DynamoDirectoryStore;

const now = '2026-11-01T09:00:00.000Z';
const provider: ProviderRecord = {
  providerId: 'prv_store',
  ownerUserId: 'usr_owner',
  kind: 'organisation',
  name: 'Store Test Care',
  description: '',
  serviceArea: { postcode: 'HG1 1AA', radiusKm: 10 },
  contact: { email: 'store@example.org' },
  evidence: { dbsCheck: { level: 'none' } },
  regulatedPersonalCare: false,
  categories: [],
  status: 'pending',
  outcode: 'HG1',
  latitude: 53.99,
  longitude: -1.54,
  createdAt: now,
  updatedAt: now,
  version: 1,
};

function listing(id: string, pricePence: number, overrides: Partial<ListingRecord> = {}): ListingRecord {
  return {
    listingId: id,
    providerId: provider.providerId,
    providerName: provider.name,
    providerKind: provider.kind,
    providerStatus: provider.status,
    title: `Listing ${id}`,
    description: '',
    category: 'transport',
    pricePence,
    priceUnit: 'item',
    groupTiers: [],
    capacity: 1,
    where: { mode: 'at_home' },
    availability: [],
    accessibility: [],
    languages: ['en'],
    status: 'active',
    outcode: 'HG1',
    latitude: 53.99,
    longitude: -1.54,
    serviceRadiusKm: 10,
    createdAt: now,
    updatedAt: now,
    version: 1,
    ...overrides,
  };
}

beforeAll(async () => {
  table = await createTestTable();
  store = new DynamoDirectoryStore(table.db, table.tableName);
  await store.insertProvider(provider, []);
  for (let i = 0; i < 12; i++)
    await store.insertListing(listing(`lst_${String(i).padStart(2, '0')}`, 100 * (i % 4) + 500));
});
afterAll(() => table?.db.destroy());

describe('the directory store', () => {
  it('refuses to Scan, whoever asks', async () => {
    await expect(table.db.send(new ScanCommand({ TableName: table.tableName }))).rejects.toBeInstanceOf(
      ScanForbiddenError,
    );
  });

  it('round-trips a provider exactly', async () => {
    expect(await store.getProvider(provider.providerId)).toEqual(provider);
  });

  it('refuses a second provider with the same id', async () => {
    await expect(store.insertProvider(provider, [])).rejects.toMatchObject({ code: 'version_conflict' });
  });

  it('refuses a stale write (optimistic locking), so one of two concurrent edits wins and the other gets a conflict', async () => {
    const edits = await Promise.allSettled([
      store.replaceProvider({ ...provider, name: 'Edit A', version: 2 }, 1, []),
      store.replaceProvider({ ...provider, name: 'Edit B', version: 2 }, 1, []),
    ]);
    expect(edits.filter((e) => e.status === 'fulfilled')).toHaveLength(1);
    const failure = edits.find((e) => e.status === 'rejected');
    expect(failure?.status === 'rejected' && failure.reason).toBeInstanceOf(DomainError);
    expect(failure?.status === 'rejected' && (failure.reason as DomainError).code).toBe('version_conflict');
    expect((await store.getProvider(provider.providerId))?.version).toBe(2);
  });

  it('walks a category in price order from a position, reading no more than asked', async () => {
    const first = await store.activeListingsByPrice('transport', { maxRead: 5 });
    expect(first.listings).toHaveLength(5);
    expect(first.exhausted).toBe(false);
    const prices = first.listings.map((l) => l.pricePence);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    const last = first.listings.at(-1);
    if (!last) throw new Error('no listings');
    const rest = await store.activeListingsByPrice('transport', {
      after: { pricePence: last.pricePence, listingId: last.listingId },
      maxRead: 50,
    });
    expect(rest.exhausted).toBe(true);
    const all = [...first.listings, ...rest.listings].map((l) => l.listingId);
    expect(new Set(all).size).toBe(12);
  });

  it('stops at the maximum price', async () => {
    const cheap = await store.activeListingsByPrice('transport', { maxPricePence: 600, maxRead: 50 });
    expect(cheap.listings.every((l) => l.pricePence <= 600)).toBe(true);
    expect(cheap.listings).toHaveLength(6);
  });

  it('drops a withdrawn listing from both search indexes', async () => {
    const target = await store.getListing('lst_00');
    if (!target) throw new Error('missing');
    await store.replaceListing({ ...target, status: 'withdrawn', version: 2 }, 1);
    const inDistrict = await store.activeListingsInDistricts(['HG1'], 'transport');
    expect(inDistrict.map((l) => l.listingId)).not.toContain('lst_00');
    const byPrice = await store.activeListingsByPrice('transport', { maxRead: 50 });
    expect(byPrice.listings.map((l) => l.listingId)).not.toContain('lst_00');
    expect((await store.listingsOfProvider(provider.providerId)).map((l) => l.listingId)).toContain('lst_00');
  });
});
