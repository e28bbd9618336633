import { type Category, categories, categoryLabel, type PlanPeriod, type PlanStatus } from '@carepool/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { type BodyOf, checkBody, newIdempotencyKey, type ResponseOf } from '../../api/client.ts';
import { useDoneMutation } from '../../components/done-form.tsx';
import {
  BackLink,
  Button,
  ButtonGroup,
  ButtonLink,
  DateInput,
  ErrorSummary,
  errorFor,
  InsetText,
  Loading,
  NotificationBanner,
  Radios,
  Select,
  SummaryList,
  Tag,
  Textarea,
  TextInput,
} from '../../components/govuk.tsx';
import { PageTitle } from '../../components/layout.tsx';
import { Await, LoadError } from '../../components/query.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { addDays, formatDate, formatDateTime, parseDateParts, partsOf, todayIso } from '../../lib/dates.ts';
import { fundingSources, planStatuses } from '../../lib/labels.ts';
import { formatPence, parsePounds, penceToPoundsInput } from '../../lib/money.ts';
import { lineSum, periodWords, planSums, planSumsSentence } from '../../lib/plan.ts';
import { issuesFromError, issuesFromFields, type SummaryIssue, withoutRepeats } from '../../lib/problems.ts';
import { usePerson } from '../../person.ts';
import { useApi, useMe, useRouteQuery } from '../../session.tsx';
import { AuditTrailLink } from '../auditor/audit-trail.tsx';
import { OutcomeSurveyOffer } from '../oversight/monitoring.tsx';

type Plan = ResponseOf<'getPlan'>;

export function PlanStatusTag({ status }: { status: PlanStatus }) {
  const { text, colour } = planStatuses[status];
  return <Tag colour={colour}>{text}</Tag>;
}

function PlanDetails({ plan, allocationPence }: { plan: Plan; allocationPence: number | undefined }) {
  const sums = planSums(plan.lines, allocationPence);
  return (
    <>
      <SummaryList
        rows={[
          { key: 'Status', value: <PlanStatusTag status={plan.status} /> },
          { key: 'Covers', value: `${formatDate(plan.startDate)} to ${formatDate(plan.endDate)}` },
          { key: 'Version', value: String(plan.planVersion) },
          { key: 'What matters', value: plan.outcomes.whatMatters },
          plan.outcomes.whatIWantToAchieve.length > 0 && {
            key: 'What I want to achieve',
            value: (
              <ul className="govuk-list govuk-list--bullet">
                {plan.outcomes.whatIWantToAchieve.map((goal) => (
                  <li key={goal}>{goal}</li>
                ))}
              </ul>
            ),
          },
          plan.helpedBy.length > 0 && {
            key: 'Who helped write it',
            value: plan.helpedBy.map((h) => `${h.name} (${h.relationship})`).join(', '),
          },
        ]}
      />
      <h2 className="govuk-heading-m">What the money is for</h2>
      {plan.lines.map((line, index) => (
        <div className="app-plan-line" key={line.lineId}>
          <h3 className="govuk-heading-s govuk-!-margin-bottom-1">{categoryLabel(line.category)}</h3>
          {line.notes && <p className="govuk-body govuk-!-margin-bottom-1">{line.notes}</p>}
          <p className="govuk-body govuk-!-margin-bottom-0">{sums.lines[index]?.working}</p>
          <p className="govuk-body-s govuk-!-margin-bottom-0">
            {[
              line.fundingSource && `Paid from ${fundingSources[line.fundingSource].toLowerCase()}`,
              line.contingency && 'Kept for emergencies',
              !line.carryForward && 'Unspent money does not carry forward',
              line.allowedProviderIds?.length && `Only for ${line.allowedProviderIds.join(', ')}`,
            ]
              .filter(Boolean)
              .join('. ')}
          </p>
        </div>
      ))}
      <p className="govuk-body govuk-!-font-weight-bold">{planSumsSentence(sums)}</p>
    </>
  );
}

