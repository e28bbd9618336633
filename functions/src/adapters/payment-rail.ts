import type { PaymentRail, RailEvent } from '@carepool/domain';
import { createPaymentRail } from '@carepool/payments';
import type { Adapters } from '../deps.ts';
import { loadStripeSecret } from '../secrets.ts';

type RailContext = Parameters<NonNullable<Adapters['paymentRail']>>[1];

/** The rail from the keys in the environment: Stripe with a key, the simulated rail without. */
function railFromEnvironment(source: NodeJS.ProcessEnv, context: RailContext): PaymentRail {
  return createPaymentRail(
    {
      ...(source.STRIPE_SECRET_KEY ? { STRIPE_SECRET_KEY: source.STRIPE_SECRET_KEY } : {}),
      ...(source.STRIPE_WEBHOOK_SECRET ? { STRIPE_WEBHOOK_SECRET: source.STRIPE_WEBHOOK_SECRET } : {}),
      ...(source.SIMULATED_WEBHOOK_SECRET
        ? { SIMULATED_WEBHOOK_SECRET: source.SIMULATED_WEBHOOK_SECRET }
        : {}),
    },
    context,
  );
}

/**
 * In AWS the keys are in Secrets Manager: this rail reads them on its first call rather than at cold
 * start, so the orders, accounts, groups and jobs functions' other routes never wait for the
 * secret, and the webhooks function's first request reads it rather than its start. A failed read is
 * not remembered: the next call tries again.
 */
class SecretLoadingRail implements PaymentRail {
  readonly kind = 'stripe';
  private loaded: PaymentRail | undefined;
  private loading: Promise<PaymentRail> | undefined;

  constructor(private readonly context: RailContext) {}

  private rail(): Promise<PaymentRail> {
    if (this.loaded) return Promise.resolve(this.loaded);
    this.loading ??= loadStripeSecret().then(
      () => {
        this.loaded = railFromEnvironment(process.env, this.context);
        return this.loaded;
      },
      (error: unknown) => {
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }

  async createConnectedAccount(input: Parameters<PaymentRail['createConnectedAccount']>[0]) {
    return (await this.rail()).createConnectedAccount(input);
  }
  async onboardingLink(input: Parameters<PaymentRail['onboardingLink']>[0]) {
    return (await this.rail()).onboardingLink(input);
  }
  async payout(input: Parameters<PaymentRail['payout']>[0]) {
    return (await this.rail()).payout(input);
  }
  async createTopUpCheckout(input: Parameters<PaymentRail['createTopUpCheckout']>[0]) {
    return (await this.rail()).createTopUpCheckout(input);
  }
  async listTransfers(input: Parameters<PaymentRail['listTransfers']>[0]) {
    return (await this.rail()).listTransfers(input);
  }
  async parseWebhook(rawBody: string, signatureHeader: string | undefined): Promise<RailEvent> {
    return (await this.rail()).parseWebhook(rawBody, signatureHeader);
  }
}

/**
 * The payment rail, for the functions that move money (infra's paymentRailFunctions). Registered by
 * their entries only. Neither rail loads the Stripe SDK until a call needs it (stripe-webhooks.ts).
 */
export const paymentRail: NonNullable<Adapters['paymentRail']> = (env, context) =>
  env.STRIPE_SECRET_ARN && !env.STRIPE_SECRET_KEY
    ? new SecretLoadingRail(context)
    : railFromEnvironment(process.env, context);
