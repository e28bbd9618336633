import { defaultDeps } from '../deps.ts';
import { createLambda } from '../http/lambda.ts';
import { platformHandlers } from '../platform/handlers.ts';

/** Lambda entry point for the platform context. */
export const handler = createLambda('platform', platformHandlers, defaultDeps);
