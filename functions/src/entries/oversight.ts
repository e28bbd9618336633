import { defaultDeps } from '../deps.ts';
import { createLambda } from '../http/lambda.ts';
import { oversightHandlers } from '../oversight/handlers.ts';

/** Lambda entry point for oversight: alerts, monitoring report, outcome surveys. */
export const handler = createLambda('oversight', oversightHandlers, defaultDeps);
