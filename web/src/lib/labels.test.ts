import { describe, expect, it } from 'vitest';
import { codeWords, orderHistoryWords, priceUnitWords } from './labels.ts';

describe('words instead of ids and codes', () => {
  it('says what happened to an order in plain words', () => {
    expect(orderHistoryWords('paid_out', 'Kasia')).toBe('Paid to Kasia');
    expect(orderHistoryWords('accepted', 'Kasia')).toBe('Accepted by Kasia');
    expect(orderHistoryWords('something_new', 'Kasia')).toBe('Something new');
    expect(codeWords('paid_out')).toBe('Paid out');
  });
});

describe('price units in words', () => {
  it('explains "each" for the kind of support', () => {
    expect(priceUnitWords('item', 'transport')).toBe('a journey');
    expect(priceUnitWords('hour', 'transport')).toBe('an hour');
    expect(priceUnitWords('item', 'day_and_community')).toBe('each (one ticket, visit or item)');
  });
});
