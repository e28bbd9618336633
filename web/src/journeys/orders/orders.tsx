import { categoryLabel, type OrderStatus, shortReference } from '@carepool/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { checkBody, type ResponseOf } from '../../api/client.ts';
import { useDoneMutation } from '../../components/done-form.tsx';
import {
  BackLink,
  Button,
  ButtonGroup,
  ButtonLink,
  ErrorSummary,
  errorFor,
  InsetText,
  Loading,
  NotificationBanner,
  Panel,
  Radios,
  SummaryList,
  Tag,
  Textarea,
  TextInput,
  WarningText,
} from '../../components/govuk.tsx';
import { PageTitle } from '../../components/layout.tsx';
import { Await, LoadError } from '../../components/query.tsx';
import { formatDate, formatDateTime } from '../../lib/dates.ts';
import { orderHistoryWords, orderStatuses, priceUnitNouns, quantityWords } from '../../lib/labels.ts';
import { formatPence, parsePounds } from '../../lib/money.ts';
import { issuesFromError, issuesFromFields, type SummaryIssue } from '../../lib/problems.ts';
import { personContext } from '../../person.ts';
import { type Me, useAllPages, useApi, useMe, useRouteQuery } from '../../session.tsx';
import { AuditTrailLink } from '../auditor/audit-trail.tsx';
import { PayoutsSection } from '../budget/money.tsx';
import { ProviderGroups } from '../provider/index.ts';

type Order = ResponseOf<'getOrder'>;

export function OrderStatusTag({ status }: { status: OrderStatus }) {
  const { text, colour } = orderStatuses[status];
  return <Tag colour={colour}>{text}</Tag>;
}

function sideOf(me: Me | undefined, order: Order): 'holder' | 'provider' | 'council' | 'none' {
  if (!me) return 'none';
  if (me.personId === order.personId || me.actsFor.some((a) => a.personId === order.personId))
    return 'holder';
  if (me.roles.includes('provider') || me.roles.includes('broker')) return 'provider';
  if (me.roles.includes('care_manager') || me.roles.includes('auditor') || me.roles.includes('finance'))
    return 'council';
  return 'none';
}

const doneMessages: Record<string, string> = {
  accepted: 'You accepted the booking.',
  declined: 'You declined the booking. The money set aside for it has been released.',
  delivered: 'You recorded the delivery. The person will be asked to confirm it.',
  confirmed: 'You confirmed the delivery. The provider is being paid.',
  disputed: 'You disputed the delivery. The money is held until a care manager decides.',
  cancelled: 'You cancelled the booking. The money set aside for it has been released.',
  resolved: 'You decided the dispute.',
  approved: 'You approved the payment. The provider is being paid.',
  'payment-declined': 'You declined the payment. It is now a dispute: decide what is paid.',
  reviewed: 'Thank you for your review. It is shown on the provider’s page, without your name.',
};

type OrderAction = 'accept' | 'confirm' | 'approve';

