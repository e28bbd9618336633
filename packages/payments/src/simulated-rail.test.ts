import { fixedClock, WebhookSignatureError } from '@carepool/domain';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import {
  SIMULATED_API_VERSION,
  SimulatedRail,
  SimulatedRailError,
  stripeSignatureHeader,
} from './simulated-rail.ts';
import { StripeRail } from './stripe-rail.ts';

const payoutInput = {
  ledgerTransferId: 'ltr_1',
  accountId: 'sim_acct_x',
  amountPence: 1250,
  transferGroup: 'ord_1',
  description: 'Order ord_1',
};

const checkoutInput = {
  topUpId: 'top_1',
  personId: 'per_1',
  amountPence: 5000,
  successUrl: '/top-ups/top_1/done',
  cancelUrl: '/top-ups/top_1/cancelled',
};

async function onboardedAccount(rail: SimulatedRail): Promise<string> {
  const { accountId } = await rail.createConnectedAccount({
    providerId: 'prv_1',
    email: 'hello@sunnyday.test',
    name: 'Sunny Day Support',
  });
  rail.completeOnboarding(accountId);
  return accountId;
}

describe('SimulatedRail payouts', () => {
  it('pays once for one ledger transfer id, however often it is asked', async () => {
    // Prepare
    const rail = new SimulatedRail();
    const accountId = await onboardedAccount(rail);

    // Act
    const first = await rail.payout({ ...payoutInput, accountId });
    const second = await rail.payout({ ...payoutInput, accountId });

    // Assess
    expect(second).toEqual(first);
    expect(first.railTransferId).toMatch(/^sim_tr_/);
    expect(rail.sent()).toHaveLength(1);
    expect(rail.sent()[0]).toMatchObject({
      railTransferId: first.railTransferId,
      ledgerTransferId: 'ltr_1',
      accountId,
      amountPence: 1250,
      transferGroup: 'ord_1',
    });
  });

  it('gives different ledger transfers different rail transfers', async () => {
    // Prepare
    const rail = new SimulatedRail();
    const accountId = await onboardedAccount(rail);

    // Act
    const first = await rail.payout({ ...payoutInput, accountId, ledgerTransferId: 'ltr_1' });
    const second = await rail.payout({ ...payoutInput, accountId, ledgerTransferId: 'ltr_2' });

    // Assess
    expect(second.railTransferId).not.toBe(first.railTransferId);
    expect(rail.sent().map((transfer) => transfer.ledgerTransferId)).toEqual(['ltr_1', 'ltr_2']);
  });

  it('refuses to reuse a ledger transfer id for a different amount, as Stripe does', async () => {
    // Prepare
    const rail = new SimulatedRail();
    const accountId = await onboardedAccount(rail);
    await rail.payout({ ...payoutInput, accountId });

    // Act
    const attempt = rail.payout({ ...payoutInput, accountId, amountPence: 9999 });

    // Assess
    await expect(attempt).rejects.toMatchObject({ code: 'idempotency_error' });
    expect(rail.sent()).toHaveLength(1);
  });

  it('refuses to pay a known account that has not finished onboarding', async () => {
    // Prepare
    const rail = new SimulatedRail();
    const { accountId } = await rail.createConnectedAccount({
      providerId: 'prv_2',
      email: 'a@b.test',
      name: 'B',
    });

    // Act
    const attempt = rail.payout({ ...payoutInput, accountId });

    // Assess
    await expect(attempt).rejects.toMatchObject({ code: 'account_not_onboarded' });
    expect(rail.sent()).toHaveLength(0);
  });

  it('refuses non-integer and non-positive pence before recording anything', async () => {
    // Prepare
    const rail = new SimulatedRail();

    // Act
    const fraction = rail.payout({ ...payoutInput, amountPence: 0.5 });
    const zero = rail.createTopUpCheckout({ ...checkoutInput, amountPence: 0 });

    // Assess
    await expect(fraction).rejects.toBeInstanceOf(RangeError);
    await expect(zero).rejects.toBeInstanceOf(RangeError);
    expect(rail.sent()).toHaveLength(0);
    expect(rail.checkouts()).toHaveLength(0);
  });

  it('failNextPayout makes one outage with nothing sent, then pays normally', async () => {
    // Prepare
    const rail = new SimulatedRail();
    const accountId = await onboardedAccount(rail);
    rail.failNextPayout();

    // Act
    const failed = rail.payout({ ...payoutInput, accountId });
    await expect(failed).rejects.toBeInstanceOf(SimulatedRailError);
    const sentAfterOutage = rail.sent().length;
    const retried = await rail.payout({ ...payoutInput, accountId });

    // Assess
    expect(sentAfterOutage).toBe(0);
    expect(rail.sent()).toEqual([expect.objectContaining({ railTransferId: retried.railTransferId })]);
  });

  it('failNextPayout({ afterSending }) loses the response but not the transfer; the retry finds it', async () => {
    // Prepare
    const rail = new SimulatedRail();
    const accountId = await onboardedAccount(rail);
    rail.failNextPayout({ afterSending: true });

    // Act
    await expect(rail.payout({ ...payoutInput, accountId })).rejects.toMatchObject({
      code: 'simulated_lost_response',
    });
    const retried = await rail.payout({ ...payoutInput, accountId });

    // Assess
    expect(rail.sent()).toHaveLength(1);
    expect(rail.sent()[0]?.railTransferId).toBe(retried.railTransferId);
  });
});

