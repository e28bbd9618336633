import * as z from 'zod';
import { invalid } from './errors.ts';

/** One page of a list that grows without bound (orders, statement lines, groups, requests). */
export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

export interface Page<T> {
  items: T[];
  /** Absent on the last page. */
  nextCursor?: string | undefined;
}

/**
 * Where the previous page stopped: the list it belongs to and the stored key of its last item.
 * The list name is inside so a cursor cut from one list (someone else's orders, say) is refused
 * on another instead of being used as a starting point there.
 */
const PageCursor = z
  .object({
    l: z.string().min(1).max(300),
    k: z.record(z.string().max(40), z.string().max(400)).refine((key) => Object.keys(key).length <= 6),
  })
  .strict();

export function encodePageCursor(list: string, position: Record<string, string>): string {
  return Buffer.from(JSON.stringify({ l: list, k: position }), 'utf8').toString('base64url');
}

/**
 * Cursors are opaque to clients; a mangled one, or one from a different list, is the client's
 * error (400 naming `cursor`), never a 500 and never a way into another list.
 */
export function decodePageCursor(text: string, list: string): Record<string, string> {
  const badCursor = invalid(
    'cursor',
    'That cursor is not one we gave out for this list: start again without a cursor',
    'bad_cursor',
  );
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw badCursor;
  }
  const result = PageCursor.safeParse(parsed);
  if (!result.success || result.data.l !== list) throw badCursor;
  return result.data.k;
}

/**
 * A page of a list already worked out in full, by position. For a statement: its running balance
 * needs every earlier movement anyway, and the ledger only appends, so a position in a closed
 * date range never moves. The cursor is bound to the list, as every cursor is.
 */
export function pageByPosition<T>(all: readonly T[], list: string, page: PageRequest): Page<T> {
  let start = 0;
  if (page.cursor !== undefined) {
    const position = Number(decodePageCursor(page.cursor, list).at);
    if (!Number.isInteger(position) || position < 1 || position > all.length)
      throw invalid('cursor', 'That cursor is not one we gave out for this list', 'bad_cursor');
    start = position;
  }
  const end = start + page.limit;
  return {
    items: all.slice(start, end),
    ...(end < all.length ? { nextCursor: encodePageCursor(list, { at: String(end) }) } : {}),
  };
}
