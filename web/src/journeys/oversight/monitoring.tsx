/**
 * Outcomes and monitoring (DESIGN 3.8): the short survey a holder is offered at plan review, and
 * the council's monitoring report with charts, the same figures as tables, and a CSV download.
 */
import {
  type Category,
  categoryLabel,
  type Deployment,
  type OutcomeAnswer,
  type OutcomeDomain,
  outcomeDomainWords,
} from '@carepool/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { ResponseOf } from '../../api/client.ts';
import { CsvDownloadLink, useCsvFile } from '../../components/csv-download.tsx';
import { DateRangeForm } from '../../components/date-field.tsx';
import {
  BackLink,
  Button,
  ErrorSummary,
  errorFor,
  InsetText,
  Panel,
  Radios,
  Textarea,
} from '../../components/govuk.tsx';
import { PageTitle } from '../../components/layout.tsx';
import { Await } from '../../components/query.tsx';
import { formatDate, todayIso } from '../../lib/dates.ts';
import { providerKinds } from '../../lib/labels.ts';
import { formatPence } from '../../lib/money.ts';
import { issuesFromError, type SummaryIssue } from '../../lib/problems.ts';
import { usePerson } from '../../person.ts';
import { useApi, useRouteQuery } from '../../session.tsx';

const domainOrder: OutcomeDomain[] = [
  'health_and_wellbeing',
  'time_with_people_you_like',
  'quality_of_life',
  'community_participation',
  'feeling_safe',
  'choice_and_control',
  'dignity',
  'economic_wellbeing',
];

/** The question for each domain, in plain words, looking back since the plan was agreed. */
const domainQuestions: Record<OutcomeDomain, string> = {
  health_and_wellbeing: 'Your health and how you feel',
  time_with_people_you_like: 'Time with people you like',
  quality_of_life: 'Your quality of life',
  community_participation: 'Taking part in your community',
  feeling_safe: 'Feeling safe',
  choice_and_control: 'Choice and control over your support',
  dignity: 'Being treated with dignity',
  economic_wellbeing: 'Money, work and volunteering',
};

const answerOptions = [
  { value: 'better', text: 'Better' },
  { value: 'same', text: 'The same' },
  { value: 'worse', text: 'Worse' },
];

// ---------------------------------------------------------------------------------------------
// The survey, offered at plan review

/** Who may give the survey from the web app: the holder, or a delegate who helps with the plan. */
function mayGiveSurvey(context: ReturnType<typeof usePerson>['context']): boolean {
  return (
    (context.relationship === 'self' || context.relationship === 'delegate') && context.can('plan:write')
  );
}

/** Shown on the plan and budget pages when a survey is due for the plan now in force. */
export function OutcomeSurveyOffer({ personId }: { personId: string }) {
  const { context } = usePerson(personId);
  const allowed = mayGiveSurvey(context);
  const surveys = useRouteQuery('listOutcomeSurveys', { params: { id: personId } }, { enabled: allowed });
  if (!allowed || !surveys.data?.due) return null;
  const you = context.relationship === 'self';
  return (
    <InsetText>
      <p className="govuk-body" data-testid="survey-offer">
        {you ? 'Your' : `${context.name}’s`} plan was reviewed. Tell us in 8 short questions whether life has
        got better, stayed the same or got worse since.{' '}
        <Link className="govuk-link" to={`/people/${personId}/outcome-survey`}>
          Answer the questions about how things have changed
        </Link>
      </p>
    </InsetText>
  );
}

type Answers = Partial<Record<OutcomeDomain, { answer?: OutcomeAnswer; comment: string }>>;

