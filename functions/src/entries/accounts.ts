import { accountHandlers } from '../accounts/handlers.ts';
import { defaultDeps } from '../deps.ts';
import { createLambda } from '../http/lambda.ts';
import { loadStripeSecret } from '../secrets.ts';

// Stripe keys come from Secrets Manager in AWS; read once, before the first request.
await loadStripeSecret();

/** Lambda entry point for the accounts context. */
export const handler = createLambda('accounts', accountHandlers, defaultDeps);
