import * as z from 'zod';
import { CategoryCode } from '../categories.ts';
import { GroupTier, Where } from '../directory/listing.ts';
import { conflict, invalid } from '../errors.ts';
import { type Pence, pence, splitByLargestRemainder } from '../money.ts';
import { Id, IsoDateTime, ShortText } from '../values.ts';

/**
 * How a group is priced. `per_person` tiers come from a listing (the price each person pays falls
 * as the group grows); `shared_total` is one price for the whole group (a minibus, a PA's
 * afternoon) split between the members to the penny.
 */
export const GroupPricing = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('per_person'), tiers: z.array(GroupTier).min(1).max(10) }),
  z.object({ kind: z.literal('shared_total'), totalPence: z.number().int().min(1) }),
]);
export type GroupPricing = z.infer<typeof GroupPricing>;

export const GroupSchedule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('one_off'), at: IsoDateTime }),
  z.object({ kind: z.literal('weekly'), firstAt: IsoDateTime, occurrences: z.number().int().min(2).max(52) }),
]);

export const GroupStatus = z.enum(['open', 'settling', 'settled', 'delivered', 'paid', 'missed']);
export type GroupStatus = z.infer<typeof GroupStatus>;

export const GroupRecord = z.object({
  groupId: Id,
  title: ShortText(120),
  description: z.string().max(2000),
  category: CategoryCode,
  listingId: Id.optional(),
  quoteId: Id.optional(),
  providerId: Id,
  providerName: z.string(),
  organiserUserId: Id,
  pricing: GroupPricing,
  minParticipants: z.number().int().min(2),
  maxParticipants: z.number().int().min(2).max(500),
  deadline: IsoDateTime,
  schedule: GroupSchedule,
  where: Where,
  outcode: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  /** Members' first names are hidden unless the organiser turns this on and the member agrees. */
  showFirstNames: z.boolean(),
  status: GroupStatus,
  memberCount: z.number().int().min(0),
  settlement: z
    .object({
      members: z.number().int(),
      pricePerPersonPence: z.number().int(),
      totalPence: z.number().int(),
      at: IsoDateTime,
    })
    .optional(),
  delivery: z.object({ notes: z.string(), at: IsoDateTime, by: Id }).optional(),
  autoConfirmAt: IsoDateTime.optional(),
  payout: z
    .object({
      /** `held`: the provider is not verified (now); the payouts job sends it once it is again. */
      status: z.enum(['due', 'sent', 'failed', 'held']),
      railTransferId: z.string().optional(),
      failure: z.string().optional(),
    })
    .optional(),
  invitedPersonIds: z.array(Id).max(500).default([]),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int().min(1),
});
export type GroupRecord = z.infer<typeof GroupRecord>;

export const MemberRecord = z.object({
  groupId: Id,
  personId: Id,
  councilId: Id,
  planId: Id,
  lineId: Id,
  periodKey: z.string(),
  reservationId: z.string(),
  reservedPence: z.number().int(),
  status: z.enum(['joined', 'left', 'released', 'settled']),
  paidPence: z.number().int().optional(),
  /** Shown to the organiser only if the group allows it and the member chose to. */
  firstName: z.string().optional(),
  joinedBy: Id,
  joinedAt: IsoDateTime,
  version: z.number().int().min(1),
});
export type MemberRecord = z.infer<typeof MemberRecord>;

/** The per-person tier for a group of `count`: the tier with the largest minimum not above it. */
export function tierFor(tiers: readonly GroupTier[], count: number): GroupTier | undefined {
  return [...tiers]
    .sort((a, b) => b.minParticipants - a.minParticipants)
    .find((t) => t.minParticipants <= count);
}

/**
 * How many sessions a group delivers: one for a one-off, every week of a weekly series. A group's
 * prices (tiers and shared totals alike) are per session, as on the listing they came from, so a
 * member pays for every session the group runs, not just the first.
 */
export function sessionCount(schedule: GroupRecord['schedule'] | undefined): number {
  return schedule?.kind === 'weekly' ? schedule.occurrences : 1;
}

/**
 * What each of `count` members pays for the whole group (`sessions` sessions). Per-person tiers:
 * the tier's price each, per session. Shared total: largest-remainder shares of the total for all
 * sessions, so they add up to it exactly and differ by at most a penny.
 */
