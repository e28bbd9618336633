/**
 * "Who is this for?", from GET /v1/me: a holder acts for themselves; someone acting for one person
 * acts for them; someone acting for several chooses, and the choice travels as `?person=`. Given a
 * permission, only the people who gave it are offered, so nobody goes through a form to be refused
 * at the end.
 */
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { SummaryIssue } from '../lib/problems.ts';
import { useMe } from '../session.tsx';
import { Button, ErrorSummary, errorFor, Radios } from './govuk.tsx';
import { PageTitle } from './layout.tsx';

/** The people the signed-in user acts for, with `scope` when given. */
export function usePeopleActedFor(scope?: string): Array<{ personId: string; name: string }> {
  const me = useMe();
  return (me.data?.actsFor ?? []).filter((p) => !scope || p.scopes.includes(scope));
}

/** Whose page this is: the person chosen, or one to choose (`choose`), or nobody the user may act for. */
export function usePersonChoice(scope?: string): { personId: string | undefined; choose: boolean } {
  const me = useMe();
  const [params] = useSearchParams();
  const people = usePeopleActedFor(scope);
  const chosen = params.get('person');
  if (chosen) return { personId: chosen, choose: false };
  if (!me.data) return { personId: undefined, choose: false };
  if (me.data.personId && me.data.roles.includes('holder'))
    return { personId: me.data.personId, choose: false };
  if (people.length === 1) return { personId: people[0]?.personId, choose: false };
  return { personId: undefined, choose: people.length > 1 };
}

/** `?person=` for a link, when the page is about someone other than the signed-in user. */
export function personQuery(personId: string | undefined, self: boolean): string {
  return personId && !self ? `?person=${encodeURIComponent(personId)}` : '';
}

/** The people to choose between, as radios, for a question inside a larger form. */
export function PersonRadios({
  id,
  legend,
  value,
  onChange,
  issues,
  scope,
  isPageHeading,
}: {
  id: string;
  legend: string;
  value: string;
  onChange(value: string): void;
  issues: SummaryIssue[];
  scope?: string;
  isPageHeading?: boolean;
}) {
  const people = usePeopleActedFor(scope);
  return (
    <Radios
      id={id}
      name={id}
      legend={legend}
      {...(isPageHeading ? { isPageHeading } : { legendSize: 's' as const })}
      value={value}
      onChange={onChange}
      error={errorFor(issues, id)}
      options={people.map((p) => ({ value: p.personId, text: p.name }))}
    />
  );
}

/** A page that asks only "who is this for?", then goes to `to(personId)`. */
export function ChoosePerson({
  caption,
  question,
  to,
  scope,
  missing = 'Choose who this is for',
}: {
  caption: string;
  question: string;
  to(personId: string): string;
  scope?: string;
  /** The error when nobody is chosen, in the journey's own words ("Choose who this booking is for"). */
  missing?: string;
}) {
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  return (
    <>
      <PageTitle title={question} error={issues.length > 0} />
      <ErrorSummary issues={issues} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!value) setIssues([{ fieldId: 'person', message: missing }]);
          else navigate(to(value));
        }}
      >
        <span className="govuk-caption-l">{caption}</span>
        <PersonRadios
          id="person"
          legend={question}
          isPageHeading
          value={value}
          onChange={setValue}
          issues={issues}
          {...(scope ? { scope } : {})}
        />
        <Button>Continue</Button>
      </form>
    </>
  );
}
