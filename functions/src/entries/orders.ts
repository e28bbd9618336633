import { defaultDeps } from '../deps.ts';
import { createLambda } from '../http/lambda.ts';
import { orderHandlers } from '../orders/handlers.ts';

/** Lambda entry point for the orders context. */
export const handler = createLambda('orders', orderHandlers, defaultDeps);
