import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { keys } from './keys.ts';

export interface StoredResponse {
  statusCode: number;
  body: string;
}

export type IdempotencyClaim =
  | { outcome: 'claimed' }
  | { outcome: 'replay'; response: StoredResponse }
  | { outcome: 'mismatch' }
  | { outcome: 'in_progress' };

/** HTTP-level idempotency keys are kept a week: long enough for any client's retries. */
const retentionSeconds = 7 * 24 * 3600;

/**
 * Records the first answer to a request sent with an `Idempotency-Key`, so a retry replays it. The
 * claim is a conditional put, so two concurrent first attempts cannot both run.
 */
export class DynamoIdempotencyStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(scope: string, key: string, requestHash: string, nowMs: number): Promise<IdempotencyClaim> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.idempotency(scope, key),
            entity: 'idempotency',
            requestHash,
            state: 'in_progress',
            expiresAt: Math.floor(nowMs / 1000) + retentionSeconds,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { outcome: 'claimed' };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.idempotency(scope, key), ConsistentRead: true }),
    );
    if (!Item) return this.claim(scope, key, requestHash, nowMs);
    if (Item.requestHash !== requestHash) return { outcome: 'mismatch' };
    if (Item.state !== 'done') return { outcome: 'in_progress' };
    return { outcome: 'replay', response: { statusCode: Number(Item.statusCode), body: String(Item.body) } };
  }

  async complete(scope: string, key: string, response: StoredResponse): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.idempotency(scope, key),
        UpdateExpression: 'SET #state = :done, statusCode = :status, body = :body',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':done': 'done',
          ':status': response.statusCode,
          ':body': response.body,
        },
      }),
    );
  }

  /** A failed first attempt releases the key so the client can retry it. */
  async release(scope: string, key: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.idempotency(scope, key) }));
  }
}
