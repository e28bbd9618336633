import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { logger } from '../http/lambda.ts';
import type { StreamRecord } from './alert-stream.ts';

type Item = Record<string, unknown>;

/** An item as written: native values (document client) or attribute values, depending on the step. */
function nativeItem(item: Item): Item {
  const entity = item.entity;
  return typeof entity === 'object' && entity !== null && 'S' in entity
    ? unmarshall(item as Record<string, AttributeValue>)
    : item;
}

function writtenTransfers(commandName: string, input: unknown): Item[] {
  const puts: Item[] = [];
  if (commandName === 'TransactWriteCommand' || commandName === 'TransactWriteItemsCommand') {
    const items = (input as { TransactItems?: Array<{ Put?: { Item?: Item } }> }).TransactItems ?? [];
    for (const entry of items) if (entry.Put?.Item) puts.push(nativeItem(entry.Put.Item));
  } else if (commandName === 'PutCommand' || commandName === 'PutItemCommand') {
    const item = (input as { Item?: Item }).Item;
    if (item) puts.push(nativeItem(item));
  }
  return puts.filter((item) => item.entity === 'transfer');
}

/**
 * The local runtime's stand-in for the table's DynamoDB stream. DynamoDB Local has streams, but
 * reading them means polling shards; instead this watches the one client every function (and the
 * seed) writes through and, once a write has SUCCEEDED, hands the new transfer items to the same
 * stream handler as stream-shaped INSERT records, exactly what the stream would carry. It runs
 * after the write and swallows its own failures, so like the real stream it can never undo or
 * block a payment; unlike it, it runs before the request answers, so a test or the demo sees the
 * alert as soon as the payment is made, with no polling and no waiting.
 */
export function attachLocalAlertStream(
  db: DynamoDBDocumentClient,
  deliver: (records: StreamRecord[]) => Promise<unknown>,
): void {
  let sequence = 0;
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const transfers = writtenTransfers(context.commandName ?? '', args.input);
      if (transfers.length > 0) {
        const records: StreamRecord[] = transfers.map((item) => ({
          eventID: `local-${++sequence}`,
          eventName: 'INSERT',
          dynamodb: {
            Keys: marshall({ pk: item.pk, sk: item.sk }) as never,
            NewImage: marshall(item, { removeUndefinedValues: true }) as never,
          },
        }));
        try {
          await deliver(records);
        } catch (error) {
          logger.error('The local alert stream failed', { error: error as Error });
        }
      }
      return result;
    },
    { step: 'initialize', name: 'carepoolLocalAlertStream', priority: 'low' },
  );
}
