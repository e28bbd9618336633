import { type Category, categoryLabel } from '@carepool/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { type BodyOf, newIdempotencyKey } from '../../../api/client.ts';
import { BackLink, Button, ErrorSummary, SummaryList, type SummaryRow } from '../../../components/govuk.tsx';
import { PageTitle } from '../../../components/layout.tsx';
import { type DateParts, formatDate, parseDateParts } from '../../../lib/dates.ts';
import { dbsLevels, providerKinds } from '../../../lib/labels.ts';
import { issuesFromError, type SummaryIssue } from '../../../lib/problems.ts';
import { useApi } from '../../../session.tsx';
import { workersQuestion } from '../profile-fields.tsx';
import {
  providerFields,
  type RegistrationDraft,
  registrationOf,
  type TaskId,
  taskOfField,
  tasks,
  useRegistrationDraft,
} from './draft.ts';

function dateWords(parts: DateParts): string {
  const parsed = parseDateParts(parts);
  return parsed.ok ? formatDate(parsed.iso) : 'Not given';
}

const orNotGiven = (text: string) => text.trim() || 'Not given';

function rowsOf(draft: RegistrationDraft, task: TaskId): SummaryRow[] {
  const change = (hidden: string): SummaryRow['action'] => ({
    to: `/provider/register/${task}?from=check`,
    text: 'Change',
    hidden,
  });
  const row = (key: string, value: string): SummaryRow => ({ key, value, action: change(key.toLowerCase()) });
  switch (task) {
    case 'about':
      return [
        row('Kind of provider', providerKinds[draft.kind as keyof typeof providerKinds] ?? 'Not given'),
        ...(draft.kind === 'broker' ? [row('Your fee', `${draft.fee}% of the budget`)] : []),
        ...(workersQuestion(draft.kind) ? [row('People who work for you', orNotGiven(draft.workers))] : []),
        row('Name people will see', draft.name),
        row('What you do', orNotGiven(draft.description)),
      ];
    case 'area':
      return [
        row('Postcode', draft.postcode.toUpperCase()),
        row('How far you travel', `${draft.radius} miles`),
        row('Email address', draft.email),
        row('Phone number', orNotGiven(draft.phone)),
      ];
    case 'offer':
      return [
        row(
          'Support you offer',
          draft.offers.length
            ? draft.offers.map((code) => categoryLabel(code as Category)).join(', ')
            : 'Not given',
        ),
      ];
    case 'evidence':
      return [
        row('Regulated personal care', draft.regulated ? 'Yes' : 'No'),
        row('CQC registration number', orNotGiven(draft.cqc)),
        row(
          'DBS check',
          `${dbsLevels[draft.dbs] ?? draft.dbs}${draft.dbs !== 'none' ? `, ${dateWords(draft.dbsDate)}` : ''}`,
        ),
        row(
          'Public liability insurance',
          draft.insurer.trim()
            ? `${draft.insurer}, £${draft.cover} cover, ends ${dateWords(draft.insuranceDate)}`
            : 'Not given',
        ),
        row('Safeguarding training', dateWords(draft.safeguardingDate)),
      ];
  }
}

/** Check your answers, then register: the one place the registration is sent from. */
export function RegisterCheckPage() {
  const { draft, clear } = useRegistrationDraft();
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  // The questions are not on this page: each problem says which section asks it, and that
  // section's Change link is right below.
  const toTask = (found: SummaryIssue[]): SummaryIssue[] =>
    found.map((issue) => {
      const task = issue.fieldId ? tasks.find((t) => t.id === taskOfField[issue.fieldId ?? '']) : undefined;
      return { message: task ? `${task.title}: ${issue.message}` : issue.message };
    });
  const register = useMutation({
    mutationFn: (body: BodyOf<'registerProvider'>) => api('registerProvider', { body }, { idempotencyKey }),
    onSuccess: async (provider) => {
      await queryClient.invalidateQueries();
      clear();
      navigate(`/provider?registered=${encodeURIComponent(provider.providerId)}`);
    },
    onError: (error) => setIssues(toTask(issuesFromError(error, { fields: providerFields }))),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const { body, issues: found } = registrationOf(draft);
    setIssues(toTask(found));
    if (found.length === 0) register.mutate(body);
  };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title="Check your answers before you register" error={issues.length > 0} />
        <BackLink to="/provider/register">Back</BackLink>
        <ErrorSummary issues={issues} />
        <h1 className="govuk-heading-l">Check your answers before you register</h1>
        {tasks.map((task) => (
          <section key={task.id} aria-labelledby={`check-${task.id}`}>
            <h2 className="govuk-heading-m" id={`check-${task.id}`}>
              {task.title}
            </h2>
            <SummaryList rows={rowsOf(draft, task.id)} />
          </section>
        ))}
        <h2 className="govuk-heading-m">Now register</h2>
        <p className="govuk-body">
          By registering you confirm that what you have told us is true. People can find you straight away;
          the council checks your evidence before you can be paid from a personal budget.
        </p>
        <form onSubmit={onSubmit} noValidate>
          <Button disabled={register.isPending}>Register</Button>
        </form>
      </div>
    </div>
  );
}
