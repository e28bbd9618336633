import { createHash } from 'node:crypto';
import { type Actor, jobActor, transferActor } from '../audit/audit.ts';
import type { Category } from '../categories.ts';
import type { Clock } from '../clock.ts';
import type { ListingRecord } from '../directory/listing.ts';
import type { DirectoryStore, IdGenerator } from '../directory/ports.ts';
import { canBePaid, type ProviderRecord, type ProviderStatus } from '../directory/provider.ts';
import { DomainError, forbidden, invalid, notFound } from '../errors.ts';
import { accountId, type Ledger, type TransferActor, type TransferRequest } from '../ledger/ledger.ts';
import { poundsText } from '../money.ts';
import type { PageRequest } from '../paging.ts';
import type { PaymentRail } from '../payments/rail.ts';
import { accessPerson, assertCouncilStaff, type PersonAccess, type PersonAction } from '../people/access.ts';
import { oversightLevelOf } from '../people/oversight.ts';
import type { PersonRecord } from '../people/person.ts';
import type { PeopleStore } from '../people/ports.ts';
import { hasRole } from '../roles.ts';
import { checkSpend } from '../spending/check-for-person.ts';
import type { SpendFailure } from '../spending/spend-check.ts';
import { assertWithinAvailability, weeksLater } from './availability.ts';
import { assertDeliveryDue, assertOrderCan, autoConfirmDate, type OrderRecord } from './order.ts';
import type { CouncilQueueStatus, Movement, OrderStore } from './ports.ts';

export interface OrderDeps {
  orders: OrderStore;
  ledger: Ledger;
  people: PeopleStore;
  directory: DirectoryStore;
  rail: PaymentRail;
  clock: Clock;
  newId: IdGenerator;
  /** The council's amount above which a payment for a holder on "confirm every payment" waits. */
  paymentApprovalAbovePence: (councilId: string) => Promise<number>;
}

/**
 * Whether this payment must wait for a care manager: the holder is on "confirm every payment",
 * it is above the council's small amount, and no care manager is the one moving it.
 */
async function needsCareManagerApproval(
  deps: OrderDeps,
  actor: Actor,
  personId: string,
  amountPence: number,
): Promise<boolean> {
  if (hasRole(actor.caller, 'care_manager')) return false;
  const person = await deps.people.getPerson(personId);
  if (!person || oversightLevelOf(person) !== 'confirm_every_payment') return false;
  return amountPence > (await deps.paymentApprovalAbovePence(person.councilId));
}

/** Jobs act as the system, so the audit trail says so. */
export const systemActor: Actor = {
  caller: { userId: 'system', name: 'Carepool', roles: [], councilId: undefined, personId: undefined },
};

const fieldFor: Record<SpendFailure['code'], string> = {
  plan_not_approved: 'personId',
  plan_expired: 'scheduledFor',
  line_not_found: 'lineId',
  category_mismatch: 'lineId',
  provider_not_allowed: 'lineId',
  provider_not_verified: 'listingId',
  line_cap_exceeded: 'quantity',
  insufficient_funds: 'quantity',
  funding_source_restricted: 'lineId',
  delegate_scope_missing: 'personId',
};

/** A failed spend check is a 422 that lists every failure with its code, field and figures. */
export function spendRefusal(
  failures: SpendFailure[],
  /** Where a route's body names things differently (an invoice has a provider, not a listing). */
  fields: Partial<Record<SpendFailure['code'], string>> = {},
): DomainError {
  const [first] = failures;
  return new DomainError(
    'rule',
    first?.code ?? 'spend_check_failed',
    failures.map((f) => f.message).join(' '),
    {
      issues: failures.map((f) => ({
        field: fields[f.code] ?? fieldFor[f.code],
        message: f.message,
        code: f.code,
      })),
      facts: { failures: failures.map((f) => ({ code: f.code, ...(f.facts ?? {}) })) },
    },
  );
}

