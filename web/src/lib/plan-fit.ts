/**
 * For a signed-in budget holder looking at support: does their plan have a part for this kind of
 * support, and is there enough left on it now for one? Said in words beside the price.
 */
import { formatPence } from './money.ts';

export interface FitLine {
  category: string;
  title: string;
  leftNowPence: number;
}

export function planFitWords(
  lines: readonly FitLine[] | undefined,
  listing: { category: string; pricePence: number },
): string | undefined {
  if (!lines) return undefined;
  const matching = lines.filter((line) => line.category === listing.category);
  if (matching.length === 0) return 'Your plan does not cover this kind of support';
  const best = matching.reduce((a, b) => (b.leftNowPence > a.leftNowPence ? b : a));
  const left = `${formatPence(Math.max(0, best.leftNowPence))} left on ${best.title.toLowerCase()} now`;
  return best.leftNowPence >= listing.pricePence
    ? `Fits your plan: ${left}`
    : `Not enough left in your plan: ${left}`;
}
