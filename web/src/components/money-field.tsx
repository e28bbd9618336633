/**
 * An amount in pounds: the £ field, and reading what was typed into pence with the error on the
 * field itself (and so in the error summary), as every money question asks.
 */
import type { ReactNode } from 'react';
import { parsePounds } from '../lib/money.ts';
import type { SummaryIssue } from '../lib/problems.ts';
import { errorFor, TextInput } from './govuk.tsx';

export function MoneyField({
  id,
  label,
  hint,
  labelSize = 's',
  value,
  onChange,
  issues,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  labelSize?: 'l' | 'm' | 's';
  value: string;
  onChange(value: string): void;
  issues: SummaryIssue[];
}) {
  return (
    <TextInput
      id={id}
      label={label}
      labelSize={labelSize}
      hint={hint}
      prefix="£"
      inputMode="decimal"
      width={5}
      value={value}
      onChange={onChange}
      error={errorFor(issues, id)}
    />
  );
}

/**
 * Pence from what was typed in the field `id`, or undefined with the reason added to `found`.
 * `label` names the amount in the message: "Enter the price for one person".
 */
export function readPounds(
  found: SummaryIssue[],
  id: string,
  text: string,
  options: { label: string; min?: number; max?: number },
): number | undefined {
  const read = parsePounds(text, options);
  if (read.ok) return read.pence;
  found.push({ fieldId: id, message: read.message });
  return undefined;
}
