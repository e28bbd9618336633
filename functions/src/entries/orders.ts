import { defaultDeps } from '../deps.ts';
import { createLambda } from '../http/lambda.ts';
import { orderHandlers } from '../orders/handlers.ts';
import { loadStripeSecret } from '../secrets.ts';

// Stripe keys come from Secrets Manager in AWS; read once, before the first request.
await loadStripeSecret();

/** Lambda entry point for the orders context. */
export const handler = createLambda('orders', orderHandlers, defaultDeps);
