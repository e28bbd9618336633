/**
 * The one short reference a person quotes for a booking, payment, payout or group ("K7QF-2M9X"),
 * made from the thing's id so it never changes and needs no storing.
 *
 * - Eight characters of Crockford's base 32 (no I, L, O or U: nothing to misread), 40 bits.
 *   Among 100,000 things the chance that any two share a reference is under half a percent, so
 *   within one person's or one provider's records it picks out the right row.
 * - Shown as two groups of four joined by a hyphen, because people read and type four at a time
 *   (as with a phone number). Nothing asks a person to type one back yet; a page that does
 *   should accept it with or without the hyphen, in any case, reading I and L as 1 and O as 0.
 * - Pure code with no `node:crypto`, so the web app and the API compute the same reference from
 *   the same id. The hash is FNV-1a (64-bit) followed by MurmurHash3's 64-bit finaliser: FNV-1a
 *   alone leaves ids that differ only in their last character ("grp_demo_0006", "grp_demo_0007")
 *   with references that differ in only a character or two; the finaliser spreads every input bit
 *   across all 64, so neighbouring ids look unrelated. It is not a secret: anyone may work a
 *   reference out from an id, and nothing is authorised by knowing one.
 */

/** Letters and digits nobody confuses when reading one aloud (Crockford's base 32). */
export const shortReferenceAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const mask64 = (1n << 64n) - 1n;
const fnvOffset = 0xcbf29ce484222325n;
const fnvPrime = 0x100000001b3n;
const encoder = new TextEncoder();

/** FNV-1a over the id's UTF-8 bytes, then MurmurHash3's fmix64 so every bit depends on every byte. */
function hash64(text: string): bigint {
  let h = fnvOffset;
  for (const byte of encoder.encode(text)) h = ((h ^ BigInt(byte)) * fnvPrime) & mask64;
  h ^= h >> 33n;
  h = (h * 0xff51afd7ed558ccdn) & mask64;
  h ^= h >> 33n;
  h = (h * 0xc4ceb9fe1a85ec53n) & mask64;
  h ^= h >> 33n;
  return h;
}

/** "ord_0cBq-UXNcKgyEZ6F" → e.g. "K7QF-2M9X": the reference shown and printed everywhere. */
export function shortReference(id: string): string {
  // The top 40 bits, eight base-32 characters, most significant first.
  let bits = hash64(id) >> 24n;
  let text = '';
  for (let i = 0; i < 8; i++) {
    text = shortReferenceAlphabet[Number(bits & 31n)] + text;
    bits >>= 5n;
  }
  return `${text.slice(0, 4)}-${text.slice(4)}`;
}
