import { paymentRail } from '../adapters/payment-rail.ts';
import { defaultDeps, provideAdapters } from '../deps.ts';
import { createLambda } from '../http/lambda.ts';
import { loadStripeSecret } from '../secrets.ts';
import { webhookHandlers } from '../webhooks/handlers.ts';

// Every request here checks a signature with the Stripe keys (synchronously): read them at cold start.
await loadStripeSecret();
provideAdapters({ paymentRail });

/** Lambda entry point for payment-rail webhooks. */
export const handler = createLambda('webhooks', webhookHandlers, defaultDeps);
