/**
 * The whole of Carepool for a browser test: the local runtime (the same Lambda handlers as AWS)
 * on a fresh DynamoDB Local table, serving the built web app from web/dist on the same origin.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateSigningKey, type LocalSigningKey } from '../../../packages/local/src/jwt.ts';
import { type Runtime, startRuntime } from '../../../packages/local/src/runtime.ts';
import { createTestTable, type TestTable } from '../../support/dynamo.ts';
import { writeTestCouncils } from '../../support/runtime.ts';

export const webRoot = resolve(import.meta.dirname, '../../../web/dist');

export interface App extends TestTable {
  url: string;
  runtime: Runtime;
  /** The key the runtime checks bearer tokens with (a fake hosted sign-in signs its ID tokens with it). */
  signingKey: LocalSigningKey;
  /** JSON in and out, with an optional bearer token: for building the world through the API. */
  call(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown },
  ): Promise<{ status: number; body: unknown }>;
  /**
   * Moves the app's clock forward (never back) to `iso`: delivery cannot be recorded before the
   * booked day, so a journey that delivers what it booked for later moves time on first.
   */
  advanceTo(iso: string): void;
  close(): Promise<void>;
}

export async function startApp(): Promise<App> {
  if (!existsSync(resolve(webRoot, 'index.html'))) {
    throw new Error('The web app is not built: run `npm run build:web` (npm run test:e2e does it for you)');
  }
  const table = await createTestTable();
  await writeTestCouncils(table);
  const signingKey = await generateSigningKey();
  let offsetMs = 0;
  const clock = { now: () => new Date(Date.now() + offsetMs) };
  const runtime = await startRuntime({
    clock,
    endpoint: table.endpoint,
    tableName: table.tableName,
    signingKey,
    port: 0,
    seed: 'none',
    handlers: 'in-process',
    webRoot,
  });
  // The payment rail sends people back to CAREPOOL_PUBLIC_URL (http://localhost:3000 unless set),
  // but this runtime listens on a random port: point the rail back at this app's own origin, or the
  // browser would leave it (and its sessionStorage sign-in) after a checkout.
  runtime.deps.payments.publicUrl = runtime.url;
  const call: App['call'] = async (method, path, options = {}) => {
    const response = await fetch(`${runtime.url}${path}`, {
      method,
      headers: {
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
  return {
    ...table,
    url: runtime.url,
    runtime,
    signingKey,
    call,
    advanceTo: (iso) => {
      offsetMs = Math.max(offsetMs, Date.parse(iso) - Date.now());
    },
    close: async () => {
      await runtime.close();
      table.db.destroy();
    },
  };
}
