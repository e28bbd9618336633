import { JobName } from '@carepool/contracts';
import { defaultDeps } from '../deps.ts';
import { logger } from '../http/lambda.ts';
import { runJob } from '../jobs/run-job.ts';
import { loadStripeSecret } from '../secrets.ts';

// Stripe keys come from Secrets Manager in AWS; read once, before the first request.
await loadStripeSecret();

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
