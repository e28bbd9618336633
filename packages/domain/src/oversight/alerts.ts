import { type Actor, type AuditEntry, auditEntry, jobActor } from '../audit/audit.ts';
import type { Clock } from '../clock.ts';
import type { ProviderRecord } from '../directory/provider.ts';
import { conflict, DomainError, notFound } from '../errors.ts';
import type { CouncilRecord } from '../identity/council.ts';
import { kindOfAccount, type Transfer } from '../ledger/ledger.ts';
import type { OrderRecord } from '../orders/order.ts';
import type { Page, PageRequest } from '../paging.ts';
import type { PersonRecord } from '../people/person.ts';
import { type PlanRecord, yearlyEquivalent } from '../people/plan.ts';
import { hasRole } from '../roles.ts';
import {
  type AlertDraft,
  type AlertOutcome,
  type AlertRecord,
  type AlertRule,
  type AlertStatus,
  alertFromDraft,
  daysBefore,
} from './model.ts';
import { autoConfirmAbsentHolder } from './rules/auto-confirm-absent-holder.ts';
import { brokerSteering } from './rules/broker-steering.ts';
import { delegateLinkedProvider } from './rules/delegate-linked-provider.ts';
import { dormantAccountPayment } from './rules/dormant-account-payment.ts';
import { duplicateInvoice, type InvoiceFact, normaliseReference } from './rules/duplicate-invoice.ts';
import { firstPaymentNewProvider } from './rules/first-payment-new-provider.ts';
import { type PaymentFact, providerConcentration } from './rules/provider-concentration.ts';
import { providerHolderSurge } from './rules/provider-holder-surge.ts';
import { providerMaterialChange } from './rules/provider-material-change.ts';
import { spendPace } from './rules/spend-pace.ts';
import { type EffectiveAlertThresholds, effectiveAlertThresholds } from './thresholds.ts';

export interface NewHolderFact {
  personId: string;
  at: string;
  transferId: string;
  amountPence: number;
}

export interface SteerFact {
  personId: string;
  orderId?: string | undefined;
  transferId: string;
  at: string;
}

/**
 * Alerts and the small projections the rules read (kept as money moves, so no rule ever reads a
 * whole history). Every projection write is idempotent: the same event recorded twice changes nothing.
 */
export interface AlertStore {
  /** Raises the alert with its audit record, once: false when its situation already has one. */
  raise(alert: AlertRecord, audit: AuditEntry): Promise<boolean>;
  get(alertId: string): Promise<AlertRecord | undefined>;
  list(
    councilId: string,
    filter: { status?: AlertStatus | undefined; rule?: AlertRule | undefined; personId?: string | undefined },
    page: PageRequest,
  ): Promise<Page<AlertRecord>>;
  /** Writes the alert at `expectedVersion` with its audit record, in one transaction. */
  save(alert: AlertRecord, expectedVersion: number, audit: AuditEntry): Promise<void>;

  /** Notes that money moved between this holder and provider; answers the first movements ever. */
  recordPair(fact: {
    providerId: string;
    personId: string;
    councilId: string;
    at: string;
    transferId: string;
    amountPence: number;
    payment: boolean;
  }): Promise<{ firstTransferId: string; firstPaymentTransferId?: string | undefined }>;
  /** This council's holders whose first money to the provider fell at or after `since` (at most `limit`). */
  newHoldersOfProvider(
    providerId: string,
    councilId: string,
    since: string,
    limit: number,
  ): Promise<NewHolderFact[]>;
  recordPayment(personId: string, payment: PaymentFact): Promise<void>;
  /** The holder's payments from `since` up to and including `until`. */
  paymentsOf(personId: string, since: string, until: string): Promise<PaymentFact[]>;
  recordInvoice(invoice: InvoiceFact, normalisedReference: string): Promise<void>;
  invoicesByReference(
    providerId: string,
    normalisedReference: string,
    councilId: string,
  ): Promise<InvoiceFact[]>;
  invoicesOfPerson(providerId: string, personId: string, since: string): Promise<InvoiceFact[]>;
  recordSteer(brokerUserId: string, providerId: string, booking: SteerFact): Promise<void>;
  steeredBookings(brokerUserId: string, providerId: string, since: string): Promise<SteerFact[]>;
}

