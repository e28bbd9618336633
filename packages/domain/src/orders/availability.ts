/**
 * A listing's days and times are UK wall-clock times ("Thursday 9am to 5pm"), so a booking is
 * checked in UK time, and a weekly repeat keeps the same UK time when the clocks change.
 */
import type { Weekday } from '../directory/listing.ts';
import { DomainError } from '../errors.ts';

export interface WeeklySlot {
  day: Weekday;
  from: string;
  to: string;
}

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'short',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const weekdayOf: Record<string, Weekday> = {
  Mon: 'mon',
  Tue: 'tue',
  Wed: 'wed',
  Thu: 'thu',
  Fri: 'fri',
  Sat: 'sat',
  Sun: 'sun',
};

/** The UK date, weekday and "HH:MM" at an instant. */
export function ukWallClock(at: Date): { date: string; day: Weekday; time: string } {
  const parts = Object.fromEntries(londonParts.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    day: weekdayOf[parts.weekday ?? 'Mon'] ?? 'mon',
    time: `${parts.hour}:${parts.minute}`,
  };
}

/** The instant a UK date and "HH:MM" names (the later reading when the clocks go back). */
export function fromUkWallClock(date: string, time: string): Date {
  const asUtc = Date.parse(`${date}T${time}:00Z`);
  // The UK is UTC or one hour ahead: try both offsets and keep the one that reads back the same.
  for (const offsetHours of [0, 1]) {
    const at = new Date(asUtc - offsetHours * 3_600_000);
    const back = ukWallClock(at);
    if (back.date === date && back.time === time) return at;
  }
  // A time skipped when the clocks go forward (01:30 on the last Sunday of March): an hour on.
  return new Date(asUtc);
}

/** The same UK time `weeks` weeks later, whatever the clocks did in between. */
export function weeksLater(start: Date, weeks: number): Date {
  if (weeks === 0) return start;
  const { date, time } = ukWallClock(start);
  const day = new Date(Date.parse(`${date}T00:00:00Z`) + weeks * 7 * 86_400_000).toISOString().slice(0, 10);
  return fromUkWallClock(day, time);
}

/** "23:59" is the latest a slot can say, so it means "until midnight". */
const endOf = (slot: WeeklySlot) => (slot.to === '23:59' ? '24:00' : slot.to);

/** Whether a booking starting at `at` starts within one of the slots; no slots means "ask the provider". */
export function withinAvailability(slots: readonly WeeklySlot[], at: Date): boolean {
  if (slots.length === 0) return true;
  const { day, time } = ukWallClock(at);
  return slots.some((slot) => slot.day === day && slot.from <= time && time < endOf(slot));
}

/** The first slot start at or after `from` (UK time), for seeds and forms choosing a good default. */
export function firstAvailableStart(slots: readonly WeeklySlot[], from: Date): Date {
  if (slots.length === 0) return from;
  const today = ukWallClock(from).date;
  for (let n = 0; n <= 7; n++) {
    const date = new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    const day = ukWallClock(fromUkWallClock(date, '12:00')).day;
    const starts = slots
      .filter((slot) => slot.day === day)
      .map((slot) => fromUkWallClock(date, slot.from))
      .filter((start) => start.getTime() >= from.getTime())
      .sort((a, b) => a.getTime() - b.getTime());
    if (starts[0]) return starts[0];
  }
  return from;
}

const dayNames: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

function clockWords(time: string): string {
  const [h = 0, m = 0] = time.split(':').map(Number);
  const hour = h % 12 === 0 ? 12 : h % 12;
  const suffix = h < 12 ? 'am' : 'pm';
  return m === 0 ? `${hour}${suffix}` : `${hour}:${String(m).padStart(2, '0')}${suffix}`;
}

/** "Thursday 9am to 5pm; Friday 9am to 5pm". */
export function availabilityWords(slots: readonly WeeklySlot[]): string {
  return slots
    .map(
      (slot) =>
        `${dayNames[slot.day]} ${clockWords(slot.from)} to ${endOf(slot) === '24:00' ? 'midnight' : clockWords(slot.to)}`,
    )
    .join('; ');
}

/**
 * Refuses a booking (every week of a repeat) that starts outside the provider's days and times: a
 * 400 on `scheduledFor` whose message says when they work, and `facts.outside` lists each date.
 */
export function assertWithinAvailability(
  slots: readonly WeeklySlot[],
  providerName: string,
  starts: readonly Date[],
): void {
  const outside = starts.filter((at) => !withinAvailability(slots, at));
  if (outside.length === 0) return;
  const which =
    starts.length === 1
      ? 'That time is outside them'
      : `${outside.length} of the ${starts.length} weeks fall outside them`;
  const message = `${providerName} works ${availabilityWords(slots)} (UK time). ${which}: choose a day and time within them.`;
  throw new DomainError('invalid', 'outside_availability', message, {
    issues: [{ field: 'scheduledFor', message, code: 'outside_availability' }],
    facts: { availability: slots, outside: outside.map((at) => at.toISOString()) },
  });
}
