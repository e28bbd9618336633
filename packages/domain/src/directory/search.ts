import * as z from 'zod';
import type { Category } from '../categories.ts';
import { invalid } from '../errors.ts';
import type { GeoPoint } from './geo.ts';
import { type AccessibilityFeature, isGroupFriendly, type ListingRecord, type Weekday } from './listing.ts';

export const SearchSort = z.enum(['relevance', 'distance', 'price', 'name'], {
  error: 'Sort by relevance, distance, price or name',
});
export type SearchSort = z.infer<typeof SearchSort>;

export interface ListingSearch {
  q?: string | undefined;
  category?: Category | undefined;
  /** Resolved search centre; absent when no postcode was given. */
  near?: (GeoPoint & { outcode: string }) | undefined;
  /**
   * The postcode districts within the radius of `near`, when the caller has them: only listings
   * located there are looked at. Without it every listing's distance is worked out.
   */
  districts?: readonly string[] | undefined;
  radiusKm: number;
  maxPricePence?: number | undefined;
  day?: Weekday | undefined;
  /** HH:MM; with `day`, the listing must be available at that time. */
  time?: string | undefined;
  groupFriendly?: boolean | undefined;
  accessibility: AccessibilityFeature[];
  language?: string | undefined;
  sort: SearchSort;
  limit: number;
  cursor?: SearchCursor | undefined;
}

export interface SearchHit {
  listing: ListingRecord;
  /** Kilometres from the search centre, when a postcode was given. */
  distanceKm: number | undefined;
}

export interface CategoryCount {
  category: Category;
  count: number;
}

export interface SearchResult {
  hits: SearchHit[];
  nextCursor: string | undefined;
  /** How many listings match the whole search (every page together). */
  total: number;
  /**
   * How many match in each category with every other filter applied, ignoring any category
   * chosen, so people can see where to narrow or switch. Categories with none are left out.
   */
  categoryCounts: CategoryCount[];
}

/**
 * Where the previous page stopped: the sort key and id of its last hit, and a fingerprint of the
 * search it belongs to, so a cursor used on another search is refused instead of skipping results.
 */
export const SearchCursor = z.object({
  s: SearchSort,
  k: z.union([z.number(), z.string()]),
  id: z.string().min(1).max(64),
  h: z.string().max(16).optional(),
});
export type SearchCursor = z.infer<typeof SearchCursor>;

export function encodeCursor(cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

/** Cursors are opaque to clients; a mangled or mismatched one is the client's error, never a 500. */
export function decodeCursor(text: string, sort: SearchSort, fingerprint?: string): SearchCursor {
  const badCursor = invalid(
    'cursor',
    'That cursor is not one we gave out for this search: start again without a cursor',
    'bad_cursor',
  );
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw badCursor;
  }
  const result = SearchCursor.safeParse(parsed);
  if (!result.success || result.data.s !== sort) throw badCursor;
  const keyIsNumber = typeof result.data.k === 'number';
  if (keyIsNumber !== (sort !== 'name')) throw badCursor;
  if (fingerprint !== undefined && result.data.h !== fingerprint) throw badCursor;
  return result.data;
}

/** FNV-1a over what defines the list (not the page size or cursor): a cursor's binding. */
export function searchFingerprint(search: ListingSearch): string {
  const text = JSON.stringify([
    search.q?.trim().toLowerCase() ?? '',
    search.category ?? '',
    search.near?.outcode ?? '',
    search.near ? search.radiusKm : '',
    search.maxPricePence ?? '',
    search.day ?? '',
    search.time ?? '',
    search.groupFriendly ?? '',
    [...search.accessibility].sort(),
    search.language ?? '',
    search.sort,
  ]);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

function availableAt(listing: ListingRecord, day: Weekday, time: string | undefined): boolean {
  return listing.availability.some(
    (slot) => slot.day === day && (time === undefined || (slot.from <= time && time < slot.to)),
  );
}

/**
 * Does this listing meet every filter except the words and the category? Words are matched by the
 * text index; the category is left to the caller so it can count every category.
 */
export function matchesFilters(
  listing: ListingRecord,
  search: ListingSearch,
  hitDistanceKm: number | undefined,
): boolean {
  if (listing.status !== 'active' || listing.quoteId !== undefined) return false;
  if (search.maxPricePence !== undefined && listing.pricePence > search.maxPricePence) return false;
  if (search.groupFriendly === true && !isGroupFriendly(listing)) return false;
  if (search.day !== undefined && !availableAt(listing, search.day, search.time)) return false;
  if (search.language !== undefined && !listing.languages.includes(search.language)) return false;
  if (!search.accessibility.every((feature) => listing.accessibility.includes(feature))) return false;
  if (hitDistanceKm !== undefined) {
    if (hitDistanceKm > search.radiusKm) return false;
    // Someone who comes to your home must travel that far: respect their service area too.
    if (listing.where.mode === 'at_home' && hitDistanceKm > listing.serviceRadiusKm) return false;
  }
  return true;
}

/**
 * The order actually used. Every sort is accepted with or without a place and words: distance
 * without a place falls back to relevance (with words) or price; relevance without words falls
 * back to distance (with a place) or price.
 */
export function effectiveSort(
  sort: SearchSort,
  hasPlace: boolean,
  hasWords: boolean,
): 'relevance' | 'distance' | 'price' | 'name' {
  if (sort === 'distance' && !hasPlace) return hasWords ? 'relevance' : 'price';
  if (sort === 'relevance' && !hasWords) return hasPlace ? 'distance' : 'price';
  return sort;
}

/** The default order: what was asked for, or relevance for words, distance for a place, else price. */
export function defaultSort(hasPlace: boolean, hasWords: boolean): SearchSort {
  if (hasWords) return 'relevance';
  return hasPlace ? 'distance' : 'price';
}
