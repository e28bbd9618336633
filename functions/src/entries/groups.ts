import { defaultDeps } from '../deps.ts';
import { groupHandlers } from '../groups/handlers.ts';
import { createLambda } from '../http/lambda.ts';
import { loadStripeSecret } from '../secrets.ts';

// Stripe keys come from Secrets Manager in AWS; read once, before the first request.
await loadStripeSecret();

/** Lambda entry point for collective purchasing. */
export const handler = createLambda('groups', groupHandlers, defaultDeps);
