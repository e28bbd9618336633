import { poundsText } from '../../money.ts';
import { type AlertDraft, daysBetween } from '../model.ts';
import type { EffectiveAlertThresholds } from '../thresholds.ts';

export interface SpendPaceFacts {
  councilId: string;
  personId: string;
  personName: string;
  planId: string;
  planYearStart: string;
  /** The plan's lines added up over a year (week × 52, month × 12). */
  yearlyPlanPence: number;
  /** Paid so far this plan year, over every line. */
  spentPence: number;
  at: string;
  transferId: string;
}

/**
 * The first four weeks count as four weeks: paying a month's support in its first week is normal,
 * and would otherwise look like spending at four times the pace.
 */
export const paceGraceDays = 28;

/**
 * Spending far above the plan's pace: paid so far this plan year against what an even pace would
 * have paid by now. Once per person and plan year.
 */
export function spendPace(
  facts: SpendPaceFacts,
  t: Pick<EffectiveAlertThresholds, 'pacePercent' | 'paceMinimumExcessPence'>,
): AlertDraft | undefined {
  if (facts.yearlyPlanPence <= 0) return undefined;
  const elapsedDays = Math.min(365, Math.max(paceGraceDays, daysBetween(facts.planYearStart, facts.at) + 1));
  const expectedPence = Math.round((facts.yearlyPlanPence * elapsedDays) / 365);
  const pacePercent = Math.floor((facts.spentPence * 100) / Math.max(1, expectedPence));
  if (pacePercent < t.pacePercent || facts.spentPence - expectedPence < t.paceMinimumExcessPence)
    return undefined;
  return {
    rule: 'spend_pace',
    councilId: facts.councilId,
    situation: `${facts.personId}#${facts.planYearStart}`,
    summary: `${facts.personName} has spent ${poundsText(facts.spentPence)} in the first ${elapsedDays} days of the plan year; an even pace through a plan of ${poundsText(facts.yearlyPlanPence)} a year would be ${poundsText(expectedPence)} by now, so this is ${pacePercent}% of the pace (the council looks at ${t.pacePercent}% and ${poundsText(t.paceMinimumExcessPence)} ahead). The money may run out before the year ends.`,
    figures: {
      spentPence: facts.spentPence,
      expectedPence,
      yearlyPlanPence: facts.yearlyPlanPence,
      pacePercent,
      elapsedDays,
    },
    links: { personIds: [facts.personId], transferIds: [facts.transferId] },
  };
}
