import { appendFileSync } from 'node:fs';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  type CommandObserver,
  councilItem,
  keys,
  parseUser,
  questionnaireItem,
  userItem,
} from '@carepool/db';
import type { Clock, Role } from '@carepool/domain';
import { importJWK, SignJWT } from 'jose';
import { localAudience, localIssuer, localTokenAlgorithm } from '../../functions/src/dev/handlers.ts';
import { forgetCachedUser } from '../../functions/src/http/active-users.ts';
import { generateSigningKey, type LocalSigningKey } from '../../packages/local/src/jwt.ts';
import { type Runtime, startRuntime } from '../../packages/local/src/runtime.ts';
import { demoCouncils } from '../../packages/local/src/seed/councils.ts';
import { demoQuestionnaire } from '../../packages/local/src/seed/questionnaire.ts';
import { createTestTable, type TestTable } from './dynamo.ts';
import { OpenApiCheck } from './openapi-check.ts';

export interface TestUser {
  userId: string;
  roles: Role[];
  name?: string;
  councilId?: string;
  personId?: string;
}

export interface TestApi extends TestTable {
  runtime: Runtime;
  signingKey: LocalSigningKey;
  /** A token for any user, with the same claims Cognito (or the local demo sign-in) would issue. */
  tokenFor(user: TestUser, options?: { expiresInSeconds?: number; key?: LocalSigningKey }): Promise<string>;
  /** fetch against the runtime, with JSON in and out. */
  call(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{
    status: number;
    headers: Headers;
    body: unknown;
  }>;
  close(): Promise<void>;
}

/**
 * Tests stand for users the council has already given accounts to: the API reads every caller's
 * record on each request, so a token alone (however well signed) is not enough. This writes the
 * record as an invitation would have, keeping anything else already stored (a demo user's place).
 */
async function provisionUser(table: TestTable, user: TestUser): Promise<void> {
  const { Item } = await table.db.send(
    new GetCommand({ TableName: table.tableName, Key: keys.user(user.userId), ConsistentRead: true }),
  );
  const existing = Item ? parseUser(Item) : undefined;
  const { councilId, personId, ...kept } = existing ?? {
    userId: user.userId,
    name: user.name ?? user.userId,
    roles: user.roles,
  };
  await table.db.send(
    new PutCommand({
      TableName: table.tableName,
      Item: userItem({
        ...kept,
        name: user.name ?? existing?.name ?? user.userId,
        roles: user.roles,
        ...(user.councilId ? { councilId: user.councilId } : {}),
        ...(user.personId ? { personId: user.personId } : {}),
        status: 'active',
      }),
    }),
  );
  forgetCachedUser(user.userId);
}

/**
 * The councils every test table has, as the platform operator would have created them: the demo
 * seed's two, with the same districts, so tests and the demo never disagree about who covers where.
 */
export const testCouncils = demoCouncils.map(({ councilId, name, districts }) => ({
  councilId,
  name,
  districts: districts.map(([outcode]) => outcode),
}));

/**
 * The councils every test table has, as the operator would have created them, each with its
 * questionnaire: councils are data, and jobs (deposits, alerts, monitoring) run for those on record.
 */
export async function writeTestCouncils(table: Pick<TestTable, 'db' | 'tableName'>): Promise<void> {
  for (const council of testCouncils) {
    await table.db.send(
      new PutCommand({
        TableName: table.tableName,
        Item: questionnaireItem(demoQuestionnaire(council.councilId)),
      }),
    );
    const at = '2026-01-01T00:00:00.000Z';
    await table.db.send(
      new PutCommand({
        TableName: table.tableName,
        Item: councilItem({
          ...council,
          districts: [...council.districts],
          fundingSchedule: { everyDays: 28 },
          settings: {},
          createdAt: at,
          createdBy: 'usr_platform_bootstrap',
          updatedAt: at,
          version: 1,
        }),
      }),
    );
  }
}

/** The local runtime over real HTTP, on a fresh table, with its own signing key. */
export async function startTestApi(
  options: { seed?: 'demo' | 'none'; clock?: Clock; observe?: CommandObserver } = {},
): Promise<TestApi> {
  const table = await createTestTable();
  await writeTestCouncils(table);
  const signingKey = await generateSigningKey();
  const runtime = await startRuntime({
    endpoint: table.endpoint,
    tableName: table.tableName,
    signingKey,
    port: 0,
    seed: options.seed ?? 'none',
    handlers: 'in-process',
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.observe ? { observe: options.observe } : {}),
  });

  const tokenFor: TestApi['tokenFor'] = async (user, tokenOptions = {}) => {
    const key = tokenOptions.key ?? signingKey;
    await provisionUser(table, user);
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      name: user.name ?? user.userId,
      'cognito:groups': user.roles,
      ...(user.councilId ? { 'custom:councilId': user.councilId } : {}),
      ...(user.personId ? { 'custom:personId': user.personId } : {}),
    })
      .setProtectedHeader({ alg: localTokenAlgorithm, kid: key.privateJwk.kid ?? 'test' })
      .setSubject(user.userId)
      .setIssuer(localIssuer)
      .setAudience(localAudience)
      .setIssuedAt(now)
      .setExpirationTime(now + (tokenOptions.expiresInSeconds ?? 3600))
      .sign(await importJWK(key.privateJwk, localTokenAlgorithm));
  };

  // Every answer is checked against the document the API serves: a disagreement fails the test
  // (CAREPOOL_OPENAPI_CHECK=report only logs it, =off skips the check).
  let check: Promise<OpenApiCheck> | undefined;
  const documentCheck = () => {
    check ??= fetch(`${runtime.url}/v1/openapi.json`)
      .then((response) => response.json())
      .then((document) => new OpenApiCheck(document as Record<string, unknown>));
    return check;
  };

  const call: TestApi['call'] = async (method, path, callOptions = {}) => {
    const response = await fetch(`${runtime.url}${path}`, {
      method,
      headers: {
        ...(callOptions.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(callOptions.token ? { authorization: `Bearer ${callOptions.token}` } : {}),
        ...callOptions.headers,
      },
      ...(callOptions.body === undefined
        ? {}
        : {
            body: typeof callOptions.body === 'string' ? callOptions.body : JSON.stringify(callOptions.body),
          }),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (CSV, HTML): hand back the text.
    }
    if (process.env.CAREPOOL_OPENAPI_CHECK !== 'off') {
      const mismatch = (await documentCheck()).problemWith(
        method,
        path,
        response.status,
        response.headers.get('content-type') ?? '',
        body,
      );
      if (mismatch && process.env.CAREPOOL_OPENAPI_CHECK === 'report') {
        // Collects every disagreement of a whole run instead of stopping at the first.
        appendFileSync(process.env.CAREPOOL_OPENAPI_REPORT ?? 'openapi-mismatches.log', `${mismatch}\n`);
      } else if (mismatch) {
        throw new Error(`The API and its OpenAPI document disagree: ${mismatch}`);
      }
    }
    return { status: response.status, headers: response.headers, body };
  };

  return {
    ...table,
    runtime,
    signingKey,
    tokenFor,
    call,
    close: async () => {
      await runtime.close();
      table.db.destroy();
    },
  };
}
