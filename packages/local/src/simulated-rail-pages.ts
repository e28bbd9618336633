import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimulatedRail } from '@carepool/payments';

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – simulated payment (Carepool local)</title>
<style>body{font-family:Arial,sans-serif;max-width:38em;margin:2em auto;padding:0 1em;line-height:1.5}
.tag{display:inline-block;background:#ffdd00;color:#0b0c0c;padding:.2em .5em;font-weight:bold}
button{background:#00703c;color:#fff;border:0;padding:.6em 1.2em;font-size:1.1em;cursor:pointer}
button:focus{outline:3px solid #ffdd00;box-shadow:0 4px 0 #0b0c0c}</style></head>
<body><main><p class="tag">Simulated payment rail: no real money moves</p>${body}</main></body></html>`;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Stand-ins for Stripe's hosted checkout and onboarding pages, for local runs. Completing one
 * sends the same signed webhook Stripe would to this server's own /v1/webhooks/stripe.
 */
export async function simulatedRailPage(
  rail: SimulatedRail,
  method: string,
  path: string,
  _request: IncomingMessage,
  response: ServerResponse,
  /**
   * Where the signed webhook goes: the configured public address, never one built from the request's
   * `Host` header, which the caller controls (it could point the webhook at another server).
   */
  webhookUrl: string,
): Promise<void> {
  const [, kind, id = ''] = /^\/simulated-(checkout|onboarding)\/([^/]+)$/.exec(path) ?? [];
  const send = (status: number, html: string) => {
    response.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html);
  };
  if (kind === 'checkout') {
    const checkout = rail.checkout(id);
    if (!checkout) return send(404, page('Not found', '<h1>We cannot find that payment</h1>'));
    if (method === 'GET') {
      return send(
        200,
        page(
          'Pay',
          `<h1>Top up £${(checkout.amountPence / 100).toFixed(2)}</h1><p>This stands in for Stripe's card payment page.</p>
<form method="post"><button type="submit">Pay £${(checkout.amountPence / 100).toFixed(2)}</button></form>
<p><a href="${escapeHtml(checkout.cancelUrl)}">Cancel and go back</a></p>`,
        ),
      );
    }
    if (checkout.status === 'complete') {
      // Pay pressed twice (or the page resubmitted): paid already, so back to the app, as Stripe does.
      response.writeHead(303, { location: checkout.successUrl });
      response.end();
      return;
    }
    const webhook = rail.completeCheckout(id);
    await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': webhook.signature },
      body: webhook.rawBody,
    });
    response.writeHead(303, { location: checkout.successUrl });
    response.end();
    return;
  }
  if (kind === 'onboarding') {
    if (!rail.account(id)) return send(404, page('Not found', '<h1>We cannot find that account</h1>'));
    if (method === 'GET') {
      return send(
        200,
        page(
          'Set up payouts',
          `<h1>Set up payouts</h1><p>This stands in for Stripe's onboarding.</p><form method="post"><button type="submit">Finish setting up</button></form>`,
        ),
      );
    }
    const webhook = rail.completeOnboarding(id);
    await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': webhook.signature },
      body: webhook.rawBody,
    });
    const link = rail.onboardingLinks().find((l) => l.accountId === id);
    response.writeHead(303, { location: link?.returnUrl ?? '/' });
    response.end();
    return;
  }
  send(404, page('Not found', '<h1>Page not found</h1>'));
}
