/**
 * "Which part of the plan pays for this?": the plan's lines as radios, each with its notes, what
 * is left now (when the account can be seen) and whether it covers this kind of support.
 */
import type { ReactNode } from 'react';
import { formatPence } from '../lib/money.ts';
import type { SummaryIssue } from '../lib/problems.ts';
import { errorFor, Radios } from './govuk.tsx';

export interface PlanLineOption {
  lineId: string;
  title: string;
  notes?: string | undefined;
  category: string;
  leftNowPence?: number | undefined;
}

export function PlanLineRadios({
  lines,
  category,
  legend = 'Which part of the plan pays for this?',
  isPageHeading,
  hint,
  value,
  onChange,
  issues,
  coveringFirst = true,
}: {
  lines: readonly PlanLineOption[];
  /** The kind of support being paid for. */
  category: string;
  legend?: string;
  isPageHeading?: boolean;
  hint?: ReactNode;
  value: string;
  onChange(value: string): void;
  issues: SummaryIssue[];
  /** List the lines that cover this kind of support first. */
  coveringFirst?: boolean;
}) {
  const ordered = coveringFirst
    ? [...lines].sort((a, b) => Number(b.category === category) - Number(a.category === category))
    : lines;
  return (
    <Radios
      id="lineId"
      name="lineId"
      legend={legend}
      {...(isPageHeading ? { isPageHeading } : { legendSize: 'm' as const })}
      hint={hint}
      value={value}
      onChange={onChange}
      error={errorFor(issues, 'lineId')}
      options={ordered.map((line) => ({
        value: line.lineId,
        text: line.title,
        hint: [
          line.notes,
          line.leftNowPence !== undefined ? `${formatPence(line.leftNowPence)} left now` : undefined,
          line.category === category ? 'Covers this kind of support' : "Doesn't cover this kind of support",
        ]
          .filter(Boolean)
          .join('. '),
      }))}
    />
  );
}
