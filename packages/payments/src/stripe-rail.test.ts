/**
 * Stripe's servers are unreachable from here, so the adapter is tested at its HTTP boundary with the
 * real `stripe` SDK: a fake `fetch` (plugged in through `Stripe.createFetchHttpClient`) records every
 * request the SDK makes and answers with canned Stripe JSON. What is asserted is what would go over
 * the wire — method, path, form body and headers such as `Idempotency-Key` — and how Stripe's
 * answers (including errors and pagination) come back through the port. Webhooks are signed with the
 * SDK's own `generateTestHeaderString`, the same HMAC scheme Stripe uses.
 */
import { WebhookSignatureError } from '@carepool/domain';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { StripeRail } from './stripe-rail.ts';

interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: URLSearchParams;
  headers: Headers;
}

interface CannedReply {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A stand-in for api.stripe.com: answers requests in order from `replies` and records them. */
function fakeStripeApi(...replies: CannedReply[]) {
  const requests: RecordedRequest[] = [];
  const queue = [...replies];
  const fetchFn = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    requests.push({
      method: init?.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      body: new URLSearchParams(typeof init?.body === 'string' ? init.body : ''),
      headers: new Headers(init?.headers),
    });
    const reply = queue.shift() ?? {
      status: 400,
      body: { error: { type: 'invalid_request_error', message: 'Fake Stripe has no canned reply left.' } },
    };
    return new Response(JSON.stringify(reply.body), {
      status: reply.status ?? 200,
      headers: { 'content-type': 'application/json', 'request-id': 'req_fake', ...reply.headers },
    });
  };
  return { httpClient: Stripe.createFetchHttpClient(fetchFn), requests };
}

const WEBHOOK_SECRET = 'whsec_test_platform';

function railWith(api: ReturnType<typeof fakeStripeApi>, extra: { webhookSecret?: string | string[] } = {}) {
  return new StripeRail({
    secretKey: 'sk_test_fake',
    webhookSecret: extra.webhookSecret ?? WEBHOOK_SECRET,
    httpClient: api.httpClient,
  });
}

function only<T>(items: readonly T[]): T {
  expect(items).toHaveLength(1);
  const [item] = items;
  if (item === undefined) throw new Error('expected exactly one item');
  return item;
}

function nth<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`expected an item at ${index}`);
  return item;
}

const transferJson = (overrides: Record<string, unknown> = {}) => ({
  id: 'tr_1',
  object: 'transfer',
  amount: 1250,
  amount_reversed: 0,
  currency: 'gbp',
  created: 1_767_225_600, // 2026-01-01T00:00:00Z
  destination: 'acct_provider1',
  description: 'Order ord_1',
  livemode: false,
  metadata: { ledgerTransferId: 'ltr_1' },
  reversed: false,
  transfer_group: 'ord_1',
  ...overrides,
});

const payoutInput = {
  ledgerTransferId: 'ltr_1',
  accountId: 'acct_provider1',
  amountPence: 1250,
  transferGroup: 'ord_1',
  description: 'Order ord_1',
};

