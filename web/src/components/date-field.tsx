/**
 * A date as three boxes (GOV.UK date input) with an example, and reading it into an ISO date with
 * the error on the field: "must be in the future" and the like said once, here.
 */
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { addDays, type DateParts, parseClock, parseDateParts, partsOf, todayIso } from '../lib/dates.ts';
import type { SummaryIssue } from '../lib/problems.ts';
import { Button, DateInput, errorFor, TextInput } from './govuk.tsx';

/** "For example, 16 12 2026": a date `days` from today. */
export function exampleDate(days: number): string {
  const example = partsOf(addDays(todayIso(), days));
  return `For example, ${example.day} ${example.month} ${example.year}`;
}

export function DateField({
  id,
  legend,
  hint,
  legendSize,
  value,
  onChange,
  issues,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  legendSize?: 'l' | 'm' | 's';
  value: DateParts;
  onChange(value: DateParts): void;
  issues: SummaryIssue[];
}) {
  return (
    <DateInput
      id={id}
      legend={legend}
      hint={hint}
      value={value}
      onChange={onChange}
      error={errorFor(issues, id)}
      {...(legendSize ? { legendSize } : {})}
    />
  );
}

/** What a date must be, measured against today. */
export type DateRule = 'any' | 'today-or-later' | 'future';

const ruleMessages: Record<Exclude<DateRule, 'any'>, string> = {
  'today-or-later': 'The date must be today or in the future',
  future: 'The date must be in the future',
};

/**
 * The ISO date typed in the field `id`, or undefined with the reason added to `found`. `message`
 * replaces the rule's own words where the question has better ones.
 */
export function readDate(
  found: SummaryIssue[],
  id: string,
  parts: DateParts,
  options: { label?: string; rule?: DateRule; message?: string } = {},
): string | undefined {
  const read = parseDateParts(parts, options.label ?? 'the date');
  if (!read.ok) {
    found.push({ fieldId: id, message: read.message });
    return undefined;
  }
  const rule = options.rule ?? 'any';
  const today = todayIso();
  const broken = rule === 'future' ? read.iso <= today : rule === 'today-or-later' ? read.iso < today : false;
  if (rule !== 'any' && broken) {
    found.push({ fieldId: id, message: options.message ?? ruleMessages[rule] });
    return undefined;
  }
  return read.iso;
}

/** An optional date: nothing typed is no date; anything typed must be a real date under the rule. */
export function readOptionalDate(
  found: SummaryIssue[],
  id: string,
  parts: DateParts,
  options: { label?: string; rule?: DateRule; message?: string } = {},
): string | undefined {
  if (!parts.day && !parts.month && !parts.year) return undefined;
  return readDate(found, id, parts, options);
}

/** "What time?", as 10:30 or 2pm. */
export function TimeField({
  id = 'time',
  value,
  onChange,
  issues,
}: {
  id?: string;
  value: string;
  onChange(value: string): void;
  issues: SummaryIssue[];
}) {
  return (
    <TextInput
      id={id}
      label="What time?"
      labelSize="s"
      hint="For example, 10:30 or 2pm"
      width={5}
      value={value}
      onChange={onChange}
      error={errorFor(issues, id)}
    />
  );
}

/** The 24-hour time typed in the field `id`, or undefined with the reason added to `found`. */
export function readTime(found: SummaryIssue[], id: string, text: string): string | undefined {
  const read = parseClock(text);
  if (read.ok) return read.time;
  found.push({ fieldId: id, message: read.message });
  return undefined;
}

/**
 * "From" and "To" for a report or a statement, with "Show these dates": both dates checked at
 * once, and the end not before the start. The page keeps the issues, for its error summary.
 */
export function DateRangeForm({
  initial,
  ids = { from: 'from', to: 'to' },
  fromHint,
  endMessage = 'The end date must be after the start date',
  issues,
  onIssues,
  onPeriod,
}: {
  initial: { from: string; to: string };
  ids?: { from: string; to: string };
  fromHint?: ReactNode;
  endMessage?: string;
  issues: SummaryIssue[];
  onIssues(issues: SummaryIssue[]): void;
  onPeriod(period: { from: string; to: string }): void;
}) {
  const [fromParts, setFromParts] = useState(partsOf(initial.from));
  const [toParts, setToParts] = useState(partsOf(initial.to));
  // A period that changes from outside (the person's plan year arriving, Back in the browser)
  // is what the boxes show.
  useEffect(() => setFromParts(partsOf(initial.from)), [initial.from]);
  useEffect(() => setToParts(partsOf(initial.to)), [initial.to]);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: SummaryIssue[] = [];
    const from = readDate(found, ids.from, fromParts, { label: 'the start date' });
    const to = readDate(found, ids.to, toParts, { label: 'the end date' });
    if (from && to && to < from) found.push({ fieldId: ids.to, message: endMessage });
    onIssues(found);
    if (found.length === 0 && from && to) onPeriod({ from, to });
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <DateField
        id={ids.from}
        legend="From"
        hint={fromHint}
        value={fromParts}
        onChange={setFromParts}
        issues={issues}
      />
      <DateField id={ids.to} legend="To" value={toParts} onChange={setToParts} issues={issues} />
      <Button variant="secondary">Show these dates</Button>
    </form>
  );
}
