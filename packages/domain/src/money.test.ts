import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pence, splitByLargestRemainder } from './money.ts';

describe('money', () => {
  it('refuses fractions of a penny', () => {
    expect(() => pence(12.5)).toThrow(RangeError);
    expect(pence(1250)).toBe(1250);
  });

  it('splits £10 three ways as 334p, 333p, 333p', () => {
    expect(splitByLargestRemainder(pence(1000), [1, 1, 1])).toEqual([334, 333, 333]);
  });

  it('always splits to shares that add up to the total exactly, within a penny of each other', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 60 }),
        (total, people) => {
          const shares = splitByLargestRemainder(
            pence(total),
            Array.from({ length: people }, () => 1),
          );
          expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
          expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
          expect(shares.every(Number.isInteger)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
