import { z } from 'zod';
import type { Category } from '../categories.ts';
import { categoryLabel } from '../categories.ts';
import { invalid } from '../errors.ts';
import { distanceKm, type GeoPoint, roundKm } from './geo.ts';
import { type AccessibilityFeature, isGroupFriendly, type ListingRecord, type Weekday } from './listing.ts';

export const SearchSort = z.enum(['distance', 'price', 'name'], { error: 'Sort by distance, price or name' });
export type SearchSort = z.infer<typeof SearchSort>;

export interface ListingSearch {
  q?: string | undefined;
  category?: Category | undefined;
  /** Resolved search centre; absent when no postcode was given. */
  near?: (GeoPoint & { outcode: string }) | undefined;
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

/** Where the previous page stopped: the sort value and id of its last hit. */
export const SearchCursor = z.object({
  s: SearchSort,
  k: z.union([z.number(), z.string()]),
  id: z.string().min(1).max(64),
});
export type SearchCursor = z.infer<typeof SearchCursor>;

export function encodeCursor(cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

/** Cursors are opaque to clients; a mangled or mismatched one is the client's error, never a 500. */
export function decodeCursor(text: string, sort: SearchSort): SearchCursor {
  const badCursor = invalid(
    'cursor',
    'That cursor is not one we gave out: start again without a cursor',
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
  return result.data;
}

/** Lower-case words of the query, so "Swimming  CLASS" matches "swimming class". */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function searchableText(listing: ListingRecord): string {
  return [listing.title, listing.description, listing.providerName, categoryLabel(listing.category)]
    .join(' ')
    .toLowerCase();
}

function availableAt(listing: ListingRecord, day: Weekday, time: string | undefined): boolean {
  return listing.availability.some(
    (slot) => slot.day === day && (time === undefined || (slot.from <= time && time < slot.to)),
  );
}

/** Does this listing meet every filter? Distance is checked by the caller who knows the centre. */
export function matchesSearch(
  listing: ListingRecord,
  search: ListingSearch,
  hitDistanceKm: number | undefined,
): boolean {
  if (listing.status !== 'active') return false;
  if (search.category !== undefined && listing.category !== search.category) return false;
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
  if (search.q !== undefined) {
    const text = searchableText(listing);
    if (!words(search.q).every((word) => text.includes(word))) return false;
  }
  return true;
}

function sortValue(hit: SearchHit, sort: SearchSort): number | string {
  switch (sort) {
    case 'distance':
      // Rounded to metres so the cursor survives JSON without float drift.
      return Math.round((hit.distanceKm ?? 0) * 1000);
    case 'price':
      return hit.listing.pricePence;
    case 'name':
      return hit.listing.title.toLowerCase();
  }
}

function compareKeys(a: number | string, aId: string, b: number | string, bId: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return aId < bId ? -1 : aId > bId ? 1 : 0;
}

/**
 * Filters, sorts and pages a set of candidate listings (already narrowed by the database to the
 * districts in range, or to one category). Pure, so every rule of search is unit-tested here.
 */
export function rankListings(
  candidates: Iterable<ListingRecord>,
  search: ListingSearch,
): { hits: SearchHit[]; nextCursor: string | undefined } {
  const matched: Array<SearchHit & { key: number | string }> = [];
  for (const listing of candidates) {
    const km = search.near === undefined ? undefined : distanceKm(search.near, listing);
    if (!matchesSearch(listing, search, km)) continue;
    const hit: SearchHit = { listing, distanceKm: km === undefined ? undefined : roundKm(km) };
    matched.push({ ...hit, key: sortValue({ listing, distanceKm: km }, search.sort) });
  }
  matched.sort((a, b) => compareKeys(a.key, a.listing.listingId, b.key, b.listing.listingId));
  const { cursor } = search;
  const start =
    cursor === undefined
      ? 0
      : matched.findIndex((hit) => compareKeys(hit.key, hit.listing.listingId, cursor.k, cursor.id) > 0);
  const page = start < 0 ? [] : matched.slice(start, start + search.limit);
  const last = page.at(-1);
  const hasMore = start >= 0 && start + search.limit < matched.length;
  return {
    hits: page.map(({ listing, distanceKm: km }) => ({ listing, distanceKm: km })),
    nextCursor:
      hasMore && last ? encodeCursor({ s: search.sort, k: last.key, id: last.listing.listingId }) : undefined,
  };
}
