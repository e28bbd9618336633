/**
 * Booking a listing: who it is for (for someone acting for several people), which part of the
 * plan pays, how many and when; then a check-answers page that shows what the spend check will
 * say before anything is reserved; then the confirmation.
 */
import { categoryLabel } from '@carepool/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { newIdempotencyKey, type ResponseOf } from '../../api/client.ts';
import { lineTitle } from '../../components/budget-chart.tsx';
import {
  BackLink,
  Button,
  DateInput,
  ErrorSummary,
  errorFor,
  InsetText,
  Loading,
  Radios,
  SummaryList,
  Textarea,
  TextInput,
  WarningText,
} from '../../components/govuk.tsx';
import { PageTitle } from '../../components/layout.tsx';
import { ChoosePerson, usePersonChoice } from '../../components/person-chooser.tsx';
import { LoadError } from '../../components/query.tsx';
import { firstStartOn, firstWorkingDay, fitsAvailability, slotWords } from '../../lib/availability.ts';
import {
  addDays,
  formatDateTime,
  parseClock,
  parseDateParts,
  partsOf,
  todayIso,
  ukDateTime,
} from '../../lib/dates.ts';
import { priceUnitNouns, quantityWords } from '../../lib/labels.ts';
import { formatPence } from '../../lib/money.ts';
import { issuesFromError, type SummaryIssue } from '../../lib/problems.ts';
import { previewSpendCheck, spendSentence } from '../../lib/spend.ts';
import { type PersonContext, useLineNotes, usePerson } from '../../person.ts';
import { useApi, useMe, useRouteQuery } from '../../session.tsx';
import { PriceText, ProviderStatusTag } from '../search/search.tsx';
import { NotAllowedToBook } from './who-may-book.tsx';

type Listing = ResponseOf<'getListing'>;

export interface BookingDraft {
  personId: string;
  lineId: string;
  quantity: string;
  date: { day: string; month: string; year: string };
  time: string;
  notes: string;
  /** Once, or every week for `weeks` weeks (the first included). Older drafts have neither. */
  repeat?: 'once' | 'weekly';
  weeks?: string;
  idempotencyKey: string;
}

/** The most weeks one booking repeats for (the API's limit). */
const maxWeeks = 52;

/** How many weeks a draft books: 1 unless it repeats weekly. */
export function weeksOf(draft: Pick<BookingDraft, 'repeat' | 'weeks'>): number {
  return draft.repeat === 'weekly' ? Number(draft.weeks ?? '1') : 1;
}

const draftKey = (listingId: string) => `carepool.booking.${listingId}`;

function loadDraft(listingId: string): BookingDraft | undefined {
  try {
    const text = sessionStorage.getItem(draftKey(listingId));
    return text ? (JSON.parse(text) as BookingDraft) : undefined;
  } catch {
    return undefined;
  }
}

function saveDraft(listingId: string, draft: BookingDraft): void {
  sessionStorage.setItem(draftKey(listingId), JSON.stringify(draft));
}

export interface PlanLineChoice {
  lineId: string;
  title: string;
  notes?: string | undefined;
  category: string;
  leftNowPence?: number | undefined;
}

/** The lines of the person's current plan, with what is left when the account can be seen. */
export function usePlanLines(personId: string, context: PersonContext) {
  const { person } = usePerson(personId);
  const canSeeMoney = context.can('account:read');
  const account = useRouteQuery(
    'getAccount',
    { params: { id: personId } },
    { enabled: canSeeMoney && Boolean(personId) },
  );
  const notes = useLineNotes(personId, context);
  const planId = person.data?.currentPlanId;
  const plan = useRouteQuery(
    'getPlan',
    { params: { id: planId ?? '' } },
    { enabled: !canSeeMoney && Boolean(planId) && context.can('plan:read') },
  );
  let lines: PlanLineChoice[] | undefined;
  if (account.data) {
    lines = account.data.lines.map((line) => ({
      lineId: line.lineId,
      title: lineTitle(line),
      notes: notes.get(line.lineId),
      category: line.category,
      leftNowPence: line.leftNowPence,
    }));
  } else if (plan.data) {
    lines = plan.data.lines.map((line) => ({
      lineId: line.lineId,
      title: lineTitle({ category: line.category, label: '' }),
      notes: line.notes || undefined,
      category: line.category,
    }));
  }
  const pending = person.isPending || (canSeeMoney ? account.isPending : Boolean(planId) && plan.isPending);
  const error = person.error ?? account.error ?? plan.error;
  return { lines, account: account.data, pending, error, hasPlan: Boolean(planId) };
}

