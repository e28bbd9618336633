import { JobName } from '@carepool/contracts';
import { defaultDeps } from '../deps.ts';
import { logger } from '../http/lambda.ts';
import { runJob } from '../jobs/run-job.ts';

/** Lambda entry point for EventBridge Scheduler: the schedule's input names the job, `{ "job": "deposits" }`. */
export async function handler(event: { job?: unknown }): Promise<Record<string, unknown>> {
  const job = JobName.parse(event.job);
  const summary = await runJob(job, defaultDeps());
  logger.info('Job finished', { job, summary });
  return { job, summary };
}
