import type { Category } from '../categories.ts';
import { categoryCodes } from '../categories.ts';
import { distanceKm, roundKm } from './geo.ts';
import type { ListingRecord } from './listing.ts';
import {
  effectiveSort,
  encodeCursor,
  type ListingSearch,
  matchesFilters,
  type SearchResult,
  searchFingerprint,
} from './search.ts';
import { createTextIndex, listingText, textQuery, words } from './search-text.ts';

type SortKey = number | string;

/** How many queries' word scores are kept (a few MB at most: one number per matching listing). */
const scoreCacheSize = 64;
interface Ranked {
  listing: ListingRecord;
  km: number | undefined;
  key: SortKey;
}

function compareKeys(a: SortKey, aId: string, b: SortKey, bId: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return aId < bId ? -1 : aId > bId ? 1 : 0;
}
const compareRanked = (a: Ranked, b: Ranked) =>
  compareKeys(a.key, a.listing.listingId, b.key, b.listing.listingId);

/**
 * The best `limit` of a stream, kept sorted: a page is chosen in one pass over the matches without
 * sorting all of them, so page 50 costs what page 1 does.
 */
class TopK {
  readonly items: Ranked[] = [];
  constructor(private readonly limit: number) {}

  offer(item: Ranked): void {
    const { items, limit } = this;
    const worst = items[items.length - 1];
    if (items.length >= limit && worst !== undefined && compareRanked(item, worst) >= 0) return;
    let low = 0;
    let high = items.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const at = items[mid];
      if (at !== undefined && compareRanked(at, item) < 0) low = mid + 1;
      else high = mid;
    }
    items.splice(low, 0, item);
    if (items.length > limit) items.pop();
  }
}

/**
 * Every active listing held in memory, with a word index over its title, description, provider
 * name and category, and listings grouped by postcode district. Search answers from here without
 * reading the table per result; `LiveListingIndex` keeps it current. Pure: no I/O.
 */
export class ListingIndex {
  private readonly listings = new Map<string, ListingRecord>();
  /** The newest version seen of every listing, withdrawn ones too, so stale copies are ignored. */
  private readonly versions = new Map<string, number>();
  private readonly byOutcode = new Map<string, Set<string>>();
  private readonly text: ReturnType<typeof createTextIndex>['index'];
  private readonly vocabulary: Set<string>;
  private readonly scoreCache = new Map<string, { scores: Map<string, number> | undefined }>();
  private readonly perCategory = new Map<Category, number>();
  /** Every listing in price and in name order, built when first needed after a change. */
  private sorted: { price: Ranked[]; name: Ranked[] } | undefined;

  constructor(listings: Iterable<ListingRecord> = []) {
    const { index, vocabulary } = createTextIndex();
    this.text = index;
    this.vocabulary = vocabulary;
    for (const listing of listings) this.upsert(listing);
  }

  get size(): number {
    return this.listings.size;
  }

  get(listingId: string): ListingRecord | undefined {
    return this.listings.get(listingId);
  }

  /**
   * Takes a listing as stored: an active one is (re)indexed, a withdrawn one removed. A copy no
   * newer than the version already seen changes nothing (change feeds overlap and may lag).
   */
  upsert(listing: ListingRecord): boolean {
    const known = this.versions.get(listing.listingId);
    if (known !== undefined && known >= listing.version) return false;
    this.versions.set(listing.listingId, listing.version);
    this.scoreCache.clear();
    this.sorted = undefined;
    this.remove(listing.listingId);
    if (listing.status !== 'active' || listing.quoteId !== undefined) return true;
    this.listings.set(listing.listingId, listing);
    let district = this.byOutcode.get(listing.outcode);
    if (!district) {
      district = new Set();
      this.byOutcode.set(listing.outcode, district);
    }
    district.add(listing.listingId);
    this.perCategory.set(listing.category, (this.perCategory.get(listing.category) ?? 0) + 1);
    this.text.add(listingText(listing));
    return true;
  }

  private remove(listingId: string): void {
    const held = this.listings.get(listingId);
    if (!held) return;
    this.listings.delete(listingId);
    this.byOutcode.get(held.outcode)?.delete(listingId);
    this.perCategory.set(held.category, (this.perCategory.get(held.category) ?? 1) - 1);
    this.text.discard(listingId);
  }

  /**
   * Each matching listing's score for the words, or undefined when there are no words. Scoring a
   * common word ("carer" and its synonyms match a third of the country) costs tens of
   * milliseconds, and people search the same words again and again, so the last few queries'
   * scores are kept until the index next changes.
   */
  private textScores(q: string | undefined): Map<string, number> | undefined {
    const key = words(q ?? '').join(' ');
    const cached = this.scoreCache.get(key);
    if (cached) {
      // Most recently used last: Map keeps insertion order.
      this.scoreCache.delete(key);
      this.scoreCache.set(key, cached);
      return cached.scores;
    }
    const query = textQuery(q, (term) => this.vocabulary.has(term));
    const scores = query
      ? new Map(this.text.search(query).map((result) => [String(result.id), result.score]))
      : undefined;
    this.scoreCache.set(key, { scores });
    const oldest = this.scoreCache.keys().next();
    if (this.scoreCache.size > scoreCacheSize && !oldest.done) this.scoreCache.delete(oldest.value);
    return scores;
  }

