import * as z from 'zod';

const StripeSecret = z.object({
  STRIPE_SECRET_KEY: z.string().default(''),
  STRIPE_WEBHOOK_SECRET: z.string().default(''),
  SIMULATED_WEBHOOK_SECRET: z.string().optional(),
});

/**
 * In AWS the Stripe keys live in Secrets Manager (never in a Lambda's environment). The functions
 * that use the payment rail get the secret's ARN and read it once, on the rail's first use (the
 * webhooks function's first webhook included: none reads it at cold start). Plain environment
 * variables win, so local runs need no AWS at all. An empty key means the simulated rail. The Secrets Manager client is loaded only here.
 */
export async function loadStripeSecret(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const arn = env.STRIPE_SECRET_ARN;
  if (!arn || env.STRIPE_SECRET_KEY) return;
  const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
  const client = new SecretsManagerClient({});
  try {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    const secret = StripeSecret.parse(JSON.parse(SecretString ?? '{}'));
    if (secret.STRIPE_SECRET_KEY) env.STRIPE_SECRET_KEY = secret.STRIPE_SECRET_KEY;
    if (secret.STRIPE_WEBHOOK_SECRET) env.STRIPE_WEBHOOK_SECRET = secret.STRIPE_WEBHOOK_SECRET;
    if (secret.SIMULATED_WEBHOOK_SECRET) env.SIMULATED_WEBHOOK_SECRET = secret.SIMULATED_WEBHOOK_SECRET;
  } finally {
    client.destroy();
  }
}