export function OrderPage() {
  const { orderId = '' } = useParams();
  const [params] = useSearchParams();
  const order = useRouteQuery('getOrder', { params: { id: orderId } });
  const me = useMe();
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const act = useMutation({
    mutationFn: async (action: OrderAction) =>
      action === 'accept'
        ? api('acceptOrder', { params: { id: orderId } })
        : action === 'approve'
          ? api('approvePayment', { params: { id: orderId } })
          : api('confirmOrder', { params: { id: orderId } }),
    onSuccess: async (_result, action) => {
      await queryClient.invalidateQueries();
      const done = { accept: 'accepted', approve: 'approved', confirm: 'confirmed' }[action];
      navigate(`/orders/${orderId}?done=${done}`, { replace: true });
    },
  });
  const booked = params.get('booked') !== null;
  // A weekly repeat books several orders: the confirmation says how many, and how many were refused.
  const bookedCount = Number(params.get('booked')) || 1;
  const refusedWeeks = Number(params.get('refused')) || 0;
  const done = params.get('done');
  const title = order.data ? order.data.title : 'Booking';
  return (
    <>
      <PageTitle title={booked ? 'Booking requested' : title} error={order.isError || act.isError} />
      {order.data && !booked && <OrderBackLink order={order.data} me={me.data} />}
      {act.isError && (
        <ErrorSummary
          issues={issuesFromError(act.error, {
            who: personContext(me.data, order.data?.personId ?? '', undefined).who,
          })}
        />
      )}
      {done && doneMessages[done] && (
        <NotificationBanner success title="Done">
          <p className="govuk-notification-banner__heading">{doneMessages[done]}</p>
        </NotificationBanner>
      )}
      {order.isPending && (
        <>
          <h1 className="govuk-heading-l">Booking</h1>
          <Loading />
        </>
      )}
      {order.isError && (
        <>
          <h1 className="govuk-heading-l">Booking</h1>
          <LoadError error={order.error} />
        </>
      )}
      {order.data && (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            {booked ? (
              <Panel
                title={bookedCount > 1 ? `${bookedCount} weekly bookings requested` : 'Booking requested'}
              >
                Your reference
                <br />
                <strong>{shortReference(order.data.orderId)}</strong>
              </Panel>
            ) : (
              <>
                <span className="govuk-caption-l">{order.data.providerName}</span>
                <h1 className="govuk-heading-l">{order.data.title}</h1>
              </>
            )}
            {booked && (
              <>
                {bookedCount > 1 && (
                  <p className="govuk-body">
                    This is the first of {bookedCount} weekly bookings.{' '}
                    <Link className="govuk-link" to={`/people/${order.data.personId}/orders`}>
                      See them all in bookings and payments
                    </Link>
                    .
                  </p>
                )}
                {refusedWeeks > 0 && (
                  <WarningText>
                    {refusedWeeks === 1 ? '1 week was' : `${refusedWeeks} weeks were`} not booked: the plan
                    could not pay for {refusedWeeks === 1 ? 'it' : 'them'}.
                  </WarningText>
                )}
                <h2 className="govuk-heading-m">What happens next</h2>
                <p className="govuk-body">
                  We have set aside {formatPence(order.data.amountPence)} and asked {order.data.providerName}{' '}
                  to accept the booking. {order.data.providerName} is paid only after the support has been
                  delivered and confirmed.
                </p>
                <p className="govuk-body">
                  <Link className="govuk-link" to={`/people/${order.data.personId}`}>
                    See what is left in the budget
                  </Link>
                </p>
              </>
            )}
            <OrderSummary order={order.data} />
            <OrderActions
              order={order.data}
              me={me.data}
              onAct={(action) => act.mutate(action)}
              pending={act.isPending}
            />
            <h2 className="govuk-heading-m">History</h2>
            <ul className="govuk-list">
              {order.data.history.map((event) => (
                <li key={`${event.action}${event.at}`}>
                  {formatDateTime(event.at)}: {orderHistoryWords(event.action, order.data.providerName)}
                  {event.note ? ` (${event.note})` : ''}
                </li>
              ))}
            </ul>
            <AuditTrailLink entityType="transfer" id={order.data.reservationId}>
              See the audit trail of the money set aside for this
            </AuditTrailLink>
            {order.data.paymentId && order.data.paymentId !== order.data.reservationId && (
              <AuditTrailLink entityType="transfer" id={order.data.paymentId}>
                See the audit trail of the payment
              </AuditTrailLink>
            )}
          </div>
        </div>
      )}
    </>
  );
}

function OrderBackLink({ order, me }: { order: Order; me: Me | undefined }) {
  const side = sideOf(me, order);
  if (side === 'holder')
    return <BackLink to={`/people/${order.personId}/orders`}>Bookings and payments</BackLink>;
  if (side === 'provider') return <BackLink to={`/provider/${order.providerId}/orders`}>Orders</BackLink>;
  return <BackLink to="/council">Council work</BackLink>;
}

