/**
 * Pages for care managers and finance officers: registering a holder, setting a budget, checking a
 * provider and posting a deposit. "My services" and "Council work" have their own files.
 */
import type { FundingSourceKind } from '@carepool/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { type BodyOf, checkBody, newIdempotencyKey, type ResponseOf } from '../api/client.ts';
import {
  BackLink,
  Button,
  ButtonGroup,
  Checkbox,
  Checkboxes,
  DateInput,
  ErrorSummary,
  errorFor,
  Loading,
  Panel,
  Radios,
  SummaryList,
  Textarea,
  TextInput,
} from '../components/govuk.tsx';
import { PageTitle } from '../components/layout.tsx';
import { Await } from '../components/query.tsx';
import { rememberedList, useFocusOnStep } from '../components/steps.tsx';
import { formatDate, parseDateParts, partsOf, todayIso } from '../lib/dates.ts';
import { deployments, fundingSources, materialChangeLabels } from '../lib/labels.ts';
import { formatPence, parsePounds, penceToPoundsInput } from '../lib/money.ts';
import { issuesFromError, issuesFromFields, type SummaryIssue } from '../lib/problems.ts';
import { useApi, useMe, useRouteQuery } from '../session.tsx';
import { ProviderStatusTag } from './search.tsx';

const idPattern = /^[A-Za-z0-9_-]{1,64}$/;

export { CouncilHomePage } from './council-home.tsx';
export { ProviderHomePage } from './provider-home.tsx';

export function RegisterPersonPage() {
  const [name, setName] = useState('');
  const [dob, setDob] = useState({ day: '', month: '', year: '' });
  const [postcode, setPostcode] = useState('');
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [created, setCreated] = useState<ResponseOf<'registerPerson'>>();
  useFocusOnStep(created ? 'done' : 'form');
  const api = useApi();
  const me = useMe();
  const fields = { name: 'name', dateOfBirth: 'dob', postcode: 'postcode' };
  const register = useMutation({
    mutationFn: (body: BodyOf<'registerPerson'>) => api('registerPerson', { body }, { idempotencyKey }),
    onSuccess: (person) => {
      rememberedList(`carepool.people.${me.data?.userId ?? 'anonymous'}`).add(person.personId);
      setCreated(person);
    },
    onError: (error) => setIssues(issuesFromError(error, { fields })),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: SummaryIssue[] = [];
    if (!name.trim()) found.push({ fieldId: 'name', message: 'Enter their full name' });
    const date = parseDateParts(dob, 'their date of birth');
    if (!date.ok) found.push({ fieldId: 'dob', message: date.message });
    else if (date.iso >= todayIso())
      found.push({ fieldId: 'dob', message: 'Their date of birth must be in the past' });
    if (!postcode.trim()) found.push({ fieldId: 'postcode', message: 'Enter their postcode' });
    if (found.length === 0 && date.ok) {
      const body = { name: name.trim(), dateOfBirth: date.iso, postcode: postcode.trim().toUpperCase() };
      found.push(...issuesFromFields(checkBody('registerPerson', body), fields));
      if (found.length === 0) {
        setIssues([]);
        register.mutate(body);
        return;
      }
    }
    setIssues(found);
  };
  if (created) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <PageTitle title="Budget holder registered" />
          <Panel title="Budget holder registered">
            {created.name}
            <br />
            <strong className="app-break-word">{created.personId}</strong>
          </Panel>
          <h2 className="govuk-heading-m">What happens next</h2>
          <p className="govuk-body">Set their yearly budget, then they can write a support plan.</p>
          <ButtonGroup>
            <Link className="govuk-button" to={`/people/${created.personId}/budget/edit`}>
              Set their budget
            </Link>
          </ButtonGroup>
        </div>
      </div>
    );
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title="Register a budget holder" error={issues.length > 0} />
        <BackLink to="/council">Council work</BackLink>
        <ErrorSummary issues={issues} />
        <h1 className="govuk-heading-l">Register a budget holder</h1>
        <p className="govuk-body">We only keep what we need: their name, date of birth and postcode.</p>
        <form onSubmit={onSubmit} noValidate>
          <TextInput
            id="name"
            label="Full name"
            labelSize="s"
            autoComplete="off"
            value={name}
            onChange={setName}
            error={errorFor(issues, 'name')}
          />
          <DateInput
            id="dob"
            legend="Date of birth"
            hint="For example, 27 3 1950"
            value={dob}
            onChange={setDob}
            error={errorFor(issues, 'dob')}
          />
          <TextInput
            id="postcode"
            label="Postcode"
            labelSize="s"
            width={10}
            autoComplete="off"
            value={postcode}
            onChange={setPostcode}
            error={errorFor(issues, 'postcode')}
          />
          <Button disabled={register.isPending}>Register</Button>
        </form>
      </div>
    </div>
  );
}

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
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (body: BodyOf<'setBudget'>) => api('setBudget', { params: { id: person.personId }, body }),
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      navigate(`/people/${person.personId}`);
    },
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

