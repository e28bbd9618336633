import { z } from 'zod';
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
