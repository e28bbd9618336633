import { describe, expect, it } from 'vitest';
import { codeWords, orderHistoryWords, priceUnitWords, shortReference } from './labels.ts';

describe('words instead of ids and codes', () => {
  it('gives an 8-character capital reference without the prefix or punctuation', () => {
    expect(shortReference('ord_0cBq-UXNcKgyEZ6F')).toBe('CKGYEZ6F');
    expect(shortReference('prv_demo_0003')).toBe('DEMO0003');
    expect(shortReference('abc')).toBe('ABC');
  });

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
