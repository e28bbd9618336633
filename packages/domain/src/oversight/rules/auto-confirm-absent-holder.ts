import { poundsText } from '../../money.ts';
import { type AlertDraft, daysBetween, plural } from '../model.ts';
import type { EffectiveAlertThresholds } from '../thresholds.ts';
import type { PaymentFact } from './provider-concentration.ts';

export interface AutoConfirmAbsentFacts {
  councilId: string;
  personId: string;
  personName: string;
  at: string;
  /** The holder's own account: when it was last used, or made if never used. Undefined: no account. */
  lastSeenAt: string | undefined;
  /** The holder's payments in the last `absentDays`. */
  payments: readonly PaymentFact[];
}

/**
 * Deliveries are confirmed only by the seven-day auto-confirm for someone whose own account has not
 * been used for a long time: nobody may be checking that the support happened. A holder with no
 * account of their own is left out (their delegates confirm for them). Once per holder and absence.
 */
export function autoConfirmAbsentHolder(
  facts: AutoConfirmAbsentFacts,
  t: Pick<EffectiveAlertThresholds, 'absentDays' | 'autoConfirmedPayments'>,
): AlertDraft | undefined {
  if (!facts.lastSeenAt) return undefined;
  const absentDays = daysBetween(facts.lastSeenAt, facts.at);
  if (absentDays < t.absentDays) return undefined;
  if (facts.payments.some((p) => p.confirmedBy === 'person')) return undefined;
  const auto = facts.payments.filter((p) => p.confirmedBy === 'auto');
  if (auto.length < t.autoConfirmedPayments) return undefined;
  const total = auto.reduce((s, p) => s + p.amountPence, 0);
  return {
    rule: 'auto_confirm_absent_holder',
    councilId: facts.councilId,
    situation: `${facts.personId}#${facts.lastSeenAt}`,
    summary: `${plural(auto.length, 'payment', 'payments')} from ${facts.personName}'s account (${poundsText(total)}) were confirmed only by the automatic seven-day confirmation, and ${facts.personName} has not signed in for ${absentDays} days. Nobody may be checking the support happened: contact ${facts.personName}.`,
    figures: { payments: auto.length, totalPence: total, absentDays },
    links: {
      personIds: [facts.personId],
      transferIds: auto.map((p) => p.transferId),
      orderIds: auto.flatMap((p) => (p.orderId ? [p.orderId] : [])),
      ...(auto[0] && auto.every((p) => p.providerId === auto[0]?.providerId)
        ? { providerId: auto[0].providerId }
        : {}),
    },
  };
}
