import type { JobName } from '@carepool/contracts';
import {
  autoConfirmDue,
  postScheduledDeposits,
  rebuildMonitoring,
  reconcilePayouts,
  retryGroupPayouts,
  retryPayouts,
  settleDueGroups,
} from '@carepool/domain';
import type { Deps } from '../deps.ts';

/** How far back reconciliation looks each run: a week covers any late rail transfer. */
const reconciliationWindowMs = 7 * 24 * 3600 * 1000;

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
      const results: Record<string, unknown> = {};
      for (const councilId of deps.env.CAREPOOL_COUNCILS.split(',').filter(Boolean)) {
        results[councilId] = await postScheduledDeposits(
          { ...deps.money, peopleInCouncil: (id) => deps.peopleStore.peopleInCouncil(id) },
          councilId,
        );
      }
      return results;
    }
    case 'payouts': {
      const orders = await retryPayouts(deps.orders);
      const groups = await retryGroupPayouts(deps.groups);
      return {
        attempted: orders.length + groups.length,
        sent: [...orders, ...groups].filter((o) => o.payout?.status === 'sent').length,
        held: [...orders, ...groups].filter((o) => o.payout?.status === 'held').length,
      };
    }
    case 'reconcile': {
      const exceptions = await reconcilePayouts(
        deps.payments,
        new Date(deps.clock.now().getTime() - reconciliationWindowMs),
      );
      return { exceptions: exceptions.length };
    }
    case 'monitoring': {
      // Every council on record, and those this deployment is configured for (as the deposits job is).
      const councils = new Set([
        ...(await deps.accounts.accounts.listCouncils()).map((c) => c.councilId),
        ...deps.env.CAREPOOL_COUNCILS.split(',').filter(Boolean),
      ]);
      const results: Record<string, unknown> = {};
      for (const councilId of councils)
        results[councilId] = await rebuildMonitoring(deps.monitoring, councilId);
      return results;
    }
  }
}
