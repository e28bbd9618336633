import { type Actor, jobActor, transferActor } from '../audit/audit.ts';
import type { Clock } from '../clock.ts';
import type { DirectoryStore } from '../directory/ports.ts';
import type { ProviderRecord } from '../directory/provider.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { accountId, type Ledger } from '../ledger/ledger.ts';
import type { OrderStore } from '../orders/ports.ts';
import type { Page, PageRequest } from '../paging.ts';
import { accessPerson } from '../people/access.ts';
import type { PeopleStore } from '../people/ports.ts';
import { mapBounded } from './bounded.ts';
import { type PaymentRail, type RailEvent, type RailTransfer, WebhookSignatureError } from './rail.ts';

export interface ReconciliationException {
  exceptionId: string;
  kind: 'missing_on_rail' | 'duplicated_on_rail' | 'amount_mismatch' | 'unknown_on_rail';
  ledgerTransferId?: string | undefined;
  railTransferIds: string[];
  ledgerAmountPence?: number | undefined;
  railAmountPence?: number | undefined;
  councilId?: string | undefined;
  orderId?: string | undefined;
  detectedAt: string;
  status: 'open';
}

export interface TopUpClaim {
  topUpId: string;
  personId: string;
  amountPence: number;
  at: string;
}

/** A payout as reconciliation checks it: its entry in payouts in transit, indexed by day. */
export interface PayoutToCheck {
  transferId: string;
  amountPence: number;
  /** The order or group purchase paid for. */
  reference?: string | undefined;
  createdAt: string;
  /** Its place in the payout index (`createdAt#transferId`): where a checkpoint stops. */
  position: string;
}

/** A claim on a webhook older than this is taken to be from a handler that crashed. */
export const webhookClaimTimeoutMs = 5 * 60 * 1000;

/** Storage the payment flows need beyond the ledger: webhook de-duplication, rail accounts, exceptions. */
export interface PaymentStore {
  /**
   * Claims a webhook event for processing in one conditional write: 'claimed' for exactly one of any
   * number of parallel deliveries; 'duplicate' once processed or while another handler holds a claim
   * made at or after `staleBefore` (an older claim is taken over: its handler crashed).
   */
  claimEvent(
    eventId: string,
    type: string,
    at: string,
    staleBefore: string,
  ): Promise<'claimed' | 'duplicate'>;
  /** Marks a claimed event processed, for good. */
  finishEvent(eventId: string, at: string): Promise<void>;
  /** Gives a claim back after processing failed, so the rail's retry is processed. */
  releaseEvent(eventId: string): Promise<void>;
  /**
   * Claims a top-up id before the rail is asked for a checkout, so a reused id can never lead to a
   * card being charged for a top-up the ledger will not credit (Stripe forgets idempotency keys
   * after 24 hours; this claim does not). 'claimed' for a new id; 'same' (with the session the rail
   * gave, if any) when the same person and amount retry an unfinished top-up; 'conflict' otherwise.
   */
  claimTopUp(
    claim: TopUpClaim,
  ): Promise<
    | { outcome: 'claimed' }
    | { outcome: 'same'; session?: { sessionId: string; url: string } }
    | { outcome: 'conflict' }
  >;
  /** Remembers the checkout the rail made for a claimed top-up. */
  saveTopUpSession(topUpId: string, session: { sessionId: string; url: string }): Promise<void>;
  /** The ledger credited the top-up: its id may never start another checkout. */
  finishTopUp(topUpId: string, at: string): Promise<void>;
  providerByRailAccount(railAccountId: string): Promise<ProviderRecord | undefined>;
  saveProviderPayouts(provider: ProviderRecord, expectedVersion: number): Promise<void>;
  saveExceptions(exceptions: ReconciliationException[]): Promise<void>;
  /** A page of the open exceptions of a council, then those of no council yet, in id order. */
  exceptionsPage(councilId: string | undefined, page: PageRequest): Promise<Page<ReconciliationException>>;
  /** Up to `limit` payouts after index position `after` (a position or an ISO time) made by `until`, oldest first. */
  payoutsAfter(after: string, until: string, limit: number): Promise<PayoutToCheck[]>;
  /** How many payouts after `after` made by `until` are still to check (a count of index keys). */
  countPayoutsAfter(after: string, until: string): Promise<number>;
  /** The index position of the last payout reconciliation checked, if it has run. */
  reconciliationCheckpoint(): Promise<string | undefined>;
  saveReconciliationCheckpoint(position: string): Promise<void>;
  /** Where the payout retry job stopped in each due queue. */
  payoutRetryCheckpoint(): Promise<{ orders?: string | undefined; groups?: string | undefined }>;
  savePayoutRetryCheckpoint(checkpoint: {
    orders?: string | undefined;
    groups?: string | undefined;
  }): Promise<void>;
}

