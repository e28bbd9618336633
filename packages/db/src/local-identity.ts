import { randomBytes } from 'node:crypto';
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Clock, IdentityDirectory, OutboundMessage } from '@carepool/domain';
import { keys } from './keys.ts';

export interface SentMessage extends OutboundMessage {
  sentAt: string;
}

/**
 * The local runtime's stand-in for Cognito and email: messages are printed and kept in the table
 * for the "sent messages" page, and anyone with an active record appears on "Sign in as". There
 * is no password here, so there is nothing to create or disable: the API's status check on every
 * request is what ends a removed user's access, exactly as in AWS.
 */
export class LocalIdentityDirectory implements IdentityDirectory {
  readonly kind = 'local' as const;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
    private readonly print: (line: string) => void = (line) => console.log(line),
  ) {}

  async send(message: OutboundMessage): Promise<void> {
    const sentAt = this.clock.now().toISOString();
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.outboxMessage(sentAt, randomBytes(6).toString('hex')),
          entity: 'sent_message',
          sentAt,
          ...message,
        },
      }),
    );
    this.print(`Sent to ${message.to}: ${message.subject}\n  ${message.link}`);
  }

  async createSignIn(): Promise<void> {}

  async disableSignIn(): Promise<void> {}

  /** Newest first; the page shows the last fifty. */
  async sentMessages(limit = 50): Promise<SentMessage[]> {
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'OUTBOX' },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (Items ?? []).map((item) => ({
      to: String(item.to),
      subject: String(item.subject),
      text: String(item.text),
      link: String(item.link),
      sentAt: String(item.sentAt),
    }));
  }
}
