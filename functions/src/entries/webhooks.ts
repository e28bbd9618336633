import { paymentRail } from '../adapters/payment-rail.ts';
import { defaultDeps, provideAdapters } from '../deps.ts';
import { createLambda } from '../http/lambda.ts';
import { webhookHandlers } from '../webhooks/handlers.ts';

// The rail reads the Stripe keys and loads the SDK on the first webhook, not at cold start.
provideAdapters({ paymentRail });

/** Lambda entry point for payment-rail webhooks. */
export const handler = createLambda('webhooks', webhookHandlers, defaultDeps);