export interface PaymentDeps {
  rail: PaymentRail;
  ledger: Ledger;
  payments: PaymentStore;
  directory: DirectoryStore;
  people: PeopleStore;
  orders: OrderStore;
  clock: Clock;
  /** Where the rail sends people back to after a checkout or onboarding (the web app). */
  publicUrl: string;
}

/** A family member (or the holder) starts a card top-up; the ledger moves only when Stripe says paid. */
export async function startTopUp(
  deps: PaymentDeps,
  actor: Actor,
  personId: string,
  request: { topUpId: string; amountPence: number },
) {
  // Someone topping up must see the account they pay into: a delegate needs `account:read`.
  await accessPerson(deps, actor.caller, personId, 'account:read');
  if (request.amountPence < 100) throw invalid('amountPence', 'Top up at least £1 (100 pence)');
  const claim = await deps.payments.claimTopUp({
    topUpId: request.topUpId,
    personId,
    amountPence: request.amountPence,
    at: deps.clock.now().toISOString(),
  });
  if (claim.outcome === 'conflict') {
    throw conflict(
      'top_up_id_reused',
      'That top-up id was already used for a different or finished top-up. Use a new id.',
    );
  }
  const session =
    (claim.outcome === 'same' ? claim.session : undefined) ??
    (await deps.rail
      .createTopUpCheckout({
        topUpId: request.topUpId,
        personId,
        amountPence: request.amountPence,
        successUrl: `${deps.publicUrl}/my-budget?top-up=done`,
        cancelUrl: `${deps.publicUrl}/my-budget?top-up=cancelled`,
      })
      .catch((error: unknown) => {
        // Both rails refuse a reused idempotency key with different details (Stripe: StripeIdempotencyError).
        const { code, type } = error as { code?: string; type?: string };
        if (code === 'idempotency_error' || type === 'StripeIdempotencyError') {
          throw conflict(
            'top_up_id_reused',
            'That top-up id was already used for a different amount. Use a new id.',
          );
        }
        throw error;
      }));
  // A retry of this top-up gets this same session back, never a second chargeable one.
  if (claim.outcome === 'claimed' || !claim.session)
    await deps.payments.saveTopUpSession(request.topUpId, session);
  return {
    topUpId: request.topUpId,
    sessionId: session.sessionId,
    checkoutUrl: session.url,
    simulated: deps.rail.kind === 'simulated',
  };
}

/** A provider's owner starts (or resumes) onboarding with the payment rail. */
export async function startPayoutOnboarding(deps: PaymentDeps, actor: Actor, providerId: string) {
  const provider = await deps.directory.getProvider(providerId);
  if (!provider || provider.ownerUserId !== actor.caller.userId) throw notFound('provider');
  let railAccountId = provider.payouts?.railAccountId;
  if (!railAccountId) {
    railAccountId = (
      await deps.rail.createConnectedAccount({
        providerId,
        email: provider.contact.email,
        name: provider.name,
      })
    ).accountId;
    await deps.payments.saveProviderPayouts(
      { ...provider, payouts: { railAccountId, payoutsEnabled: false }, version: provider.version + 1 },
      provider.version,
    );
  }
  const link = await deps.rail.onboardingLink({
    accountId: railAccountId,
    returnUrl: `${deps.publicUrl}/provider/${providerId}?payouts=returned`,
    refreshUrl: `${deps.publicUrl}/provider/${providerId}?payouts=refresh`,
  });
  return {
    railAccountId,
    onboardingUrl: link.url,
    payoutsEnabled: provider.payouts?.payoutsEnabled ?? false,
  };
}

