import {
  accountSummary,
  decideDeposit,
  pageByPosition,
  postFunding,
  reconciliationExceptions,
  startPayoutOnboarding,
  startTopUp,
  statementCsv,
  statementOf,
} from '@carepool/domain';
import { type Implementations, RawResponse } from '../http/lambda.ts';
import { providerMoneyHandlers } from './provider-money-handlers.ts';

/** One page of the statement's lines; the opening and closing balances stay the whole period's. */
function statementPage(
  statement: Awaited<ReturnType<typeof statementOf>>,
  personId: string,
  query: { limit: number; cursor?: string | undefined },
) {
  // The cursor belongs to the period actually shown, defaulted or not.
  const { items, nextCursor } = pageByPosition(
    statement.lines,
    `STATEMENT#${personId}#${statement.from}#${statement.to}`,
    query,
  );
  return { ...statement, lines: items, ...(nextCursor === undefined ? {} : { nextCursor }) };
}

export const accountHandlers: Implementations<'accounts'> = {
  getAccount: async ({ params, caller }, { money }) => accountSummary(money, { caller }, params.id),
  getStatement: async ({ params, query, caller }, { money }) => {
    const statement = await statementOf(money, { caller }, params.id, query.from, query.to);
    return query.format === 'csv'
      ? new RawResponse(
          'text/csv; charset=utf-8',
          statementCsv(statement),
          `statement-${statement.from}-to-${statement.to}.csv`,
        )
      : statementPage(statement, params.id, query);
  },
  startTopUp: async ({ params, body, caller, requestId }, { payments }) =>
    startTopUp(payments, { caller, requestId }, params.id, body),
  startPayoutOnboarding: async ({ params, caller, requestId }, { payments }) =>
    startPayoutOnboarding(payments, { caller, requestId }, params.id),
  listReconciliationExceptions: async ({ caller, query }, { payments }) =>
    reconciliationExceptions(payments, { caller }, query),
  postFunding: async ({ params, body, caller, requestId }, { money }) =>
    postFunding(money, { caller, requestId }, params.id, body),
  approveDeposit: async ({ params, body, caller, requestId }, { money }) =>
    decideDeposit(money, { caller, requestId }, params.id, { outcome: 'approve', reason: body.reason }),
  rejectDeposit: async ({ params, body, caller, requestId }, { money }) =>
    decideDeposit(money, { caller, requestId }, params.id, { outcome: 'reject', reason: body.reason }),
  ...providerMoneyHandlers,
};
