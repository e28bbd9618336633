import { createHmac, randomBytes } from 'node:crypto';
import {
  type Clock,
  type PaymentRail,
  type RailEvent,
  type RailTransfer,
  type SimulatedRailStore,
  systemClock,
} from '@carepool/domain';
import type Stripe from 'stripe';
import { assertKey, assertPence } from './guards.ts';
import { toRailEvent, verifyStripeSignature } from './stripe-webhooks.ts';

export interface SimulatedAccount {
  accountId: string;
  providerId: string;
  email: string;
  name: string;
  detailsSubmitted: boolean;
  payoutsEnabled: boolean;
  createdAt: string;
}

export interface SimulatedOnboardingLink {
  accountId: string;
  url: string;
  returnUrl: string;
  refreshUrl: string;
}

export interface SimulatedCheckout {
  sessionId: string;
  topUpId: string;
  personId: string;
  amountPence: number;
  url: string;
  successUrl: string;
  cancelUrl: string;
  status: 'open' | 'complete';
  createdAt: string;
}

/**
 * The API version the simulated events claim, as Stripe's own events carry theirs. Typed as the
 * SDK's, so upgrading the SDK without updating this fails the type check (a test also compares).
 */
export const SIMULATED_API_VERSION: typeof Stripe.API_VERSION = '2026-10-28.endive';

/**
 * Stripe's `Stripe-Signature` header (`t=<seconds>,v1=<hex HMAC-SHA256 of "t.body">`), as the SDK's
 * generateTestHeaderString builds it (a test compares the two). Computed here so that the
 * simulated rail's helpers stay synchronous without the SDK loaded: the SDK is loaded on first use
 * (stripe-webhooks.ts), and these helpers run in functions that never verify anything.
 */
export function stripeSignatureHeader(payload: string, secret: string, timestampSeconds: number): string {
  const hmac = createHmac('sha256', secret).update(`${timestampSeconds}.${payload}`, 'utf8').digest('hex');
  return `t=${timestampSeconds},v1=${hmac}`;
}

/** A signed webhook, ready to POST to `/v1/webhooks/stripe` (or hand to `parseWebhook`). */
export interface SignedWebhook {
  rawBody: string;
  /** The `Stripe-Signature` header value. */
  signature: string;
}

export interface SimulatedRailOptions {
  /**
   * The secret this rail signs and verifies its webhooks with. Defaults to a random one per
   * instance, so no one can forge a simulated top-up with a well-known secret; set it when another
   * process must verify what this one signs.
   */
  webhookSecret?: string;
  clock?: Clock;
  /** Makes ids fully predictable (`sim_tr_<runTag>_0001`); random per instance by default. */
  runTag?: string;
  /** Where transfers are kept; the table in the running app, so a restart does not forget them. */
  store?: SimulatedRailStore;
}

/** Keeps transfers for as long as the process lives: unit tests and one-off scripts. */
export class InMemorySimulatedRailStore implements SimulatedRailStore {
  private readonly byLedgerId = new Map<string, RailTransfer>();

  async recordTransfer(transfer: RailTransfer): Promise<RailTransfer> {
    const earlier = this.byLedgerId.get(transfer.ledgerTransferId);
    if (earlier) return { ...earlier };
    this.byLedgerId.set(transfer.ledgerTransferId, { ...transfer });
    return { ...transfer };
  }

  async transferFor(ledgerTransferId: string): Promise<RailTransfer | undefined> {
    const transfer = this.byLedgerId.get(ledgerTransferId);
    return transfer ? { ...transfer } : undefined;
  }

  async transfersSince(since: string): Promise<RailTransfer[]> {
    return [...this.byLedgerId.values()]
      .filter((transfer) => transfer.createdAt >= since)
      .map((transfer) => ({ ...transfer }));
  }
}

export class SimulatedRailError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'SimulatedRailError';
    this.code = code;
  }
}

/**
 * The payment rail used when no Stripe key is configured (local runs and tests). It behaves like the
 * Stripe adapter — same port, same idempotency, same webhook signatures — but moves no money: it
 * records what it would have sent.
 *
 * Transfers are kept in a store (the table, in the running app) so reconciliation still finds them
 * after a restart; accounts, checkouts and emitted events are held in memory for this run's pages
 * and tests. The ledger is the source of truth.
 */
