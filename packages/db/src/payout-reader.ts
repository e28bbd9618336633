import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  accountId,
  decodePageCursor,
  encodePageCursor,
  invalid,
  type Page,
  type PageRequest,
  type ProviderPayoutReader,
  type StatementEntry,
} from '@carepool/domain';
import { keys } from './keys.ts';
import { queryAll } from './query.ts';

function entryOf(item: Record<string, unknown>): StatementEntry {
  return {
    transferId: String(item.transferId),
    at: String(item.at),
    amountPence: Number(item.amountPence),
    pendingPence: Number(item.pendingPence),
    code: item.code as StatementEntry['code'],
    description: String(item.description),
    reference: item.reference === undefined ? undefined : String(item.reference),
  };
}

/**
 * Payouts read straight from the provider's ledger account: its entries sit in one partition by
 * time, so a page is one Query (a filter keeps the payouts; the payments and reservations beside
 * them are read and dropped, about two for each payout). No index and no write changes.
 */
export class DynamoPayoutReader implements ProviderPayoutReader {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private partition(providerId: string): string {
    return keys.account(accountId.providerPayable(providerId)).pk;
  }

  async payouts(providerId: string, page: PageRequest): Promise<Page<StatementEntry>> {
    const pk = this.partition(providerId);
    let exclusiveStartKey: Record<string, unknown> | undefined;
    if (page.cursor !== undefined) {
      const position = decodePageCursor(page.cursor, pk);
      if (position.pk !== pk || !position.sk?.startsWith('ENTRY#') || Object.keys(position).length !== 2)
        throw invalid('cursor', 'That cursor is not one we gave out for this list', 'bad_cursor');
      exclusiveStartKey = position;
    }
    const items: Array<Record<string, unknown>> = [];
    // One past the page, so the last page carries no cursor to an empty one.
    do {
      const result = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :entry)',
          FilterExpression: '#code = :payout',
          ExpressionAttributeNames: { '#code': 'code' },
          ExpressionAttributeValues: { ':pk': pk, ':entry': 'ENTRY#', ':payout': 'provider_payout' },
          ScanIndexForward: false,
          ExclusiveStartKey: exclusiveStartKey,
        }),
      );
      items.push(...(result.Items ?? []));
      exclusiveStartKey = result.LastEvaluatedKey;
    } while (exclusiveStartKey && items.length <= page.limit);
    if (items.length <= page.limit) return { items: items.map(entryOf) };
    const shown = items.slice(0, page.limit);
    const last = shown[shown.length - 1] ?? {};
    return {
      items: shown.map(entryOf),
      nextCursor: encodePageCursor(pk, { pk: String(last.pk), sk: String(last.sk) }),
    };
  }

  async payoutsBetween(providerId: string, from: string, to: string): Promise<StatementEntry[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :start AND :end',
      FilterExpression: '#code = :payout',
      ExpressionAttributeNames: { '#code': 'code' },
      ExpressionAttributeValues: {
        ':pk': this.partition(providerId),
        ':start': `ENTRY#${from}`,
        ':end': `ENTRY#${to}~`,
        ':payout': 'provider_payout',
      },
    });
    return items.map(entryOf);
  }
}