/** Read-only facts from the rest of Carepool, each one bounded read. */
export interface AlertFacts {
  person(personId: string): Promise<PersonRecord | undefined>;
  plan(planId: string): Promise<PlanRecord | undefined>;
  provider(providerId: string): Promise<ProviderRecord | undefined>;
  providersOwnedBy(userId: string): Promise<ProviderRecord[]>;
  order(orderId: string): Promise<OrderRecord | undefined>;
  council(councilId: string): Promise<CouncilRecord | undefined>;
  /** Paid (posted) on a person's plan line over the plan year, every period added up. */
  spentOnLine(personId: string, lineId: string): Promise<number>;
  /**
   * The last time money left the holder's account before this transfer (bookings, payments, group
   * places), and when the account got its first entry.
   */
  accountUse(
    personId: string,
    before: { at: string; transferId: string },
  ): Promise<{ lastOutgoingAt?: string | undefined; openedAt?: string | undefined }>;
  /** When the holder's own account was last used (or made, if never). Undefined: they have none. */
  lastSeen(personId: string): Promise<string | undefined>;
}

export interface AlertDeps {
  alerts: AlertStore;
  facts: AlertFacts;
  clock: Clock;
}

/** The evaluator raises alerts as the system, so the audit trail says so. */
const alertsActor = jobActor('alerts');

/** The most new holders an alert lists; the count it reports is capped here too. */
const maxListed = 200;

/** What a transfer means for the rules: money leaving a holder's account, and to whom. */
export interface MoneyEvent {
  personId: string;
  providerId?: string | undefined;
  /** `booking`: money set aside (a first use); `payment`: a reservation posted; `invoice`: paid at once. */
  kind: 'booking' | 'payment' | 'invoice' | 'group';
  transfer: Transfer;
}

/** Which transfers are money events for the alert rules; anything else (deposits, payouts) is not. */
export function moneyEventOf(transfer: Transfer): MoneyEvent | undefined {
  const [debitKind, personId] = [
    kindOfAccount(transfer.debitAccountId),
    transfer.debitAccountId.split(':')[1],
  ];
  if (debitKind !== 'holder_cash' || !personId) return undefined;
  const creditKind = kindOfAccount(transfer.creditAccountId);
  const providerId = creditKind === 'provider_payable' ? transfer.creditAccountId.split(':')[1] : undefined;
  if (creditKind === 'group_escrow' && transfer.flags === 'pending')
    return { personId, kind: 'group', transfer };
  if (!providerId) return undefined;
  if (transfer.code === 'order_reservation' && transfer.flags === 'pending')
    return { personId, providerId, kind: 'booking', transfer };
  if (transfer.code === 'order_payment' && transfer.flags === 'post_pending' && transfer.amountPence > 0)
    return { personId, providerId, kind: 'payment', transfer };
  if (transfer.code === 'invoice_payment' && transfer.flags === 'single')
    return { personId, providerId, kind: 'invoice', transfer };
  return undefined;
}

/** The seven-day auto-confirm (and any job) pays as the system; a person has a user id of their own. */
const confirmedByOf = (transfer: Transfer): PaymentFact['confirmedBy'] =>
  transfer.actor.userId === 'system' || transfer.actor.userId.startsWith('system_') ? 'auto' : 'person';

const isDelegate = (transfer: Transfer) =>
  transfer.actor.onBehalfOf !== undefined &&
  transfer.actor.roles.some((role) => role === 'representative' || role === 'broker');

/** How a user is linked to a provider: owns it, or (as a broker) declared an interest in it. */
function linkOf(
  userId: string,
  provider: ProviderRecord,
  owned: readonly ProviderRecord[],
): { link: 'owner' | 'declared_interest'; interest?: string } | undefined {
  if (provider.ownerUserId === userId) return { link: 'owner' };
  for (const profile of owned) {
    const interest = profile.broker?.interests.find((i) => i.providerId === provider.providerId);
    if (interest) return { link: 'declared_interest', interest: interest.description };
  }
  return undefined;
}

/**
 * Runs every rule that a money event can trigger, with bounded reads, and raises what fires.
 * Called from the table's stream in AWS and from the local runtime's stand-in for it. It never
 * throws for a payment's sake and never blocks one: the money has already moved when it runs.
 */
