/**
 * Every path the web app answers, as React Router patterns: the web app's router and the servers
 * that serve it share this list, so an address the app does not know is answered with HTTP 404
 * (and the app's "Page not found"), not a 200. A test checks it against web/src/routes.tsx.
 */

/** Pages anyone may see without signing in. */
export const publicWebPaths = [
  '/',
  '/sign-in',
  '/signed-in',
  '/signed-out',
  '/accessibility',
  '/help',
  '/contact',
  '/privacy',
  '/cookies',
  '/sign-up',
  '/dev/messages',
  '/invitations/:invitationId',
  '/find-support',
  '/find-support/results',
  '/listings/:listingId',
  '/providers/:providerId',
] as const;

/** Pages for someone signed in: a signed-out visitor is asked to sign in, then brought back. */
export const signedInWebPaths = [
  '/listings/:listingId/start-group',
  '/providers/:providerId/verify',
  '/book/:listingId',
  '/book/:listingId/check',
  '/acting-for',
  '/my-budget',
  '/groups',
  '/groups/:groupId',
  '/groups/:groupId/join',
  '/groups/:groupId/leave',
  '/groups/:groupId/close',
  '/groups/:groupId/deliver',
  '/requests',
  '/requests/new',
  '/requests/:requestId',
  '/requests/:requestId/quote',
  '/requests/:requestId/quotes/:quoteId/accept',
  '/people/:personId',
  '/people/:personId/statement',
  '/people/:personId/orders',
  '/people/:personId/groups',
  '/people/:personId/top-up',
  '/people/:personId/plan',
  '/people/:personId/plans/new',
  '/people/:personId/invoices/new',
  '/people/:personId/delegations',
  '/people/:personId/delegations/new',
  '/people/:personId/delegations/invite',
  '/people/:personId/invite',
  '/people/:personId/delegations/:userId/remove',
  '/people/:personId/budget/edit',
  '/pay-invoice',
  '/plans/:planId',
  '/plans/:planId/edit',
  '/plans/:planId/approve',
  '/plans/:planId/reject',
  '/plans/:planId/refer',
  '/orders/:orderId',
  '/orders/:orderId/deliver',
  '/orders/:orderId/dispute',
  '/orders/:orderId/cancel',
  '/orders/:orderId/decline',
  '/orders/:orderId/decline-payment',
  '/people/:personId/oversight',
  '/orders/:orderId/resolve',
  '/orders/:orderId/review',
  '/provider',
  '/provider/register',
  '/provider/:providerId',
  '/provider/:providerId/orders',
  '/provider/:providerId/listings/new',
  '/council',
  '/council/register',
  '/council/unmet-demand',
  '/council/monitoring',
  '/council/alerts',
  '/council/alerts/:alertId',
  '/council/alerts/:alertId/resolve',
  '/people/:personId/outcome-survey',
  '/finance',
  '/admin',
  '/admin/invite',
  '/admin/invitations',
  '/admin/accounts/:userId/remove',
  '/admin/settings',
  '/operator',
  '/operator/councils/new',
  '/operator/councils/:councilId/invite',
  '/council/people',
  '/council/payments',
  '/council/disputes',
  '/council/providers-to-check',
  '/audit',
  '/audit/people',
  '/audit/:entityType/:id',
  '/finance/exceptions',
  '/provider/register/check',
  '/provider/register/:task',
  '/provider/:providerId/money',
  '/provider/:providerId/profile',
  '/provider/listings/:listingId/edit',
  '/provider/listings/:listingId/status',
] as const;

export const webPaths: readonly string[] = [...publicWebPaths, ...signedInWebPaths];

/** The regular expression for one path: `:name` stands for one segment; a trailing slash is allowed. */
export function webPathPattern(path: string): RegExp {
  const escaped = path
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${escaped}/?$`);
}

const compiled = webPaths.map((path) => ({ path, pattern: webPathPattern(path) }));

/** The pattern an address matches (`/orders/ord_1` → `/orders/:orderId`), or undefined: a 404. */
export function matchWebPath(pathname: string): string | undefined {
  return compiled.find(({ pattern }) => pattern.test(pathname))?.path;
}

/** Whether the page at this address is for signed-in people only. */
export function needsSignIn(pathname: string): boolean {
  const path = matchWebPath(pathname);
  return path !== undefined && (signedInWebPaths as readonly string[]).includes(path);
}
