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

  it('gives search its snapshot: every active listing, from the index of active listings', async () => {
    const all = await store.activeListings();
    expect(all.map((l) => l.listingId).sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `lst_${String(i).padStart(2, '0')}`),
    );
  });

  it('feeds search the listings changed since a moment, withdrawn ones too, and only those', async () => {
    const target = await store.getListing('lst_00');
    if (!target) throw new Error('missing');
    const later = '2026-11-02T10:00:00.000Z';
    await store.replaceListing({ ...target, status: 'withdrawn', updatedAt: later, version: 2 }, 1);
    const changed = await store.listingsChangedSince(
      new Date('2026-11-02T09:59:00.000Z'),
      new Date('2026-11-02T10:01:00.000Z'),
    );
    expect(changed.map((l) => [l.listingId, l.status])).toEqual([['lst_00', 'withdrawn']]);
    // Across a midnight: both days' partitions are read.
    const sinceTheStart = await store.listingsChangedSince(new Date(now), new Date(later));
    expect(sinceTheStart).toHaveLength(12);
    expect((await store.activeListings()).map((l) => l.listingId)).not.toContain('lst_00');
    expect((await store.listingsOfProvider(provider.providerId)).map((l) => l.listingId)).toContain('lst_00');
  });
});
