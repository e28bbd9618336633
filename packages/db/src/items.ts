import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './query.ts';

/** Keys and the entity tag are storage detail: strip them before a record is parsed into the domain. */
export function stripKeys(item: Record<string, unknown>): Record<string, unknown> {
  const { pk, sk, gsi1pk, gsi1sk, gsi2pk, gsi2sk, gsi3pk, gsi3sk, entity, ...record } = item;
  return record;
}

/**
 * Queries a location index (gsi1) for each postcode district in range, optionally narrowed to one
 * category by the sort-key prefix. Open groups and requests are found this way (listings are
 * searched from memory: see LiveListingIndex).
 */
export async function queryDistricts(
  db: DynamoDBDocumentClient,
  tableName: string,
  partitionFor: (outcode: string) => string,
  outcodes: readonly string[],
  category?: string,
  concurrency = 16,
): Promise<Array<Record<string, unknown>>> {
  const results: Array<Record<string, unknown>> = [];
  const queue = [...outcodes];
  const worker = async () => {
    for (let outcode = queue.shift(); outcode !== undefined; outcode = queue.shift()) {
      const items = await queryAll(db, {
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression:
          category === undefined ? 'gsi1pk = :pk' : 'gsi1pk = :pk AND begins_with(gsi1sk, :category)',
        ExpressionAttributeValues: {
          ':pk': partitionFor(outcode),
          ...(category === undefined ? {} : { ':category': `${category}#` }),
        },
      });
      results.push(...items);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  return results;
}
