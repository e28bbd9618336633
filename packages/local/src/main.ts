/**
 * `npm start`: Carepool on this machine with its embedded defaults: DynamoDB Local (data kept in
 * .carepool/ between runs), a seeded demo council, the API on http://localhost:3000 and the web app.
 *
 *   npm start                    start (seeds the demo council on first start)
 *   npm start -- --fresh         throw away local data and start again
 *   npm start -- --scale         seed the national benchmark dataset (25,000+ listings) on first start
 *   PORT=4000 npm start          another port
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startDynamoLocal } from './dynamo-local.ts';
import { loadOrCreateSigningKey } from './jwt.ts';
import { startRuntime } from './runtime.ts';

/** Bump when stored items change shape so that data kept by `npm start` is reseeded. */
const localDataShape = 2;

const root = resolve(import.meta.dirname, '../../..');

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      fresh: { type: 'boolean', default: false },
      scale: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(
      'Usage: npm start [-- --fresh] [-- --scale] [-- --data-dir DIR]   (PORT sets the port, default 3000)',
    );
    return;
  }
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`PORT must be a port number, got ${process.env.PORT}`);
  const stateDir = resolve(
    values['data-dir'] ??
      process.env.CAREPOOL_DATA_DIR ??
      resolve(root, '.carepool', values.scale ? 'scale' : 'demo'),
  );
  const lockFile = resolve(stateDir, 'carepool.lock');

  if (existsSync(lockFile)) {
    const lock = JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number; port: number };
    if (isRunning(lock.pid)) {
      console.error(
        `Carepool is already running (process ${lock.pid}) at http://localhost:${lock.port}.\n` +
          `Use that one, or stop it first (Ctrl-C in its terminal, or: kill ${lock.pid}).`,
      );
      process.exitCode = 1;
      return;
    }
  }
  if (values.fresh) {
    rmSync(stateDir, { recursive: true, force: true });
    console.log(`Started fresh: removed ${stateDir}`);
  }
  // Stored items change shape between releases (plan-line counters moved from plan to person in
  // shape 2): data kept from an older release would be read wrongly, so it is replaced by a fresh seed.
  const shapeFile = resolve(stateDir, 'data-shape');
  const keptShape = existsSync(shapeFile) ? readFileSync(shapeFile, 'utf8').trim() : undefined;
  if (existsSync(resolve(stateDir, 'dynamodb')) && keptShape !== String(localDataShape)) {
    rmSync(stateDir, { recursive: true, force: true });
    console.log(`Local data was kept by an older release: removed ${stateDir} and seeding afresh`);
  }
  mkdirSync(resolve(stateDir, 'dynamodb'), { recursive: true });
  writeFileSync(shapeFile, String(localDataShape));
  writeFileSync(lockFile, JSON.stringify({ pid: process.pid, port }));

  const cleanups: Array<() => Promise<void>> = [async () => rmSync(lockFile, { force: true })];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    console.log('Starting DynamoDB Local…');
    const dynamo = await startDynamoLocal({
      dataDir: resolve(stateDir, 'dynamodb'),
      ...(process.env.DYNAMODB_PORT ? { port: Number(process.env.DYNAMODB_PORT) } : {}),
    });
    cleanups.push(dynamo.stop);
    const signingKey = await loadOrCreateSigningKey(resolve(stateDir, 'local-signing-key.json'));
    let lastPercent = -1;
    const runtime = await startRuntime({
      endpoint: dynamo.endpoint,
      tableName: 'carepool',
      signingKey,
      port,
      seed: values.scale ? 'scale' : 'demo',
      handlers: 'entries',
      jobsEveryMs: Number(process.env.CAREPOOL_JOBS_EVERY_MS ?? 60_000),
      webRoot: resolve(root, 'web', 'dist'),
      log: process.env.CAREPOOL_QUIET ? undefined : (line) => console.log(line),
      onSeedProgress: (done, total) => {
        const percent = Math.floor((done / total) * 100);
        if (percent !== lastPercent && percent % 10 === 0) {
          lastPercent = percent;
          console.log(
            `Seeding the demo council: ${percent}% (${done.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} steps)`,
          );
        }
      },
    });
    cleanups.push(runtime.close);
    const users = (await (await fetch(`${runtime.url}/v1/dev/users`)).json()) as {
      items: Array<{ userId: string; name: string; roles: string[]; description: string }>;
    };
    console.log(`
Carepool is running at http://localhost:${port}
  API:            http://localhost:${port}/v1   (OpenAPI: /v1/openapi.json)
  DynamoDB Local: ${dynamo.endpoint}   data kept in ${stateDir}
  Payment rail:   simulated (no Stripe key configured)
  Demo data:      ${runtime.seeded === 'seeded' ? 'seeded just now' : 'kept from last time (use --fresh to start again)'}

Demo users (get a token: curl -X POST localhost:${port}/v1/dev/token -H 'content-type: application/json' -d '{"userId":"…"}'):
${users.items.map((u) => `  ${u.userId.padEnd(28)} ${u.roles.join(',').padEnd(16)} ${u.name}: ${u.description}`).join('\n')}

Press Ctrl-C to stop.`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(
      code === 'EADDRINUSE'
        ? `Port ${port} is already in use by another program. Stop it, or start Carepool on another port: PORT=4000 npm start`
        : `Carepool could not start: ${(error as Error).message}`,
    );
    await stop(1);
  }
}

await main();
