import { poundsText } from '../../money.ts';
import { type AlertDraft, dayMs, plural } from '../model.ts';
import type { EffectiveAlertThresholds } from '../thresholds.ts';

export interface ProviderHolderSurgeFacts {
  councilId: string;
  providerId: string;
  providerName: string;
  /** When the event happened. */
  at: string;
  /** The council's holders whose first money to this provider fell in the window, with that first movement. */
  newHolders: ReadonlyArray<{ personId: string; at: string; transferId: string; amountPence: number }>;
}

/**
 * Many new holders for one provider in a short time: the Individual Learning Accounts pattern,
 * where a few providers signed people up in bulk. One alert per provider per window (the window's
 * number since 1970 is in the situation), so a surge that goes on is raised again next window.
 */
export function providerHolderSurge(
  facts: ProviderHolderSurgeFacts,
  t: Pick<EffectiveAlertThresholds, 'newHoldersPerProvider' | 'newHoldersWindowDays'>,
): AlertDraft | undefined {
  const count = new Set(facts.newHolders.map((h) => h.personId)).size;
  if (count < t.newHoldersPerProvider) return undefined;
  const window = Math.floor(Date.parse(facts.at) / (t.newHoldersWindowDays * dayMs));
  const total = facts.newHolders.reduce((sum, h) => sum + h.amountPence, 0);
  return {
    rule: 'provider_holder_surge',
    councilId: facts.councilId,
    situation: `${facts.providerId}#${window}`,
    summary: `${facts.providerName} started taking money from ${plural(count, 'holder', 'holders')} it had never served before in the last ${plural(t.newHoldersWindowDays, 'day', 'days')} (the council's threshold is ${t.newHoldersPerProvider}), ${poundsText(total)} in all. Check the people were asked and the support is real.`,
    figures: {
      newHolders: count,
      windowDays: t.newHoldersWindowDays,
      threshold: t.newHoldersPerProvider,
      totalPence: total,
    },
    links: {
      providerId: facts.providerId,
      personIds: facts.newHolders.map((h) => h.personId),
      transferIds: facts.newHolders.map((h) => h.transferId),
    },
  };
}
