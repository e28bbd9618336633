import {
  accountSummary,
  decideDeposit,
  postFunding,
  reconciliationExceptions,
  startPayoutOnboarding,
  startTopUp,
  statementCsv,
  statementOf,
} from '@carepool/domain';
import { type Implementations, RawResponse } from '../http/lambda.ts';

export const accountHandlers: Implementations<'accounts'> = {
  getAccount: async ({ params, caller }, { money }) => accountSummary(money, { caller }, params.id),
  getStatement: async ({ params, query, caller }, { money }) => {
    const statement = await statementOf(money, { caller }, params.id, query.from, query.to);
    return query.format === 'csv'
      ? new RawResponse(
          'text/csv; charset=utf-8',
          statementCsv(statement),
          `statement-${query.from}-to-${query.to}.csv`,
        )
      : statement;
  },
  startTopUp: async ({ params, body, caller, requestId }, { payments }) =>
    startTopUp(payments, { caller, requestId }, params.id, body),
  startPayoutOnboarding: async ({ params, caller, requestId }, { payments }) =>
    startPayoutOnboarding(payments, { caller, requestId }, params.id),
  listReconciliationExceptions: async ({ caller }, { payments }) => ({
    items: await reconciliationExceptions(payments, { caller }),
  }),
  postFunding: async ({ params, body, caller, requestId }, { money }) =>
    postFunding(money, { caller, requestId }, params.id, body),
  approveDeposit: async ({ params, body, caller, requestId }, { money }) =>
    decideDeposit(money, { caller, requestId }, params.id, { outcome: 'approve', reason: body.reason }),
  rejectDeposit: async ({ params, body, caller, requestId }, { money }) =>
    decideDeposit(money, { caller, requestId }, params.id, { outcome: 'reject', reason: body.reason }),
};
