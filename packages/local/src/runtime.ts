import type { Server } from 'node:http';
import type { FunctionName } from '@carepool/contracts';
import { type CommandObserver, createDocumentClient } from '@carepool/db';
import type { Clock } from '@carepool/domain';
import { buildDeps, type Deps, readEnv } from '@carepool/functions/deps';
import { createAllLambdas } from '@carepool/functions/entries/index';
import { runJob } from '@carepool/functions/jobs/run-job';
import { SimulatedRail } from '@carepool/payments';
import { ensureTable } from './dynamo-local.ts';
import { createTokenVerifier, type LocalSigningKey } from './jwt.ts';
import { generateDemoData } from './seed/demo-data.ts';
import { isSeeded, seedTable } from './seed/seed-table.ts';
import { createLocalServer, type LambdaHandler } from './server.ts';

export interface RuntimeOptions {
  /** DynamoDB endpoint (DynamoDB Local). */
  endpoint: string;
  tableName: string;
  signingKey: LocalSigningKey;
  port: number;
  host?: string;
  seed: 'demo' | 'scale' | 'none';
  /**
   * `entries` imports the real Lambda entry modules, which read their configuration from the
   * environment exactly as in AWS (used by `npm start`). `in-process` builds the same handlers
   * with explicit dependencies, so tests can run several tables, clocks and observers side by side.
   */
  handlers: 'entries' | 'in-process';
  clock?: Clock;
  observe?: CommandObserver;
  returnConsumedCapacity?: boolean;
  webRoot?: string;
  log?: (line: string) => void;
  onSeedProgress?: (done: number, total: number) => void;
  /** Run the scheduled jobs on a timer (npm start); tests trigger them explicitly instead. */
  jobsEveryMs?: number;
}

export interface Runtime {
  url: string;
  /** The functions' dependencies (ledger, rail…), for tests that look behind the API. */
  deps: Deps;
  server: Server;
  seeded: 'seeded' | 'already' | 'skipped';
  close(): Promise<void>;
}

function functionEnvironment(options: RuntimeOptions): Record<string, string> {
  return {
    CAREPOOL_TABLE: options.tableName,
    DYNAMODB_ENDPOINT: options.endpoint,
    CAREPOOL_LOCAL_MODE: 'true',
    CAREPOOL_LOCAL_JWT_JWK: JSON.stringify(options.signingKey.privateJwk),
    AWS_REGION: 'eu-west-2',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POWERTOOLS_SERVICE_NAME: 'carepool',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    // Where the payment rail sends people back to: this runtime's own address (PORT=0 is fixed after listen).
    CAREPOOL_PUBLIC_URL: process.env.CAREPOOL_PUBLIC_URL ?? `http://localhost:${options.port}`,
  };
}

async function entryLambdas(): Promise<Record<FunctionName, LambdaHandler>> {
  const [platform, directory, people, orders, accounts, webhooks, groups, identity, oversight, dev] =
    await Promise.all([
      import('@carepool/functions/entries/platform'),
      import('@carepool/functions/entries/directory'),
      import('@carepool/functions/entries/people'),
      import('@carepool/functions/entries/orders'),
      import('@carepool/functions/entries/accounts'),
      import('@carepool/functions/entries/webhooks'),
      import('@carepool/functions/entries/groups'),
      import('@carepool/functions/entries/identity'),
      import('@carepool/functions/entries/oversight'),
      import('@carepool/functions/entries/dev'),
    ]);
  return {
    platform: platform.handler,
    directory: directory.handler,
    people: people.handler,
    orders: orders.handler,
    accounts: accounts.handler,
    webhooks: webhooks.handler,
    groups: groups.handler,
    identity: identity.handler,
    oversight: oversight.handler,
    dev: dev.handler,
  };
}

/** Creates the table, seeds it if it is new, and serves the API (and web app) on localhost. */
export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  await ensureTable(options.endpoint, options.tableName);
  const environment = functionEnvironment(options);

  let seeded: Runtime['seeded'] = 'skipped';
  if (options.seed !== 'none') {
    const db = createDocumentClient({ tableName: options.tableName, endpoint: options.endpoint });
    try {
      if (await isSeeded(db, options.tableName)) {
        seeded = 'already';
      } else {
        const data = generateDemoData({ scale: options.seed === 'scale' });
        await seedTable(
          db,
          options.tableName,
          data,
          options.onSeedProgress,
          options.clock ? { now: options.clock.now() } : {},
        );
        seeded = 'seeded';
      }
    } finally {
      db.destroy();
    }
  }

  let lambdas: Record<FunctionName, LambdaHandler>;
  let deps: Deps;
  if (options.handlers === 'entries') {
    Object.assign(process.env, environment);
    lambdas = await entryLambdas();
    // The same instance the entry modules use, so the simulated rail's records are shared.
    deps = (await import('@carepool/functions/deps')).defaultDeps();
    // As a Lambda does in its init phase: load search's index now, not on the first search.
    deps.directory.searchIndex.warm().catch((error: unknown) => {
      options.log?.(`Loading the search index failed (the first search tries again): ${String(error)}`);
    });
  } else {
    const built = buildDeps(readEnv(environment), {
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.observe ? { observe: options.observe } : {}),
      ...(options.returnConsumedCapacity ? { returnConsumedCapacity: true } : {}),
    });
    deps = built;
    lambdas = createAllLambdas(() => built);
  }

  const server = createLocalServer({
    lambdas,
    verifyToken: createTokenVerifier(options.signingKey.publicJwk),
    ...(deps.rail instanceof SimulatedRail ? { simulatedRail: deps.rail } : {}),
    // Read at request time: with PORT=0 the address is fixed only after listen (below).
    publicUrl: () => deps.payments.publicUrl,
    ...(options.webRoot ? { webRoot: options.webRoot } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  // Scheduled jobs: EventBridge Scheduler in AWS; a timer here. Each job is safe to repeat.
  const timer =
    options.jobsEveryMs === undefined
      ? undefined
      : setInterval(() => {
          for (const job of [
            'auto-confirm',
            'groups',
            'deposits',
            'payouts',
            'reconcile',
            'monitoring',
          ] as const) {
            runJob(job, deps).catch((error: unknown) =>
              options.log?.(`Job ${job} failed: ${(error as Error).message}`),
            );
          }
        }, options.jobsEveryMs);
  timer?.unref();
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  if (options.port === 0 && !process.env.CAREPOOL_PUBLIC_URL)
    deps.payments.publicUrl = `http://127.0.0.1:${port}`;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    seeded,
    deps,
    close: () =>
      new Promise<void>((resolve) => {
        if (timer) clearInterval(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
