import { describe, expect, it } from 'vitest';
import { createPaymentRail } from './select-rail.ts';
import { SimulatedRail } from './simulated-rail.ts';
import { StripeRail } from './stripe-rail.ts';

describe('createPaymentRail', () => {
  it('uses the simulated rail when no Stripe key is configured', () => {
    // Prepare
    const env = {};

    // Act
    const rail = createPaymentRail(env);

    // Assess
    expect(rail).toBeInstanceOf(SimulatedRail);
    expect(rail.kind).toBe('simulated');
  });

  it('treats a blank Stripe key as none', () => {
    // Prepare
    const env = { STRIPE_SECRET_KEY: '  ' };

    // Act
    const rail = createPaymentRail(env);

    // Assess
    expect(rail.kind).toBe('simulated');
  });

  it('uses Stripe when a key and a webhook secret are configured', () => {
    // Prepare
    const env = { STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_WEBHOOK_SECRET: 'whsec_abc' };

    // Act
    const rail = createPaymentRail(env);

    // Assess
    expect(rail).toBeInstanceOf(StripeRail);
    expect(rail.kind).toBe('stripe');
  });

  it.each([
    ['missing', undefined],
    ['blank', ' '],
  ])('refuses a Stripe key whose webhook secret is %s', (_label, webhookSecret) => {
    // Prepare
    const env = { STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_WEBHOOK_SECRET: webhookSecret };

    // Act
    const create = () => createPaymentRail(env);

    // Assess
    expect(create).toThrow(/STRIPE_WEBHOOK_SECRET/);
  });

  it('gives the simulated rail the configured secret, so another process can verify its events', async () => {
    // Prepare
    const env = { SIMULATED_WEBHOOK_SECRET: 'whsec_local_shared' };
    const emitter = createPaymentRail(env);
    const verifier = createPaymentRail(env);
    if (!(emitter instanceof SimulatedRail)) throw new Error('expected the simulated rail');
    const { accountId } = await emitter.createConnectedAccount({
      providerId: 'prv_1',
      email: 'a@b.test',
      name: 'A',
    });

    // Act
    const { rawBody, signature } = emitter.completeOnboarding(accountId);
    const parsed = await verifier.parseWebhook(rawBody, signature);

    // Assess
    expect(parsed).toMatchObject({ type: 'account.updated', accountId, payoutsEnabled: true });
  });

  it('splits a comma-separated STRIPE_WEBHOOK_SECRET into the platform and Connect secrets', async () => {
    // Prepare
    const env = { STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_WEBHOOK_SECRET: 'whsec_platform, whsec_connect' };
    const signer = new SimulatedRail({ webhookSecret: 'whsec_connect' });
    const { accountId } = await signer.createConnectedAccount({
      providerId: 'prv_1',
      email: 'a@b.test',
      name: 'A',
    });
    const { rawBody, signature } = signer.completeOnboarding(accountId);

    // Act
    const parsed = await createPaymentRail(env).parseWebhook(rawBody, signature);

    // Assess
    expect(parsed).toMatchObject({ type: 'account.updated', accountId });
  });
});
