/**
 * "Council work" for care managers and auditors: find a person by name, the plans waiting for a
 * decision, the people opened recently, and providers to check, found by name. Nobody types an id.
 */

import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, InsetText, TextInput } from '../components/govuk.tsx';
import { PageTitle } from '../components/layout.tsx';
import { ProviderFinder } from '../components/provider-finder.tsx';
import { Await } from '../components/query.tsx';
import { rememberedList } from '../components/steps.tsx';
import { formatDate } from '../lib/dates.ts';
import { formatPence } from '../lib/money.ts';
import { useMe, useRouteQuery } from '../session.tsx';
import { AlertsLink } from './alerts.tsx';
import { MonitoringLink } from './oversight.tsx';

export function CouncilHomePage() {
  const me = useMe();
  const isCareManager = me.data?.roles.includes('care_manager') ?? false;
  const recent = rememberedList(`carepool.people.${me.data?.userId ?? 'anonymous'}`).get();
  const councilId = me.data?.councilId;
  return (
    <>
      <PageTitle title="Council work" />
      <h1 className="govuk-heading-xl">Council work</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <FindPerson />
          {recent.length > 0 && (
            <>
              <h2 className="govuk-heading-m">People you opened recently</h2>
              <ul className="govuk-list">
                {recent.map((personId) => (
                  <li key={personId}>
                    <PersonLink personId={personId} />
                  </li>
                ))}
              </ul>
            </>
          )}
          {councilId && <PlanQueue councilId={councilId} />}
          <h2 className="govuk-heading-m">Payments waiting for approval, and disputes</h2>
          <p className="govuk-body">
            They are on each person’s page, under “Needs a decision”: open the person to approve or decline a
            payment, or decide a dispute.
          </p>
          {isCareManager && (
            <>
              <h2 className="govuk-heading-m">Register someone</h2>
              <p className="govuk-body">
                <Link className="govuk-link" to="/council/register">
                  Register a new budget holder
                </Link>
              </p>
            </>
          )}
          <h2 className="govuk-heading-m">Reports</h2>
          <p className="govuk-body">
            <Link className="govuk-link" to="/council/unmet-demand">
              Support people asked for that nobody met
            </Link>
          </p>
          <MonitoringLink />
          <AlertsLink />
          <CheckProvider />
        </div>
      </div>
    </>
  );
}

function PersonLink({ personId }: { personId: string }) {
  const person = useRouteQuery('getPerson', { params: { id: personId } });
  if (!person.data) return null;
  return (
    <Link className="govuk-link" to={`/people/${personId}`}>
      {person.data.name}
    </Link>
  );
}

/** Find a budget holder of the council by the start of their name; the search is kept in the address. */
function FindPerson() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const searched = params.get('name') ?? '';
  const [name, setName] = useState(searched);
  const [error, setError] = useState<string>();
  const councilId = me.data?.councilId ?? '';
  const remember = (personId: string) =>
    rememberedList(`carepool.people.${me.data?.userId ?? 'anonymous'}`).add(personId);
  const found = useRouteQuery(
    'findPeople',
    { params: { councilId }, query: { q: searched } },
    { enabled: Boolean(councilId) && searched.length > 0 },
  );
  return (
    <section aria-labelledby="find-person-heading">
      <h2 className="govuk-heading-m" id="find-person-heading">
        Find a person
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
          setParams({ name: trimmed });
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
                </p>
                <ul className="govuk-list" aria-label="People found">
                  {data.items.map((person) => (
                    <li className="app-result" key={person.personId}>
                      <Link
                        className="govuk-link govuk-!-font-weight-bold"
                        to={`/people/${person.personId}`}
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

function PlanQueue({ councilId }: { councilId: string }) {
  const submitted = useRouteQuery('listPlanQueue', { params: { councilId }, query: { status: 'submitted' } });
  const referred = useRouteQuery('listPlanQueue', { params: { councilId }, query: { status: 'referred' } });
  return (
    <section aria-labelledby="plan-queue-heading">
      <h2 className="govuk-heading-m" id="plan-queue-heading">
        Plans waiting for a decision
      </h2>
      <Await query={submitted} loading="Loading the plans…">
        {(data) =>
          data.items.length === 0 ? (
            <p className="govuk-body">No plans are waiting.</p>
          ) : (
            <ul className="govuk-list" data-testid="plan-queue">
              {data.items.map((plan) => (
                <li className="app-result" key={plan.planId}>
                  <Link className="govuk-link" to={`/plans/${plan.planId}`}>
                    {plan.personName}, plan version {plan.planVersion}
                  </Link>
                  <span className="govuk-body-s govuk-!-display-block">
                    Sent {formatDate(plan.updatedAt)}. {formatPence(plan.totalYearlyPence)} a year
                    {plan.allocationPence !== undefined &&
                      ` of a ${formatPence(plan.allocationPence)} budget`}
                    .
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </Await>
      {(referred.data?.items.length ?? 0) > 0 && (
        <>
          <h3 className="govuk-heading-s">Referred for a second look</h3>
          <ul className="govuk-list">
            {referred.data?.items.map((plan) => (
              <li key={plan.planId}>
                <Link className="govuk-link" to={`/plans/${plan.planId}`}>
                  {plan.personName}, plan version {plan.planVersion}
                </Link>{' '}
                <span className="govuk-body-s">since {formatDate(plan.updatedAt)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function CheckProvider() {
  const [chosen, setChosen] = useState({ providerId: '', name: '' });
  return (
    <section aria-labelledby="check-provider-heading">
      <h2 className="govuk-heading-m" id="check-provider-heading">
        Check a provider
      </h2>
      <ProviderFinder
        id="providerName"
        label="The provider’s name"
        hint="Type their name, then find them."
        value={chosen.providerId}
        onChange={(providerId, name) => setChosen({ providerId, name })}
      />
      {chosen.providerId ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/providers/${chosen.providerId}`}>
            Open {chosen.name}
          </Link>
        </p>
      ) : (
        <InsetText>Open the provider to see their evidence, then check or suspend them.</InsetText>
      )}
    </section>
  );
}
