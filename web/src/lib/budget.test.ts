import { describe, expect, it } from 'vitest';
import { nextPaymentDate, spendableNow, yearlyCapPence } from './budget.ts';

const line = (leftNowPence: number, contingency = false) => ({
  lineId: 'l',
  category: 'day_and_community' as const,
  label: '',
  period: 'week' as const,
  capPence: 5_000,
  carryForward: false,
  contingency,
  notes: '',
  periodKey: '2026-W20',
  limitNowPence: 5_000,
  committedPence: 0,
  spentPence: 0,
  reservedPence: 0,
  leftNowPence,
});

describe('nextPaymentDate', () => {
  const budget = { deployment: 'managed_account', planYearStart: '2026-04-01', allocationPence: 1_300_000 };
  it('is the next four-weekly payment after today', () => {
    expect(nextPaymentDate(budget, '2026-04-01')).toBe('2026-04-29');
    expect(nextPaymentDate(budget, '2026-05-10')).toBe('2026-05-27');
  });
  it('is none for a direct payment, or once the year’s thirteen payments are made', () => {
    expect(nextPaymentDate({ ...budget, deployment: 'direct_payment' }, '2026-05-10')).toBeUndefined();
    expect(nextPaymentDate(budget, '2027-03-30')).toBeUndefined();
  });
});

describe('spendableNow', () => {
  it('is the money in the account when that is less than the plan allows', () => {
    expect(spendableNow({ availablePence: 3_000, lines: [line(5_000), line(4_000)] })).toEqual({
      pence: 3_000,
      limitedBy: 'account',
    });
  });
  it('is what the plan allows now, without emergency money, when the account holds more', () => {
    expect(
      spendableNow({ availablePence: 90_000, lines: [line(5_000), line(-200), line(9_000, true)] }),
    ).toEqual({ pence: 5_000, limitedBy: 'plan' });
  });
  it('a weekly line’s year is 52 weeks', () => {
    expect(yearlyCapPence({ capPence: 5_000, period: 'week' })).toBe(260_000);
  });
});
