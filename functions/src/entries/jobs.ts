import { JobName } from '@carepool/contracts';
import { depositQueue } from '../adapters/deposit-queue.ts';
import { paymentRail } from '../adapters/payment-rail.ts';
import { defaultDeps, provideAdapters } from '../deps.ts';
import { logger } from '../http/lambda.ts';
import { runJob } from '../jobs/run-job.ts';

// This function moves money: it bundles the payment rail, which reads the Stripe keys on first use.
// Its deposits run sends the people due to the deposits queue.
provideAdapters({ paymentRail, depositQueue });

/**
 * Lambda entry point for EventBridge Scheduler: the schedule's input names the job, `{ "job": "deposits" }`.
 * A failure throws, so Scheduler's retries and the dead-letter queue apply.
 */
export async function handler(event: { job?: unknown }): Promise<Record<string, unknown>> {
  const job = JobName.parse(event.job);
  const summary = await runJob(job, defaultDeps());
  logger.info('Job finished', { job, summary });
  return { job, summary };
}
