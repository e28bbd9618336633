import type { JobName } from '@carepool/contracts';
import {
  autoConfirmDue,
  queueDueDeposits,
  rebuildMonitoring,
  reconcilePayouts,
  retryDuePayouts,
  runNightlyAlerts,
  settleDueGroups,
} from '@carepool/domain';
import type { Deps } from '../deps.ts';

/** How far back the first reconciliation run looks; later runs carry on from their checkpoint. */
const reconciliationWindowMs = 7 * 24 * 3600 * 1000;

/** Every council in the table; CAREPOOL_COUNCILS, if set, narrows it to those named. */
async function councilsToRun(deps: Deps): Promise<string[]> {
  const only = deps.env.CAREPOOL_COUNCILS?.split(',').filter(Boolean);
  return (await deps.accounts.accounts.listCouncils())
    .map((council) => council.councilId)
    .filter((councilId) => only === undefined || only.includes(councilId));
}

/**
 * The scheduled jobs, in one place: EventBridge Scheduler invokes them in AWS, the local runtime's
 * timer (and the local-only /v1/dev/jobs route) here. Each is safe to run twice.
 */
export async function runJob(job: JobName, deps: Deps): Promise<Record<string, unknown>> {
  switch (job) {
    case 'auto-confirm': {
      const confirmed = await autoConfirmDue(deps.orders);
      return { confirmed: confirmed.length };
    }
    case 'groups':
      return settleDueGroups(deps.groups);
    case 'deposits': {
      // Reads only who is due (the due index), and hands each to the deposits queue: SQS and the
      // deposits worker function in AWS, the same worker code in this process locally.
      const councils = await councilsToRun(deps);
      const results: Record<string, unknown> = {};
      for (const councilId of councils) {
        results[councilId] = await queueDueDeposits(
          {
            ...deps.money,
            ...deps.deposits,
            peopleInCouncil: (id) => deps.peopleStore.peopleInCouncil(id),
          },
          councilId,
        );
      }
      return results;
    }
    case 'payouts':
      // A bounded batch of each queue per run, oldest first from where the last run stopped.
      return retryDuePayouts({ orders: deps.orders, groups: deps.groups, payments: deps.payments.payments });
    case 'alerts': {
      // Nightly: the rules about patterns over time, per council, over each holder's own projections.
      const results: Record<string, unknown> = {};
      for (const councilId of await councilsToRun(deps)) {
        results[councilId] = await runNightlyAlerts(
          deps.alerts,
          councilId,
          await deps.peopleStore.peopleInCouncil(councilId),
        );
      }
      return results;
    }
    case 'reconcile': {
      // From the checkpoint, at most a batch of payouts per run; `remaining` waits for the next.
      const result = await reconcilePayouts(deps.payments, {
        firstRunSince: new Date(deps.clock.now().getTime() - reconciliationWindowMs),
      });
      return { exceptions: result.exceptions.length, checked: result.checked, remaining: result.remaining };
    }
    case 'monitoring': {
      const results: Record<string, unknown> = {};
      for (const councilId of await councilsToRun(deps))
        results[councilId] = await rebuildMonitoring(deps.monitoring, councilId);
      return results;
    }
  }
}