describe('StripeRail payouts', () => {
  it('sends a transfer in pence and GBP, keyed by the ledger transfer id', async () => {
    // Prepare
    const api = fakeStripeApi({ body: transferJson() });
    const rail = railWith(api);

    // Act
    const result = await rail.payout(payoutInput);

    // Assess
    expect(result).toEqual({ railTransferId: 'tr_1' });
    const request = only(api.requests);
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/v1/transfers');
    expect(Object.fromEntries(request.body)).toEqual({
      amount: '1250',
      currency: 'gbp',
      destination: 'acct_provider1',
      transfer_group: 'ord_1',
      description: 'Order ord_1',
      'metadata[ledgerTransferId]': 'ltr_1',
    });
    expect(request.headers.get('idempotency-key')).toBe('ltr_1');
    expect(request.headers.get('authorization')).toBe('Bearer sk_test_fake');
  });

  it('sends the same idempotency key when the same payout is tried again', async () => {
    // Prepare
    const api = fakeStripeApi({ body: transferJson() }, { body: transferJson() });
    const rail = railWith(api);

    // Act
    const first = await rail.payout(payoutInput);
    const second = await rail.payout(payoutInput);

    // Assess
    expect(second).toEqual(first);
    expect(api.requests.map((request) => request.headers.get('idempotency-key'))).toEqual(['ltr_1', 'ltr_1']);
  });

  it('retries a 503 itself with the same idempotency key, so Stripe pays once', async () => {
    // Prepare
    const api = fakeStripeApi(
      { status: 503, body: { error: { type: 'api_error', message: 'Service unavailable' } } },
      { body: transferJson() },
    );
    const rail = railWith(api);

    // Act
    const result = await rail.payout(payoutInput);

    // Assess
    expect(result.railTransferId).toBe('tr_1');
    expect(api.requests).toHaveLength(2);
    expect(api.requests.map((request) => request.headers.get('idempotency-key'))).toEqual(['ltr_1', 'ltr_1']);
  });

  it("surfaces a Stripe error with Stripe's message instead of swallowing it", async () => {
    // Prepare
    const api = fakeStripeApi({
      status: 400,
      body: {
        error: {
          type: 'invalid_request_error',
          code: 'insufficient_capabilities_for_transfer',
          message:
            'Your destination account needs to have at least one of the following capabilities enabled: transfers',
        },
      },
    });
    const rail = railWith(api);

    // Act
    const attempt = rail.payout(payoutInput);

    // Assess
    await expect(attempt).rejects.toThrow(/destination account needs to have .* transfers/);
    await expect(attempt).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(api.requests).toHaveLength(1); // a 400 is not retried
  });

  it.each([
    ['a fraction of a penny', 12.5],
    ['zero', 0],
    ['a negative amount', -100],
    ['not a number', Number.NaN],
  ])('refuses %s before sending anything', async (_label, amountPence) => {
    // Prepare
    const api = fakeStripeApi({ body: transferJson() }, { body: {} });
    const rail = railWith(api);

    // Act
    const payout = rail.payout({ ...payoutInput, amountPence });
    const checkout = rail.createTopUpCheckout({
      topUpId: 'top_1',
      personId: 'per_1',
      amountPence,
      successUrl: 'https://carepool.test/ok',
      cancelUrl: 'https://carepool.test/cancel',
    });

    // Assess
    await expect(payout).rejects.toBeInstanceOf(RangeError);
    await expect(checkout).rejects.toBeInstanceOf(RangeError);
    expect(api.requests).toHaveLength(0);
  });

  it('refuses an empty ledger transfer id, which would leave the transfer without an idempotency key', async () => {
    // Prepare
    const api = fakeStripeApi({ body: transferJson() });
    const rail = railWith(api);

    // Act
    const attempt = rail.payout({ ...payoutInput, ledgerTransferId: ' ' });

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(RangeError);
    expect(api.requests).toHaveLength(0);
  });
});

describe('StripeRail top-up checkout', () => {
  it('creates a one-line GBP payment session carrying the top-up and person ids, keyed by the top-up', async () => {
    // Prepare
    const api = fakeStripeApi({
      body: {
        id: 'cs_test_1',
        object: 'checkout.session',
        mode: 'payment',
        url: 'https://checkout.stripe.com/c/pay/cs_test_1',
      },
    });
    const rail = railWith(api);

    // Act
    const result = await rail.createTopUpCheckout({
      topUpId: 'top_1',
      personId: 'per_1',
      amountPence: 5000,
      successUrl: 'https://carepool.test/top-ups/top_1/done',
      cancelUrl: 'https://carepool.test/top-ups/top_1/cancelled',
    });

    // Assess
    expect(result).toEqual({ sessionId: 'cs_test_1', url: 'https://checkout.stripe.com/c/pay/cs_test_1' });
    const request = only(api.requests);
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/v1/checkout/sessions');
    expect(Object.fromEntries(request.body)).toEqual({
      mode: 'payment',
      'line_items[0][price_data][currency]': 'gbp',
      'line_items[0][price_data][unit_amount]': '5000',
      'line_items[0][price_data][product_data][name]': 'Family top-up',
      'line_items[0][quantity]': '1',
      'metadata[topUpId]': 'top_1',
      'metadata[personId]': 'per_1',
      client_reference_id: 'top_1',
      success_url: 'https://carepool.test/top-ups/top_1/done',
      cancel_url: 'https://carepool.test/top-ups/top_1/cancelled',
    });
    expect(request.headers.get('idempotency-key')).toBe('topup-top_1');
  });
});

describe('StripeRail provider onboarding', () => {
  it('creates an Express account in GB that can receive transfers, tagged with the provider id', async () => {
    // Prepare
    const api = fakeStripeApi({ body: { id: 'acct_new1', object: 'account', type: 'express' } });
    const rail = railWith(api);

    // Act
    const result = await rail.createConnectedAccount({
      providerId: 'prv_1',
      email: 'hello@sunnyday.test',
      name: 'Sunny Day Support',
    });

    // Assess
    expect(result).toEqual({ accountId: 'acct_new1' });
    const request = only(api.requests);
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/v1/accounts');
    expect(Object.fromEntries(request.body)).toEqual({
      type: 'express',
      country: 'GB',
      email: 'hello@sunnyday.test',
      'business_profile[name]': 'Sunny Day Support',
      'metadata[providerId]': 'prv_1',
      'capabilities[transfers][requested]': 'true',
    });
    expect(request.headers.get('idempotency-key')).toBe('account-prv_1');
  });

  it('asks for a hosted onboarding link for the account', async () => {
    // Prepare
    const api = fakeStripeApi({
      body: {
        object: 'account_link',
        url: 'https://connect.stripe.com/setup/e/acct_new1/abc',
        expires_at: 1,
      },
    });
    const rail = railWith(api);

    // Act
    const result = await rail.onboardingLink({
      accountId: 'acct_new1',
      returnUrl: 'https://carepool.test/provider/payments/done',
      refreshUrl: 'https://carepool.test/provider/payments/again',
    });

    // Assess
    expect(result).toEqual({ url: 'https://connect.stripe.com/setup/e/acct_new1/abc' });
    const request = only(api.requests);
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/v1/account_links');
    expect(Object.fromEntries(request.body)).toEqual({
      account: 'acct_new1',
      type: 'account_onboarding',
      return_url: 'https://carepool.test/provider/payments/done',
      refresh_url: 'https://carepool.test/provider/payments/again',
    });
  });
});