export async function evaluateMoneyEvent(deps: AlertDeps, transfer: Transfer): Promise<AlertRecord[]> {
  const event = moneyEventOf(transfer);
  if (!event) return [];
  const { facts, alerts } = deps;
  const person = await facts.person(event.personId);
  if (!person) return [];
  const councilId = person.councilId;
  const t = effectiveAlertThresholds(await facts.council(councilId));
  const at = transfer.createdAt;
  const orderId = transfer.reference;
  const amountPence = transfer.amountPence;
  const base = {
    councilId,
    personId: person.personId,
    personName: person.name,
    transferId: transfer.transferId,
  };
  const drafts: Array<AlertDraft | undefined> = [];
  const paid = event.kind === 'payment' || event.kind === 'invoice';

  // Dormancy is judged on the first use of money (a booking, an invoice, a group place); the
  // payment that later settles a booking is not a new use.
  if (event.kind !== 'payment') {
    const use = await facts.accountUse(person.personId, { at, transferId: transfer.transferId });
    const provider = event.providerId ? await facts.provider(event.providerId) : undefined;
    drafts.push(
      dormantAccountPayment(
        {
          ...base,
          orderId,
          providerId: event.providerId,
          providerName: provider?.name,
          amountPence,
          at,
          ...use,
        },
        t,
      ),
    );
  }

  if (event.providerId) {
    const provider = await facts.provider(event.providerId);
    const providerName = provider?.name ?? event.providerId;
    const pair = await alerts.recordPair({
      providerId: event.providerId,
      personId: person.personId,
      councilId,
      at,
      transferId: transfer.transferId,
      amountPence,
      payment: paid,
    });
    if (pair.firstTransferId === transfer.transferId) {
      const newHolders = await alerts.newHoldersOfProvider(
        event.providerId,
        councilId,
        daysBefore(at, t.newHoldersWindowDays),
        maxListed,
      );
      drafts.push(
        providerHolderSurge(
          {
            councilId,
            providerId: event.providerId,
            providerName,
            at,
            newHolders: newHolders.filter((h) => h.at <= at),
          },
          t,
        ),
      );
    }
    if (paid) {
      drafts.push(
        firstPaymentNewProvider(
          {
            ...base,
            providerId: event.providerId,
            providerName,
            orderId,
            amountPence,
            firstPayment: pair.firstPaymentTransferId === transfer.transferId,
          },
          t,
        ),
      );
    }
    if (provider) {
      drafts.push(
        providerMaterialChange({
          councilId,
          providerId: provider.providerId,
          providerName,
          status: provider.status,
          changedSinceCheck: provider.changedSinceCheck ?? [],
          personId: person.personId,
          transferId: transfer.transferId,
          orderId,
          amountPence,
        }),
      );
    }
    if (provider && isDelegate(transfer)) {
      const delegate = transfer.actor.userId;
      const owned = await facts.providersOwnedBy(delegate);
      const link = linkOf(delegate, provider, owned);
      if (paid && link) {
        const order = event.kind === 'payment' && orderId ? await facts.order(orderId) : undefined;
        drafts.push(
          delegateLinkedProvider({
            ...base,
            providerId: provider.providerId,
            providerName,
            delegateUserId: delegate,
            bookedBy: event.kind === 'invoice' ? delegate : (order?.createdBy ?? ''),
            orderId,
            amountPence,
            link: link.link,
          }),
        );
      }
      if (
        (event.kind === 'booking' || event.kind === 'invoice') &&
        link?.link === 'declared_interest' &&
        transfer.actor.roles.includes('broker')
      ) {
        await alerts.recordSteer(delegate, provider.providerId, {
          personId: person.personId,
          orderId,
          transferId: transfer.transferId,
          at,
        });
        const bookings = await alerts.steeredBookings(
          delegate,
          provider.providerId,
          daysBefore(at, t.brokerSteeringWindowDays),
        );
        drafts.push(
          brokerSteering(
            {
              councilId,
              brokerUserId: delegate,
              providerId: provider.providerId,
              providerName,
              interest: link.interest ?? '',
              bookings: bookings.filter((b) => b.at <= at),
            },
            t,
          ),
        );
      }
    }

    if (paid) {
      await alerts.recordPayment(person.personId, {
        transferId: transfer.transferId,
        orderId,
        providerId: event.providerId,
        amountPence,
        at,
        confirmedBy: confirmedByOf(transfer),
      });
      drafts.push(...(await patternsOverTime(deps, person, t, at)));
      drafts.push(await paceOf(deps, person, t, at, transfer.transferId));
    }

    if (event.kind === 'invoice' && orderId) {
      const order = await facts.order(orderId);
      const invoice: InvoiceFact = {
        orderId,
        transferId: transfer.transferId,
        councilId,
        personId: person.personId,
        providerId: event.providerId,
        reference: order?.invoiceReference ?? orderId,
        amountPence,
        at,
      };
      const normal = normaliseReference(invoice.reference);
      await alerts.recordInvoice(invoice, normal);
      const [sameReference, samePerson] = await Promise.all([
        alerts.invoicesByReference(event.providerId, normal, councilId),
        alerts.invoicesOfPerson(event.providerId, person.personId, daysBefore(at, t.nearDuplicateDays)),
      ]);
      drafts.push(
        duplicateInvoice(
          { invoice, providerName, sameReference, samePerson: samePerson.filter((i) => i.at <= at) },
          t,
        ),
      );
    }
  }
  return raiseAll(deps, drafts, at);
}

