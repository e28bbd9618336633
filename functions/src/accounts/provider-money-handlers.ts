import { providerPayouts, providerRemittance, remittanceCsv } from '@carepool/domain';
import { type ImplementationsOf, RawResponse } from '../http/lambda.ts';
import type { providerMoneyRoutes } from './provider-money-routes.ts';

/** CSV when asked by `format=csv`, or by an Accept header that prefers it to JSON. */
function wantsCsv(format: string, accept: string | undefined): boolean {
  if (format === 'csv') return true;
  return accept !== undefined && /\btext\/csv\b/i.test(accept) && !/\bapplication\/json\b/i.test(accept);
}

export const providerMoneyHandlers: ImplementationsOf<typeof providerMoneyRoutes> = {
  listProviderPayouts: async ({ params, query, caller }, { providerMoney }) =>
    providerPayouts(providerMoney, { caller }, params.id, query),
  getProviderRemittance: async ({ params, query, caller, headers }, { providerMoney }) => {
    const remittance = await providerRemittance(providerMoney, { caller }, params.id, query.from, query.to);
    return wantsCsv(query.format, headers.accept)
      ? new RawResponse(
          'text/csv; charset=utf-8',
          remittanceCsv(remittance),
          `remittance-${remittance.from}-to-${remittance.to}.csv`,
        )
      : remittance;
  },
};
