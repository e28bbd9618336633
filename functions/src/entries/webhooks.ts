import { defaultDeps } from '../deps.ts';
import { createLambda } from '../http/lambda.ts';
import { webhookHandlers } from '../webhooks/handlers.ts';

/** Lambda entry point for payment-rail webhooks. */
export const handler = createLambda('webhooks', webhookHandlers, defaultDeps);
