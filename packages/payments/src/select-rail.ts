import type { Clock, PaymentRail, SimulatedRailStore } from '@carepool/domain';
import { SimulatedRail } from './simulated-rail.ts';
import { StripeRail } from './stripe-rail.ts';

export interface PaymentRailEnv {
  /** Set → the Stripe rail. Unset or blank → the simulated rail. */
  STRIPE_SECRET_KEY?: string;
  /**
   * Required with a Stripe key. Comma-separated when the platform endpoint and the Connect endpoint
   * (which carries providers' `account.updated`) both deliver to the same route with their own secrets.
   */
  STRIPE_WEBHOOK_SECRET?: string;
  /** Optional: lets another process verify what the simulated rail signs; random per instance otherwise. */
  SIMULATED_WEBHOOK_SECRET?: string;
}

/**
 * Picks the rail from configuration: Stripe when a secret key is set, the simulated rail otherwise.
 * A Stripe key without a webhook secret is refused at start-up: every webhook would otherwise be
 * rejected and top-ups would never be credited.
 */
export function createPaymentRail(
  env: PaymentRailEnv,
  options: { clock?: Clock; simulatedStore?: SimulatedRailStore } = {},
): PaymentRail {
  const secretKey = env.STRIPE_SECRET_KEY?.trim();
  if (secretKey) {
    const webhookSecrets = (env.STRIPE_WEBHOOK_SECRET ?? '')
      .split(',')
      .map((secret) => secret.trim())
      .filter((secret) => secret !== '');
    if (webhookSecrets.length === 0) {
      throw new Error(
        'STRIPE_SECRET_KEY is set but STRIPE_WEBHOOK_SECRET is not. Set it to the webhook endpoint signing ' +
          'secret (whsec_…) from the Stripe Dashboard, or unset STRIPE_SECRET_KEY to use the simulated rail.',
      );
    }
    return new StripeRail({ secretKey, webhookSecret: webhookSecrets });
  }
  const simulatedSecret = env.SIMULATED_WEBHOOK_SECRET?.trim();
  // The simulated rail stamps its events with the same clock as everything else, as Stripe's
  // `created` and our own times agree in production.
  return new SimulatedRail({
    ...(simulatedSecret ? { webhookSecret: simulatedSecret } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.simulatedStore ? { store: options.simulatedStore } : {}),
  });
}
