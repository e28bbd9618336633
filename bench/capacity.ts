import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { tableDefinition } from '@carepool/db';
import { itemSize, writeUnits } from './item-size.ts';

type Item = Record<string, unknown>;
type Capacity = { CapacityUnits?: number };

const readCommands = new Set([
  'GetItemCommand',
  'QueryCommand',
  'BatchGetItemCommand',
  'TransactGetItemsCommand',
]);
const writeCommands = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'TransactWriteItemsCommand',
  'BatchWriteItemCommand',
]);

/** What one step (an HTTP request, say) cost in DynamoDB capacity. */
export interface Tally {
  commands: Record<string, number>;
  /** What was read, by command and key prefix ("Get PERSON", "Query gsi3 ORDERS_OF"…). */
  reads: Record<string, number>;
  /** Read units as DynamoDB Local reports them (Get, Query): 1 per 4 KB strongly consistent, ½ eventually. */
  readUnits: number;
  /** Of which: Queries of an account's statement entries (they grow with the account's history). */
  entryReadUnits: number;
  /** Every write's units as DynamoDB Local reports them (its TransactWriteItems figures are not reliable). */
  writeUnitsReported: number;
  /** Single-item Put/Update/Delete, as reported (DynamoDB Local counts index writes correctly for these). */
  singleWriteUnits: number;
  /** TransactWriteItems, as reported by DynamoDB Local. */
  transactionUnitsReported: number;
  /** TransactWriteItems, computed from item sizes: 2 units per KB per item, and per index entry written. */
  transactionUnitsComputed: number;
  transactionItems: number;
  /** Our own computation for single Puts, to check the size arithmetic against DynamoDB Local. */
  singlePutUnitsComputed: number;
  singlePutUnitsReported: number;
  /** Bytes of new items (table and index copies, with DynamoDB's 100-byte per-item overhead). */
  newBytes: number;
}

export const emptyTally = (): Tally => ({
  commands: {},
  reads: {},
  readUnits: 0,
  entryReadUnits: 0,
  writeUnitsReported: 0,
  singleWriteUnits: 0,
  transactionUnitsReported: 0,
  transactionUnitsComputed: 0,
  transactionItems: 0,
  singlePutUnitsComputed: 0,
  singlePutUnitsReported: 0,
  newBytes: 0,
});

/** The write units we count: single writes as reported, transactions as computed. */
export const writeUnitsOf = (t: Tally) => t.singleWriteUnits + t.transactionUnitsComputed;

export function addTallies(target: Tally, source: Tally, times = 1): Tally {
  for (const field of ['commands', 'reads'] as const) {
    for (const [name, count] of Object.entries(source[field])) {
      target[field][name] = (target[field][name] ?? 0) + count * times;
    }
  }
  for (const key of Object.keys(source) as Array<keyof Tally>) {
    if (key === 'commands' || key === 'reads') continue;
    target[key] += source[key] * times;
  }
  return target;
}

const reported = (output: unknown): number => {
  const consumed = (output as { ConsumedCapacity?: Capacity | Capacity[] }).ConsumedCapacity;
  if (!consumed) return 0;
  return (Array.isArray(consumed) ? consumed : [consumed]).reduce(
    (sum, c) => sum + (c.CapacityUnits ?? 0),
    0,
  );
};

const keyOf = (key: Item) => `${String(key.pk)}|${String(key.sk)}`;

function indexKeys(item: Item | undefined): Array<string | undefined> {
  return tableDefinition.globalSecondaryIndexes.map((index) => {
    const pk = item?.[index.partitionKey];
    const sk = item?.[index.sortKey];
    return pk !== undefined && sk !== undefined ? `${String(pk)}|${String(sk)}` : undefined;
  });
}

/**
 * Units for writing one item, given the item before and after: the larger image in KB for the
 * table, and for each index the entry written (1 if the index key is new or unchanged, 2 if it
 * moved: a delete and a put; 1 to delete an entry that no longer applies).
 */
function itemWriteUnits(before: Item | undefined, after: Item | undefined): number {
  const beforeBytes = before ? itemSize(before) : 0;
  const afterBytes = after ? itemSize(after) : 0;
  let units = writeUnits(Math.max(beforeBytes, afterBytes));
  const old = indexKeys(before);
  const now = indexKeys(after);
  for (let i = 0; i < now.length; i++) {
    if (old[i] === undefined && now[i] === undefined) continue;
    if (old[i] === now[i] || old[i] === undefined) units += writeUnits(afterBytes);
    else if (now[i] === undefined) units += writeUnits(beforeBytes);
    else units += writeUnits(beforeBytes) + writeUnits(afterBytes);
  }
  return units;
}