/** While the plan's lines load, or why none can be chosen (no approved plan, or not allowed to see it). */
export function PlanLinesNotice({
  plan,
  who,
}: {
  plan: Pick<ReturnType<typeof usePlanLines>, 'lines' | 'pending' | 'error' | 'hasPlan'>;
  who: PersonContext['who'];
}) {
  const { lines, pending, error, hasPlan } = plan;
  return (
    <>
      {pending && <Loading>Loading the support plan…</Loading>}
      {error && <LoadError error={error} who={who} />}
      {!pending && !error && !hasPlan && <InsetText>{spendSentence('plan_not_approved', who)}</InsetText>}
      {!pending && hasPlan && !lines && (
        <InsetText>
          {who.firstName} has not let you see their plan, so you cannot choose what pays for this.
        </InsetText>
      )}
    </>
  );
}

export function BookPage() {
  const { listingId = '' } = useParams();
  const listing = useRouteQuery('getListing', { params: { id: listingId } });
  const me = useMe();
  const { personId, choose } = usePersonChoice('order:create');
  if (listing.isError) {
    return (
      <>
        <PageTitle title="Book support" error />
        <h1 className="govuk-heading-l">Book support</h1>
        <LoadError error={listing.error} />
      </>
    );
  }
  if (!listing.data || me.isPending) {
    return (
      <>
        <PageTitle title="Book support" />
        <h1 className="govuk-heading-l">Book support</h1>
        <Loading />
      </>
    );
  }
  if (!me.data) {
    return (
      <>
        <PageTitle title="Book support" />
        <h1 className="govuk-heading-l">Book support</h1>
        <p className="govuk-body">
          <Link className="govuk-link" to={`/sign-in?next=/book/${listingId}`}>
            Sign in to book this
          </Link>
        </p>
      </>
    );
  }
  if (choose) {
    const { listingId: id, title } = listing.data;
    return (
      <ChoosePerson
        caption={title}
        question="Who is this booking for?"
        missing="Choose who this booking is for"
        scope="order:create"
        to={(chosen) => `/book/${id}?person=${encodeURIComponent(chosen)}`}
      />
    );
  }
  // Someone who acts for this person but was not allowed to book for them is told now, not refused at the end.
  const actingWithout = me.data.actsFor.some(
    (person) => person.personId === personId && !person.scopes.includes('order:create'),
  );
  if (!personId || (actingWithout && personId !== me.data.personId)) {
    return (
      <>
        <PageTitle title="You cannot book support for anyone yet" />
        <BackLink to={`/listings/${listingId}`}>Back</BackLink>
        <h1 className="govuk-heading-l">You cannot book support for anyone yet</h1>
        <NotAllowedToBook me={me.data} />
      </>
    );
  }
  return <BookingForm listing={listing.data} personId={personId} />;
}

/** A week ahead, moved on to the first day the provider works. */
function defaultDay(listing: Pick<Listing, 'availability'>): string {
  return firstWorkingDay(listing.availability, addDays(todayIso(), 7));
}

function defaultDate(listing: Pick<Listing, 'availability'>): { day: string; month: string; year: string } {
  return partsOf(defaultDay(listing));
}

/** When the provider works, in words, for the form and for refusals. */
function WhenTheyWork({ listing }: { listing: Listing }) {
  if (listing.availability.length === 0)
    return (
      <InsetText>
        {listing.provider.name} has not given set days and times: agree the time with them before you book.
      </InsetText>
    );
  return (
    <InsetText>
      <p className="govuk-body">{listing.provider.name} works:</p>
      <ul className="govuk-list govuk-list--bullet" data-testid="availability">
        {listing.availability.map((slot) => (
          <li key={`${slot.day}-${slot.from}`}>{slotWords(slot)}</li>
        ))}
      </ul>
    </InsetText>
  );
}

function outsideWords(listing: Listing): string {
  return `Choose a day and time when ${listing.provider.name} works: ${listing.availability.map(slotWords).join('; ')}`;
}

