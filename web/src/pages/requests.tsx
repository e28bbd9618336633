/**
 * Requests for support: a holder asks for something nothing listed meets, others say they would
 * like it too (counted, never named), providers near them quote, and the holder accepts a quote as
 * a booking for one person or as a group purchase. Care managers and auditors see what went unmet,
 * by area and kind of support, as a chart and a table.
 */
import { type Category, categories, categoryLabel, type PriceUnit } from '@carepool/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { type BodyOf, checkBody, newIdempotencyKey, type ResponseOf } from '../api/client.ts';
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
  SummaryCard,
  SummaryList,
  Tag,
  Textarea,
  TextInput,
  WarningText,
} from '../components/govuk.tsx';
import { GroupPriceTiers, readTiers, type TierForm } from '../components/group-price-tiers.tsx';
import { PageTitle } from '../components/layout.tsx';
import { Await, LoadError } from '../components/query.tsx';
import { rememberedList, useFocusOnStep } from '../components/steps.tsx';
import {
  addDays,
  type DateParts,
  formatDate,
  formatDateTime,
  parseClock,
  parseDateParts,
  partsOf,
  todayIso,
  ukDateTime,
} from '../lib/dates.ts';
import { demandBars } from '../lib/demand.ts';
import { tierWords } from '../lib/groups.ts';
import { priceUnitNouns, priceUnits, quantityWords } from '../lib/labels.ts';
import { formatPence, parsePounds } from '../lib/money.ts';
import { issuesFromError, issuesFromFields, type SummaryIssue } from '../lib/problems.ts';
import { distances, distanceWords, milesToKm, postcodePattern } from '../lib/search.ts';
import { previewSpendCheck } from '../lib/spend.ts';
import { usePerson } from '../person.ts';
import { type Me, useAllPages, useApi, useMe, useRouteQuery, useSession } from '../session.tsx';
import { useBookingPerson, usePlanLines } from './booking.tsx';
import {
  ChoosePerson,
  type GroupForm,
  GroupFormFields,
  type GroupSetupBody,
  groupFields,
  groupSetupRows,
  newGroupForm,
  readGroupForm,
} from './groups.tsx';
import { useMyProviders } from './provider-home.tsx';

type SupportRequest = ResponseOf<'getRequest'>;
type Quote = SupportRequest['quotes'][number];

const requestsKey = (me: Me | undefined) => `carepool.requests.${me?.userId ?? 'anonymous'}`;

const kmPerMile = 1.609344;
const milesWords = (km: number) => {
  const miles = Math.round(km / kmPerMile);
  return `${miles} ${miles === 1 ? 'mile' : 'miles'}`;
};

/** The lowest-numbered tier is the price for one person (a booking); the rest are group prices. */
function quotePrices(quote: Pick<Quote, 'tiers' | 'priceUnit'>): string[] {
  const unit = priceUnits[quote.priceUnit];
  const [only] = quote.tiers;
  if (quote.tiers.length === 1 && only) return [`${formatPence(only.pricePerPersonPence)} each, ${unit}`];
  return tierWords(quote.tiers).map((words) => `${words.replace(/ each$/, '')} each, ${unit}`);
}

function priceForOne(quote: Pick<Quote, 'tiers'>): number {
  return [...quote.tiers].sort((a, b) => a.minParticipants - b.minParticipants)[0]?.pricePerPersonPence ?? 0;
}

function hasGroupPrices(quote: Pick<Quote, 'tiers'>): boolean {
  return quote.tiers.some((t) => t.minParticipants >= 2);
}

function requestHeading(request: Pick<SupportRequest, 'category' | 'outcode'>): string {
  return `${categoryLabel(request.category)} near ${request.outcode}`;
}

function peopleWords(request: Pick<SupportRequest, 'participants' | 'interestedCount'>): string {
  const base = `${request.participants} ${request.participants === 1 ? 'person' : 'people'}`;
  if (request.interestedCount === 0) return base;
  return `${base}, and ${request.interestedCount} more ${request.interestedCount === 1 ? 'person' : 'people'} would like it too`;
}

// Finding requests

