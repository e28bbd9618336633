/**
 * Group purchases in plain words: what each status means, the group prices as ranges of people,
 * when the sessions are, and how many have joined. Counts only: a group never names its members.
 */
import { type GroupPricing, type GroupStatus, type MemberRecord, memberShares } from '@carepool/domain';
import { formatDateTime } from './dates.ts';
import { formatPence } from './money.ts';

export const groupStatuses: Record<GroupStatus, { text: string; colour: string }> = {
  open: { text: 'Open to join', colour: 'blue' },
  settling: { text: 'Closing', colour: 'yellow' },
  settled: { text: 'Going ahead', colour: 'green' },
  delivered: { text: 'Delivered: waiting to be confirmed', colour: 'yellow' },
  paid: { text: 'Delivered and paid', colour: 'green' },
  missed: { text: 'Did not go ahead', colour: 'grey' },
};

export const memberStatuses: Record<MemberRecord['status'], string> = {
  joined: 'Joined',
  left: 'Left the group',
  released: 'Money released',
  settled: 'Paid your share',
};

interface Tier {
  minParticipants: number;
  pricePerPersonPence: number;
}

/**
 * Tiers as ranges people can read: "3 to 5 people: £15 each", "6 or more people: £11 each". The
 * last range stops at the most the group takes, when that is given.
 */
export function tierWords(tiers: readonly Tier[], maxParticipants?: number): string[] {
  const sorted = [...tiers].sort((a, b) => a.minParticipants - b.minParticipants);
  return sorted
    .filter((tier) => maxParticipants === undefined || tier.minParticipants <= maxParticipants)
    .map((tier, index, shown) => {
      const next = shown[index + 1];
      const upTo = next ? next.minParticipants - 1 : maxParticipants;
      const people =
        upTo === undefined
          ? `${tier.minParticipants} or more people`
          : upTo === tier.minParticipants
            ? `${tier.minParticipants} ${tier.minParticipants === 1 ? 'person' : 'people'}`
            : next || maxParticipants === undefined
              ? `${tier.minParticipants} to ${upTo} people`
              : `${tier.minParticipants} to ${upTo} people (the most it takes)`;
      return `${people}: ${formatPence(tier.pricePerPersonPence)} each`;
    });
}

/** A group's prices as ranges of people, or the shared total. */
export function pricingWords(group: { pricing: GroupPricing; maxParticipants: number }): string[] {
  return group.pricing.kind === 'per_person'
    ? tierWords(group.pricing.tiers, group.maxParticipants)
    : [`${formatPence(group.pricing.totalPence)} in all, shared equally between everyone`];
}

export type Schedule =
  | { kind: 'one_off'; at: string }
  | { kind: 'weekly'; firstAt: string; occurrences: number };

export function scheduleWords(schedule: Schedule): string {
  return schedule.kind === 'one_off'
    ? formatDateTime(schedule.at)
    : `Every week for ${schedule.occurrences} weeks, starting ${formatDateTime(schedule.firstAt)}`;
}

export function firstSession(schedule: Schedule): string {
  return schedule.kind === 'one_off' ? schedule.at : schedule.firstAt;
}

/** "1 person has joined", "6 people have joined"; with how many are needed while it is short. */
export function joinedWords(count: number, minimum: number): string {
  const joined = `${count} ${count === 1 ? 'person has' : 'people have'} joined`;
  if (count >= minimum) return `${joined}. That is enough for it to go ahead.`;
  const short = minimum - count;
  return `${joined}. ${short} more ${short === 1 ? 'is' : 'are'} needed for it to go ahead.`;
}

/**
 * The simulated payment rail's ids and pages (`sim_…`, `/simulated-checkout/…`): where money would
 * move through Stripe, the local demo says that none really does.
 */
export function isSimulatedRail(idOrUrl: string | undefined): boolean {
  if (!idOrUrl) return false;
  return idOrUrl.startsWith('sim_') || /^\/simulated-/.test(idOrUrl) || idOrUrl.includes('/simulated-');
}

/** What a group's price depends on: its pricing, how many it needs and takes, and its sessions. */
export interface PricedGroup {
  pricing: GroupPricing;
  minParticipants: number;
  maxParticipants: number;
  /** Sessions the group runs: every price here is for all of them. */
  sessions: number;
}

/** One step of the price: from `from` to `to` people, each pays `eachPence` for all the sessions. */
export interface PriceStep {
  from: number;
  to: number;
  eachPence: number;
}

/**
 * What each member pays for the whole group if it has `count` members: the tier's price (below
 * the fewest it needs, the price for that many), or the largest share of a shared total.
 */
export function priceEach(group: PricedGroup, count: number): number {
  const size = Math.max(count, group.minParticipants, 1);
  return Math.max(0, ...memberShares(group.pricing, size, group.sessions));
}

/**
 * The price each, from the fewest people the group needs to the most it takes, as steps: one
 * step for each run of sizes with the same price. Per-person tiers give a few steps; a shared total
 * falls with every person who joins.
 */
export function priceSteps(group: PricedGroup): PriceStep[] {
  const steps: PriceStep[] = [];
  for (let count = group.minParticipants; count <= group.maxParticipants; count++) {
    const eachPence = priceEach(group, count);
    const last = steps.at(-1);
    if (last && last.eachPence === eachPence) last.to = count;
    else steps.push({ from: count, to: count, eachPence });
  }
  return steps;
}

/**
 * How many more people bring the next lower price, and what it is then; undefined when the price
 * cannot fall any further (the lowest step, or no places left).
 */
export function nextPrice(
  group: PricedGroup,
  memberCount: number,
): { more: number; eachPence: number } | undefined {
  const now = priceEach(group, memberCount);
  const step = priceSteps(group).find((s) => s.from > memberCount && s.eachPence < now);
  return step ? { more: step.from - memberCount, eachPence: step.eachPence } : undefined;
}

/** "for all 6 sessions (£21.50 a session)", or "for the one session": what a price each covers. */
export function sessionsWords(eachPence: number, sessions: number): string {
  return sessions > 1
    ? `for all ${sessions} sessions (${formatPence(Math.round(eachPence / sessions))} a session)`
    : 'for the one session';
}

/**
 * "3 more and it is £21.50 each" (and for a series, what that covers), or why the price will not
 * fall: the group is full, or this is its lowest price.
 */
export function nextPriceWords(group: PricedGroup & { memberCount: number; placesLeft: number }): string {
  if (group.placesLeft <= 0) return 'The group is full, so the price will not change.';
  const next = nextPrice(group, group.memberCount);
  if (!next) return 'This is the lowest price: it stays the same if more people join.';
  const each = `${next.more} more and it is ${formatPence(next.eachPence)} each`;
  return group.sessions > 1 ? `${each}, ${sessionsWords(next.eachPence, group.sessions)}` : each;
}

/** The group prices as sentences, one a step: "3 to 5 people: £15 each". */
export function stepWords(steps: readonly PriceStep[]): string[] {
  return steps.map((step) => {
    const people =
      step.from === step.to
        ? `${step.from} ${step.from === 1 ? 'person' : 'people'}`
        : `${step.from} to ${step.to} people`;
    return `${people}: ${formatPence(step.eachPence)} each`;
  });
}
