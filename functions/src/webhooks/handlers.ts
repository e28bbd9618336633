import { handleRailWebhook } from '@carepool/domain';
import type { Implementations } from '../http/lambda.ts';

export const webhookHandlers: Implementations<'webhooks'> = {
  // The signature covers the exact bytes Stripe sent, so the raw body is used, never re-serialised JSON.
  stripeWebhook: async ({ rawBody, headers }, { payments }) =>
    handleRailWebhook(payments, rawBody, headers['stripe-signature']),
};
