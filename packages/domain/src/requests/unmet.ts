import type { Category } from '../categories.ts';
import type { SupportRequestRecord } from './request.ts';

/**
 * Unmet demand, counted two ways that must agree:
 *
 * - from the requests themselves (`tallyRequests`), as the report always did: a request made in the
 *   range whose window has closed (`respondBy <= now`) and that nobody's quote was accepted for;
 * - from counters kept as requests change (`tallyCounts`), so a report costs the days it covers, not
 *   the requests made in them.
 *
 * Whether a request is unmet depends on the time the report is read, so the counters cannot simply
 * say "unmet". They count every request by the UTC day it was made (for the total) and every
 * request not accepted by the day it was made, the UTC day its window closes, area and category.
 * At read time an entry whose window closed before today is unmet and one closing after today is
 * not. Requests closing today are the only ones that need the exact instant: a second counter item
 * per council and closing day keeps them by their `respondBy` instant, and the report reads today's.
 */

/** The postcode area a report groups by: the letters of the district ('HG1' → 'HG'). */
export const areaOf = (outcode: string) => outcode.replace(/[0-9].*$/, '');

/** What one request not (yet) accepted adds to its row: itself, the people it stands for, its quotes. */
export interface UnmetShare {
  requests: number;
  people: number;
  quotes: number;
}

export function shareOf(
  r: Pick<SupportRequestRecord, 'participants' | 'interestedCount' | 'quoteCount'>,
): UnmetShare {
  return { requests: 1, people: r.participants + r.interestedCount, quotes: r.quoteCount };
}

/** The counters kept for the requests a council's people made on one UTC day. */
export interface UnmetDayCounts {
  day: string;
  /** Every request made that day, whatever became of it (the report's `totalRequests`). */
  created: number;
  /** Requests made that day and not accepted, by the day their window closes, area and category. */
  open: Array<UnmetShare & { closesDay: string; area: string; category: string }>;
}

/** Requests closing on one day and not accepted, by their exact closing instant. */
export type UnmetClosingCounts = UnmetShare & {
  respondBy: string;
  createdDay: string;
  area: string;
  category: string;
};

export interface UnmetCounts {
  /**
   * From this instant on, every request made is in the counters (set by the first request written
   * with them, or to the beginning of time by the backfill once older requests are added). Days up
   * to and including its day are counted from the requests; undefined: no day is in the counters.
   */
  trackedFrom: string | undefined;
  days: UnmetDayCounts[];
  closingToday: UnmetClosingCounts[];
}

export interface UnmetRow {
  area: string;
  category: Category;
  requests: number;
  people: number;
  quotesReceived: number;
}

export interface UnmetTally {
  totalRequests: number;
  unmetRequests: number;
  rows: UnmetRow[];
}

class Rows {
  private readonly rows = new Map<string, UnmetRow>();
  total = 0;

  add(area: string, category: string, share: UnmetShare) {
    const key = `${area}#${category}`;
    const row = this.rows.get(key) ?? {
      area,
      category: category as Category,
      requests: 0,
      people: 0,
      quotesReceived: 0,
    };
    row.requests += share.requests;
    row.people += share.people;
    row.quotesReceived += share.quotes;
    this.rows.set(key, row);
  }

  done(): UnmetTally {
    // Counters of requests later accepted net to zero rows; a row is a request still unmet.
    const rows = [...this.rows.values()]
      .filter((r) => r.requests > 0)
      // Category last, so equal rows come out in one order however they were read.
      .sort(
        (a, b) => b.people - a.people || a.area.localeCompare(b.area) || a.category.localeCompare(b.category),
      );
    return { totalRequests: this.total, unmetRequests: rows.reduce((n, r) => n + r.requests, 0), rows };
  }

  merge(other: UnmetTally) {
    this.total += other.totalRequests;
    for (const r of other.rows)
      this.add(r.area, r.category, { requests: r.requests, people: r.people, quotes: r.quotesReceived });
  }
}

/** The report from the requests themselves (made in the range: the caller reads only those). */
export function tallyRequests(requests: readonly SupportRequestRecord[], now: string): UnmetTally {
  const rows = new Rows();
  rows.total = requests.length;
  for (const r of requests) {
    if (r.status !== 'accepted' && r.respondBy <= now) rows.add(areaOf(r.outcode), r.category, shareOf(r));
  }
  return rows.done();
}

/** The report from the counters, for the days `from`..`to` (YYYY-MM-DD, UTC) at the instant `now`. */
export function tallyCounts(counts: Omit<UnmetCounts, 'trackedFrom'>, from: string, to: string, now: string) {
  const today = now.slice(0, 10);
  const rows = new Rows();
  const inRange = (day: string) => day >= from && day <= to;
  for (const day of counts.days) {
    if (!inRange(day.day)) continue;
    rows.total += day.created;
    for (const entry of day.open) if (entry.closesDay < today) rows.add(entry.area, entry.category, entry);
  }
  for (const entry of counts.closingToday) {
    if (inRange(entry.createdDay) && entry.respondBy.slice(0, 10) === today && entry.respondBy <= now)
      rows.add(entry.area, entry.category, entry);
  }
  return rows.done();
}

/** The last day a report must count from the requests: days up to it are not all in the counters. */
export function lastUncountedDay(trackedFrom: string | undefined, to: string): string {
  return trackedFrom === undefined || trackedFrom.slice(0, 10) > to ? to : trackedFrom.slice(0, 10);
}

/** The day after a YYYY-MM-DD day. */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Adds the two halves of a report: days read from the requests and days read from the counters. */
export function mergeTallies(...parts: UnmetTally[]): UnmetTally {
  const rows = new Rows();
  for (const part of parts) rows.merge(part);
  return rows.done();
}
