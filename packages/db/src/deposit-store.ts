import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  type AuditEntry,
  type Clock,
  conflict,
  type DepositRecord,
  DepositRecord as DepositSchema,
  type DepositStatus,
  type DepositStore,
  DomainError,
  CouncilRecord,
  effectiveSettings,
  type TransferRequest,
} from '@carepool/domain';
import { auditPuts } from './audit-log.ts';
import { stripKeys } from './items.ts';
import { keys } from './keys.ts';
import type { DynamoLedger } from './ledger-store.ts';
import type { TransactItem } from './transact.ts';

/** Attempts at appending to the holder's audit chain when another writer took the next link first. */
const auditAttempts = 5;

export class DynamoDepositStore implements DepositStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly ledger: DynamoLedger,
    private readonly clock: Clock,
  ) {}

  /** From the council's own settings (changed by its administrator), or the default. */
  async approvalAbovePence(councilId: string): Promise<number> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.council(councilId), ConsistentRead: true }),
    );
    const council = Item ? CouncilRecord.safeParse(stripKeys(Item)) : undefined;
    return effectiveSettings(council?.success ? council.data : undefined).depositApprovalAbovePence;
  }

  async get(depositId: string): Promise<DepositRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.deposit(depositId), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const { pk, sk, entity, ...record } = Item;
    return DepositSchema.parse(record);
  }

  async save(
    deposit: DepositRecord,
    expected: DepositStatus | undefined,
    transfer: TransferRequest | undefined,
    audit: AuditEntry[],
  ): Promise<void> {
    const put: TransactItem = {
      Put: {
        TableName: this.tableName,
        Item: { ...keys.deposit(deposit.depositId), entity: 'deposit', ...deposit },
        ...(expected === undefined
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: '#status = :expected',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':expected': expected },
            }),
      },
    };
    for (let attempt = 1; ; attempt++) {
      // The audit links are read fresh each attempt: a lost race for the next link is retried.
      const links = await auditPuts(this.db, this.tableName, audit, this.clock.now());
      try {
        if (transfer) {
          await this.ledger.commitPrepared(this.ledger.prepareTransfer(transfer), [put, ...links]);
        } else {
          await this.db.send(new TransactWriteCommand({ TransactItems: [put, ...links] }));
        }
        return;
      } catch (error) {
        const lostRace =
          (error instanceof DomainError && error.code === 'version_conflict') ||
          (error instanceof TransactionCanceledException &&
            (error.CancellationReasons ?? []).some(
              (r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict',
            ));
        if (!lostRace) throw error;
        const now = await this.get(deposit.depositId);
        if (expected === undefined ? now !== undefined : now?.status !== expected) {
          throw conflict('deposit_decided', 'Someone else decided this deposit at the same time. Reload it.');
        }
        if (attempt >= auditAttempts) throw error;
      }
    }
  }
}
