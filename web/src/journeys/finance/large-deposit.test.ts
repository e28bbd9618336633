import { describe, expect, it } from 'vitest';
import { fourWeeklyPence, largeDepositWarning } from './large-deposit.ts';

describe('the large deposit warning', () => {
  const budget = { allocationPence: 1_300_000 }; // £13,000 a year: £1,000 every four weeks

  it('says nothing up to the four-weekly amount', () => {
    expect(fourWeeklyPence(1_300_000)).toBe(100_000);
    expect(largeDepositWarning(100_000, budget)).toBeUndefined();
    expect(largeDepositWarning(25_050, budget)).toBeUndefined();
  });

  it('warns above the four-weekly amount, and more strongly above the yearly budget', () => {
    expect(largeDepositWarning(100_001, budget)).toBe(
      'This is more than their four-weekly amount of £1,000. Check the amount before you post it.',
    );
    expect(largeDepositWarning(1_300_001, budget)).toBe(
      'This is more than their whole yearly budget of £13,000. Check the amount before you post it.',
    );
  });

  it('rounds the four-weekly share up, as the deposits job pays the remainder in some periods', () => {
    expect(fourWeeklyPence(1_300_013)).toBe(100_001);
    expect(largeDepositWarning(100_001, { allocationPence: 1_300_013 })).toBeUndefined();
  });

  it('cannot compare without a budget', () => {
    expect(largeDepositWarning(5_000_000, undefined)).toBeUndefined();
  });
});