function BookingForm({ listing, personId }: { listing: Listing; personId: string }) {
  const { context, person } = usePerson(personId);
  const { lines, pending, error, hasPlan } = usePlanLines(personId, context);
  const navigate = useNavigate();
  const existing = loadDraft(listing.listingId);
  const [draft, setDraft] = useState<BookingDraft>(
    existing?.personId === personId
      ? existing
      : {
          personId,
          lineId: '',
          quantity: '1',
          date: defaultDate(listing),
          time: firstStartOn(listing.availability, defaultDay(listing)) ?? '10:00',
          notes: '',
          repeat: 'once',
          weeks: '',
          idempotencyKey: newIdempotencyKey(),
        },
  );
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const set = <K extends keyof BookingDraft>(key: K, value: BookingDraft[K]) =>
    setDraft({ ...draft, [key]: value });
  const [one, many] = priceUnitNouns[listing.priceUnit];
  const forWhom = context.relationship === 'self' ? '' : ` for ${person.data?.name ?? context.name}`;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: SummaryIssue[] = [];
    if (!draft.lineId)
      found.push({ fieldId: 'lineId', message: 'Choose which part of the plan pays for this' });
    const quantity = Number(draft.quantity.trim());
    if (!draft.quantity.trim()) found.push({ fieldId: 'quantity', message: `Enter how many ${many}` });
    else if (!Number.isInteger(quantity) || quantity < 1)
      found.push({ fieldId: 'quantity', message: `Enter a whole number of ${many}, like 2` });
    else if (quantity > 1000) found.push({ fieldId: 'quantity', message: `Book 1,000 ${many} or fewer` });
    const date = parseDateParts(draft.date, 'the date');
    if (!date.ok) found.push({ fieldId: 'date', message: date.message });
    else if (date.iso < todayIso())
      found.push({ fieldId: 'date', message: 'The date must be today or in the future' });
    const time = parseClock(draft.time);
    if (!time.ok) found.push({ fieldId: 'time', message: time.message });
    else if (date.ok && !fitsAvailability(listing.availability, date.iso, time.time))
      found.push({ fieldId: 'date', message: outsideWords(listing) });
    if (draft.repeat === 'weekly') {
      const weeks = Number((draft.weeks ?? '').trim());
      if (!(draft.weeks ?? '').trim())
        found.push({ fieldId: 'weeks', message: 'Enter how many weeks, including the first' });
      else if (!Number.isInteger(weeks) || weeks < 2 || weeks > maxWeeks)
        found.push({ fieldId: 'weeks', message: `Enter a whole number of weeks from 2 to ${maxWeeks}` });
    }
    if (draft.notes.length > 1000) found.push({ fieldId: 'notes', message: 'Use 1,000 characters or fewer' });
    setIssues(found);
    if (found.length) return;
    saveDraft(listing.listingId, { ...draft, time: time.ok ? time.time : draft.time });
    navigate(`/book/${listing.listingId}/check?person=${encodeURIComponent(personId)}`);
  };

  const title = `Book ${listing.title}${forWhom}`;
  return (
    <>
      <PageTitle title={title} error={issues.length > 0} />
      <BackLink to={`/listings/${listing.listingId}`}>Back</BackLink>
      <ErrorSummary issues={issues} />
      <span className="govuk-caption-l">
        {listing.provider.name}: <PriceText listing={listing} />
      </span>
      <h1 className="govuk-heading-l">
        Book {listing.title}
        {forWhom}
      </h1>
      {!listing.provider.verified && (
        <WarningText>{spendSentence('provider_not_verified', context.who)}</WarningText>
      )}
      <PlanLinesNotice plan={{ lines, pending, error, hasPlan }} who={context.who} />
      {lines && (
        <form onSubmit={onSubmit} noValidate>
          <Radios
            id="lineId"
            name="lineId"
            legend="Which part of the plan pays for this?"
            legendSize="m"
            hint={`This is ${categoryLabel(listing.category).toLowerCase()}.`}
            value={draft.lineId}
            onChange={(value) => set('lineId', value)}
            error={errorFor(issues, 'lineId')}
            options={[...lines]
              .sort(
                (a, b) => Number(b.category === listing.category) - Number(a.category === listing.category),
              )
              .map((line) => ({
                value: line.lineId,
                text: line.title,
                hint: [
                  line.notes,
                  line.leftNowPence !== undefined ? `${formatPence(line.leftNowPence)} left now` : undefined,
                  line.category === listing.category
                    ? 'Covers this kind of support'
                    : "Doesn't cover this kind of support",
                ]
                  .filter(Boolean)
                  .join('. '),
              }))}
          />
          <TextInput
            id="quantity"
            label={`How many ${many}?`}
            labelSize="m"
            hint={`${formatPence(listing.pricePence)} for each ${one}.`}
            inputMode="numeric"
            width={3}
            value={draft.quantity}
            onChange={(value) => set('quantity', value)}
            error={errorFor(issues, 'quantity')}
          />
          <h2 className="govuk-heading-m">When?</h2>
          <WhenTheyWork listing={listing} />
          <DateInput
            id="date"
            legend="Date"
            legendSize="s"
            hint={`For example, ${defaultDate(listing).day} ${defaultDate(listing).month} ${defaultDate(listing).year}`}
            value={draft.date}
            onChange={(value) => set('date', value)}
            error={errorFor(issues, 'date')}
          />
          <TextInput
            id="time"
            label="What time?"
            labelSize="s"
            hint="For example, 10:30 or 2pm"
            width={5}
            value={draft.time}
            onChange={(value) => set('time', value)}
            error={errorFor(issues, 'time')}
          />
          <Radios
            id="repeat"
            name="repeat"
            legend="Does this repeat?"
            legendSize="s"
            value={draft.repeat ?? 'once'}
            onChange={(value) => set('repeat', value === 'weekly' ? 'weekly' : 'once')}
            error={errorFor(issues, 'repeat')}
            options={[
              { value: 'once', text: 'No, just this once' },
              {
                value: 'weekly',
                text: 'Yes, every week at the same time',
                conditional: (
                  <TextInput
                    id="weeks"
                    label="How many weeks, including the first?"
                    hint={`Each week is booked and paid for on its own, up to ${maxWeeks} weeks.`}
                    inputMode="numeric"
                    width={3}
                    value={draft.weeks ?? ''}
                    onChange={(value) => set('weeks', value)}
                    error={errorFor(issues, 'weeks')}
                  />
                ),
              },
            ]}
          />
          <Textarea
            id="notes"
            label="Anything the provider should know? (optional)"
            labelSize="s"
            rows={3}
            value={draft.notes}
            onChange={(value) => set('notes', value)}
            error={errorFor(issues, 'notes')}
          />
          <Button>Continue</Button>
        </form>
      )}
    </>
  );
}

