import { poundsText } from '../../money.ts';
import type { AlertDraft } from '../model.ts';
import type { EffectiveAlertThresholds } from '../thresholds.ts';

export interface FirstPaymentFacts {
  councilId: string;
  personId: string;
  personName: string;
  providerId: string;
  providerName: string;
  transferId: string;
  orderId?: string | undefined;
  amountPence: number;
  /** True when this is the holder's first payment to this provider, ever. */
  firstPayment: boolean;
}

/** A holder's first payment to a provider they have never paid, above the council's amount. Once per holder and provider. */
export function firstPaymentNewProvider(
  facts: FirstPaymentFacts,
  t: Pick<EffectiveAlertThresholds, 'firstPaymentAbovePence'>,
): AlertDraft | undefined {
  if (!facts.firstPayment || facts.amountPence <= t.firstPaymentAbovePence) return undefined;
  return {
    rule: 'first_payment_new_provider',
    councilId: facts.councilId,
    situation: `${facts.personId}#${facts.providerId}`,
    summary: `${facts.personName} paid ${poundsText(facts.amountPence)} to ${facts.providerName}, a provider they had never paid before. The council looks at first payments above ${poundsText(t.firstPaymentAbovePence)}.`,
    figures: { amountPence: facts.amountPence, thresholdPence: t.firstPaymentAbovePence },
    links: {
      personIds: [facts.personId],
      providerId: facts.providerId,
      transferIds: [facts.transferId],
      orderIds: facts.orderId ? [facts.orderId] : [],
    },
  };
}
