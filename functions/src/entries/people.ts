import { defaultDeps } from '../deps.ts';
import { createLambda } from '../http/lambda.ts';
import { peopleHandlers } from '../people/handlers.ts';

/** Lambda entry point for the people context: holders, budgets, plans, delegations, audit. */
export const handler = createLambda('people', peopleHandlers, defaultDeps);