/**
 * Handles a payment-rail webhook. The signature is checked over the raw body first. Each event is
 * handled idempotently (a top-up's transfer id is fixed by its top-up id; an account update sets
 * state), so a replay or events arriving out of order change nothing twice.
 */
export async function handleRailWebhook(deps: PaymentDeps, rawBody: string, signature: string | undefined) {
  let event: RailEvent;
  try {
    event = await deps.rail.parseWebhook(rawBody, signature);
  } catch (error) {
    if (error instanceof WebhookSignatureError)
      throw invalid('Stripe-Signature', 'The webhook signature does not verify', 'invalid_signature');
    throw error;
  }
  const now = deps.clock.now();
  const claimed = await deps.payments.claimEvent(
    event.eventId,
    event.type,
    now.toISOString(),
    new Date(now.getTime() - webhookClaimTimeoutMs).toISOString(),
  );
  if (claimed === 'duplicate') return { received: true as const, duplicate: true, type: event.type };
  try {
    await applyRailEvent(deps, event);
  } catch (error) {
    // Give the claim back so the rail's retry of this event is processed, not taken for a replay.
    await deps.payments.releaseEvent(event.eventId).catch(() => undefined);
    throw error;
  }
  await deps.payments.finishEvent(event.eventId, deps.clock.now().toISOString());
  return { received: true as const, duplicate: false, type: event.type };
}

async function applyRailEvent(deps: PaymentDeps, event: RailEvent): Promise<void> {
  if (event.type === 'checkout.completed' && event.paid) {
    await deps.ledger.transfer({
      transferId: `topup-${event.topUpId}`,
      debitAccountId: accountId.familyTopups(),
      creditAccountId: accountId.holderCash(event.personId),
      amountPence: event.amountPence,
      flags: 'single',
      code: 'family_topup',
      description: 'Family top-up by card',
      reference: event.topUpId,
      // The rail's webhook moves the money; the event id ties it to the card payment.
      actor: transferActor(jobActor(`${deps.rail.kind}_webhook`, event.eventId), event.personId),
    });
    await deps.payments.finishTopUp(event.topUpId, deps.clock.now().toISOString());
  }
  if (event.type === 'account.updated') {
    const provider = await deps.payments.providerByRailAccount(event.accountId);
    const applied = provider?.payouts?.railUpdatedAt;
    // Webhooks come in any order: an update older than the one applied would undo a newer state.
    if (provider && !(applied !== undefined && event.occurredAt < applied)) {
      await deps.payments.saveProviderPayouts(
        {
          ...provider,
          payouts: {
            railAccountId: event.accountId,
            payoutsEnabled: event.payoutsEnabled,
            railUpdatedAt: event.occurredAt,
          },
          version: provider.version + 1,
        },
        provider.version,
      );
    }
  }
}

export interface ReconcileOptions {
  /** Where the very first run starts, when there is no checkpoint yet. */
  firstRunSince: Date;
  /** The most payouts one run checks; the rest wait for the next run. */
  maxPayouts?: number;
  /** How many reads (orders, ledger transfers) a run has in flight at once. */
  concurrency?: number;
}

export interface ReconcileResult {
  exceptions: ReconciliationException[];
  checked: number;
  /** Payouts made by now still to check: the next run carries on from the checkpoint. */
  remaining: number;
}

/**
 * Job: compares what the ledger paid out with what the rail actually transferred, by ledger
 * transfer id, and records every difference for finance to resolve.
 *
 * Incremental and bounded: it walks the payout index (payouts by day) from a checkpoint, checks at
 * most `maxPayouts` oldest first, then moves the checkpoint to the last one checked. The rail is
 * asked for its transfers since that checkpoint's time (a rail transfer always follows its ledger
 * payout), so a run reads what was paid since the last run, never every payout ever made. A rail
 * transfer with no ledger payout behind it is unknown on the rail; one for a payout later than
 * this run's last is left to the run that checks that payout. Running it twice records the same
 * exceptions (their ids are fixed by what they are about).
 */