async function access(
  deps: OrderDeps,
  actor: Actor,
  personId: string,
  action: PersonAction,
): Promise<PersonAccess> {
  return accessPerson({ people: deps.people, clock: deps.clock }, actor.caller, personId, action);
}

async function currentPlan(deps: OrderDeps, person: PersonRecord) {
  return person.currentPlanId ? deps.people.getPlan(person.currentPlanId) : undefined;
}

export interface BookingRequest {
  personId: string;
  listingId: string;
  lineId: string;
  quantity: number;
  scheduledFor: string;
  notes?: string | undefined;
  /** Weekly repeats: one order per week, each reserved and checked on its own. */
  weeklyOccurrences?: number | undefined;
}

export interface BookingResult {
  /** `partly_booked` when some weeks of a repeat booking were refused: `refused` says which and why. */
  outcome: 'booked' | 'partly_booked';
  orders: OrderRecord[];
  refused: Array<{ occurrence: number; scheduledFor: string; failures: SpendFailure[] }>;
}

/**
 * Books a listing: the holder (or a delegate with order:create; never a provider) chooses a
 * plan line, the spend check runs, and the money is reserved as a pending transfer in the same
 * transaction that records the order.
 */
export async function placeOrder(
  deps: OrderDeps,
  actor: Actor,
  request: BookingRequest,
  /** A listing made from an accepted quote: used as given, never stored or searchable. */
  quoted?: ListingRecord,
  /** Runs once, after the checks pass and before anything is written (accepting a quote claims it here). */
  claim?: () => Promise<void>,
): Promise<BookingResult> {
  let claimed = false;
  if (hasRole(actor.caller, 'provider') && !hasRole(actor.caller, 'holder', 'representative', 'broker')) {
    throw new DomainError(
      'forbidden',
      'role_not_allowed',
      'A provider can never start a charge on someone’s budget.',
    );
  }
  const granted = await access(deps, actor, request.personId, 'order:create');
  const { person } = granted;
  const listing = quoted ?? (await deps.directory.getListing(request.listingId));
  if (listing?.status !== 'active') throw notFound('listing');
  if (request.quantity > listing.capacity && listing.priceUnit !== 'hour') {
    throw invalid('quantity', `This listing takes at most ${listing.capacity} at a time`);
  }
  const provider = await deps.directory.getProvider(listing.providerId);
  if (!provider) throw notFound('listing');
  const plan = await currentPlan(deps, person);
  const occurrences = request.weeklyOccurrences ?? 1;
  const seriesId = occurrences > 1 ? deps.newId('ser') : undefined;
  const result: BookingResult = { outcome: 'booked', orders: [], refused: [] };
  const amountPence = request.quantity * listing.pricePence;
  // Each week keeps the first one's UK time, and every week must fall when the provider works.
  const starts = Array.from({ length: occurrences }, (_, week) =>
    weeksLater(new Date(request.scheduledFor), week),
  );
  assertWithinAvailability(listing.availability, provider.name, starts);

  for (const [index, at] of starts.entries()) {
    const occurrence = index + 1;
    const { failures, lineCharge } = await checkSpend(deps, {
      person,
      plan,
      lineId: request.lineId,
      category: listing.category,
      providerId: provider.providerId,
      providerVerified: canBePaid(provider.status),
      amountPence,
      at,
      delegation: granted.delegation,
      needs: 'order:create',
    });
    if (failures.length || !plan || !lineCharge) {
      result.refused.push({ occurrence, scheduledFor: at.toISOString(), failures });
      continue;
    }
    const orderId = deps.newId('ord');
    const now = deps.clock.now().toISOString();
    const order: OrderRecord = {
      orderId,
      kind: 'order',
      personId: person.personId,
      councilId: person.councilId,
      ...(quoted ? {} : { listingId: listing.listingId }),
      providerId: provider.providerId,
      providerName: provider.name,
      title: listing.title,
      category: listing.category,
      planId: plan.planId,
      lineId: request.lineId,
      periodKey: lineCharge.periodKey,
      quantity: request.quantity,
      priceUnit: listing.priceUnit,
      unitPricePence: listing.pricePence,
      amountPence,
      scheduledFor: at.toISOString(),
      notes: request.notes ?? '',
      status: 'requested',
      reservationId: `reserve-${orderId}`,
      ...(seriesId ? { seriesId, occurrence } : {}),
      reviewed: false,
      createdBy: actor.caller.userId,
      history: [{ action: 'requested', by: actor.caller.userId, at: now }],
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    const reservation: TransferRequest = {
      transferId: order.reservationId,
      debitAccountId: accountId.holderCash(person.personId),
      creditAccountId: accountId.providerPayable(provider.providerId),
      amountPence,
      flags: 'pending',
      code: 'order_reservation',
      description: `${listing.title} (${provider.name}), reserved`,
      reference: orderId,
      lineCharge,
      actor: transferActor(actor, person.personId),
    };
    if (claim && !claimed) {
      await claim();
      claimed = true;
    }
    try {
      await deps.orders.save(order, 0, { kind: 'transfer', request: reservation });
      result.orders.push(order);
    } catch (error) {
      // Someone else spent the money between the check and the write: the ledger said no.
      if (
        error instanceof DomainError &&
        (error.code === 'line_cap_exceeded' || error.code === 'insufficient_funds')
      ) {
        result.refused.push({
          occurrence,
          scheduledFor: at.toISOString(),
          failures: [
            { code: error.code, message: error.message, facts: error.facts as Record<string, number> },
          ],
        });
        continue;
      }
      throw error;
    }
  }
  if (result.orders.length === 0) {
    const failures = result.refused.flatMap((r) => r.failures);
    throw spendRefusal(
      failures.length ? failures : [{ code: 'plan_not_approved', message: 'There is no approved plan.' }],
    );
  }
  return { ...result, outcome: result.refused.length > 0 ? 'partly_booked' : 'booked' };
}

type OrderRole = 'holder_side' | 'provider' | 'council';

/** Finds the order and checks the caller's relationship to it; strangers get "not found". */
async function orderFor(
  deps: OrderDeps,
  actor: Actor,
  orderId: string,
  as: OrderRole,
  action?: PersonAction,
) {
  const order = await deps.orders.get(orderId);
  if (!order) throw notFound('order');
  if (as === 'provider') {
    const provider = await deps.directory.getProvider(order.providerId);
    if (!provider || provider.ownerUserId !== actor.caller.userId) throw notFound('order');
    return { order, provider };
  }
  try {
    await access(deps, actor, order.personId, action ?? 'orders:read');
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'not_found') throw notFound('order');
    throw error;
  }
  return { order, provider: await deps.directory.getProvider(order.providerId) };
}

