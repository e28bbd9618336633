import { paymentRail } from '../adapters/payment-rail.ts';
import { defaultDeps, provideAdapters } from '../deps.ts';
import { createLambda } from '../http/lambda.ts';
import { orderHandlers } from '../orders/handlers.ts';

// This function moves money: it bundles the payment rail, which reads the Stripe keys on first use.
provideAdapters({ paymentRail });

/** Lambda entry point for the orders context. */
export const handler = createLambda('orders', orderHandlers, defaultDeps);
