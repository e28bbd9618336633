import { type RailEvent, WebhookSignatureError } from '@carepool/domain';
import type Stripe from 'stripe';

/**
 * Webhook verification and mapping shared by both rails. The simulated rail signs its events with
 * exactly Stripe's scheme (`t=…,v1=HMAC-SHA256(secret, "t.body")`), so one route and one code path
 * handle both.
 */

/** How old a signed event may be before it is refused as a possible replay (Stripe's default). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

let stripeModule: Promise<typeof Stripe> | undefined;
/**
 * The Stripe SDK (about 250 KB) is loaded on first use, never at import: a Lambda that bundles the
 * payment rail but serves a request that does not touch it (most of orders', accounts', groups' and
 * jobs' routes) never evaluates it. Deployed, `stripe` is outside the bundle (infra's
 * vendor-stripe.ts ships it pre-bundled beside the payment functions only). A failed load is not
 * remembered.
 */
export function loadStripe(): Promise<typeof Stripe> {
  stripeModule ??= import('stripe').then(
    (module) => module.default,
    (error: unknown) => {
      stripeModule = undefined;
      throw error;
    },
  );
  return stripeModule;
}

/**
 * Verifies `signatureHeader` over the exact raw body against each secret in turn (a platform
 * endpoint and a Connect endpoint each have their own secret) and returns the parsed event JSON.
 * Every failure, including a missing header or an unparseable body, is a `WebhookSignatureError`.
 */
export async function verifyStripeSignature(
  rawBody: string,
  signatureHeader: string | undefined,
  secrets: readonly string[],
  receivedAtMs: number,
): Promise<unknown> {
  if (signatureHeader === undefined || signatureHeader.trim() === '') {
    throw new WebhookSignatureError('The Stripe-Signature header is missing.');
  }
  if (secrets.length === 0) throw new WebhookSignatureError('No webhook signing secret is configured.');
  const { webhooks } = await loadStripe();
  let firstFailure: unknown;
  for (const secret of secrets) {
    try {
      // constructEventAsync only checks the signature (HMAC through Web Crypto) and timestamp, then
      // JSON-parses the body; asynchronous so that the SDK itself can be loaded on first use.
      const event: unknown = await webhooks.constructEventAsync(
        rawBody,
        signatureHeader,
        secret,
        WEBHOOK_TOLERANCE_SECONDS,
        undefined,
        receivedAtMs,
      );
      return event;
    } catch (error) {
      firstFailure ??= error;
    }
  }
  const reason = firstFailure instanceof Error ? firstFailure.message : String(firstFailure);
  throw new WebhookSignatureError(`Webhook signature verification failed: ${reason}`);
}

/**
 * Turns a verified Stripe event into a RailEvent. The JSON is authentic but its shape is still
 * checked: an event we cannot read (or a checkout that is not one of our top-ups) is `ignored`
 * rather than half-mapped.
 */
export function toRailEvent(event: unknown): RailEvent {
  const root = asRecord(event);
  const eventId = stringAt(root, 'id');
  const railType = stringAt(root, 'type') ?? 'unknown';
  if (eventId === undefined) throw new WebhookSignatureError('The webhook body is not a Stripe event.');
  const object = asRecord(asRecord(root?.data)?.object);

  switch (railType) {
    case 'account.updated': {
      const accountId = stringAt(object, 'id');
      const created = root?.created;
      if (accountId === undefined || typeof created !== 'number' || !Number.isSafeInteger(created)) break;
      return {
        eventId,
        type: 'account.updated',
        accountId,
        occurredAt: new Date(created * 1000).toISOString(),
        payoutsEnabled: object?.payouts_enabled === true,
        detailsSubmitted: object?.details_submitted === true,
      };
    }
    case 'checkout.session.completed':
    // A delayed payment method (e.g. Bacs Direct Debit) completes the session unpaid and sends this
    // one when the money arrives; it is the same session, now paid.
    case 'checkout.session.async_payment_succeeded': {
      const sessionId = stringAt(object, 'id');
      const metadata = asRecord(object?.metadata);
      const topUpId = stringAt(metadata, 'topUpId');
      const personId = stringAt(metadata, 'personId');
      const amountTotal = object?.amount_total;
      if (
        sessionId === undefined ||
        topUpId === undefined ||
        personId === undefined ||
        typeof amountTotal !== 'number' ||
        !Number.isSafeInteger(amountTotal)
      ) {
        break;
      }
      return {
        eventId,
        type: 'checkout.completed',
        sessionId,
        topUpId,
        personId,
        amountPence: amountTotal,
        paid: object?.payment_status === 'paid',
      };
    }
  }
  return { eventId, type: 'ignored', railType };
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function stringAt(record: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = record?.[key];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
