import { Id, WholePence } from '@carepool/domain';
import * as z from 'zod';

export const TopUpRequest = z
  .object({
    /** Your unique id for this top-up: the money is credited once per id, however often Stripe calls. */
    topUpId: Id,
    amountPence: WholePence.refine((p) => p >= 100, { error: 'Top up at least £1 (100 pence)' }).refine(
      (p) => p <= 1_000_000,
      { error: 'Top up at most £10,000 at a time' },
    ),
  })
  .strict()
  .meta({ id: 'TopUpRequest' });

export const TopUpView = z
  .object({ topUpId: Id, sessionId: z.string(), checkoutUrl: z.string(), simulated: z.boolean() })
  .meta({ id: 'TopUp' });

export const OnboardingView = z
  .object({ railAccountId: z.string(), onboardingUrl: z.string(), payoutsEnabled: z.boolean() })
  .meta({ id: 'PayoutOnboarding' });

export const WebhookAck = z
  .object({ received: z.literal(true), duplicate: z.boolean(), type: z.string() })
  .meta({ id: 'WebhookAck' });

export const ReconciliationExceptionView = z.object({
  exceptionId: z.string(),
  kind: z.enum(['missing_on_rail', 'duplicated_on_rail', 'amount_mismatch', 'unknown_on_rail']),
  ledgerTransferId: z.string().optional(),
  railTransferIds: z.array(z.string()),
  ledgerAmountPence: z.number().int().optional(),
  railAmountPence: z.number().int().optional(),
  councilId: z.string().optional(),
  orderId: z.string().optional(),
  detectedAt: z.string(),
  status: z.literal('open'),
});
export const ReconciliationExceptionList = z
  .object({
    items: z.array(ReconciliationExceptionView),
    /** Opaque; pass it back as `cursor` to get the next page. Absent on the last page. */
    nextCursor: z.string().optional(),
  })
  .meta({ id: 'ReconciliationExceptionList' });

export const JobName = z.enum(
  ['auto-confirm', 'groups', 'deposits', 'payouts', 'reconcile', 'alerts', 'monitoring'],
  { error: 'Use auto-confirm, groups, deposits, payouts, reconcile, alerts or monitoring' },
);
export type JobName = z.infer<typeof JobName>;
export const JobParams = z.object({ job: JobName });
export const JobResult = z
  .object({ job: JobName, summary: z.record(z.string(), z.unknown()) })
  .meta({ id: 'JobResult' });
