import {
  createDocumentClient,
  DynamoAccountStore,
  DynamoAlertStore,
  DynamoDirectoryStore,
} from '@carepool/db';
import { systemClock } from '@carepool/domain';
import type { TriggerDeps } from '@carepool/identity-aws';
import * as z from 'zod';

/**
 * The user pool triggers need the table and nothing else: they do not build the API's `Deps`, so a
 * sign-in does not wait for the payment rail and every store to load.
 */
const TriggerEnv = z.object({
  CAREPOOL_TABLE: z.string().min(1),
  AWS_REGION: z.string().default('eu-west-2'),
  DYNAMODB_ENDPOINT: z.url().optional(),
});

let deps: TriggerDeps | undefined;

/** Built on the first event and kept while the Lambda is warm; a missing table name fails at once. */
export function triggerDeps(source: NodeJS.ProcessEnv = process.env): TriggerDeps {
  if (deps) return deps;
  const parsed = TriggerEnv.safeParse(source);
  if (!parsed.success) {
    throw new Error(
      `Carepool trigger is misconfigured: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const env = parsed.data;
  const db = createDocumentClient({
    tableName: env.CAREPOOL_TABLE,
    region: env.AWS_REGION,
    ...(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {}),
  });
  deps = {
    accounts: new DynamoAccountStore(db, env.CAREPOOL_TABLE, systemClock),
    clock: systemClock,
    seen: new DynamoAlertStore(db, env.CAREPOOL_TABLE),
    brokers: new DynamoDirectoryStore(db, env.CAREPOOL_TABLE, systemClock),
  };
  return deps;
}
