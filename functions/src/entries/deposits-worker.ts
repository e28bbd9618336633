import type { SQSEvent } from 'aws-lambda';
import { defaultDeps } from '../deps.ts';
import { processDepositBatch } from '../jobs/deposit-worker.ts';

/**
 * Lambda entry point for the deposits queue: the daily deposits run sends one message per person
 * due; this posts each. Failures are reported per message (partial batch response), so SQS
 * retries only those and, after its retries, moves them to the dead-letter queue.
 */
export const handler = (event: SQSEvent) => {
  const deps = defaultDeps();
  return processDepositBatch(event, { ...deps.money, schedule: deps.deposits.schedule });
};