describe('SimulatedRail listTransfers', () => {
  it('lists the transfers it made since a time', async () => {
    // Prepare
    const clock = fixedClock('2026-03-01T09:00:00Z');
    const rail = new SimulatedRail({ clock });
    const accountId = await onboardedAccount(rail);
    await rail.payout({ ...payoutInput, accountId, ledgerTransferId: 'ltr_old' });
    clock.advanceMs(60 * 60 * 1000);
    const cutOff = clock.now();
    const recent = await rail.payout({
      ...payoutInput,
      accountId,
      ledgerTransferId: 'ltr_new',
      amountPence: 777,
    });

    // Act
    const listed = await rail.listTransfers({ since: cutOff });

    // Assess
    expect(listed).toEqual([
      {
        railTransferId: recent.railTransferId,
        ledgerTransferId: 'ltr_new',
        accountId,
        amountPence: 777,
        transferGroup: 'ord_1',
        createdAt: '2026-03-01T10:00:00.000Z',
      },
    ]);
  });
});

describe('SimulatedRail accounts and checkout', () => {
  it('creates one account per provider with a sim_acct_ id and a local onboarding link', async () => {
    // Prepare
    const rail = new SimulatedRail();
    const provider = { providerId: 'prv_1', email: 'hello@sunnyday.test', name: 'Sunny Day Support' };

    // Act
    const first = await rail.createConnectedAccount(provider);
    const again = await rail.createConnectedAccount(provider);
    const link = await rail.onboardingLink({ accountId: first.accountId, returnUrl: '/r', refreshUrl: '/f' });

    // Assess
    expect(first.accountId).toMatch(/^sim_acct_/);
    expect(again).toEqual(first);
    expect(rail.accounts()).toHaveLength(1);
    expect(link.url).toBe(`/simulated-onboarding/${first.accountId}`);
    expect(rail.account(first.accountId)).toMatchObject({ payoutsEnabled: false, providerId: 'prv_1' });
  });

  it('creates a local checkout page for a top-up, the same one when asked twice', async () => {
    // Prepare
    const rail = new SimulatedRail();

    // Act
    const first = await rail.createTopUpCheckout(checkoutInput);
    const again = await rail.createTopUpCheckout(checkoutInput);

    // Assess
    expect(first.sessionId).toMatch(/^sim_cs_/);
    expect(first.url).toBe(`/simulated-checkout/${first.sessionId}`);
    expect(again).toEqual(first);
    expect(rail.checkout(first.sessionId)).toMatchObject({
      topUpId: 'top_1',
      amountPence: 5000,
      status: 'open',
    });
  });
});

