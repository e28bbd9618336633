/**
 * Finance posts council money into a holder's managed account: the person is found by name, the
 * deposit is checked before it is sent, and an amount larger than the person's four-weekly
 * amount or yearly budget is called out and must be confirmed.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { type BodyOf, checkBody, newIdempotencyKey, type ResponseOf } from '../../api/client.ts';
import {
  Button,
  ButtonGroup,
  ErrorSummary,
  errorFor,
  Loading,
  Panel,
  SummaryList,
  TextInput,
  WarningText,
} from '../../components/govuk.tsx';
import { PageTitle } from '../../components/layout.tsx';
import { Await } from '../../components/query.tsx';
import { useFocusOnStep } from '../../components/steps.tsx';
import { formatDate } from '../../lib/dates.ts';
import { formatPence, parsePounds } from '../../lib/money.ts';
import { issuesFromError, issuesFromFields, type SummaryIssue, withoutRepeats } from '../../lib/problems.ts';
import { useApi, useRouteQuery } from '../../session.tsx';
import { FindPerson } from '../council/find-person.tsx';
import { ConfirmCheckbox } from './confirm-checkbox.tsx';
import { largeDepositWarning } from './large-deposit.ts';

const newTransferId = () => `dep_${newIdempotencyKey().replace(/-/g, '')}`;

export function FinancePage() {
  const [params] = useSearchParams();
  const personId = params.get('person') ?? '';
  const person = useRouteQuery('getPerson', { params: { id: personId } }, { enabled: Boolean(personId) });
  if (!personId) return <ChoosePerson />;
  return (
    <Await query={person} loading="Loading the person…">
      {(found) => <DepositForm person={found} key={found.personId} />}
    </Await>
  );
}

function ChoosePerson() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title="Post a deposit" />
        <h1 className="govuk-heading-xl">Post a deposit</h1>
        <p className="govuk-body">Pay council money into a budget holder’s managed account.</p>
        <FindPerson
          heading="Who is the deposit for?"
          linkTo={(id) => `/finance?person=${encodeURIComponent(id)}`}
        />
        <p className="govuk-body">
          <Link className="govuk-link" to="/finance/exceptions">
            Payments that do not match the bank’s records
          </Link>
        </p>
      </div>
    </div>
  );
}

function DepositForm({ person }: { person: ResponseOf<'getPerson'> }) {
  const [amount, setAmount] = useState('');
  const [reference, setReference] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const [step, setStep] = useState<'form' | 'check' | 'done'>('form');
  const [result, setResult] = useState<ResponseOf<'postFunding'>>();
  useFocusOnStep(step);
  const [transferId] = useState(newTransferId);
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const parsed = parsePounds(amount, { label: 'the amount', min: 1 });
  const warning = parsed.ok ? largeDepositWarning(parsed.pence, person.budget) : undefined;
  const fields = { amountPence: 'amount', reference: 'reference', transferId: 'amount' };
  const post = useMutation({
    mutationFn: (body: BodyOf<'postFunding'>) =>
      api('postFunding', { params: { id: person.personId }, body }, { idempotencyKey: body.transferId }),
    onSuccess: async (deposit) => {
      await queryClient.invalidateQueries();
      setResult(deposit);
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
    if (!parsed.ok) found.push({ fieldId: 'amount', message: parsed.message });
    if (!reference.trim())
      found.push({ fieldId: 'reference', message: 'Enter a reference, like “4-weekly payment, June”' });
    const body = { transferId, amountPence: parsed.ok ? parsed.pence : 0, reference: reference.trim() };
    found.push(...withoutRepeats(found, issuesFromFields(checkBody('postFunding', body), fields)));
    setIssues(found);
    if (found.length === 0) {
      setConfirmed(false);
      setStep('check');
    }
  };
  const onPost = () => {
    if (!parsed.ok) return;
    if (warning && !confirmed) {
      setIssues([{ fieldId: 'confirmLarge', message: `Confirm that ${formatPence(parsed.pence)} is right` }]);
      return;
    }
    setIssues([]);
    post.mutate({ transferId, amountPence: parsed.pence, reference: reference.trim() });
  };

  if (step === 'done' && result) {
    const waiting = result.status === 'pending_approval';
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <PageTitle title={waiting ? 'Deposit waiting for approval' : 'Deposit posted'} />
          <Panel title={waiting ? 'Deposit waiting for approval' : 'Deposit posted'}>
            {formatPence(result.amountPence)} to {person.name}
          </Panel>
          {waiting && (
            <p className="govuk-body">
              It is above the council’s approval amount, so another finance officer must approve it before it
              is paid.
            </p>
          )}
          <p className="govuk-body">
            <Link className="govuk-link" to={`/people/${person.personId}`}>
              See {person.name}’s account
            </Link>
          </p>
          <Button type="button" variant="secondary" onClick={() => navigate('/finance')}>
            Post another deposit
          </Button>
        </div>
      </div>
    );
  }
  if (step === 'check' && parsed.ok) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <PageTitle title="Check the deposit before you post it" error={issues.length > 0} />
          <ErrorSummary issues={issues} />
          <h1 className="govuk-heading-l">Check the deposit before you post it</h1>
          <SummaryList
            rows={[
              { key: 'Into the account of', value: person.name },
              person.budget && {
                key: 'Their yearly budget',
                value: formatPence(person.budget.allocationPence),
              },
              person.budget && { key: 'Plan year from', value: formatDate(person.budget.planYearStart) },
              { key: 'Amount', value: formatPence(parsed.pence) },
              { key: 'Reference', value: reference.trim() },
            ]}
          />
          {warning && (
            <>
              <WarningText>{warning}</WarningText>
              <ConfirmCheckbox
                id="confirmLarge"
                label={`I have checked: post ${formatPence(parsed.pence)} to ${person.name}`}
                checked={confirmed}
                onChange={setConfirmed}
                error={errorFor(issues, 'confirmLarge')}
              />
            </>
          )}
          <p className="govuk-body">Posting the same deposit twice never pays twice.</p>
          <ButtonGroup>
            <Button type="button" disabled={post.isPending} onClick={onPost}>
              Post the deposit
            </Button>
            <Button
              type="button"
              variant="secondary"
              onClick={() => {
                setIssues([]);
                setStep('form');
              }}
            >
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
        <span className="govuk-caption-l">{person.name}</span>
        <h1 className="govuk-heading-xl">Post a deposit</h1>
        <p className="govuk-body">
          Into {person.name}’s managed account.{' '}
          <Link className="govuk-link" to="/finance">
            Choose someone else
          </Link>
        </p>
        {person.budget && (
          <p className="govuk-body">Their yearly budget is {formatPence(person.budget.allocationPence)}.</p>
        )}
        <form onSubmit={onContinue} noValidate>
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
