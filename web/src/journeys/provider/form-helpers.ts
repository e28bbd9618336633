/**
 * What the provider's forms share: optional dates, and
 * the languages a listing can offer.
 */
import { type DateParts, parseDateParts } from '../../lib/dates.ts';
import type { SummaryIssue } from '../../lib/problems.ts';

export const emptyDate: DateParts = { day: '', month: '', year: '' };

/** An optional date: empty is fine, half-filled is not. */
export function optionalDate(
  parts: DateParts,
  id: string,
  label: string,
  issues: SummaryIssue[],
): string | undefined {
  if (!parts.day && !parts.month && !parts.year) return undefined;
  const parsed = parseDateParts(parts, label);
  if (!parsed.ok) {
    issues.push({ fieldId: id, message: parsed.message });
    return undefined;
  }
  return parsed.iso;
}

/** Languages people in the demo councils' area most often ask for, by their ISO 639-1 code. */
export const languageChoices: Array<{ code: string; name: string }> = [
  { code: 'en', name: 'English' },
  { code: 'pl', name: 'Polish' },
  { code: 'ur', name: 'Urdu' },
  { code: 'pa', name: 'Punjabi' },
  { code: 'bn', name: 'Bengali' },
  { code: 'ro', name: 'Romanian' },
  { code: 'ar', name: 'Arabic' },
  { code: 'cy', name: 'Welsh' },
];

const languageNames = new Intl.DisplayNames(['en-GB'], { type: 'language' });

export function languageName(code: string): string {
  try {
    return languageNames.of(code) ?? code;
  } catch {
    return code;
  }
}
