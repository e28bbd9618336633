import { describe, expect, it } from 'vitest';
import {
  availabilityWords,
  firstAvailableStart,
  fromUkWallClock,
  ukWallClock,
  weeksLater,
  withinAvailability,
} from './availability.ts';

const tuesdayMornings = [{ day: 'tue', from: '10:00', to: '12:00' }] as const;

describe('a listing’s days and times, in UK time', () => {
  it('reads an instant as the UK date, weekday and time, in summer and in winter', () => {
    expect(ukWallClock(new Date('2026-06-02T09:30:00Z'))).toEqual({
      date: '2026-06-02',
      day: 'tue',
      time: '10:30',
    });
    expect(ukWallClock(new Date('2026-12-01T09:30:00Z'))).toEqual({
      date: '2026-12-01',
      day: 'tue',
      time: '09:30',
    });
    expect(fromUkWallClock('2026-06-02', '10:30').toISOString()).toBe('2026-06-02T09:30:00.000Z');
    expect(fromUkWallClock('2026-12-01', '10:30').toISOString()).toBe('2026-12-01T10:30:00.000Z');
  });

  it('allows a start within a slot and refuses one before, at the end of, or on another day', () => {
    expect(withinAvailability(tuesdayMornings, fromUkWallClock('2026-06-02', '10:00'))).toBe(true);
    expect(withinAvailability(tuesdayMornings, fromUkWallClock('2026-06-02', '11:59'))).toBe(true);
    expect(withinAvailability(tuesdayMornings, fromUkWallClock('2026-06-02', '09:59'))).toBe(false);
    expect(withinAvailability(tuesdayMornings, fromUkWallClock('2026-06-02', '12:00'))).toBe(false);
    expect(withinAvailability(tuesdayMornings, fromUkWallClock('2026-06-01', '10:30'))).toBe(false);
    expect(withinAvailability([], fromUkWallClock('2026-06-01', '03:00'))).toBe(true);
  });

  it('takes "until 23:59" to mean until midnight', () => {
    const allDay = [{ day: 'mon', from: '00:00', to: '23:59' }] as const;
    expect(
      withinAvailability(allDay, new Date(fromUkWallClock('2026-06-01', '23:59').getTime() + 30_000)),
    ).toBe(true);
  });

  it('keeps a weekly repeat at the same UK time when the clocks go back', () => {
    const first = fromUkWallClock('2026-10-22', '09:30');
    expect(weeksLater(first, 1).toISOString()).toBe('2026-10-29T09:30:00.000Z');
    expect(ukWallClock(weeksLater(first, 1)).time).toBe('09:30');
  });

  it('finds the next time the provider starts work', () => {
    // Wednesday 3 June: the next start is Tuesday 9 June at 10am.
    expect(firstAvailableStart(tuesdayMornings, new Date('2026-06-03T08:00:00Z')).toISOString()).toBe(
      '2026-06-09T09:00:00.000Z',
    );
    // Tuesday before 10am: the same morning.
    expect(firstAvailableStart(tuesdayMornings, new Date('2026-06-02T06:00:00Z')).toISOString()).toBe(
      '2026-06-02T09:00:00.000Z',
    );
  });

  it('says when they work in words', () => {
    expect(availabilityWords([...tuesdayMornings, { day: 'sun', from: '14:30', to: '23:59' }])).toBe(
      'Tuesday 10am to 12pm; Sunday 2:30pm to midnight',
    );
  });
});
