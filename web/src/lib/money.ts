/**
 * Money is integer pence everywhere in Carepool; pounds exist only at the edge, where people read
 * and type them.
 */

const wholePounds = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const poundsAndPence = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export interface FormatOptions {
  /** `auto` (the default) writes £75 for whole pounds and £75.50 otherwise; `always` writes £75.00. */
  pence?: 'auto' | 'always';
}

/** 1250 → "£12.50", 5000 → "£50", 123456789 → "£1,234,567.89", -500 → "−£5". */
export function formatPence(pence: number, options: FormatOptions = {}): string {
  if (!Number.isSafeInteger(pence)) throw new RangeError(`Money must be whole pence, got ${pence}`);
  const sign = pence < 0 ? '−' : '';
  const abs = Math.abs(pence);
  const showPence = options.pence === 'always' || abs % 100 !== 0;
  // Integer arithmetic, so large amounts never pick up floating-point errors.
  const pounds = Math.floor(abs / 100);
  const text = showPence
    ? `${poundsAndPence.format(pounds).replace(/\.00$/, '')}.${String(abs % 100).padStart(2, '0')}`
    : wholePounds.format(pounds);
  return `${sign}£${text}`;
}

export type ParsedMoney = { ok: true; pence: number } | { ok: false; message: string };

/**
 * Reads what a person typed as pounds: "12", "12.5", "£12.50", "1,250" are all fine. Refuses
 * fractions of a penny, negative amounts and anything that is not a number, with a message that
 * says what to type instead.
 */
export function parsePounds(
  text: string,
  options: { label?: string; min?: number; max?: number } = {},
): ParsedMoney {
  const label = options.label ?? 'an amount';
  const cleaned = text.trim().replace(/^£/, '').replace(/,/g, '').trim();
  if (cleaned === '') return { ok: false, message: `Enter ${label}` };
  if (cleaned.startsWith('-')) return { ok: false, message: 'The amount cannot be negative' };
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) {
    return /^\d*\.\d{3,}$/.test(cleaned)
      ? { ok: false, message: 'Enter the amount in pounds and pence, like 12.50' }
      : { ok: false, message: `Enter ${label} in pounds, like 12.50` };
  }
  const pounds = Number(match[1]);
  const pencePart = Number((match[2] ?? '0').padEnd(2, '0'));
  const pence = pounds * 100 + pencePart;
  if (!Number.isSafeInteger(pence)) return { ok: false, message: 'That amount is too large' };
  if (options.min !== undefined && pence < options.min) {
    return { ok: false, message: `The amount must be at least ${formatPence(options.min)}` };
  }
  if (options.max !== undefined && pence > options.max) {
    return { ok: false, message: `The amount must be ${formatPence(options.max)} or less` };
  }
  return { ok: true, pence };
}

/** 1250 → "12.50" for filling a pounds input with an amount already known. */
export function penceToPoundsInput(pence: number): string {
  return `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')}`;
}
