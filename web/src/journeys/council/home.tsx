/**
 * "Council work" for care managers: find a person, their caseload, and the queues of decisions
 * waiting for them (plans, held payments, disputes, providers to check). Nobody types an id.
 * Auditors have their own read-only home (journeys/auditor).
 */
import { Link, Navigate } from 'react-router';
import { PageTitle } from '../../components/layout.tsx';
import { rememberedList } from '../../components/steps.tsx';
import { useMe, useRouteQuery } from '../../session.tsx';
import { AlertsLink } from '../oversight/alerts.tsx';
import { MonitoringLink } from '../oversight/monitoring.tsx';
import { CheckProvider } from './check-provider.tsx';
import { FindPerson, recentPeopleKey } from './find-person.tsx';
import { OrderQueue, PlanQueue, ProviderQueue } from './queues.tsx';

export function CouncilHomePage() {
  const me = useMe();
  if (me.data && !me.data.roles.includes('care_manager') && me.data.roles.includes('auditor'))
    return <Navigate to="/audit" replace />;
  const recent = rememberedList(recentPeopleKey(me.data?.userId)).get();
  const councilId = me.data?.councilId;
  return (
    <>
      <PageTitle title="Council work" />
      <h1 className="govuk-heading-xl">Council work</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <FindPerson />
          <p className="govuk-body">
            <Link className="govuk-link" to="/council/people">
              Your caseload: everyone in the council, by name
            </Link>
          </p>
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
          {councilId && (
            <>
              <PlanQueue councilId={councilId} />
              <OrderQueue councilId={councilId} status="awaiting_approval" />
              <OrderQueue councilId={councilId} status="disputed" />
              <ProviderQueue councilId={councilId} />
            </>
          )}
          <h2 className="govuk-heading-m">Register someone</h2>
          <p className="govuk-body">
            <Link className="govuk-link" to="/council/register">
              Register a new budget holder
            </Link>
          </p>
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

export function PersonLink({ personId }: { personId: string }) {
  const person = useRouteQuery('getPerson', { params: { id: personId } });
  if (!person.data) return null;
  return (
    <Link className="govuk-link" to={`/people/${personId}`}>
      {person.data.name}
    </Link>
  );
}
