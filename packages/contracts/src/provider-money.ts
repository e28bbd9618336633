import { Id, IsoDate } from '@carepool/domain';
import * as z from 'zod';

/** One payout to a provider's bank, with what it paid for in words and nothing about the person. */
const PayoutView = z
  .object({
    payoutId: z.string(),
    /** A short upper-case reference to quote, made from the payout's id. */
    reference: z.string(),
    paidAt: z.string(),
    amountPence: z.number().int(),
    /** `sent` is on its way to the bank; `failed`, `due` and `held` wait for the payouts job. */
    status: z.enum(['sent', 'failed', 'due', 'held']),
    paidFor: z.object({
      kind: z.enum(['booking', 'invoice', 'group']),
      /** The order or group purchase it paid for. */
      id: Id,
      reference: z.string(),
      title: z.string(),
      serviceDate: z.string().optional(),
      words: z.string(),
    }),
  })
  .meta({ id: 'Payout' });

export const ProviderPayoutPage = z
  .object({
    providerId: Id,
    providerName: z.string(),
    /** Paid by the person's side and not yet sent to the bank. */
    owedPence: z.number().int(),
    /** Set aside for bookings nobody has confirmed yet (still the person's money until then). */
    pendingPence: z.number().int(),
    /** Sent to the provider's bank so far, all time. */
    paidPence: z.number().int(),
    items: z.array(PayoutView),
    nextCursor: z.string().optional(),
  })
  .meta({ id: 'ProviderPayoutPage' });

export const RemittanceQuery = z
  .object({
    /** Without `from`, the remittance starts on the first day of the month `to` falls in. */
    from: IsoDate.optional(),
    /** Without `to`, it runs to today. */
    to: IsoDate.optional(),
    /** `csv` for a spreadsheet; asking with `Accept: text/csv` does the same. */
    format: z.enum(['json', 'csv'], { error: 'Use format=json or format=csv' }).default('json'),
  })
  .strict();

export const RemittanceView = z
  .object({
    providerId: Id,
    providerName: z.string(),
    from: z.string(),
    to: z.string(),
    totalPence: z.number().int(),
    items: z.array(PayoutView),
  })
  .meta({ id: 'Remittance' });
