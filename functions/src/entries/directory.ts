import { defaultDeps } from '../deps.ts';
import { directoryHandlers } from '../directory/handlers.ts';
import { createLambda } from '../http/lambda.ts';

/** Lambda entry point for the directory context. */
export const handler = createLambda('directory', directoryHandlers, defaultDeps);