/** An order as its provider sees it, or as the person's side does (which also says if they reviewed it). */
export type OrderView = Omit<OrderRecord, 'reviewed'> & { reviewed?: boolean };

/** Reviews are anonymous, so the provider is never told which of its orders were reviewed. */
export function providerOrderView(order: OrderRecord): OrderView {
  const { reviewed: _secret, ...rest } = order;
  return rest;
}

/** Anyone who may read the person, or the provider who owns the order. */
export async function getOrder(deps: OrderDeps, actor: Actor, orderId: string): Promise<OrderView> {
  const order = await deps.orders.get(orderId);
  if (!order) throw notFound('order');
  const provider = await deps.directory.getProvider(order.providerId);
  if (provider?.ownerUserId === actor.caller.userId) return providerOrderView(order);
  return (await orderFor(deps, actor, orderId, 'holder_side', 'orders:read')).order;
}

function next(
  order: OrderRecord,
  actor: Actor,
  now: Date,
  action: string,
  changes: Partial<OrderRecord>,
  note?: string,
): OrderRecord {
  return {
    ...order,
    ...changes,
    history: [
      ...order.history,
      { action, by: actor.caller.userId, at: now.toISOString(), ...(note ? { note } : {}) },
    ],
    updatedAt: now.toISOString(),
    version: order.version + 1,
  };
}