export function VerifyProviderPage() {
  const { providerId = '' } = useParams();
  const provider = useRouteQuery('getProvider', { params: { id: providerId } });
  const [status, setStatus] = useState('');
  const [reason, setReason] = useState('');
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const send = useMutation({
    mutationFn: (body: BodyOf<'verifyProvider'>) =>
      api('verifyProvider', { params: { id: providerId }, body }),
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      navigate(`/providers/${providerId}`);
    },
    onError: (error) => setIssues(issuesFromError(error)),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: SummaryIssue[] = [];
    if (status !== 'verified' && status !== 'suspended')
      found.push({ fieldId: 'status', message: 'Choose checked or suspended' });
    if (!reason.trim()) found.push({ fieldId: 'reason', message: 'Give a reason' });
    setIssues(found);
    if (found.length === 0 && (status === 'verified' || status === 'suspended'))
      send.mutate({
        status,
        reason: reason.trim(),
        ...(provider.data ? { version: provider.data.version } : {}),
      });
  };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title="Check or suspend a provider" error={issues.length > 0} />
        <BackLink to={`/providers/${providerId}`}>Back</BackLink>
        <ErrorSummary issues={issues} />
        <span className="govuk-caption-l">{provider.data?.name ?? providerId}</span>
        <h1 className="govuk-heading-l">Check or suspend this provider</h1>
        {provider.data && (
          <p className="govuk-body">
            Now: <ProviderStatusTag status={provider.data.status} />
          </p>
        )}
        {provider.data?.changedSinceCheck && provider.data.changedSinceCheck.length > 0 && (
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <div className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              Changed since it was last checked. Check these again:
              <ul className="govuk-list govuk-list--bullet">
                {provider.data.changedSinceCheck.map((change) => (
                  <li key={change}>{materialChangeLabels[change]}</li>
                ))}
              </ul>
            </div>
          </div>
        )}
        <form onSubmit={onSubmit} noValidate>
          <Radios
            id="status"
            name="status"
            legend="What have you decided?"
            legendSize="m"
            value={status}
            onChange={setStatus}
            error={errorFor(issues, 'status')}
            options={[
              { value: 'verified', text: 'Checked: they can be paid from personal budgets' },
              { value: 'suspended', text: 'Suspended: nobody can pay them until this changes' },
            ]}
          />
          <Textarea
            id="reason"
            label="Reason"
            labelSize="m"
            hint="For example, which evidence you saw. The provider sees this."
            rows={3}
            value={reason}
            onChange={setReason}
            error={errorFor(issues, 'reason')}
          />
          <Button disabled={send.isPending}>Save the decision</Button>
        </form>
      </div>
    </div>
  );
}

