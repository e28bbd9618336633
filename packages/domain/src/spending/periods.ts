import type { PlanLine, PlanPeriod } from '../people/plan.ts';

const londonDate = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in the UK at an instant: plan periods follow UK days, clocks and all. */
export function ukDate(at: Date): { year: number; month: number; day: number } {
  const parts = Object.fromEntries(londonDate.formatToParts(at).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
}

function parseIsoDate(date: string): { year: number; month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number);
  return { year: year ?? 0, month: month ?? 1, day: day ?? 1 };
}

const dayNumber = (d: { year: number; month: number; day: number }) =>
  Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;

/**
 * Which period of the plan year an instant falls in (1 for the first). Weeks run from the plan's
 * start day; months from the same day of each month; a year is one period. Before the start: 0.
 */
export function periodIndex(period: PlanPeriod, planStart: string, at: Date): number {
  const start = parseIsoDate(planStart);
  const today = ukDate(at);
  const days = dayNumber(today) - dayNumber(start);
  if (days < 0) return 0;
  switch (period) {
    case 'week':
      return Math.floor(days / 7) + 1;
    case 'month': {
      let months = (today.year - start.year) * 12 + (today.month - start.month);
      if (today.day < start.day) months -= 1;
      return months + 1;
    }
    case 'year':
      return 1;
  }
}

/**
 * A line's counter and its limit at an instant. With carry-forward (the default) one counter runs
 * for the plan year and the limit is cap × periods started so far, so money not spent in a quiet
 * week is there later. Without it each period stands alone with a limit of one cap.
 */
export function lineAllowance(
  line: Pick<PlanLine, 'capPence' | 'period' | 'carryForward'>,
  planStart: string,
  at: Date,
): { periodKey: string; limitPence: number; periodIndex: number } {
  const index = periodIndex(line.period, planStart, at);
  if (line.carryForward)
    return { periodKey: 'plan-year', limitPence: line.capPence * index, periodIndex: index };
  return {
    periodKey: `${line.period}-${index}`,
    limitPence: index > 0 ? line.capPence : 0,
    periodIndex: index,
  };
}
