/** Dates as people read them: "2 June 2026", "Tuesday 2 June 2026 at 10:30am". */

const dayMonthYear = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});
const weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'Europe/London' });
const clock = new Intl.DateTimeFormat('en-GB', {
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
  timeZone: 'Europe/London',
});

/** "2026-06-02" or an ISO date-time → "2 June 2026". */
export function formatDate(value: string): string {
  const date = value.length === 10 ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return Number.isNaN(date.getTime()) ? value : dayMonthYear.format(date);
}

/** ISO date-time → "Tuesday 2 June 2026 at 10:30am". */
export function formatDateTime(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  // Built from parts: ICU versions differ on a comma after the weekday, and GOV.UK style has none.
  return `${weekday.format(date)} ${dayMonthYear.format(date)} at ${clock.format(date).replace(/\s/g, '').toLowerCase()}`;
}

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export type ParsedDate = { ok: true; iso: string } | { ok: false; message: string; part: keyof DateParts };

/** The three boxes of a GOV.UK date input → "2026-06-02", or what is wrong with them. */
export function parseDateParts(parts: DateParts, label = 'the date'): ParsedDate {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (!day && !month && !year) return { ok: false, message: `Enter ${label}`, part: 'day' };
  if (!day) return { ok: false, message: `${capitalise(label)} must include a day`, part: 'day' };
  if (!month) return { ok: false, message: `${capitalise(label)} must include a month`, part: 'month' };
  if (!year) return { ok: false, message: `${capitalise(label)} must include a year`, part: 'year' };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return { ok: false, message: `${capitalise(label)} must be a real date, like 27 3 2026`, part: 'day' };
  }
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(`${iso}T12:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) {
    return { ok: false, message: `${capitalise(label)} must be a real date`, part: 'day' };
  }
  return { ok: true, iso };
}

export function partsOf(iso: string): DateParts {
  const [year = '', month = '', day = ''] = iso.split('-');
  return { day: String(Number(day) || ''), month: String(Number(month) || ''), year };
}

/** Today in the UK, as "2026-06-02". */
export function todayIso(now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * A UK wall-clock date and time → an ISO instant with its offset ("2026-06-02T10:30:00+01:00"),
 * so 10:30 means 10:30 in the UK whatever the browser's own time zone.
 */
export function ukDateTime(isoDate: string, time: string): string {
  const [hours = '00', minutes = '00'] = time.split(':');
  const guess = new Date(`${isoDate}T${hours.padStart(2, '0')}:${minutes.padStart(2, '0')}:00Z`);
  const london = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hour: '2-digit',
    hourCycle: 'h23',
  }).format(guess);
  const offsetHours = (Number(london) - guess.getUTCHours() + 24) % 24;
  const sign = offsetHours >= 0 ? '+' : '-';
  return `${isoDate}T${hours.padStart(2, '0')}:${minutes.padStart(2, '0')}:00${sign}${String(offsetHours).padStart(2, '0')}:00`;
}

export function parseClock(text: string): { ok: true; time: string } | { ok: false; message: string } {
  const cleaned = text.trim().toLowerCase().replace(/\s/g, '');
  const match = /^(\d{1,2})(?:[:.](\d{2}))?(am|pm)?$/.exec(cleaned);
  if (!match) return { ok: false, message: 'Enter a time, like 10:30 or 2pm' };
  let hours = Number(match[1]);
  const minutes = Number(match[2] ?? '0');
  const half = match[3];
  if (half) {
    if (hours < 1 || hours > 12) return { ok: false, message: 'Enter a real time, like 10:30 or 2pm' };
    if (half === 'pm' && hours !== 12) hours += 12;
    if (half === 'am' && hours === 12) hours = 0;
  }
  if (hours > 23 || minutes > 59) return { ok: false, message: 'Enter a real time, like 10:30 or 2pm' };
  return { ok: true, time: `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}` };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
