/**
 * A provider's money (issue 15): its payouts and a remittance for its accountant. Spread into THE
 * route table in ../routes.ts; kept in their own module so the statement and reconciliation work
 * in the same function can change without editing the same lines.
 */
import {
  defineRoute,
  PageQuery,
  ProviderIdParams,
  ProviderPayoutPage,
  RemittanceQuery,
  RemittanceView,
  type RouteSpec,
} from '@carepool/contracts';

export const providerMoneyRoutes = {
  listProviderPayouts: defineRoute({
    method: 'GET',
    path: '/v1/providers/{id}/payouts',
    function: 'accounts',
    auth: 'jwt',
    roles: ['provider', 'broker'],
    summary: 'What your provider is owed, has booked and was paid, and its payouts newest first',
    tags: ['accounts'],
    params: ProviderIdParams,
    query: PageQuery,
    response: ProviderPayoutPage,
    status: 200,
  }),
  getProviderRemittance: defineRoute({
    method: 'GET',
    path: '/v1/providers/{id}/remittance',
    function: 'accounts',
    auth: 'jwt',
    roles: ['provider', 'broker'],
    summary:
      'Every payout to your provider between two dates, for your accounts (format=csv for a spreadsheet)',
    tags: ['accounts'],
    params: ProviderIdParams,
    query: RemittanceQuery,
    response: RemittanceView,
    status: 200,
  }),
} satisfies Record<string, RouteSpec>;
