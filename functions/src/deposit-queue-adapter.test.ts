import { describe, expect, it } from 'vitest';
import { depositQueue } from './adapters/deposit-queue.ts';
import { buildDeps, readEnv } from './deps.ts';
import { InProcessDepositQueue, SqsDepositQueue } from './jobs/deposit-queues.ts';

const message = { councilId: 'cnc_1', personId: 'per_1' };

describe('the deposits queue adapter', () => {
  const withQueue = readEnv({
    CAREPOOL_TABLE: 'carepool',
    CAREPOOL_DEPOSITS_QUEUE_URL: 'https://sqs.eu-west-2.amazonaws.com/123456789012/deposits',
  });

  it('sends to SQS in the function that registers it (the jobs function)', () => {
    const deps = buildDeps(withQueue, { adapters: { depositQueue } });

    expect(deps.deposits.queue).toBeInstanceOf(SqsDepositQueue);
  });

  it('refuses to send, rather than post in-process, in a function given the URL without registering it', async () => {
    const deps = buildDeps(withQueue, { adapters: {} });

    await expect(deps.deposits.queue.send([message])).rejects.toThrow(/no deposits queue/);
  });

  it('posts in-process without a queue URL (local runs and tests)', () => {
    const deps = buildDeps(readEnv({ CAREPOOL_TABLE: 'carepool' }), { adapters: {} });

    expect(deps.deposits.queue).toBeInstanceOf(InProcessDepositQueue);
  });
});
