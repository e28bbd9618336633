import {
  CategoryCode,
  DepositStatus,
  Id,
  IsoDate,
  IsoDateTime,
  LongText,
  OrderRecord,
  ReviewInput,
  ReviewRecord,
  ShortText,
  spendFailureCodes,
  Transfer,
  TransferCode,
  WholePence,
} from '@carepool/domain';
import * as z from 'zod';
import { Page, PageQuery } from './common.ts';

export const OrderIdParams = z.object({ id: Id });

export const CreateOrderRequest = z
  .object({
    personId: Id,
    listingId: Id,
    /** The plan line to pay from. */
    lineId: Id,
    quantity: z.number().int().min(1, { error: 'Book at least 1' }).max(1000),
    scheduledFor: IsoDateTime,
    notes: LongText(1000).optional(),
    /** Repeat weekly: one order a week, each checked and reserved on its own. */
    weeklyOccurrences: z.number().int().min(1).max(52).optional(),
  })
  .strict()
  .meta({ id: 'CreateOrderRequest' });

/** `reviewed` is for the person's side only: reviews are anonymous, so the provider never sees it. */
const OrderShape = OrderRecord.extend({ reviewed: z.boolean().optional() });
export const OrderView = OrderShape.meta({ id: 'Order' });
export const OrderList = Page(OrderShape).meta({ id: 'OrderList' });

const SpendFailureView = z.object({
  code: z.enum(spendFailureCodes),
  message: z.string(),
  facts: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
});

export const BookingResponse = z
  .object({
    /**
     * `booked`: every occurrence is booked. `partly_booked`: a weekly repeat where some weeks were
     * refused by the spend check (listed in `refused`); the others are booked and their money reserved.
     * Either way the status is 201; when nothing could be booked the answer is a 422 instead.
     */
    outcome: z.enum(['booked', 'partly_booked']),
    orders: z.array(OrderRecord),
    /** Occurrences of a repeat booking that the spend check refused, and why. */
    refused: z.array(
      z.object({
        occurrence: z.number().int(),
        scheduledFor: z.string(),
        failures: z.array(SpendFailureView),
      }),
    ),
  })
  .meta({ id: 'BookingResponse' });

export const OptionalReasonRequest = z
  .object({ reason: ShortText(1000).optional() })
  .strict()
  .meta({ id: 'OptionalReason' });
export const DeliverRequest = z
  .object({
    /** What was actually delivered (hours, sessions…): up to what was booked. */
    quantity: z.number().int().min(0).max(1000),
    notes: LongText(2000).default(''),
  })
  .strict()
  .meta({ id: 'DeliverRequest' });
export const DisputeRequest = z
  .object({ reason: ShortText(1000) })
  .strict()
  .meta({ id: 'DisputeRequest' });
export const ResolveDisputeRequest = z
  .object({
    outcome: z.enum(['pay', 'part_pay', 'release'], { error: 'Choose pay, part_pay or release' }),
    amountPence: WholePence.optional(),
    reason: ShortText(1000),
  })
  .strict()
  .meta({ id: 'ResolveDisputeRequest' });

export const PayInvoiceRequest = z
  .object({
    providerId: Id,
    lineId: Id,
    category: CategoryCode,
    amountPence: WholePence.refine((p) => p > 0, { error: 'An invoice must be for more than 0p' }),
    reference: ShortText(80),
    description: ShortText(200),
    receiptUrl: z
      .url({ protocol: /^https$/, error: 'Give a link starting with https://' })
      .max(500)
      .optional(),
  })
  .strict()
  .meta({ id: 'PayInvoiceRequest' });

