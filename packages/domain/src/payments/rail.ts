/**
 * The one port through which money leaves or enters Carepool from outside: Stripe Connect in
 * production, a simulated rail locally and in tests. The ledger decides; the rail only carries out.
 */

export interface RailTransfer {
  /** The rail's own id (Stripe `tr_…`, simulated `sim_tr_…`). */
  railTransferId: string;
  /** Our ledger transfer id: sent as the idempotency key and in metadata, so it reconciles. */
  ledgerTransferId: string;
  accountId: string;
  amountPence: number;
  /** Per order or group purchase, so a provider's statement groups related payments. */
  transferGroup: string;
  createdAt: string;
}

export type RailEvent =
  | {
      eventId: string;
      type: 'account.updated';
      accountId: string;
      /** When the rail created the event (Stripe's `created`), ISO: the order updates are applied in. */
      occurredAt: string;
      /** True once the provider finished onboarding and the rail will pay them out. */
      payoutsEnabled: boolean;
      detailsSubmitted: boolean;
    }
  | {
      eventId: string;
      type: 'checkout.completed';
      sessionId: string;
      /** Our top-up id, carried in the session's metadata. */
      topUpId: string;
      personId: string;
      amountPence: number;
      paid: boolean;
    }
  | { eventId: string; type: 'ignored'; railType: string };

export interface PaymentRail {
  readonly kind: 'stripe' | 'simulated';

  /** A connected account for a provider, created once. */
  createConnectedAccount(input: {
    providerId: string;
    email: string;
    name: string;
  }): Promise<{ accountId: string }>;

  /** A hosted onboarding link the provider follows to give the rail their bank and identity details. */
  onboardingLink(input: {
    accountId: string;
    returnUrl: string;
    refreshUrl: string;
  }): Promise<{ url: string }>;

  /**
   * Pays a provider. `ledgerTransferId` is the idempotency key: calling twice with the same id
   * pays once and returns the same rail transfer.
   */
  payout(input: {
    ledgerTransferId: string;
    accountId: string;
    amountPence: number;
    transferGroup: string;
    description: string;
  }): Promise<{ railTransferId: string }>;

  /** A hosted card checkout for a family top-up; the ledger is credited only when its webhook arrives. */
  createTopUpCheckout(input: {
    topUpId: string;
    personId: string;
    amountPence: number;
    successUrl: string;
    cancelUrl: string;
  }): Promise<{ sessionId: string; url: string }>;

  /** Transfers the rail has made since a time, for reconciliation against the ledger. */
  listTransfers(input: { since: Date }): Promise<RailTransfer[]>;

  /**
   * Checks a webhook's signature over the raw body and turns it into a RailEvent. Throws
   * `WebhookSignatureError` if the signature is missing, wrong or too old. Asynchronous so that the
   * rail can load its SDK and read its secret on first use rather than at a function's start.
   */
  parseWebhook(rawBody: string, signatureHeader: string | undefined): Promise<RailEvent>;
}

export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookSignatureError';
  }
}

/**
 * Where the simulated rail keeps the transfers it "sent", so a restart does not forget them (or
 * reconciliation would report every earlier payout as missing on the rail). The table in the
 * running app; memory in unit tests.
 */
export interface SimulatedRailStore {
  /** Records a transfer once per ledger transfer id; returns the one already recorded, if any. */
  recordTransfer(transfer: RailTransfer): Promise<RailTransfer>;
  transferFor(ledgerTransferId: string): Promise<RailTransfer | undefined>;
  /** Every transfer created at or after `since` (ISO). */
  transfersSince(since: string): Promise<RailTransfer[]>;
}
