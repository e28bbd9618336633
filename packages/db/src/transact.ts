import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { conflict } from '@carepool/domain';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * Why each item of a cancelled transaction failed, in the order the items were sent ('None' for
 * those that did not); empty for any other error.
 */
export function cancellationCodes(error: unknown): string[] {
  return error instanceof TransactionCanceledException
    ? (error.CancellationReasons ?? []).map((r) => r.Code ?? 'None')
    : [];
}

/** A Put that succeeds only if the stored item is at `expectedVersion` (0: must not exist). */
export function versionedPut(
  tableName: string,
  item: Record<string, unknown>,
  expectedVersion: number,
): TransactItem {
  return expectedVersion === 0
    ? { Put: { TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } }
    : {
        Put: {
          TableName: tableName,
          Item: item,
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': expectedVersion },
        },
      };
}

/**
 * Writes a change and its audit records in one TransactWriteItems. If only the audit links lost a
 * race (another change to the same entity appended first), it rebuilds them from the new head and
 * tries again; if a record's own version condition failed, the caller gets a 409 conflict.
 */
export async function transactWithAudit(
  db: DynamoDBDocumentClient,
  changes: TransactItem[],
  buildAudit: () => Promise<TransactItem[]>,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const audit = await buildAudit();
    try {
      await db.send(new TransactWriteCommand({ TransactItems: [...changes, ...audit] }));
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const changeFailed = reasons.slice(0, changes.length).some((r) => r.Code && r.Code !== 'None');
      if (changeFailed || attempt >= 4) {
        throw conflict(
          'version_conflict',
          'Someone else changed this at the same time. Reload it and try again.',
        );
      }
    }
  }
}
