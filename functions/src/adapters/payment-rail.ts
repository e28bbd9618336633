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
 * secret. A failed read is not remembered: the next call tries again. `parseWebhook` is synchronous,
 * so the webhooks function reads the secret at start (its every request needs it).
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
  parseWebhook(rawBody: string, signatureHeader: string | undefined): RailEvent {
    if (!this.loaded) throw new Error('The Stripe secret has not been read: read it before parsing webhooks');
    return this.loaded.parseWebhook(rawBody, signatureHeader);
  }
}

/**
 * The payment rail, for the functions that move money (infra's paymentRailFunctions). Registered by
 * their entries only, so no other function bundles the Stripe SDK.
 */
export const paymentRail: NonNullable<Adapters['paymentRail']> = (env, context) =>
  env.STRIPE_SECRET_ARN && !env.STRIPE_SECRET_KEY
    ? new SecretLoadingRail(context)
    : railFromEnvironment(process.env, context);