export async function acceptOrder(deps: OrderDeps, actor: Actor, orderId: string) {
  const { order } = await orderFor(deps, actor, orderId, 'provider');
  assertOrderCan('accept', order);
  const updated = next(order, actor, deps.clock.now(), 'accepted', { status: 'accepted' });
  await deps.orders.save(updated, order.version);
  return updated;
}

const release = (order: OrderRecord, actor: Actor, why: string): Movement => ({
  kind: 'void',
  transferId: `release-${order.orderId}`,
  pendingId: order.reservationId,
  description: `${order.title}: ${why}, money released`,
  actor: transferActor(actor, order.personId),
});

export async function declineOrder(deps: OrderDeps, actor: Actor, orderId: string, reason?: string) {
  const { order } = await orderFor(deps, actor, orderId, 'provider');
  assertOrderCan('decline', order);
  const updated = next(order, actor, deps.clock.now(), 'declined', { status: 'declined' }, reason);
  await deps.orders.save(updated, order.version, release(order, actor, 'declined by the provider'));
  return updated;
}

export async function cancelOrder(deps: OrderDeps, actor: Actor, orderId: string, reason?: string) {
  const { order } = await orderFor(deps, actor, orderId, 'holder_side', 'order:cancel');
  assertOrderCan('cancel', order);
  const updated = next(order, actor, deps.clock.now(), 'cancelled', { status: 'cancelled' }, reason);
  await deps.orders.save(updated, order.version, release(order, actor, 'cancelled'));
  return updated;
}

/** The provider records what was actually delivered; it can be less than booked, never more. */
export async function deliverOrder(
  deps: OrderDeps,
  actor: Actor,
  orderId: string,
  delivery: { quantity: number; notes: string },
) {
  const { order } = await orderFor(deps, actor, orderId, 'provider');
  assertOrderCan('deliver', order);
  if (delivery.quantity > order.quantity) {
    throw invalid('quantity', `At most ${order.quantity} was booked: record what was delivered, up to that`);
  }
  const now = deps.clock.now();
  assertDeliveryDue(order.scheduledFor, now);
  const amountPence = delivery.quantity * order.unitPricePence;
  const updated = next(order, actor, now, 'delivered', {
    status: 'delivered',
    delivery: {
      quantity: delivery.quantity,
      amountPence,
      notes: delivery.notes,
      at: now.toISOString(),
      by: actor.caller.userId,
    },
    autoConfirmAt: autoConfirmDate(now, order.scheduledFor),
  });
  await deps.orders.save(updated, order.version);
  return updated;
}

function paymentMovement(order: OrderRecord, actor: Actor, amountPence: number): Movement {
  return {
    kind: 'post',
    transferId: `pay-${order.orderId}`,
    pendingId: order.reservationId,
    amountPence,
    description: `${order.title} (${order.providerName})`,
    actor: transferActor(actor, order.personId),
  };
}

async function settle(
  deps: OrderDeps,
  actor: Actor,
  order: OrderRecord,
  amountPence: number,
  action: string,
  note?: string,
) {
  const { autoConfirmAt: _due, ...rest } = order;
  if (await needsCareManagerApproval(deps, actor, order.personId, amountPence)) {
    // The money stays set aside; nothing is paid until a care manager approves it.
    const held = next(
      { ...rest, version: order.version } as OrderRecord,
      actor,
      deps.clock.now(),
      `${action}_awaiting_approval`,
      { status: 'awaiting_approval' },
      note ?? `Waiting for a care manager to approve ${poundsText(amountPence)}.`,
    );
    await deps.orders.save(held, order.version);
    return held;
  }
  const updated = next(
    { ...rest, version: order.version } as OrderRecord,
    actor,
    deps.clock.now(),
    action,
    {
      status: 'confirmed',
      paymentId: `pay-${order.orderId}`,
      paidPence: amountPence,
      ...(amountPence > 0 ? { payout: { status: 'due', transferId: `payout-${order.orderId}` } } : {}),
    },
    note,
  );
  await deps.orders.save(updated, order.version, paymentMovement(order, actor, amountPence));
  return amountPence > 0 ? payOut(deps, updated, transferActor(actor, order.personId)) : updated;
}