export async function reconcilePayouts(
  deps: PaymentDeps,
  options: ReconcileOptions,
): Promise<ReconcileResult> {
  const now = deps.clock.now();
  const until = now.toISOString();
  const maxPayouts = options.maxPayouts ?? 500;
  const concurrency = options.concurrency ?? 8;
  const checkpoint = (await deps.payments.reconciliationCheckpoint()) ?? options.firstRunSince.toISOString();
  const fetched = await deps.payments.payoutsAfter(checkpoint, until, maxPayouts + 1);
  const payouts = fetched.slice(0, maxPayouts);
  const more = fetched.length > maxPayouts;
  const last = payouts.at(-1);
  const railTransfers = await deps.rail.listTransfers({ since: new Date(checkpoint.slice(0, 24)) });
  const byLedgerId = new Map<string, RailTransfer[]>();
  for (const transfer of railTransfers) {
    byLedgerId.set(transfer.ledgerTransferId, [
      ...(byLedgerId.get(transfer.ledgerTransferId) ?? []),
      transfer,
    ]);
  }
  const detectedAt = until;
  const exceptions: ReconciliationException[] = [];
  const checkedIds = new Set(payouts.map((p) => p.transferId));
  const found = await mapBounded(payouts, concurrency, async (payout) => {
    const sent = byLedgerId.get(payout.transferId) ?? [];
    const kind =
      sent.length === 0
        ? ('missing_on_rail' as const)
        : sent.length > 1
          ? ('duplicated_on_rail' as const)
          : sent[0]?.amountPence !== payout.amountPence
            ? ('amount_mismatch' as const)
            : undefined;
    if (!kind) return undefined;
    const order = payout.reference ? await deps.orders.get(payout.reference) : undefined;
    return {
      exceptionId: `${kind}#${payout.transferId}`,
      kind,
      ledgerTransferId: payout.transferId,
      ledgerAmountPence: payout.amountPence,
      railTransferIds: sent.map((t) => t.railTransferId),
      ...(kind === 'amount_mismatch' ? { railAmountPence: sent[0]?.amountPence } : {}),
      councilId: order?.councilId,
      orderId: order?.orderId,
      detectedAt,
      status: 'open' as const,
    } satisfies ReconciliationException;
  });
  exceptions.push(...found.flatMap((e) => (e ? [e] : [])));
  // Rail transfers this run's payouts do not explain: a late send of a payout checked before
  // (the retry job), one for a payout still to check, or money that left without a payout.
  const unexplained = railTransfers.filter(
    (t) => !checkedIds.has(t.ledgerTransferId) && !(more && last && t.createdAt > last.createdAt),
  );
  const unknown = await mapBounded(unexplained, concurrency, async (transfer) => {
    const ledger = transfer.ledgerTransferId
      ? await deps.ledger.getTransfer(transfer.ledgerTransferId)
      : undefined;
    return ledger?.code === 'provider_payout' ? undefined : transfer;
  });
  for (const transfer of unknown) {
    if (!transfer) continue;
    exceptions.push({
      exceptionId: `unknown_on_rail#${transfer.railTransferId}`,
      kind: 'unknown_on_rail',
      ledgerTransferId: transfer.ledgerTransferId || undefined,
      railTransferIds: [transfer.railTransferId],
      railAmountPence: transfer.amountPence,
      detectedAt,
      status: 'open',
    });
  }
  await deps.payments.saveExceptions(exceptions);
  if (last) await deps.payments.saveReconciliationCheckpoint(last.position);
  const remaining = more && last ? await deps.payments.countPayoutsAfter(last.position, until) : 0;
  return { exceptions, checked: payouts.length, remaining };
}

/**
 * Finance sees their own council's exceptions and those that belong to no council yet, a page at
 * a time: each sits in its council's partition, so a page reads what it shows and no more.
 */
export async function reconciliationExceptions(deps: PaymentDeps, actor: Actor, page: PageRequest) {
  return deps.payments.exceptionsPage(actor.caller.councilId, page);
}
