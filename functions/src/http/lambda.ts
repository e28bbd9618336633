import { createHash } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import type { FunctionName } from '@carepool/contracts';
import { type Infer, type RouteSpec, routeKey } from '@carepool/contracts';
import { type Caller, hasRole } from '@carepool/domain';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import type { Deps } from '../deps.ts';
import { type RouteId, type Routes, routeList, routes } from '../routes.ts';
import { currentCaller } from './active-users.ts';
import { callerFromClaims } from './caller.ts';
import { errorToProblem, fieldIssues, problem } from './problem.ts';

let powertools: Logger | undefined;
/** Built on first use: an HTTP function logs only an unhandled error, so most cold starts never need it. */
const powertoolsLogger = () => {
  powertools ??= new Logger({ serviceName: 'carepool' });
  return powertools;
};

/** Structured JSON logs (Powertools), the logger created on its first call rather than at import. */
export const logger = {
  info: (message: string, extra: Record<string, unknown> = {}) => powertoolsLogger().info(message, extra),
  warn: (message: string, extra: Record<string, unknown> = {}) => powertoolsLogger().warn(message, extra),
  error: (message: string, extra: Record<string, unknown> = {}) => powertoolsLogger().error(message, extra),
};

/** What a route's implementation receives: everything already parsed and typed. */
export interface RouteInput<S extends RouteSpec> {
  params: Infer<S['params']>;
  query: Infer<S['query']>;
  body: Infer<S['body']>;
  caller: S['auth'] extends 'jwt' ? Caller : Caller | undefined;
  requestId: string;
  /** Lower-cased request headers, for the few routes that need one (webhook signatures). */
  headers: Record<string, string | undefined>;
  /** The body exactly as received: signatures are computed over these bytes, not over parsed JSON. */
  rawBody: string;
}

const rawBrand = Symbol.for('carepool.rawResponse');

/** A non-JSON answer (a CSV statement) that skips the response schema. */
export class RawResponse {
  /** A global symbol, so the check holds even if two copies of this module are loaded. */
  readonly [rawBrand] = true;
  constructor(
    readonly contentType: string,
    readonly body: string,
    readonly filename?: string,
  ) {}
}

function isRawResponse(value: unknown): value is RawResponse {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[rawBrand] === true;
}

export type RouteImplementation<S extends RouteSpec> = (
  input: RouteInput<S>,
  deps: Deps,
) => Promise<z.input<S['response']> | RawResponse | undefined>;

/** Implementations for one module's routes (a part of a function), checked route by route. */
export type ImplementationsOf<R extends Record<string, RouteSpec>> = {
  [K in keyof R]: RouteImplementation<R[K]>;
};

/** The implementations one function provides, checked against the routes it is meant to serve. */
export type Implementations<F extends FunctionName> = {
  [K in RouteId as Routes[K]['function'] extends F ? K : never]: RouteImplementation<Routes[K]>;
};

/** Largest JSON body we accept: well above any real form, far below API Gateway's 10 MB. */
const maxBodyBytes = 64 * 1024;

/**
 * Deepest nesting of arrays and objects we accept. No form nests past a handful of levels, and
 * every recursive walk of the body afterwards (validation, the idempotency hash's
 * JSON.stringify) overflows the stack a few thousand levels down: that was a 500.
 */
const maxBodyDepth = 32;

/** The body's nesting depth, read from the text without recursion (brackets inside strings do not count). */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') deepest = Math.max(deepest, ++depth);
    else if (c === ']' || c === '}') depth--;
  }
  return deepest;
}

function parsePart(schema: z.ZodType | undefined, value: unknown, prefix: string | undefined) {
  if (!schema) return { ok: true as const, data: undefined };
  const result = schema.safeParse(value);
  return result.success
    ? { ok: true as const, data: result.data }
    : { ok: false as const, errors: fieldIssues(result.error, prefix) };
}

function readBody(
  event: APIGatewayProxyEventV2,
  requestId: string,
): { json: unknown } | APIGatewayProxyStructuredResultV2 {
  const raw =
    event.body === undefined
      ? ''
      : event.isBase64Encoded
        ? Buffer.from(event.body, 'base64').toString('utf8')
        : event.body;
  if (Buffer.byteLength(raw) > maxBodyBytes) {
    return problem(413, 'body_too_large', `Send at most ${maxBodyBytes / 1024} KB of JSON.`, requestId, {
      errors: [{ field: '(body)', message: 'The request body is too large' }],
    });
  }
  const contentType = event.headers['content-type'] ?? '';
  if (raw.length > 0 && !/^application\/(.+\+)?json\b/i.test(contentType)) {
    return problem(
      415,
      'unsupported_media_type',
      'Send the body as JSON with Content-Type: application/json.',
      requestId,
    );
  }
  if (raw.trim().length === 0) return { json: undefined };
  if (nestingDepth(raw) > maxBodyDepth) {
    return problem(400, 'body_too_deep', `Send JSON nested at most ${maxBodyDepth} levels deep.`, requestId, {
      errors: [{ field: '(body)', message: 'The body is nested too deeply' }],
    });
  }
  try {
    return { json: JSON.parse(raw) };
  } catch {
    return problem(400, 'malformed_json', 'The body is not valid JSON.', requestId, {
      errors: [{ field: '(body)', message: 'Send a valid JSON object' }],
    });
  }
}

function json(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return statusCode === 204
    ? { statusCode, headers: { 'cache-control': 'no-store' } }
    : {
        statusCode,
        headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
        body: JSON.stringify(body),
      };
}

