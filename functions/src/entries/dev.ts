import { defaultDeps } from '../deps.ts';
import { devHandlers } from '../dev/handlers.ts';
import { createLambda } from '../http/lambda.ts';

/** Lambda entry point for the dev context. */
export const handler = createLambda('dev', devHandlers, defaultDeps);