export function FinancePage() {
  const [params] = useSearchParams();
  const [personId, setPersonId] = useState(params.get('person') ?? '');
  const [amount, setAmount] = useState('');
  const [reference, setReference] = useState('');
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const [step, setStep] = useState<'form' | 'check' | 'done'>('form');
  useFocusOnStep(step);
  const [transferId, setTransferId] = useState(() => `dep_${newIdempotencyKey().replace(/-/g, '')}`);
  const person = useRouteQuery(
    'getPerson',
    { params: { id: personId.trim() } },
    { enabled: step !== 'form' },
  );
  const api = useApi();
  const queryClient = useQueryClient();
  const parsed = parsePounds(amount, { label: 'the amount', min: 1 });
  const fields = { amountPence: 'amount', reference: 'reference', transferId: 'amount' };
  const post = useMutation({
    mutationFn: (body: BodyOf<'postFunding'>) =>
      api('postFunding', { params: { id: personId.trim() }, body }, { idempotencyKey: body.transferId }),
    onSuccess: () => {
      void queryClient.invalidateQueries();
      setStep('done');
    },
    onError: (error) => {
      setIssues(issuesFromError(error, { fields }));
      setStep('form');
    },
  });
  const onContinue = (event: FormEvent) => {
    event.preventDefault();
    const found: SummaryIssue[] = [];
    if (!personId.trim()) found.push({ fieldId: 'personId', message: 'Enter the person id' });
    else if (!idPattern.test(personId.trim()))
      found.push({
        fieldId: 'personId',
        message: 'A person id has only letters, numbers, hyphens and underscores',
      });
    if (!parsed.ok) found.push({ fieldId: 'amount', message: parsed.message });
    if (!reference.trim())
      found.push({ fieldId: 'reference', message: 'Enter a reference, like “4-weekly payment, June”' });
    if (found.length === 0 && parsed.ok) {
      found.push(
        ...issuesFromFields(
          checkBody('postFunding', { transferId, amountPence: parsed.pence, reference: reference.trim() }),
          fields,
        ),
      );
    }
    setIssues(found);
    if (found.length === 0) setStep('check');
  };
  if (step === 'done') {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <PageTitle title="Deposit posted" />
          <Panel title="Deposit posted">
            {parsed.ok && formatPence(parsed.pence)} to {person.data?.name ?? personId}
          </Panel>
          <p className="govuk-body">
            <Link className="govuk-link" to={`/people/${personId.trim()}`}>
              See their account
            </Link>
          </p>
          <Button
            type="button"
            variant="secondary"
            onClick={() => {
              setAmount('');
              setReference('');
              setPersonId('');
              setTransferId(`dep_${newIdempotencyKey().replace(/-/g, '')}`);
              setStep('form');
            }}
          >
            Post another deposit
          </Button>
        </div>
      </div>
    );
  }
  if (step === 'check') {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <PageTitle title="Check the deposit before you post it" />
          <h1 className="govuk-heading-l">Check the deposit before you post it</h1>
          {person.isPending ? (
            <Loading />
          ) : (
            <SummaryList
              rows={[
                {
                  key: 'Into the account of',
                  value: person.data
                    ? `${person.data.name} (${person.data.personId})`
                    : `We could not find ${personId}`,
                },
                person.data?.budget && {
                  key: 'Their yearly budget',
                  value: formatPence(person.data.budget.allocationPence),
                },
                person.data?.budget && {
                  key: 'Plan year from',
                  value: formatDate(person.data.budget.planYearStart),
                },
                { key: 'Amount', value: parsed.ok ? formatPence(parsed.pence) : '' },
                { key: 'Reference', value: reference },
              ]}
            />
          )}
          <p className="govuk-body">Posting the same deposit twice never pays twice.</p>
          <ButtonGroup>
            <Button
              type="button"
              disabled={post.isPending || !person.data}
              onClick={() =>
                parsed.ok &&
                post.mutate({ transferId, amountPence: parsed.pence, reference: reference.trim() })
              }
            >
              Post the deposit
            </Button>
            <Button type="button" variant="secondary" onClick={() => setStep('form')}>
              Change the details
            </Button>
          </ButtonGroup>
          {post.isPending && <Loading>Posting…</Loading>}
        </div>
      </div>
    );
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title="Post a deposit" error={issues.length > 0} />
        <ErrorSummary issues={issues} />
        <h1 className="govuk-heading-xl">Post a deposit</h1>
        <p className="govuk-body">Pay council money into a budget holder’s managed account.</p>
        <form onSubmit={onContinue} noValidate>
          <TextInput
            id="personId"
            label="Person id"
            labelSize="s"
            hint="It starts with per_."
            spellCheck={false}
            width={20}
            value={personId}
            onChange={setPersonId}
            error={errorFor(issues, 'personId')}
          />
          <TextInput
            id="amount"
            label="Amount"
            labelSize="s"
            prefix="£"
            inputMode="decimal"
            width={10}
            value={amount}
            onChange={setAmount}
            error={errorFor(issues, 'amount')}
          />
          <TextInput
            id="reference"
            label="Reference"
            labelSize="s"
            hint="The person sees this on their statement."
            value={reference}
            onChange={setReference}
            error={errorFor(issues, 'reference')}
          />
          <Button>Continue</Button>
        </form>
      </div>
    </div>
  );
}
