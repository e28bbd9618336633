import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { type BodyOf, checkBody, newIdempotencyKey } from '../../api/client.ts';
import { lineTitle } from '../../components/budget-chart.tsx';
import {
  BackLink,
  Button,
  ErrorSummary,
  errorFor,
  Loading,
  Panel,
  Radios,
  SummaryList,
  TextInput,
} from '../../components/govuk.tsx';
import { PageTitle } from '../../components/layout.tsx';
import { ProviderFinder } from '../../components/provider-finder.tsx';
import { Await } from '../../components/query.tsx';
import { useFocusOnStep } from '../../components/steps.tsx';
import { formatPence, parsePounds } from '../../lib/money.ts';
import { issuesFromError, issuesFromFields, type SummaryIssue } from '../../lib/problems.ts';
import { useLineNotes, usePerson } from '../../person.ts';
import { useApi, useMe, useRouteQuery } from '../../session.tsx';

/** "Pay an invoice" from a provider's page: first, whose budget pays. */
export function PayInvoiceStartPage() {
  const me = useMe();
  const [params] = useSearchParams();
  const provider = params.get('provider') ?? '';
  const [value, setValue] = useState('');
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const navigate = useNavigate();
  if (me.isPending) return <Loading />;
  const target = (personId: string) =>
    `/people/${personId}/invoices/new${provider ? `?provider=${encodeURIComponent(provider)}` : ''}`;
  if (me.data?.personId && me.data.roles.includes('holder'))
    return <Navigate to={target(me.data.personId)} replace />;
  const people = me.data?.actsFor ?? [];
  const only = people[0];
  if (people.length === 1 && only) return <Navigate to={target(only.personId)} replace />;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!value) setIssues([{ fieldId: 'person', message: 'Choose whose budget pays this invoice' }]);
    else navigate(target(value));
  };
  return (
    <>
      <PageTitle title="Whose budget pays this invoice?" error={issues.length > 0} />
      <ErrorSummary issues={issues} />
      {people.length === 0 ? (
        <>
          <h1 className="govuk-heading-l">Pay an invoice</h1>
          <p className="govuk-body">Only a budget holder, or someone acting for them, can pay an invoice.</p>
        </>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <Radios
            id="person"
            name="person"
            legend="Whose budget pays this invoice?"
            isPageHeading
            value={value}
            onChange={setValue}
            error={errorFor(issues, 'person')}
            options={people.map((p) => ({ value: p.personId, text: p.name }))}
          />
          <Button>Continue</Button>
        </form>
      )}
    </>
  );
}

interface InvoiceForm {
  providerId: string;
  providerName: string;
  lineId: string;
  amount: string;
  reference: string;
  description: string;
  receiptUrl: string;
}

const invoiceFields = {
  providerId: 'providerId',
  lineId: 'lineId',
  category: 'lineId',
  amountPence: 'amount',
  reference: 'reference',
  description: 'description',
  receiptUrl: 'receiptUrl',
};