/** "My plan": the current plan, any newer draft, and every version before. */
export function PlanPage() {
  const { personId = '' } = useParams();
  const { person, context } = usePerson(personId);
  const plans = useRouteQuery('listPlans', { params: { id: personId } });
  const api = useApi();
  const revise = useDoneMutation({
    mutationFn: (planId: string) => api('revisePlan', { params: { id: planId } }),
    to: (plan) => `/plans/${plan.planId}/edit`,
  });
  const title = context.relationship === 'self' ? 'Your support plan' : `${context.name}’s support plan`;
  const canWrite = context.can('plan:write');
  return (
    <>
      <PageTitle title={title} error={plans.isError || revise.isError} />
      <BackLink to={`/people/${personId}`}>Back to the budget</BackLink>
      {revise.isError && <ErrorSummary issues={issuesFromError(revise.error, { who: context.who })} />}
      <h1 className="govuk-heading-xl">{title}</h1>
      <OutcomeSurveyOffer personId={personId} />
      <Await query={plans} who={context.who}>
        {({ items }) => {
          const current =
            items.find((p) => p.planId === person.data?.currentPlanId) ??
            items.find((p) => p.status === 'approved');
          const open = items.find(
            (p) => p.status === 'draft' || p.status === 'submitted' || p.status === 'referred',
          );
          return (
            <>
              {items.length === 0 && (
                <>
                  <p className="govuk-body">There is no support plan yet.</p>
                  {canWrite && (
                    <ButtonLink to={`/people/${personId}/plans/new`}>Start a support plan</ButtonLink>
                  )}
                </>
              )}
              {open && (
                <InsetText>
                  <p className="govuk-body">
                    There is a newer version: <PlanStatusTag status={open.status} />{' '}
                    <Link className="govuk-link" to={`/plans/${open.planId}`}>
                      See version {open.planVersion}
                    </Link>
                  </p>
                </InsetText>
              )}
              {current ? (
                <>
                  <h2 className="govuk-heading-l">The plan in use now</h2>
                  <PlanDetails plan={current} allocationPence={person.data?.budget?.allocationPence} />
                  {canWrite && !open && (
                    <Button
                      type="button"
                      variant="secondary"
                      disabled={revise.isPending}
                      onClick={() => revise.mutate(current.planId)}
                    >
                      Change the plan
                    </Button>
                  )}
                </>
              ) : (
                items.length > 0 && <p className="govuk-body">No plan has been approved yet.</p>
              )}
              {items.length > 0 && (
                <>
                  <h2 className="govuk-heading-m">Every version</h2>
                  <ScrollTable caption="Every version of the plan, newest first" captionSize="hidden">
                    <thead className="govuk-table__head">
                      <tr className="govuk-table__row">
                        <th scope="col" className="govuk-table__header">
                          Version
                        </th>
                        <th scope="col" className="govuk-table__header">
                          Status
                        </th>
                        <th scope="col" className="govuk-table__header">
                          Last changed
                        </th>
                      </tr>
                    </thead>
                    <tbody className="govuk-table__body">
                      {items.map((plan) => (
                        <tr className="govuk-table__row" key={plan.planId}>
                          <td className="govuk-table__cell">
                            <Link className="govuk-link" to={`/plans/${plan.planId}`}>
                              Version {plan.planVersion}
                            </Link>
                          </td>
                          <td className="govuk-table__cell">
                            <PlanStatusTag status={plan.status} />
                          </td>
                          <td className="govuk-table__cell">{formatDate(plan.updatedAt)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </ScrollTable>
                </>
              )}
            </>
          );
        }}
      </Await>
    </>
  );
}

const decisionWords: Record<string, string> = {
  submitted: 'Sent for approval',
  approved: 'Approved',
  rejected: 'Not approved',
  referred: 'Referred to the panel',
  superseded: 'Replaced by a newer version',
  ended: 'Ended',
};

export function PlanVersionPage() {
  const { planId = '' } = useParams();
  const [params] = useSearchParams();
  const plan = useRouteQuery('getPlan', { params: { id: planId } });
  const personId = plan.data?.personId ?? '';
  const { person, context, me } = usePerson(personId);
  const api = useApi();
  const submit = useDoneMutation({
    mutationFn: () => api('submitPlan', { params: { id: planId } }),
    to: () => `/plans/${planId}?done=submitted`,
    replace: true,
  });
  const isCareManager = me.data?.roles.includes('care_manager') ?? false;
  const done = params.get('done');
  const doneText: Record<string, string> = {
    submitted: 'The plan has been sent to the council for approval.',
    approved: 'You approved the plan. It is now the plan in use.',
    rejected: 'You did not approve the plan. The person can see your reason.',
    referred: 'You referred the plan to the panel.',
    saved: 'The draft has been saved.',
  };
  return (
    <>
      <PageTitle
        title={plan.data ? `Support plan version ${plan.data.planVersion}` : 'Support plan'}
        error={plan.isError || submit.isError}
      />
      {personId && <BackLink to={`/people/${personId}/plan`}>All versions of the plan</BackLink>}
      {submit.isError && <ErrorSummary issues={issuesFromError(submit.error, { who: context.who })} />}
      {done && doneText[done] && (
        <NotificationBanner success title="Done">
          <p className="govuk-notification-banner__heading">{doneText[done]}</p>
        </NotificationBanner>
      )}
      {!plan.data && <h1 className="govuk-heading-l">Support plan</h1>}
      {plan.isPending && <Loading />}
      {plan.isError && <LoadError error={plan.error} />}
      {plan.data && (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <span className="govuk-caption-l">{person.data?.name ?? context.name}</span>
            <h1 className="govuk-heading-l">Support plan version {plan.data.planVersion}</h1>
            <PlanDetails plan={plan.data} allocationPence={person.data?.budget?.allocationPence} />
            {plan.data.status === 'draft' && context.can('plan:write') && (
              <>
                <h2 className="govuk-heading-m">Send it for approval</h2>
                <p className="govuk-body">
                  When the plan is ready, send it to the council. You cannot change it while they decide.
                </p>
                <ButtonGroup>
                  <Button type="button" disabled={submit.isPending} onClick={() => submit.mutate()}>
                    Send for approval
                  </Button>
                  <ButtonLink to={`/plans/${planId}/edit`} variant="secondary">
                    Change the draft
                  </ButtonLink>
                </ButtonGroup>
              </>
            )}
            {isCareManager && (plan.data.status === 'submitted' || plan.data.status === 'referred') && (
              <>
                <h2 className="govuk-heading-m">Decide</h2>
                <ButtonGroup>
                  <ButtonLink to={`/plans/${planId}/approve`}>Approve the plan</ButtonLink>
                  <ButtonLink to={`/plans/${planId}/reject`} variant="warning">
                    Do not approve
                  </ButtonLink>
                  {plan.data.status === 'submitted' && (
                    <ButtonLink to={`/plans/${planId}/refer`} variant="secondary">
                      Refer to the panel
                    </ButtonLink>
                  )}
                </ButtonGroup>
              </>
            )}
            <h2 className="govuk-heading-m">Decisions</h2>
            {plan.data.history.length === 0 ? (
              <p className="govuk-body">Not sent for approval yet.</p>
            ) : (
              <ul className="govuk-list">
                {plan.data.history.map((decision) => (
                  <li key={`${decision.action}${decision.at}`}>
                    <strong>{decisionWords[decision.action] ?? decision.action}</strong>,{' '}
                    {formatDateTime(decision.at)}
                    {decision.reason && `: ${decision.reason}`}
                  </li>
                ))}
              </ul>
            )}
            <AuditTrailLink entityType="plan" id={planId} />
          </div>
        </div>
      )}
    </>
  );
}

const decisions = {
  approve: {
    title: 'Approve the plan',
    label: 'Anything to add? (optional)',
    hint: 'The person and anyone helping them see this.',
    button: 'Approve the plan',
    required: false,
  },
  reject: {
    title: 'Why are you not approving the plan?',
    label: 'Why are you not approving the plan?',
    hint: 'Say what needs to change. The person and anyone helping them see this.',
    button: 'Do not approve',
    required: true,
  },
  refer: {
    title: 'Why are you referring the plan to the panel?',
    label: 'Why are you referring the plan to the panel?',
    hint: 'The person and anyone helping them see this.',
    button: 'Refer to the panel',
    required: true,
  },
} as const;

export function PlanDecisionPage({ decision }: { decision: keyof typeof decisions }) {
  const { planId = '' } = useParams();
  const page = decisions[decision];
  const plan = useRouteQuery('getPlan', { params: { id: planId } });
  const [reason, setReason] = useState('');
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const send = useMutation({
    mutationFn: () => {
      const text = reason.trim();
      if (decision === 'approve')
        return api('approvePlan', { params: { id: planId }, body: text ? { reason: text } : {} });
      if (decision === 'reject') return api('rejectPlan', { params: { id: planId }, body: { reason: text } });
      return api('referPlan', { params: { id: planId }, body: { reason: text } });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      navigate(
        `/plans/${planId}?done=${decision === 'approve' ? 'approved' : decision === 'reject' ? 'rejected' : 'referred'}`,
      );
    },
    onError: (error) => setIssues(issuesFromError(error)),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (page.required && !reason.trim()) {
      setIssues([{ fieldId: 'reason', message: 'Give a reason' }]);
      return;
    }
    setIssues([]);
    send.mutate();
  };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title={page.title} error={issues.length > 0} />
        <BackLink to={`/plans/${planId}`}>Back</BackLink>
        <ErrorSummary issues={issues} />
        {decision === 'approve' && <h1 className="govuk-heading-l">{page.title}</h1>}
        {plan.data && decision === 'approve' && (
          <p className="govuk-body">
            Version {plan.data.planVersion}, {formatDate(plan.data.startDate)} to{' '}
            {formatDate(plan.data.endDate)}. It becomes the plan in use at once, and any earlier plan is
            replaced.
          </p>
        )}
        <form onSubmit={onSubmit} noValidate>
          <Textarea
            id="reason"
            label={page.label}
            isPageHeading={decision !== 'approve'}
            labelSize={decision === 'approve' ? 'm' : undefined}
            hint={page.hint}
            rows={4}
            value={reason}
            onChange={setReason}
            error={errorFor(issues, 'reason')}
          />
          <Button variant={decision === 'reject' ? 'warning' : undefined} disabled={send.isPending}>
            {page.button}
          </Button>
        </form>
      </div>
    </div>
  );
}

interface LineForm {
  key: string;
  category: string;
  cap: string;
  period: PlanPeriod;
  notes: string;
  fundingSource: string;
  /** Kept as they were: the form does not edit these. */
  allowedProviderIds?: string[] | undefined;
  contingency: boolean;
  carryForward: boolean;
}

interface PlanForm {
  whatMatters: string;
  goals: string;
  start: { day: string; month: string; year: string };
  end: { day: string; month: string; year: string };
  lines: LineForm[];
}

const newLine = (): LineForm => ({
  key: newIdempotencyKey(),
  category: '',
  cap: '',
  period: 'week',
  notes: '',
  fundingSource: '',
  contingency: false,
  carryForward: true,
});

function formFromPlan(plan: Plan | undefined, planYearStart: string | undefined): PlanForm {
  if (!plan) {
    const start = planYearStart && planYearStart >= todayIso() ? planYearStart : todayIso();
    return {
      whatMatters: '',
      goals: '',
      start: partsOf(start),
      end: partsOf(addDays(start, 364)),
      lines: [newLine()],
    };
  }
  return {
    whatMatters: plan.outcomes.whatMatters,
    goals: plan.outcomes.whatIWantToAchieve.join('\n'),
    start: partsOf(plan.startDate),
    end: partsOf(plan.endDate),
    lines: plan.lines.map((line) => ({
      key: line.lineId,
      category: line.category,
      cap: penceToPoundsInput(line.capPence),
      period: line.period,
      notes: line.notes,
      fundingSource: line.fundingSource ?? '',
      allowedProviderIds: line.allowedProviderIds,
      contingency: line.contingency,
      carryForward: line.carryForward,
    })),
  };
}

/** Server field paths ("lines.0.capPence") → this form's field ids. */
function planFieldId(field: string, lines: LineForm[]): string | undefined {
  const match = /^lines\.(\d+)\.(\w+)/.exec(field);
  if (match) {
    const line = lines[Number(match[1])];
    const part = match[2] === 'capPence' ? 'cap' : match[2];
    return line ? `line-${line.key}-${part}` : undefined;
  }
  if (field === 'lines') return 'lines';
  if (field.startsWith('outcomes.whatMatters')) return 'whatMatters';
  if (field.startsWith('outcomes.whatIWantToAchieve')) return 'goals';
  if (field === 'startDate') return 'start';
  if (field === 'endDate') return 'end';
  return undefined;
}

export function PlanEditPage() {
  const { personId: personParam, planId } = useParams();
  const plan = useRouteQuery('getPlan', { params: { id: planId ?? '' } }, { enabled: Boolean(planId) });
  const personId = personParam ?? plan.data?.personId ?? '';
  const { person } = usePerson(personId);
  if ((planId && !plan.data) || !person.data) {
    return (
      <>
        <PageTitle title="Support plan" error={plan.isError || person.isError} />
        <h1 className="govuk-heading-l">Support plan</h1>
        {plan.isError || person.isError ? <LoadError error={plan.error ?? person.error} /> : <Loading />}
      </>
    );
  }
  return (
    <PlanEditor
      personId={personId}
      personName={person.data.name}
      plan={plan.data}
      allocationPence={person.data.budget?.allocationPence}
      planYearStart={person.data.budget?.planYearStart}
    />
  );
}

function PlanEditor({
  personId,
  personName,
  plan,
  allocationPence,
  planYearStart,
}: {
  personId: string;
  personName: string;
  plan: Plan | undefined;
  allocationPence: number | undefined;
  planYearStart: string | undefined;
}) {
  const [form, setForm] = useState<PlanForm>(() => formFromPlan(plan, planYearStart));
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const me = useMe();
  const api = useApi();
  const save = useDoneMutation({
    mutationFn: (body: BodyOf<'draftPlan'>) =>
      plan
        ? api('editPlan', { params: { id: plan.planId }, body })
        : api('draftPlan', { params: { id: personId }, body }, { idempotencyKey }),
    to: (saved) => `/plans/${saved.planId}?done=saved`,
    onError: (error) =>
      setIssues(issuesFromError(error, { fields: (field) => planFieldId(field, form.lines) })),
  });
  const caps = form.lines.map((line) => {
    const parsed = parsePounds(line.cap);
    return parsed.ok && parsed.pence > 0 ? parsed.pence : undefined;
  });
  const sums = planSums(
    form.lines.map((line, index) => ({ capPence: caps[index], period: line.period })),
    allocationPence,
  );
  const setLine = (key: string, change: Partial<LineForm>) =>
    setForm({ ...form, lines: form.lines.map((line) => (line.key === key ? { ...line, ...change } : line)) });
  const self = me.data?.personId === personId;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: SummaryIssue[] = [];
    if (!form.whatMatters.trim()) found.push({ fieldId: 'whatMatters', message: 'Say what matters most' });
    const start = parseDateParts(form.start, 'the start date');
    const end = parseDateParts(form.end, 'the end date');
    if (!start.ok) found.push({ fieldId: 'start', message: start.message });
    if (!end.ok) found.push({ fieldId: 'end', message: end.message });
    form.lines.forEach((line, index) => {
      const n = index + 1;
      if (!line.category)
        found.push({ fieldId: `line-${line.key}-category`, message: `Choose what part ${n} is for` });
      const cap = parsePounds(line.cap, { label: `the amount for part ${n}`, min: 1 });
      if (!cap.ok)
        found.push({ fieldId: `line-${line.key}-cap`, message: `Part ${n}: ${cap.message.toLowerCase()}` });
    });
    if (form.lines.length === 0)
      found.push({ fieldId: 'add-line', message: 'Add at least one part to the plan' });
    // The API's own checks too (lengths, overlaps), for the questions the page has not spoken of.
    const body: BodyOf<'draftPlan'> = {
      outcomes: {
        whatMatters: form.whatMatters.trim(),
        whatIWantToAchieve: form.goals
          .split('\n')
          .map((g) => g.trim())
          .filter(Boolean),
      },
      helpedBy: plan?.helpedBy ?? [],
      startDate: start.ok ? start.iso : '',
      endDate: end.ok ? end.iso : '',
      lines: form.lines.map((line, index) => ({
        category: line.category as Category,
        capPence: caps[index] ?? 0,
        period: line.period,
        notes: line.notes.trim(),
        contingency: line.contingency,
        carryForward: line.carryForward,
        ...(line.fundingSource ? { fundingSource: line.fundingSource as 'council_social_care' } : {}),
        ...(line.allowedProviderIds ? { allowedProviderIds: line.allowedProviderIds } : {}),
      })),
    };
    const schema = issuesFromFields(checkBody('draftPlan', body), (field) => planFieldId(field, form.lines));
    found.push(...withoutRepeats(found, schema));
    if (found.length === 0) {
      setIssues([]);
      save.mutate(body);
      return;
    }
    setIssues(found);
  };

  const title = plan ? `Change version ${plan.planVersion} of the plan` : 'Write a support plan';
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title={title} error={issues.length > 0} />
        <BackLink to={`/people/${personId}/plan`}>Back</BackLink>
        <ErrorSummary issues={issues} />
        <span className="govuk-caption-l">{personName}</span>
        <h1 className="govuk-heading-l">{title}</h1>
        <form onSubmit={onSubmit} noValidate>
          <Textarea
            id="whatMatters"
            label={
              self
                ? 'What matters to you, and where do you want to be in life?'
                : `What matters to ${personName.split(' ')[0]}?`
            }
            labelSize="m"
            rows={4}
            value={form.whatMatters}
            onChange={(value) => setForm({ ...form, whatMatters: value })}
            error={errorFor(issues, 'whatMatters')}
          />
          <Textarea
            id="goals"
            label="What do you want to achieve? (optional)"
            labelSize="s"
            hint="Put each thing on its own line."
            rows={4}
            value={form.goals}
            onChange={(value) => setForm({ ...form, goals: value })}
            error={errorFor(issues, 'goals')}
          />
          <DateInput
            id="start"
            legend="When does the plan start?"
            value={form.start}
            onChange={(value) => setForm({ ...form, start: value })}
            error={errorFor(issues, 'start')}
          />
          <DateInput
            id="end"
            legend="When does it end?"
            hint="A plan covers a year at most."
            value={form.end}
            onChange={(value) => setForm({ ...form, end: value })}
            error={errorFor(issues, 'end')}
          />
          <h2 className="govuk-heading-m" id="lines" tabIndex={-1}>
            What the money is for
          </h2>
          <p className="govuk-body">
            {allocationPence !== undefined
              ? `The yearly budget is ${formatPence(allocationPence)}. Split it into parts, each with the most it may cost a week, a month or a year.`
              : 'Split the budget into parts, each with the most it may cost a week, a month or a year.'}
          </p>
          {form.lines.map((line, index) => {
            const sum = lineSum(caps[index], line.period);
            const prefix = `line-${line.key}`;
            return (
              <fieldset className="govuk-fieldset app-plan-line" key={line.key}>
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Part {index + 1}</legend>
                <Select
                  id={`${prefix}-category`}
                  label="What is it for?"
                  value={line.category}
                  onChange={(value) => setLine(line.key, { category: value })}
                  error={errorFor(issues, `${prefix}-category`)}
                  options={[
                    { value: '', text: 'Choose' },
                    ...categories.map((c) => ({ value: c.code, text: c.label })),
                  ]}
                />
                <TextInput
                  id={`${prefix}-cap`}
                  label="The most it may cost"
                  prefix="£"
                  inputMode="decimal"
                  width={5}
                  value={line.cap}
                  onChange={(value) => setLine(line.key, { cap: value })}
                  error={errorFor(issues, `${prefix}-cap`)}
                />
                <Radios
                  id={`${prefix}-period`}
                  name={`${prefix}-period`}
                  legend="Every"
                  legendSize="s"
                  inline
                  small
                  value={line.period}
                  onChange={(value) => setLine(line.key, { period: value as PlanPeriod })}
                  options={(['week', 'month', 'year'] as const).map((p) => ({
                    value: p,
                    text: periodWords[p].replace(/^a /, ''),
                  }))}
                />
                <p className="govuk-body govuk-!-font-weight-bold" data-testid="line-working">
                  {sum.working}
                </p>
                <TextInput
                  id={`${prefix}-notes`}
                  label="Notes (optional)"
                  hint="For example, “Lunch club on Tuesdays and Thursdays”."
                  value={line.notes}
                  onChange={(value) => setLine(line.key, { notes: value })}
                  error={errorFor(issues, `${prefix}-notes`)}
                />
                {line.fundingSource && (
                  <p className="govuk-body-s">
                    Paid from{' '}
                    {fundingSources[line.fundingSource as keyof typeof fundingSources]?.toLowerCase()}.
                  </p>
                )}
                {form.lines.length > 1 && (
                  <Button
                    type="button"
                    variant="secondary"
                    onClick={() => setForm({ ...form, lines: form.lines.filter((l) => l.key !== line.key) })}
                  >
                    Remove part {index + 1}
                  </Button>
                )}
              </fieldset>
            );
          })}
          <div id="add-line">
            <Button
              type="button"
              variant="secondary"
              onClick={() => setForm({ ...form, lines: [...form.lines, newLine()] })}
            >
              Add another part
            </Button>
          </div>
          <div
            className={`govuk-inset-text${sums.fits ? '' : ' govuk-form-group--error'}`}
            aria-live="polite"
            data-testid="plan-total"
          >
            <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-0">
              {planSumsSentence(sums)}
            </p>
          </div>
          <Button disabled={save.isPending}>Save the draft</Button>
          {save.isPending && <Loading>Saving…</Loading>}
        </form>
      </div>
    </div>
  );
}
