/**
 * When the scheduled jobs (functions/src/jobs/run-job.ts) run in AWS, and the EventBridge Scheduler
 * target that invokes the jobs function with `{ "job": … }`.
 */
import type { JobName } from '@carepool/contracts';
import {
  Duration,
  type aws_iam as iam,
  type aws_lambda as lambda,
  aws_scheduler as scheduler,
  TimeZone,
} from 'aws-cdk-lib';

export interface JobSchedule {
  /** When it runs. Wall-clock schedules are in Europe/London (02:00 and 03:00 exist once on both DST days). */
  expression: scheduler.ScheduleExpression;
  /**
   * How long Scheduler keeps trying to deliver one run (it retries only failed invocations: throttling,
   * service errors). Shorter than the gap to the next run for frequent jobs, so runs never pile up.
   */
  maxEventAge: Duration;
  description: string;
}

/**
 * One schedule per job; a job added to `JobName` is a type error until it is scheduled here. (`&
 * Record<string, …>` lets a schedule land before its job does; only jobs in `JobName` are deployed.)
 */
export const jobSchedules: Record<JobName, JobSchedule> & Record<string, JobSchedule> = {
  'auto-confirm': {
    expression: scheduler.ScheduleExpression.rate(Duration.hours(1)),
    maxEventAge: Duration.minutes(50),
    description: 'Carepool: confirm delivered orders whose confirmation window has passed (hourly)',
  },
  groups: {
    expression: scheduler.ScheduleExpression.rate(Duration.hours(1)),
    maxEventAge: Duration.minutes(50),
    description: 'Carepool: settle group purchases past their deadline, pay delivered ones (hourly)',
  },
  deposits: {
    expression: scheduler.ScheduleExpression.cron({
      minute: '0',
      hour: '2',
      timeZone: TimeZone.EUROPE_LONDON,
    }),
    maxEventAge: Duration.hours(6),
    description: "Carepool: post each council's scheduled budget deposits (daily, 02:00 Europe/London)",
  },
  payouts: {
    expression: scheduler.ScheduleExpression.rate(Duration.minutes(15)),
    maxEventAge: Duration.minutes(10),
    description: 'Carepool: send and retry provider payouts (every 15 minutes)',
  },
  reconcile: {
    expression: scheduler.ScheduleExpression.cron({
      minute: '0',
      hour: '3',
      timeZone: TimeZone.EUROPE_LONDON,
    }),
    maxEventAge: Duration.hours(6),
    description: 'Carepool: reconcile payouts against the payment rail (daily, 03:00 Europe/London)',
  },
  alerts: {
    expression: scheduler.ScheduleExpression.cron({
      minute: '30',
      hour: '3',
      timeZone: TimeZone.EUROPE_LONDON,
    }),
    maxEventAge: Duration.hours(6),
    description: 'Carepool: run the alert rules about patterns over time (nightly, 03:30 Europe/London)',
  },
  monitoring: {
    // Hourly: the report is at most an hour behind, and each run reads only this month (and a month
    // that has just ended, once) rather than anything a report request would.
    expression: scheduler.ScheduleExpression.rate(Duration.hours(1)),
    maxEventAge: Duration.minutes(50),
    description: "Carepool: rebuild this month's monitoring report figures for each council (hourly)",
  },
};

/** Delivery attempts per run before the event goes to the dead-letter queue (within `maxEventAge`). */
export const scheduleRetryAttempts = 10;

/**
 * Invokes the jobs function with `{ "job": … }` through a role the stack creates and scopes itself.
 * (aws-scheduler-targets' LambdaInvoke grants `lambda:InvokeFunction` on `<function>:*` as well, every
 * version and alias; this target adds no permissions at all.)
 */
export class InvokeJob implements scheduler.IScheduleTarget {
  constructor(
    private readonly props: {
      job: JobName;
      fn: lambda.IFunction;
      role: iam.IRole;
      deadLetterQueueArn: string;
      maxEventAge: Duration;
    },
  ) {}

  bind(): scheduler.ScheduleTargetConfig {
    return {
      arn: this.props.fn.functionArn,
      role: this.props.role,
      input: scheduler.ScheduleTargetInput.fromObject({ job: this.props.job }),
      retryPolicy: {
        maximumRetryAttempts: scheduleRetryAttempts,
        maximumEventAgeInSeconds: this.props.maxEventAge.toSeconds(),
      },
      deadLetterConfig: { arn: this.props.deadLetterQueueArn },
    };
  }
}