export function PayInvoicePage() {
  const { personId = '' } = useParams();
  const [params] = useSearchParams();
  const { context } = usePerson(personId);
  const account = useRouteQuery(
    'getAccount',
    { params: { id: personId } },
    { enabled: context.can('account:read') },
  );
  const notes = useLineNotes(personId, context);
  const [form, setForm] = useState<InvoiceForm>({
    providerId: params.get('provider') ?? '',
    providerName: '',
    lineId: '',
    amount: '',
    reference: '',
    description: '',
    receiptUrl: '',
  });
  const [step, setStep] = useState<'form' | 'check' | 'done'>('form');
  useFocusOnStep(step);
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const provider = useRouteQuery(
    'getProvider',
    { params: { id: form.providerId.trim() } },
    { enabled: Boolean(form.providerId.trim()) },
  );
  const api = useApi();
  const queryClient = useQueryClient();
  const pay = useMutation({
    mutationFn: (body: BodyOf<'payInvoice'>) =>
      api('payInvoice', { params: { id: personId }, body }, { idempotencyKey }),
    onSuccess: () => {
      void queryClient.invalidateQueries();
      setStep('done');
    },
    onError: (error) => {
      setIssues(issuesFromError(error, { who: context.who, fields: invoiceFields }));
      setStep('form');
    },
  });
  const set = <K extends keyof InvoiceForm>(key: K, value: InvoiceForm[K]) =>
    setForm({ ...form, [key]: value });
  const lines = account.data?.lines ?? [];
  const line = lines.find((l) => l.lineId === form.lineId);
  const amount = parsePounds(form.amount, { label: 'the amount on the invoice', min: 1 });

  const body = (): BodyOf<'payInvoice'> => ({
    providerId: form.providerId.trim(),
    lineId: form.lineId,
    category: line?.category ?? 'pa_support',
    amountPence: amount.ok ? amount.pence : 0,
    reference: form.reference.trim(),
    description: form.description.trim(),
    ...(form.receiptUrl.trim() ? { receiptUrl: form.receiptUrl.trim() } : {}),
  });

  const onContinue = (event: FormEvent) => {
    event.preventDefault();
    const found: SummaryIssue[] = [];
    if (!form.providerId.trim())
      found.push({ fieldId: 'providerId', message: 'Find the provider by name and choose them' });
    if (!form.lineId)
      found.push({ fieldId: 'lineId', message: 'Choose which part of the plan pays this invoice' });
    if (!amount.ok) found.push({ fieldId: 'amount', message: amount.message });
    if (!form.reference.trim())
      found.push({ fieldId: 'reference', message: 'Enter the invoice number or reference' });
    if (!form.description.trim())
      found.push({ fieldId: 'description', message: 'Say what the invoice is for' });
    if (found.length === 0) found.push(...issuesFromFields(checkBody('payInvoice', body()), invoiceFields));
    setIssues(found);
    if (found.length === 0) setStep('check');
  };

  const whose = context.relationship === 'self' ? 'your' : `${context.who.firstName}’s`;
  if (step === 'done') {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <PageTitle title="Invoice paid" />
          <Panel title="Invoice paid">
            {amount.ok && formatPence(amount.pence)} to {provider.data?.name ?? form.providerName}
          </Panel>
          <p className="govuk-body">
            The money has been taken from {whose} account and counted against{' '}
            {line ? lineTitle(line).toLowerCase() : 'the plan'}.
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to={`/people/${personId}`}>
              See what is left in the budget
            </Link>
          </p>
        </div>
      </div>
    );
  }
  if (step === 'check') {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <PageTitle title="Check the invoice before you pay it" />
          <h1 className="govuk-heading-l">Check the invoice before you pay it</h1>
          <SummaryList
            rows={[
              {
                key: 'Pay',
                value:
                  provider.data?.name ??
                  (provider.isError ? 'We could not find this provider' : form.providerName),
              },
              { key: 'Amount', value: amount.ok ? formatPence(amount.pence) : '' },
              { key: 'Invoice reference', value: form.reference },
              { key: 'What it is for', value: form.description },
              { key: 'Paid from', value: line ? lineTitle(line) : '' },
              line && { key: 'Left on that part now', value: formatPence(line.leftNowPence) },
              form.receiptUrl.trim() && {
                key: 'Receipt',
                value: <span className="app-break-word">{form.receiptUrl}</span>,
              },
            ]}
          />
          <p className="govuk-body">
            The money is paid at once. Pay only invoices for support that has been delivered.
          </p>
          <div className="govuk-button-group">
            <Button type="button" disabled={pay.isPending} onClick={() => pay.mutate(body())}>
              Pay the invoice
            </Button>
            <Button type="button" variant="secondary" onClick={() => setStep('form')}>
              Change the details
            </Button>
          </div>
          {pay.isPending && <Loading>Checking the plan and paying…</Loading>}
        </div>
      </div>
    );
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title="Pay an invoice" error={issues.length > 0} />
        <BackLink to={`/people/${personId}/orders`}>Back</BackLink>
        <ErrorSummary issues={issues} />
        <h1 className="govuk-heading-l">Pay an invoice</h1>
        <p className="govuk-body">
          For a bill from a provider that you did not book through Carepool: a personal assistant’s timesheet,
          a gym membership or a class.
        </p>
        <form onSubmit={onContinue} noValidate>
          {params.get('provider') && provider.data && form.providerId === params.get('provider') ? (
            <SummaryList
              rows={[
                {
                  key: 'Who it is from',
                  value: provider.data.name,
                },
              ]}
            />
          ) : (
            <ProviderFinder
              id="providerId"
              value={form.providerId}
              onChange={(providerId, providerName) => setForm({ ...form, providerId, providerName })}
              error={errorFor(issues, 'providerId')}
            />
          )}
          <Await query={account} who={context.who}>
            {() => (
              <Radios
                id="lineId"
                name="lineId"
                legend="Which part of the plan pays it?"
                legendSize="s"
                value={form.lineId}
                onChange={(value) => set('lineId', value)}
                error={errorFor(issues, 'lineId')}
                options={lines.map((l) => ({
                  value: l.lineId,
                  text: lineTitle(l),
                  hint: [notes.get(l.lineId), `${formatPence(l.leftNowPence)} left now`]
                    .filter(Boolean)
                    .join('. '),
                }))}
              />
            )}
          </Await>
          <TextInput
            id="amount"
            label="Amount"
            labelSize="s"
            prefix="£"
            inputMode="decimal"
            width={5}
            value={form.amount}
            onChange={(value) => set('amount', value)}
            error={errorFor(issues, 'amount')}
          />
          <TextInput
            id="reference"
            label="Invoice number or reference"
            labelSize="s"
            width={20}
            value={form.reference}
            onChange={(value) => set('reference', value)}
            error={errorFor(issues, 'reference')}
          />
          <TextInput
            id="description"
            label="What is it for?"
            labelSize="s"
            hint="For example, “12 hours of support in May”."
            value={form.description}
            onChange={(value) => set('description', value)}
            error={errorFor(issues, 'description')}
          />
          <TextInput
            id="receiptUrl"
            label="Link to the invoice or receipt (optional)"
            labelSize="s"
            hint="A web address starting with https://"
            type="url"
            spellCheck={false}
            value={form.receiptUrl}
            onChange={(value) => set('receiptUrl', value)}
            error={errorFor(issues, 'receiptUrl')}
          />
          <Button>Continue</Button>
        </form>
      </div>
    </div>
  );
}