function OrderSummary({ order }: { order: Order }) {
  return (
    <SummaryList
      rows={[
        { key: 'Status', value: <OrderStatusTag status={order.status} /> },
        { key: 'What', value: `${order.title} (${categoryLabel(order.category).toLowerCase()})` },
        {
          key: 'Provider',
          value: (
            <Link className="govuk-link" to={`/providers/${order.providerId}`}>
              {order.providerName}
            </Link>
          ),
        },
        { key: order.kind === 'invoice' ? 'Date' : 'When', value: formatDateTime(order.scheduledFor) },
        order.kind === 'order' && { key: 'How many', value: quantityWords(order.quantity, order.priceUnit) },
        { key: order.kind === 'invoice' ? 'Amount' : 'Cost', value: formatPence(order.amountPence) },
        order.invoiceReference && { key: 'Invoice reference', value: order.invoiceReference },
        order.notes && { key: 'Notes', value: order.notes },
        order.delivery && {
          key: 'Delivered',
          value: `${quantityWords(order.delivery.quantity, order.priceUnit)}, ${formatPence(order.delivery.amountPence)}${
            order.delivery.notes ? `: ${order.delivery.notes}` : ''
          }`,
        },
        order.dispute && { key: 'Why it was disputed', value: order.dispute.reason },
        order.paidPence !== undefined && { key: 'Paid', value: formatPence(order.paidPence) },
        order.autoConfirmAt &&
          order.status === 'delivered' && {
            key: 'Confirms itself on',
            value: `${formatDate(order.autoConfirmAt)}, unless it is disputed before then`,
          },
        { key: 'Reference', value: shortReference(order.orderId) },
      ]}
    />
  );
}

function OrderActions({
  order,
  me,
  onAct,
  pending,
}: {
  order: Order;
  me: Me | undefined;
  onAct(action: OrderAction): void;
  pending: boolean;
}) {
  const side = sideOf(me, order);
  const id = order.orderId;
  if (side === 'holder' && order.status === 'delivered') {
    return (
      <>
        <h2 className="govuk-heading-m">Was it delivered?</h2>
        <p className="govuk-body">
          Confirm only if the support was delivered as recorded. {order.providerName} will then be paid{' '}
          {formatPence(order.delivery?.amountPence ?? order.amountPence)}.
        </p>
        <ButtonGroup>
          <Button type="button" disabled={pending} onClick={() => onAct('confirm')}>
            Confirm it was delivered
          </Button>
          <ButtonLink to={`/orders/${id}/dispute`} variant="secondary">
            Something was wrong
          </ButtonLink>
        </ButtonGroup>
        {pending && <Loading>Confirming and paying…</Loading>}
      </>
    );
  }
  if (side === 'holder' && order.status === 'confirmed' && order.kind === 'order') {
    return order.reviewed ? (
      <p className="govuk-body">You have reviewed this booking. Thank you.</p>
    ) : (
      <>
        <h2 className="govuk-heading-m">How was it?</h2>
        <p className="govuk-body">
          Tell other people what {order.providerName} was like. Your review is shown without your name.
        </p>
        <ButtonLink to={`/orders/${id}/review`} variant="secondary">
          Leave a review
        </ButtonLink>
      </>
    );
  }
  if (side === 'holder' && (order.status === 'requested' || order.status === 'accepted')) {
    return (
      <p className="govuk-body">
        <Link className="govuk-link" to={`/orders/${id}/cancel`}>
          Cancel this booking
        </Link>
      </p>
    );
  }
  if (side === 'provider' && order.status === 'requested') {
    return (
      <>
        <ButtonGroup>
          <Button type="button" disabled={pending} onClick={() => onAct('accept')}>
            Accept the booking
          </Button>
          <ButtonLink to={`/orders/${id}/decline`} variant="secondary">
            Decline it
          </ButtonLink>
        </ButtonGroup>
        {pending && <Loading>Accepting…</Loading>}
      </>
    );
  }
  if (side === 'provider' && order.status === 'accepted') {
    return <ButtonLink to={`/orders/${id}/deliver`}>Record what was delivered</ButtonLink>;
  }
  if (me?.roles.includes('care_manager') && order.status === 'awaiting_approval') {
    return (
      <>
        <h2 className="govuk-heading-m">This payment waits for your approval</h2>
        <p className="govuk-body">
          The council checks every larger payment from this budget. Approve it and {order.providerName} is
          paid {formatPence(order.delivery?.amountPence ?? order.amountPence)}; decline it and it becomes a
          dispute for a care manager to decide.
        </p>
        <ButtonGroup>
          <Button type="button" disabled={pending} onClick={() => onAct('approve')}>
            Approve the payment
          </Button>
          <ButtonLink to={`/orders/${id}/decline-payment`} variant="secondary">
            Decline it
          </ButtonLink>
        </ButtonGroup>
        {pending && <Loading>Approving and paying…</Loading>}
      </>
    );
  }
  if (me?.roles.includes('care_manager') && order.status === 'disputed') {
    return <ButtonLink to={`/orders/${id}/resolve`}>Decide this dispute</ButtonLink>;
  }
  return null;
}

