import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import {
  type DepositMessage,
  type DepositOutcome,
  type DepositSchedule,
  type MoneyDeps,
  postDepositFor,
} from '@carepool/domain';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import { logger } from '../http/lambda.ts';

/** One message per due person, as the daily run queues them. */
export const DepositMessageBody = z
  .object({ councilId: z.string().min(1), personId: z.string().min(1) })
  .strict();

export const depositMessageBody = (message: DepositMessage) => JSON.stringify(message);

/**
 * The deposits worker: posts the deposit of each person in a batch of queue messages. A person
 * whose deposit fails is reported back alone (partial batch response), so the queue redelivers only
 * that message and the others are not posted (or read) again; after the queue's retries it goes to
 * the dead-letter queue. Powertools' batch processor does the bookkeeping.
 */
export async function processDepositBatch(
  event: SQSEvent,
  deps: MoneyDeps & { schedule: DepositSchedule },
  tally?: (outcome: DepositOutcome, message: DepositMessage) => void,
): Promise<SQSBatchResponse> {
  const processor = new BatchProcessor(EventType.SQS);
  const response = await processPartialResponse(
    event,
    async (record: SQSRecord) => {
      const message = DepositMessageBody.parse(JSON.parse(record.body));
      tally?.(await postDepositFor(deps, message.personId), message);
    },
    processor,
    // Every message failing is still a list of failures to retry, not an error for the whole batch.
    { throwOnFullBatchFailure: false },
  );
  // Each failure is logged with the person, so the dead-letter queue's messages can be explained.
  for (const [i, error] of processor.errors.entries()) {
    logger.error('Deposit failed; the queue will deliver it again', {
      message: (processor.failureMessages[i] as SQSRecord | undefined)?.body,
      error,
    });
  }
  return { batchItemFailures: response.batchItemFailures };
}