const newItemBytes = (item: Item) =>
  itemSize(item) + 100 + indexKeys(item).filter(Boolean).length * (itemSize(item) + 100);

/**
 * An `observe` hook for the runtime's DynamoDB client. It sums the consumed capacity DynamoDB Local
 * reports, split into reads and writes, into the current tally; and because DynamoDB Local does not
 * charge transactions the way DynamoDB does (2 write units per KB per item: we measured it
 * reporting 2 units for a transaction of three small Puts, where DynamoDB charges 6), it also
 * computes each TransactWriteItems from the item sizes. Put items are in the request; Update and
 * ConditionCheck items are read back (outside the observed client) when the step settles.
 */
export class CapacityMeter {
  current: Tally = emptyTally();
  /** The last full image written by a Put, per key: the "before" of the next Put to that key. */
  private readonly images = new Map<string, Item>();
  private pending: Array<{ tally: Tally; tableName: string; key: Item }> = [];

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  readonly observe = (name: string, input: unknown, output: unknown) => {
    const tally = this.current;
    tally.commands[name] = (tally.commands[name] ?? 0) + 1;
    const units = reported(output);
    if (readCommands.has(name)) {
      tally.readUnits += units;
      const read = input as { Key?: Item; IndexName?: string; ExpressionAttributeValues?: Item };
      const pk = read.ExpressionAttributeValues?.[':pk'];
      const sk = read.ExpressionAttributeValues?.[':start'];
      const what = `${name.replace(/(Item)?Command$/, '')} ${read.IndexName ? `${read.IndexName} ` : ''}${String(read.Key?.pk ?? pk ?? '?').split('#')[0]}`;
      tally.reads[what] = (tally.reads[what] ?? 0) + 1;
      if (name === 'QueryCommand' && String(pk).startsWith('ACCOUNT#') && String(sk).startsWith('ENTRY#')) {
        tally.entryReadUnits += units;
      }
      return;
    }
    if (!writeCommands.has(name)) return;
    tally.writeUnitsReported += units;
    if (name === 'TransactWriteItemsCommand') {
      tally.transactionUnitsReported += units;
      const items = (input as { TransactItems: Array<Record<string, { TableName: string } & Item>> })
        .TransactItems;
      for (const entry of items) {
        tally.transactionItems += 1;
        if (entry.Put) {
          const item = entry.Put.Item as Item;
          const key = keyOf(item);
          const before = this.images.get(key);
          tally.transactionUnitsComputed += 2 * itemWriteUnits(before, item);
          if (!before) tally.newBytes += newItemBytes(item);
          this.images.set(key, item);
        } else {
          const op = entry.Update ?? entry.ConditionCheck ?? entry.Delete;
          if (op) this.pending.push({ tally, tableName: op.TableName, key: op.Key as Item });
        }
      }
      return;
    }
    tally.singleWriteUnits += units;
    if (name === 'PutItemCommand') {
      const item = (input as { Item: Item }).Item;
      const key = keyOf(item);
      const before = this.images.get(key);
      tally.singlePutUnitsComputed += itemWriteUnits(before, item);
      tally.singlePutUnitsReported += units;
      if (!before) tally.newBytes += newItemBytes(item);
      this.images.set(key, item);
    }
  };

  /** Reads back the Update/ConditionCheck items of this step's transactions to size them. */
  async settle(): Promise<void> {
    const pending = this.pending;
    this.pending = [];
    for (const { tally, tableName, key } of pending) {
      const { Item } = await this.db.send(
        new GetCommand({ TableName: tableName ?? this.tableName, Key: key, ConsistentRead: true }),
      );
      // Accounts and line counters carry no index keys and hardly change size: the image after is
      // a fair measure of the larger of before and after.
      tally.transactionUnitsComputed += 2 * itemWriteUnits(Item, Item ?? key);
    }
  }

  /** Runs `step` with a fresh tally and returns what it cost. */
  async measure<T>(step: () => Promise<T>): Promise<{ result: T; tally: Tally }> {
    this.current = emptyTally();
    const result = await step();
    await this.settle();
    const tally = this.current;
    this.current = emptyTally();
    return { result, tally };
  }
}
