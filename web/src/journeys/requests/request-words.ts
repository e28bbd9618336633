/** A request for support and its quotes, in plain words. */
import { categoryLabel } from '@carepool/domain';
import type { ResponseOf } from '../../api/client.ts';
import { tierWords } from '../../lib/groups.ts';
import { priceUnits } from '../../lib/labels.ts';
import { formatPence } from '../../lib/money.ts';
import type { Me } from '../../session.tsx';

export type SupportRequest = ResponseOf<'getRequest'>;
export type Quote = SupportRequest['quotes'][number];

/** Where this browser remembers the requests its user made (the API cannot list them yet). */
export const requestsKey = (me: Me | undefined) => `carepool.requests.${me?.userId ?? 'anonymous'}`;

const kmPerMile = 1.609344;
export const milesWords = (km: number) => {
  const miles = Math.round(km / kmPerMile);
  return `${miles} ${miles === 1 ? 'mile' : 'miles'}`;
};

/** The lowest-numbered tier is the price for one person (a booking); the rest are group prices. */
export function quotePrices(quote: Pick<Quote, 'tiers' | 'priceUnit'>): string[] {
  const unit = priceUnits[quote.priceUnit];
  const [only] = quote.tiers;
  if (quote.tiers.length === 1 && only) return [`${formatPence(only.pricePerPersonPence)} each, ${unit}`];
  return tierWords(quote.tiers).map((words) => `${words.replace(/ each$/, '')} each, ${unit}`);
}

export function priceForOne(quote: Pick<Quote, 'tiers'>): number {
  return [...quote.tiers].sort((a, b) => a.minParticipants - b.minParticipants)[0]?.pricePerPersonPence ?? 0;
}

export function hasGroupPrices(quote: Pick<Quote, 'tiers'>): boolean {
  return quote.tiers.some((t) => t.minParticipants >= 2);
}

export function requestHeading(request: Pick<SupportRequest, 'category' | 'outcode'>): string {
  return `${categoryLabel(request.category)} near ${request.outcode}`;
}

export function peopleWords(request: Pick<SupportRequest, 'participants' | 'interestedCount'>): string {
  const base = `${request.participants} ${request.participants === 1 ? 'person' : 'people'}`;
  if (request.interestedCount === 0) return base;
  return `${base}, and ${request.interestedCount} more ${request.interestedCount === 1 ? 'person' : 'people'} would like it too`;
}