const reasonPages = {
  dispute: {
    title: 'What was wrong?',
    hint: 'Say what was not delivered, or not right. A care manager will look at it and decide what is paid.',
    button: 'Dispute the delivery',
    required: true,
    done: 'disputed',
  },
  cancel: {
    title: 'Why are you cancelling? (optional)',
    hint: 'The money set aside for this booking is released at once.',
    button: 'Cancel the booking',
    required: false,
    done: 'cancelled',
  },
  'decline-payment': {
    title: 'Why are you declining the payment?',
    hint: 'The person and the provider see this. The money stays set aside until the dispute is decided.',
    button: 'Decline the payment',
    required: true,
    done: 'payment-declined',
  },
  decline: {
    title: 'Why are you declining? (optional)',
    hint: 'The person sees this. The money set aside for the booking is released.',
    button: 'Decline the booking',
    required: false,
    done: 'declined',
  },
} as const;

export function OrderReasonPage({ action }: { action: keyof typeof reasonPages }) {
  const { orderId = '' } = useParams();
  const page = reasonPages[action];
  const [reason, setReason] = useState('');
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const api = useApi();
  const me = useMe();
  const order = useRouteQuery('getOrder', { params: { id: orderId } });
  const send = useDoneMutation({
    mutationFn: () => {
      const body = reason.trim() ? { reason: reason.trim() } : {};
      if (action === 'dispute')
        return api('disputeOrder', { params: { id: orderId }, body: { reason: reason.trim() } });
      if (action === 'cancel') return api('cancelOrder', { params: { id: orderId }, body });
      if (action === 'decline-payment')
        return api('declinePayment', { params: { id: orderId }, body: { reason: reason.trim() } });
      return api('declineOrder', { params: { id: orderId }, body });
    },
    to: () => `/orders/${orderId}?done=${page.done}`,
    onError: (error) =>
      setIssues(
        issuesFromError(error, {
          who: personContext(me.data, order.data?.personId ?? '', undefined).who,
          fields: { reason: 'reason' },
        }),
      ),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (page.required && !reason.trim()) {
      setIssues([
        {
          fieldId: 'reason',
          message: action === 'dispute' ? 'Say what was wrong' : 'Say why you are declining it',
        },
      ]);
      return;
    }
    if (reason.length > 1000) {
      setIssues([{ fieldId: 'reason', message: 'Use 1,000 characters or fewer' }]);
      return;
    }
    setIssues([]);
    send.mutate();
  };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title={page.title} error={issues.length > 0} />
        <BackLink to={`/orders/${orderId}`}>Back</BackLink>
        <ErrorSummary issues={issues} />
        <form onSubmit={onSubmit} noValidate>
          {order.data && <span className="govuk-caption-l">{order.data.title}</span>}
          <Textarea
            id="reason"
            label={page.title}
            isPageHeading
            hint={page.hint}
            value={reason}
            onChange={setReason}
            error={errorFor(issues, 'reason')}
          />
          <Button variant={action === 'dispute' ? undefined : 'warning'} disabled={send.isPending}>
            {page.button}
          </Button>
        </form>
      </div>
    </div>
  );
}

