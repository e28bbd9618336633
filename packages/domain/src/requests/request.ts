import * as z from 'zod';
import { CategoryCode } from '../categories.ts';
import { GroupTier, PriceUnit } from '../directory/listing.ts';
import { Id, IsoDateTime, Postcode, ShortText, WholePence } from '../values.ts';

/** A need that nothing listed meets: the start of commissioning, and a market signal if unmet. */
export const SupportRequestInput = z.object({
  personId: Id,
  description: ShortText(2000),
  category: CategoryCode,
  postcode: Postcode,
  // A floor, not just "positive": DynamoDB cannot store numbers as small as 5e-324.
  radiusKm: z.number().min(0.1, { error: 'Use at least 0.1 km' }).max(50, { error: 'Use 50 km or less' }),
  participants: z.number().int().min(1).max(200),
  /** When it is needed, in the person's words ("Tuesday mornings from March"). */
  when: ShortText(200),
  budgetCeilingPerPersonPence: WholePence.refine((p) => p > 0, {
    error: 'Give the most each person could pay, more than 0p',
  }),
  /** Quotes are welcome until then; after it, an unanswered request counts as unmet demand. */
  respondBy: IsoDateTime,
});
export type SupportRequestInput = z.infer<typeof SupportRequestInput>;

export const SupportRequestRecord = SupportRequestInput.extend({
  requestId: Id,
  councilId: Id,
  createdBy: Id,
  outcode: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  interestedCount: z.number().int().min(0),
  quoteCount: z.number().int().min(0),
  status: z.enum(['open', 'accepted']),
  acceptedQuoteId: Id.optional(),
  createdAt: IsoDateTime,
  version: z.number().int().min(1),
});
export type SupportRequestRecord = z.infer<typeof SupportRequestRecord>;

export const QuoteInput = z.object({
  providerId: Id,
  /** Price per person at each group size; a single tier with minParticipants 1 is a price for one. */
  tiers: z
    .array(
      z.object({
        minParticipants: z.number().int().min(1).max(500),
        pricePerPersonPence: GroupTier.shape.pricePerPersonPence,
      }),
    )
    .min(1)
    .max(10),
  priceUnit: PriceUnit,
  when: ShortText(200),
  terms: z.string().trim().max(2000).default(''),
});
export type QuoteInput = z.infer<typeof QuoteInput>;

export const QuoteRecord = QuoteInput.extend({
  quoteId: Id,
  requestId: Id,
  providerName: z.string(),
  createdBy: Id,
  createdAt: IsoDateTime,
});
export type QuoteRecord = z.infer<typeof QuoteRecord>;

/** The price per person a quote gives for a group of `count`. */
export function quotePriceFor(quote: Pick<QuoteRecord, 'tiers'>, count: number): number | undefined {
  return [...quote.tiers]
    .sort((a, b) => b.minParticipants - a.minParticipants)
    .find((t) => t.minParticipants <= count)?.pricePerPersonPence;
}
