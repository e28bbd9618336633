/** Accepting a quote as a booking for one person: the plan line, how many, when; then check. */
import { type FormEvent, useState } from 'react';
import { CheckAnswers } from '../../components/check-answers.tsx';
import { DateField, readDate, readTime, TimeField } from '../../components/date-field.tsx';
import { FormPage, useDoneMutation } from '../../components/done-form.tsx';
import { Button, errorFor, Loading, TextInput } from '../../components/govuk.tsx';
import { PlanLineRadios } from '../../components/plan-line-radios.tsx';
import { LoadError } from '../../components/query.tsx';
import { SpendPreview } from '../../components/spend-preview.tsx';
import { useFocusOnStep } from '../../components/steps.tsx';
import { addDays, formatDateTime, partsOf, todayIso, ukDateTime } from '../../lib/dates.ts';
import { priceUnitNouns, priceUnits, quantityWords } from '../../lib/labels.ts';
import { formatPence } from '../../lib/money.ts';
import type { SummaryIssue } from '../../lib/problems.ts';
import { previewSpendCheck } from '../../lib/spend.ts';
import { usePerson } from '../../person.ts';
import { useApi } from '../../session.tsx';
import { usePlanLines } from '../booking/booking.tsx';
import { priceForOne, type Quote, type SupportRequest } from './request-words.ts';

interface OrderAnswers {
  lineId: string;
  quantity: number;
  scheduledFor: string;
}

export function AcceptAsOrder({
  request,
  quote,
  personId,
}: {
  request: SupportRequest;
  quote: Quote;
  personId: string;
}) {
  const { context, person } = usePerson(personId);
  const { lines, account, pending, error } = usePlanLines(personId, context);
  const [lineId, setLineId] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [date, setDate] = useState(partsOf(addDays(todayIso(), 14)));
  const [time, setTime] = useState('10:00');
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const [step, setStep] = useState<'form' | 'check'>('form');
  const [body, setBody] = useState<OrderAnswers>();
  useFocusOnStep(step);
  const api = useApi();
  const accept = useDoneMutation({
    mutationFn: (order: OrderAnswers) =>
      api('acceptQuote', {
        params: { id: request.requestId, quoteId: quote.quoteId },
        body: { kind: 'order', ...order },
      }),
    to: (result) =>
      result.orderId ? `/orders/${result.orderId}?booked=1` : `/requests/${request.requestId}`,
    onError: () => setStep('check'),
  });
  const [one, many] = priceUnitNouns[quote.priceUnit];
  const price = priceForOne(quote);
  const self = context.relationship === 'self';
  const whose = self ? 'your' : `${context.who.firstName}’s`;
  const onContinue = (event: FormEvent) => {
    event.preventDefault();
    const found: SummaryIssue[] = [];
    if (!lineId) found.push({ fieldId: 'lineId', message: 'Choose which part of the plan pays for this' });
    const n = Number(quantity.trim());
    if (!Number.isInteger(n) || n < 1 || n > 1000)
      found.push({ fieldId: 'quantity', message: `Enter a whole number of ${many}, from 1 to 1,000` });
    const day = readDate(found, 'date', date, { rule: 'today-or-later' });
    const clock = readTime(found, 'time', time);
    setIssues(found);
    if (found.length === 0 && day && clock) {
      setBody({ lineId, quantity: n, scheduledFor: new Date(ukDateTime(day, clock)).toISOString() });
      setStep('check');
    }
  };
  if (step === 'check' && body) {
    const line = lines?.find((l) => l.lineId === body.lineId);
    const cost = price * body.quantity;
    const preview = previewSpendCheck(
      { costPence: cost, listingCategory: request.category, providerVerified: true },
      line,
      account,
      context.who,
    );
    return (
      <CheckAnswers
        title="Check the booking before you accept the quote"
        caption={quote.providerName}
        error={accept.isError ? accept.error : undefined}
        errorTitle="This booking cannot go ahead"
        who={context.who}
        rows={[
          !self && { key: 'For', value: person.data?.name ?? context.name },
          { key: 'What', value: request.description },
          { key: 'Provider', value: quote.providerName },
          { key: 'When', value: formatDateTime(body.scheduledFor) },
          { key: 'How many', value: quantityWords(body.quantity, quote.priceUnit) },
          { key: 'Paid from', value: line?.title ?? 'Not chosen' },
          {
            key: 'Cost',
            value: (
              <strong>
                {formatPence(cost)} ({quantityWords(body.quantity, quote.priceUnit)} at {formatPence(price)})
              </strong>
            ),
          },
        ]}
        confirm="Accept and book"
        onConfirm={() => accept.mutate(body)}
        pending={accept.isPending}
        pendingText="Booking and checking the plan…"
        onChange={() => setStep('form')}
      >
        <h2 className="govuk-heading-m">Does it fit {whose} plan?</h2>
        <SpendPreview preview={preview} refusal="This booking is likely to be refused:" />
        <p className="govuk-body">
          When you accept, {formatPence(cost)} is set aside from {whose} account and {quote.providerName} is
          asked to confirm. They are paid only after the support is delivered and confirmed.
        </p>
      </CheckAnswers>
    );
  }
  return (
    <FormPage
      title="Book it for one person"
      back={`/requests/${request.requestId}`}
      issues={issues}
      caption={`${quote.providerName}: ${formatPence(price)} ${priceUnits[quote.priceUnit]}`}
    >
      {pending && <Loading>Loading the support plan…</Loading>}
      {error && <LoadError error={error} who={context.who} />}
      {lines && (
        <form onSubmit={onContinue} noValidate>
          <PlanLineRadios
            lines={lines}
            category={request.category}
            coveringFirst={false}
            value={lineId}
            onChange={setLineId}
            issues={issues}
          />
          <TextInput
            id="quantity"
            label={`How many ${many}?`}
            labelSize="m"
            hint={`${formatPence(price)} for each ${one}.`}
            inputMode="numeric"
            width={3}
            value={quantity}
            onChange={setQuantity}
            error={errorFor(issues, 'quantity')}
          />
          <DateField
            id="date"
            legend="When?"
            legendSize="m"
            value={date}
            onChange={setDate}
            issues={issues}
          />
          <TimeField value={time} onChange={setTime} issues={issues} />
          <Button>Continue</Button>
        </form>
      )}
    </FormPage>
  );
}
