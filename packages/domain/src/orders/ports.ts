import type { TransferActor, TransferRequest } from '../ledger/ledger.ts';
import type { Page, PageRequest } from '../paging.ts';
import type { OrderRecord, OrderStatus } from './order.ts';

/** The statuses in which an order waits for a care manager's decision, in a council-wide queue. */
export const councilQueueStatuses = ['awaiting_approval', 'disputed'] as const;
export type CouncilQueueStatus = (typeof councilQueueStatuses)[number];
export function isCouncilQueueStatus(status: OrderStatus): status is CouncilQueueStatus {
  return (councilQueueStatuses as readonly string[]).includes(status);
}

/** The money that moves with an order's change of state, in the same transaction. */
export type Movement =
  | { kind: 'transfer'; request: TransferRequest }
  | {
      kind: 'post';
      transferId: string;
      pendingId: string;
      amountPence: number;
      description: string;
      actor: TransferActor;
    }
  | { kind: 'void'; transferId: string; pendingId: string; description: string; actor: TransferActor };

export interface OrderStore {
  get(orderId: string): Promise<OrderRecord | undefined>;
  /** Newest first, a page at a time. */
  ofPerson(personId: string, page: PageRequest): Promise<Page<OrderRecord>>;
  ofProvider(providerId: string, page: PageRequest): Promise<Page<OrderRecord>>;
  /** A council's orders waiting for a care manager in one status, oldest change first. */
  waitingInCouncil(
    councilId: string,
    status: CouncilQueueStatus,
    page: PageRequest,
  ): Promise<Page<OrderRecord>>;
  /** Delivered, undisputed orders whose seven days are up. */
  dueForAutoConfirm(now: Date): Promise<OrderRecord[]>;
  /** Confirmed orders whose payout has not gone out yet (or failed). */
  /** Oldest first; with a batch, at most `limit` after the queue position `after` (see payoutQueuePosition). */
  duePayouts(batch?: { limit: number; after?: string | undefined }): Promise<OrderRecord[]>;
  /** Writes the order at `expectedVersion` (0: new) and its money movement in ONE transaction. */
  save(order: OrderRecord, expectedVersion: number, movement?: Movement): Promise<void>;
}
