import type { ListingStatus } from '@carepool/domain';
import { slotWords } from '../../lib/availability.ts';
import { priceUnits, providerStatuses } from '../../lib/labels.ts';
import { formatPence } from '../../lib/money.ts';

export { providerStatuses };

export const listingStatuses: Record<ListingStatus, { text: string; colour: string }> = {
  active: { text: 'Taking bookings', colour: 'green' },
  paused: { text: 'Paused', colour: 'yellow' },
  withdrawn: { text: 'Withdrawn', colour: 'grey' },
};

export function priceWords(listing: { pricePence: number; priceUnit: keyof typeof priceUnits }): string {
  return `${formatPence(listing.pricePence)} ${priceUnits[listing.priceUnit]}`;
}

/** "Tuesday, 10am to 12pm; Thursday, 2pm to 4pm", or what people are told when no times are given. */
export function whenWords(slots: Array<Parameters<typeof slotWords>[0]>): string {
  return slots.length === 0 ? 'Ask the provider' : slots.map(slotWords).join('; ');
}
