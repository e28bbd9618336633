/** A care manager sets a holder's yearly budget: where the money comes from and how it is taken. */
import type { FundingSourceKind } from '@carepool/domain';
import { type FormEvent, useState } from 'react';
import { useParams } from 'react-router';
import { type BodyOf, checkBody, type ResponseOf } from '../../api/client.ts';
import { useDoneMutation } from '../../components/done-form.tsx';
import {
  BackLink,
  Button,
  Checkbox,
  Checkboxes,
  DateInput,
  ErrorSummary,
  errorFor,
  Radios,
  TextInput,
} from '../../components/govuk.tsx';
import { PageTitle } from '../../components/layout.tsx';
import { Await } from '../../components/query.tsx';
import { parseDateParts, partsOf, todayIso } from '../../lib/dates.ts';
import { deployments, fundingSources } from '../../lib/labels.ts';
import { formatPence, parsePounds, penceToPoundsInput } from '../../lib/money.ts';
import { issuesFromError, issuesFromFields, type SummaryIssue } from '../../lib/problems.ts';
import { useApi, useRouteQuery } from '../../session.tsx';

const sourceKinds: FundingSourceKind[] = [
  'council_social_care',
  'nhs_personal_health_budget',
  'family_contribution',
];

export function SetBudgetPage() {
  const { personId = '' } = useParams();
  const person = useRouteQuery('getPerson', { params: { id: personId } });
  if (!person.data) {
    return (
      <>
        <PageTitle title="Set the budget" error={person.isError} />
        <h1 className="govuk-heading-l">Set the budget</h1>
        <Await query={person}>{() => null}</Await>
      </>
    );
  }
  return <BudgetForm person={person.data} />;
}

function BudgetForm({ person }: { person: ResponseOf<'getPerson'> }) {
  const budget = person.budget;
  const [chosen, setChosen] = useState<string[]>(
    budget?.fundingSources.map((s) => s.source) ?? ['council_social_care'],
  );
  const [amounts, setAmounts] = useState<Record<string, string>>(
    Object.fromEntries(
      (budget?.fundingSources ?? []).map((s) => [s.source, penceToPoundsInput(s.amountPence)]),
    ),
  );
  const [healthOnly, setHealthOnly] = useState(
    budget?.fundingSources.some(
      (s) => s.source === 'nhs_personal_health_budget' && s.restrictedToCategories?.length,
    ) ?? true,
  );
  const [deployment, setDeployment] = useState<string>(budget?.deployment ?? 'managed_account');
  const [start, setStart] = useState(partsOf(budget?.planYearStart ?? `${todayIso().slice(0, 4)}-04-01`));
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const api = useApi();
  const save = useDoneMutation({
    mutationFn: (body: BodyOf<'setBudget'>) => api('setBudget', { params: { id: person.personId }, body }),
    to: () => `/people/${person.personId}`,
    onError: (error) =>
      setIssues(issuesFromError(error, { fields: { fundingSources: 'sources', deployment: 'deployment' } })),
  });
  const parsed = Object.fromEntries(
    sourceKinds.map((kind) => [
      kind,
      parsePounds(amounts[kind] ?? '', { label: 'the yearly amount', min: 1 }),
    ]),
  );
  const total = chosen.reduce((sum, kind) => {
    const p = parsed[kind];
    return sum + (p?.ok ? p.pence : 0);
  }, 0);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: SummaryIssue[] = [];
    if (chosen.length === 0) found.push({ fieldId: 'sources', message: 'Choose where the money comes from' });
    for (const kind of chosen) {
      const p = parsed[kind];
      if (p && !p.ok)
        found.push({
          fieldId: `amount-${kind}`,
          message: `${fundingSources[kind as FundingSourceKind]}: ${p.message.toLowerCase()}`,
        });
    }
    const date = parseDateParts(start, 'the start of the plan year');
    if (!date.ok) found.push({ fieldId: 'start', message: date.message });
    if (found.length === 0 && date.ok) {
      const body: BodyOf<'setBudget'> = {
        allocationPence: total,
        fundingSources: chosen.map((kind) => {
          const p = parsed[kind];
          return {
            source: kind as FundingSourceKind,
            amountPence: p?.ok ? p.pence : 0,
            ...(kind === 'nhs_personal_health_budget' && healthOnly
              ? { restrictedToCategories: ['health_and_therapy' as const] }
              : {}),
          };
        }),
        deployment: deployment as BodyOf<'setBudget'>['deployment'],
        planYearStart: date.iso,
      };
      found.push(
        ...issuesFromFields(checkBody('setBudget', body), {
          allocationPence: 'sources',
          deployment: 'deployment',
        }),
      );
      if (found.length === 0) {
        setIssues([]);
        save.mutate(body);
        return;
      }
    }
    setIssues(found);
  };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title={`Set ${person.name}’s budget`} error={issues.length > 0} />
        <BackLink to={`/people/${person.personId}`}>Back</BackLink>
        <ErrorSummary issues={issues} />
        <span className="govuk-caption-l">{person.name}</span>
        <h1 className="govuk-heading-l">Set the yearly budget</h1>
        <form onSubmit={onSubmit} noValidate>
          <Checkboxes
            id="sources"
            name="sources"
            legend="Where does the money come from?"
            legendSize="m"
            hint="Give the yearly amount from each."
            values={chosen}
            onChange={setChosen}
            error={errorFor(issues, 'sources')}
            options={sourceKinds.map((kind) => ({ value: kind, text: fundingSources[kind] }))}
          />
          {chosen.map((kind) => (
            <TextInput
              key={kind}
              id={`amount-${kind}`}
              label={`${fundingSources[kind as FundingSourceKind]}: amount a year`}
              labelSize="s"
              prefix="£"
              inputMode="decimal"
              width={10}
              value={amounts[kind] ?? ''}
              onChange={(value) => setAmounts({ ...amounts, [kind]: value })}
              error={errorFor(issues, `amount-${kind}`)}
            />
          ))}
          {chosen.includes('nhs_personal_health_budget') && (
            <Checkbox
              id="healthOnly"
              label="NHS money may only pay for health and therapy"
              checked={healthOnly}
              onChange={setHealthOnly}
            />
          )}
          <p className="govuk-body govuk-!-font-weight-bold" aria-live="polite">
            Yearly budget: {formatPence(total)}
          </p>
          <Radios
            id="deployment"
            name="deployment"
            legend="How will the budget be taken?"
            legendSize="m"
            value={deployment}
            onChange={setDeployment}
            error={errorFor(issues, 'deployment')}
            options={Object.entries(deployments).map(([value, text]) => ({ value, text }))}
          />
          <DateInput
            id="start"
            legend="When does the plan year start?"
            legendSize="m"
            value={start}
            onChange={setStart}
            error={errorFor(issues, 'start')}
          />
          <Button disabled={save.isPending}>Save the budget</Button>
        </form>
      </div>
    </div>
  );
}
