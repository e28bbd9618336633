import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { type AlertDeps, evaluateMoneyEvent, Transfer } from '@carepool/domain';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '../http/lambda.ts';

/** The part of a DynamoDB stream record the alerts read: new items, as the stream delivers them. */
export type StreamRecord = Pick<DynamoDBStreamEvent['Records'][number], 'eventName' | 'dynamodb' | 'eventID'>;

/**
 * The alerts function: every new ledger transfer on the table's stream is a money event the rules
 * look at. It only reads and raises alerts, never touches money, so a payment is never held up by
 * it. A record that fails is logged and reported back as a batch item failure, so the stream
 * retries that record (and the ones after it) without repeating the rest: the projections and the
 * alerts are idempotent, so a retry raises nothing twice.
 */
export async function handleStreamRecords(
  records: readonly StreamRecord[],
  deps: AlertDeps,
): Promise<{ batchItemFailures: Array<{ itemIdentifier: string }> }> {
  for (const record of records) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || !image) continue;
    const item = unmarshall(image as Record<string, AttributeValue>);
    if (item.entity !== 'transfer') continue;
    const { pk: _pk, sk: _sk, entity: _entity, ...fields } = item;
    const transfer = Transfer.safeParse(fields);
    if (!transfer.success) continue;
    try {
      await evaluateMoneyEvent(deps, transfer.data);
    } catch (error) {
      logger.error('Alert rules failed on a money event', {
        transferId: transfer.data.transferId,
        error: error as Error,
      });
      return { batchItemFailures: [{ itemIdentifier: record.eventID ?? transfer.data.transferId }] };
    }
  }
  return { batchItemFailures: [] };
}
