/**
 * Group purchases in plain words: what each status means, the group prices as ranges of people,
 * when the sessions are, and how many have joined. Counts only: a group never names its members.
 */
import type { GroupStatus, MemberRecord } from '@carepool/domain';
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
