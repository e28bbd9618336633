import { describe, expect, it } from 'vitest';
import { firstWorkingDay, fitsAvailability, slotWords, weekdayOf } from './availability.ts';

const thursdayToSunday = (['thu', 'fri', 'sat', 'sun'] as const).map((day) => ({
  day,
  from: '09:00',
  to: '17:00',
}));

describe('availability', () => {
  it('knows the weekday of a date', () => {
    expect(weekdayOf('2026-06-02')).toBe('tue');
  });
  it('refuses 3am on a Monday for a Thursday-to-Sunday provider', () => {
    expect(fitsAvailability(thursdayToSunday, '2026-06-01', '03:00')).toBe(false);
    expect(fitsAvailability(thursdayToSunday, '2026-06-04', '03:00')).toBe(false);
    expect(fitsAvailability(thursdayToSunday, '2026-06-04', '09:00')).toBe(true);
    expect(fitsAvailability(thursdayToSunday, '2026-06-04', '17:00')).toBe(false);
  });
  it('allows any time when the listing gives none', () => {
    expect(fitsAvailability([], '2026-06-01', '03:00')).toBe(true);
  });
  it('moves the default date on to a day they work', () => {
    expect(firstWorkingDay(thursdayToSunday, '2026-06-01')).toBe('2026-06-04');
    expect(firstWorkingDay(thursdayToSunday, '2026-06-06')).toBe('2026-06-06');
  });
  it('says a slot in words', () => {
    expect(slotWords({ day: 'tue', from: '10:00', to: '12:30' })).toBe('Tuesday, 10am to 12:30pm');
  });
});