export async function confirmOrder(deps: OrderDeps, actor: Actor, orderId: string) {
  const { order } = await orderFor(deps, actor, orderId, 'holder_side', 'order:confirm');
  assertOrderCan('confirm', order);
  return settle(deps, actor, order, order.delivery?.amountPence ?? 0, 'confirmed');
}

/** What a payment waiting for approval would pay: what was delivered, or the invoice's amount. */
const amountDue = (order: OrderRecord) =>
  order.delivery?.amountPence ?? (order.kind === 'invoice' ? order.amountPence : 0);

/** A care manager lets a held payment go: it is paid and the provider paid out, as on confirmation. */
export async function approvePayment(deps: OrderDeps, actor: Actor, orderId: string) {
  const { order } = await orderFor(deps, actor, orderId, 'holder_side', 'dispute:resolve');
  assertOrderCan('approve', order);
  if (order.history.at(-1)?.by === actor.caller.userId) {
    throw forbidden(
      'own_payment',
      'You confirmed this payment yourself: another care manager has to approve it.',
    );
  }
  return settle(deps, actor, order, amountDue(order), 'payment_approved');
}

/**
 * A care manager stops a held payment: it becomes a dispute, so the money stays set aside until it
 * is paid, part-paid or released through the usual dispute decision.
 */
export async function declinePayment(deps: OrderDeps, actor: Actor, orderId: string, reason: string) {
  const { order } = await orderFor(deps, actor, orderId, 'holder_side', 'dispute:resolve');
  assertOrderCan('approve', order);
  const updated = next(order, actor, deps.clock.now(), 'payment_declined', { status: 'disputed' }, reason);
  await deps.orders.save(updated, order.version);
  return updated;
}

export async function disputeOrder(deps: OrderDeps, actor: Actor, orderId: string, reason: string) {
  const { order } = await orderFor(deps, actor, orderId, 'holder_side', 'order:dispute');
  assertOrderCan('dispute', order);
  const now = deps.clock.now();
  const { autoConfirmAt: _stopped, ...rest } = order;
  const updated = next(
    rest as OrderRecord,
    actor,
    now,
    'disputed',
    {
      status: 'disputed',
      dispute: { reason, at: now.toISOString(), by: actor.caller.userId },
    },
    reason,
  );
  await deps.orders.save(updated, order.version);
  return updated;
}

/** A care manager of the holder's council decides a dispute: pay in full, pay part, or release. */
export async function resolveDispute(
  deps: OrderDeps,
  actor: Actor,
  orderId: string,
  decision: { outcome: 'pay' | 'part_pay' | 'release'; amountPence?: number | undefined; reason: string },
) {
  const { order } = await orderFor(deps, actor, orderId, 'holder_side', 'dispute:resolve');
  assertOrderCan('resolve', order);
  const delivered = amountDue(order);
  if (decision.outcome === 'release') {
    const updated = next(
      order,
      actor,
      deps.clock.now(),
      'dispute_released',
      { status: 'cancelled' },
      decision.reason,
    );
    await deps.orders.save(updated, order.version, release(order, actor, 'dispute upheld'));
    return updated;
  }
  const amount = decision.outcome === 'pay' ? delivered : (decision.amountPence ?? -1);
  if (amount < 0 || amount > delivered) {
    throw invalid(
      'amountPence',
      `Give a part payment between £0 and ${poundsText(delivered)} (what was delivered)`,
    );
  }
  return settle(
    deps,
    actor,
    order,
    amount,
    decision.outcome === 'pay' ? 'dispute_paid' : 'dispute_part_paid',
    decision.reason,
  );
}

