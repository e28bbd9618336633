import { periodsPerYear as domainPeriods, yearlyEquivalent } from '@carepool/domain';
import { describe, expect, it } from 'vitest';
import { lineSum, periodsPerYear, planSums, planSumsSentence } from './plan.ts';

describe('plan arithmetic', () => {
  it('uses the domain’s own periods, so the page and the council’s check agree', () => {
    expect(periodsPerYear).toBe(domainPeriods);
    for (const period of ['week', 'month', 'year'] as const) {
      expect(lineSum(1234, period).yearlyPence).toBe(yearlyEquivalent({ capPence: 1234, period }));
    }
  });

  it('shows the working for each line', () => {
    expect(lineSum(10_000, 'week').working).toBe('£100 a week × 52 = £5,200 a year');
    expect(lineSum(4_050, 'month').working).toBe('£40.50 a month × 12 = £486 a year');
    expect(lineSum(250_000, 'year').working).toBe('£2,500 a year');
    expect(lineSum(undefined, 'week')).toEqual({
      yearlyPence: undefined,
      working: 'Enter an amount to see the total',
    });
  });

  it('adds the lines up and compares them with the allocation as people type', () => {
    const typing = planSums(
      [
        { capPence: 16_800, period: 'week' },
        { capPence: undefined, period: 'week' },
        { capPence: 4_000, period: 'month' },
      ],
      1_248_000,
    );
    expect(typing.totalYearlyPence).toBe(16_800 * 52 + 4_000 * 12);
    expect(typing.leftPence).toBe(1_248_000 - 921_600);
    expect(typing.fits).toBe(true);
    expect(planSumsSentence(typing)).toBe(
      'The plan adds up to £9,216 a year. The budget is £12,480, so £3,264 is not yet planned.',
    );
  });

  it('says by how much a plan is over the budget', () => {
    const over = planSums([{ capPence: 25_000, period: 'week' }], 1_000_000);
    expect(over.fits).toBe(false);
    expect(over.leftPence).toBe(-300_000);
    expect(planSumsSentence(over)).toBe(
      'The plan adds up to £13,000 a year. That is £3,000 more than the budget of £10,000: lower some amounts.',
    );
  });

  it('says when a plan uses the budget exactly, or when there is no budget yet', () => {
    expect(planSumsSentence(planSums([{ capPence: 100_000, period: 'month' }], 1_200_000))).toBe(
      'The plan adds up to £12,000 a year, exactly the budget of £12,000.',
    );
    const noBudget = planSums([{ capPence: 100, period: 'week' }], undefined);
    expect(noBudget.fits).toBe(true);
    expect(planSumsSentence(noBudget)).toBe('The plan adds up to £52 a year.');
  });
});
