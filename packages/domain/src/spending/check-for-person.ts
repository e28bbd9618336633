import type { Category } from '../categories.ts';
import { accountId, type Ledger } from '../ledger/ledger.ts';
import type { DelegateScope, DelegationRecord } from '../people/delegation.ts';
import type { PersonRecord } from '../people/person.ts';
import type { PlanRecord } from '../people/plan.ts';
import { lineAllowance } from './periods.ts';
import { type SpendFailure, spendCheck } from './spend-check.ts';

export interface SpendContext {
  person: PersonRecord;
  plan: PlanRecord | undefined;
  lineId: string;
  category: Category;
  providerId: string;
  providerVerified: boolean;
  amountPence: number;
  /** When the money is for: decides the plan period it counts in. */
  at: Date;
  /** The delegate acting, if any, and the scope this spend needs from them. */
  delegation?: DelegationRecord | undefined;
  needs: DelegateScope;
}

/**
 * Gathers what the spend check needs from the ledger (the line's counter for the period, the
 * holder's free cash) and runs it. Orders, invoices and group joins all come through here, so
 * every reservation and payment is judged by exactly the same rules. Returns the line charge to
 * attach to the transfer so the ledger enforces the same limit atomically.
 */
export async function checkSpend(deps: { ledger: Ledger }, context: SpendContext) {
  const { plan } = context;
  const line = plan?.lines.find((l) => l.lineId === context.lineId);
  const allowance = plan && line ? lineAllowance(line, plan.startDate, context.at) : undefined;
  const usage =
    plan && allowance
      ? await deps.ledger.lineUsage(context.person.personId, context.lineId, allowance.periodKey)
      : undefined;
  const cash = await deps.ledger.account(accountId.holderCash(context.person.personId));
  const failures: SpendFailure[] = spendCheck({
    plan,
    budget: context.person.budget,
    lineId: context.lineId,
    category: context.category,
    providerId: context.providerId,
    providerVerified: context.providerVerified,
    amountPence: context.amountPence,
    at: context.at,
    committedPence: usage?.committedPence ?? 0,
    availablePence: cash.creditsPosted - cash.debitsPosted - cash.debitsPending,
    delegate: context.delegation ? { scopes: context.delegation.scopes, needs: context.needs } : undefined,
  });
  const lineCharge =
    plan && allowance
      ? {
          personId: context.person.personId,
          planId: plan.planId,
          lineId: context.lineId,
          periodKey: allowance.periodKey,
          limitPence: allowance.limitPence,
        }
      : undefined;
  return { failures, lineCharge };
}
