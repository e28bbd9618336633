/** The council's people in name order, a page at a time: a care manager's caseload, or an auditor's list. */
import { Link, useSearchParams } from 'react-router';
import { BackLink, Pagination } from '../../components/govuk.tsx';
import { PageTitle } from '../../components/layout.tsx';
import { Await } from '../../components/query.tsx';
import { formatDate } from '../../lib/dates.ts';
import { useMe, useRouteQuery } from '../../session.tsx';
import { FindPerson } from './find-person.tsx';
import { useReadOnly } from './queues.tsx';

const pageSize = 25;

export function CaseloadPage() {
  const me = useMe();
  const readOnly = useReadOnly();
  const [params] = useSearchParams();
  const cursor = params.get('cursor') ?? undefined;
  const councilId = me.data?.councilId ?? '';
  const people = useRouteQuery(
    'findPeople',
    { params: { councilId }, query: { limit: pageSize, ...(cursor ? { cursor } : {}) } },
    { enabled: Boolean(councilId) },
  );
  const path = readOnly ? '/audit/people' : '/council/people';
  const title = readOnly ? 'People in the council' : 'Your caseload';
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title={cursor ? `${title} (more)` : title} error={people.isError} />
        <BackLink to={readOnly ? '/audit' : '/council'}>Back</BackLink>
        <h1 className="govuk-heading-l">{title}</h1>
        <FindPerson />
        <h2 className="govuk-heading-m">Everyone, by name</h2>
        <Await query={people} loading="Loading the people…">
          {(data) =>
            data.items.length === 0 ? (
              <p className="govuk-body">Nobody is registered yet.</p>
            ) : (
              <>
                <ul className="govuk-list" aria-label="People" data-testid="caseload">
                  {data.items.map((person) => (
                    <li className="app-result" key={person.personId}>
                      <Link className="govuk-link" to={`/people/${person.personId}`}>
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
                <Pagination
                  previous={cursor ? path : undefined}
                  next={data.nextCursor ? `${path}?cursor=${encodeURIComponent(data.nextCursor)}` : undefined}
                />
              </>
            )
          }
        </Await>
      </div>
    </div>
  );
}
