/**
 * Alerts (issue 12): the council's queue of what the rules noticed as money moved, and one alert's
 * page, where a care manager acknowledges it and then resolves it with an outcome and a note.
 * Auditors read both and change nothing. An alert only points at something; people decide.
 */
import { type AlertOutcome, AlertRule, type AlertStatus, alertRuleTitles } from '@carepool/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, type RouteObject, useNavigate, useParams, useSearchParams } from 'react-router';
import { checkBody, type ResponseOf } from '../../api/client.ts';
import { useDoneMutation } from '../../components/done-form.tsx';
import {
  BackLink,
  Button,
  ButtonLink,
  ErrorSummary,
  errorFor,
  InsetText,
  NotificationBanner,
  Pagination,
  Radios,
  Select,
  SummaryCard,
  SummaryList,
  type SummaryRow,
  Tag,
  Textarea,
} from '../../components/govuk.tsx';
import { PageTitle } from '../../components/layout.tsx';
import { Await } from '../../components/query.tsx';
import { formatDate, formatDateTime } from '../../lib/dates.ts';
import { formatPence } from '../../lib/money.ts';
import { issuesFromError, issuesFromFields, type SummaryIssue } from '../../lib/problems.ts';
import { useApi, useMe, useRouteQuery } from '../../session.tsx';
import { AuditTrailLink } from '../auditor/audit-trail.tsx';

type Alert = ResponseOf<'getAlert'>;

const queuePath = '/council/alerts';
const alertPath = (alertId: string) => `${queuePath}/${alertId}`;
/** Alerts a page: enough to scan, few enough that each row's names load quickly. */
const pageSize = 20;

const statusWords: Record<AlertStatus, { text: string; colour: string; hint: string }> = {
  open: { text: 'Open', colour: 'red', hint: 'nobody has looked at it yet' },
  acknowledged: { text: 'Acknowledged', colour: 'yellow', hint: 'a care manager is looking into it' },
  resolved: { text: 'Resolved', colour: 'green', hint: 'closed with an outcome and a note' },
};
const statuses = Object.keys(statusWords) as AlertStatus[];

export const alertOutcomeWords: Record<AlertOutcome, string> = {
  no_concern: 'No concern',
  action_taken: 'Action taken',
  referred_to_safeguarding: 'Referred to safeguarding',
};

const outcomeOptions = [
  { value: 'no_concern', text: alertOutcomeWords.no_concern, hint: 'It was checked and is as it should be.' },
  {
    value: 'action_taken',
    text: alertOutcomeWords.action_taken,
    hint: 'Something was put right: a refund, a plan change, a word with the provider.',
  },
  {
    value: 'referred_to_safeguarding',
    text: alertOutcomeWords.referred_to_safeguarding,
    hint: 'Someone may be at risk of harm or abuse, and the safeguarding team has it.',
  },
];

