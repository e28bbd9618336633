import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export type Fault = 'conflict' | 'throttle' | 'timeout_after_commit';

/**
 * DynamoDB Local never raises TransactionConflictException or throttles, so tests inject those
 * failures here, on TransactWriteItems only. `timeout_after_commit` lets the write land and then
 * loses the answer, the nastiest case for exactly-once: the retry must see its own transfer.
 */
export function injectFaults(
  db: DynamoDBDocumentClient,
  nextFault: () => Fault | undefined,
): { injected: Record<Fault, number> } {
  const injected: Record<Fault, number> = { conflict: 0, throttle: 0, timeout_after_commit: 0 };
  db.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'TransactWriteItemsCommand') return next(args);
      const fault = nextFault();
      if (fault) injected[fault] += 1;
      if (fault === 'conflict') {
        const items = ((args.input as { TransactItems?: unknown[] }).TransactItems ?? []).length;
        throw new TransactionCanceledException({
          message: 'Transaction cancelled (injected conflict)',
          $metadata: {},
          CancellationReasons: Array.from({ length: items }, (_, i) => ({
            Code: i === 1 ? 'TransactionConflict' : 'None',
          })),
        });
      }
      if (fault === 'throttle') {
        throw Object.assign(new Error('Rate exceeded (injected)'), {
          name: 'ThrottlingException',
          $retryable: { throttling: true },
        });
      }
      const result = await next(args);
      if (fault === 'timeout_after_commit')
        throw Object.assign(new Error('Socket timed out (injected)'), { name: 'TimeoutError' });
      return result;
    },
    { step: 'initialize', name: 'injectFaults', priority: 'low' },
  );
  return { injected };
}
