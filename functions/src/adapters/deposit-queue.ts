import type { Adapters } from '../deps.ts';
import { SqsDepositQueue } from '../jobs/deposit-queues.ts';

/**
 * The deposits queue (SQS): registered only by the jobs function's entry, the one function the
 * stack gives the queue's URL and the right to send to it, so no other bundle carries the SQS client.
 */
export const depositQueue: NonNullable<Adapters['depositQueue']> = (queueUrl, region) =>
  new SqsDepositQueue(queueUrl, region);
