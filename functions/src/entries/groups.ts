import { defaultDeps } from '../deps.ts';
import { groupHandlers } from '../groups/handlers.ts';
import { createLambda } from '../http/lambda.ts';

/** Lambda entry point for collective purchasing. */
export const handler = createLambda('groups', groupHandlers, defaultDeps);
