import { defaultDeps } from '../deps.ts';
import { createLambda } from '../http/lambda.ts';
import { identityHandlers } from '../identity/handlers.ts';

/** Lambda entry point for councils, accounts and invitations. */
export const handler = createLambda('identity', identityHandlers, defaultDeps);
