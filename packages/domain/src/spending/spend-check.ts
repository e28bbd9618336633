import { type Category, categoryLabel } from '../categories.ts';
import { poundsText } from '../money.ts';
import type { DelegateScope } from '../people/delegation.ts';
import type { Budget } from '../people/person.ts';
import type { PlanRecord } from '../people/plan.ts';
import { lineAllowance, ukDate } from './periods.ts';

export const spendFailureCodes = [
  'plan_not_approved',
  'plan_expired',
  'line_not_found',
  'category_mismatch',
  'provider_not_allowed',
  'provider_not_verified',
  'line_cap_exceeded',
  'insufficient_funds',
  'funding_source_restricted',
  'delegate_scope_missing',
] as const;
export type SpendFailureCode = (typeof spendFailureCodes)[number];

export interface SpendFailure {
  code: SpendFailureCode;
  /** What to change, in plain words. */
  message: string;
  facts?: Record<string, number | string>;
}

export interface SpendRequest {
  plan: PlanRecord | undefined;
  budget: Budget | undefined;
  lineId: string;
  category: Category;
  providerId: string;
  providerVerified: boolean;
  amountPence: number;
  /** When the money is for: the period it counts in. */
  at: Date;
  /** What the line's counter already holds for that period (posted + reserved). */
  committedPence: number;
  /** Holder's cash that is not yet spent or reserved. */
  availablePence: number;
  /** Set when a delegate acts: their scopes, and the scope this action needs. */
  delegate?: { scopes: readonly DelegateScope[]; needs: DelegateScope } | undefined;
}

const pounds = poundsText;

/**
 * The one check every reservation and payment runs. Pure: it returns every failure at once, each
 * with a stable code and the figures behind it, so a person sees everything to change together.
 */
export function spendCheck(request: SpendRequest): SpendFailure[] {
  const failures: SpendFailure[] = [];
  const { plan } = request;
  if (request.delegate && !request.delegate.scopes.includes(request.delegate.needs)) {
    failures.push({
      code: 'delegate_scope_missing',
      message: `You need the ${request.delegate.needs} permission from the budget holder to do this.`,
    });
  }
  if (plan?.status !== 'approved') {
    failures.push({
      code: 'plan_not_approved',
      message: 'There is no approved support plan to pay from yet.',
    });
    return failures;
  }
  const today = ukDate(request.at);
  const isoToday = `${today.year}-${String(today.month).padStart(2, '0')}-${String(today.day).padStart(2, '0')}`;
  if (isoToday < plan.startDate || isoToday > plan.endDate) {
    failures.push({
      code: 'plan_expired',
      message: `The support plan covers ${plan.startDate} to ${plan.endDate}; this is for ${isoToday}.`,
      facts: { startDate: plan.startDate, endDate: plan.endDate, date: isoToday },
    });
  }
  const line = plan.lines.find((l) => l.lineId === request.lineId);
  if (!line) {
    failures.push({ code: 'line_not_found', message: 'Choose a line from the current support plan.' });
    return failures;
  }
  if (line.category !== request.category) {
    failures.push({
      code: 'category_mismatch',
      message: `This plan line is for ${categoryLabel(line.category)}, but this is ${categoryLabel(request.category)}. Choose a line that covers it.`,
    });
  }
  if (line.allowedProviderIds && !line.allowedProviderIds.includes(request.providerId)) {
    failures.push({
      code: 'provider_not_allowed',
      message: 'This plan line can only pay the providers named in the plan.',
    });
  }
  if (!request.providerVerified) {
    failures.push({
      code: 'provider_not_verified',
      message:
        'The council has not yet checked this provider, so they cannot be paid from a personal budget.',
    });
  }
  if (line.fundingSource && request.budget) {
    const source = request.budget.fundingSources.find((s) => s.source === line.fundingSource);
    if (
      !source ||
      (source.restrictedToCategories && !source.restrictedToCategories.includes(request.category))
    ) {
      failures.push({
        code: 'funding_source_restricted',
        message: `Money from ${line.fundingSource} cannot pay for ${categoryLabel(request.category)}.`,
      });
    }
  }
  const allowance = lineAllowance(line, plan.startDate, request.at);
  const leftPence = allowance.limitPence - request.committedPence;
  if (request.amountPence > leftPence) {
    failures.push({
      code: 'line_cap_exceeded',
      message: `This costs ${pounds(request.amountPence)} but only ${pounds(Math.max(0, leftPence))} is left on this plan line now.`,
      facts: {
        limitNowPence: allowance.limitPence,
        committedPence: request.committedPence,
        leftPence: Math.max(0, leftPence),
        requestedPence: request.amountPence,
      },
    });
  }
  if (request.amountPence > request.availablePence) {
    failures.push({
      code: 'insufficient_funds',
      message: `This costs ${pounds(request.amountPence)} but the account has ${pounds(Math.max(0, request.availablePence))} free to spend.`,
      facts: { availablePence: request.availablePence, requestedPence: request.amountPence },
    });
  }
  return failures;
}
