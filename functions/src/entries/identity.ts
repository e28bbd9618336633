import { cognito } from '../adapters/cognito.ts';
import { defaultDeps, provideAdapters } from '../deps.ts';
import { createLambda } from '../http/lambda.ts';
import { identityHandlers } from '../identity/handlers.ts';

// The only function that signs people in and emails invitations: it alone bundles Cognito and SES.
provideAdapters({ cognito });

/** Lambda entry point for councils, accounts and invitations. */
export const handler = createLambda('identity', identityHandlers, defaultDeps);
