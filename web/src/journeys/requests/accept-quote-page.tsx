/**
 * Accepting a quote: who asked (for someone acting for several), then as a booking for one person
 * or as a group purchase when the quote has group prices.
 */
import { type FormEvent, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { FormPage } from '../../components/done-form.tsx';
import { Button, errorFor, Loading, Radios, SummaryCard } from '../../components/govuk.tsx';
import { ChoosePerson, usePersonChoice } from '../../components/person-chooser.tsx';
import { LoadError } from '../../components/query.tsx';
import { priceUnits } from '../../lib/labels.ts';
import { formatPence } from '../../lib/money.ts';
import type { SummaryIssue } from '../../lib/problems.ts';
import { useMe, useRouteQuery } from '../../session.tsx';
import { AcceptAsGroup } from './accept-as-group.tsx';
import { AcceptAsOrder } from './accept-as-order.tsx';
import { QuoteRows } from './quote-rows.tsx';
import { hasGroupPrices, priceForOne } from './request-words.ts';

export function AcceptQuotePage() {
  const { requestId = '', quoteId = '' } = useParams();
  const [params] = useSearchParams();
  const request = useRouteQuery('getRequest', { params: { id: requestId } });
  const me = useMe();
  const { personId, choose } = usePersonChoice();
  const navigate = useNavigate();
  const [how, setHow] = useState('');
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const quote = request.data?.quotes.find((q) => q.quoteId === quoteId);
  const back = `/requests/${requestId}`;
  if (request.isError || !request.data || me.isPending) {
    return (
      <FormPage title="Accept a quote" back={back} error={request.isError}>
        {request.isError ? <LoadError error={request.error} /> : <Loading />}
      </FormPage>
    );
  }
  if (!quote || !request.data.youAsked || request.data.status !== 'open') {
    return (
      <FormPage title="Accept a quote" back={back}>
        <p className="govuk-body">
          {request.data.status !== 'open'
            ? 'A quote has already been accepted for this request.'
            : 'Only the person who asked can accept a quote for this request.'}
        </p>
      </FormPage>
    );
  }
  if (choose) {
    return (
      <ChoosePerson
        caption={quote.providerName}
        question="Who asked for this support?"
        to={(id) => `/requests/${requestId}/quotes/${quoteId}/accept?person=${encodeURIComponent(id)}`}
      />
    );
  }
  const as = params.get('as') ?? (hasGroupPrices(quote) ? '' : 'order');
  if (as === 'order' && personId)
    return <AcceptAsOrder request={request.data} quote={quote} personId={personId} />;
  if (as === 'group') return <AcceptAsGroup request={request.data} quote={quote} />;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (how !== 'order' && how !== 'group') {
      setIssues([{ fieldId: 'how', message: 'Choose how to accept the quote' }]);
      return;
    }
    const next = new URLSearchParams({ as: how });
    const person = params.get('person');
    if (person) next.set('person', person);
    navigate(`/requests/${requestId}/quotes/${quoteId}/accept?${next.toString()}`);
  };
  const interested = request.data.interestedCount;
  return (
    <FormPage title="How do you want to accept this quote?" heading={null} back={back} issues={issues}>
      <SummaryCard title={quote.providerName}>
        <QuoteRows quote={quote} />
      </SummaryCard>
      <form noValidate onSubmit={onSubmit}>
        <Radios
          id="how"
          name="how"
          legend="How do you want to accept this quote?"
          isPageHeading
          value={how}
          onChange={setHow}
          error={errorFor(issues, 'how')}
          options={[
            {
              value: 'order',
              text: 'Book it for one person',
              hint: `${formatPence(priceForOne(quote))} ${priceUnits[quote.priceUnit]}, paid from a part of the support plan.`,
            },
            {
              value: 'group',
              text: 'Start a group with it',
              hint: `At the quoted group prices. ${
                interested > 0
                  ? `The ${interested} ${interested === 1 ? 'person' : 'people'} who said they would like it too can join.`
                  : 'Other people near you can join.'
              }`,
            },
          ]}
        />
        <Button>Continue</Button>
      </form>
    </FormPage>
  );
}