/** Why a payout waits: said to the provider and the holder in the same words. */
export const payoutHeldReason = (status: ProviderStatus | undefined): string =>
  `Held: the provider is ${status ?? 'not registered'}, and only a verified provider is paid. It is sent once the council verifies the provider again.`;

/** The provider's account on the rail: their onboarded account, or (simulated rail only) a stand-in. */
function payoutAccount(deps: OrderDeps, provider: ProviderRecord | undefined): string | undefined {
  if (provider?.payouts?.payoutsEnabled) return provider.payouts.railAccountId;
  return deps.rail.kind === 'simulated' && provider ? `sim_acct_${provider.providerId}` : undefined;
}

/**
 * Pays a confirmed order out to the provider: a ledger transfer from what the provider is owed to
 * payouts in transit, then the rail transfer with the ledger transfer id as its idempotency key.
 * Safe to repeat (the payout job retries failures): both steps are idempotent by that id.
 */
export async function payOut(
  deps: OrderDeps,
  order: OrderRecord,
  actor: TransferActor,
): Promise<OrderRecord> {
  if (!order.payout || order.payout.status === 'sent' || !order.paidPence) return order;
  const provider = await deps.directory.getProvider(order.providerId);
  const now = deps.clock.now();
  if (!provider || !canBePaid(provider.status)) {
    // The holder's payment stands (the provider is owed it), but no money leaves Carepool for a
    // provider the council has not verified as it now is. The payouts job tries again; saving
    // only on the first hold keeps the history to one line however often the job runs.
    if (order.payout.status === 'held') return order;
    const held = next(order, systemActor, now, 'payout_held', {
      payout: {
        status: 'held',
        transferId: order.payout.transferId,
        failure: payoutHeldReason(provider?.status),
      },
    });
    await deps.orders.save(held, order.version);
    return held;
  }
  const account = payoutAccount(deps, provider);
  let outcome: OrderRecord['payout'];
  try {
    if (!account) throw new Error('The provider has not finished setting up payouts');
    await deps.ledger.transfer({
      transferId: order.payout.transferId,
      debitAccountId: accountId.providerPayable(order.providerId),
      creditAccountId: accountId.payoutsInTransit(order.payout.transferId),
      amountPence: order.paidPence,
      flags: 'single',
      code: 'provider_payout',
      description: `Paid out to ${order.providerName}`,
      reference: order.orderId,
      actor,
    });
    const sent = await deps.rail.payout({
      ledgerTransferId: order.payout.transferId,
      accountId: account,
      amountPence: order.paidPence,
      transferGroup: order.seriesId ?? order.orderId,
      description: `${order.title} for a Carepool budget holder`,
    });
    outcome = { status: 'sent', transferId: order.payout.transferId, railTransferId: sent.railTransferId };
  } catch (error) {
    outcome = {
      status: 'failed',
      transferId: order.payout.transferId,
      failure: (error as Error).message.slice(0, 300),
    };
  }
  const updated = next(order, systemActor, now, outcome.status === 'sent' ? 'paid_out' : 'payout_failed', {
    payout: outcome,
  });
  await deps.orders.save(updated, order.version);
  return updated;
}

/** Job: delivered orders nobody disputed within seven days are confirmed, with a note for the holder. */
export async function autoConfirmDue(deps: OrderDeps): Promise<OrderRecord[]> {
  const due = await deps.orders.dueForAutoConfirm(deps.clock.now());
  const confirmed: OrderRecord[] = [];
  for (const order of due) {
    if (order.status !== 'delivered') continue;
    // On "confirm every payment" nothing is confirmed for the holder: they (or a care manager) do it.
    const person = await deps.people.getPerson(order.personId);
    if (person && oversightLevelOf(person) === 'confirm_every_payment') continue;
    confirmed.push(
      await settle(
        deps,
        systemActor,
        order,
        order.delivery?.amountPence ?? 0,
        'auto_confirmed',
        'Confirmed automatically 7 days after delivery because nobody disputed it. The holder was told.',
      ),
    );
  }
  return confirmed;
}

