import * as z from 'zod';
import { CategoryCode } from '../categories.ts';
import { type DomainError, invalid } from '../errors.ts';
import { Id, IsoDateTime, LongText, Postcode, ShortText, WholePence } from '../values.ts';
import { ProviderKind, ProviderStatus } from './provider.ts';

export const PriceUnit = z.enum(['hour', 'session', 'day', 'week', 'item'], {
  error: 'Choose a price unit: hour, session, day, week or item',
});
export type PriceUnit = z.infer<typeof PriceUnit>;

export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], {
  error: 'Use a day like mon, tue, wed, thu, fri, sat or sun',
});
export type Weekday = z.infer<typeof Weekday>;

export const ClockTime = z
  .string()
  .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { error: 'Use a 24-hour time like 09:30' });

export const AvailabilitySlot = z
  .object({ day: Weekday, from: ClockTime, to: ClockTime })
  .refine((slot) => slot.from < slot.to, {
    error: 'The end time must be after the start time',
    path: ['to'],
  });

export const AccessibilityFeature = z.enum(
  [
    'step_free',
    'accessible_toilet',
    'hearing_loop',
    'bsl',
    'easy_read',
    'quiet_space',
    'changing_places',
    'assistance_dogs',
    'large_print',
    'wheelchair_accessible_vehicle',
  ],
  { error: 'Use an accessibility feature from the list in the API documentation' },
);
export type AccessibilityFeature = z.infer<typeof AccessibilityFeature>;

export const Language = z.string().regex(/^[a-z]{2,3}$/, { error: 'Use a language code like en, cy or pl' });

/** A price that falls as more people join: each tier applies from its minimum group size. */
export const GroupTier = z.object({
  minParticipants: z.number().int().min(2, { error: 'A group tier starts at 2 people or more' }).max(500),
  pricePerPersonPence: WholePence,
});
export type GroupTier = z.infer<typeof GroupTier>;

export const Where = z.discriminatedUnion(
  'mode',
  [
    z.object({ mode: z.literal('at_home') }),
    z.object({ mode: z.literal('venue'), postcode: Postcode, venueName: ShortText(120).optional() }),
    z.object({ mode: z.literal('online') }),
  ],
  { error: 'Say where: at_home, venue (with a postcode) or online' },
);
export type Where = z.infer<typeof Where>;

/**
 * `paused`: the provider is not taking bookings for now (a holiday, a full diary) and will come
 * back; `withdrawn`: it no longer offers this. Either way the listing leaves search and cannot be
 * booked or grouped, and bookings already made stand.
 */
export const ListingStatus = z.enum(['active', 'paused', 'withdrawn'], {
  error: 'Use status active, paused or withdrawn',
});
export type ListingStatus = z.infer<typeof ListingStatus>;

/**
 * The listing fields a provider writes, without defaults, so a partial update (PATCH) changes only
 * the fields sent.
 */
export const ListingFields = z.object({
  title: ShortText(120),
  description: LongText(2000),
  category: CategoryCode,
  pricePence: WholePence.refine((p) => p > 0, { error: 'A price must be more than 0p' }),
  priceUnit: PriceUnit,
  groupTiers: z.array(GroupTier).max(10),
  capacity: z.number().int().min(1).max(10_000),
  where: Where,
  availability: z.array(AvailabilitySlot).max(50),
  accessibility: z.array(AccessibilityFeature).max(20),
  languages: z.array(Language).min(1).max(10),
  /** What the provider charges the council for the same service, so holders can see price parity. */
  councilRatePence: WholePence.optional(),
  status: ListingStatus,
});

/** A new listing: the fields, with sensible defaults for what a provider may leave out. */
export const ListingDetails = ListingFields.extend({
  description: ListingFields.shape.description.default(''),
  groupTiers: ListingFields.shape.groupTiers.default([]),
  capacity: ListingFields.shape.capacity.default(1),
  availability: ListingFields.shape.availability.default([]),
  accessibility: ListingFields.shape.accessibility.default([]),
  languages: ListingFields.shape.languages.default(['en']),
  status: ListingFields.shape.status.default('active'),
});
export type ListingDetails = z.infer<typeof ListingDetails>;
export const ListingPatch = ListingFields.partial();
export type ListingPatch = z.infer<typeof ListingPatch>;

/** The stored listing: details plus what search needs from the provider, copied on write. */
export const ListingRecord = ListingDetails.extend({
  listingId: Id,
  providerId: Id,
  providerName: z.string(),
  providerKind: ProviderKind,
  providerStatus: ProviderStatus,
  outcode: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  /** How far from its base the provider travels; only used for at-home listings. */
  serviceRadiusKm: z.number(),
  /** Set when the listing was made from an accepted quote: private to that request, never searched. */
  quoteId: Id.optional(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int().min(1),
});
export type ListingRecord = z.infer<typeof ListingRecord>;

export function listingProblems(details: ListingDetails): DomainError[] {
  const problems: DomainError[] = [];
  const tiers = details.groupTiers;
  for (let i = 1; i < tiers.length; i++) {
    const before = tiers[i - 1];
    const tier = tiers[i];
    if (!before || !tier) continue;
    if (tier.minParticipants <= before.minParticipants) {
      problems.push(
        invalid(`groupTiers.${i}.minParticipants`, 'List group tiers from the smallest group to the largest'),
      );
    }
    if (tier.pricePerPersonPence >= before.pricePerPersonPence) {
      problems.push(
        invalid(
          `groupTiers.${i}.pricePerPersonPence`,
          'Each larger group tier must cost less per person than the one before',
        ),
      );
    }
  }
  const first = tiers[0];
  if (first && first.pricePerPersonPence > details.pricePence) {
    problems.push(
      invalid(
        'groupTiers.0.pricePerPersonPence',
        'A group price per person should not be more than the price for one person',
      ),
    );
  }
  const largestGroup = Math.max(0, ...tiers.map((t) => t.minParticipants));
  if (largestGroup > details.capacity) {
    problems.push(invalid('capacity', `Capacity must allow the largest group tier (${largestGroup} people)`));
  }
  return problems;
}

/** Group-friendly means the listing has group prices and room for more than one person. */
export function isGroupFriendly(listing: Pick<ListingDetails, 'groupTiers' | 'capacity'>): boolean {
  return listing.groupTiers.length > 0 && listing.capacity > 1;
}

export type PriceParity = 'same_as_council' | 'below_council' | 'above_council' | 'unknown';

/** Whether a holder pays what the council would for the same service. */
export function priceParity(listing: Pick<ListingDetails, 'pricePence' | 'councilRatePence'>): PriceParity {
  if (listing.councilRatePence === undefined) return 'unknown';
  if (listing.pricePence === listing.councilRatePence) return 'same_as_council';
  return listing.pricePence < listing.councilRatePence ? 'below_council' : 'above_council';
}
