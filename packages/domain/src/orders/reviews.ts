import * as z from 'zod';
import type { Actor } from '../audit/audit.ts';
import { conflict, notFound } from '../errors.ts';
import { accessPerson } from '../people/access.ts';
import { IsoDate, LongText } from '../values.ts';
import type { OrderDeps } from './use-cases.ts';

export const ReviewInput = z.object({
  rating: z.number().int().min(1, { error: 'Rate from 1 to 5' }).max(5, { error: 'Rate from 1 to 5' }),
  comment: LongText(1000).default(''),
});
export type ReviewInput = z.infer<typeof ReviewInput>;

/**
 * Reviews are anonymous: the provider and the public see the words, the stars, the service's public
 * title and the day, never who or which booking. A review has its own id, unrelated to the order,
 * and no time of day, so it cannot be matched to a booking's confirmation.
 */
export const ReviewRecord = ReviewInput.extend({
  reviewId: z.string(),
  providerId: z.string(),
  title: z.string(),
  /** The day only (YYYY-MM-DD). */
  date: IsoDate,
});
export type ReviewRecord = z.infer<typeof ReviewRecord>;

/** Kept as reviews are added, so the average never needs every review read again. */
export interface ReviewSummary {
  count: number;
  ratingSum: number;
}

export interface ReviewStore {
  /** Adds the review, marks the order reviewed and counts it in the summary, once; false if the order already has one. */
  add(review: ReviewRecord, orderId: string, orderVersion: number): Promise<boolean>;
  summaryOf(providerId: string): Promise<ReviewSummary>;
  /** The newest reviews first, at most `limit`. */
  newestOf(providerId: string, limit: number): Promise<ReviewRecord[]>;
}

/** How many reviews a provider's page shows: the newest; the count and average cover them all. */
export const reviewsShown = 50;

/** Only someone who bought and was delivered the service may review it, once per order. */
export async function reviewOrder(
  deps: OrderDeps & { reviews: ReviewStore },
  actor: Actor,
  orderId: string,
  input: ReviewInput,
) {
  const order = await deps.orders.get(orderId);
  if (!order) throw notFound('order');
  try {
    await accessPerson(deps, actor.caller, order.personId, 'order:confirm');
  } catch {
    throw notFound('order');
  }
  if (order.status !== 'confirmed' || order.kind !== 'order') {
    throw conflict('not_reviewable', 'You can review a booking once it has been delivered and confirmed.');
  }
  // Only a title anyone can see in the directory: a booking made from a quote is titled with the
  // requester's own words, which would say who wrote the review.
  const listing = order.listingId ? await deps.directory.getListing(order.listingId) : undefined;
  const review: ReviewRecord = {
    ...input,
    reviewId: deps.newId('rev'),
    providerId: order.providerId,
    title: listing?.title ?? 'A service arranged from a quote',
    date: deps.clock.now().toISOString().slice(0, 10),
  };
  if (order.reviewed || !(await deps.reviews.add(review, orderId, order.version))) {
    throw conflict('already_reviewed', 'This booking already has a review.');
  }
  return review;
}

/** A provider's average and count from the kept summary, and the newest reviews: two reads, whatever the history. */
export async function providerReviews(deps: { reviews: ReviewStore }, providerId: string) {
  const [summary, newest] = await Promise.all([
    deps.reviews.summaryOf(providerId),
    deps.reviews.newestOf(providerId, reviewsShown),
  ]);
  const average = summary.count ? Math.round((summary.ratingSum / summary.count) * 10) / 10 : undefined;
  return {
    providerId,
    count: summary.count,
    ...(average === undefined ? {} : { averageRating: average }),
    items: newest,
  };
}