export function FindRequestsPage() {
  const [params] = useSearchParams();
  const { token } = useSession();
  const me = useMe();
  const navigate = useNavigate();
  const near = params.get('near') ?? '';
  const category = params.get('category') ?? '';
  const miles = params.get('miles') ?? '10';
  const [form, setForm] = useState({ near, category, miles });
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const results = useAllPages(
    'findRequests',
    {
      query: {
        near,
        radiusKm: milesToKm(Number(miles) || 10),
        ...(category ? { category: category as Category } : {}),
      },
    },
    { enabled: Boolean(near) && Boolean(token) },
  );
  const mine = rememberedList(requestsKey(me.data)).get();
  const roles = me.data?.roles ?? [];
  const isProvider = roles.includes('provider') || roles.includes('broker');
  const canAsk = roles.some((r) => r === 'holder' || r === 'representative' || r === 'broker');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const postcode = form.near.trim();
    const found: SummaryIssue[] = [];
    if (!postcode) found.push({ fieldId: 'near', message: 'Enter a postcode' });
    else if (!postcodePattern.test(postcode))
      found.push({
        fieldId: 'near',
        message: 'Enter a real postcode, like HG1 2AB, or its first half, like HG1',
      });
    setIssues(found);
    if (found.length) return;
    const next = new URLSearchParams({ near: postcode.toUpperCase(), miles: form.miles });
    if (form.category) next.set('category', form.category);
    navigate(`/requests?${next.toString()}`);
  };
  const title = isProvider ? 'Requests for support near you' : 'Requests for support';
  return (
    <>
      <PageTitle title={near ? `${title} (${near})` : title} error={issues.length > 0} />
      <ErrorSummary issues={issues} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-xl">{title}</h1>
          <p className="govuk-body">
            {isProvider
              ? 'People near you have asked for support that nothing listed meets. Send a quote for what you could offer. You never see who asked, only what they need and how many people would like it.'
              : 'Support people near you have asked for. If you would like it too, say so: providers see how many people want it, never who.'}
          </p>
          {canAsk && (
            <p className="govuk-body">
              <Link className="govuk-link" to="/requests/new">
                Ask for support that is not listed
              </Link>
            </p>
          )}
          {mine.length > 0 && (
            <>
              <h2 className="govuk-heading-m">Requests you made</h2>
              <ul className="govuk-list">
                {mine.map((id) => (
                  <li key={id}>
                    <RequestLink requestId={id} />
                  </li>
                ))}
              </ul>
            </>
          )}
          {token && (
            <form onSubmit={onSubmit} noValidate>
              <TextInput
                id="near"
                label="Postcode"
                labelSize="s"
                hint="For example, HG1 2AB, or just HG1."
                width={10}
                spellCheck={false}
                value={form.near}
                onChange={(value) => setForm({ ...form, near: value })}
                error={errorFor(issues, 'near')}
              />
              <Select
                id="category"
                label="What kind of support? (optional)"
                labelSize="s"
                value={form.category}
                onChange={(value) => setForm({ ...form, category: value })}
                options={[
                  { value: '', text: 'Anything' },
                  ...categories.map((c) => ({ value: c.code, text: c.label })),
                ]}
              />
              <Select
                id="miles"
                label="How far away?"
                labelSize="s"
                value={form.miles}
                onChange={(value) => setForm({ ...form, miles: value })}
                options={distances
                  .filter((d) => milesToKm(d) <= 50)
                  .map((d) => ({ value: String(d), text: `Within ${d} ${d === 1 ? 'mile' : 'miles'}` }))}
              />
              <Button>Search</Button>
            </form>
          )}
          {near && token && (
            <Await query={results} loading="Searching…">
              {(data) => (
                <>
                  <h2 className="govuk-heading-l">Open requests near {near}</h2>
                  <p className="govuk-body" role="status">
                    {data.items.length === 0
                      ? `There are no open requests near ${near} at the moment.`
                      : `${data.items.length} ${data.items.length === 1 ? 'request' : 'requests'}, the soonest to close first.`}
                  </p>
                  <ul className="govuk-list" aria-label="Open requests">
                    {data.items.map((request) => (
                      <li className="app-result" key={request.requestId}>
                        <h3 className="govuk-heading-m govuk-!-margin-bottom-2">
                          <Link className="govuk-link" to={`/requests/${request.requestId}`}>
                            {requestHeading(request)}
                          </Link>
                        </h3>
                        <p className="govuk-body govuk-!-margin-bottom-2">{request.description}</p>
                        <ul className="govuk-list govuk-body-s">
                          <li>For {peopleWords(request)}</li>
                          <li>When: {request.when}</li>
                          <li>Up to {formatPence(request.budgetCeilingPerPersonPence)} each</li>
                          <li>Quotes welcome until {formatDate(request.respondBy)}</li>
                          {request.distanceKm !== undefined && <li>{distanceWords(request.distanceKm)}</li>}
                        </ul>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </Await>
          )}
        </div>
      </div>
    </>
  );
}

function RequestLink({ requestId }: { requestId: string }) {
  const request = useRouteQuery('getRequest', { params: { id: requestId } });
  return (
    <Link className="govuk-link app-break-word" to={`/requests/${requestId}`}>
      {request.data
        ? `${requestHeading(request.data)}: ${request.data.quotes.length} ${request.data.quotes.length === 1 ? 'quote' : 'quotes'}`
        : requestId}
    </Link>
  );
}

// Asking

interface NeedForm {
  description: string;
  category: string;
  participants: string;
  when: string;
  budget: string;
  postcode: string;
  miles: string;
  respondBy: DateParts;
}

const needFields: Record<string, string> = {
  description: 'description',
  category: 'category',
  participants: 'participants',
  when: 'when',
  budgetCeilingPerPersonPence: 'budget',
  postcode: 'postcode',
  radiusKm: 'miles',
  respondBy: 'respondBy',
};

export function NewRequestPage() {
  const me = useMe();
  const { personId, choose } = useBookingPerson();
  if (me.isPending) {
    return (
      <>
        <PageTitle title="Ask for support" />
        <h1 className="govuk-heading-l">Ask for support</h1>
        <Loading />
      </>
    );
  }
  if (choose) {
    return (
      <ChoosePerson
        caption="Ask for support"
        question="Who is the support for?"
        to={(id) => `/requests/new?person=${encodeURIComponent(id)}`}
      />
    );
  }
  if (!personId) {
    return (
      <>
        <PageTitle title="Ask for support" />
        <h1 className="govuk-heading-l">Ask for support</h1>
        <p className="govuk-body">Only a budget holder, or someone acting for them, can ask for support.</p>
      </>
    );
  }
  return <NewRequest personId={personId} />;
}

function NewRequest({ personId }: { personId: string }) {
  const { context, person, me } = usePerson(personId);
  const [form, setForm] = useState<NeedForm>({
    description: '',
    category: '',
    participants: '1',
    when: '',
    budget: '',
    postcode: '',
    miles: '5',
    respondBy: partsOf(addDays(todayIso(), 14)),
  });
  // Whoever may ask for support (order:create) sees the full postcode; anyone else types one.
  const home = person.data?.postcode;
  useEffect(() => {
    if (home) setForm((f) => (f.postcode ? f : { ...f, postcode: home }));
  }, [home]);
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const [step, setStep] = useState<'form' | 'check'>('form');
  const [body, setBody] = useState<BodyOf<'postRequest'>>();
  const [idempotencyKey] = useState(newIdempotencyKey);
  useFocusOnStep(step);
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const post = useMutation({
    mutationFn: (request: BodyOf<'postRequest'>) => api('postRequest', { body: request }, { idempotencyKey }),
    onSuccess: async (request) => {
      rememberedList(requestsKey(me.data)).add(request.requestId);
      await queryClient.invalidateQueries();
      navigate(`/requests/${request.requestId}?done=posted`);
    },
    onError: (error) => {
      setIssues(issuesFromError(error, { who: context.who, fields: needFields }));
      setStep('form');
    },
  });
  const set = <K extends keyof NeedForm>(key: K, value: NeedForm[K]) => setForm({ ...form, [key]: value });
  const self = context.relationship === 'self';
  const forWhom = self ? '' : ` for ${person.data?.name ?? context.name}`;

  const onContinue = (event: FormEvent) => {
    event.preventDefault();
    const found: SummaryIssue[] = [];
    if (!form.description.trim())
      found.push({ fieldId: 'description', message: 'Say what support you need' });
    else if (form.description.trim().length > 2000)
      found.push({ fieldId: 'description', message: 'Use 2,000 characters or fewer' });
    if (!form.category) found.push({ fieldId: 'category', message: 'Choose what kind of support it is' });
    const participants = Number(form.participants.trim());
    if (!Number.isInteger(participants) || participants < 1 || participants > 200)
      found.push({ fieldId: 'participants', message: 'Enter how many people, from 1 to 200' });
    if (!form.when.trim())
      found.push({ fieldId: 'when', message: 'Say when you need it, like “Thursday afternoons”' });
    const budget = parsePounds(form.budget, { label: 'the most each person could pay', min: 1 });
    if (!budget.ok) found.push({ fieldId: 'budget', message: budget.message });
    if (!form.postcode.trim()) found.push({ fieldId: 'postcode', message: 'Enter the postcode' });
    else if (!postcodePattern.test(form.postcode.trim()))
      found.push({ fieldId: 'postcode', message: 'Enter a real postcode, like HG1 2AB' });
    const respondBy = parseDateParts(form.respondBy, 'the date');
    if (!respondBy.ok) found.push({ fieldId: 'respondBy', message: respondBy.message });
    else if (respondBy.iso <= todayIso())
      found.push({ fieldId: 'respondBy', message: 'The date must be in the future' });
    if (found.length === 0 && budget.ok && respondBy.ok) {
      const request: BodyOf<'postRequest'> = {
        personId,
        description: form.description.trim(),
        category: form.category as Category,
        participants,
        when: form.when.trim(),
        budgetCeilingPerPersonPence: budget.pence,
        postcode: form.postcode.trim().toUpperCase(),
        radiusKm: milesToKm(Number(form.miles) || 5),
        respondBy: new Date(ukDateTime(respondBy.iso, '23:59')).toISOString(),
      };
      found.push(...issuesFromFields(checkBody('postRequest', request), needFields));
      if (found.length === 0) {
        setBody(request);
        setIssues([]);
        setStep('check');
        return;
      }
    }
    setIssues(found);
  };

  if (step === 'check' && body) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <PageTitle title="Check your request before you send it" />
          <h1 className="govuk-heading-l">Check your request before you send it</h1>
          <SummaryList
            rows={[
              !self && { key: 'For', value: person.data?.name ?? context.name },
              { key: 'What is needed', value: body.description },
              { key: 'Kind of support', value: categoryLabel(body.category) },
              { key: 'For how many people', value: String(body.participants) },
              { key: 'When', value: body.when },
              { key: 'The most each person could pay', value: formatPence(body.budgetCeilingPerPersonPence) },
              { key: 'Where', value: `Within ${form.miles} miles of ${body.postcode}` },
              { key: 'Quotes welcome until', value: formatDate(body.respondBy) },
            ]}
          />
          <h2 className="govuk-heading-m">Who sees it</h2>
          <p className="govuk-body">
            Providers and people near {body.postcode} see what is needed, the area, when and the most each
            person could pay. Nobody sees {self ? 'your' : `${context.who.firstName}’s`} name. Asking does not
            set any money aside: you choose whether to accept a quote.
          </p>
          <ButtonGroup>
            <Button type="button" disabled={post.isPending} onClick={() => post.mutate(body)}>
              Send the request
            </Button>
            <Button type="button" variant="secondary" onClick={() => setStep('form')}>
              Change the details
            </Button>
          </ButtonGroup>
          {post.isPending && <Loading>Sending…</Loading>}
        </div>
      </div>
    );
  }

  const example = partsOf(addDays(todayIso(), 14));
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title={`Ask for support${forWhom}`} error={issues.length > 0} />
        <BackLink to={`/people/${personId}`}>Back to the budget</BackLink>
        <ErrorSummary issues={issues} />
        <h1 className="govuk-heading-l">Ask for support{forWhom}</h1>
        <p className="govuk-body">
          If nothing listed meets {self ? 'your' : 'their'} need, ask. Providers near{' '}
          {self ? 'you' : context.who.firstName} can send a quote, and other people who would like the same
          can say so.
        </p>
        <form onSubmit={onContinue} noValidate>
          <Textarea
            id="description"
            label="What support is needed?"
            labelSize="m"
            hint="In your own words. For example, “A singing group for people with dementia and their carers”."
            rows={4}
            value={form.description}
            onChange={(value) => set('description', value)}
            error={errorFor(issues, 'description')}
          />
          <Select
            id="category"
            label="What kind of support is it?"
            labelSize="s"
            value={form.category}
            onChange={(value) => set('category', value)}
            error={errorFor(issues, 'category')}
            options={[
              { value: '', text: 'Choose' },
              ...categories.map((c) => ({ value: c.code, text: c.label })),
            ]}
          />
          <TextInput
            id="participants"
            label="For how many people?"
            labelSize="s"
            hint="Count anyone you know who would come too."
            inputMode="numeric"
            width={3}
            value={form.participants}
            onChange={(value) => set('participants', value)}
            error={errorFor(issues, 'participants')}
          />
          <TextInput
            id="when"
            label="When is it needed?"
            labelSize="s"
            hint="For example, “Thursday afternoons from March”."
            value={form.when}
            onChange={(value) => set('when', value)}
            error={errorFor(issues, 'when')}
          />
          <TextInput
            id="budget"
            label="The most each person could pay"
            labelSize="s"
            hint="For one session, hour or day, in pounds. Providers see this."
            prefix="£"
            inputMode="decimal"
            width={5}
            value={form.budget}
            onChange={(value) => set('budget', value)}
            error={errorFor(issues, 'budget')}
          />
          <TextInput
            id="postcode"
            label="Postcode"
            labelSize="s"
            hint="Providers see only the first half, like HG1."
            width={10}
            autoComplete="postal-code"
            spellCheck={false}
            value={form.postcode}
            onChange={(value) => set('postcode', value)}
            error={errorFor(issues, 'postcode')}
          />
          <Select
            id="miles"
            label="How far could you travel?"
            labelSize="s"
            value={form.miles}
            onChange={(value) => set('miles', value)}
            error={errorFor(issues, 'miles')}
            options={distances
              .filter((d) => milesToKm(d) <= 50)
              .map((d) => ({ value: String(d), text: `Up to ${d} ${d === 1 ? 'mile' : 'miles'}` }))}
          />
          <DateInput
            id="respondBy"
            legend="Providers can send quotes until"
            legendSize="s"
            hint={`For example, ${example.day} ${example.month} ${example.year}`}
            value={form.respondBy}
            onChange={(value) => set('respondBy', value)}
            error={errorFor(issues, 'respondBy')}
          />
          <Button>Continue</Button>
        </form>
      </div>
    </div>
  );
}

// One request

const doneMessages: Record<string, string> = {
  posted:
    'Your request has been sent. Providers near you can now see it and send quotes. Nobody sees your name.',
  interest: 'We have added one more person to the count. Nobody sees your name, only how many would like it.',
  already: 'You had already said you would like this. You are counted once.',
  quoted: 'Your quote has been sent. The person who asked can accept it.',
};

export function RequestPage() {
  const { requestId = '' } = useParams();
  const [params] = useSearchParams();
  const request = useRouteQuery('getRequest', { params: { id: requestId } });
  const me = useMe();
  const done = params.get('done');
  return (
    <>
      <PageTitle
        title={request.data ? requestHeading(request.data) : 'Request for support'}
        error={request.isError}
      />
      <BackLink to="/requests">Requests for support</BackLink>
      {done && doneMessages[done] && (
        <NotificationBanner success title="Done">
          <p className="govuk-notification-banner__heading">{doneMessages[done]}</p>
        </NotificationBanner>
      )}
      {!request.data && <h1 className="govuk-heading-l">Request for support</h1>}
      <Await query={request}>
        {(data) => (
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-two-thirds">
              <span className="govuk-caption-l">Request for support</span>
              <h1 className="govuk-heading-l">{requestHeading(data)}</h1>
              <p className="govuk-body-l">{data.description}</p>
              <SummaryList
                rows={[
                  {
                    key: 'Status',
                    value:
                      data.status === 'accepted' ? (
                        <Tag colour="green">A quote was accepted</Tag>
                      ) : (
                        <Tag colour="blue">Open to quotes</Tag>
                      ),
                  },
                  { key: 'Kind of support', value: categoryLabel(data.category) },
                  { key: 'For', value: peopleWords(data) },
                  { key: 'When', value: data.when },
                  { key: 'Where', value: `Within ${milesWords(data.radiusKm)} of ${data.outcode}` },
                  {
                    key: 'The most each person could pay',
                    value: formatPence(data.budgetCeilingPerPersonPence),
                  },
                  { key: 'Quotes welcome until', value: formatDate(data.respondBy) },
                  { key: 'Quotes so far', value: String(data.quoteCount) },
                ]}
              />
              {data.youAsked ? (
                <QuotesForRequester request={data} />
              ) : (
                <>
                  <Interest request={data} me={me.data} />
                  <ProviderQuotes request={data} me={me.data} />
                </>
              )}
            </div>
          </div>
        )}
      </Await>
    </>
  );
}

function QuoteRows({ quote }: { quote: Quote }) {
  return (
    <SummaryList
      rows={[
        {
          key: 'Price',
          value: (
            <ul className="govuk-list">
              {quotePrices(quote).map((words) => (
                <li key={words}>{words}</li>
              ))}
            </ul>
          ),
        },
        { key: 'When', value: quote.when },
        quote.terms && { key: 'Terms', value: quote.terms },
        { key: 'Sent', value: formatDate(quote.createdAt) },
      ]}
    />
  );
}

function QuotesForRequester({ request }: { request: SupportRequest }) {
  return (
    <>
      <h2 className="govuk-heading-l">Quotes</h2>
      {request.quotes.length === 0 ? (
        <p className="govuk-body">
          No quotes yet. Providers near {request.outcode} can send quotes until{' '}
          {formatDate(request.respondBy)}.
        </p>
      ) : (
        request.quotes.map((quote) => {
          const accepted = request.acceptedQuoteId === quote.quoteId;
          return (
            <SummaryCard
              key={quote.quoteId}
              title={quote.providerName}
              actions={
                request.status === 'open' ? (
                  <Link
                    className="govuk-link"
                    to={`/requests/${request.requestId}/quotes/${quote.quoteId}/accept`}
                  >
                    Accept this quote<span className="govuk-visually-hidden"> from {quote.providerName}</span>
                  </Link>
                ) : accepted ? (
                  <Tag colour="green">Accepted</Tag>
                ) : undefined
              }
            >
              <QuoteRows quote={quote} />
            </SummaryCard>
          );
        })
      )}
    </>
  );
}

function Interest({ request, me }: { request: SupportRequest; me: Me | undefined }) {
  const { personId, choose } = useBookingPerson();
  const [chosen, setChosen] = useState('');
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const roles = me?.roles ?? [];
  const send = useMutation({
    mutationFn: (id: string) =>
      api('registerInterest', { params: { id: request.requestId }, body: { personId: id } }),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries();
      navigate(`/requests/${request.requestId}?done=${result.alreadyInterested ? 'already' : 'interest'}`, {
        replace: true,
      });
    },
    onError: (error) => setIssues(issuesFromError(error)),
  });
  if (request.status !== 'open' || !roles.some((r) => r === 'holder' || r === 'representative')) return null;
  return (
    <>
      <h2 className="govuk-heading-m">Would you like this too?</h2>
      <p className="govuk-body">
        Say so, and providers see that one more person would like it: a bigger group can mean a lower price.
        Nobody sees your name. It does not commit you to anything.
      </p>
      <ErrorSummary issues={issues} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const id = personId ?? chosen;
          if (!id) {
            setIssues([{ fieldId: 'interestPerson', message: 'Choose who would like this' }]);
            return;
          }
          setIssues([]);
          send.mutate(id);
        }}
      >
        {choose && (
          <Radios
            id="interestPerson"
            name="interestPerson"
            legend="Who would like this?"
            legendSize="s"
            value={chosen}
            onChange={setChosen}
            error={errorFor(issues, 'interestPerson')}
            options={(me?.actsFor ?? []).map((p) => ({ value: p.personId, text: p.name }))}
          />
        )}
        <Button variant="secondary" disabled={send.isPending}>
          I’d like this too
        </Button>
      </form>
    </>
  );
}

