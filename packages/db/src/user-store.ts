import { BatchWriteCommand, type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type UserRecord, UserRecord as UserSchema } from '@carepool/domain';
import { stripKeys } from './items.ts';
import { keys } from './keys.ts';
import { queryAll } from './query.ts';

export function userItem(user: UserRecord) {
  return {
    ...keys.user(user.userId),
    ...(user.demoOrder === undefined ? {} : keys.demoUser(user.demoOrder, user.userId)),
    ...(user.councilId ? keys.userByCouncil(user.councilId, user.name, user.userId) : {}),
    ...(user.createdAt && user.joinedBy ? keys.userByJoined(user.createdAt, user.userId) : {}),
    entity: 'user',
    ...user,
  };
}

export function parseUser(item: Record<string, unknown>): UserRecord {
  return UserSchema.parse(stripKeys(item));
}

export class DynamoUserStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(userId: string): Promise<UserRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.user(userId) }),
    );
    return Item ? parseUser(Item) : undefined;
  }

  /** The curated demo users, in the order the sign-in-as page shows them. */
  async demoUsers(): Promise<UserRecord[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': 'DEMO_USERS' },
    });
    return items.map(parseUser);
  }

  /** Accounts made by invitation or sign-up, newest first (the local sign-in page lists them). */
  async recentlyJoined(limit: number): Promise<UserRecord[]> {
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': 'USERS#JOINED' },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (Items ?? []).map(parseUser);
  }

  async putMany(users: readonly UserRecord[]): Promise<void> {
    await batchPut(this.db, this.tableName, users.map(userItem));
  }
}

/** BatchWriteItem takes 25 items a call and may hand some back unprocessed: retry those. */
export async function batchPut(
  db: DynamoDBDocumentClient,
  tableName: string,
  items: ReadonlyArray<Record<string, unknown>>,
): Promise<void> {
  for (let start = 0; start < items.length; start += 25) {
    let requests = items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 8) throw new Error('DynamoDB kept returning unprocessed items');
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 10));
      const result = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = (result.UnprocessedItems?.[tableName] ?? []).flatMap((r) =>
        r.PutRequest?.Item ? [{ PutRequest: { Item: r.PutRequest.Item } }] : [],
      );
    }
  }
}