export function OutcomeSurveyPage() {
  const { personId = '' } = useParams();
  const { context } = usePerson(personId);
  const surveys = useRouteQuery('listOutcomeSurveys', { params: { id: personId } });
  const api = useApi();
  const queryClient = useQueryClient();
  const [answers, setAnswers] = useState<Answers>({});
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const submit = useMutation({
    mutationFn: () =>
      api('submitOutcomeSurvey', {
        params: { id: personId },
        body: {
          answers: Object.fromEntries(
            domainOrder.map((d) => {
              const a = answers[d];
              const comment = a?.comment.trim() ?? '';
              return [d, { answer: a?.answer ?? 'same', ...(comment ? { comment } : {}) }];
            }),
          ) as Record<OutcomeDomain, { answer: OutcomeAnswer; comment?: string }>,
        },
      }),
    onSuccess: () => void queryClient.invalidateQueries(),
    onError: (error) => setIssues(issuesFromError(error, { who: context.who })),
  });
  const you = context.relationship === 'self';
  const title = you ? 'How things have changed for you' : `How things have changed for ${context.name}`;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const missing = domainOrder
      .filter((d) => !answers[d]?.answer)
      .map((d) => ({
        fieldId: `survey-${d}`,
        message: `Choose better, the same or worse for ${domainQuestions[d].toLowerCase()}`,
      }));
    setIssues(missing);
    if (missing.length === 0) submit.mutate();
  };
  if (submit.isSuccess) {
    return (
      <>
        <PageTitle title="Thank you" />
        <Panel title="Thank you">Your answers have been sent</Panel>
        <p className="govuk-body">
          They help the council see what personal budgets change in people’s lives. Nobody will be named in
          what the council reports.
        </p>
        <p className="govuk-body">
          <Link className="govuk-link" to={`/people/${personId}/plan`}>
            Back to the support plan
          </Link>
        </p>
      </>
    );
  }
  return (
    <>
      <PageTitle title={title} error={issues.length > 0} />
      <BackLink to={`/people/${personId}/plan`}>Back to the support plan</BackLink>
      <ErrorSummary issues={issues} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-xl">{title}</h1>
          <Await query={surveys} who={context.who}>
            {(data) =>
              !data.due ? (
                <p className="govuk-body">
                  {data.reviewPeriod
                    ? 'These questions have been answered for the plan in use now. We will ask again when a new plan is approved.'
                    : 'We ask these questions once a support plan has been approved.'}
                </p>
              ) : (
                <form onSubmit={onSubmit} noValidate>
                  <p className="govuk-body">
                    Since the plan was agreed on {formatDate(data.reviewPeriod?.since ?? '')}, has each of
                    these got better, stayed the same or got worse? It takes about 2 minutes. You can add a
                    few words to any answer if you want to.
                  </p>
                  {domainOrder.map((domain) => {
                    const current = answers[domain];
                    const set = (change: Partial<{ answer: OutcomeAnswer; comment: string }>) =>
                      setAnswers({ ...answers, [domain]: { comment: '', ...current, ...change } });
                    return (
                      <div key={domain}>
                        <Radios
                          id={`survey-${domain}`}
                          name={`survey-${domain}`}
                          legend={domainQuestions[domain]}
                          legendSize="m"
                          inline
                          value={current?.answer ?? ''}
                          onChange={(value) => set({ answer: value as OutcomeAnswer })}
                          options={answerOptions}
                          error={errorFor(issues, `survey-${domain}`)}
                        />
                        <Textarea
                          id={`survey-${domain}-comment`}
                          label={`Anything you want to add about ${domainQuestions[domain].toLowerCase()} (optional)`}
                          rows={2}
                          value={current?.comment ?? ''}
                          onChange={(comment) => set({ comment })}
                        />
                      </div>
                    );
                  })}
                  <Button disabled={submit.isPending}>Send answers</Button>
                </form>
              )
            }
          </Await>
        </div>
      </div>
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// The monitoring report

type Report = ResponseOf<'monitoringReport'>;
type DeploymentOrAll = Deployment | 'all';

const deploymentShort: Record<DeploymentOrAll, string> = {
  direct_payment: 'Direct payment',
  managed_account: 'Managed account',
  council_managed: 'Council managed',
  individual_service_fund: 'Individual service fund',
  mixed: 'Mixed',
  all: 'All',
};

const hiddenWords = 'hidden';

interface Bar {
  label: string;
  value: number | null;
  text: string;
}

/**
 * Horizontal bars drawn in SVG. The picture is labelled as an image with its title; every bar has its
 * figure written beside it, and the same figures follow in a table, so nobody needs the chart.
 */
export function SvgBars({ title, bars }: { title: string; bars: Bar[] }) {
  const titleId = useId();
  const most = Math.max(1, ...bars.map((b) => b.value ?? 0));
  const rowHeight = 34;
  const labelWidth = 190;
  const barSpace = 260;
  const height = bars.length * rowHeight + 8;
  return (
    <svg
      className="app-svg-bars"
      role="img"
      aria-labelledby={titleId}
      viewBox={`0 0 ${labelWidth + barSpace + 170} ${height}`}
      width="100%"
      preserveAspectRatio="xMinYMin meet"
      fontFamily="inherit"
    >
      <title id={titleId}>{`${title}: ${bars.map((b) => `${b.label} ${b.text}`).join('; ')}`}</title>
      {bars.map((bar, i) => {
        const y = i * rowHeight + 4;
        const width = bar.value === null ? 0 : Math.max(2, Math.round((bar.value / most) * barSpace));
        return (
          <g key={bar.label}>
            <text x={0} y={y + 20} fontSize={15} fill="#0b0c0c">
              {bar.label}
            </text>
            {bar.value === null ? (
              <rect
                x={labelWidth}
                y={y + 4}
                width={barSpace}
                height={22}
                fill="none"
                stroke="#505a5f"
                strokeDasharray="4 3"
              />
            ) : (
              <rect x={labelWidth} y={y + 4} width={width} height={22} fill="#1d70b8" />
            )}
            <text
              x={labelWidth + (bar.value === null ? barSpace : width) + 8}
              y={y + 20}
              fontSize={15}
              fill="#0b0c0c"
            >
              {bar.text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function ReportTable({
  caption,
  headers,
  rows,
  testId,
}: {
  caption: string;
  headers: Array<{ text: string; numeric?: boolean }>;
  rows: Array<Array<string | number>>;
  testId?: string;
}) {
  return (
    <div className="app-table-wrapper">
      <table className="govuk-table" data-testid={testId}>
        <caption className="govuk-table__caption govuk-table__caption--s">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {headers.map((h) => (
              <th
                key={h.text}
                scope="col"
                className={`govuk-table__header${h.numeric ? ' govuk-table__header--numeric' : ''}`}
              >
                {h.text}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((row) => (
            <tr className="govuk-table__row" key={row.join('|')}>
              {row.map((cell, c) =>
                c === 0 ? (
                  <th scope="row" className="govuk-table__header" key={headers[c]?.text ?? String(cell)}>
                    {cell}
                  </th>
                ) : (
                  <td
                    key={headers[c]?.text ?? String(cell)}
                    className={`govuk-table__cell${headers[c]?.numeric ? ' govuk-table__cell--numeric' : ''}`}
                  >
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const orHidden = (value: number | null, format: (n: number) => string = String) =>
  value === null ? hiddenWords : format(value);
const money = (p: number | null) => orHidden(p, formatPence);
const people = (n: number | null) => orHidden(n, (v) => `${v} ${v === 1 ? 'person' : 'people'}`);

function firstOfMonthMonthsAgo(months: number): string {
  const today = todayIso();
  const [y, m] = today.split('-').map(Number);
  const index = (y ?? 2026) * 12 + ((m ?? 1) - 1) - months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

function MonitoringFigures({ data }: { data: Report }) {
  const byDeployment = data.spendByDeployment;
  const outcomesAll = data.outcomes.filter((o) => o.deployment === 'all');
  return (
    <>
      <h2 className="govuk-heading-l">
        {formatDate(data.from)} to {formatDate(data.to)}
      </h2>
      <p className="govuk-body">
        Figures are for whole calendar months ({data.months.length}{' '}
        {data.months.length === 1 ? 'month' : 'months'}).
        {data.builtAt ? ` They were last brought up to date on ${formatDate(data.builtAt)}.` : ''} To protect
        people’s privacy, any figure about fewer than {data.minimumCellSize} people is hidden, and so is a
        figure that would let a hidden one be worked out.
      </p>
      {data.monthsNotBuilt.length > 0 && (
        <InsetText>
          Figures for {data.monthsNotBuilt.join(', ')} have not been worked out yet. They are left out, not
          counted as nothing.
        </InsetText>
      )}

      <h3 className="govuk-heading-m">Budget holders, by how the budget is managed</h3>
      <SvgBars
        title="Budget holders by how the budget is managed"
        bars={data.holders
          .filter((h) => h.deployment !== 'all')
          .map((h) => ({ label: deploymentShort[h.deployment], value: h.people, text: people(h.people) }))}
      />
      <ReportTable
        caption="Budget holders, as a table"
        testId="holders-table"
        headers={[{ text: 'How the budget is managed' }, { text: 'People', numeric: true }]}
        rows={data.holders.map((h) => [deploymentShort[h.deployment], orHidden(h.people)])}
      />

      <h3 className="govuk-heading-m">Money spent on support, by how the budget is managed</h3>
      {byDeployment.length === 0 && (
        <p className="govuk-body">No money was spent on support through Carepool in this time.</p>
      )}
      <SvgBars
        title="Money spent by how the budget is managed"
        bars={byDeployment
          .filter((s) => s.deployment !== 'all')
          .map((s) => ({
            label: deploymentShort[s.deployment],
            value: s.amountPence,
            text: money(s.amountPence),
          }))}
      />
      <ReportTable
        caption="Money spent, as a table"
        testId="spend-table"
        headers={[
          { text: 'How the budget is managed' },
          { text: 'Spent', numeric: true },
          { text: 'People who paid', numeric: true },
          { text: 'Share to micro-enterprises', numeric: true },
        ]}
        rows={byDeployment.map((s) => {
          const share = data.microEnterpriseShare.find((m) => m.deployment === s.deployment);
          return [
            deploymentShort[s.deployment],
            money(s.amountPence),
            orHidden(s.people),
            share ? orHidden(share.perMille, (p) => `${(p / 10).toFixed(1)}%`) : '',
          ];
        })}
      />

      <h3 className="govuk-heading-m">Money spent, by kind of support</h3>
      <SvgBars
        title="Money spent by kind of support, all budgets"
        bars={data.spendByCategory
          .filter((s) => s.deployment === 'all')
          .map((s) => ({
            label: categoryLabel(s.category as Category),
            value: s.amountPence,
            text: money(s.amountPence),
          }))}
      />
      <ReportTable
        caption="Money spent by kind of support and how the budget is managed"
        headers={[
          { text: 'Kind of support' },
          { text: 'How the budget is managed' },
          { text: 'Spent', numeric: true },
          { text: 'People', numeric: true },
        ]}
        rows={data.spendByCategory.map((s) => [
          categoryLabel(s.category as Category),
          deploymentShort[s.deployment],
          money(s.amountPence),
          orHidden(s.people),
        ])}
      />

      <h3 className="govuk-heading-m">Money spent, by kind of provider</h3>
      <ReportTable
        caption="Money spent by kind of provider and how the budget is managed"
        headers={[
          { text: 'Kind of provider' },
          { text: 'How the budget is managed' },
          { text: 'Spent', numeric: true },
          { text: 'People', numeric: true },
        ]}
        rows={data.spendByProviderKind.map((s) => [
          s.providerKind === 'unknown' ? 'Not known' : providerKinds[s.providerKind],
          deploymentShort[s.deployment],
          money(s.amountPence),
          orHidden(s.people),
        ])}
      />

      <h3 className="govuk-heading-m">Saved by buying together</h3>
      {data.groupSavings.length === 0 ? (
        <p className="govuk-body">No group purchases were paid for in this time.</p>
      ) : (
        <ReportTable
          caption="Group purchases: what members paid, against what they would have paid alone"
          testId="savings-table"
          headers={[
            { text: 'How the budget is managed' },
            { text: 'Members', numeric: true },
            { text: 'Paid', numeric: true },
            { text: 'Alone it would have cost', numeric: true },
            { text: 'Saved', numeric: true },
          ]}
          rows={data.groupSavings.map((g) => [
            deploymentShort[g.deployment],
            orHidden(g.people),
            money(g.paidPence),
            money(g.individualPricePence),
            money(g.savedPence),
          ])}
        />
      )}

      <h3 className="govuk-heading-m">Support people asked for that nobody met</h3>
      {data.unmetRequests.length === 0 ? (
        <p className="govuk-body">Every request in this time was met, or is still open to quotes.</p>
      ) : (
        <ReportTable
          caption="Unmet requests by area and kind of support"
          headers={[
            { text: 'Area' },
            { text: 'Kind of support' },
            { text: 'People', numeric: true },
            { text: 'Requests', numeric: true },
          ]}
          rows={data.unmetRequests.map((u) => [
            u.area,
            categoryLabel(u.category as Category),
            orHidden(u.people),
            orHidden(u.requests),
          ])}
        />
      )}

      <h3 className="govuk-heading-m">Alerts</h3>
      {!data.alerts.available ? (
        <p className="govuk-body" data-testid="alerts-not-counted">
          Alerts are not counted in this report yet.
        </p>
      ) : data.alerts.rows.length === 0 ? (
        <p className="govuk-body">No alerts were raised in this time.</p>
      ) : (
        <ReportTable
          caption="Alerts raised and resolved, by rule and outcome"
          headers={[
            { text: 'Rule' },
            { text: 'Outcome' },
            { text: 'Raised', numeric: true },
            { text: 'Resolved', numeric: true },
          ]}
          rows={data.alerts.rows.map((a) => [
            alertRuleWords[a.rule] ?? a.rule,
            alertOutcomeWords[a.outcome] ?? a.outcome,
            orHidden(a.raised),
            orHidden(a.resolved),
          ])}
        />
      )}

      <h3 className="govuk-heading-m">How people say life has changed</h3>
      {data.outcomes.length === 0 ? (
        <p className="govuk-body">Nobody answered the outcome questions in this time.</p>
      ) : (
        <>
          <SvgBars
            title="Share of people who said things got better, all budgets"
            bars={outcomesAll.map((o) => ({
              label: outcomeDomainWords[o.domain],
              value: o.betterPercent,
              text: orHidden(o.betterPercent, (p) => `${p}% better`),
            }))}
          />
          <ReportTable
            caption="Answers by area of life and how the budget is managed"
            testId="outcomes-table"
            headers={[
              { text: 'Area of life' },
              { text: 'How the budget is managed' },
              { text: 'Answers', numeric: true },
              { text: 'Better', numeric: true },
              { text: 'The same', numeric: true },
              { text: 'Worse', numeric: true },
            ]}
            rows={data.outcomes.map((o) => [
              outcomeDomainWords[o.domain],
              deploymentShort[o.deployment],
              orHidden(o.respondents),
              orHidden(o.betterPercent, (p) => `${p}%`),
              orHidden(o.samePercent, (p) => `${p}%`),
              orHidden(o.worsePercent, (p) => `${p}%`),
            ])}
          />
        </>
      )}

      <h3 className="govuk-heading-m">Figures we have hidden</h3>
      {data.suppressedCells.length === 0 ? (
        <p className="govuk-body">None: every figure describes at least {data.minimumCellSize} people.</p>
      ) : (
        <ReportTable
          caption="Each hidden figure and why"
          testId="suppressed-table"
          headers={[{ text: 'Table' }, { text: 'Figure' }, { text: 'Why it is hidden' }]}
          rows={data.suppressedCells.map((c) => [c.table, c.cell, c.reason])}
        />
      )}
    </>
  );
}

export function MonitoringPage() {
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? firstOfMonthMonthsAgo(5);
  const to = params.get('to') ?? todayIso();
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const report = useRouteQuery('monitoringReport', { query: { from, to } });
  const csv = useCsvFile('monitoringReport', { query: { from, to, format: 'csv' } }, report.isSuccess);
  return (
    <>
      <PageTitle title="Monitoring report" error={issues.length > 0 || report.isError} />
      <BackLink to="/council">Council work</BackLink>
      <ErrorSummary issues={issues} />
      <h1 className="govuk-heading-xl">Monitoring report</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body">
            What personal budgets paid for and what people say they changed, split by how each budget is
            managed: direct payments, managed accounts, council-managed budgets, individual service funds and
            mixed.
          </p>
          <DateRangeForm
            initial={{ from, to }}
            endMessage="The end date must be the same as or after the start date"
            issues={issues}
            onIssues={setIssues}
            onPeriod={(period) => setParams(period)}
          />
        </div>
      </div>
      <Await query={report}>
        {(data) => (
          <>
            <CsvDownloadLink
              file={csv}
              fileName={`carepool-monitoring-${data.from}-to-${data.to}.csv`}
              text="Download this report as a spreadsheet (CSV)"
            />
            <MonitoringFigures data={data} />
          </>
        )}
      </Await>
    </>
  );
}

/** The council home page's link. */
export function MonitoringLink() {
  return (
    <p className="govuk-body">
      <Link className="govuk-link" to="/council/monitoring">
        Monitoring report: spend and outcomes by how budgets are managed
      </Link>
    </p>
  );
}

/** The alert rules and outcomes in the words the report uses (never their codes). */
const alertRuleWords: Record<string, string> = {
  provider_holder_surge: 'A provider gained many new people quickly',
  dormant_account_payment: 'Payment from an account that had been quiet',
  delegate_linked_provider: 'Someone acting for a holder paid a provider linked to them',
  spend_pace: 'Spending far faster than the plan',
  duplicate_invoice: 'The same invoice more than once',
  provider_concentration: 'Almost all payments to one provider',
  broker_steering: 'A broker sending people to a provider they have an interest in',
  first_payment_new_provider: 'A large first payment to a new provider',
  provider_material_change: 'Paid a provider that changed after its checks',
  auto_confirm_absent_holder: 'Only confirmed automatically, holder not seen for a long time',
};
const alertOutcomeWords: Record<string, string> = {
  open: 'Not resolved yet',
  no_concern: 'No concern',
  action_taken: 'Action taken',
  referred_to_safeguarding: 'Referred to safeguarding',
};