export class SimulatedRail implements PaymentRail {
  readonly kind = 'simulated' as const;
  private readonly secret: string;
  private readonly clock: Clock;
  private readonly runTag: string;
  private readonly store: SimulatedRailStore;
  private sequence = 0;
  private readonly accountRecords = new Map<string, SimulatedAccount>();
  private readonly accountByProvider = new Map<string, string>();
  private readonly linkRecords: SimulatedOnboardingLink[] = [];
  private readonly transferRecords: RailTransfer[] = [];
  private readonly transferByLedgerId = new Map<string, RailTransfer>();
  private readonly checkoutRecords = new Map<string, SimulatedCheckout>();
  private readonly checkoutByTopUp = new Map<string, string>();
  private readonly emittedEvents: SignedWebhook[] = [];
  private pendingFault: { afterSending: boolean } | undefined;

  constructor(options: SimulatedRailOptions = {}) {
    this.secret = options.webhookSecret ?? `whsec_sim_${randomBytes(24).toString('hex')}`;
    if (this.secret.trim() === '') throw new Error('SimulatedRail webhook secret must not be blank.');
    this.clock = options.clock ?? systemClock;
    this.runTag = options.runTag ?? randomBytes(4).toString('hex');
    this.store = options.store ?? new InMemorySimulatedRailStore();
  }

  async createConnectedAccount(input: {
    providerId: string;
    email: string;
    name: string;
  }): Promise<{ accountId: string }> {
    assertKey('providerId', input.providerId);
    // Mirrors the Stripe adapter's idempotency key: one account per provider.
    const existing = this.accountByProvider.get(input.providerId);
    if (existing) return { accountId: existing };
    const account: SimulatedAccount = {
      accountId: this.nextId('sim_acct_'),
      providerId: input.providerId,
      email: input.email,
      name: input.name,
      detailsSubmitted: false,
      payoutsEnabled: false,
      createdAt: this.clock.now().toISOString(),
    };
    this.accountRecords.set(account.accountId, account);
    this.accountByProvider.set(input.providerId, account.accountId);
    return { accountId: account.accountId };
  }

  async onboardingLink(input: {
    accountId: string;
    returnUrl: string;
    refreshUrl: string;
  }): Promise<{ url: string }> {
    this.requireAccount(input.accountId);
    const url = `/simulated-onboarding/${encodeURIComponent(input.accountId)}`;
    this.linkRecords.push({ ...input, url });
    return { url };
  }

  async payout(input: {
    ledgerTransferId: string;
    accountId: string;
    amountPence: number;
    transferGroup: string;
    description: string;
  }): Promise<{ railTransferId: string }> {
    assertPence('amountPence', input.amountPence);
    assertKey('ledgerTransferId', input.ledgerTransferId);

    // The store remembers transfers made before a restart, as Stripe does.
    const earlier =
      this.transferByLedgerId.get(input.ledgerTransferId) ??
      (await this.store.transferFor(input.ledgerTransferId));
    if (earlier) {
      // Stripe replays the first response for a reused idempotency key, and refuses it outright if
      // the parameters differ.
      if (earlier.accountId !== input.accountId || earlier.amountPence !== input.amountPence) {
        throw new SimulatedRailError(
          'idempotency_error',
          `Keys for idempotent requests can only be used with the same parameters they were first used with (ledger transfer ${input.ledgerTransferId}).`,
        );
      }
      return { railTransferId: earlier.railTransferId };
    }

    const fault = this.pendingFault;
    this.pendingFault = undefined;
    if (fault && !fault.afterSending) {
      throw new SimulatedRailError('simulated_outage', 'Simulated rail outage: the transfer was not made.');
    }

    const account = this.accountRecords.get(input.accountId);
    // Accounts made before a restart are forgotten, so only a known, not-yet-onboarded account is refused.
    if (account && !account.payoutsEnabled) {
      throw new SimulatedRailError(
        'account_not_onboarded',
        `Connected account ${input.accountId} has not finished onboarding, so it cannot receive transfers.`,
      );
    }

    const transfer: RailTransfer = {
      railTransferId: this.nextId('sim_tr_'),
      ledgerTransferId: input.ledgerTransferId,
      accountId: input.accountId,
      amountPence: input.amountPence,
      transferGroup: input.transferGroup,
      createdAt: this.clock.now().toISOString(),
    };
    const recorded = await this.store.recordTransfer(transfer);
    if (recorded.railTransferId !== transfer.railTransferId)
      return { railTransferId: recorded.railTransferId };
    this.transferRecords.push(transfer);
    this.transferByLedgerId.set(input.ledgerTransferId, transfer);

    if (fault?.afterSending) {
      throw new SimulatedRailError(
        'simulated_lost_response',
        'Simulated rail timeout: the transfer was made but the response was lost.',
      );
    }
    return { railTransferId: transfer.railTransferId };
  }

