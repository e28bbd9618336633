import { accountHandlers } from '../accounts/handlers.ts';
import { defaultDeps } from '../deps.ts';
import { createLambda } from '../http/lambda.ts';

/** Lambda entry point for the accounts context. */
export const handler = createLambda('accounts', accountHandlers, defaultDeps);
