/**
 * The one figure a holder can act on: what they can spend before the council's next payment into
 * the account. Money runs out in two ways: the account's cash (less what is booked) and each plan
 * line's limit for now. The smaller of the two is what can really be spent.
 */
import type { ResponseOf } from '../api/client.ts';
import { addDays, todayIso } from './dates.ts';
import { periodsPerYear } from './plan.ts';

type Account = ResponseOf<'getAccount'>;
type Budget = { deployment: string; planYearStart: string; allocationPence: number };

/** Thirteen four-week payments make a plan year (the deposits job in packages/domain/src/money). */
const depositsPerYear = 13;
const depositEveryDays = 28;

/** Deployments paid into a managed account every four weeks; a direct payment has no such schedule. */
const depositedEveryFourWeeks = ['managed_account', 'mixed'];

/**
 * The day of the next four-weekly payment after `today`, or undefined when the budget is not paid
 * into the account that way or the plan year's payments are all made.
 */
export function nextPaymentDate(budget: Budget | undefined, today = todayIso()): string | undefined {
  if (!budget || !depositedEveryFourWeeks.includes(budget.deployment)) return undefined;
  for (let n = 0; n < depositsPerYear; n++) {
    const day = addDays(budget.planYearStart, n * depositEveryDays);
    if (day > today) return day;
  }
  return undefined;
}

/** What the plan lets a person spend now: every line's "left now", leaving out emergency money. */
export function planLeftNowPence(lines: Account['lines']): number {
  return lines.filter((l) => !l.contingency).reduce((sum, l) => sum + Math.max(0, l.leftNowPence), 0);
}

export interface SpendableNow {
  pence: number;
  /** Which limit decides it: the cash in the account, or the plan's limits. */
  limitedBy: 'account' | 'plan';
}

export function spendableNow(account: Pick<Account, 'availablePence' | 'lines'>): SpendableNow {
  const plan = planLeftNowPence(account.lines);
  const cash = Math.max(0, account.availablePence);
  return cash < plan ? { pence: cash, limitedBy: 'account' } : { pence: plan, limitedBy: 'plan' };
}

/** A line's limit for the whole plan year: its cap for each period, times the periods in a year. */
export function yearlyCapPence(line: Pick<Account['lines'][number], 'capPence' | 'period'>): number {
  return line.capPence * periodsPerYear[line.period];
}
