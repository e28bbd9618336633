import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { decodePageCursor, encodePageCursor, invalid, type Page, type PageRequest } from '@carepool/domain';

/** Follows LastEvaluatedKey until the query is complete (a Query returns at most 1 MB a call). */
export async function queryAll(
  db: DynamoDBDocumentClient,
  input: QueryCommandInput,
): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  let exclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: exclusiveStartKey }));
    items.push(...(page.Items ?? []));
    exclusiveStartKey = page.LastEvaluatedKey;
  } while (exclusiveStartKey);
  return items;
}

/**
 * One page of a query, newest first by default. It reads one item past the limit, so the last
 * page carries no cursor (DynamoDB's own LastEvaluatedKey would promise a page that is empty).
 * `list` names the partition being read; a cursor from any other list is refused (400 `cursor`).
 */
export async function queryPage(
  db: DynamoDBDocumentClient,
  input: QueryCommandInput & { IndexName: string },
  list: string,
  page: PageRequest,
  options: { newestFirst?: boolean } = {},
): Promise<Page<Record<string, unknown>>> {
  const keyNames = ['pk', 'sk', `${input.IndexName}pk`, `${input.IndexName}sk`];
  let exclusiveStartKey: Record<string, unknown> | undefined;
  if (page.cursor !== undefined) {
    const position = decodePageCursor(page.cursor, list);
    // Only this index's key attributes, and only in this list's partition: anything else was not ours.
    const names = Object.keys(position);
    if (
      names.length !== keyNames.length ||
      !keyNames.every((name) => name in position) ||
      position[`${input.IndexName}pk`] !== list
    )
      throw invalid('cursor', 'That cursor is not one we gave out for this list', 'bad_cursor');
    exclusiveStartKey = position;
  }
  const items: Array<Record<string, unknown>> = [];
  do {
    const result = await db.send(
      new QueryCommand({
        ...input,
        ScanIndexForward: !(options.newestFirst ?? true),
        Limit: page.limit + 1 - items.length,
        ExclusiveStartKey: exclusiveStartKey,
      }),
    );
    items.push(...(result.Items ?? []));
    exclusiveStartKey = result.LastEvaluatedKey;
  } while (exclusiveStartKey && items.length <= page.limit);
  if (items.length <= page.limit) return { items };
  const shown = items.slice(0, page.limit);
  const last = shown[shown.length - 1] ?? {};
  const position = Object.fromEntries(keyNames.map((name) => [name, String(last[name])]));
  return { items: shown, nextCursor: encodePageCursor(list, position) };
}

/**
 * One page of a whole list: every item of one partition (`list`) of a secondary index, each
 * parsed into its record.
 */
export async function queryListPage<T>(
  db: DynamoDBDocumentClient,
  target: { tableName: string; index: string; list: string },
  page: PageRequest,
  parse: (item: Record<string, unknown>) => T,
  options: { newestFirst?: boolean } = {},
): Promise<Page<T>> {
  const found = await queryPage(
    db,
    {
      TableName: target.tableName,
      IndexName: target.index,
      KeyConditionExpression: `${target.index}pk = :pk`,
      ExpressionAttributeValues: { ':pk': target.list },
    },
    target.list,
    page,
    options,
  );
  return { ...found, items: found.items.map(parse) };
}
