import { activeUser, type Caller, type UserRecord } from '@carepool/domain';
import type { Deps } from '../deps.ts';

/**
 * How long a warm function trusts what it last read about a user. Short, so a removed user's
 * tokens stop working within seconds everywhere (and at once on the instance that removed them),
 * long enough that a page's burst of requests reads the record once.
 */
export const userCacheMs = 5_000;

const cache = new Map<string, { user: UserRecord | undefined; until: number }>();

export function forgetCachedUser(userId: string): void {
  for (const key of cache.keys()) if (key.endsWith(`#${userId}`)) cache.delete(key);
}

/**
 * The caller a verified token stands for, as our table says now: the token only proves who it
 * is; roles, council and person come from the record, so changing them (or removing the user)
 * takes effect without waiting for tokens to expire. Undefined for an unknown or removed user.
 */
export async function currentCaller(deps: Deps, userId: string): Promise<Caller | undefined> {
  const key = `${deps.env.CAREPOOL_TABLE}#${userId}`;
  const now = Date.now();
  let entry = cache.get(key);
  if (!entry || entry.until <= now) {
    entry = { user: await activeUser(deps.accounts.accounts, userId), until: now + userCacheMs };
    cache.set(key, entry);
    if (cache.size > 10_000) cache.delete(cache.keys().next().value ?? key);
  }
  const { user } = entry;
  return user
    ? {
        userId: user.userId,
        name: user.name,
        roles: user.roles,
        councilId: user.councilId,
        personId: user.personId,
      }
    : undefined;
}
