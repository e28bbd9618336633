import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  decodePageCursor,
  encodePageCursor,
  invalid,
  type Page,
  type PageRequest,
  type PaymentStore,
  type PayoutToCheck,
  type ProviderRecord,
  type ReconciliationException,
  type TopUpClaim,
} from '@carepool/domain';
import type { DynamoDirectoryStore } from './directory-store.ts';
import { parseProvider } from './directory-store.ts';
import { keys } from './keys.ts';
import { queryAll } from './query.ts';
import { batchPut } from './user-store.ts';

export class DynamoPaymentStore implements PaymentStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly directory: DynamoDirectoryStore,
  ) {}

  async claimEvent(
    eventId: string,
    type: string,
    at: string,
    staleBefore: string,
  ): Promise<'claimed' | 'duplicate'> {
    try {
      // One conditional write decides: a new event, or a claim whose handler died. (Records from
      // before claims existed have no status and count as processed.)
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.webhookEvent(eventId),
            entity: 'webhook_event',
            eventId,
            type,
            status: 'processing',
            claimedAt: at,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR (#status = :processing AND claimedAt < :stale)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':processing': 'processing', ':stale': staleBefore },
        }),
      );
      return 'claimed';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'duplicate';
      throw error;
    }
  }

  async finishEvent(eventId: string, at: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.webhookEvent(eventId),
        UpdateExpression: 'SET #status = :processed, #at = :at',
        ExpressionAttributeNames: { '#status': 'status', '#at': 'at' },
        ExpressionAttributeValues: { ':processed': 'processed', ':at': at },
      }),
    );
  }

  async releaseEvent(eventId: string): Promise<void> {
    try {
      await this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: keys.webhookEvent(eventId),
          ConditionExpression: '#status = :processing',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':processing': 'processing' },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async claimTopUp(claim: TopUpClaim): ReturnType<PaymentStore['claimTopUp']> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.topUp(claim.topUpId),
            entity: 'top_up',
            topUpId: claim.topUpId,
            personId: claim.personId,
            amountPence: claim.amountPence,
            status: 'open',
            claimedAt: claim.at,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { outcome: 'claimed' };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.topUp(claim.topUpId), ConsistentRead: true }),
    );
    if (
      Item?.status !== 'open' ||
      Item.personId !== claim.personId ||
      Item.amountPence !== claim.amountPence
    ) {
      return { outcome: 'conflict' };
    }
    return typeof Item.sessionId === 'string' && typeof Item.checkoutUrl === 'string'
      ? { outcome: 'same', session: { sessionId: Item.sessionId, url: Item.checkoutUrl } }
      : { outcome: 'same' };
  }

  async saveTopUpSession(topUpId: string, session: { sessionId: string; url: string }): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.topUp(topUpId),
        UpdateExpression: 'SET sessionId = :sessionId, checkoutUrl = :url',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':sessionId': session.sessionId, ':url': session.url },
      }),
    );
  }

  async finishTopUp(topUpId: string, at: string): Promise<void> {
    // A top-up started before claims existed has no record; the credit still stands, so one is made.
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.topUp(topUpId),
        UpdateExpression: 'SET #status = :credited, creditedAt = :at, entity = :entity, topUpId = :id',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':credited': 'credited',
          ':at': at,
          ':entity': 'top_up',
          ':id': topUpId,
        },
      }),
    );
  }

  async providerByRailAccount(railAccountId: string): Promise<ProviderRecord | undefined> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.providerByRailAccount(railAccountId).gsi2pk },
    });
    const item = items[0];
    return item ? parseProvider(item) : undefined;
  }

  async saveProviderPayouts(provider: ProviderRecord, expectedVersion: number): Promise<void> {
    await this.directory.replaceProvider(provider, expectedVersion, []);
  }

  async saveExceptions(exceptions: ReconciliationException[]): Promise<void> {
    await batchPut(
      this.db,
      this.tableName,
      exceptions.map((e) => ({
        ...keys.reconciliationException(e.councilId, e.exceptionId),
        entity: 'reconciliation_exception',
        ...e,
      })),
    );
  }

  /**
   * The council's partition, then the one of exceptions that belong to no council yet: at most two
   * Queries of at most a page (and one item) each. The cursor says which partition and where.
   */
  async exceptionsPage(
    councilId: string | undefined,
    page: PageRequest,
  ): Promise<Page<ReconciliationException>> {
    const list = `RECONCILIATION#${councilId ?? '-'}`;
    const partitions = [
      ...(councilId === undefined ? [] : [keys.reconciliationException(councilId, '').pk]),
      keys.reconciliationException(undefined, '').pk,
    ];
    let start = 0;
    let after: string | undefined;
    if (page.cursor !== undefined) {
      const position = decodePageCursor(page.cursor, list);
      start = partitions.indexOf(String(position.pk));
      after = String(position.sk ?? '');
      if (start < 0 || !after.startsWith('OPEN#'))
        throw invalid('cursor', 'That cursor is not one we gave out for this list', 'bad_cursor');
    }
    const found: Array<Record<string, unknown>> = [];
    for (let p = start; p < partitions.length && found.length <= page.limit; p++) {
      const exclusive = p === start && after !== undefined;
      const { Items } = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: exclusive
            ? 'pk = :pk AND sk > :after'
            : 'pk = :pk AND begins_with(sk, :open)',
          ExpressionAttributeValues: exclusive
            ? { ':pk': partitions[p], ':after': after }
            : { ':pk': partitions[p], ':open': 'OPEN#' },
          Limit: page.limit + 1 - found.length,
        }),
      );
      // `sk > after` also reaches past OPEN#…: only open ones belong on this list.
      found.push(...(Items ?? []).filter((item) => String(item.sk).startsWith('OPEN#')));
    }
    const shown = found.slice(0, page.limit);
    const last = shown.at(-1);
    const items = shown.map(({ pk, sk, entity, ...rest }) => rest as unknown as ReconciliationException);
    return found.length > page.limit && last
      ? { items, nextCursor: encodePageCursor(list, { pk: String(last.pk), sk: String(last.sk) }) }
      : { items };
  }

  async payoutsAfter(after: string, until: string, limit: number): Promise<PayoutToCheck[]> {
    const payouts: PayoutToCheck[] = [];
    for (const day of daysBetween(after, until)) {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await this.db.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk > :after',
            ExpressionAttributeValues: { ':pk': keys.payoutByDay(day, '').gsi1pk, ':after': after },
            Limit: limit - payouts.length,
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) {
          // Made after this run began: the next run checks it, once the rail has had its turn.
          if (String(item.at) > until) return payouts;
          payouts.push({
            transferId: String(item.transferId),
            amountPence: Number(item.amountPence),
            reference: item.reference === undefined ? undefined : String(item.reference),
            createdAt: String(item.at),
            position: String(item.gsi1sk),
          });
        }
        start = page.LastEvaluatedKey;
      } while (start && payouts.length < limit);
      if (payouts.length >= limit) break;
    }
    return payouts;
  }

  async countPayoutsAfter(after: string, until: string): Promise<number> {
    let count = 0;
    for (const day of daysBetween(after, until)) {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await this.db.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk > :after',
            ExpressionAttributeValues: { ':pk': keys.payoutByDay(day, '').gsi1pk, ':after': after },
            Select: 'COUNT',
            ExclusiveStartKey: start,
          }),
        );
        count += page.Count ?? 0;
        start = page.LastEvaluatedKey;
      } while (start);
    }
    return count;
  }

  async reconciliationCheckpoint(): Promise<string | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.reconciliationCheckpoint(),
        ConsistentRead: true,
      }),
    );
    return typeof Item?.position === 'string' ? Item.position : undefined;
  }

  async saveReconciliationCheckpoint(position: string): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.reconciliationCheckpoint(), entity: 'checkpoint', position },
      }),
    );
  }

  async payoutRetryCheckpoint(): Promise<{ orders?: string | undefined; groups?: string | undefined }> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.payoutRetryCheckpoint(), ConsistentRead: true }),
    );
    return {
      orders: typeof Item?.orders === 'string' ? Item.orders : undefined,
      groups: typeof Item?.groups === 'string' ? Item.groups : undefined,
    };
  }

  async savePayoutRetryCheckpoint(checkpoint: {
    orders?: string | undefined;
    groups?: string | undefined;
  }): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.payoutRetryCheckpoint(),
          entity: 'checkpoint',
          ...(checkpoint.orders ? { orders: checkpoint.orders } : {}),
          ...(checkpoint.groups ? { groups: checkpoint.groups } : {}),
        },
      }),
    );
  }
}

/** The UTC days (`YYYY-MM-DD`) from the day of `from` to the day of `to`, both ISO. */
function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  const end = to.slice(0, 10);
  for (let day = new Date(`${from.slice(0, 10)}T00:00:00Z`); ; day = new Date(day.getTime() + 86_400_000)) {
    const text = day.toISOString().slice(0, 10);
    if (text > end) break;
    days.push(text);
  }
  return days;
}
