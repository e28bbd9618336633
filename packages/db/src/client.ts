import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DbConfig {
  tableName: string;
  region?: string;
  /** DynamoDB Local's URL; absent in AWS. */
  endpoint?: string;
}

/** Lets tests and benchmarks see every command sent (and its consumed capacity). */
export type CommandObserver = (commandName: string, input: unknown, output: unknown) => void;

export class ScanForbiddenError extends Error {
  constructor() {
    super('Scan is not allowed: request paths must Query an index (see packages/db/src/keys.ts).');
    this.name = 'ScanForbiddenError';
  }
}

/**
 * The document client every repository uses. It refuses `Scan` outright: a scan reads the whole
 * table, and at 152 councils' worth of data that is a latency and cost failure waiting to happen.
 */
export function createDocumentClient(
  config: DbConfig,
  options: {
    observe?: CommandObserver;
    /** Ask DynamoDB to report consumed capacity on every call (benchmarks and cost estimates). */
    returnConsumedCapacity?: boolean;
    clientConfig?: DynamoDBClientConfig;
  } = {},
): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: config.region ?? 'eu-west-2',
    ...(config.endpoint
      ? {
          endpoint: config.endpoint,
          // DynamoDB Local accepts any credentials; fixed ones stop the SDK hunting for real ones.
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {}),
    ...options.clientConfig,
  });
  const documents = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  documents.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? 'unknown';
      if (name === 'ScanCommand') throw new ScanForbiddenError();
      if (options.returnConsumedCapacity)
        (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      options.observe?.(name, args.input, result.output);
      return result;
    },
    { step: 'initialize', name: 'carepoolGuardAndObserve', priority: 'high' },
  );
  return documents;
}
