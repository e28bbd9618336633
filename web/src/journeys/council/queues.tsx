/**
 * The council's work queues: plans, held payments and disputes waiting for a care manager, and
 * providers waiting for a check. Each item names the person and provider and links to the page
 * where the decision is made. Auditors see the same queues, worded as records to read.
 */
import { Link, useSearchParams } from 'react-router';
import { BackLink, Pagination } from '../../components/govuk.tsx';
import { PageTitle } from '../../components/layout.tsx';
import { Await } from '../../components/query.tsx';
import { formatDate } from '../../lib/dates.ts';
import { materialChangeLabels, providerKinds } from '../../lib/labels.ts';
import { formatPence } from '../../lib/money.ts';
import { useMe, useRouteQuery } from '../../session.tsx';

/** How many items a queue shows on a home page before "See all". */
const previewSize = 5;
const pageSize = 20;

/** True for someone who reads the council's records but decides nothing (an auditor). */
export function useReadOnly(): boolean {
  const me = useMe();
  return !(me.data?.roles.includes('care_manager') ?? false);
}

export function PlanQueue({ councilId }: { councilId: string }) {
  const readOnly = useReadOnly();
  const submitted = useRouteQuery('listPlanQueue', { params: { councilId }, query: { status: 'submitted' } });
  const referred = useRouteQuery('listPlanQueue', { params: { councilId }, query: { status: 'referred' } });
  return (
    <section aria-labelledby="plan-queue-heading">
      <h2 className="govuk-heading-m" id="plan-queue-heading">
        {readOnly ? 'Plans waiting for a care manager' : 'Plans waiting for a decision'}
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

type OrderQueueStatus = 'awaiting_approval' | 'disputed';

const orderQueueWords: Record<
  OrderQueueStatus,
  { heading: string; readOnlyHeading: string; empty: string; path: string; testId: string }
> = {
  awaiting_approval: {
    heading: 'Payments waiting for your approval',
    readOnlyHeading: 'Payments held for a care manager',
    empty: 'No payments are waiting.',
    path: '/council/payments',
    testId: 'payment-queue',
  },
  disputed: {
    heading: 'Disputes to decide',
    readOnlyHeading: 'Disputes waiting for a care manager',
    empty: 'No disputes are waiting.',
    path: '/council/disputes',
    testId: 'dispute-queue',
  },
};

type OrderQueueItem = {
  orderId: string;
  kind: 'order' | 'invoice';
  personName: string;
  providerName: string;
  title: string;
  amountPence: number;
  since: string;
  disputeReason?: string | undefined;
};

function OrderQueueList({ items, testId }: { items: OrderQueueItem[]; testId: string }) {
  return (
    <ul className="govuk-list" data-testid={testId}>
      {items.map((order) => (
        <li className="app-result" key={order.orderId}>
          <strong>{order.personName}</strong>:{' '}
          <Link className="govuk-link" to={`/orders/${order.orderId}`}>
            {formatPence(order.amountPence)} to {order.providerName}
          </Link>
          <span className="govuk-body-s govuk-!-display-block">
            {order.kind === 'invoice' ? 'Invoice: ' : ''}
            {order.title}. Waiting since {formatDate(order.since)}.
            {order.disputeReason ? ` Why: “${order.disputeReason}”` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** A queue's first few items, for a home page, with a link to the whole queue. */
export function OrderQueue({ councilId, status }: { councilId: string; status: OrderQueueStatus }) {
  const readOnly = useReadOnly();
  const words = orderQueueWords[status];
  const queue = useRouteQuery('listCouncilOrders', {
    params: { councilId },
    query: { status, limit: previewSize },
  });
  const headingId = `${words.testId}-heading`;
  return (
    <section aria-labelledby={headingId}>
      <h2 className="govuk-heading-m" id={headingId}>
        {readOnly ? words.readOnlyHeading : words.heading}
      </h2>
      <Await query={queue} loading="Loading…">
        {(data) =>
          data.items.length === 0 ? (
            <p className="govuk-body">{words.empty}</p>
          ) : (
            <>
              <OrderQueueList items={data.items} testId={words.testId} />
              {data.nextCursor && (
                <p className="govuk-body">
                  <Link className="govuk-link" to={words.path}>
                    See all {readOnly ? words.readOnlyHeading.toLowerCase() : words.heading.toLowerCase()}
                  </Link>
                </p>
              )}
            </>
          )
        }
      </Await>
    </section>
  );
}

/** A whole queue, a page at a time; the page's cursor is kept in the address. */
export function OrderQueuePage({ status }: { status: OrderQueueStatus }) {
  const me = useMe();
  const readOnly = useReadOnly();
  const words = orderQueueWords[status];
  const [params] = useSearchParams();
  const cursor = params.get('cursor') ?? undefined;
  const councilId = me.data?.councilId ?? '';
  const queue = useRouteQuery(
    'listCouncilOrders',
    { params: { councilId }, query: { status, limit: pageSize, ...(cursor ? { cursor } : {}) } },
    { enabled: Boolean(councilId) },
  );
  const title = readOnly ? words.readOnlyHeading : words.heading;
  return (
    <>
      <PageTitle title={title} error={queue.isError} />
      <BackLink to={readOnly ? '/audit' : '/council'}>Back</BackLink>
      <h1 className="govuk-heading-l">{title}</h1>
      <p className="govuk-body">Oldest first.</p>
      <Await query={queue}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="govuk-body">{words.empty}</p>
          ) : (
            <>
              <OrderQueueList items={data.items} testId={words.testId} />
              <Pagination
                previous={cursor ? words.path : undefined}
                next={
                  data.nextCursor ? `${words.path}?cursor=${encodeURIComponent(data.nextCursor)}` : undefined
                }
              />
            </>
          )
        }
      </Await>
    </>
  );
}

type ProviderQueueItem = {
  providerId: string;
  name: string;
  kind: keyof typeof providerKinds;
  outcode: string;
  since: string;
  changedSinceCheck?: Array<keyof typeof materialChangeLabels> | undefined;
};

function ProviderQueueList({ items }: { items: ProviderQueueItem[] }) {
  return (
    <ul className="govuk-list" data-testid="provider-queue">
      {items.map((provider) => (
        <li className="app-result" key={provider.providerId}>
          <Link className="govuk-link" to={`/providers/${provider.providerId}`}>
            {provider.name}
          </Link>
          <span className="govuk-body-s govuk-!-display-block">
            {providerKinds[provider.kind]}, based in {provider.outcode}.{' '}
            {provider.changedSinceCheck
              ? `Changed since it was checked (${provider.changedSinceCheck
                  .map((change) => materialChangeLabels[change].toLowerCase())
                  .join(', ')}), on ${formatDate(provider.since)}.`
              : `Waiting since ${formatDate(provider.since)}.`}
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * Providers waiting for a check. Providers are national: one check by any council holds
 * everywhere, so this is the same list in every council.
 */
export function ProviderQueue({ councilId }: { councilId: string }) {
  const readOnly = useReadOnly();
  const queue = useRouteQuery('listProvidersToCheck', {
    params: { councilId },
    query: { limit: previewSize },
  });
  return (
    <section aria-labelledby="provider-queue-heading">
      <h2 className="govuk-heading-m" id="provider-queue-heading">
        {readOnly ? 'Providers waiting for a check' : 'Providers to check'}
      </h2>
      <p className="govuk-body">
        Providers work across council areas: a check by any council counts everywhere.
      </p>
      <Await query={queue} loading="Loading…">
        {(data) =>
          data.items.length === 0 ? (
            <p className="govuk-body">No providers are waiting.</p>
          ) : (
            <>
              <ProviderQueueList items={data.items} />
              {data.nextCursor && (
                <p className="govuk-body">
                  <Link className="govuk-link" to="/council/providers-to-check">
                    See all providers waiting for a check
                  </Link>
                </p>
              )}
            </>
          )
        }
      </Await>
    </section>
  );
}

export function ProviderQueuePage() {
  const me = useMe();
  const readOnly = useReadOnly();
  const [params] = useSearchParams();
  const cursor = params.get('cursor') ?? undefined;
  const councilId = me.data?.councilId ?? '';
  const queue = useRouteQuery(
    'listProvidersToCheck',
    { params: { councilId }, query: { limit: pageSize, ...(cursor ? { cursor } : {}) } },
    { enabled: Boolean(councilId) },
  );
  const path = '/council/providers-to-check';
  return (
    <>
      <PageTitle title="Providers waiting for a check" error={queue.isError} />
      <BackLink to={readOnly ? '/audit' : '/council'}>Back</BackLink>
      <h1 className="govuk-heading-l">Providers waiting for a check</h1>
      <p className="govuk-body">Oldest first.</p>
      <Await query={queue}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="govuk-body">No providers are waiting.</p>
          ) : (
            <>
              <ProviderQueueList items={data.items} />
              <Pagination
                previous={cursor ? path : undefined}
                next={data.nextCursor ? `${path}?cursor=${encodeURIComponent(data.nextCursor)}` : undefined}
              />
            </>
          )
        }
      </Await>
    </>
  );
}
