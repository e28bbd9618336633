import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  type CouncilQueueStatus,
  conflict,
  isCouncilQueueStatus,
  type Movement,
  type OrderRecord,
  OrderRecord as OrderSchema,
  type OrderStore,
  type Page,
  type PageRequest,
} from '@carepool/domain';
import { stripKeys } from './items.ts';
import { keys } from './keys.ts';
import type { DynamoLedger } from './ledger-store.ts';
import { queryAll, queryListPage } from './query.ts';
import { versionedPut } from './transact.ts';

export function orderItem(order: OrderRecord) {
  const queue =
    order.status === 'delivered' && order.autoConfirmAt
      ? keys.orderAutoConfirm(order.autoConfirmAt, order.orderId)
      : order.status === 'confirmed' && order.payout && order.payout.status !== 'sent'
        ? keys.orderPayoutDue(order.updatedAt, order.orderId)
        : isCouncilQueueStatus(order.status)
          ? keys.orderByCouncilStatus(order.councilId, order.status, order.updatedAt, order.orderId)
          : {};
  return {
    ...keys.order(order.orderId),
    ...keys.orderByPerson(order.personId, order.createdAt, order.orderId),
    ...keys.orderByProvider(order.providerId, order.createdAt, order.orderId),
    ...queue,
    entity: 'order',
    ...order,
  };
}

function parseOrder(item: Record<string, unknown>): OrderRecord {
  return OrderSchema.parse(stripKeys(item));
}

/** Orders, written together with their money in one transaction through the ledger. */
export class DynamoOrderStore implements OrderStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly ledger: DynamoLedger,
  ) {}

  async get(orderId: string) {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.order(orderId), ConsistentRead: true }),
    );
    return Item ? parseOrder(Item) : undefined;
  }

  private async byIndex(index: 'gsi1' | 'gsi2' | 'gsi3', pk: string, upTo?: string) {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: index,
      KeyConditionExpression: upTo ? `${index}pk = :pk AND ${index}sk <= :upTo` : `${index}pk = :pk`,
      ExpressionAttributeValues: { ':pk': pk, ...(upTo ? { ':upTo': upTo } : {}) },
    });
    return items.map(parseOrder);
  }

  private async pageOf(
    index: 'gsi1' | 'gsi2' | 'gsi3',
    pk: string,
    page: PageRequest,
    options: { newestFirst?: boolean } = {},
  ): Promise<Page<OrderRecord>> {
    return queryListPage(
      this.db,
      { tableName: this.tableName, index: index, list: pk },
      page,
      parseOrder,
      options,
    );
  }

  ofPerson(personId: string, page: PageRequest) {
    return this.pageOf('gsi3', keys.orderByPerson(personId, '', '').gsi3pk, page);
  }

  ofProvider(providerId: string, page: PageRequest) {
    return this.pageOf('gsi1', keys.orderByProvider(providerId, '', '').gsi1pk, page);
  }

  waitingInCouncil(councilId: string, status: CouncilQueueStatus, page: PageRequest) {
    const { gsi2pk } = keys.orderByCouncilStatus(councilId, status, '', '');
    return this.pageOf('gsi2', gsi2pk, page, { newestFirst: false });
  }

  dueForAutoConfirm(now: Date) {
    return this.byIndex('gsi2', keys.orderAutoConfirm('', '').gsi2pk, `${now.toISOString()}#~`);
  }

  /** Oldest first; with a batch, at most `limit` of them after the queue position `after`. */
  async duePayouts(batch?: { limit: number; after?: string | undefined }) {
    const pk = keys.orderPayoutDue('', '').gsi2pk;
    if (!batch) return this.byIndex('gsi2', pk);
    const found = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi2',
        // A key condition may not compare with an empty string: no position, no lower bound.
        KeyConditionExpression: batch.after ? 'gsi2pk = :pk AND gsi2sk > :after' : 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': pk, ...(batch.after ? { ':after': batch.after } : {}) },
        Limit: batch.limit,
      }),
    );
    return (found.Items ?? []).map(parseOrder);
  }

  async save(order: OrderRecord, expectedVersion: number, movement?: Movement): Promise<void> {
    const orderPut = versionedPut(this.tableName, orderItem(order), expectedVersion);
    if (movement) {
      const prepared =
        movement.kind === 'transfer'
          ? this.ledger.prepareTransfer(movement.request)
          : await this.ledger.prepareResolve(
              movement.kind === 'post'
                ? { ...movement, flags: 'post_pending' }
                : { ...movement, amountPence: 0, flags: 'void_pending' },
            );
      await this.ledger.commitPrepared(prepared, [orderPut]);
      return;
    }
    try {
      const put = orderPut.Put;
      if (!put) throw new Error('versionedPut always builds a Put');
      await this.db.send(new PutCommand(put));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw conflict('version_conflict', 'This order changed at the same time. Reload it and try again.');
      }
      throw error;
    }
  }
}
