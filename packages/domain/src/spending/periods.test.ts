import { describe, expect, it } from 'vitest';
import { lineAllowance, periodIndex, ukDate } from './periods.ts';

describe('plan periods in UK time', () => {
  it('uses the UK calendar day: 23:30 UTC in summer is already the next day in London', () => {
    expect(ukDate(new Date('2026-06-30T23:30:00Z'))).toEqual({ year: 2026, month: 7, day: 1 });
    expect(ukDate(new Date('2026-12-31T23:30:00Z'))).toEqual({ year: 2026, month: 12, day: 31 });
  });

  it('starts week 2 exactly seven UK days after the plan start, across the clocks going back', () => {
    // Plan starts Monday 19 October 2026; clocks go back on 25 October.
    expect(periodIndex('week', '2026-10-19', new Date('2026-10-25T23:59:00Z'))).toBe(1);
    expect(periodIndex('week', '2026-10-19', new Date('2026-10-26T00:00:00Z'))).toBe(2);
    // In BST, 23:30 UTC on the Sunday is already Monday in London.
    expect(periodIndex('week', '2026-04-06', new Date('2026-04-12T23:30:00Z'))).toBe(2);
  });

  it('counts months from the plan start day, at the edges', () => {
    expect(periodIndex('month', '2026-04-15', new Date('2026-05-14T12:00:00Z'))).toBe(1);
    expect(periodIndex('month', '2026-04-15', new Date('2026-05-15T00:30:00Z'))).toBe(2);
    expect(periodIndex('month', '2026-04-01', new Date('2027-03-31T12:00:00Z'))).toBe(12);
  });

  it('is period 0 before the plan starts, and one period for a yearly line', () => {
    expect(periodIndex('week', '2026-04-01', new Date('2026-03-31T12:00:00Z'))).toBe(0);
    expect(periodIndex('year', '2026-04-01', new Date('2026-09-01T12:00:00Z'))).toBe(1);
  });
});

describe('line allowance', () => {
  const weekly = { capPence: 10_000, period: 'week' as const };

  it('accrues with carry-forward: cap × periods started, one counter for the plan year', () => {
    const third = lineAllowance(
      { ...weekly, carryForward: true },
      '2026-04-06',
      new Date('2026-04-20T10:00:00Z'),
    );
    expect(third).toEqual({ periodKey: 'plan-year', limitPence: 30_000, periodIndex: 3 });
  });

  it('stands alone each period without carry-forward', () => {
    const third = lineAllowance(
      { ...weekly, carryForward: false },
      '2026-04-06',
      new Date('2026-04-20T10:00:00Z'),
    );
    expect(third).toEqual({ periodKey: 'week-3', limitPence: 10_000, periodIndex: 3 });
  });

  it('allows nothing before the plan starts', () => {
    expect(
      lineAllowance({ ...weekly, carryForward: false }, '2026-04-06', new Date('2026-04-01T10:00:00Z'))
        .limitPence,
    ).toBe(0);
  });
});
