/** A provider quotes for a request: a price for one person, group prices if they can, and when. */
import type { PriceUnit } from '@carepool/domain';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { type BodyOf, checkBody } from '../../api/client.ts';
import { FormPage, sendWhenValid, useDoneMutation } from '../../components/done-form.tsx';
import {
  Button,
  errorFor,
  InsetText,
  Loading,
  Radios,
  Select,
  Textarea,
  TextInput,
} from '../../components/govuk.tsx';
import { GroupPriceTiers, readTiers, type TierForm } from '../../components/group-price-tiers.tsx';
import { MoneyField, readPounds } from '../../components/money-field.tsx';
import { LoadError } from '../../components/query.tsx';
import { priceUnits } from '../../lib/labels.ts';
import { formatPence } from '../../lib/money.ts';
import { issuesFromError, issuesFromFields, type SummaryIssue } from '../../lib/problems.ts';
import { useApi, useRouteQuery } from '../../session.tsx';
import { useMyProviders } from '../provider/index.ts';
import { peopleWords, requestHeading } from './request-words.ts';

const quoteFields = (field: string): string | undefined => {
  if (field === 'providerId') return 'providerId';
  if (field === 'priceUnit') return 'unit';
  if (field === 'when') return 'when';
  if (field === 'terms') return 'terms';
  const tier = /^tiers\.(\d+)\.(minParticipants|pricePerPersonPence)$/.exec(field);
  if (tier) {
    const index = Number(tier[1]);
    if (index === 0) return 'price';
    return `tier-${index - 1}-${tier[2] === 'minParticipants' ? 'people' : 'price'}`;
  }
  return field.startsWith('tiers') ? 'price' : undefined;
};

export function QuotePage() {
  const { requestId = '' } = useParams();
  const request = useRouteQuery('getRequest', { params: { id: requestId } });
  const myProviders = useMyProviders();
  const mine = myProviders.data?.items ?? [];
  const [providerId, setProviderId] = useState('');
  const [price, setPrice] = useState('');
  const [unit, setUnit] = useState<PriceUnit>('session');
  const [tiers, setTiers] = useState<TierForm[]>([]);
  const [when, setWhen] = useState('');
  const [terms, setTerms] = useState('');
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const api = useApi();
  const chosenProvider = providerId || (mine.length === 1 ? (mine[0]?.providerId ?? '') : '');
  const send = useDoneMutation({
    mutationFn: (body: BodyOf<'submitQuote'>) => api('submitQuote', { params: { id: requestId }, body }),
    to: () => `/requests/${requestId}?done=quoted`,
    onError: (error) => setIssues(issuesFromError(error, { fields: quoteFields })),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: SummaryIssue[] = [];
    if (!chosenProvider.trim())
      found.push({ fieldId: 'providerId', message: 'Choose which of your provider profiles is quoting' });
    const one = readPounds(found, 'price', price, { label: 'the price for one person', min: 1 });
    const groupTiers = readTiers(tiers, found);
    if (!when.trim()) found.push({ fieldId: 'when', message: 'Say when you could do it' });
    const body: BodyOf<'submitQuote'> | undefined =
      found.length === 0 && one !== undefined
        ? {
            providerId: chosenProvider.trim(),
            tiers: [{ minParticipants: 1, pricePerPersonPence: one }, ...groupTiers],
            priceUnit: unit,
            when: when.trim(),
            terms: terms.trim(),
          }
        : undefined;
    if (body) found.push(...issuesFromFields(checkBody('submitQuote', body), quoteFields));
    sendWhenValid(found, setIssues, body, send.mutate);
  };
  return (
    <FormPage
      title="Send a quote"
      back={`/requests/${requestId}`}
      issues={issues}
      caption={request.data && requestHeading(request.data)}
    >
      {request.isError && <LoadError error={request.error} />}
      {request.data && (
        <InsetText>
          {request.data.description} For {peopleWords(request.data)}. {request.data.when}. Up to{' '}
          {formatPence(request.data.budgetCeilingPerPersonPence)} each.
        </InsetText>
      )}
      <form onSubmit={onSubmit} noValidate>
        {mine.length > 1 ? (
          <Radios
            id="providerId"
            name="providerId"
            legend="Which of your provider profiles is quoting?"
            legendSize="s"
            value={providerId}
            onChange={setProviderId}
            error={errorFor(issues, 'providerId')}
            options={mine.map((p) => ({ value: p.providerId, text: p.name }))}
          />
        ) : mine.length === 1 ? (
          <p className="govuk-body">Quoting as {mine[0]?.name}.</p>
        ) : myProviders.isPending ? (
          <Loading>Loading your provider profiles…</Loading>
        ) : (
          <InsetText>
            You need a provider profile to quote.{' '}
            <Link className="govuk-link" to="/provider/register">
              Register as a provider
            </Link>
            .
          </InsetText>
        )}
        <MoneyField
          id="price"
          label="Price for one person"
          value={price}
          onChange={setPrice}
          issues={issues}
        />
        <Select
          id="unit"
          label="For"
          labelSize="s"
          value={unit}
          onChange={(value) => setUnit(value as PriceUnit)}
          options={Object.entries(priceUnits).map(([value, text]) => ({ value, text }))}
        />
        <GroupPriceTiers tiers={tiers} onChange={setTiers} issues={issues} />
        <TextInput
          id="when"
          label="When could you do it?"
          labelSize="s"
          hint="For example, “Thursdays 2pm to 3:30pm from January”."
          value={when}
          onChange={setWhen}
          error={errorFor(issues, 'when')}
        />
        <Textarea
          id="terms"
          label="Anything else they should know? (optional)"
          labelSize="s"
          hint="For example, “Carers come free”."
          rows={3}
          value={terms}
          onChange={setTerms}
          error={errorFor(issues, 'terms')}
        />
        <Button disabled={send.isPending}>Send the quote</Button>
      </form>
    </FormPage>
  );
}