describe('StripeRail listTransfers', () => {
  it('follows every page and maps each transfer back to its ledger id', async () => {
    // Prepare
    const page = (data: unknown[], hasMore: boolean) => ({
      body: { object: 'list', url: '/v1/transfers', has_more: hasMore, data },
    });
    const api = fakeStripeApi(
      page(
        [
          transferJson({ id: 'tr_3', metadata: { ledgerTransferId: 'ltr_3' }, amount: 300 }),
          transferJson({ id: 'tr_2', metadata: { ledgerTransferId: 'ltr_2' }, amount: 200 }),
        ],
        true,
      ),
      page([transferJson({ id: 'tr_1', metadata: {}, amount: 100, transfer_group: null })], false),
    );
    const rail = railWith(api);
    const since = new Date('2026-01-01T00:00:00Z');

    // Act
    const transfers = await rail.listTransfers({ since });

    // Assess
    expect(transfers).toEqual([
      {
        railTransferId: 'tr_3',
        ledgerTransferId: 'ltr_3',
        accountId: 'acct_provider1',
        amountPence: 300,
        transferGroup: 'ord_1',
        createdAt: '2026-01-01T00:00:00.000Z',
      },
      {
        railTransferId: 'tr_2',
        ledgerTransferId: 'ltr_2',
        accountId: 'acct_provider1',
        amountPence: 200,
        transferGroup: 'ord_1',
        createdAt: '2026-01-01T00:00:00.000Z',
      },
      // Made outside Carepool: kept, with no ledger id, for reconciliation to raise.
      {
        railTransferId: 'tr_1',
        ledgerTransferId: '',
        accountId: 'acct_provider1',
        amountPence: 100,
        transferGroup: '',
        createdAt: '2026-01-01T00:00:00.000Z',
      },
    ]);
    expect(api.requests).toHaveLength(2);
    const [first, second] = [nth(api.requests, 0), nth(api.requests, 1)];
    expect(first.method).toBe('GET');
    expect(first.path).toBe('/v1/transfers');
    expect(first.query.get('created[gte]')).toBe(String(since.getTime() / 1000));
    expect(first.query.get('limit')).toBe('100');
    expect(first.query.get('starting_after')).toBeNull();
    expect(second.query.get('starting_after')).toBe('tr_2');
    expect(second.query.get('created[gte]')).toBe(String(since.getTime() / 1000));
  });
});

describe('StripeRail construction', () => {
  it('refuses to start without a webhook signing secret', () => {
    // Prepare
    const api = fakeStripeApi();

    // Act
    const build = () => railWith(api, { webhookSecret: '' });

    // Assess
    expect(build).toThrow(/webhook signing secret/);
  });
});