export function DeliverPage() {
  const { orderId = '' } = useParams();
  const order = useRouteQuery('getOrder', { params: { id: orderId } });
  const [quantity, setQuantity] = useState<string>();
  const [notes, setNotes] = useState('');
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const api = useApi();
  const send = useDoneMutation({
    mutationFn: (body: { quantity: number; notes: string }) =>
      api('deliverOrder', { params: { id: orderId }, body }),
    to: () => `/orders/${orderId}?done=delivered`,
    onError: (error) => setIssues(issuesFromError(error)),
  });
  const value = quantity ?? String(order.data?.quantity ?? '');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const n = Number(value.trim());
    const found: SummaryIssue[] = [];
    if (!value.trim()) found.push({ fieldId: 'quantity', message: 'Enter how much was delivered' });
    else if (!Number.isInteger(n) || n < 0)
      found.push({ fieldId: 'quantity', message: 'Enter a whole number, like 2' });
    else if (order.data && n > order.data.quantity)
      found.push({
        fieldId: 'quantity',
        message: `Enter ${order.data.quantity} or fewer: that is what was booked`,
      });
    const body = { quantity: n, notes: notes.trim() };
    if (found.length === 0) found.push(...issuesFromFields(checkBody('deliverOrder', body)));
    setIssues(found);
    if (found.length === 0) send.mutate(body);
  };
  const [, many] = order.data ? priceUnitNouns[order.data.priceUnit] : ['', 'hours or sessions'];
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title="Record what was delivered" error={issues.length > 0} />
        <BackLink to={`/orders/${orderId}`}>Back</BackLink>
        <ErrorSummary issues={issues} />
        <span className="govuk-caption-l">{order.data?.title}</span>
        <h1 className="govuk-heading-l">Record what was delivered</h1>
        <Await query={order}>
          {(data) => (
            <form onSubmit={onSubmit} noValidate>
              <p className="govuk-body">
                {quantityWords(data.quantity, data.priceUnit)} were booked for{' '}
                {formatDateTime(data.scheduledFor)}. You are paid for what you record here, once the person
                confirms it.
              </p>
              <TextInput
                id="quantity"
                label={`How many ${many} did you deliver?`}
                labelSize="m"
                inputMode="numeric"
                width={3}
                value={value}
                onChange={setQuantity}
                error={errorFor(issues, 'quantity')}
              />
              <Textarea
                id="notes"
                label="Notes for the person (optional)"
                labelSize="s"
                hint="For example, what you did, or why less was delivered than booked."
                rows={3}
                value={notes}
                onChange={setNotes}
                error={errorFor(issues, 'notes')}
              />
              <Button disabled={send.isPending}>Record delivery</Button>
            </form>
          )}
        </Await>
      </div>
    </div>
  );
}

