import { describe, expect, it } from 'vitest';
import { foldMonth, suppress, ukMonthOf, ukMonthStart, wholePercents } from './monitoring.ts';

const cell = (people: number, size: number, siblingGroups: string[]) => ({ people, size, siblingGroups });

describe('suppression', () => {
  it('hides a cell about one to four people, never an empty one', () => {
    const [empty, four, five] = suppress([cell(0, 0, []), cell(4, 100, []), cell(5, 100, [])]);
    expect(empty?.suppressed).toBeUndefined();
    expect(four?.suppressed).toBe('fewer_than_five_people');
    expect(five?.suppressed).toBeUndefined();
  });

  it('hides the smallest sibling as well, so a total cannot give the hidden cell away', () => {
    const cells = suppress([cell(2, 50, ['row']), cell(9, 300, ['row']), cell(7, 200, ['row'])]);
    expect(cells.map((c) => c.suppressed)).toEqual([
      'fewer_than_five_people',
      undefined,
      'protects_another_cell',
    ]);
  });

  it('carries secondary suppression across rows and columns until nothing changes', () => {
    const cells = suppress([
      cell(2, 10, ['r1', 'c1']),
      cell(8, 80, ['r1', 'c2']),
      cell(9, 90, ['r2', 'c1']),
      cell(6, 60, ['r2', 'c2']),
    ]);
    // r1: the 2 forces the 8; c1 then has one hidden (2) and hides the 9; c2 has the 8 and hides the 6.
    expect(cells.every((c) => c.suppressed)).toBe(true);
  });
});

describe('percentages', () => {
  it('add up to exactly 100', () => {
    expect(wholePercents([1, 1, 1])).toEqual([34, 33, 33]);
    expect(wholePercents([3, 1, 1])).toEqual([60, 20, 20]);
    expect(wholePercents([0, 0, 0])).toEqual([0, 0, 0]);
  });
});

describe('UK months', () => {
  it('start at midnight in London, an hour earlier in UTC during summer time', () => {
    expect(ukMonthStart('2026-07').toISOString()).toBe('2026-06-30T23:00:00.000Z');
    expect(ukMonthStart('2026-12').toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(ukMonthOf(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07');
  });
});

describe('folding a month', () => {
  it('counts each person once per cell however often they paid, and keeps deployments apart', () => {
    const month = foldMonth(
      'c',
      '2026-11',
      {
        holders: [
          { personId: 'a', deployment: 'direct_payment' },
          { personId: 'b', deployment: 'managed_account' },
        ],
        spends: [
          { personId: 'a', amountPence: 100, category: 'transport', providerKind: 'micro_enterprise' },
          { personId: 'a', amountPence: 250, category: 'transport', providerKind: 'micro_enterprise' },
          {
            personId: 'b',
            amountPence: 300,
            category: 'transport',
            providerKind: 'organisation',
            individualPricePence: 500,
          },
        ],
        surveys: [],
      },
      new Date('2026-12-02T00:00:00Z'),
    );
    expect(month.closed).toBe(true);
    const find = (dimension: string, value: string, deployment: string) =>
      month.spend.find((s) => s.dimension === dimension && s.value === value && s.deployment === deployment);
    expect(find('total', 'all', 'direct_payment')).toMatchObject({ amountPence: 350, people: 1 });
    expect(find('category', 'transport', 'all')).toMatchObject({ amountPence: 650, people: 2 });
    expect(month.groupSavings).toContainEqual({
      deployment: 'managed_account',
      people: 1,
      paidPence: 300,
      individualPricePence: 500,
    });
  });
});
