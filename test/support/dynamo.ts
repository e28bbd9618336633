import { randomBytes } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type CommandObserver, createDocumentClient } from '@carepool/db';
import { inject } from 'vitest';
import { ensureTable } from '../../packages/local/src/dynamo-local.ts';

export interface TestTable {
  endpoint: string;
  tableName: string;
  db: DynamoDBDocumentClient;
}

/**
 * A fresh table in the run's DynamoDB Local, one per test file. Refuses any endpoint that is not on
 * this machine, so a misconfigured run can never touch a real AWS table.
 */
export async function createTestTable(options: { observe?: CommandObserver } = {}): Promise<TestTable> {
  const endpoint = inject('dynamoEndpoint');
  if (!/^http:\/\/(127\.0\.0\.1|localhost):\d+$/.test(endpoint)) {
    throw new Error(`Tests run only against DynamoDB Local on this machine, not ${endpoint}`);
  }
  const tableName = `test-${randomBytes(6).toString('hex')}`;
  await ensureTable(endpoint, tableName);
  const db = createDocumentClient(
    { tableName, endpoint },
    options.observe ? { observe: options.observe } : {},
  );
  return { endpoint, tableName, db };
}

/**
 * The names the client's middleware sees are the low-level commands (lib-dynamodb's PutCommand
 * arrives as PutItemCommand), so "nothing was written" checks look for these.
 */
export const writeCommandNames: ReadonlySet<string> = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'TransactWriteItemsCommand',
  'BatchWriteItemCommand',
]);
