import { randomUUID } from 'node:crypto';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DepositMessage, DepositOutcome, DepositQueue } from '@carepool/domain';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { depositMessageBody } from './deposit-worker.ts';

/** SQS takes at most ten messages a SendMessageBatch call. */
const sqsBatchSize = 10;

/** In AWS: the deposits queue, which the deposits worker function consumes. */
export class SqsDepositQueue implements DepositQueue {
  private client: SQSClient | undefined;

  constructor(
    private readonly queueUrl: string,
    private readonly region: string,
  ) {}

  async send(messages: DepositMessage[]): Promise<void> {
    // Loaded on first use: only the jobs function sends, so no other function pays for the client at start.
    const sqs = await import('@aws-sdk/client-sqs');
    this.client ??= new sqs.SQSClient({ region: this.region });
    const client = this.client;
    for (let i = 0; i < messages.length; i += sqsBatchSize) {
      let entries = messages
        .slice(i, i + sqsBatchSize)
        .map((message, n) => ({ Id: String(n), MessageBody: depositMessageBody(message) }));
      for (let attempt = 1; entries.length > 0; attempt++) {
        const out = await client.send(
          new sqs.SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }),
        );
        const failed = new Set((out.Failed ?? []).map((f) => f.Id));
        entries = entries.filter((entry) => failed.has(entry.Id));
        if (entries.length > 0 && attempt >= 3)
          throw new Error(
            `Could not queue ${entries.length} deposit messages: ${JSON.stringify(out.Failed)}`,
          );
      }
    }
  }
}

/**
 * Locally (npm start, tests): the same worker code, run in this process. It delivers messages in
 * batches of ten as SQS's event source mapping would, redelivers only what the worker reported as
 * failed (up to `maxReceives` deliveries, as the queue's redrive policy does), and keeps what still
 * failed as dead letters. `send` returns when every message is done, so a local run is complete
 * when the job answers.
 */
export class InProcessDepositQueue implements DepositQueue {
  /** Every delivery, by person: a test sees that only a failed person was tried again. */
  readonly deliveries: DepositMessage[] = [];
  readonly deadLetters: DepositMessage[] = [];
  /** What the worker did for each message it finished (posted, already posted or skipped). */
  readonly outcomes: Array<DepositMessage & { outcome: DepositOutcome }> = [];

  constructor(
    private readonly consume: (
      event: SQSEvent,
      tally: (outcome: DepositOutcome, message: DepositMessage) => void,
    ) => Promise<SQSBatchResponse>,
    private readonly maxReceives = 3,
  ) {}

  async send(messages: DepositMessage[]): Promise<void> {
    let pending = messages.map((message) => ({ id: randomUUID(), message, receives: 0 }));
    while (pending.length > 0) {
      const failedIds = new Set<string>();
      for (let i = 0; i < pending.length; i += sqsBatchSize) {
        const batch = pending.slice(i, i + sqsBatchSize);
        for (const entry of batch) {
          entry.receives += 1;
          this.deliveries.push(entry.message);
        }
        const response = await this.consume({ Records: batch.map(sqsRecord) }, (outcome, message) =>
          this.outcomes.push({ ...message, outcome }),
        );
        for (const failure of response.batchItemFailures) failedIds.add(failure.itemIdentifier);
      }
      const failed = pending.filter((entry) => failedIds.has(entry.id));
      this.deadLetters.push(...failed.filter((e) => e.receives >= this.maxReceives).map((e) => e.message));
      pending = failed.filter((entry) => entry.receives < this.maxReceives);
    }
  }
}

function sqsRecord(entry: { id: string; message: DepositMessage; receives: number }): SQSRecord {
  return {
    messageId: entry.id,
    receiptHandle: entry.id,
    body: depositMessageBody(entry.message),
    attributes: {
      ApproximateReceiveCount: String(entry.receives),
      SentTimestamp: String(Date.now()),
      SenderId: 'local',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:local:000000000000:carepool-deposits',
    awsRegion: 'local',
  };
}
