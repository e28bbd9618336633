/**
 * Find a budget holder of the council by the start of their name; the search is kept in the
 * address, so Back returns to the results. Care managers, auditors and finance use it, each
 * opening the person where their work is.
 */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, TextInput } from '../../components/govuk.tsx';
import { Await } from '../../components/query.tsx';
import { rememberedList } from '../../components/steps.tsx';
import { formatDate } from '../../lib/dates.ts';
import { useMe, useRouteQuery } from '../../session.tsx';

export const recentPeopleKey = (userId: string | undefined) => `carepool.people.${userId ?? 'anonymous'}`;

export function FindPerson({
  heading = 'Find a person',
  linkTo = (personId) => `/people/${personId}`,
}: {
  heading?: string;
  /** Where a person found leads. */
  linkTo?: (personId: string) => string;
}) {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const searched = params.get('name') ?? '';
  const [name, setName] = useState(searched);
  const [error, setError] = useState<string>();
  const councilId = me.data?.councilId ?? '';
  const remember = (personId: string) => rememberedList(recentPeopleKey(me.data?.userId)).add(personId);
  const found = useRouteQuery(
    'findPeople',
    { params: { councilId }, query: { q: searched, limit: 50 } },
    { enabled: Boolean(councilId) && searched.length > 0 },
  );
  return (
    <section aria-labelledby="find-person-heading">
      <h2 className="govuk-heading-m" id="find-person-heading">
        {heading}
      </h2>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const trimmed = name.trim();
          if (!trimmed) {
            setError('Enter the start of their name');
            return;
          }
          setError(undefined);
          const next = new URLSearchParams(params);
          next.set('name', trimmed);
          setParams(next);
        }}
      >
        <TextInput
          id="name"
          label="Their name"
          labelSize="s"
          hint="Their first name, or the start of their full name, like “Jean B”."
          autoComplete="off"
          spellCheck={false}
          width={20}
          value={name}
          onChange={setName}
          error={error}
        />
        <Button variant="secondary">Find</Button>
      </form>
      {searched && (
        <Await query={found} loading="Looking…">
          {(data) =>
            data.items.length === 0 ? (
              <p className="govuk-body" role="status">
                Nobody in your council has a name starting “{searched}”.
              </p>
            ) : (
              <>
                <p className="govuk-body" role="status">
                  {data.items.length} {data.items.length === 1 ? 'person' : 'people'} found
                  {data.nextCursor ? ': type more of the name to see fewer' : ''}
                </p>
                <ul className="govuk-list" aria-label="People found">
                  {data.items.map((person) => (
                    <li className="app-result" key={person.personId}>
                      <Link
                        className="govuk-link govuk-!-font-weight-bold"
                        to={linkTo(person.personId)}
                        onClick={() => remember(person.personId)}
                      >
                        {person.name}
                      </Link>
                      <span className="govuk-body-s govuk-!-display-block">
                        {person.dateOfBirth ? `Born ${formatDate(person.dateOfBirth)}, ` : ''}
                        {person.outcode}
                        {person.currentPlanId ? '' : ', no approved plan'}
                      </span>
                    </li>
                  ))}
                </ul>
              </>
            )
          }
        </Await>
      )}
    </section>
  );
}
