/**
 * Money in and out through the payment rail: a family top-up (amount, then the rail's own payment
 * page, then back to the budget with a message), a provider setting up payouts, and reviews after
 * a confirmed booking. Where the rail is the local simulated one, the page says no real money moves.
 */
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, Navigate, useParams, useSearchParams } from 'react-router';
import { checkBody, newIdempotencyKey, type ResponseOf } from '../../api/client.ts';
import { useDoneMutation } from '../../components/done-form.tsx';
import {
  BackLink,
  Button,
  ButtonGroup,
  ErrorSummary,
  errorFor,
  InsetText,
  Loading,
  NotificationBanner,
  Radios,
  SummaryList,
  Tag,
  Textarea,
  TextInput,
} from '../../components/govuk.tsx';
import { PageTitle } from '../../components/layout.tsx';
import { Await } from '../../components/query.tsx';
import { useFocusOnStep } from '../../components/steps.tsx';
import { formatDate } from '../../lib/dates.ts';
import { isSimulatedRail } from '../../lib/groups.ts';
import { formatPence, parsePounds } from '../../lib/money.ts';
import { issuesFromError, issuesFromFields, type SummaryIssue } from '../../lib/problems.ts';
import { usePerson } from '../../person.ts';
import { useApi, useMe, useRouteQuery, useSession } from '../../session.tsx';

/** Where money moved through the payment rail in the local demo: none really did. */
export function SimulatedRailTag() {
  return (
    <strong className="govuk-tag govuk-tag--yellow app-tag--wide">
      Simulated payment: no real money moved
    </strong>
  );
}

// Family top-up

const topUpKey = 'carepool.topUp';

interface StartedTopUp {
  personId: string;
  amountPence: number;
  simulated: boolean;
}

