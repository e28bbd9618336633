/**
 * The plan arithmetic people see as they type: each line's cap as a yearly amount, the total,
 * and how it compares with the allocation. The rules are the domain's (`periodsPerYear`), so the
 * page and the council's check always agree.
 */
import { type PlanPeriod, periodsPerYear } from '@carepool/domain';
import { formatPence } from './money.ts';

export { periodsPerYear };

export const periodWords: Record<PlanPeriod, string> = { week: 'a week', month: 'a month', year: 'a year' };

export interface LineSum {
  /** Undefined while the cap is not yet a valid amount. */
  yearlyPence: number | undefined;
  /** "£100 a week × 52 = £5,200". */
  working: string;
}

export interface PlanSums {
  lines: LineSum[];
  totalYearlyPence: number;
  allocationPence: number | undefined;
  /** Positive: left to plan; negative: over the allocation. Undefined without an allocation. */
  leftPence: number | undefined;
  fits: boolean;
}

export function lineSum(capPence: number | undefined, period: PlanPeriod): LineSum {
  if (capPence === undefined) return { yearlyPence: undefined, working: 'Enter an amount to see the total' };
  const times = periodsPerYear[period];
  const yearlyPence = capPence * times;
  return {
    yearlyPence,
    working:
      times === 1
        ? `${formatPence(capPence)} a year`
        : `${formatPence(capPence)} ${periodWords[period]} × ${times} = ${formatPence(yearlyPence)} a year`,
  };
}

export function planSums(
  lines: ReadonlyArray<{ capPence: number | undefined; period: PlanPeriod }>,
  allocationPence: number | undefined,
): PlanSums {
  const sums = lines.map((line) => lineSum(line.capPence, line.period));
  const totalYearlyPence = sums.reduce((total, line) => total + (line.yearlyPence ?? 0), 0);
  const leftPence = allocationPence === undefined ? undefined : allocationPence - totalYearlyPence;
  return {
    lines: sums,
    totalYearlyPence,
    allocationPence,
    leftPence,
    fits: leftPence === undefined || leftPence >= 0,
  };
}

/** One sentence for the total, for the page and for screen readers. */
export function planSumsSentence(sums: PlanSums): string {
  const total = `The plan adds up to ${formatPence(sums.totalYearlyPence)} a year`;
  if (sums.allocationPence === undefined || sums.leftPence === undefined) return `${total}.`;
  const allocation = formatPence(sums.allocationPence);
  if (sums.leftPence === 0) return `${total}, exactly the budget of ${allocation}.`;
  return sums.leftPence > 0
    ? `${total}. The budget is ${allocation}, so ${formatPence(sums.leftPence)} is not yet planned.`
    : `${total}. That is ${formatPence(-sums.leftPence)} more than the budget of ${allocation}: lower some amounts.`;
}
