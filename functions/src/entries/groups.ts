import { paymentRail } from '../adapters/payment-rail.ts';
import { defaultDeps, provideAdapters } from '../deps.ts';
import { groupHandlers } from '../groups/handlers.ts';
import { createLambda } from '../http/lambda.ts';

// This function moves money: it bundles the payment rail, which reads the Stripe keys on first use.
provideAdapters({ paymentRail });

/** Lambda entry point for collective purchasing. */
export const handler = createLambda('groups', groupHandlers, defaultDeps);
