/**
 * Turns whatever went wrong into the lines of a GOV.UK error summary: each says what to do next,
 * and links to the field at fault when there is one.
 */
import { ApiError, type FieldIssue } from '../api/client.ts';
import { spendSentence, type Who, you } from './spend.ts';

/** Maps an API field name ("lines.0.capPence") to the id of the form field that holds it. */
export type FieldMap = Record<string, string> | ((field: string) => string | undefined);

function mapField(fields: FieldMap, field: string): string | undefined {
  if (typeof fields === 'function') return fields(field);
  return fields[field] ?? (field.startsWith('(') ? undefined : fieldId(field));
}

export interface SummaryIssue {
  message: string;
  /** The id of the field to link to, if any. */
  fieldId?: string | undefined;
}

export function fieldId(path: string): string {
  return path.replace(/[^A-Za-z0-9_-]+/g, '-');
}

function factsFor(error: ApiError, code: string): Record<string, unknown> | undefined {
  const failures = error.problem.facts?.failures;
  if (Array.isArray(failures)) {
    const match = failures.find(
      (f): f is Record<string, unknown> => typeof f === 'object' && f !== null && f.code === code,
    );
    if (match) return match;
  }
  return error.problem.facts;
}

export function issuesFromError(
  error: unknown,
  options: { who?: Who; fields?: FieldMap } = {},
): SummaryIssue[] {
  const who = options.who ?? you;
  const fields = options.fields ?? {};
  const target = (field: string | undefined) => (field === undefined ? undefined : mapField(fields, field));
  if (!(error instanceof ApiError)) {
    return [{ message: 'Something went wrong on this page. Try again, or reload the page.' }];
  }
  const { problem } = error;
  if (problem.status === 401) {
    return [{ message: 'Your sign-in has ended. Sign out and sign in again.' }];
  }
  const issues: SummaryIssue[] = problem.errors.map((issue) => ({
    message: (issue.code && spendSentence(issue.code, who, factsFor(error, issue.code))) || issue.message,
    fieldId: target(issue.field),
  }));
  if (issues.length === 0) {
    issues.push({
      message: spendSentence(problem.code, who, factsFor(error, problem.code)) ?? problem.detail,
    });
  }
  // The same sentence twice about one field helps nobody; the same words about two fields are
  // two things to fix, each with its own link.
  return issues.filter(
    (issue, index) =>
      issues.findIndex((i) => i.message === issue.message && i.fieldId === issue.fieldId) === index,
  );
}

export function issuesFromFields(issues: FieldIssue[], fields: FieldMap = {}): SummaryIssue[] {
  return issues.map((issue) => ({
    message: issue.message,
    fieldId: mapField(fields, issue.field),
  }));
}

export function isForbidden(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 403 || error.status === 404);
}

/**
 * The schema's messages for the questions the page has not already said something about: the
 * page's own words come first (they are written for people, the schema's for the API).
 */
export function withoutRepeats(found: SummaryIssue[], more: SummaryIssue[]): SummaryIssue[] {
  const seen = new Set(found.map((issue) => issue.fieldId));
  return more.filter((issue) => {
    if (issue.fieldId === undefined || seen.has(issue.fieldId)) return false;
    seen.add(issue.fieldId);
    return true;
  });
}
