/**
 * Checks made before anything is sent to a rail. Money is integer pence everywhere in Carepool; a
 * fraction, a zero or a negative here is a bug upstream, so it fails loudly rather than reaching Stripe.
 */

/** Stripe's ceiling for a single GBP amount (£999,999.99). */
export const MAX_RAIL_PENCE = 99_999_999;

export function assertPence(field: string, value: number): void {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`${field} must be a whole number of pence above zero; got ${String(value)}.`);
  }
  if (value > MAX_RAIL_PENCE) {
    throw new RangeError(`${field} must be at most ${MAX_RAIL_PENCE} pence; got ${value}.`);
  }
}

/**
 * Idempotency keys must be present (an empty one would silently become no key at all, so a retry
 * could pay twice) and within Stripe's 255-character limit.
 */
export function assertKey(field: string, value: string): void {
  if (value.trim().length === 0 || value.length > 200) {
    throw new RangeError(`${field} must be a non-empty id of at most 200 characters.`);
  }
}
