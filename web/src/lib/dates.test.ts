import { describe, expect, it } from 'vitest';
import {
  addDays,
  formatDate,
  formatDateTime,
  parseClock,
  parseDateParts,
  partsOf,
  todayIso,
  ukDateTime,
} from './dates.ts';

describe('dates', () => {
  it('reads the three boxes of a date input', () => {
    expect(parseDateParts({ day: '2', month: '6', year: '2026' })).toEqual({ ok: true, iso: '2026-06-02' });
    expect(parseDateParts({ day: '', month: '', year: '' }, 'the date')).toEqual({
      ok: false,
      message: 'Enter the date',
      part: 'day',
    });
    expect(parseDateParts({ day: '2', month: '', year: '2026' }, 'the date')).toMatchObject({
      ok: false,
      message: 'The date must include a month',
    });
    expect(parseDateParts({ day: '31', month: '2', year: '2026' })).toMatchObject({ ok: false });
    expect(parseDateParts({ day: 'x', month: '2', year: '2026' })).toMatchObject({ ok: false });
    expect(partsOf('2026-06-02')).toEqual({ day: '2', month: '6', year: '2026' });
  });

  it('reads times as people write them', () => {
    expect(parseClock('10:30')).toEqual({ ok: true, time: '10:30' });
    expect(parseClock('2pm')).toEqual({ ok: true, time: '14:00' });
    expect(parseClock('12am')).toEqual({ ok: true, time: '00:00' });
    expect(parseClock('9.15')).toEqual({ ok: true, time: '09:15' });
    expect(parseClock('25:00')).toMatchObject({ ok: false });
    expect(parseClock('noonish')).toMatchObject({ ok: false });
  });

  it('means UK time, in summer and in winter', () => {
    expect(ukDateTime('2026-06-02', '10:30')).toBe('2026-06-02T10:30:00+01:00');
    expect(ukDateTime('2026-12-02', '10:30')).toBe('2026-12-02T10:30:00+00:00');
    expect(new Date(ukDateTime('2026-06-02', '10:30')).toISOString()).toBe('2026-06-02T09:30:00.000Z');
  });

  it('writes dates for people', () => {
    expect(formatDate('2026-06-02')).toBe('2 June 2026');
    expect(formatDateTime('2026-06-02T09:30:00Z')).toBe('Tuesday 2 June 2026 at 10:30am');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(todayIso(new Date('2026-06-01T23:30:00Z'))).toBe('2026-06-02');
  });
});