function ProviderQuotes({ request, me }: { request: SupportRequest; me: Me | undefined }) {
  const roles = me?.roles ?? [];
  if (!roles.includes('provider') && !roles.includes('broker')) return null;
  return (
    <>
      {request.quotes.length > 0 && (
        <>
          <h2 className="govuk-heading-m">Your quotes</h2>
          {request.quotes.map((quote) => (
            <SummaryCard
              key={quote.quoteId}
              title={quote.providerName}
              actions={
                request.acceptedQuoteId === quote.quoteId ? <Tag colour="green">Accepted</Tag> : undefined
              }
            >
              <QuoteRows quote={quote} />
            </SummaryCard>
          ))}
        </>
      )}
      {request.status === 'open' && (
        <>
          <h2 className="govuk-heading-m">Could you offer this?</h2>
          <p className="govuk-body">
            Quote a price for one person, and lower prices for groups if you can. The person who asked
            chooses.
          </p>
          <ButtonLink to={`/requests/${request.requestId}/quote`}>Send a quote</ButtonLink>
        </>
      )}
    </>
  );
}

// Quoting

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
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const chosenProvider = providerId || (mine.length === 1 ? (mine[0]?.providerId ?? '') : '');
  const send = useMutation({
    mutationFn: (body: BodyOf<'submitQuote'>) => api('submitQuote', { params: { id: requestId }, body }),
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      navigate(`/requests/${requestId}?done=quoted`);
    },
    onError: (error) => setIssues(issuesFromError(error, { fields: quoteFields })),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: SummaryIssue[] = [];
    if (!chosenProvider.trim())
      found.push({ fieldId: 'providerId', message: 'Choose which of your provider profiles is quoting' });
    const one = parsePounds(price, { label: 'the price for one person', min: 1 });
    if (!one.ok) found.push({ fieldId: 'price', message: one.message });
    const groupTiers = readTiers(tiers, found);
    if (!when.trim()) found.push({ fieldId: 'when', message: 'Say when you could do it' });
    if (found.length === 0 && one.ok) {
      const body: BodyOf<'submitQuote'> = {
        providerId: chosenProvider.trim(),
        tiers: [{ minParticipants: 1, pricePerPersonPence: one.pence }, ...groupTiers],
        priceUnit: unit,
        when: when.trim(),
        terms: terms.trim(),
      };
      found.push(...issuesFromFields(checkBody('submitQuote', body), quoteFields));
      if (found.length === 0) {
        setIssues([]);
        send.mutate(body);
        return;
      }
    }
    setIssues(found);
  };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title="Send a quote" error={issues.length > 0} />
        <BackLink to={`/requests/${requestId}`}>Back</BackLink>
        <ErrorSummary issues={issues} />
        {request.data && <span className="govuk-caption-l">{requestHeading(request.data)}</span>}
        <h1 className="govuk-heading-l">Send a quote</h1>
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
          <TextInput
            id="price"
            label="Price for one person"
            labelSize="s"
            prefix="£"
            inputMode="decimal"
            width={5}
            value={price}
            onChange={setPrice}
            error={errorFor(issues, 'price')}
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
      </div>
    </div>
  );
}