/** The top-up this tab started, kept while the person is on the payment page. */
export function startedTopUp(): StartedTopUp | undefined {
  try {
    const parsed = JSON.parse(sessionStorage.getItem(topUpKey) ?? 'null') as StartedTopUp | null;
    return parsed && typeof parsed.personId === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function TopUpPage() {
  const { personId = '' } = useParams();
  const { context, person } = usePerson(personId);
  const [amount, setAmount] = useState('');
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const [topUpId] = useState(() => `top_${newIdempotencyKey().replace(/-/g, '')}`);
  const [started, setStarted] = useState<{ view: ResponseOf<'startTopUp'>; amountPence: number }>();
  useFocusOnStep(started ? 'pay' : 'amount');
  const api = useApi();
  const fields = { amountPence: 'amount', topUpId: 'amount' };
  const start = useMutation({
    mutationFn: (amountPence: number) =>
      api(
        'startTopUp',
        { params: { id: personId }, body: { topUpId, amountPence } },
        { idempotencyKey: topUpId },
      ),
    onSuccess: (view, amountPence) => {
      sessionStorage.setItem(
        topUpKey,
        JSON.stringify({ personId, amountPence, simulated: view.simulated } satisfies StartedTopUp),
      );
      setStarted({ view, amountPence });
    },
    onError: (error) => setIssues(issuesFromError(error, { who: context.who, fields })),
  });
  const self = context.relationship === 'self';
  const whose = self ? 'your' : `${person.data?.name ?? context.name}’s`;
  const title = `Add money to ${whose} account`;
  const back = `/people/${personId}`;

  if (started) {
    const { view, amountPence } = started;
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <PageTitle title="Pay on the payment page" />
          <span className="govuk-caption-l">{title}</span>
          <h1 className="govuk-heading-l">Pay on the payment page</h1>
          <SummaryList
            rows={[
              { key: 'Into the account of', value: person.data?.name ?? context.name },
              { key: 'Amount', value: <strong>{formatPence(amountPence)}</strong> },
            ]}
          />
          {view.simulated ? (
            <InsetText>
              <p className="govuk-body">
                <Tag colour="yellow">Simulated payment</Tag>
              </p>
              <p className="govuk-body">
                This demo uses a simulated payment page in place of Stripe. You do not need a card, and no
                real money moves.
              </p>
            </InsetText>
          ) : (
            <p className="govuk-body">
              You pay by card on Stripe’s secure payment page. Carepool never sees your card details.
            </p>
          )}
          <p className="govuk-body">
            The money is added to the account as soon as the payment goes through, and you come back here.
          </p>
          <ButtonGroup>
            <a className="govuk-button" data-module="govuk-button" draggable={false} href={view.checkoutUrl}>
              Continue to the payment page
            </a>
            <Link className="govuk-link" to={back}>
              Cancel
            </Link>
          </ButtonGroup>
        </div>
      </div>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parsePounds(amount, { label: 'how much to add', min: 100, max: 1_000_000 });
    if (!parsed.ok) {
      setIssues([{ fieldId: 'amount', message: parsed.message }]);
      return;
    }
    const found = issuesFromFields(checkBody('startTopUp', { topUpId, amountPence: parsed.pence }), fields);
    setIssues(found);
    if (found.length === 0) start.mutate(parsed.pence);
  };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title={title} error={issues.length > 0} />
        <BackLink to={back}>Back to the budget</BackLink>
        <ErrorSummary issues={issues} />
        <form onSubmit={onSubmit} noValidate>
          <span className="govuk-caption-l">{title}</span>
          <TextInput
            id="amount"
            label="How much do you want to add?"
            isPageHeading
            hint={`Between £1 and £10,000. Family and friends can add money to ${whose} account, to spend on ${
              self ? 'your' : 'their'
            } support plan.`}
            prefix="£"
            inputMode="decimal"
            width={5}
            value={amount}
            onChange={setAmount}
            error={errorFor(issues, 'amount')}
          />
          <Button disabled={start.isPending}>Continue</Button>
          {start.isPending && <Loading>Preparing the payment…</Loading>}
        </form>
      </div>
    </div>
  );
}

/**
 * Where the payment rail sends people back to (`/my-budget?top-up=done`): on to the budget the top-up
 * was for, or the holder's own.
 */
export function MyBudgetPage() {
  const [params] = useSearchParams();
  const { token } = useSession();
  const me = useMe();
  const result = params.get('top-up');
  const personId =
    startedTopUp()?.personId ?? (me.data?.roles.includes('holder') ? me.data.personId : undefined);
  if (token && me.isPending) {
    return (
      <>
        <PageTitle title="Your budget" />
        <h1 className="govuk-heading-l">Your budget</h1>
        <Loading />
      </>
    );
  }
  if (token && personId) {
    return (
      <Navigate to={`/people/${personId}${result ? `?top-up=${encodeURIComponent(result)}` : ''}`} replace />
    );
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title={result === 'done' ? 'Payment received' : 'Your budget'} />
        <h1 className="govuk-heading-l">{result === 'done' ? 'Payment received' : 'Your budget'}</h1>
        {result === 'done' && (
          <p className="govuk-body">
            Thank you. The money is added to the account as soon as the payment goes through.
          </p>
        )}
        <p className="govuk-body">
          {token ? (
            <Link className="govuk-link" to="/">
              Go to your Carepool home page
            </Link>
          ) : (
            <>
              <Link className="govuk-link" to="/sign-in">
                Sign in
              </Link>{' '}
              to see the budget.
            </>
          )}
        </p>
      </div>
    </div>
  );
}

/** The message on "My budget" when someone comes back from the payment page. */
export function TopUpBanner({ personId, whose }: { personId: string; whose: string }) {
  const [params] = useSearchParams();
  const result = params.get('top-up');
  const started = startedTopUp();
  const amount = started?.personId === personId ? formatPence(started.amountPence) : 'The money';
  if (result === 'done') {
    return (
      <NotificationBanner success title="Payment received">
        <p className="govuk-notification-banner__heading" data-testid="top-up-done">
          Thank you. {amount} has been added to {whose} account.
        </p>
        {started?.simulated && (
          <p className="govuk-body">
            <SimulatedRailTag />
          </p>
        )}
      </NotificationBanner>
    );
  }
  if (result === 'cancelled') {
    return (
      <NotificationBanner title="Payment cancelled">
        <p className="govuk-notification-banner__heading">You cancelled the top-up. No money was taken.</p>
      </NotificationBanner>
    );
  }
  return null;
}

// Provider payouts

const payoutsKey = 'carepool.payouts';

export function PayoutsSection({ providerId }: { providerId: string }) {
  const [params] = useSearchParams();
  const api = useApi();
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const start = useMutation({
    mutationFn: () => api('startPayoutOnboarding', { params: { id: providerId } }),
    onSuccess: (view) => {
      sessionStorage.setItem(
        payoutsKey,
        JSON.stringify({ providerId, simulated: isSimulatedRail(view.onboardingUrl) }),
      );
      setIssues([]);
    },
    onError: (error) => setIssues(issuesFromError(error)),
  });
  const returned = params.get('payouts');
  let simulated = false;
  try {
    const stored = JSON.parse(sessionStorage.getItem(payoutsKey) ?? 'null') as {
      providerId?: string;
      simulated?: boolean;
    } | null;
    simulated = stored?.providerId === providerId && stored.simulated === true;
  } catch {
    simulated = false;
  }
  const view = start.data;
  return (
    <section aria-labelledby="payouts-heading">
      <h2 className="govuk-heading-m" id="payouts-heading">
        Getting paid
      </h2>
      {returned === 'returned' && (
        <NotificationBanner success title="Payouts">
          <p className="govuk-notification-banner__heading">
            You have finished setting up payouts. Money for confirmed bookings and group purchases is paid to
            your bank.
          </p>
          {simulated && (
            <p className="govuk-body">
              <SimulatedRailTag />
            </p>
          )}
        </NotificationBanner>
      )}
      {returned === 'refresh' && (
        <NotificationBanner title="Payouts">
          <p className="govuk-notification-banner__heading">
            The link to set up payouts ran out. Choose “Set up payouts” to carry on.
          </p>
        </NotificationBanner>
      )}
      <ErrorSummary issues={issues} />
      {view ? (
        view.payoutsEnabled ? (
          <p className="govuk-body">Payouts are set up: you are paid into your bank.</p>
        ) : (
          <>
            {isSimulatedRail(view.onboardingUrl) ? (
              <InsetText>
                <p className="govuk-body">
                  <Tag colour="yellow">Simulated payment</Tag>
                </p>
                <p className="govuk-body">
                  This demo uses a simulated payment rail in place of Stripe: no bank details are needed, and
                  no real money moves.
                </p>
              </InsetText>
            ) : (
              <p className="govuk-body">You give your bank details to Stripe, not to Carepool.</p>
            )}
            <a
              className="govuk-button"
              data-module="govuk-button"
              draggable={false}
              href={view.onboardingUrl}
            >
              Continue to set up payouts
            </a>
          </>
        )
      ) : (
        <>
          <p className="govuk-body">
            Money for confirmed bookings and group purchases is paid into your bank through the payment rail.
            Set it up once; you can come back to finish at any time.
          </p>
          <Button type="button" variant="secondary" disabled={start.isPending} onClick={() => start.mutate()}>
            Set up payouts
          </Button>
          {start.isPending && <Loading>Preparing…</Loading>}
        </>
      )}
    </section>
  );
}

// Reviews

const ratings = [
  { value: '5', text: '5 stars: excellent' },
  { value: '4', text: '4 stars: good' },
  { value: '3', text: '3 stars: all right' },
  { value: '2', text: '2 stars: poor' },
  { value: '1', text: '1 star: very poor' },
];

export function ReviewPage() {
  const { orderId = '' } = useParams();
  const order = useRouteQuery('getOrder', { params: { id: orderId } });
  const [rating, setRating] = useState('');
  const [comment, setComment] = useState('');
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const api = useApi();
  const send = useDoneMutation({
    mutationFn: (body: { rating: number; comment: string }) =>
      api('reviewOrder', { params: { id: orderId }, body }),
    // The order now says it was reviewed: fetch it before going back, so the page never offers a second review.
    to: () => `/orders/${orderId}?done=reviewed`,
    onError: (error) =>
      setIssues(issuesFromError(error, { fields: { rating: 'rating', comment: 'comment' } })),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: SummaryIssue[] = [];
    if (!rating) found.push({ fieldId: 'rating', message: 'Choose a rating from 1 to 5 stars' });
    const body = { rating: Number(rating), comment: comment.trim() };
    if (found.length === 0)
      found.push(
        ...issuesFromFields(checkBody('reviewOrder', body), { rating: 'rating', comment: 'comment' }),
      );
    setIssues(found);
    if (found.length === 0) send.mutate(body);
  };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title="Leave a review" error={issues.length > 0} />
        <BackLink to={`/orders/${orderId}`}>Back</BackLink>
        <ErrorSummary issues={issues} />
        {order.data && (
          <span className="govuk-caption-l">
            {order.data.title}, {order.data.providerName}
          </span>
        )}
        <h1 className="govuk-heading-l">Leave a review</h1>
        <p className="govuk-body">
          Your review helps other people choose. It is shown on the provider’s page without your name.
        </p>
        <form onSubmit={onSubmit} noValidate>
          <Radios
            id="rating"
            name="rating"
            legend="How would you rate it?"
            legendSize="m"
            value={rating}
            onChange={setRating}
            error={errorFor(issues, 'rating')}
            options={ratings}
          />
          <Textarea
            id="comment"
            label="What would you like to say? (optional)"
            labelSize="m"
            hint="Do not include anyone’s name or personal details. Up to 1,000 characters."
            rows={4}
            value={comment}
            onChange={setComment}
            error={errorFor(issues, 'comment')}
          />
          <Button disabled={send.isPending}>Send the review</Button>
        </form>
      </div>
    </div>
  );
}

function Stars({ rating }: { rating: number }) {
  const whole = Math.round(rating);
  return (
    <span className="app-stars" aria-hidden="true">
      {'★'.repeat(whole)}
      {'☆'.repeat(Math.max(0, 5 - whole))}
    </span>
  );
}

const ratingWords = (rating: number) =>
  `${rating.toLocaleString('en-GB', { maximumFractionDigits: 1 })} out of 5`;

/** A provider's reviews, newest first, with the average: never who wrote them. */
export function ProviderReviews({ providerId, name }: { providerId: string; name: string }) {
  const reviews = useRouteQuery('listProviderReviews', { params: { id: providerId } });
  return (
    <section aria-labelledby="reviews-heading">
      <h2 className="govuk-heading-m" id="reviews-heading">
        What people say
      </h2>
      <Await query={reviews}>
        {(data) =>
          data.count === 0 || data.averageRating === undefined ? (
            <p className="govuk-body">
              No reviews yet. Only people who bought from {name} and confirmed it was delivered can review
              them.
            </p>
          ) : (
            <>
              <p className="govuk-body-l" data-testid="average-rating">
                <Stars rating={data.averageRating} /> Rated <strong>{ratingWords(data.averageRating)}</strong>{' '}
                on average, from {data.count} {data.count === 1 ? 'review' : 'reviews'}.
              </p>
              <ul className="govuk-list" aria-label="Reviews">
                {data.items.map((review) => (
                  <li className="app-result" key={review.reviewId}>
                    <p className="govuk-body govuk-!-margin-bottom-1">
                      <Stars rating={review.rating} /> <strong>{ratingWords(review.rating)}</strong>
                    </p>
                    {review.comment && (
                      <p className="govuk-body govuk-!-margin-bottom-1">“{review.comment}”</p>
                    )}
                    <p className="govuk-body-s govuk-!-margin-bottom-0">
                      {review.title}, {formatDate(review.date)}
                    </p>
                  </li>
                ))}
              </ul>
            </>
          )
        }
      </Await>
    </section>
  );
}
