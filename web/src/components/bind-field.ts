/**
 * A form's answers kept in one object: `bind('title')` gives the field its id, value, change
 * handler and error, so each question on a page says only what differs (label, hint, width).
 */
import type { SummaryIssue } from '../lib/problems.ts';
import { errorFor } from './govuk.tsx';

export interface Bound<V> {
  id: string;
  value: V;
  onChange(value: V): void;
  error: string | undefined;
}

export type Binder<F> = <K extends keyof F & string>(key: K, id?: string) => Bound<F[K]>;

/** `set(key, value)` changes one answer; the field's id is the key unless given. */
export function binder<F>(
  values: F,
  set: <K extends keyof F>(key: K, value: F[K]) => void,
  issues: SummaryIssue[],
): Binder<F> {
  return (key, id = key) => ({
    id,
    value: values[key],
    onChange: (value) => set(key, value),
    error: errorFor(issues, id),
  });
}
