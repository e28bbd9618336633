/**
 * A listing's days and times (UK wall clock), for the booking form: which days to offer, the first
 * day they work, and whether a chosen date and time falls inside them. A listing with no times
 * given means "ask the provider", so every time is allowed.
 */
import type { Weekday } from '@carepool/domain';
import { addDays } from './dates.ts';
import { weekdays } from './labels.ts';

export interface Slot {
  day: Weekday;
  from: string;
  to: string;
}

const weekdayOrder: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** The weekday of a calendar date ("2026-06-02" is a Tuesday). */
export function weekdayOf(isoDate: string): Weekday {
  return weekdayOrder[new Date(`${isoDate}T12:00:00Z`).getUTCDay()] ?? 'sun';
}

/** "10am", "2:30pm". */
export function clockWords(time: string): string {
  const [h = 0, m = 0] = time.split(':').map(Number);
  const suffix = h < 12 ? 'am' : 'pm';
  const hour = h % 12 === 0 ? 12 : h % 12;
  return m === 0 ? `${hour}${suffix}` : `${hour}:${String(m).padStart(2, '0')}${suffix}`;
}

/** "Tuesday, 10am to 12pm". */
export function slotWords(slot: Slot): string {
  return `${weekdays[slot.day]}, ${clockWords(slot.from)} to ${clockWords(slot.to)}`;
}

/** Whether a booking starting at `time` on `isoDate` falls within one of the slots. */
export function fitsAvailability(slots: Slot[], isoDate: string, time: string): boolean {
  if (slots.length === 0) return true;
  const day = weekdayOf(isoDate);
  return slots.some((slot) => slot.day === day && slot.from <= time && time < slot.to);
}

/** The first date on or after `from` when the provider works (or `from` itself with no times given). */
export function firstWorkingDay(slots: Slot[], from: string): string {
  if (slots.length === 0) return from;
  for (let n = 0; n < 7; n++) {
    const day = addDays(from, n);
    if (slots.some((slot) => slot.day === weekdayOf(day))) return day;
  }
  return from;
}

/** The start time of the first slot on a date, if they work that day. */
export function firstStartOn(slots: Slot[], isoDate: string): string | undefined {
  const day = weekdayOf(isoDate);
  return slots
    .filter((slot) => slot.day === day)
    .map((slot) => slot.from)
    .sort()[0];
}
