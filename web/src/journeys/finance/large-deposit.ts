/**
 * When a deposit is larger than it should usually be. A holder's budget is paid in 13 four-weekly
 * deposits a year (the deposits job splits the yearly budget so they add up exactly), so a manual
 * deposit above one of those, or above the whole year, is likely a typing slip: "250000" for "2500".
 */
import { formatPence } from '../../lib/money.ts';

export const depositsPerYear = 13;

/** The largest of the 13 four-weekly shares of a yearly budget. */
export function fourWeeklyPence(allocationPence: number): number {
  return Math.ceil(allocationPence / depositsPerYear);
}

/** Words for the warning, or undefined when the amount is usual (or there is no budget to compare). */
export function largeDepositWarning(
  amountPence: number,
  budget: { allocationPence: number } | undefined,
): string | undefined {
  if (!budget || budget.allocationPence <= 0) return undefined;
  if (amountPence > budget.allocationPence)
    return `This is more than their whole yearly budget of ${formatPence(budget.allocationPence)}. Check the amount before you post it.`;
  const fourWeekly = fourWeeklyPence(budget.allocationPence);
  if (amountPence > fourWeekly)
    return `This is more than their four-weekly amount of ${formatPence(fourWeekly)}. Check the amount before you post it.`;
  return undefined;
}
