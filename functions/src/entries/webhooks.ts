import { defaultDeps } from '../deps.ts';
import { createLambda } from '../http/lambda.ts';
import { loadStripeSecret } from '../secrets.ts';
import { webhookHandlers } from '../webhooks/handlers.ts';

// Stripe keys come from Secrets Manager in AWS; read once, before the first request.
await loadStripeSecret();

/** Lambda entry point for payment-rail webhooks. */
export const handler = createLambda('webhooks', webhookHandlers, defaultDeps);
