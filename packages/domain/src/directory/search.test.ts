import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import type { ListingRecord } from './listing.ts';
import { rankListings } from './listing-index.ts';
import { decodeCursor, encodeCursor, type ListingSearch } from './search.ts';

const harrogate = { outcode: 'HG1', latitude: 53.99, longitude: -1.54 };

function listing(overrides: Partial<ListingRecord> & { listingId: string }): ListingRecord {
  return {
    title: 'Swimming for everyone',
    description: 'A friendly session at the leisure centre',
    category: 'day_and_community',
    pricePence: 1500,
    priceUnit: 'session',
    groupTiers: [],
    capacity: 1,
    where: { mode: 'venue', postcode: 'HG1 2AB' },
    availability: [{ day: 'mon', from: '09:00', to: '12:00' }],
    accessibility: ['step_free'],
    languages: ['en'],
    status: 'active',
    providerId: 'prv_1',
    providerName: 'Dales Swim Club',
    providerKind: 'micro_enterprise',
    providerStatus: 'verified',
    outcode: 'HG1',
    latitude: harrogate.latitude,
    longitude: harrogate.longitude,
    serviceRadiusKm: 10,
    createdAt: '2026-11-01T09:00:00.000Z',
    updatedAt: '2026-11-01T09:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

function search(overrides: Partial<ListingSearch> = {}): ListingSearch {
  return { radiusKm: 10, accessibility: [], sort: 'distance', limit: 20, near: harrogate, ...overrides };
}

const ids = (result: ReturnType<typeof rankListings>) => result.hits.map((h) => h.listing.listingId);

describe('search ranking', () => {
  it('sorts by distance, nearest first, and says how far each is', () => {
    const far = listing({ listingId: 'far', latitude: 54.05, longitude: -1.54 });
    const near = listing({ listingId: 'near' });
    const result = rankListings([far, near], search());
    expect(ids(result)).toEqual(['near', 'far']);
    expect(result.hits[0]?.distanceKm).toBe(0);
    expect(result.hits[1]?.distanceKm).toBeCloseTo(6.7, 1);
  });

  it('leaves out listings beyond the radius', () => {
    const far = listing({ listingId: 'far', latitude: 54.3, longitude: -1.54 });
    expect(ids(rankListings([far], search({ radiusKm: 10 })))).toEqual([]);
  });

  it('leaves out home visits when the searcher is outside the provider’s service area', () => {
    const homeVisit = listing({
      listingId: 'home',
      where: { mode: 'at_home' },
      latitude: 54.05,
      longitude: -1.54,
      serviceRadiusKm: 5,
    });
    expect(ids(rankListings([homeVisit], search({ radiusKm: 20 })))).toEqual([]);
    expect(ids(rankListings([{ ...homeVisit, serviceRadiusKm: 8 }], search({ radiusKm: 20 })))).toEqual([
      'home',
    ]);
  });

  it('matches every word of the free text in the title, description, provider or category', () => {
    const swim = listing({ listingId: 'swim' });
    const art = listing({
      listingId: 'art',
      title: 'Art class',
      description: 'Painting',
      providerName: 'Brush Co',
    });
    expect(ids(rankListings([swim, art], search({ q: 'SWIM club' })))).toEqual(['swim']);
    expect(ids(rankListings([swim, art], search({ q: 'community' })))).toEqual(['art', 'swim'].sort());
  });

  it('filters by category, price, language, accessibility and group-friendliness', () => {
    const cheap = listing({ listingId: 'cheap', pricePence: 1000, languages: ['en', 'cy'] });
    const dear = listing({ listingId: 'dear', pricePence: 5000, accessibility: [] });
    const group = listing({
      listingId: 'group',
      capacity: 10,
      groupTiers: [{ minParticipants: 3, pricePerPersonPence: 1200 }],
    });
    const transport = listing({ listingId: 'taxi', category: 'transport' });
    const all = [cheap, dear, group, transport];
    expect(ids(rankListings(all, search({ maxPricePence: 1500 })))).not.toContain('dear');
    expect(ids(rankListings(all, search({ language: 'cy' })))).toEqual(['cheap']);
    expect(ids(rankListings(all, search({ accessibility: ['step_free'] })))).not.toContain('dear');
    expect(ids(rankListings(all, search({ groupFriendly: true })))).toEqual(['group']);
    expect(ids(rankListings(all, search({ category: 'transport' })))).toEqual(['taxi']);
  });

  it('filters by day and, when given, the time of day', () => {
    const monday = listing({ listingId: 'mon' });
    expect(ids(rankListings([monday], search({ day: 'mon' })))).toEqual(['mon']);
    expect(ids(rankListings([monday], search({ day: 'tue' })))).toEqual([]);
    expect(ids(rankListings([monday], search({ day: 'mon', time: '11:59' })))).toEqual(['mon']);
    expect(ids(rankListings([monday], search({ day: 'mon', time: '12:00' })))).toEqual([]);
  });

  it('never shows withdrawn listings', () => {
    expect(ids(rankListings([listing({ listingId: 'gone', status: 'withdrawn' })], search()))).toEqual([]);
  });

  it('pages with a cursor so every result appears exactly once, in order', () => {
    const many = Array.from({ length: 23 }, (_, i) =>
      listing({ listingId: `l${String(i).padStart(2, '0')}`, pricePence: 1000 + (i % 5) * 100 }),
    );
    for (const sort of ['price', 'name', 'distance'] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = rankListings(
          many,
          search({ sort, limit: 5, cursor: cursor ? decodeCursor(cursor, sort) : undefined }),
        );
        seen.push(...ids(page));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(23);
      expect(new Set(seen).size).toBe(23);
    }
  });

  it('orders by price then id, so equal prices page stably', () => {
    const result = rankListings(
      [
        listing({ listingId: 'b', pricePence: 900 }),
        listing({ listingId: 'a', pricePence: 900 }),
        listing({ listingId: 'c', pricePence: 100 }),
      ],
      search({ sort: 'price' }),
    );
    expect(ids(result)).toEqual(['c', 'a', 'b']);
  });
});

describe('search cursors', () => {
  it('round-trips', () => {
    const cursor = { s: 'price' as const, k: 1200, id: 'lst_1' };
    expect(decodeCursor(encodeCursor(cursor), 'price')).toEqual(cursor);
  });

  it('refuses a mangled cursor, or one made for another sort, as a field error on cursor', () => {
    for (const [text, sort] of [
      ['not-a-cursor', 'price'],
      [encodeCursor({ s: 'price', k: 1, id: 'x' }), 'name'],
      [encodeCursor({ s: 'name', k: 5, id: 'x' }), 'name'],
      [Buffer.from('{"s":"price"}').toString('base64url'), 'price'],
    ] as const) {
      try {
        decodeCursor(text, sort);
        expect.fail('decodeCursor accepted a bad cursor');
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).issues[0]?.field).toBe('cursor');
      }
    }
  });
});