describe('StripeRail webhooks', () => {
  const rail = railWith(fakeStripeApi());

  const sign = (payload: string, options: { secret?: string; timestamp?: number } = {}) =>
    Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: options.secret ?? WEBHOOK_SECRET,
      ...(options.timestamp ? { timestamp: options.timestamp } : {}),
    });

  const event = (type: string, object: Record<string, unknown>, id = 'evt_1') =>
    JSON.stringify({
      id,
      object: 'event',
      api_version: Stripe.API_VERSION,
      created: Math.floor(Date.now() / 1000),
      type,
      data: { object },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
    });

  const accountUpdated = event('account.updated', {
    id: 'acct_provider1',
    object: 'account',
    payouts_enabled: true,
    details_submitted: true,
  });

  const checkoutCompleted = (paymentStatus: string, metadata: Record<string, string> | null) =>
    event('checkout.session.completed', {
      id: 'cs_test_1',
      object: 'checkout.session',
      amount_total: 5000,
      currency: 'gbp',
      payment_status: paymentStatus,
      metadata,
      client_reference_id: 'top_1',
    });

  it('reads account.updated into whether the provider can now be paid', async () => {
    // Prepare
    const header = sign(accountUpdated);

    // Act
    const parsed = await rail.parseWebhook(accountUpdated, header);

    // Assess
    expect(parsed).toEqual({
      eventId: 'evt_1',
      type: 'account.updated',
      accountId: 'acct_provider1',
      // The event's own time orders account updates, whatever order they arrive in.
      occurredAt: new Date((JSON.parse(accountUpdated) as { created: number }).created * 1000).toISOString(),
      payoutsEnabled: true,
      detailsSubmitted: true,
    });
  });

  it('reads checkout.session.completed into the top-up it pays for', async () => {
    // Prepare
    const body = checkoutCompleted('paid', { topUpId: 'top_1', personId: 'per_1' });

    // Act
    const parsed = await rail.parseWebhook(body, sign(body));

    // Assess
    expect(parsed).toEqual({
      eventId: 'evt_1',
      type: 'checkout.completed',
      sessionId: 'cs_test_1',
      topUpId: 'top_1',
      personId: 'per_1',
      amountPence: 5000,
      paid: true,
    });
  });

  it('marks a completed but unpaid session as not paid', async () => {
    // Prepare
    const body = checkoutCompleted('unpaid', { topUpId: 'top_1', personId: 'per_1' });

    // Act
    const parsed = await rail.parseWebhook(body, sign(body));

    // Assess
    expect(parsed).toMatchObject({ type: 'checkout.completed', paid: false });
  });

  it('reads a delayed payment arriving (async_payment_succeeded) as the same top-up, now paid', async () => {
    // Prepare
    const body = event('checkout.session.async_payment_succeeded', {
      id: 'cs_test_1',
      object: 'checkout.session',
      amount_total: 5000,
      payment_status: 'paid',
      metadata: { topUpId: 'top_1', personId: 'per_1' },
    });

    // Act
    const parsed = await rail.parseWebhook(body, sign(body));

    // Assess
    expect(parsed).toMatchObject({
      type: 'checkout.completed',
      sessionId: 'cs_test_1',
      topUpId: 'top_1',
      paid: true,
    });
  });

  it('ignores a completed checkout that is not one of our top-ups', async () => {
    // Prepare
    const body = checkoutCompleted('paid', null);

    // Act
    const parsed = await rail.parseWebhook(body, sign(body));

    // Assess
    expect(parsed).toEqual({ eventId: 'evt_1', type: 'ignored', railType: 'checkout.session.completed' });
  });

  it('maps an event type it does not handle to ignored, keeping the type', async () => {
    // Prepare
    const body = event('charge.refunded', { id: 'ch_1', object: 'charge' }, 'evt_9');

    // Act
    const parsed = await rail.parseWebhook(body, sign(body));

    // Assess
    expect(parsed).toEqual({ eventId: 'evt_9', type: 'ignored', railType: 'charge.refunded' });
  });

  it("accepts the Connect endpoint's secret alongside the platform's", async () => {
    // Prepare
    const twoSecrets = railWith(fakeStripeApi(), { webhookSecret: [WEBHOOK_SECRET, 'whsec_test_connect'] });

    // Act
    const parsed = await twoSecrets.parseWebhook(
      accountUpdated,
      sign(accountUpdated, { secret: 'whsec_test_connect' }),
    );

    // Assess
    expect(parsed).toMatchObject({ type: 'account.updated', accountId: 'acct_provider1' });
  });

  const tampered = accountUpdated.replace('"payouts_enabled":true', '"payouts_enabled":false');

  it.each<[string, () => { body: string; header: string | undefined }]>([
    [
      'signed with another secret',
      () => ({ body: accountUpdated, header: sign(accountUpdated, { secret: 'whsec_wrong' }) }),
    ],
    ['whose body was changed after signing', () => ({ body: tampered, header: sign(accountUpdated) })],
    ['with no signature header', () => ({ body: accountUpdated, header: undefined })],
    ['with an empty signature header', () => ({ body: accountUpdated, header: '' })],
    [
      'signed more than five minutes ago (a replay)',
      () => ({
        body: accountUpdated,
        header: sign(accountUpdated, { timestamp: Math.floor(Date.now() / 1000) - 301 }),
      }),
    ],
  ])('refuses a webhook %s', async (_label, build) => {
    // Prepare
    const { body, header } = build();
    expect(tampered).not.toBe(accountUpdated);

    // Act
    const parse = rail.parseWebhook(body, header);

    // Assess
    await expect(parse).rejects.toThrow(WebhookSignatureError);
  });

  it('accepts the same webhook when it is fresh and untouched (the control for the refusals above)', async () => {
    // Prepare
    const header = sign(accountUpdated, { timestamp: Math.floor(Date.now() / 1000) - 60 });

    // Act
    const parsed = await rail.parseWebhook(accountUpdated, header);

    // Assess
    expect(parsed.type).toBe('account.updated');
  });
});