/** Job: retries payouts that failed or never went out. */
export async function retryPayouts(deps: OrderDeps): Promise<OrderRecord[]> {
  return Promise.all(
    (await deps.orders.duePayouts()).map((order) =>
      payOut(deps, order, transferActor(jobActor('retry_payouts'))),
    ),
  );
}

export interface InvoiceRequest {
  providerId: string;
  lineId: string;
  category: Category;
  amountPence: number;
  /** The provider's invoice or timesheet number: paying the same one twice is refused. */
  reference: string;
  description: string;
  receiptUrl?: string | undefined;
}

/**
 * An invoice is paid once per provider, person and whole reference. The id is a hash of the three
 * so that every character of the reference counts (`INV/77` and `INV_77` differ; long timesheet
 * references that differ only at the end differ) and one holder's invoice never blocks another's,
 * in this council or any other. The same reference from one provider to two people is not refused
 * here: whether that is suspicious is for the alert rules to say.
 */
export function invoiceOrderId(providerId: string, personId: string, reference: string): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([providerId, personId, reference]))
    .digest();
  return `inv_${digest.toString('base64url')}`;
}

/** Pays a provider's invoice (a PA's timesheet, a gym membership) against a plan line, at once. */
export async function payInvoice(
  deps: OrderDeps,
  actor: Actor,
  personId: string,
  invoice: InvoiceRequest,
): Promise<OrderRecord> {
  const granted = await access(deps, actor, personId, 'order:create');
  const { person } = granted;
  const provider = await deps.directory.getProvider(invoice.providerId);
  if (!provider) throw invalid('providerId', 'We cannot find that provider: check the id');
  const plan = await currentPlan(deps, person);
  const at = deps.clock.now();
  const { failures, lineCharge } = await checkSpend(deps, {
    person,
    plan,
    lineId: invoice.lineId,
    category: invoice.category,
    providerId: provider.providerId,
    providerVerified: canBePaid(provider.status),
    amountPence: invoice.amountPence,
    at,
    delegation: granted.delegation,
    needs: 'order:create',
  });
  if (failures.length || !plan || !lineCharge)
    throw spendRefusal(failures, {
      provider_not_verified: 'providerId',
      line_cap_exceeded: 'amountPence',
      insufficient_funds: 'amountPence',
    });
  const orderId = invoiceOrderId(provider.providerId, personId, invoice.reference);
  if (await deps.orders.get(orderId)) {
    throw new DomainError(
      'conflict',
      'duplicate_invoice',
      `Invoice ${invoice.reference} from ${provider.name} has already been paid.`,
    );
  }
  const now = at.toISOString();
  // A holder on "confirm every payment": the money is set aside now (so nothing else can spend
  // it) and paid when a care manager approves; otherwise it is paid at once.
  const held = await needsCareManagerApproval(deps, actor, personId, invoice.amountPence);
  const reservationId = held ? `invoice-hold-${orderId}` : `invoice-${orderId}`;
  const order: OrderRecord = {
    orderId,
    kind: 'invoice',
    personId,
    councilId: person.councilId,
    providerId: provider.providerId,
    providerName: provider.name,
    title: invoice.description,
    category: invoice.category,
    planId: plan.planId,
    lineId: invoice.lineId,
    periodKey: lineCharge.periodKey,
    quantity: 1,
    priceUnit: 'item',
    unitPricePence: invoice.amountPence,
    amountPence: invoice.amountPence,
    scheduledFor: now,
    notes: '',
    reservationId,
    ...(held
      ? { status: 'awaiting_approval' as const }
      : {
          status: 'confirmed' as const,
          paymentId: reservationId,
          paidPence: invoice.amountPence,
          payout: { status: 'due' as const, transferId: `payout-${orderId}` },
        }),
    invoiceReference: invoice.reference,
    ...(invoice.receiptUrl ? { receiptUrl: invoice.receiptUrl } : {}),
    reviewed: false,
    createdBy: actor.caller.userId,
    history: [
      held
        ? {
            action: 'invoice_awaiting_approval',
            by: actor.caller.userId,
            at: now,
            note: `Waiting for a care manager to approve ${poundsText(invoice.amountPence)}.`,
          }
        : { action: 'invoice_paid', by: actor.caller.userId, at: now },
    ],
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  await deps.orders.save(order, 0, {
    kind: 'transfer',
    request: {
      transferId: reservationId,
      debitAccountId: accountId.holderCash(personId),
      creditAccountId: accountId.providerPayable(provider.providerId),
      amountPence: invoice.amountPence,
      flags: held ? 'pending' : 'single',
      code: held ? 'order_reservation' : 'invoice_payment',
      description: held
        ? `Invoice ${invoice.reference}, waiting for approval: ${invoice.description} (${provider.name})`
        : `Invoice ${invoice.reference}: ${invoice.description} (${provider.name})`,
      reference: orderId,
      lineCharge,
      actor: transferActor(actor, personId),
    },
  });
  return held ? order : payOut(deps, order, transferActor(actor, personId));
}

export async function ordersOf(deps: OrderDeps, actor: Actor, personId: string, page: PageRequest) {
  await access(deps, actor, personId, 'orders:read');
  return deps.orders.ofPerson(personId, page);
}

export async function incomingOrders(deps: OrderDeps, actor: Actor, providerId: string, page: PageRequest) {
  const provider = await deps.directory.getProvider(providerId);
  if (!provider || provider.ownerUserId !== actor.caller.userId) throw notFound('provider');
  const found = await deps.orders.ofProvider(providerId, page);
  return { ...found, items: found.items.map(providerOrderView) };
}

/** One line of a council's queue of orders waiting for a care manager: what it is, for whom, since when. */
export interface CouncilQueueItem {
  orderId: string;
  kind: OrderRecord['kind'];
  status: CouncilQueueStatus;
  personId: string;
  personName: string;
  providerId: string;
  providerName: string;
  title: string;
  amountPence: number;
  scheduledFor: string;
  /** When it started waiting: its last change. */
  since: string;
  /** Why the holder's side disputed it, for a dispute. */
  disputeReason?: string;
}

/**
 * A council's payments held for approval, or its disputes to decide, oldest first: the care
 * manager's queue, read-only for auditors. A page reads one page of a sparse index and the names
 * of the people on it, whatever the council's size.
 */
export async function councilOrderQueue(
  deps: OrderDeps,
  actor: Actor,
  councilId: string,
  status: CouncilQueueStatus,
  page: PageRequest,
): Promise<{ items: CouncilQueueItem[]; nextCursor?: string | undefined }> {
  assertCouncilStaff(actor.caller, councilId, ['care_manager', 'auditor']);
  const found = await deps.orders.waitingInCouncil(councilId, status, page);
  const personIds = [...new Set(found.items.map((order) => order.personId))];
  const people = new Map(
    await Promise.all(
      personIds.map(async (id) => [id, (await deps.people.getPerson(id))?.name ?? ''] as const),
    ),
  );
  return {
    ...found,
    items: found.items.map((order) => ({
      orderId: order.orderId,
      kind: order.kind,
      status,
      personId: order.personId,
      personName: people.get(order.personId) ?? '',
      providerId: order.providerId,
      providerName: order.providerName,
      title: order.title,
      amountPence: order.amountPence,
      scheduledFor: order.scheduledFor,
      since: order.updatedAt,
      ...disputeReasonOf(order, status),
    })),
  };
}

/** A declined payment becomes a dispute with the reason in its history rather than in `dispute`. */
function disputeReasonOf(order: OrderRecord, status: CouncilQueueStatus): { disputeReason?: string } {
  if (status !== 'disputed') return {};
  const reason = order.dispute?.reason ?? order.history.at(-1)?.note;
  return reason ? { disputeReason: reason } : {};
}
