/**
 * The unmet-demand report as bars: one for each area and kind of support, as long as the number of
 * people it stood for, against the largest. Every bar has its figures written beside it.
 */
import { type Category, categoryLabel } from '@carepool/domain';

export interface DemandRow {
  area: string;
  category: Category;
  requests: number;
  people: number;
  quotesReceived: number;
}

export interface DemandBar extends DemandRow {
  key: string;
  label: string;
  /** 0 to 100: the bar's length against the longest. */
  percent: number;
  figures: string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function demandBars(rows: readonly DemandRow[]): DemandBar[] {
  const most = Math.max(0, ...rows.map((r) => r.people));
  return [...rows]
    .sort(
      (a, b) => b.people - a.people || a.area.localeCompare(b.area) || a.category.localeCompare(b.category),
    )
    .map((row) => ({
      ...row,
      key: `${row.area}#${row.category}`,
      label: `${row.area}: ${categoryLabel(row.category)}`,
      percent: most === 0 ? 0 : Math.round((row.people / most) * 1000) / 10,
      figures: `${plural(row.people, 'person', 'people')} in ${plural(row.requests, 'request', 'requests')}, ${plural(
        row.quotesReceived,
        'quote',
        'quotes',
      )} received`,
    }));
}