export function memberShares(pricing: GroupPricing, count: number, sessions = 1): Pence[] {
  if (count <= 0) return [];
  if (pricing.kind === 'shared_total')
    return splitByLargestRemainder(
      pence(pricing.totalPence * sessions),
      Array.from({ length: count }, () => 1),
    );
  const tier =
    tierFor(pricing.tiers, count) ??
    [...pricing.tiers].sort((a, b) => a.minParticipants - b.minParticipants)[0];
  return Array.from({ length: count }, () => pence((tier?.pricePerPersonPence ?? 0) * sessions));
}

export function firstSessionAt(schedule: GroupRecord['schedule']): string {
  return schedule.kind === 'one_off' ? schedule.at : schedule.firstAt;
}

/** The start of the last session: a weekly series meets every 7 days from its first. */
export function lastSessionAt(schedule: GroupRecord['schedule']): string {
  if (schedule.kind === 'one_off') return schedule.at;
  return new Date(Date.parse(schedule.firstAt) + (schedule.occurrences - 1) * 7 * 86_400_000).toISOString();
}

type PricedGroup = Pick<GroupRecord, 'pricing' | 'minParticipants'> & {
  schedule?: GroupRecord['schedule'] | undefined;
};

/**
 * The most a member could pay for every session: the price at the smallest group that can go
 * ahead. It is what a join reserves, so settling at any bigger size only ever releases money.
 */
export function reservationFor(group: PricedGroup): number {
  return Math.max(...memberShares(group.pricing, group.minParticipants, sessionCount(group.schedule)));
}

/** Price now (for every session, and per session), and if one or two more join: what the group page shows. */
export function priceOutlook(group: PricedGroup & Pick<GroupRecord, 'maxParticipants' | 'memberCount'>) {
  const sessions = sessionCount(group.schedule);
  const at = (n: number) =>
    n < 1
      ? undefined
      : Math.max(...memberShares(group.pricing, Math.max(n, group.minParticipants), sessions));
  const now = at(group.memberCount) ?? reservationFor(group);
  return {
    sessions,
    // Whole pence per session; the total above is what is reserved and paid.
    pricePerSessionNowPence: Math.ceil(now / sessions),
    pricePerPersonNowPence: now,
    ifOneMoreJoinsPence:
      group.memberCount + 1 <= group.maxParticipants ? at(group.memberCount + 1) : undefined,
    ifTwoMoreJoinPence:
      group.memberCount + 2 <= group.maxParticipants ? at(group.memberCount + 2) : undefined,
    placesLeft: group.maxParticipants - group.memberCount,
    minimumMet: group.memberCount >= group.minParticipants,
  };
}

export const GroupSetup = z.object({
  title: ShortText(120),
  description: z.string().max(2000).default(''),
  minParticipants: z.number().int().min(2, { error: 'A group needs at least 2 people' }).max(500),
  maxParticipants: z.number().int().min(2).max(500),
  deadline: IsoDateTime,
  schedule: GroupSchedule,
  showFirstNames: z.boolean().default(false),
});
export type GroupSetup = z.infer<typeof GroupSetup>;

/** Checks a new group's numbers and dates; every problem at once. */
export function assertGroupSetup(
  setup: GroupSetup,
  pricing: GroupPricing,
  now: Date,
  capacity?: number,
): void {
  if (setup.maxParticipants < setup.minParticipants) {
    throw invalid('maxParticipants', 'The most people must be at least the fewest people');
  }
  if (Date.parse(setup.deadline) <= now.getTime())
    throw invalid('deadline', 'The deadline must be in the future');
  const firstSession = setup.schedule.kind === 'one_off' ? setup.schedule.at : setup.schedule.firstAt;
  if (Date.parse(firstSession) < Date.parse(setup.deadline)) {
    throw invalid('schedule', 'The first session must be after the deadline for joining');
  }
  if (capacity !== undefined && setup.maxParticipants > capacity) {
    throw invalid('maxParticipants', `The listing takes at most ${capacity} people`);
  }
  if (pricing.kind === 'per_person') {
    const smallest = Math.min(...pricing.tiers.map((t) => t.minParticipants));
    if (setup.minParticipants < smallest) {
      throw invalid(
        'minParticipants',
        `The group prices start at ${smallest} people: set the fewest people to at least ${smallest}`,
      );
    }
  }
}

export function assertGroupOpen(group: Pick<GroupRecord, 'status'>): void {
  if (group.status !== 'open') throw conflict('group_closed', 'This group is no longer taking members.');
}
