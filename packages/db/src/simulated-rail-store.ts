import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { RailTransfer, SimulatedRailStore } from '@carepool/domain';
import { keys } from './keys.ts';
import { queryAll } from './query.ts';

const toTransfer = (item: Record<string, unknown>): RailTransfer => ({
  railTransferId: String(item.railTransferId),
  ledgerTransferId: String(item.ledgerTransferId),
  accountId: String(item.accountId),
  amountPence: Number(item.amountPence),
  transferGroup: String(item.transferGroup),
  createdAt: String(item.createdAt),
});

/** The simulated rail's transfers, in the app's table, so they outlive the process. */
export class DynamoSimulatedRailStore implements SimulatedRailStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async recordTransfer(transfer: RailTransfer): Promise<RailTransfer> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.simulatedRailTransfer(transfer.ledgerTransferId),
            entity: 'simulated_rail_transfer',
            ...transfer,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return transfer;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return (await this.transferFor(transfer.ledgerTransferId)) ?? transfer;
    }
  }

  async transferFor(ledgerTransferId: string): Promise<RailTransfer | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.simulatedRailTransfer(ledgerTransferId),
        ConsistentRead: true,
      }),
    );
    return Item ? toTransfer(Item) : undefined;
  }

  async transfersSince(since: string): Promise<RailTransfer[]> {
    // One partition: the simulated rail carries local and test volumes only.
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      FilterExpression: 'createdAt >= :since',
      ExpressionAttributeValues: { ':pk': keys.simulatedRailTransfer('').pk, ':since': since },
      ConsistentRead: true,
    });
    return items.map(toTransfer).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
}