const sentence = (words: string) => `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;

function StatusTag({ status }: { status: AlertStatus }) {
  return <Tag colour={statusWords[status].colour}>{statusWords[status].text}</Tag>;
}

// ---------------------------------------------------------------------------------------------
// The figures, in words

type FigureKind = 'money' | 'days' | 'count' | 'percent';

/** What each figure a rule gives means. A figure this page does not know is named from its key. */
const figureWords: Record<string, { label: string; kind: FigureKind }> = {
  amountPence: { label: 'Amount', kind: 'money' },
  totalPence: { label: 'Total', kind: 'money' },
  paidPence: { label: 'Paid to this provider', kind: 'money' },
  thresholdPence: { label: 'The council looks at first payments above', kind: 'money' },
  spentPence: { label: 'Spent so far this plan year', kind: 'money' },
  expectedPence: { label: 'Expected by now at an even pace', kind: 'money' },
  yearlyPlanPence: { label: 'The plan for the year', kind: 'money' },
  pacePercent: { label: 'Spending against an even pace', kind: 'percent' },
  percent: { label: 'Share of payments to this provider', kind: 'percent' },
  invoices: { label: 'Invoices', kind: 'count' },
  holders: { label: 'Budget holders', kind: 'count' },
  newHolders: { label: 'New budget holders', kind: 'count' },
  threshold: { label: 'The council looks at this many new holders', kind: 'count' },
  payments: { label: 'Payments', kind: 'count' },
  bookings: { label: 'Bookings', kind: 'count' },
  changes: { label: 'Changes since the provider was checked', kind: 'count' },
  windowDays: { label: 'Over the last', kind: 'days' },
  withinDays: { label: 'Within', kind: 'days' },
  idleDays: { label: 'Time with no money moving before this', kind: 'days' },
  dormantDays: { label: 'The council counts an account as dormant after', kind: 'days' },
  absentDays: { label: 'Time since the holder last signed in', kind: 'days' },
  elapsedDays: { label: 'Time into the plan year', kind: 'days' },
};

function figureFor(key: string): { label: string; kind: FigureKind } {
  const known = figureWords[key];
  if (known) return known;
  const kind: FigureKind = key.endsWith('Pence')
    ? 'money'
    : key.endsWith('Days')
      ? 'days'
      : key.endsWith('Percent')
        ? 'percent'
        : 'count';
  const words = key
    .replace(/(Pence|Days|Percent)$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return { label: words.charAt(0).toUpperCase() + words.slice(1), kind };
}

function figureText(kind: FigureKind, value: number): string {
  if (kind === 'money') return formatPence(value);
  if (kind === 'days') return `${value} ${value === 1 ? 'day' : 'days'}`;
  if (kind === 'percent') return `${value}%`;
  return value.toLocaleString('en-GB');
}

// ---------------------------------------------------------------------------------------------
// Names for what an alert links to (the alert holds ids; people read names)

function PersonName({ personId }: { personId: string }) {
  const person = useRouteQuery('getPerson', { params: { id: personId } });
  return <>{person.data?.name ?? (person.isError ? 'A budget holder' : 'Loading…')}</>;
}

function ProviderName({ providerId }: { providerId: string }) {
  const provider = useRouteQuery('getProvider', { params: { id: providerId } });
  return <>{provider.data?.name ?? (provider.isError ? 'The provider' : 'Loading…')}</>;
}

function OrderWords({ orderId }: { orderId: string }) {
  const order = useRouteQuery('getOrder', { params: { id: orderId } });
  if (!order.data) return <>{order.isError ? 'A payment' : 'Loading…'}</>;
  const { title, amountPence, scheduledFor, kind, invoiceReference } = order.data;
  const what = kind === 'invoice' ? `Invoice${invoiceReference ? ` “${invoiceReference}”` : ''}` : 'Booking';
  return (
    <>
      {what}: {title}, {formatPence(amountPence)}, {formatDate(scheduledFor)}
    </>
  );
}

/** Who a row in the queue is about: the person, or the first of several, or the provider. */
function AboutWho({ alert }: { alert: Alert }) {
  const [first, ...others] = alert.links.personIds;
  if (first) {
    return (
      <>
        <Link className="govuk-link" to={`/people/${first}`}>
          <PersonName personId={first} />
        </Link>
        {others.length > 0 && ` and ${others.length} ${others.length === 1 ? 'other' : 'others'}`}
      </>
    );
  }
  if (alert.links.providerId) {
    return (
      <Link className="govuk-link" to={`/providers/${alert.links.providerId}`}>
        <ProviderName providerId={alert.links.providerId} />
      </Link>
    );
  }
  return <>Nobody named</>;
}

// ---------------------------------------------------------------------------------------------
// The queue

const isRule = (value: string | null): value is AlertRule => AlertRule.safeParse(value).success;
const isStatus = (value: string | null): value is AlertStatus => statuses.includes(value as AlertStatus);

export function AlertsPage() {
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const ruleParam = params.get('rule');
  const status = isStatus(statusParam) ? statusParam : undefined;
  const rule = isRule(ruleParam) ? ruleParam : undefined;
  const cursor = params.get('cursor') ?? undefined;
  const page = Number(params.get('page') ?? '1') || 1;
  const [statusChoice, setStatusChoice] = useState<string>(status ?? '');
  const [ruleChoice, setRuleChoice] = useState<string>(rule ?? '');
  const alerts = useRouteQuery('listAlerts', {
    query: {
      limit: pageSize,
      ...(status ? { status } : {}),
      ...(rule ? { rule } : {}),
      ...(cursor ? { cursor } : {}),
    },
  });

  const filters = new URLSearchParams();
  if (status) filters.set('status', status);
  if (rule) filters.set('rule', rule);
  const firstPage = `${queuePath}?${filters.toString()}`;
  const nextPage = (nextCursor: string) => {
    const next = new URLSearchParams(filters);
    next.set('cursor', nextCursor);
    next.set('page', String(page + 1));
    return `${queuePath}?${next.toString()}`;
  };
  const onFilter = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (statusChoice) next.set('status', statusChoice);
    if (ruleChoice) next.set('rule', ruleChoice);
    setParams(next);
  };
  const filtered = Boolean(status || rule);
  const title = `Alerts${page > 1 ? ` (page ${page})` : ''}`;

  return (
    <>
      <PageTitle title={title} error={alerts.isError} />
      <BackLink to="/council">Council work</BackLink>
      <h1 className="govuk-heading-xl">Alerts</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body">
            Carepool checks every payment against the council’s rules and raises an alert when something needs
            a person to look at it: a repeated invoice, a provider suddenly taking on many people, money
            leaving an account nobody has used for months. An alert never stops a payment by itself.
          </p>
          <form onSubmit={onFilter} noValidate aria-label="Filter alerts">
            <Select
              id="status"
              label="Status"
              labelSize="s"
              value={statusChoice}
              onChange={setStatusChoice}
              options={[
                { value: '', text: 'Any status' },
                ...statuses.map((s) => ({
                  value: s,
                  text: `${statusWords[s].text}: ${statusWords[s].hint}`,
                })),
              ]}
            />
            <Select
              id="rule"
              label="What was seen"
              labelSize="s"
              value={ruleChoice}
              onChange={setRuleChoice}
              options={[
                { value: '', text: 'Anything' },
                ...AlertRule.options.map((r) => ({ value: r, text: alertRuleTitles[r] })),
              ]}
            />
            <div className="govuk-button-group">
              <Button variant="secondary">Show these alerts</Button>
              {filtered && (
                <Link className="govuk-link" to={queuePath}>
                  Show all alerts
                </Link>
              )}
            </div>
          </form>
        </div>
      </div>
      <Await query={alerts} loading="Loading the alerts…">
        {(data) =>
          data.items.length === 0 ? (
            <p className="govuk-body" role="status">
              {page > 1
                ? 'There are no more alerts.'
                : filtered
                  ? 'No alerts match these choices.'
                  : 'There are no alerts. Nothing the rules look for has been seen.'}
            </p>
          ) : (
            <>
              <p className="govuk-body" role="status">
                {page > 1 ? `Page ${page}: ` : ''}
                {data.items.length} {data.items.length === 1 ? 'alert' : 'alerts'}, newest first
                {data.nextCursor ? ', more on the next page' : ''}.
              </p>
              <AlertCards alerts={data.items} />
              <Pagination
                previous={page > 1 ? firstPage : undefined}
                next={data.nextCursor ? nextPage(data.nextCursor) : undefined}
              />
            </>
          )
        }
      </Await>
    </>
  );
}

/**
 * The queue as summary cards rather than a table: each alert's explanation is a paragraph, and on a
 * 320 px phone four table columns would not fit it without scrolling sideways.
 */
function AlertCards({ alerts }: { alerts: Alert[] }) {
  return (
    <ul className="govuk-list" aria-label="Alerts, newest first" data-testid="alerts-list">
      {alerts.map((alert) => (
        <li key={alert.alertId}>
          <SummaryCard
            title={
              <Link className="govuk-link" to={alertPath(alert.alertId)}>
                {alert.ruleTitle}
              </Link>
            }
          >
            <SummaryList
              rows={[
                { key: 'What was seen', value: alert.summary },
                { key: 'Who it is about', value: <AboutWho alert={alert} /> },
                { key: 'Raised', value: formatDate(alert.raisedAt) },
                { key: 'Status', value: <StatusTag status={alert.status} /> },
              ]}
            />
          </SummaryCard>
        </li>
      ))}
    </ul>
  );
}

// ---------------------------------------------------------------------------------------------
// One alert

const doneMessages: Record<string, string> = {
  acknowledged: 'You acknowledged this alert. Other care managers can see you are looking into it.',
  resolved: 'You resolved this alert. The outcome and your note are kept in the audit trail.',
};

function byWhom(userId: string, me: string | undefined): string {
  return userId === me ? 'by you' : 'by a care manager';
}

/** Everything the alert links to that has a page in the app, named rather than numbered. */
function AlertLinks({ alert }: { alert: Alert }) {
  const { personIds, providerId, orderIds, transferIds } = alert.links;
  const rows: SummaryRow[] = [];
  if (personIds.length > 0)
    rows.push({
      key: personIds.length === 1 ? 'Budget holder' : 'Budget holders',
      value: (
        <ul className="govuk-list govuk-!-margin-bottom-0">
          {personIds.map((id) => (
            <li key={id}>
              <Link className="govuk-link" to={`/people/${id}`}>
                <PersonName personId={id} />
              </Link>
            </li>
          ))}
        </ul>
      ),
    });
  if (providerId)
    rows.push({
      key: 'Provider',
      value: (
        <Link className="govuk-link" to={`/providers/${providerId}`}>
          <ProviderName providerId={providerId} />
        </Link>
      ),
    });
  if (orderIds.length > 0)
    rows.push({
      key: orderIds.length === 1 ? 'Booking or invoice' : 'Bookings and invoices',
      value: (
        <ul className="govuk-list govuk-!-margin-bottom-0">
          {orderIds.map((id) => (
            <li key={id}>
              <Link className="govuk-link" to={`/orders/${id}`}>
                <OrderWords orderId={id} />
              </Link>
            </li>
          ))}
        </ul>
      ),
    });
  if (transferIds.length > 0)
    rows.push({
      key: 'Money moved',
      value: (
        <>
          {transferIds.length} {transferIds.length === 1 ? 'payment' : 'payments'}
          {personIds.length === 1 && personIds[0] ? (
            <>
              , shown on{' '}
              <Link className="govuk-link" to={`/people/${personIds[0]}/statement`}>
                <PersonName personId={personIds[0]} />
                ’s statement
              </Link>
            </>
          ) : (
            ', shown on each holder’s statement'
          )}
        </>
      ),
    });
  if (rows.length === 0) return <p className="govuk-body">This alert does not name anyone or anything.</p>;
  return <SummaryList rows={rows} />;
}

export function AlertPage() {
  const { alertId = '' } = useParams();
  const [params] = useSearchParams();
  const alert = useRouteQuery('getAlert', { params: { alertId } });
  const me = useMe();
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const isCareManager = me.data?.roles.includes('care_manager') ?? false;
  const acknowledge = useMutation({
    mutationFn: () => api('acknowledgeAlert', { params: { alertId } }),
    // The alert is read again before the page says it is done, so what it shows is the new state.
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      navigate(`${alertPath(alertId)}?done=acknowledged`, { replace: true });
    },
  });
  const done = doneMessages[params.get('done') ?? ''];
  return (
    <>
      <PageTitle title={alert.data?.ruleTitle ?? 'Alert'} error={alert.isError || acknowledge.isError} />
      <BackLink to={queuePath}>All alerts</BackLink>
      {acknowledge.isError && <ErrorSummary issues={issuesFromError(acknowledge.error)} />}
      {done && (
        <NotificationBanner success title="Done">
          <p className="govuk-notification-banner__heading">{done}</p>
        </NotificationBanner>
      )}
      <Await query={alert} loading="Loading the alert…">
        {(data) => (
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-two-thirds">
              <span className="govuk-caption-l">Alert</span>
              <h1 className="govuk-heading-xl">{data.ruleTitle}</h1>
              <p className="govuk-body">
                <StatusTag status={data.status} />
              </p>
              <h2 className="govuk-heading-m">What was seen</h2>
              <p className="govuk-body-l" data-testid="alert-summary">
                {data.summary}
              </p>
              <SummaryList
                rows={[
                  { key: 'Raised', value: formatDateTime(data.raisedAt) },
                  ...Object.entries(data.figures).map(([key, value]) => {
                    const figure = figureFor(key);
                    return { key: figure.label, value: figureText(figure.kind, value) };
                  }),
                ]}
              />
              <h2 className="govuk-heading-m">Who and what it is about</h2>
              <AlertLinks alert={data} />
              <AuditTrailLink entityType="alert" id={data.alertId} />
              <h2 className="govuk-heading-m">What has been done</h2>
              <SummaryList
                rows={[
                  {
                    key: 'Status',
                    value: (
                      <>
                        <StatusTag status={data.status} /> {sentence(statusWords[data.status].hint)}
                      </>
                    ),
                  },
                  data.acknowledged && {
                    key: 'Acknowledged',
                    value: `${formatDateTime(data.acknowledged.at)}, ${byWhom(data.acknowledged.by, me.data?.userId)}`,
                  },
                  data.resolution && {
                    key: 'Outcome',
                    value: alertOutcomeWords[data.resolution.outcome],
                  },
                  data.resolution && {
                    key: 'Note',
                    value: <span className="app-pre-line">{data.resolution.note}</span>,
                  },
                  data.resolution && {
                    key: 'Resolved',
                    value: `${formatDateTime(data.resolution.at)}, ${byWhom(data.resolution.by, me.data?.userId)}`,
                  },
                ]}
              />
              {isCareManager && data.status !== 'resolved' && (
                <>
                  {data.status === 'open' && (
                    <>
                      <h2 className="govuk-heading-m">Look into it</h2>
                      <p className="govuk-body">
                        Acknowledge it to show other care managers you are looking into it.
                      </p>
                      <Button
                        variant="secondary"
                        type="button"
                        disabled={acknowledge.isPending}
                        onClick={() => acknowledge.mutate()}
                      >
                        Acknowledge
                      </Button>
                    </>
                  )}
                  <h2 className="govuk-heading-m">Resolve it</h2>
                  <p className="govuk-body">
                    When you have finished, record the outcome and what you found or did.
                  </p>
                  <ButtonLink to={`${alertPath(alertId)}/resolve`}>Resolve</ButtonLink>
                </>
              )}
              {!isCareManager && me.data && data.status !== 'resolved' && (
                <InsetText>Only a care manager can acknowledge or resolve an alert.</InsetText>
              )}
            </div>
          </div>
        )}
      </Await>
    </>
  );
}

export function ResolveAlertPage() {
  const { alertId = '' } = useParams();
  const alert = useRouteQuery('getAlert', { params: { alertId } });
  const [outcome, setOutcome] = useState('');
  const [note, setNote] = useState('');
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const api = useApi();
  const fields = { outcome: 'outcome', note: 'note' };
  const resolve = useDoneMutation({
    mutationFn: (body: { outcome: AlertOutcome; note: string }) =>
      api('resolveAlert', { params: { alertId }, body }),
    to: () => `${alertPath(alertId)}?done=resolved`,
    onError: (error) => setIssues(issuesFromError(error, { fields })),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const chosen = outcomeOptions.find((o) => o.value === outcome)?.value;
    const found: SummaryIssue[] = [];
    if (!chosen) found.push({ fieldId: 'outcome', message: 'Choose what the outcome was' });
    // The route's own schema checks the note, so the page says what the API would.
    const body = { outcome: (chosen ?? 'no_concern') as AlertOutcome, note: note.trim() };
    found.push(...issuesFromFields(checkBody('resolveAlert', body), fields));
    setIssues(found);
    if (found.length === 0) resolve.mutate(body);
  };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title="Resolve this alert" error={issues.length > 0 || alert.isError} />
        <BackLink to={alertPath(alertId)}>Back to the alert</BackLink>
        <ErrorSummary issues={issues} />
        <span className="govuk-caption-l">{alert.data?.ruleTitle ?? 'Alert'}</span>
        <h1 className="govuk-heading-xl">Resolve this alert</h1>
        <Await query={alert} loading="Loading the alert…">
          {(data) =>
            data.status === 'resolved' ? (
              <p className="govuk-body">
                This alert has already been resolved.{' '}
                <Link className="govuk-link" to={alertPath(alertId)}>
                  See the outcome
                </Link>
              </p>
            ) : (
              <>
                <InsetText>{data.summary}</InsetText>
                <form onSubmit={onSubmit} noValidate>
                  <Radios
                    id="outcome"
                    name="outcome"
                    legend="What was the outcome?"
                    legendSize="m"
                    value={outcome}
                    onChange={setOutcome}
                    error={errorFor(issues, 'outcome')}
                    options={outcomeOptions}
                  />
                  <Textarea
                    id="note"
                    label="What you found or did"
                    labelSize="m"
                    hint="Kept with the alert for whoever reads it next, and in the audit trail."
                    rows={5}
                    value={note}
                    onChange={setNote}
                    error={errorFor(issues, 'note')}
                  />
                  <Button disabled={resolve.isPending}>Resolve alert</Button>
                </form>
              </>
            )
          }
        </Await>
      </div>
    </div>
  );
}

/** The council home page's link, beside the monitoring report. */
export function AlertsLink() {
  return (
    <p className="govuk-body">
      <Link className="govuk-link" to={queuePath}>
        Alerts: payments and patterns the council’s rules picked out for a care manager to check
      </Link>
    </p>
  );
}

/** Spread into the router, so the route table changes by one line. */
export const alertRoutes: RouteObject[] = [
  { path: queuePath, element: <AlertsPage /> },
  { path: `${queuePath}/:alertId`, element: <AlertPage /> },
  { path: `${queuePath}/:alertId/resolve`, element: <ResolveAlertPage /> },
];
