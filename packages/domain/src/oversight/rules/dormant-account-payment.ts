import { poundsText } from '../../money.ts';
import { type AlertDraft, daysBetween } from '../model.ts';
import type { EffectiveAlertThresholds } from '../thresholds.ts';

export interface DormantAccountFacts {
  councilId: string;
  personId: string;
  personName: string;
  transferId: string;
  orderId?: string | undefined;
  providerId?: string | undefined;
  providerName?: string | undefined;
  amountPence: number;
  at: string;
  /** The last time money left the account before this (a booking, payment or group place). */
  lastOutgoingAt?: string | undefined;
  /** The account's first entry (its first deposit): how long it has existed. */
  openedAt?: string | undefined;
}

/**
 * Money leaves an account nobody has used for a long time. Money coming in does not count as
 * use: council deposits keep arriving in an account nobody touches. Once per waking-up: the
 * situation is the person and the last use before it, so the payments that follow do not repeat it.
 */
export function dormantAccountPayment(
  facts: DormantAccountFacts,
  t: Pick<EffectiveAlertThresholds, 'dormantDays'>,
): AlertDraft | undefined {
  const since = facts.lastOutgoingAt ?? facts.openedAt;
  if (!since) return undefined;
  const idleDays = daysBetween(since, facts.at);
  if (idleDays < t.dormantDays) return undefined;
  const what = facts.lastOutgoingAt
    ? `nothing had left it for ${idleDays} days`
    : `nothing had ever left it in the ${idleDays} days since it opened`;
  return {
    rule: 'dormant_account_payment',
    councilId: facts.councilId,
    situation: `${facts.personId}#${facts.lastOutgoingAt ?? 'never'}`,
    summary: `${poundsText(facts.amountPence)} left ${facts.personName}'s account${facts.providerName ? ` for ${facts.providerName}` : ''}, but ${what} (the council counts an account as dormant after ${t.dormantDays} days). Check that ${facts.personName} knows about it.`,
    figures: { amountPence: facts.amountPence, idleDays, dormantDays: t.dormantDays },
    links: {
      personIds: [facts.personId],
      ...(facts.providerId ? { providerId: facts.providerId } : {}),
      transferIds: [facts.transferId],
      orderIds: facts.orderId ? [facts.orderId] : [],
    },
  };
}
