/**
 * "Council records" for auditors: the same people and queues a care manager works from, to read
 * and follow to their records and audit trails. Nothing here offers to decide or change anything.
 */
import { Link } from 'react-router';
import { PageTitle } from '../../components/layout.tsx';
import { useMe } from '../../session.tsx';
import { FindPerson } from '../council/find-person.tsx';
import { OrderQueue, PlanQueue, ProviderQueue } from '../council/queues.tsx';
import { AlertsLink } from '../oversight/alerts.tsx';
import { MonitoringLink } from '../oversight/monitoring.tsx';

export function AuditorHomePage() {
  const me = useMe();
  const councilId = me.data?.councilId;
  return (
    <>
      <PageTitle title="Council records" />
      <h1 className="govuk-heading-xl">Council records</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body">
            You can read everything here and change nothing. Each person, plan, provider and alert has an
            audit trail that says who did what, and when, and whether its records are as they were written.
          </p>
          <FindPerson />
          <p className="govuk-body">
            <Link className="govuk-link" to="/audit/people">
              Everyone in the council, by name
            </Link>
          </p>
          {councilId && (
            <>
              <PlanQueue councilId={councilId} />
              <OrderQueue councilId={councilId} status="awaiting_approval" />
              <OrderQueue councilId={councilId} status="disputed" />
              <ProviderQueue councilId={councilId} />
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
        </div>
      </div>
    </>
  );
}
