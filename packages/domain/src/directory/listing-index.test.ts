import { describe, expect, it } from 'vitest';
import type { ListingRecord } from './listing.ts';
import { ListingIndex, rankListings } from './listing-index.ts';
import { decodeCursor, type ListingSearch, searchFingerprint } from './search.ts';
import { textQuery } from './search-text.ts';

const harrogate = { outcode: 'HG1', latitude: 53.99, longitude: -1.54 };
const london = { outcode: 'SW1A', latitude: 51.5, longitude: -0.14 };

function listing(overrides: Partial<ListingRecord> & { listingId: string }): ListingRecord {
  return {
    title: 'Lunch club',
    description: 'A hot meal and good company.',
    category: 'day_and_community',
    pricePence: 1500,
    priceUnit: 'session',
    groupTiers: [],
    capacity: 1,
    where: { mode: 'venue', postcode: 'HG1 2AB' },
    availability: [],
    accessibility: [],
    languages: ['en'],
    status: 'active',
    providerId: 'prv_1',
    providerName: 'Dales Community Trust',
    providerKind: 'organisation',
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

const everywhere = (overrides: Partial<ListingSearch> = {}): ListingSearch => ({
  radiusKm: 10,
  accessibility: [],
  sort: 'relevance',
  limit: 20,
  ...overrides,
});
const titles = (result: ReturnType<typeof rankListings>) => result.hits.map((h) => h.listing.title);

const walkingSupport = listing({
  listingId: 'walk',
  title: 'Walking support',
  description: 'Someone to go out with you.',
  category: 'pa_support',
});
const gardenTidy = listing({
  listingId: 'garden',
  title: 'Garden tidy-up',
  description: 'Weeding, mowing and paths made safe to walk on.',
  category: 'household_help',
});
const personalAssistant = listing({
  listingId: 'pa',
  title: 'Personal assistant for days out',
  description: 'Trips, appointments and shopping.',
  category: 'pa_support',
});
const swimming = listing({
  listingId: 'swim',
  title: 'Swimming lessons',
  description: 'Small classes for adults.',
  pricePence: 900,
  outcode: 'SW1A',
  latitude: london.latitude,
  longitude: london.longitude,
});
const physio = listing({
  listingId: 'physio',
  title: 'Physiotherapy at home',
  description: 'Exercises after a fall.',
  category: 'health_and_therapy',
  pricePence: 4000,
});
const all = [walkingSupport, gardenTidy, personalAssistant, swimming, physio];

describe('ranking free text', () => {
  it('puts a title match above a passing mention: "walk" finds walking support before a garden safe to walk on', () => {
    expect(titles(rankListings(all, everywhere({ q: 'walk' })))).toEqual([
      'Walking support',
      'Garden tidy-up',
    ]);
  });

  it('stems words, so "walks" and "walking" find what "walk" finds', () => {
    for (const q of ['walks', 'walking', 'WALKED']) {
      expect(titles(rankListings(all, everywhere({ q }))).at(0)).toBe('Walking support');
    }
  });

  it('needs every word, in any field', () => {
    expect(titles(rankListings(all, everywhere({ q: 'swimming adults' })))).toEqual(['Swimming lessons']);
    expect(titles(rankListings(all, everywhere({ q: 'swimming gardens' })))).toEqual([]);
  });
});

describe('synonyms from the taxonomy', () => {
  it('treats carer, personal assistant and PA as the same support', () => {
    for (const q of ['carer', 'personal assistant', 'PA', 'carers']) {
      const found = titles(rankListings(all, everywhere({ q })));
      expect(found).toContain('Personal assistant for days out');
      expect(found).toContain('Walking support'); // its category is personal assistant support
      expect(found).not.toContain('Garden tidy-up');
    }
  });

  it('treats swim and swimming alike', () => {
    expect(titles(rankListings(all, everywhere({ q: 'swim' })))).toEqual(['Swimming lessons']);
    expect(titles(rankListings(all, everywhere({ q: 'pool' })))).toEqual(['Swimming lessons']);
  });

  it('builds one alternative per synonym phrase', () => {
    expect(textQuery('carer')).toMatchObject({ combineWith: 'AND', queries: [{ combineWith: 'OR' }] });
  });
});

describe('typos', () => {
  it('forgives a letter or two in longer words', () => {
    for (const q of ['swiming', 'physiotherpy', 'physiotheraphy', 'walkign']) {
      expect(titles(rankListings(all, everywhere({ q }))).length).toBeGreaterThan(0);
    }
    expect(titles(rankListings(all, everywhere({ q: 'swiming' })))).toEqual(['Swimming lessons']);
    expect(titles(rankListings(all, everywhere({ q: 'physiotherpy' })))).toEqual(['Physiotherapy at home']);
  });

  it('keeps short words exact, so "pa" is not "park"', () => {
    const park = listing({ listingId: 'park', title: 'Park run', category: 'day_and_community' });
    expect(titles(rankListings([park], everywhere({ q: 'pa' })))).toEqual([]);
  });
});

describe('words alone, no words, and nothing', () => {
  it('searches the whole country when there is no place', () => {
    const found = rankListings(all, everywhere({ q: 'swimming' }));
    expect(titles(found)).toEqual(['Swimming lessons']);
    expect(found.hits[0]?.distanceKm).toBeUndefined();
  });

  it('answers an empty query, or only stop words, with everything', () => {
    for (const q of [undefined, '', '   ', 'the', 'and of']) {
      expect(rankListings(all, everywhere({ q, sort: 'price' })).total).toBe(all.length);
    }
  });

  it('orders no words by price, or by distance near a place, when relevance is asked for', () => {
    const byPrice = rankListings(all, everywhere());
    expect(byPrice.hits.map((h) => h.listing.pricePence)).toEqual([900, 1500, 1500, 1500, 4000]);
    const near = rankListings(all, everywhere({ near: london, radiusKm: 50 }));
    expect(titles(near)).toEqual(['Swimming lessons']);
  });
});

describe('counts', () => {
  it('says how many matched across every page', () => {
    const result = rankListings(all, everywhere({ limit: 2, sort: 'price' }));
    expect(result.hits).toHaveLength(2);
    expect(result.total).toBe(5);
  });

  it('counts each category for the search, ignoring the category chosen, in the taxonomy order', () => {
    const result = rankListings(all, everywhere({ q: 'walk', category: 'pa_support' }));
    expect(result.total).toBe(1);
    expect(result.categoryCounts).toEqual([
      { category: 'pa_support', count: 1 },
      { category: 'household_help', count: 1 },
    ]);
  });

  it('applies the other filters to the counts', () => {
    const result = rankListings(all, everywhere({ maxPricePence: 1000 }));
    expect(result.categoryCounts).toEqual([{ category: 'day_and_community', count: 1 }]);
  });
});

describe('paging every sort', () => {
  const many = Array.from({ length: 23 }, (_, i) =>
    listing({
      listingId: `l${String(i).padStart(2, '0')}`,
      title: `Walk number ${i % 7}`,
      description: i % 2 ? 'A walk in the park' : 'Company and tea',
      pricePence: 1000 + (i % 5) * 100,
      latitude: harrogate.latitude + (i % 4) * 0.01,
    }),
  );
  for (const sort of ['relevance', 'distance', 'price', 'name'] as const) {
    for (const withPlace of [true, false]) {
      it(`${sort} ${withPlace ? 'near a place' : 'across the country'}: every result once, in order`, () => {
        const base = everywhere({ q: 'walk', sort, limit: 5, ...(withPlace ? { near: harrogate } : {}) });
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = rankListings(many, {
            ...base,
            cursor: cursor ? decodeCursor(cursor, sort, searchFingerprint(base)) : undefined,
          });
          seen.push(...page.hits.map((h) => h.listing.listingId));
          expect(page.total).toBe(23);
          cursor = page.nextCursor;
        } while (cursor);
        expect(seen).toHaveLength(23);
        expect(new Set(seen).size).toBe(23);
        expect(seen).toEqual(rankListings(many, { ...base, limit: 50 }).hits.map((h) => h.listing.listingId));
      });
    }
  }
});

describe('keeping the index current', () => {
  it('replaces a changed listing, drops a withdrawn one and ignores an older copy', () => {
    const index = new ListingIndex([walkingSupport]);
    index.upsert({ ...walkingSupport, title: 'Rambling companion', version: 2 });
    expect(titles(index.search(everywhere({ q: 'rambling' })))).toEqual(['Rambling companion']);
    expect(index.search(everywhere({ q: 'walking' })).total).toBe(0);
    expect(index.upsert({ ...walkingSupport, version: 1 })).toBe(false);
    index.upsert({ ...walkingSupport, status: 'withdrawn', version: 3 });
    expect(index.size).toBe(0);
    expect(index.upsert({ ...walkingSupport, version: 2 })).toBe(false);
    expect(index.size).toBe(0);
  });

  it('never indexes a listing made from a quote', () => {
    expect(new ListingIndex([listing({ listingId: 'q', quoteId: 'quo_1' })]).size).toBe(0);
  });
});

describe('browsing without words, place or filters', () => {
  const catalogue = Array.from({ length: 40 }, (_, i) =>
    listing({
      listingId: `b${String(i).padStart(2, '0')}`,
      title: `${['Zumba', 'art', 'Bowls', 'cookery'][i % 4]} ${i % 7}`,
      category: i % 3 ? 'day_and_community' : 'transport',
      pricePence: 500 + (i % 6) * 250,
    }),
  );
  /** A filter every listing passes, which takes the one-pass route instead of the kept orders. */
  const passEverything = { maxPricePence: 10_000_000 };

  for (const sort of ['price', 'name'] as const) {
    for (const category of [undefined, 'transport'] as const) {
      it(`pages by ${sort}${category ? ' in a category' : ''} exactly as the one-pass search does`, () => {
        const index = new ListingIndex(catalogue);
        const walk = (extra: Partial<ListingSearch>) => {
          const base = everywhere({ sort, category, limit: 7, ...extra });
          const pages: ReturnType<ListingIndex['search']>[] = [];
          let cursor: string | undefined;
          do {
            const page = index.search({
              ...base,
              cursor: cursor ? decodeCursor(cursor, sort, searchFingerprint(base)) : undefined,
            });
            pages.push(page);
            cursor = page.nextCursor;
          } while (cursor);
          return pages;
        };
        const browsed = walk({});
        const passed = walk(passEverything);
        const ids = (pages: typeof browsed) => pages.flatMap((p) => p.hits.map((h) => h.listing.listingId));
        expect(ids(browsed)).toEqual(ids(passed));
        expect(browsed.map((p) => [p.total, p.categoryCounts])).toEqual(
          passed.map((p) => [p.total, p.categoryCounts]),
        );
        expect(new Set(ids(browsed)).size).toBe(category ? 14 : 40);
      });
    }
  }

  it('keeps its counts and orders as listings change', () => {
    const index = new ListingIndex(catalogue);
    index.search(everywhere({ sort: 'price' }));
    const first = catalogue[0];
    if (!first) throw new Error('no listing');
    index.upsert({ ...first, status: 'withdrawn', version: 2 });
    index.upsert(listing({ listingId: 'cheapest', pricePence: 1, category: 'transport' }));
    const page = index.search(everywhere({ sort: 'price', limit: 1 }));
    expect(page.hits.map((h) => h.listing.listingId)).toEqual(['cheapest']);
    expect(page.total).toBe(40);
    expect(page.categoryCounts).toEqual([
      { category: 'day_and_community', count: 26 },
      { category: 'transport', count: 14 },
    ]);
  });
});