  private *candidates(search: ListingSearch, scores: Map<string, number> | undefined) {
    if (search.near !== undefined && search.districts !== undefined) {
      for (const outcode of search.districts) {
        for (const id of this.byOutcode.get(outcode) ?? []) {
          const listing = this.listings.get(id);
          if (listing) yield listing;
        }
      }
      return;
    }
    if (scores) {
      for (const id of scores.keys()) {
        const listing = this.listings.get(id);
        if (listing) yield listing;
      }
      return;
    }
    yield* this.listings.values();
  }

  /**
   * Browsing with no words, place or filters (perhaps a category), by price or name: the counts
   * are kept as listings come and go, and the page is read from a list kept in that order, from
   * the cursor on, so it does not touch every listing.
   */
  private browse(search: ListingSearch, sort: 'price' | 'name'): SearchResult {
    this.sorted ??= {
      price: [...this.listings.values()]
        .map((listing) => ({ listing, km: undefined, key: listing.pricePence }))
        .sort(compareRanked),
      name: [...this.listings.values()]
        .map((listing) => ({ listing, km: undefined, key: listing.title.toLowerCase() }))
        .sort(compareRanked),
    };
    const ordered = this.sorted[sort];
    const { cursor, category, limit } = search;
    let start = 0;
    if (cursor) {
      let high = ordered.length;
      while (start < high) {
        const mid = (start + high) >>> 1;
        const at = ordered[mid];
        if (at !== undefined && compareKeys(at.key, at.listing.listingId, cursor.k, cursor.id) <= 0)
          start = mid + 1;
        else high = mid;
      }
    }
    const page: Ranked[] = [];
    let more = false;
    for (let i = start; i < ordered.length; i++) {
      const entry = ordered[i];
      if (entry === undefined || (category !== undefined && entry.listing.category !== category)) continue;
      if (page.length === limit) {
        more = true;
        break;
      }
      page.push(entry);
    }
    const last = page.at(-1);
    const categoryCounts = categoryCodes
      .filter((c) => (this.perCategory.get(c) ?? 0) > 0)
      .map((c) => ({ category: c, count: this.perCategory.get(c) ?? 0 }));
    return {
      hits: page.map(({ listing }) => ({ listing, distanceKm: undefined })),
      nextCursor:
        more && last
          ? encodeCursor({
              s: search.sort,
              k: last.key,
              id: last.listing.listingId,
              h: searchFingerprint(search),
            })
          : undefined,
      total: category === undefined ? this.listings.size : (this.perCategory.get(category) ?? 0),
      categoryCounts,
    };
  }

  /** Filters, ranks, counts and pages in one pass over the candidates. */
  search(search: ListingSearch): SearchResult {
    const scores = this.textScores(search.q);
    const sort = effectiveSort(search.sort, search.near !== undefined, scores !== undefined);
    if (
      !scores &&
      search.near === undefined &&
      (sort === 'price' || sort === 'name') &&
      !hasFilters(search)
    ) {
      return this.browse(search, sort);
    }
    const keyOf = (listing: ListingRecord, km: number | undefined): SortKey => {
      switch (sort) {
        case 'relevance':
          // Highest score first; rounded so a cursor survives JSON and tiny float noise.
          return -Math.round((scores?.get(listing.listingId) ?? 0) * 1e6) / 1e6;
        case 'distance':
          // Rounded to metres so the cursor survives JSON without float drift.
          return Math.round((km ?? 0) * 1000);
        case 'price':
          return listing.pricePence;
        case 'name':
          return listing.title.toLowerCase();
      }
    };
    const perCategory = new Map<Category, number>();
    const page = new TopK(search.limit);
    const { cursor } = search;
    let total = 0;
    let afterCursor = 0;
    for (const listing of this.candidates(search, scores)) {
      if (scores && !scores.has(listing.listingId)) continue;
      const km = search.near === undefined ? undefined : distanceKm(search.near, listing);
      if (!matchesFilters(listing, search, km)) continue;
      perCategory.set(listing.category, (perCategory.get(listing.category) ?? 0) + 1);
      if (search.category !== undefined && listing.category !== search.category) continue;
      total += 1;
      const key = keyOf(listing, km);
      if (cursor && compareKeys(key, listing.listingId, cursor.k, cursor.id) <= 0) continue;
      afterCursor += 1;
      page.offer({ listing, km, key });
    }
    const last = page.items.at(-1);
    return {
      hits: page.items.map(({ listing, km }) => ({
        listing,
        distanceKm: km === undefined ? undefined : roundKm(km),
      })),
      nextCursor:
        afterCursor > search.limit && last
          ? encodeCursor({
              s: search.sort,
              k: last.key,
              id: last.listing.listingId,
              h: searchFingerprint(search),
            })
          : undefined,
      total,
      categoryCounts: categoryCodes
        .filter((category) => (perCategory.get(category) ?? 0) > 0)
        .map((category) => ({ category, count: perCategory.get(category) ?? 0 })),
    };
  }
}

/** Any filter beyond words, place and category? (Those need a pass over the candidates.) */
function hasFilters(search: ListingSearch): boolean {
  return (
    search.maxPricePence !== undefined ||
    search.day !== undefined ||
    search.groupFriendly === true ||
    search.accessibility.length > 0 ||
    search.language !== undefined
  );
}

/** Ranks a set of listings as search would (a one-off index): for tests and small lists. */
export function rankListings(candidates: Iterable<ListingRecord>, search: ListingSearch): SearchResult {
  return new ListingIndex(candidates).search(search);
}