  async createTopUpCheckout(input: {
    topUpId: string;
    personId: string;
    amountPence: number;
    successUrl: string;
    cancelUrl: string;
  }): Promise<{ sessionId: string; url: string }> {
    assertPence('amountPence', input.amountPence);
    assertKey('topUpId', input.topUpId);

    const existingId = this.checkoutByTopUp.get(input.topUpId);
    const existing = existingId ? this.checkoutRecords.get(existingId) : undefined;
    if (existing) {
      if (existing.amountPence !== input.amountPence || existing.personId !== input.personId) {
        throw new SimulatedRailError(
          'idempotency_error',
          `Keys for idempotent requests can only be used with the same parameters they were first used with (top-up ${input.topUpId}).`,
        );
      }
      return { sessionId: existing.sessionId, url: existing.url };
    }

    const sessionId = this.nextId('sim_cs_');
    const checkout: SimulatedCheckout = {
      sessionId,
      topUpId: input.topUpId,
      personId: input.personId,
      amountPence: input.amountPence,
      url: `/simulated-checkout/${encodeURIComponent(sessionId)}`,
      successUrl: input.successUrl,
      cancelUrl: input.cancelUrl,
      status: 'open',
      createdAt: this.clock.now().toISOString(),
    };
    this.checkoutRecords.set(sessionId, checkout);
    this.checkoutByTopUp.set(input.topUpId, sessionId);
    return { sessionId, url: checkout.url };
  }

  async listTransfers(input: { since: Date }): Promise<RailTransfer[]> {
    return this.store.transfersSince(input.since.toISOString());
  }

  async parseWebhook(rawBody: string, signatureHeader: string | undefined): Promise<RailEvent> {
    return toRailEvent(
      await verifyStripeSignature(rawBody, signatureHeader, [this.secret], this.clock.now().getTime()),
    );
  }

  // ---- Helpers for the local runtime and tests ----

  /**
   * The family "pays": marks the session complete and returns a signed `checkout.session.completed`
   * event, shaped like Stripe's, to deliver to the webhook route. `paid: false` gives the
   * completed-but-unpaid event a delayed payment method produces.
   */
  completeCheckout(sessionId: string, options: { paid?: boolean } = {}): SignedWebhook {
    const checkout = this.checkoutRecords.get(sessionId);
    if (!checkout)
      throw new SimulatedRailError('resource_missing', `No such checkout session: ${sessionId}.`);
    if (checkout.status === 'complete') {
      throw new SimulatedRailError('session_complete', `Checkout session ${sessionId} is already complete.`);
    }
    checkout.status = 'complete';
    const paid = options.paid ?? true;
    return this.emit('checkout.session.completed', {
      id: checkout.sessionId,
      object: 'checkout.session',
      mode: 'payment',
      status: 'complete',
      payment_status: paid ? 'paid' : 'unpaid',
      amount_subtotal: checkout.amountPence,
      amount_total: checkout.amountPence,
      currency: 'gbp',
      client_reference_id: checkout.topUpId,
      metadata: { topUpId: checkout.topUpId, personId: checkout.personId },
      success_url: checkout.successUrl,
      cancel_url: checkout.cancelUrl,
      url: null,
      livemode: false,
    });
  }

