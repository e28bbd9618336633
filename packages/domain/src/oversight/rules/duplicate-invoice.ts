import { poundsText } from '../../money.ts';
import { type AlertDraft, daysBetween, plural } from '../model.ts';
import type { EffectiveAlertThresholds } from '../thresholds.ts';

/** An invoice as the rule sees it. */
export interface InvoiceFact {
  orderId: string;
  transferId: string;
  councilId: string;
  personId: string;
  providerId: string;
  reference: string;
  amountPence: number;
  at: string;
}

/**
 * The reference with what people vary without meaning a new invoice taken out: case, spaces and
 * punctuation, and leading zeros of numbers ("INV/077" and "inv 77" are the same).
 */
export function normaliseReference(reference: string): string {
  return reference
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .map((part) => (/^[0-9]+$/.test(part) ? String(BigInt(part)) : part))
    .join('');
}

export interface DuplicateInvoiceFacts {
  invoice: InvoiceFact;
  providerName: string;
  /** The provider's other invoices to this council's holders whose references normalise the same. */
  sameReference: readonly InvoiceFact[];
  /** The provider's other invoices to the same holder (any reference). */
  samePerson: readonly InvoiceFact[];
}

/**
 * Duplicate or near-duplicate invoices. The same invoice twice to one holder is refused outright
 * (DESIGN: same provider, person and whole reference); this catches what that cannot: the same
 * reference written differently, the same reference billed to other holders, and the same amount
 * billed twice to one holder within a few days under a new reference.
 */
export function duplicateInvoice(
  facts: DuplicateInvoiceFacts,
  t: Pick<EffectiveAlertThresholds, 'nearDuplicateDays'>,
): AlertDraft | undefined {
  const { invoice } = facts;
  const normal = normaliseReference(invoice.reference);
  const sameRef = facts.sameReference.filter(
    (other) => other.orderId !== invoice.orderId && normaliseReference(other.reference) === normal,
  );
  const all = [invoice, ...sameRef];
  const people = new Set(all.map((i) => i.personId));
  if (sameRef.length > 0) {
    return {
      rule: 'duplicate_invoice',
      councilId: invoice.councilId,
      situation: `${invoice.providerId}#ref#${normal}`,
      summary: `${facts.providerName} has been paid ${plural(all.length, 'time', 'times')} for invoices with the same reference (${[...new Set(all.map((i) => `"${i.reference}"`))].join(', ')}), ${poundsText(all.reduce((s, i) => s + i.amountPence, 0))} in all${people.size > 1 ? `, billed to ${plural(people.size, 'holder', 'different holders')}` : ''}. One invoice should be paid once.`,
      figures: {
        invoices: all.length,
        holders: people.size,
        totalPence: all.reduce((s, i) => s + i.amountPence, 0),
      },
      links: {
        providerId: invoice.providerId,
        personIds: all.map((i) => i.personId),
        orderIds: all.map((i) => i.orderId),
        transferIds: all.map((i) => i.transferId),
      },
    };
  }
  const near = facts.samePerson
    .filter(
      (other) =>
        other.orderId !== invoice.orderId &&
        other.amountPence === invoice.amountPence &&
        Math.abs(daysBetween(other.at, invoice.at)) < t.nearDuplicateDays,
    )
    .sort((a, b) => a.at.localeCompare(b.at));
  const first = near[0];
  if (!first) return undefined;
  const group = [...near, invoice];
  return {
    rule: 'duplicate_invoice',
    councilId: invoice.councilId,
    situation: `${invoice.providerId}#${invoice.personId}#amount#${invoice.amountPence}#${first.orderId}`,
    summary: `${facts.providerName} billed the same holder ${poundsText(invoice.amountPence)} ${plural(group.length, 'time', 'times')} within ${plural(t.nearDuplicateDays, 'day', 'days')} under different references (${group.map((i) => `"${i.reference}"`).join(', ')}). Check it is not one piece of work billed twice.`,
    figures: { invoices: group.length, amountPence: invoice.amountPence, withinDays: t.nearDuplicateDays },
    links: {
      providerId: invoice.providerId,
      personIds: [invoice.personId],
      orderIds: group.map((i) => i.orderId),
      transferIds: group.map((i) => i.transferId),
    },
  };
}
