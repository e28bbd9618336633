import { jobActor, transferActor } from '../audit/audit.ts';
import type { GroupRecord } from '../groups/group.ts';
import { type GroupDeps, payOutGroup } from '../groups/use-cases.ts';
import type { OrderRecord } from '../orders/order.ts';
import { type OrderDeps, payOut } from '../orders/use-cases.ts';
import { mapBounded } from './bounded.ts';
import type { PaymentStore } from './use-cases.ts';

/** Where an order or group sits in its payout-due queue (the queue's sort key). */
export const payoutQueuePosition = (record: { updatedAt: string }, id: string) => `${record.updatedAt}#${id}`;

export interface PayoutRetryOptions {
  /** The most payouts of each kind (orders, group purchases) one run tries. */
  maxPerRun?: number;
  /** How many payouts are in flight at once. */
  concurrency?: number;
}

interface QueueRun<T> {
  tried: T[];
  /** The queue position to start after next run. */
  next: string | undefined;
}

/**
 * One bounded slice of a due queue, oldest first from where the last run stopped. A held payout
 * (its provider not verified) stays in the queue without moving, so starting at the oldest every
 * time would let a few hundred held payouts crowd out every new one: the slice carries on after
 * the last one tried and wraps round to the oldest once it reaches the end.
 */
async function slice<T>(
  due: (batch: { limit: number; after?: string | undefined }) => Promise<T[]>,
  position: (item: T) => string,
  after: string | undefined,
  limit: number,
): Promise<QueueRun<T>> {
  const first = await due({ limit, after });
  let tried = first;
  if (first.length < limit && after !== undefined) {
    const seen = new Set(first.map(position));
    const wrapped = (await due({ limit: limit - first.length })).filter(
      (item) => !seen.has(position(item)) && position(item) <= after,
    );
    tried = [...first, ...wrapped];
  }
  const last = tried.at(-1);
  return { tried, next: last ? position(last) : undefined };
}

function tally(payouts: Array<{ payout?: { status: string } | undefined }>, limit: number) {
  return {
    attempted: payouts.length,
    sent: payouts.filter((p) => p.payout?.status === 'sent').length,
    held: payouts.filter((p) => p.payout?.status === 'held').length,
    failed: payouts.filter((p) => p.payout?.status === 'failed').length,
    // A full batch: there may be more due, for the next run.
    full: payouts.length === limit,
  };
}

/**
 * Job: retries payouts that failed, were held or never went out, a bounded batch of each kind per
 * run with limited concurrency; what is left waits for the next run (the job runs every few
 * minutes). Each payout is idempotent by its ledger transfer id, so overlapping runs pay once.
 */
export async function retryDuePayouts(
  deps: { orders: OrderDeps; groups: GroupDeps; payments: PaymentStore },
  options: PayoutRetryOptions = {},
) {
  const limit = options.maxPerRun ?? 50;
  const concurrency = options.concurrency ?? 4;
  const checkpoint = await deps.payments.payoutRetryCheckpoint();
  const orders = await slice<OrderRecord>(
    (batch) => deps.orders.orders.duePayouts(batch),
    (order) => payoutQueuePosition(order, order.orderId),
    checkpoint.orders,
    limit,
  );
  const groups = await slice<GroupRecord>(
    (batch) => deps.groups.groups.duePayouts(batch),
    (group) => payoutQueuePosition(group, group.groupId),
    checkpoint.groups,
    limit,
  );
  const actor = transferActor(jobActor('retry_payouts'));
  const paidOrders = await mapBounded(orders.tried, concurrency, (order) =>
    payOut(deps.orders, order, actor),
  );
  const paidGroups = await mapBounded(groups.tried, concurrency, (group) => payOutGroup(deps.groups, group));
  await deps.payments.savePayoutRetryCheckpoint({ orders: orders.next, groups: groups.next });
  const orderTally = tally(paidOrders, limit);
  const groupTally = tally(paidGroups, limit);
  return {
    attempted: orderTally.attempted + groupTally.attempted,
    sent: orderTally.sent + groupTally.sent,
    held: orderTally.held + groupTally.held,
    failed: orderTally.failed + groupTally.failed,
    orders: orderTally,
    groups: groupTally,
  };
}