  /**
   * The provider finishes onboarding: the account can now be paid, and a signed `account.updated`
   * event (payouts_enabled true) is returned to deliver to the webhook route.
   */
  completeOnboarding(accountId: string): SignedWebhook {
    return this.updateAccount(accountId, { payoutsEnabled: true });
  }

  /**
   * The rail changes what an account may do (onboarding finished, or payouts paused when the rail
   * restricts the account) and returns the signed `account.updated` event to deliver.
   */
  updateAccount(accountId: string, state: { payoutsEnabled: boolean }): SignedWebhook {
    const account = this.requireAccount(accountId);
    const previous = { details_submitted: account.detailsSubmitted, payouts_enabled: account.payoutsEnabled };
    account.detailsSubmitted = true;
    account.payoutsEnabled = state.payoutsEnabled;
    return this.emit(
      'account.updated',
      {
        id: account.accountId,
        object: 'account',
        type: 'express',
        country: 'GB',
        email: account.email,
        business_profile: { name: account.name },
        metadata: { providerId: account.providerId },
        capabilities: { transfers: state.payoutsEnabled ? 'active' : 'inactive' },
        charges_enabled: false,
        details_submitted: true,
        payouts_enabled: state.payoutsEnabled,
      },
      { previous_attributes: previous },
      account.accountId,
    );
  }

  /**
   * Makes the next new payout fail. By default nothing is sent (an outage); with `afterSending`
   * the transfer is made but the call still throws, as when a response is lost on the way back —
   * the case reconciliation exists for.
   */
  failNextPayout(options: { afterSending?: boolean } = {}): void {
    this.pendingFault = { afterSending: options.afterSending ?? false };
  }

  /** Every transfer "sent", oldest first. */
  sent(): readonly RailTransfer[] {
    return this.transferRecords.map((transfer) => ({ ...transfer }));
  }

  accounts(): readonly SimulatedAccount[] {
    return [...this.accountRecords.values()].map((account) => ({ ...account }));
  }

  account(accountId: string): SimulatedAccount | undefined {
    const account = this.accountRecords.get(accountId);
    return account ? { ...account } : undefined;
  }

  onboardingLinks(): readonly SimulatedOnboardingLink[] {
    return this.linkRecords.map((link) => ({ ...link }));
  }

  checkouts(): readonly SimulatedCheckout[] {
    return [...this.checkoutRecords.values()].map((checkout) => ({ ...checkout }));
  }

  checkout(sessionId: string): SimulatedCheckout | undefined {
    const checkout = this.checkoutRecords.get(sessionId);
    return checkout ? { ...checkout } : undefined;
  }

  /** Every webhook the helpers produced, oldest first. */
  emitted(): readonly SignedWebhook[] {
    return this.emittedEvents.map((webhook) => ({ ...webhook }));
  }

  private requireAccount(accountId: string): SimulatedAccount {
    const account = this.accountRecords.get(accountId);
    if (!account) throw new SimulatedRailError('resource_missing', `No such account: ${accountId}.`);
    return account;
  }

  private nextId(prefix: string): string {
    this.sequence += 1;
    return `${prefix}${this.runTag}_${String(this.sequence).padStart(4, '0')}`;
  }

  private emit(
    type: string,
    object: Record<string, unknown>,
    extraData: Record<string, unknown> = {},
    connectedAccount?: string,
  ): SignedWebhook {
    const now = this.clock.now();
    const event = {
      id: this.nextId('evt_sim_'),
      object: 'event',
      api_version: SIMULATED_API_VERSION,
      created: Math.floor(now.getTime() / 1000),
      type,
      ...(connectedAccount ? { account: connectedAccount } : {}),
      data: { object, ...extraData },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
    };
    const rawBody = JSON.stringify(event, null, 2);
    const signature = stripeSignatureHeader(rawBody, this.secret, Math.floor(now.getTime() / 1000));
    const webhook = { rawBody, signature };
    this.emittedEvents.push(webhook);
    return { ...webhook };
  }
}
