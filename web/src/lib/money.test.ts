import { describe, expect, it } from 'vitest';
import { formatPence, parsePounds, penceToPoundsInput } from './money.ts';

describe('formatPence', () => {
  it.each([
    [0, '£0'],
    [5, '£0.05'],
    [1250, '£12.50'],
    [5000, '£50'],
    [123_456_789, '£1,234,567.89'],
    [100_000_000_00, '£100,000,000'],
    [-500, '−£5'],
    [-1, '−£0.01'],
  ])('%i pence is %s', (pence, text) => {
    expect(formatPence(pence)).toBe(text);
  });

  it('always shows pence for statements, where columns must line up', () => {
    expect(formatPence(5000, { pence: 'always' })).toBe('£50.00');
    expect(formatPence(100_000, { pence: 'always' })).toBe('£1,000.00');
    expect(formatPence(-3600, { pence: 'always' })).toBe('−£36.00');
  });

  it('refuses anything that is not whole pence', () => {
    expect(() => formatPence(12.5)).toThrow(RangeError);
    expect(() => formatPence(Number.NaN)).toThrow(RangeError);
  });

  it('is exact for every amount up to £100 million (no floating-point drift)', () => {
    for (const pence of [1, 10, 99, 101, 999_999, 1_000_001, 9_999_999_999, 10_000_000_001]) {
      const text = formatPence(pence, { pence: 'always' });
      const parsed = parsePounds(text);
      expect(parsed).toEqual({ ok: true, pence });
    }
  });
});

describe('parsePounds', () => {
  it.each([
    ['12', 1200],
    ['12.5', 1250],
    ['12.50', 1250],
    ['£12.50', 1250],
    [' £ 1,250 ', 125_000],
    ['0.01', 1],
    ['0', 0],
  ])('reads %j as %i pence', (text, pence) => {
    expect(parsePounds(text)).toEqual({ ok: true, pence });
  });

  it.each([
    ['', 'Enter the price'],
    ['-5', 'The amount cannot be negative'],
    ['12.345', 'Enter the amount in pounds and pence, like 12.50'],
    ['twelve', 'Enter the price in pounds, like 12.50'],
    ['12.5.0', 'Enter the price in pounds, like 12.50'],
  ])('refuses %j with a message that says what to type', (text, message) => {
    expect(parsePounds(text, { label: 'the price' })).toEqual({ ok: false, message });
  });

  it('checks the bounds it is given', () => {
    expect(parsePounds('0', { min: 1 })).toEqual({ ok: false, message: 'The amount must be at least £0.01' });
    expect(parsePounds('101', { max: 10_000 })).toEqual({
      ok: false,
      message: 'The amount must be £100 or less',
    });
  });
});

describe('penceToPoundsInput', () => {
  it('fills a pounds field with what the API holds', () => {
    expect(penceToPoundsInput(1250)).toBe('12.50');
    expect(penceToPoundsInput(5)).toBe('0.05');
    expect(parsePounds(penceToPoundsInput(98_765))).toEqual({ ok: true, pence: 98_765 });
  });
});