describe('SimulatedRail webhooks', () => {
  it("completeCheckout's event verifies through its own parseWebhook as the paid top-up", async () => {
    // Prepare
    const rail = new SimulatedRail();
    const { sessionId } = await rail.createTopUpCheckout(checkoutInput);

    // Act
    const { rawBody, signature } = rail.completeCheckout(sessionId);
    const parsed = await rail.parseWebhook(rawBody, signature);

    // Assess
    expect(parsed).toEqual({
      eventId: expect.stringMatching(/^evt_sim_/),
      type: 'checkout.completed',
      sessionId,
      topUpId: 'top_1',
      personId: 'per_1',
      amountPence: 5000,
      paid: true,
    });
    expect(rail.checkout(sessionId)?.status).toBe('complete');
  });

  it("completeOnboarding's event verifies as account.updated with payouts enabled", async () => {
    // Prepare
    const rail = new SimulatedRail();
    const { accountId } = await rail.createConnectedAccount({
      providerId: 'prv_1',
      email: 'a@b.test',
      name: 'A',
    });

    // Act
    const { rawBody, signature } = rail.completeOnboarding(accountId);
    const parsed = await rail.parseWebhook(rawBody, signature);

    // Assess
    expect(parsed).toEqual({
      eventId: expect.stringMatching(/^evt_sim_/),
      type: 'account.updated',
      accountId,
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/),
      payoutsEnabled: true,
      detailsSubmitted: true,
    });
  });

  it('gives every event its own id', async () => {
    // Prepare
    const rail = new SimulatedRail();
    const { accountId } = await rail.createConnectedAccount({
      providerId: 'prv_1',
      email: 'a@b.test',
      name: 'A',
    });
    const sessions = await Promise.all(
      ['top_1', 'top_2', 'top_3'].map((topUpId) => rail.createTopUpCheckout({ ...checkoutInput, topUpId })),
    );

    // Act
    const webhooks = [
      rail.completeOnboarding(accountId),
      ...sessions.map((session) => rail.completeCheckout(session.sessionId)),
      rail.completeOnboarding(accountId),
    ];
    const ids = await Promise.all(
      webhooks.map(async (webhook) => (await rail.parseWebhook(webhook.rawBody, webhook.signature)).eventId),
    );

    // Assess
    expect(new Set(ids).size).toBe(5);
    expect(rail.emitted()).toHaveLength(5);
  });

  it('signs with the Stripe scheme, so a Stripe rail holding the same secret accepts the event', async () => {
    // Prepare
    const secret = 'whsec_shared_local';
    const simulated = new SimulatedRail({ webhookSecret: secret });
    const stripe = new StripeRail({ secretKey: 'sk_test_unused', webhookSecret: secret });
    const { sessionId } = await simulated.createTopUpCheckout(checkoutInput);

    // Act
    const { rawBody, signature } = simulated.completeCheckout(sessionId);
    const parsed = await stripe.parseWebhook(rawBody, signature);

    // Assess
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(parsed).toMatchObject({ type: 'checkout.completed', topUpId: 'top_1' });
  });

  it("signs exactly as the Stripe SDK's test header does, and claims the SDK's API version", () => {
    // Prepare
    const payload = '{"id":"evt_1","object":"event"}';
    const secret = 'whsec_compare';
    const timestamp = 1_700_000_000;

    // Act
    const ours = stripeSignatureHeader(payload, secret, timestamp);
    const sdks = Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });

    // Assess
    expect(ours).toBe(sdks);
    expect(SIMULATED_API_VERSION).toBe(Stripe.API_VERSION);
  });

  it('refuses events signed with a different secret, or not at all', async () => {
    // Prepare
    const rail = new SimulatedRail();
    const forger = new SimulatedRail();
    const { sessionId } = await forger.createTopUpCheckout(checkoutInput);
    const forged = forger.completeCheckout(sessionId);
    const forgedWithKnownSecret = Stripe.webhooks.generateTestHeaderString({
      payload: forged.rawBody,
      secret: 'whsec_guess',
    });

    // Act
    const withOtherRailsSignature = rail.parseWebhook(forged.rawBody, forged.signature);
    const withGuessedSecret = rail.parseWebhook(forged.rawBody, forgedWithKnownSecret);
    const unsigned = rail.parseWebhook(forged.rawBody, undefined);

    // Assess
    await expect(withOtherRailsSignature).rejects.toThrow(WebhookSignatureError);
    await expect(withGuessedSecret).rejects.toThrow(WebhookSignatureError);
    await expect(unsigned).rejects.toThrow(WebhookSignatureError);
    expect((await forger.parseWebhook(forged.rawBody, forged.signature)).type).toBe('checkout.completed');
  });

  it('refuses to complete a checkout twice or one it never created', async () => {
    // Prepare
    const rail = new SimulatedRail();
    const { sessionId } = await rail.createTopUpCheckout(checkoutInput);
    rail.completeCheckout(sessionId);

    // Act
    const twice = () => rail.completeCheckout(sessionId);
    const unknown = () => rail.completeCheckout('sim_cs_nope');

    // Assess
    expect(twice).toThrow(/already complete/);
    expect(unknown).toThrow(/No such checkout session/);
  });
});