export function ResolveDisputePage() {
  const { orderId = '' } = useParams();
  const order = useRouteQuery('getOrder', { params: { id: orderId } });
  const [outcome, setOutcome] = useState('');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const api = useApi();
  const send = useDoneMutation({
    mutationFn: (body: { outcome: 'pay' | 'part_pay' | 'release'; amountPence?: number; reason: string }) =>
      api('resolveDispute', { params: { id: orderId }, body }),
    to: () => `/orders/${orderId}?done=resolved`,
    onError: (error) => setIssues(issuesFromError(error, { fields: { amountPence: 'amount' } })),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: SummaryIssue[] = [];
    if (outcome !== 'pay' && outcome !== 'part_pay' && outcome !== 'release')
      found.push({ fieldId: 'outcome', message: 'Choose what to pay' });
    const money =
      outcome === 'part_pay' ? parsePounds(amount, { label: 'how much to pay', min: 1 }) : undefined;
    if (money && !money.ok) found.push({ fieldId: 'amount', message: money.message });
    if (!reason.trim())
      found.push({ fieldId: 'reason', message: 'Give a reason the person and provider can read' });
    setIssues(found);
    if (found.length || (outcome !== 'pay' && outcome !== 'part_pay' && outcome !== 'release')) return;
    send.mutate({ outcome, reason: reason.trim(), ...(money?.ok ? { amountPence: money.pence } : {}) });
  };
  const delivered = order.data?.delivery?.amountPence ?? order.data?.amountPence;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title="Decide the dispute" error={issues.length > 0} />
        <BackLink to={`/orders/${orderId}`}>Back</BackLink>
        <ErrorSummary issues={issues} />
        <h1 className="govuk-heading-l">Decide the dispute</h1>
        <Await query={order}>
          {(data) => (
            <>
              <SummaryList
                rows={[
                  { key: 'What', value: `${data.title} (${data.providerName})` },
                  {
                    key: 'Recorded as delivered',
                    value: delivered !== undefined ? formatPence(delivered) : 'Nothing',
                  },
                  { key: 'Why it was disputed', value: data.dispute?.reason ?? 'Not given' },
                ]}
              />
              <form onSubmit={onSubmit} noValidate>
                <Radios
                  id="outcome"
                  name="outcome"
                  legend="What should the provider be paid?"
                  value={outcome}
                  onChange={setOutcome}
                  error={errorFor(issues, 'outcome')}
                  options={[
                    {
                      value: 'pay',
                      text: `Pay in full${delivered !== undefined ? ` (${formatPence(delivered)})` : ''}`,
                    },
                    {
                      value: 'part_pay',
                      text: 'Pay part of it',
                      conditional: (
                        <TextInput
                          id="amount"
                          label="How much?"
                          prefix="£"
                          inputMode="decimal"
                          width={5}
                          value={amount}
                          onChange={setAmount}
                          error={errorFor(issues, 'amount')}
                        />
                      ),
                    },
                    { value: 'release', text: 'Pay nothing: release the money back to the person' },
                  ]}
                />
                <Textarea
                  id="reason"
                  label="Reason"
                  labelSize="m"
                  hint="The person and the provider both see this."
                  rows={3}
                  value={reason}
                  onChange={setReason}
                  error={errorFor(issues, 'reason')}
                />
                <Button disabled={send.isPending}>Decide</Button>
              </form>
            </>
          )}
        </Await>
      </div>
    </div>
  );
}

const groups: Array<{ heading: string; statuses: OrderStatus[] }> = [
  { heading: 'Please confirm these', statuses: ['delivered'] },
  { heading: 'Coming up', statuses: ['requested', 'accepted'] },
  { heading: 'Being looked at by the council', statuses: ['disputed'] },
  { heading: 'Paid', statuses: ['confirmed'] },
  { heading: 'Cancelled or declined', statuses: ['cancelled', 'declined'] },
];