/**
 * Builds the Lambda handler for one bounded context: finds the route from `event.routeKey`,
 * authorises the role, validates params/query/body with the route's zod schemas, replays
 * idempotent retries, calls the implementation and validates what it answers. Responses are parsed
 * through the response schema, which also strips any field the contract does not publish.
 */
export function createLambda<F extends FunctionName>(
  functionName: F,
  implementations: Implementations<F>,
  getDeps: () => Deps,
) {
  const served = new Map(
    routeList.filter((r) => r.function === functionName).map((r) => [routeKey(r), r] as const),
  );
  const byId = implementations as unknown as Record<string, RouteImplementation<RouteSpec>>;

  async function dispatch(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
    const requestId = event.requestContext.requestId;
    const route = served.get(event.routeKey);
    const implementation = route ? byId[route.id] : undefined;
    if (!route || !implementation)
      return problem(404, 'route_not_found', 'There is no such API route.', requestId);
    const spec: RouteSpec = routes[route.id];

    // Behind the JWT authorizer, API Gateway (or the local runtime) has already verified the token;
    // it says who is calling. What they may do is read from our table, now.
    const context = event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } };
    const verified = callerFromClaims(context.authorizer?.jwt?.claims);
    const deps = getDeps();
    const caller = verified ? await currentCaller(deps, verified.userId) : undefined;
    if (spec.auth === 'jwt') {
      if (!verified) return problem(401, 'unauthenticated', 'Sign in: send a valid bearer token.', requestId);
      if (!caller) {
        return problem(
          401,
          'account_not_active',
          'This account has been removed or was never set up here. Ask whoever invited you.',
          requestId,
        );
      }
      if (spec.roles && !hasRole(caller, ...spec.roles)) {
        return problem(
          403,
          'role_not_allowed',
          `This needs one of these roles: ${spec.roles.join(', ')}.`,
          requestId,
        );
      }
    }

    let rawBody: unknown;
    if (spec.body) {
      const read = readBody(event, requestId);
      if (!('json' in read)) return read;
      rawBody = read.json;
    }
    const params = parsePart(spec.params, event.pathParameters ?? {}, undefined);
    const query = parsePart(spec.query, event.queryStringParameters ?? {}, undefined);
    const body = parsePart(spec.body, rawBody, undefined);
    const errors = [
      ...(params.ok ? [] : params.errors),
      ...(query.ok ? [] : query.errors),
      ...(body.ok ? [] : body.errors),
    ];
    if (!params.ok || !query.ok || !body.ok) {
      return problem(400, 'invalid_request', 'Some fields need changing: see errors.', requestId, { errors });
    }

    const input = {
      params: params.data,
      query: query.data,
      body: body.data,
      caller,
      requestId,
      headers: event.headers,
      rawBody:
        event.body === undefined
          ? ''
          : event.isBase64Encoded
            ? Buffer.from(event.body, 'base64').toString('utf8')
            : event.body,
    } as RouteInput<RouteSpec>;
    const run = async (): Promise<APIGatewayProxyStructuredResultV2> => {
      const result = await implementation(input, deps);
      if (isRawResponse(result)) {
        return {
          statusCode: spec.status,
          headers: {
            'content-type': result.contentType,
            'cache-control': 'no-store',
            ...(result.filename
              ? { 'content-disposition': `attachment; filename="${result.filename}"` }
              : {}),
          },
          body: result.body,
        };
      }
      return json(spec.status, spec.status === 204 ? undefined : spec.response.parse(result));
    };

    const idempotencyKey = spec.idempotent ? event.headers['idempotency-key'] : undefined;
    if (idempotencyKey === undefined) return run();
    if (!/^[A-Za-z0-9_.:-]{1,128}$/.test(idempotencyKey)) {
      return problem(
        400,
        'invalid_idempotency_key',
        'Use an Idempotency-Key of 1 to 128 letters, digits or - _ . :',
        requestId,
        {
          errors: [{ field: 'Idempotency-Key', message: 'Use 1 to 128 letters, digits or - _ . :' }],
        },
      );
    }
    const scope = `${caller?.userId ?? 'anonymous'}#${route.id}`;
    const requestHash = createHash('sha256')
      .update(JSON.stringify([event.rawPath, rawBody ?? null]))
      .digest('hex');
    const claim = await deps.idempotency.claim(
      scope,
      idempotencyKey,
      requestHash,
      deps.clock.now().getTime(),
    );
    switch (claim.outcome) {
      case 'replay':
        return {
          ...json(claim.response.statusCode, undefined),
          body: claim.response.body,
          headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' },
        };
      case 'mismatch':
        return problem(
          409,
          'idempotency_key_reused',
          'That Idempotency-Key was used with a different request. Use a new key.',
          requestId,
        );
      case 'in_progress':
        return problem(
          409,
          'idempotency_in_progress',
          'The first request with this Idempotency-Key is still running. Retry shortly.',
          requestId,
        );
      case 'claimed':
        try {
          const response = await run();
          await deps.idempotency.complete(scope, idempotencyKey, {
            statusCode: response.statusCode ?? 200,
            body: response.body ?? '',
          });
          return response;
        } catch (error) {
          await deps.idempotency.release(scope, idempotencyKey);
          throw error;
        }
    }
  }

  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>()
    .use({
      onError: async (request) => {
        const requestId = request.event.requestContext.requestId;
        const response = errorToProblem(request.error, requestId);
        if ((response.statusCode ?? 500) >= 500)
          logger.error('Unhandled error', { requestId, error: request.error as Error });
        request.response = response;
      },
    })
    .handler(dispatch);
}
