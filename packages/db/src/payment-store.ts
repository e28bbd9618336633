import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { PaymentStore, ProviderRecord, ReconciliationException } from '@carepool/domain';
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

  async markEventProcessed(eventId: string, type: string, at: string): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.webhookEvent(eventId), entity: 'webhook_event', eventId, type, at },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async wasEventProcessed(eventId: string): Promise<boolean> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.webhookEvent(eventId), ConsistentRead: true }),
    );
    return Item !== undefined;
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
