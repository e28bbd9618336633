import * as z from 'zod';
import { CategoryCode } from '../categories.ts';
import { PriceUnit } from '../directory/listing.ts';
import { conflict } from '../errors.ts';
import { ukDate } from '../spending/periods.ts';
import { Id, IsoDateTime, LongText, ShortText } from '../values.ts';

export const OrderStatus = z.enum([
  'requested',
  'accepted',
  'declined',
  'delivered',
  /** Confirmed by the holder's side; the payment waits for a care manager (oversight level). */
  'awaiting_approval',
  'confirmed',
  'disputed',
  'cancelled',
]);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const OrderEvent = z.object({
  action: z.string(),
  by: Id,
  at: IsoDateTime,
  note: z.string().optional(),
});

export const OrderRecord = z.object({
  orderId: Id,
  /** `order` for a listing booked through Carepool; `invoice` for a provider's bill paid against a line. */
  kind: z.enum(['order', 'invoice']),
  personId: Id,
  councilId: Id,
  listingId: Id.optional(),
  providerId: Id,
  providerName: z.string(),
  title: z.string(),
  category: CategoryCode,
  planId: Id,
  lineId: Id,
  periodKey: z.string(),
  quantity: z.number().int().min(1),
  priceUnit: PriceUnit,
  unitPricePence: z.number().int().min(0),
  amountPence: z.number().int().min(0),
  scheduledFor: IsoDateTime,
  notes: LongText(1000).default(''),
  status: OrderStatus,
  reservationId: z.string(),
  paymentId: z.string().optional(),
  paidPence: z.number().int().optional(),
  payout: z
    .object({
      /** `held`: the provider is not verified (now); the payouts job sends it once it is again. */
      status: z.enum(['due', 'sent', 'failed', 'held']),
      transferId: z.string(),
      railTransferId: z.string().optional(),
      failure: z.string().optional(),
    })
    .optional(),
  delivery: z
    .object({
      quantity: z.number().int().min(0),
      amountPence: z.number().int().min(0),
      notes: z.string(),
      at: IsoDateTime,
      by: Id,
    })
    .optional(),
  dispute: z.object({ reason: z.string(), at: IsoDateTime, by: Id }).optional(),
  /** Delivered orders confirm themselves after this unless disputed (7 days, with a notice). */
  autoConfirmAt: IsoDateTime.optional(),
  invoiceReference: ShortText(80).optional(),
  receiptUrl: z.url().optional(),
  seriesId: Id.optional(),
  occurrence: z.number().int().min(1).optional(),
  reviewed: z.boolean().default(false),
  createdBy: Id,
  history: z.array(OrderEvent),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int().min(1),
});
export type OrderRecord = z.infer<typeof OrderRecord>;

export type OrderAction =
  | 'accept'
  | 'decline'
  | 'deliver'
  | 'confirm'
  | 'dispute'
  | 'cancel'
  | 'resolve'
  | 'approve';

const allowedFrom: Record<OrderAction, OrderStatus[]> = {
  accept: ['requested'],
  decline: ['requested'],
  deliver: ['accepted'],
  confirm: ['delivered'],
  dispute: ['delivered'],
  cancel: ['requested', 'accepted'],
  resolve: ['disputed'],
  approve: ['awaiting_approval'],
};

export function assertOrderCan(action: OrderAction, order: Pick<OrderRecord, 'status'>): void {
  if (!allowedFrom[action].includes(order.status)) {
    const done: Record<OrderAction, string> = {
      accept: 'accepted',
      decline: 'declined',
      deliver: 'marked delivered',
      confirm: 'confirmed',
      dispute: 'disputed',
      cancel: 'cancelled',
      resolve: 'resolved',
      approve: 'approved or declined',
    };
    throw conflict('invalid_transition', `A ${order.status} order cannot be ${done[action]}.`);
  }
}

export const autoConfirmAfterMs = 7 * 24 * 3600 * 1000;

function ukDay(at: Date): number {
  const { year, month, day } = ukDate(at);
  return year * 10_000 + month * 100 + day;
}

/**
 * Delivery cannot be recorded before the booked day (UK time; later the same day is fine):
 * otherwise the 7-day auto-confirm would pay for something that has not happened yet.
 */
export function assertDeliveryDue(bookedStart: string, now: Date): void {
  if (ukDay(now) < ukDay(new Date(bookedStart))) {
    throw conflict(
      'not_yet_due',
      `This was booked for ${bookedStart.slice(0, 10)}: record delivery on or after that day.`,
    );
  }
}

/**
 * When delivery confirms itself if nobody disputes it: 7 days after the later of the delivery and
 * the end of what was booked (the last session of a series), so a holder always has a full week
 * after the last session to say it did not happen.
 */
export function autoConfirmDate(deliveredAt: Date, bookedEnd: string): string {
  const from = Math.max(deliveredAt.getTime(), Date.parse(bookedEnd));
  return new Date(from + autoConfirmAfterMs).toISOString();
}