// Accepting

export function AcceptQuotePage() {
  const { requestId = '', quoteId = '' } = useParams();
  const [params] = useSearchParams();
  const request = useRouteQuery('getRequest', { params: { id: requestId } });
  const me = useMe();
  const { personId, choose } = useBookingPerson();
  const navigate = useNavigate();
  const [how, setHow] = useState('');
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const quote = request.data?.quotes.find((q) => q.quoteId === quoteId);
  const back = `/requests/${requestId}`;
  if (request.isError || !request.data || me.isPending) {
    return (
      <>
        <PageTitle title="Accept a quote" error={request.isError} />
        <BackLink to={back}>Back</BackLink>
        <h1 className="govuk-heading-l">Accept a quote</h1>
        {request.isError ? <LoadError error={request.error} /> : <Loading />}
      </>
    );
  }
  if (!quote || !request.data.youAsked || request.data.status !== 'open') {
    return (
      <>
        <PageTitle title="Accept a quote" />
        <BackLink to={back}>Back</BackLink>
        <h1 className="govuk-heading-l">Accept a quote</h1>
        <p className="govuk-body">
          {request.data.status !== 'open'
            ? 'A quote has already been accepted for this request.'
            : 'Only the person who asked can accept a quote for this request.'}
        </p>
      </>
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
  const withPerson = (next: URLSearchParams) => {
    if (params.get('person')) next.set('person', params.get('person') ?? '');
    return next;
  };
  if (as === 'order' && personId)
    return <AcceptAsOrder request={request.data} quote={quote} personId={personId} />;
  if (as === 'group') return <AcceptAsGroup request={request.data} quote={quote} />;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title="How do you want to accept this quote?" error={issues.length > 0} />
        <BackLink to={back}>Back</BackLink>
        <ErrorSummary issues={issues} />
        <SummaryCard title={quote.providerName}>
          <QuoteRows quote={quote} />
        </SummaryCard>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (how !== 'order' && how !== 'group') {
              setIssues([{ fieldId: 'how', message: 'Choose how to accept the quote' }]);
              return;
            }
            const next = withPerson(new URLSearchParams({ as: how }));
            navigate(`/requests/${requestId}/quotes/${quoteId}/accept?${next.toString()}`);
          }}
        >
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
                  request.data.interestedCount > 0
                    ? `The ${request.data.interestedCount} ${request.data.interestedCount === 1 ? 'person' : 'people'} who said they would like it too can join.`
                    : 'Other people near you can join.'
                }`,
              },
            ]}
          />
          <Button>Continue</Button>
        </form>
      </div>
    </div>
  );
}

function AcceptAsOrder({
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
  const [body, setBody] = useState<{ lineId: string; quantity: number; scheduledFor: string }>();
  useFocusOnStep(step);
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const accept = useMutation({
    mutationFn: (order: { lineId: string; quantity: number; scheduledFor: string }) =>
      api('acceptQuote', {
        params: { id: request.requestId, quoteId: quote.quoteId },
        body: { kind: 'order', ...order },
      }),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries();
      navigate(result.orderId ? `/orders/${result.orderId}?booked=1` : `/requests/${request.requestId}`);
    },
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
    const day = parseDateParts(date, 'the date');
    if (!day.ok) found.push({ fieldId: 'date', message: day.message });
    else if (day.iso < todayIso())
      found.push({ fieldId: 'date', message: 'The date must be today or in the future' });
    const clock = parseClock(time);
    if (!clock.ok) found.push({ fieldId: 'time', message: clock.message });
    setIssues(found);
    if (found.length === 0 && day.ok && clock.ok) {
      setBody({ lineId, quantity: n, scheduledFor: new Date(ukDateTime(day.iso, clock.time)).toISOString() });
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
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <PageTitle title="Check the booking before you accept the quote" error={accept.isError} />
          <ErrorSummary
            title="This booking cannot go ahead"
            issues={accept.isError ? issuesFromError(accept.error, { who: context.who }) : []}
          />
          <span className="govuk-caption-l">{quote.providerName}</span>
          <h1 className="govuk-heading-l">Check the booking before you accept the quote</h1>
          <SummaryList
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
                    {formatPence(cost)} ({quantityWords(body.quantity, quote.priceUnit)} at{' '}
                    {formatPence(price)})
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
          <p className="govuk-body">
            When you accept, {formatPence(cost)} is set aside from {whose} account and {quote.providerName} is
            asked to confirm. They are paid only after the support is delivered and confirmed.
          </p>
          <ButtonGroup>
            <Button type="button" disabled={accept.isPending} onClick={() => accept.mutate(body)}>
              Accept and book
            </Button>
            <Button type="button" variant="secondary" onClick={() => setStep('form')}>
              Change the details
            </Button>
          </ButtonGroup>
          {accept.isPending && <Loading>Booking and checking the plan…</Loading>}
        </div>
      </div>
    );
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title="Book it for one person" error={issues.length > 0} />
        <BackLink to={`/requests/${request.requestId}`}>Back</BackLink>
        <ErrorSummary issues={issues} />
        <span className="govuk-caption-l">
          {quote.providerName}: {formatPence(price)} {priceUnits[quote.priceUnit]}
        </span>
        <h1 className="govuk-heading-l">Book it for one person</h1>
        {pending && <Loading>Loading the support plan…</Loading>}
        {error && <LoadError error={error} who={context.who} />}
        {lines && (
          <form onSubmit={onContinue} noValidate>
            <Radios
              id="lineId"
              name="lineId"
              legend="Which part of the plan pays for this?"
              legendSize="m"
              value={lineId}
              onChange={setLineId}
              error={errorFor(issues, 'lineId')}
              options={lines.map((l) => ({
                value: l.lineId,
                text: l.title,
                hint: [
                  l.notes,
                  l.leftNowPence !== undefined ? `${formatPence(l.leftNowPence)} left now` : undefined,
                  l.category === request.category
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
              hint={`${formatPence(price)} for each ${one}.`}
              inputMode="numeric"
              width={3}
              value={quantity}
              onChange={setQuantity}
              error={errorFor(issues, 'quantity')}
            />
            <DateInput
              id="date"
              legend="When?"
              legendSize="m"
              value={date}
              onChange={setDate}
              error={errorFor(issues, 'date')}
            />
            <TextInput
              id="time"
              label="What time?"
              labelSize="s"
              hint="For example, 10:30 or 2pm"
              width={5}
              value={time}
              onChange={setTime}
              error={errorFor(issues, 'time')}
            />
            <Button>Continue</Button>
          </form>
        )}
      </div>
    </div>
  );
}

function AcceptAsGroup({ request, quote }: { request: SupportRequest; quote: Quote }) {
  const groupTiers = quote.tiers.filter((t) => t.minParticipants >= 2);
  const smallest = Math.min(...groupTiers.map((t) => t.minParticipants));
  const [form, setForm] = useState<GroupForm>(() =>
    newGroupForm(
      `${categoryLabel(request.category)} group near ${request.outcode}`,
      smallest,
      Math.max(smallest, request.participants + request.interestedCount, 10),
    ),
  );
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const [setup, setSetup] = useState<GroupSetupBody>();
  const [step, setStep] = useState<'form' | 'check'>('form');
  useFocusOnStep(step);
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const accept = useMutation({
    mutationFn: (group: GroupSetupBody) =>
      api('acceptQuote', {
        params: { id: request.requestId, quoteId: quote.quoteId },
        body: { kind: 'group', ...group },
      }),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries();
      navigate(result.groupId ? `/groups/${result.groupId}?done=created` : `/requests/${request.requestId}`);
    },
    onError: (error) => {
      setIssues(issuesFromError(error, { fields: groupFields }));
      setStep('form');
    },
  });
  const onContinue = (event: FormEvent) => {
    event.preventDefault();
    const read = readGroupForm(form, { smallest, what: 'The group' });
    setIssues(read.issues);
    if (read.setup) {
      setSetup(read.setup);
      setStep('check');
    }
  };
  if (step === 'check' && setup) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <PageTitle title="Check the group before you accept the quote" />
          <span className="govuk-caption-l">{quote.providerName}</span>
          <h1 className="govuk-heading-l">Check the group before you accept the quote</h1>
          <SummaryList
            rows={[
              { key: 'Provider', value: quote.providerName },
              ...groupSetupRows(setup, tierWords(groupTiers, setup.maxParticipants)),
            ]}
          />
          <p className="govuk-body">
            Accepting starts the group. It does not set any money aside: join it yourself from its page, and
            share it with others. If fewer than {setup.minParticipants} people join by{' '}
            {formatDate(setup.deadline)}, it does not go ahead and nobody pays.
          </p>
          <ButtonGroup>
            <Button type="button" disabled={accept.isPending} onClick={() => accept.mutate(setup)}>
              Accept and start the group
            </Button>
            <Button type="button" variant="secondary" onClick={() => setStep('form')}>
              Change the details
            </Button>
          </ButtonGroup>
          {accept.isPending && <Loading>Starting the group…</Loading>}
        </div>
      </div>
    );
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title="Start a group with this quote" error={issues.length > 0} />
        <BackLink to={`/requests/${request.requestId}`}>Back</BackLink>
        <ErrorSummary issues={issues} />
        <span className="govuk-caption-l">{quote.providerName}</span>
        <h1 className="govuk-heading-l">Start a group with this quote</h1>
        <ul className="govuk-list govuk-list--bullet">
          {tierWords(groupTiers).map((words) => (
            <li key={words}>{words}</li>
          ))}
        </ul>
        <form onSubmit={onContinue} noValidate>
          <GroupFormFields form={form} onChange={setForm} issues={issues} smallest={smallest} />
          <Button>Continue</Button>
        </form>
      </div>
    </div>
  );
}

// Unmet demand

export function UnmetDemandPage() {
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? addDays(todayIso(), -90);
  const to = params.get('to') ?? todayIso();
  const [fromParts, setFromParts] = useState(partsOf(from));
  const [toParts, setToParts] = useState(partsOf(to));
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const report = useRouteQuery('unmetDemand', { query: { from, to } });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: SummaryIssue[] = [];
    const f = parseDateParts(fromParts, 'the start date');
    const t = parseDateParts(toParts, 'the end date');
    if (!f.ok) found.push({ fieldId: 'from', message: f.message });
    if (!t.ok) found.push({ fieldId: 'to', message: t.message });
    if (f.ok && t.ok && t.iso < f.iso)
      found.push({ fieldId: 'to', message: 'The end date must be the same as or after the start date' });
    setIssues(found);
    if (found.length === 0 && f.ok && t.ok) setParams({ from: f.iso, to: t.iso });
  };
  return (
    <>
      <PageTitle
        title="Support people asked for that nobody met"
        error={issues.length > 0 || report.isError}
      />
      <BackLink to="/council">Council work</BackLink>
      <ErrorSummary issues={issues} />
      <h1 className="govuk-heading-xl">Support people asked for that nobody met</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body">
            Requests for support whose time for quotes ran out without one being accepted, by postcode area
            and kind of support. It shows where the local market is not meeting people’s needs.
          </p>
          <form onSubmit={onSubmit} noValidate>
            <DateInput
              id="from"
              legend="Requests made from"
              value={fromParts}
              onChange={setFromParts}
              error={errorFor(issues, 'from')}
            />
            <DateInput
              id="to"
              legend="To"
              value={toParts}
              onChange={setToParts}
              error={errorFor(issues, 'to')}
            />
            <Button variant="secondary">Show these dates</Button>
          </form>
        </div>
      </div>
      <Await query={report}>
        {(data) => {
          const bars = demandBars(data.rows);
          return (
            <>
              <h2 className="govuk-heading-l">
                {formatDate(data.from)} to {formatDate(data.to)}
              </h2>
              <p className="govuk-body-l" data-testid="unmet-summary">
                {data.unmetRequests} of {data.totalRequests}{' '}
                {data.totalRequests === 1 ? 'request' : 'requests'} made in this time went unmet.
              </p>
              {bars.length === 0 ? (
                <p className="govuk-body">Every request in this time was met, or is still open to quotes.</p>
              ) : (
                <div className="govuk-grid-row">
                  <div className="govuk-grid-column-two-thirds">
                    <h3 className="govuk-heading-m">People waiting, by area and kind of support</h3>
                    <p className="govuk-body-s">
                      Each bar counts the people a request was for and those who said they would like it too.
                      The area is the first letters of the postcode, like HG for Harrogate.
                    </p>
                    <ul className="app-bar-chart" aria-label="People waiting, by area and kind of support">
                      {bars.map((bar) => (
                        <li className="app-bar-chart__item" key={bar.key}>
                          <span className="app-bar-chart__label">{bar.label}</span>
                          <div className="app-bar-chart__track" aria-hidden="true">
                            <div className="app-bar-chart__fill" style={{ width: `${bar.percent}%` }} />
                          </div>
                          <p className="app-bar-chart__figures govuk-!-margin-bottom-0">{bar.figures}</p>
                        </li>
                      ))}
                    </ul>
                    <div className="app-table-wrapper">
                      <table className="govuk-table" data-testid="unmet-demand">
                        <caption className="govuk-table__caption govuk-table__caption--m">
                          The same figures as a table
                        </caption>
                        <thead className="govuk-table__head">
                          <tr className="govuk-table__row">
                            <th scope="col" className="govuk-table__header">
                              Area
                            </th>
                            <th scope="col" className="govuk-table__header">
                              Kind of support
                            </th>
                            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                              People
                            </th>
                            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                              Requests
                            </th>
                            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                              Quotes
                            </th>
                          </tr>
                        </thead>
                        <tbody className="govuk-table__body">
                          {bars.map((bar) => (
                            <tr className="govuk-table__row" key={bar.key}>
                              <th scope="row" className="govuk-table__header">
                                {bar.area}
                              </th>
                              <td className="govuk-table__cell">{categoryLabel(bar.category)}</td>
                              <td className="govuk-table__cell govuk-table__cell--numeric">{bar.people}</td>
                              <td className="govuk-table__cell govuk-table__cell--numeric">{bar.requests}</td>
                              <td className="govuk-table__cell govuk-table__cell--numeric">
                                {bar.quotesReceived}
                              </td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  </div>
                </div>
              )}
            </>
          );
        }}
      </Await>
    </>
  );
}