/** Spending against the plan's pace, over the lines of the plan in force. */
async function paceOf(
  deps: AlertDeps,
  person: PersonRecord,
  t: EffectiveAlertThresholds,
  at: string,
  transferId: string,
): Promise<AlertDraft | undefined> {
  if (!person.currentPlanId || !person.budget) return undefined;
  const plan = await deps.facts.plan(person.currentPlanId);
  if (!plan) return undefined;
  const spent = await Promise.all(
    plan.lines.map((line) => deps.facts.spentOnLine(person.personId, line.lineId)),
  );
  return spendPace(
    {
      councilId: person.councilId,
      personId: person.personId,
      personName: person.name,
      planId: plan.planId,
      planYearStart: plan.startDate,
      yearlyPlanPence: plan.lines.reduce((sum, line) => sum + yearlyEquivalent(line), 0),
      spentPence: spent.reduce((a, b) => a + b, 0),
      at,
      transferId,
    },
    t,
  );
}

/** The rules over a holder's recent payments: concentration on one provider, auto-confirm while absent. */
async function patternsOverTime(
  deps: AlertDeps,
  person: PersonRecord,
  t: EffectiveAlertThresholds,
  at: string,
): Promise<Array<AlertDraft | undefined>> {
  const longest = Math.max(t.concentrationWindowDays, t.absentDays);
  const payments = await deps.alerts.paymentsOf(person.personId, daysBefore(at, longest), at);
  if (payments.length === 0) return [];
  const inConcentrationWindow = payments.filter((p) => p.at >= daysBefore(at, t.concentrationWindowDays));
  const providers = new Map<string, { name: string; kind: string }>();
  for (const id of new Set(inConcentrationWindow.map((p) => p.providerId))) {
    const provider = await deps.facts.provider(id);
    if (provider) providers.set(id, { name: provider.name, kind: provider.kind });
  }
  const base = { councilId: person.councilId, personId: person.personId, personName: person.name };
  return [
    providerConcentration({ ...base, payments: inConcentrationWindow, providers }, t),
    autoConfirmAbsentHolder(
      {
        ...base,
        at,
        lastSeenAt: await deps.facts.lastSeen(person.personId),
        payments: payments.filter((p) => p.at >= daysBefore(at, t.absentDays)),
      },
      t,
    ),
  ];
}

async function raiseAll(
  deps: AlertDeps,
  drafts: Array<AlertDraft | undefined>,
  at: string,
): Promise<AlertRecord[]> {
  const raised: AlertRecord[] = [];
  for (const draft of drafts) {
    if (!draft) continue;
    const alert = alertFromDraft(draft, at, alertsActor.caller.userId);
    const audit = auditEntry('alert', alert.alertId, alertsActor, 'alert.raised', {
      councilId: alert.councilId,
      after: { rule: alert.rule, status: alert.status, summary: alert.summary },
      ...(alert.links.personIds[0] ? { onBehalfOf: alert.links.personIds[0] } : {}),
    });
    if (await deps.alerts.raise(alert, audit)) raised.push(alert);
  }
  return raised;
}