export function BookingCheckPage() {
  const { listingId = '' } = useParams();
  const [params] = useSearchParams();
  const personId = params.get('person') ?? '';
  const listing = useRouteQuery('getListing', { params: { id: listingId } });
  const { context, person } = usePerson(personId);
  const { lines, account, pending } = usePlanLines(personId, context);
  const draft = loadDraft(listingId);
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const book = useMutation({
    mutationFn: (body: {
      scheduledFor: string;
      quantity: number;
      lineId: string;
      notes?: string;
      weeklyOccurrences?: number;
    }) =>
      api(
        'createOrder',
        { body: { personId, listingId, ...body } },
        { idempotencyKey: draft?.idempotencyKey },
      ),
    onSuccess: async (result) => {
      sessionStorage.removeItem(draftKey(listingId));
      await queryClient.invalidateQueries();
      const order = result.orders[0];
      const refused = result.refused.length > 0 ? `&refused=${result.refused.length}` : '';
      navigate(
        order
          ? `/orders/${order.orderId}?booked=${result.orders.length}${refused}`
          : `/people/${personId}/orders`,
      );
    },
  });
  const change = `/book/${listingId}?person=${encodeURIComponent(personId)}`;

  if (!draft || draft.personId !== personId) {
    return (
      <>
        <PageTitle title="Check your booking" />
        <h1 className="govuk-heading-l">Check your booking</h1>
        <p className="govuk-body">
          We could not find the booking you started.{' '}
          <Link className="govuk-link" to={change}>
            Start the booking again
          </Link>
          .
        </p>
      </>
    );
  }
  if (!listing.data || pending) {
    return (
      <>
        <PageTitle title="Check your booking" />
        <h1 className="govuk-heading-l">Check your booking</h1>
        {listing.isError ? <LoadError error={listing.error} /> : <Loading />}
      </>
    );
  }
  const data = listing.data;
  const quantity = Number(draft.quantity);
  const costPence = quantity * data.pricePence;
  const weeks = weeksOf(draft);
  const totalPence = costPence * weeks;
  const date = parseDateParts(draft.date);
  const scheduledFor = date.ok ? ukDateTime(date.iso, draft.time) : '';
  // Every week at the same UK time, as the API books them.
  const dates = date.ok
    ? Array.from({ length: weeks }, (_, week) => ukDateTime(addDays(date.iso, week * 7), draft.time))
    : [];
  const line = lines?.find((l) => l.lineId === draft.lineId);
  const preview = previewSpendCheck(
    { costPence, listingCategory: data.category, providerVerified: data.provider.verified },
    line,
    account,
    context.who,
  );
  if (date.ok && !fitsAvailability(data.availability, date.iso, draft.time))
    preview.unshift(`${formatDateTime(scheduledFor)} is outside the times ${data.provider.name} works.`);
  const serverIssues = book.isError
    ? issuesFromError(book.error, { who: context.who }).map((issue) => ({ message: issue.message }))
    : [];
  const whose = context.relationship === 'self' ? 'your' : `${context.who.firstName}’s`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title="Check your booking before you confirm it" error={book.isError} />
        <BackLink to={change}>Back</BackLink>
        <ErrorSummary title="This booking cannot go ahead" issues={serverIssues} />
        <h1 className="govuk-heading-l">Check your booking before you confirm it</h1>
        <SummaryList
          rows={[
            context.relationship !== 'self' && { key: 'For', value: person.data?.name ?? context.name },
            { key: 'What', value: data.title },
            {
              key: 'Provider',
              value: (
                <>
                  {data.provider.name} <ProviderStatusTag status={data.provider.status} />
                </>
              ),
            },
            {
              key: 'When',
              value:
                weeks > 1 ? (
                  <>
                    Every week, {weeks} times:
                    <ul className="govuk-list" data-testid="booking-dates">
                      {dates.map((at) => (
                        <li key={at}>{formatDateTime(at)}</li>
                      ))}
                    </ul>
                  </>
                ) : scheduledFor ? (
                  formatDateTime(scheduledFor)
                ) : (
                  'Not given'
                ),
              action: { to: change, text: 'Change', hidden: 'when' },
            },
            {
              key: 'How many',
              value: quantityWords(quantity, data.priceUnit),
              action: { to: change, text: 'Change', hidden: 'how many' },
            },
            {
              key: 'Paid from',
              value: line?.title ?? 'Not chosen',
              action: { to: change, text: 'Change', hidden: 'which part of the plan pays' },
            },
            draft.notes.trim() && { key: 'Notes for the provider', value: draft.notes },
            {
              key: 'Cost',
              value: (
                <strong>
                  {formatPence(costPence)} ({quantityWords(quantity, data.priceUnit)} at{' '}
                  {formatPence(data.pricePence)})
                  {weeks > 1 && ` a week: ${formatPence(totalPence)} for all ${weeks} weeks`}
                </strong>
              ),
            },
          ]}
        />
        <h2 className="govuk-heading-m">Does it fit {whose} plan?</h2>
        {preview.length === 0 ? (
          <InsetText>
            <p className="govuk-body" data-testid="spend-preview">
              Yes.
              {line?.leftNowPence !== undefined &&
                ` After this booking there will be ${formatPence(line.leftNowPence - costPence)} left on ${line.title.toLowerCase()} for now.`}
            </p>
          </InsetText>
        ) : (
          <>
            <WarningText>This booking is likely to be refused:</WarningText>
            <ul className="govuk-list govuk-list--bullet" data-testid="spend-preview">
              {preview.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          </>
        )}
        <h2 className="govuk-heading-m">Now confirm the booking</h2>
        <p className="govuk-body">
          When you confirm, {formatPence(totalPence)} is set aside from {whose} account
          {weeks > 1 &&
            ', each week checked against the plan on its own: a week the plan cannot pay for is not booked'}
          . {data.provider.name} is paid only after{' '}
          {context.relationship === 'self' ? 'you confirm' : 'it is confirmed'} that the support was
          delivered.
        </p>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            book.mutate({
              scheduledFor,
              quantity,
              lineId: draft.lineId,
              ...(draft.notes.trim() ? { notes: draft.notes.trim() } : {}),
              ...(weeks > 1 ? { weeklyOccurrences: weeks } : {}),
            });
          }}
        >
          <Button disabled={book.isPending}>Confirm and book</Button>
          {book.isPending && <Loading>Booking and checking the plan…</Loading>}
        </form>
      </div>
    </div>
  );
}
