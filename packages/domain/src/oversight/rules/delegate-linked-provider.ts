import { poundsText } from '../../money.ts';
import type { AlertDraft } from '../model.ts';

export interface DelegateLinkedProviderFacts {
  councilId: string;
  personId: string;
  personName: string;
  providerId: string;
  providerName: string;
  /** The delegate who paid (confirmed a booking, or paid an invoice) on the holder's behalf. */
  delegateUserId: string;
  /** Who booked it: for an invoice, the delegate paying it books and confirms in one step. */
  bookedBy: string;
  orderId?: string | undefined;
  transferId: string;
  amountPence: number;
  /** How the delegate is linked to the provider, if at all. */
  link: 'owner' | 'declared_interest' | undefined;
}

/**
 * A delegate books and then confirms (so pays) for a provider linked to them: they own it, or, as
 * a broker, declared an interest in it. Nobody independent saw the support happen. Once per
 * delegate, holder and provider.
 */
export function delegateLinkedProvider(facts: DelegateLinkedProviderFacts): AlertDraft | undefined {
  if (!facts.link || facts.bookedBy !== facts.delegateUserId) return undefined;
  const how = facts.link === 'owner' ? `a provider they own` : `a provider they declared an interest in`;
  return {
    rule: 'delegate_linked_provider',
    councilId: facts.councilId,
    situation: `${facts.delegateUserId}#${facts.personId}#${facts.providerId}`,
    summary: `A delegate acting for ${facts.personName} (user ${facts.delegateUserId}) both booked and confirmed ${poundsText(facts.amountPence)} to ${facts.providerName}, ${how}. Nobody independent confirmed the support happened: check with ${facts.personName}.`,
    figures: { amountPence: facts.amountPence },
    links: {
      personIds: [facts.personId],
      providerId: facts.providerId,
      userIds: [facts.delegateUserId],
      transferIds: [facts.transferId],
      orderIds: facts.orderId ? [facts.orderId] : [],
    },
  };
}
