import {
  type Clock,
  type PaymentRail,
  type RailEvent,
  type RailTransfer,
  systemClock,
} from '@carepool/domain';
import type Stripe from 'stripe';
import { assertKey, assertPence } from './guards.ts';
import { loadStripe, toRailEvent, verifyStripeSignature } from './stripe-webhooks.ts';

export interface StripeRailOptions {
  /** The platform's secret key (`sk_live_…` / `sk_test_…`, or a restricted `rk_…`). */
  secretKey: string;
  /**
   * Endpoint signing secret(s), `whsec_…`. Stripe delivers connected accounts' events (such as a
   * provider's `account.updated`) to a Connect endpoint with its own secret, separate from the
   * platform endpoint's; give both when both point at the same route.
   */
  webhookSecret: string | readonly string[];
  /** Replaces the SDK's Node HTTP client: tests pass one that records requests and returns canned JSON. */
  httpClient?: Stripe.HttpClient;
  /** Pins the API version; defaults to the version this SDK release was built against. */
  apiVersion?: Stripe.LatestApiVersion;
  /**
   * Retries on network failures, 409s and 5xxs (default 2). Safe for money: every mutating call
   * carries an idempotency key, so a retry replays the first result instead of paying again.
   */
  maxNetworkRetries?: number;
  /** Per-request timeout (default 20 s, well inside a Lambda's time limit; the SDK's own is 80 s). */
  timeoutMs?: number;
  /** The time a webhook is taken to have arrived, for the replay window. */
  clock?: Clock;
}

/**
 * Stripe Connect with "separate charges and transfers": families pay the platform through Checkout,
 * the platform pays providers (Express connected accounts) with transfers. The ledger decides every
 * movement; this adapter only carries it out, keyed so that a retry can never move money twice.
 */
export class StripeRail implements PaymentRail {
  readonly kind = 'stripe' as const;
  /** Built on first call: loading the SDK is deferred until a route actually moves money. */
  private client: Promise<Stripe> | undefined;
  private readonly clientOptions: Stripe.StripeConfig;
  private readonly secretKey: string;
  private readonly webhookSecrets: readonly string[];
  private readonly clock: Clock;

  constructor(options: StripeRailOptions) {
    if (options.secretKey.trim() === '') throw new Error('StripeRail needs a Stripe secret key.');
    this.webhookSecrets = (
      typeof options.webhookSecret === 'string' ? [options.webhookSecret] : options.webhookSecret
    ).filter((secret) => secret.trim() !== '');
    if (this.webhookSecrets.length === 0) {
      throw new Error('StripeRail needs the webhook signing secret (whsec_…) to verify Stripe webhooks.');
    }
    this.clock = options.clock ?? systemClock;
    this.secretKey = options.secretKey;
    this.clientOptions = {
      ...(options.apiVersion ? { apiVersion: options.apiVersion } : {}),
      ...(options.httpClient ? { httpClient: options.httpClient } : {}),
      maxNetworkRetries: options.maxNetworkRetries ?? 2,
      timeout: options.timeoutMs ?? 20_000,
      typescript: true,
      appInfo: { name: 'Carepool' },
    };
  }

  private stripe(): Promise<Stripe> {
    this.client ??= loadStripe().then(
      (StripeSdk) => new StripeSdk(this.secretKey, this.clientOptions),
      (error: unknown) => {
        this.client = undefined;
        throw error;
      },
    );
    return this.client;
  }

  async createConnectedAccount(input: {
    providerId: string;
    email: string;
    name: string;
  }): Promise<{ accountId: string }> {
    assertKey('providerId', input.providerId);
    const account = await (await this.stripe()).accounts.create(
      {
        type: 'express',
        country: 'GB',
        email: input.email,
        business_profile: { name: input.name },
        metadata: { providerId: input.providerId },
        capabilities: { transfers: { requested: true } },
      },
      // A double submit or a retry after a lost response returns the same account, not a second one.
      { idempotencyKey: `account-${input.providerId}` },
    );
    return { accountId: account.id };
  }

  async onboardingLink(input: {
    accountId: string;
    returnUrl: string;
    refreshUrl: string;
  }): Promise<{ url: string }> {
    const link = await (await this.stripe()).accountLinks.create({
      account: input.accountId,
      type: 'account_onboarding',
      return_url: input.returnUrl,
      refresh_url: input.refreshUrl,
    });
    return { url: link.url };
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
    const transfer = await (await this.stripe()).transfers.create(
      {
        amount: input.amountPence,
        currency: 'gbp',
        destination: input.accountId,
        transfer_group: input.transferGroup,
        description: input.description,
        metadata: { ledgerTransferId: input.ledgerTransferId },
      },
      { idempotencyKey: input.ledgerTransferId },
    );
    return { railTransferId: transfer.id };
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
    const session = await (await this.stripe()).checkout.sessions.create(
      {
        mode: 'payment',
        line_items: [
          {
            price_data: {
              currency: 'gbp',
              unit_amount: input.amountPence,
              product_data: { name: 'Family top-up' },
            },
            quantity: 1,
          },
        ],
        metadata: { topUpId: input.topUpId, personId: input.personId },
        client_reference_id: input.topUpId,
        success_url: input.successUrl,
        cancel_url: input.cancelUrl,
      },
      { idempotencyKey: `topup-${input.topUpId}` },
    );
    if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL.`);
    return { sessionId: session.id, url: session.url };
  }

  async listTransfers(input: { since: Date }): Promise<RailTransfer[]> {
    const transfers: RailTransfer[] = [];
    // The SDK's async iterator follows has_more/starting_after page by page.
    for await (const transfer of (await this.stripe()).transfers.list({
      created: { gte: Math.floor(input.since.getTime() / 1000) },
      limit: 100,
    })) {
      transfers.push(toRailTransfer(transfer));
    }
    return transfers;
  }

  async parseWebhook(rawBody: string, signatureHeader: string | undefined): Promise<RailEvent> {
    return toRailEvent(
      await verifyStripeSignature(rawBody, signatureHeader, this.webhookSecrets, this.clock.now().getTime()),
    );
  }
}

/**
 * A transfer made outside Carepool (say, by hand in the Dashboard) has no ledger id; it is kept, with
 * an empty `ledgerTransferId`, so reconciliation can raise it as an exception rather than miss it.
 */
function toRailTransfer(transfer: Stripe.Transfer): RailTransfer {
  const destination = transfer.destination;
  return {
    railTransferId: transfer.id,
    ledgerTransferId: transfer.metadata?.ledgerTransferId ?? '',
    accountId: typeof destination === 'string' ? destination : (destination?.id ?? ''),
    amountPence: transfer.amount,
    transferGroup: transfer.transfer_group ?? '',
    createdAt: new Date(transfer.created * 1000).toISOString(),
  };
}