export const AccountView = z
  .object({
    personId: Id,
    balancePence: z.number().int(),
    reservedPence: z.number().int(),
    availablePence: z.number().int(),
    planId: Id.optional(),
    lines: z.array(
      z.object({
        lineId: Id,
        category: CategoryCode,
        label: z.string(),
        period: z.enum(['week', 'month', 'year']),
        capPence: z.number().int(),
        carryForward: z.boolean(),
        contingency: z.boolean(),
        notes: z.string(),
        periodKey: z.string(),
        limitNowPence: z.number().int(),
        committedPence: z.number().int(),
        spentPence: z.number().int(),
        reservedPence: z.number().int(),
        leftNowPence: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'Account' });

export const StatementQuery = z
  .object({
    /** Without `from`, the statement starts on the first day of the month `to` falls in. */
    from: IsoDate.optional(),
    /** Without `to`, it runs to today. The answer's `from` and `to` say which period it covers. */
    to: IsoDate.optional(),
    format: z.enum(['json', 'csv'], { error: 'Use format=json or format=csv' }).default('json'),
    // The JSON statement comes in pages of lines; the CSV download is always the whole period.
    ...PageQuery.shape,
  })
  .strict();

export const StatementView = z
  .object({
    personId: Id,
    from: z.string(),
    to: z.string(),
    openingBalancePence: z.number().int(),
    closingBalancePence: z.number().int(),
    lines: z.array(
      z.object({
        transferId: z.string(),
        at: z.string(),
        amountPence: z.number().int(),
        pendingPence: z.number().int(),
        balanceAfterPence: z.number().int(),
        code: TransferCode,
        description: z.string(),
        reference: z.string().optional(),
        lineId: z.string().optional(),
      }),
    ),
    /** More lines of the same period: pass it back as `cursor`. Balances above are the whole period's. */
    nextCursor: z.string().optional(),
  })
  .meta({ id: 'Statement' });

export const FundingRequest = z
  .object({
    /** Your unique id for this deposit: sending it again never pays twice. */
    transferId: Id,
    amountPence: WholePence.refine((p) => p > 0, { error: 'A deposit must be more than 0p' }),
    reference: ShortText(120),
  })
  .strict()
  .meta({ id: 'FundingRequest' });

export const TransferView = Transfer.meta({ id: 'Transfer' });

export const DepositIdParams = z.object({ id: Id });

/** A council deposit: posted at once, or waiting for a second finance user when it is large. */
export const DepositView = z
  .object({
    depositId: z.string(),
    /** The id you sent with the deposit. */
    transferId: z.string(),
    personId: z.string(),
    amountPence: z.number().int(),
    reference: z.string(),
    status: DepositStatus,
    requestedBy: z.string(),
    requestedAt: z.string(),
    decidedBy: z.string().optional(),
    decidedAt: z.string().optional(),
    reason: z.string().optional(),
  })
  .meta({ id: 'Deposit' });

export const ReviewRequest = ReviewInput.strict().meta({ id: 'ReviewRequest' });
export const ReviewView = ReviewRecord.meta({ id: 'Review' });
export const ProviderReviews = z
  .object({
    providerId: Id,
    count: z.number().int(),
    averageRating: z.number().optional(),
    items: z.array(ReviewRecord),
  })
  .meta({ id: 'ProviderReviews' });

/** `?status=awaiting_approval|disputed&limit&cursor`: one of a council's queues for care managers. */
export const CouncilOrderQueueQuery = z
  .object({
    status: z
      .enum(['awaiting_approval', 'disputed'], { error: 'Use status=awaiting_approval or status=disputed' })
      .default('awaiting_approval'),
    ...PageQuery.shape,
  })
  .strict();
export const CouncilOrderQueue = Page(
  z.object({
    orderId: Id,
    kind: z.enum(['order', 'invoice']),
    status: z.enum(['awaiting_approval', 'disputed']),
    personId: Id,
    personName: z.string(),
    providerId: Id,
    providerName: z.string(),
    title: z.string(),
    amountPence: z.number().int(),
    scheduledFor: z.string(),
    /** When it started waiting (its last change). */
    since: z.string(),
    /** Why the holder's side disputed it (disputes only). */
    disputeReason: z.string().optional(),
  }),
).meta({ id: 'CouncilOrderQueue' });
