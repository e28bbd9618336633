import { describe, expect, it } from 'vitest';
import { statementRowNote } from './statement.ts';

describe('what a statement row says happened', () => {
  it('says money set aside is not spent yet', () => {
    expect(statementRowNote({ amountPence: 0, pendingPence: -4_250 })).toBe(
      '£42.50 set aside until the support happens: not spent yet',
    );
  });

  it('says a payment came from what was set aside, and what came back', () => {
    expect(statementRowNote({ amountPence: -4_250, pendingPence: 4_250 })).toBe(
      'Paid from the £42.50 set aside',
    );
    expect(statementRowNote({ amountPence: -1_800, pendingPence: 3_600 })).toBe(
      '£18.00 paid from the £36.00 set aside; the other £18.00 is back in the account',
    );
    expect(statementRowNote({ amountPence: 0, pendingPence: 3_600 })).toBe(
      'The £36.00 set aside is back in the account',
    );
  });

  it('adds nothing to money simply paid in or out', () => {
    expect(statementRowNote({ amountPence: 100_000, pendingPence: 0 })).toBeUndefined();
  });
});
