import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { fieldIssues } from './problem.ts';

const Body = z
  .object({
    title: z.string(),
    schedule: z.object({ kind: z.literal('one_off') }).strict(),
  })
  .strict();

function issuesFor(value: unknown) {
  const result = Body.safeParse(value);
  if (result.success) throw new Error('expected the value to be refused');
  return fieldIssues(result.error);
}

describe('fieldIssues', () => {
  it('names an empty unknown key instead of answering with an empty field', () => {
    expect(issuesFor({ title: 'Walks', schedule: { kind: 'one_off' }, '': 0 })).toEqual([
      { field: '""', message: 'Remove the field we do not know: ""', code: 'unrecognized_keys' },
    ]);
  });

  it('names an unknown key where it is, one entry per key', () => {
    const fields = issuesFor({ title: 'Walks', schedule: { kind: 'one_off', at: 1, every: 2 } }).map(
      (issue) => issue.field,
    );
    expect(fields).toEqual(['schedule.at', 'schedule.every']);
  });

  it('names the body itself when it is not an object at all', () => {
    expect(issuesFor(null).map((issue) => issue.field)).toEqual(['(body)']);
  });

  it('never answers with an empty field name, whatever the keys', () => {
    for (const key of ['', ' ', '.', 'x'])
      for (const issue of issuesFor({ title: 1, schedule: { kind: 'one_off', [key]: 0 }, [key]: 0 }))
        expect(issue.field.length, JSON.stringify(issue)).toBeGreaterThan(0);
  });
});
