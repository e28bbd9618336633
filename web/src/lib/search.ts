/**
 * The search as people give it (pounds, miles, plain choices) and as the API wants it (pence,
 * kilometres, codes). The page keeps the people's version in its address, so a search can be
 * bookmarked, shared, and changed.
 */
import { AccessibilityFeature, townDistrict, Weekday } from '@carepool/domain';
import type { QueryOf } from '../api/client.ts';
import { formatPence, parsePounds } from './money.ts';

/** A full UK postcode (HG1 2AB) or its first half (HG1). */
export const postcodePattern = /^[A-Za-z]{1,2}[0-9][A-Za-z0-9]?(\s*[0-9][A-Za-z]{2})?$/;

/** Whether the API can search near this: a postcode, its first half, or a town it knows ("Ripon"). */
export function isPlace(text: string): boolean {
  const near = text.trim();
  return postcodePattern.test(near) || townDistrict(near) !== undefined;
}

/** Search distances, in miles as people in the UK think of them; the API works in kilometres. */
export const distances = [1, 3, 5, 10, 20, 30] as const;
export const kmPerMile = 1.609344;

export function milesToKm(miles: number): number {
  return Math.min(50, Math.round(miles * kmPerMile * 10) / 10);
}

/** "6 miles", for a distance the API gives in kilometres. */
export function milesWords(km: number): string {
  const miles = km / kmPerMile;
  const rounded = miles < 10 ? Math.round(miles * 10) / 10 : Math.round(miles);
  return `${rounded} ${rounded === 1 ? 'mile' : 'miles'}`;
}

/** How far a venue is; support that comes to your home has no distance to give. */
export function distanceWords(km: number): string {
  const miles = km / kmPerMile;
  if (miles < 0.5) return 'Less than half a mile away';
  const rounded = miles < 10 ? Math.round(miles * 10) / 10 : Math.round(miles);
  return `${rounded} ${rounded === 1 ? 'mile' : 'miles'} away`;
}

export const sorts = {
  relevance: 'Best match',
  distance: 'Nearest first',
  price: 'Cheapest first',
  name: 'Name, A to Z',
} as const;
export type Sort = keyof typeof sorts;

export interface SearchForm {
  q: string;
  sort: string;
  category: string;
  near: string;
  miles: string;
  maxPrice: string;
  day: string;
  group: boolean;
  access: string[];
}

export function formFromParams(params: URLSearchParams): SearchForm {
  return {
    q: params.get('q') ?? '',
    sort: params.get('sort') ?? '',
    category: params.get('category') ?? '',
    near: params.get('near') ?? '',
    miles: params.get('miles') ?? '5',
    maxPrice: params.get('maxPrice') ?? '',
    day: params.get('day') ?? '',
    group: params.get('group') === 'yes',
    access: (params.get('access') ?? '').split(',').filter(Boolean),
  };
}

export function paramsFromForm(form: SearchForm): URLSearchParams {
  const params = new URLSearchParams();
  if (form.q.trim()) params.set('q', form.q.trim());
  if (form.sort in sorts) params.set('sort', form.sort);
  if (form.category) params.set('category', form.category);
  const near = form.near.trim().replace(/\s+/g, ' ');
  // Postcodes in capitals, as they are written; a town as typed.
  if (near) params.set('near', postcodePattern.test(near) ? near.toUpperCase() : near);
  params.set('miles', form.miles);
  if (form.maxPrice.trim()) params.set('maxPrice', form.maxPrice.trim().replace(/^£/, ''));
  if (form.day) params.set('day', form.day);
  if (form.group) params.set('group', 'yes');
  if (form.access.length) params.set('access', form.access.join(','));
  return params;
}

/** The page's search as the API's query: pounds become pence and miles become kilometres. */
export function apiQueryFromParams(params: URLSearchParams): QueryOf<'searchListings'> {
  const form = formFromParams(params);
  const price = form.maxPrice ? parsePounds(form.maxPrice) : undefined;
  const miles = Number(form.miles);
  return {
    ...(form.q.trim() ? { q: form.q.trim().slice(0, 100) } : {}),
    ...(form.sort in sorts ? { sort: form.sort as Sort } : {}),
    ...(form.category ? { category: form.category as QueryOf<'searchListings'>['category'] } : {}),
    ...(isPlace(form.near) ? { near: form.near.trim() } : {}),
    radiusKm: milesToKm(Number.isFinite(miles) && miles > 0 ? miles : 5),
    ...(price?.ok ? { maxPricePence: price.pence } : {}),
    ...(Weekday.safeParse(form.day).success ? { day: form.day as Weekday } : {}),
    ...(form.group ? { groupFriendly: 'true' as const } : {}),
    ...(form.access.length
      ? { accessibility: form.access.filter((a) => AccessibilityFeature.safeParse(a).success).join(',') }
      : {}),
    ...(params.get('cursor') ? { cursor: params.get('cursor') ?? undefined } : {}),
    limit: 10,
  };
}

/** "Up to £25.", for the results page, however the amount was typed ("25", "£25", "£25.00"). */
export function maxPriceWords(maxPrice: string): string | undefined {
  const price = maxPrice.trim() ? parsePounds(maxPrice) : undefined;
  return price?.ok ? `Up to ${formatPence(price.pence)}.` : undefined;
}
