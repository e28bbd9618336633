import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { PaymentStore, ProviderRecord, ReconciliationException, TopUpClaim } from '@carepool/domain';
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
        ...keys.reconciliationException(e.exceptionId),
        entity: 'reconciliation_exception',
        ...e,
      })),
    );
  }

  async openExceptions(): Promise<ReconciliationException[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': 'RECONCILIATION', ':prefix': 'EXCEPTION#' },
    });
    return items.map(({ pk, sk, entity, ...rest }) => rest as unknown as ReconciliationException);
  }
}
