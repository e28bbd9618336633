import { poundsText } from '../../money.ts';
import type { AlertDraft } from '../model.ts';
import type { EffectiveAlertThresholds } from '../thresholds.ts';

/** A payment out of a holder's account to a provider, as the pattern rules see it. */
export interface PaymentFact {
  transferId: string;
  orderId?: string | undefined;
  providerId: string;
  amountPence: number;
  at: string;
  /** `auto`: the seven-day auto-confirm paid it; `person`: someone confirmed or paid it. */
  confirmedBy: 'auto' | 'person';
}

export interface ProviderConcentrationFacts {
  councilId: string;
  personId: string;
  personName: string;
  /** The holder's payments in the window. */
  payments: readonly PaymentFact[];
  /** Names and kinds of the providers paid. */
  providers: ReadonlyMap<string, { name: string; kind: string }>;
}

/**
 * Nearly everything a holder pays goes to one provider. A holder who employs a personal assistant
 * pays one person by design, so personal assistants are left out; for anyone else, one provider
 * taking nearly all of a budget is worth a look. Once per holder and provider.
 */
export function providerConcentration(
  facts: ProviderConcentrationFacts,
  t: Pick<
    EffectiveAlertThresholds,
    | 'concentrationPercent'
    | 'concentrationWindowDays'
    | 'concentrationMinimumPence'
    | 'concentrationMinimumPayments'
  >,
): AlertDraft | undefined {
  const total = facts.payments.reduce((sum, p) => sum + p.amountPence, 0);
  if (total < t.concentrationMinimumPence || facts.payments.length < t.concentrationMinimumPayments)
    return undefined;
  const byProvider = new Map<string, number>();
  for (const p of facts.payments)
    byProvider.set(p.providerId, (byProvider.get(p.providerId) ?? 0) + p.amountPence);
  const [providerId, paid] = [...byProvider].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? [];
  if (providerId === undefined || paid === undefined) return undefined;
  const provider = facts.providers.get(providerId);
  if (provider?.kind === 'personal_assistant') return undefined;
  const percent = Math.floor((paid * 100) / total);
  if (percent < t.concentrationPercent) return undefined;
  const theirs = facts.payments.filter((p) => p.providerId === providerId);
  return {
    rule: 'provider_concentration',
    councilId: facts.councilId,
    situation: `${facts.personId}#${providerId}`,
    summary: `${percent}% of what ${facts.personName} paid in the last ${t.concentrationWindowDays} days (${poundsText(paid)} of ${poundsText(total)}, ${theirs.length} payments) went to ${provider?.name ?? providerId}. The council looks at ${t.concentrationPercent}% or more: check the plan's other support is still happening.`,
    figures: {
      percent,
      paidPence: paid,
      totalPence: total,
      payments: theirs.length,
      windowDays: t.concentrationWindowDays,
    },
    links: {
      personIds: [facts.personId],
      providerId,
      transferIds: theirs.map((p) => p.transferId),
      orderIds: theirs.flatMap((p) => (p.orderId ? [p.orderId] : [])),
    },
  };
}