export function OrderList({ orders, empty }: { orders: Order[]; empty: string }) {
  if (orders.length === 0) return <p className="govuk-body">{empty}</p>;
  return (
    <>
      {groups.map(({ heading, statuses }) => {
        const shown = orders.filter((o) => statuses.includes(o.status));
        if (shown.length === 0) return null;
        return (
          <section key={heading} aria-labelledby={`group-${statuses[0]}`}>
            <h2 className="govuk-heading-m" id={`group-${statuses[0]}`}>
              {heading}
            </h2>
            <ul className="govuk-list">
              {shown.map((order) => (
                <li className="app-result" key={order.orderId}>
                  <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
                    <Link className="govuk-link" to={`/orders/${order.orderId}`}>
                      {order.title}
                    </Link>
                  </h3>
                  <p className="govuk-body-s govuk-!-margin-bottom-1">
                    {order.providerName} · {formatDateTime(order.scheduledFor)} ·{' '}
                    {formatPence(order.amountPence)}
                  </p>
                  <OrderStatusTag status={order.status} />
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}

export function PersonOrdersPage() {
  const { personId = '' } = useParams();
  const orders = useAllPages('listPersonOrders', { params: { id: personId }, query: {} });
  const me = useMe();
  const person = useRouteQuery('getPerson', { params: { id: personId } });
  const context = personContext(me.data, personId, person.data?.name);
  const title =
    context.relationship === 'self'
      ? 'Your bookings and payments'
      : `${context.name}’s bookings and payments`;
  return (
    <>
      <PageTitle title={title} error={orders.isError} />
      <BackLink to={`/people/${personId}`}>Back to the budget</BackLink>
      <h1 className="govuk-heading-xl">{title}</h1>
      {context.can('order:create') && (
        <ButtonGroup>
          <ButtonLink to="/find-support">Find and book support</ButtonLink>
          <ButtonLink to={`/people/${personId}/invoices/new`} variant="secondary">
            Pay an invoice
          </ButtonLink>
        </ButtonGroup>
      )}
      <Await query={orders} who={context.who}>
        {(data) => <OrderList orders={data.items} empty="There are no bookings or payments yet." />}
      </Await>
    </>
  );
}

export function ProviderOrdersPage() {
  const { providerId = '' } = useParams();
  const orders = useAllPages('listProviderOrders', { params: { id: providerId }, query: {} });
  const provider = useRouteQuery('getProvider', { params: { id: providerId } });
  const title = provider.data ? `Orders for ${provider.data.name}` : 'Orders';
  return (
    <>
      <PageTitle title={title} error={orders.isError} />
      <BackLink to="/provider">My services</BackLink>
      <h1 className="govuk-heading-xl">{title}</h1>
      <ul className="govuk-list">
        <li>
          <Link className="govuk-link" to={`/provider/${providerId}/listings/new`}>
            Add a listing
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to={`/providers/${providerId}`}>
            Your profile, listings and reviews, as people see them
          </Link>
        </li>
        <li>
          <Link
            className="govuk-link"
            to={
              provider.data
                ? `/requests?near=${encodeURIComponent(provider.data.serviceArea.postcode)}`
                : '/requests'
            }
          >
            Requests for support near you
          </Link>
        </li>
      </ul>
      <PayoutsSection providerId={providerId} />
      <section aria-labelledby="groups-heading">
        <h2 className="govuk-heading-m" id="groups-heading">
          Group purchases
        </h2>
        <p className="govuk-body">When a group closes, record its delivery from the group’s page.</p>
        <ProviderGroups providerId={providerId} name={provider.data?.name ?? 'this provider'} />
      </section>
      {provider.data && !provider.data.canBePaid && (
        <InsetText>
          The council has not checked this provider yet, so nobody can book or pay it from a personal budget.
        </InsetText>
      )}
      <Await query={orders}>
        {(data) => {
          const items = data.items;
          const sections: Array<{ heading: string; statuses: OrderStatus[]; empty?: string }> = [
            { heading: 'New bookings to answer', statuses: ['requested'], empty: 'No new bookings.' },
            { heading: 'To deliver', statuses: ['accepted'] },
            { heading: 'Waiting for the person to confirm', statuses: ['delivered'] },
            { heading: 'Disputed', statuses: ['disputed'] },
            { heading: 'Paid', statuses: ['confirmed'] },
            { heading: 'Cancelled or declined', statuses: ['cancelled', 'declined'] },
          ];
          return sections.map(({ heading, statuses, empty }) => {
            const shown = items.filter((o) => statuses.includes(o.status));
            if (shown.length === 0 && !empty) return null;
            return (
              <section key={heading} aria-labelledby={`section-${statuses[0]}`}>
                <h2 className="govuk-heading-m" id={`section-${statuses[0]}`}>
                  {heading}
                </h2>
                {shown.length === 0 ? (
                  <p className="govuk-body">{empty}</p>
                ) : (
                  <ul className="govuk-list">
                    {shown.map((order) => (
                      <li className="app-result" key={order.orderId}>
                        <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
                          <Link className="govuk-link" to={`/orders/${order.orderId}`}>
                            {order.title}, {formatDateTime(order.scheduledFor)}
                          </Link>
                        </h3>
                        <p className="govuk-body-s govuk-!-margin-bottom-1">
                          {quantityWords(order.quantity, order.priceUnit)} · {formatPence(order.amountPence)}
                        </p>
                        <OrderStatusTag status={order.status} />
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            );
          });
        }}
      </Await>
    </>
  );
}