/**
 * The nightly run over one council's holders: the rules about patterns over time, which can come
 * true without a new payment (an absence grows longer every night). Reads each holder's own
 * recent payments only, never the whole table.
 */
export async function runNightlyAlerts(
  deps: AlertDeps,
  councilId: string,
  people: readonly { personId: string }[],
): Promise<{ people: number; raised: number }> {
  const t = effectiveAlertThresholds(await deps.facts.council(councilId));
  const at = deps.clock.now().toISOString();
  let raised = 0;
  for (const { personId } of people) {
    const person = await deps.facts.person(personId);
    if (!person || person.councilId !== councilId) continue;
    raised += (await raiseAll(deps, await patternsOverTime(deps, person, t, at), at)).length;
  }
  return { people: people.length, raised };
}

// ---- The care manager's workflow ---------------------------------------------------------------

function assertCouncilStaff(actor: Actor): string {
  const councilId = actor.caller.councilId;
  if (!councilId || !hasRole(actor.caller, 'care_manager', 'auditor')) throw notFound('alert');
  return councilId;
}

export async function listAlerts(
  deps: AlertDeps,
  actor: Actor,
  query: {
    status?: AlertStatus | undefined;
    rule?: AlertRule | undefined;
    personId?: string | undefined;
  } & PageRequest,
): Promise<Page<AlertRecord>> {
  const councilId = assertCouncilStaff(actor);
  const { limit, cursor, ...filter } = query;
  return deps.alerts.list(councilId, filter, { limit, ...(cursor ? { cursor } : {}) });
}

/** Another council's alert is not found: its staff cannot learn it exists. */
export async function getAlert(deps: AlertDeps, actor: Actor, alertId: string): Promise<AlertRecord> {
  const councilId = assertCouncilStaff(actor);
  const alert = await deps.alerts.get(alertId);
  if (!alert || alert.councilId !== councilId) throw notFound('alert');
  return alert;
}

function assertCareManager(actor: Actor) {
  if (!hasRole(actor.caller, 'care_manager'))
    throw new DomainError(
      'forbidden',
      'role_not_allowed',
      'Only a care manager works alerts; auditors read them.',
    );
}

/** Open → acknowledged. Acknowledging again answers the same; a resolved alert stays resolved. */
export async function acknowledgeAlert(deps: AlertDeps, actor: Actor, alertId: string): Promise<AlertRecord> {
  const alert = await getAlert(deps, actor, alertId);
  assertCareManager(actor);
  if (alert.status === 'acknowledged') return alert;
  if (alert.status === 'resolved') throw conflict('alert_resolved', 'This alert has already been resolved.');
  const now = deps.clock.now().toISOString();
  const updated: AlertRecord = {
    ...alert,
    status: 'acknowledged',
    acknowledged: { by: actor.caller.userId, at: now },
    updatedAt: now,
    version: alert.version + 1,
  };
  await deps.alerts.save(
    updated,
    alert.version,
    auditEntry('alert', alert.alertId, actor, 'alert.acknowledged', {
      councilId: alert.councilId,
      before: { status: alert.status },
      after: { status: updated.status },
    }),
  );
  return updated;
}

/** Open or acknowledged → resolved, with an outcome and a note. Resolving twice is a 409. */
export async function resolveAlert(
  deps: AlertDeps,
  actor: Actor,
  alertId: string,
  resolution: { outcome: AlertOutcome; note: string },
): Promise<AlertRecord> {
  const alert = await getAlert(deps, actor, alertId);
  assertCareManager(actor);
  if (alert.status === 'resolved') throw conflict('alert_resolved', 'This alert has already been resolved.');
  const now = deps.clock.now().toISOString();
  const updated: AlertRecord = {
    ...alert,
    status: 'resolved',
    resolution: { outcome: resolution.outcome, note: resolution.note, by: actor.caller.userId, at: now },
    updatedAt: now,
    version: alert.version + 1,
  };
  await deps.alerts.save(
    updated,
    alert.version,
    auditEntry('alert', alert.alertId, actor, 'alert.resolved', {
      councilId: alert.councilId,
      before: { status: alert.status },
      after: { status: updated.status, outcome: resolution.outcome, note: resolution.note },
    }),
  );
  return updated;
}
