import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type FunctionName, type RouteAuth, routeKey } from '@carepool/contracts';
import { claimsAsApiGatewayPasses } from '@carepool/functions/http/caller';
import { errorToProblem, problem } from '@carepool/functions/http/problem';
import { routeList } from '@carepool/functions/routes';
import type { SimulatedRail } from '@carepool/payments';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { JWTPayload } from 'jose';
import { serveApiReference } from './api-reference.ts';
import { simulatedRailPage } from './simulated-rail-pages.ts';
import { serveStatic } from './static.ts';

export type LambdaHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export interface LocalServerOptions {
  lambdas: Record<FunctionName, LambdaHandler>;
  verifyToken: (authorization: string | undefined) => Promise<JWTPayload | undefined>;
  /** The simulated payment rail, whose stand-in checkout and onboarding pages this server shows. */
  simulatedRail?: SimulatedRail;
  /** The configured public address (`CAREPOOL_PUBLIC_URL`); the simulated pages post webhooks there. */
  publicUrl?: () => string;
  /** Folder of the built web app; served for every non-API path. */
  webRoot?: string;
  log?: (line: string) => void;
}

interface CompiledRoute {
  id: string;
  key: string;
  method: string;
  pattern: RegExp;
  paramNames: string[];
  function: FunctionName;
  auth: RouteAuth;
  literalSegments: number;
}

/** Matches like API Gateway: the most specific path (most literal segments) wins. */
function compileRoutes(): CompiledRoute[] {
  return routeList
    .map((route) => {
      const paramNames: string[] = [];
      const segments = route.path.split('/').filter(Boolean);
      const pattern = segments
        .map((segment) => {
          const param = /^\{(\w+)\}$/.exec(segment);
          if (param?.[1]) {
            paramNames.push(param[1]);
            return '([^/]+)';
          }
          return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        })
        .join('/');
      return {
        id: route.id,
        key: routeKey(route),
        method: route.method,
        pattern: new RegExp(`^/${pattern}/?$`),
        paramNames,
        function: route.function,
        auth: route.auth,
        literalSegments: segments.length - paramNames.length,
      };
    })
    .sort((a, b) => b.literalSegments - a.literalSegments);
}

async function readRawBody(request: IncomingMessage, limitBytes: number): Promise<Buffer | 'too_large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) return 'too_large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function lambdaContext(functionName: string, requestId: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `carepool-${functionName}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-2:000000000000:function:carepool-${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/carepool-${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 29_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function send(response: ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  response.writeHead(result.statusCode ?? 200, headers);
  const body = result.body ?? '';
  response.end(result.isBase64Encoded ? Buffer.from(body, 'base64') : body);
}

/**
 * The local stand-in for API Gateway's HTTP API: it matches the route table, verifies the JWT
 * where the authorizer would, builds the same v2 event (claims in API Gateway's string form) and
 * invokes the real Lambda handler for the route.
 */
export function createLocalServer(options: LocalServerOptions): Server {
  const compiled = compileRoutes();
  const log = options.log ?? (() => undefined);

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = performance.now();
    const requestId = randomUUID();
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = (request.method ?? 'GET').toUpperCase();
    const path = url.pathname;

    if (options.simulatedRail && path.startsWith('/simulated-')) {
      await simulatedRailPage(
        options.simulatedRail,
        method,
        path,
        request,
        response,
        `${options.publicUrl?.() ?? 'http://localhost'}/v1/webhooks/stripe`,
      );
      return;
    }

    if ((method === 'GET' || method === 'HEAD') && serveApiReference(path, response)) return;

    if (
      !path.startsWith('/v1/') &&
      options.webRoot !== undefined &&
      (method === 'GET' || method === 'HEAD')
    ) {
      await serveStatic(options.webRoot, path, response);
      return;
    }

    let params: Record<string, string> = {};
    let badlyEncoded = false;
    const route = compiled.find((candidate) => {
      if (candidate.method !== method) return false;
      const match = candidate.pattern.exec(path);
      if (!match) return false;
      try {
        params = Object.fromEntries(
          candidate.paramNames.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]),
        );
      } catch {
        // A broken %-escape (say `%E0%A4%A`) is the caller's mistake, as API Gateway treats it.
        badlyEncoded = true;
      }
      return true;
    });
    if (badlyEncoded) {
      send(response, problem(400, 'invalid_path', 'The path has a malformed %-encoding.', requestId));
      log(`${method} ${path} 400 (invalid path)`);
      return;
    }
    if (!route) {
      send(response, problem(404, 'route_not_found', `There is no API route ${method} ${path}.`, requestId));
      log(`${method} ${path} 404 (no route)`);
      return;
    }

    const raw = await readRawBody(request, 1024 * 1024);
    if (raw === 'too_large') {
      send(response, problem(413, 'body_too_large', 'The request body is too large.', requestId));
      return;
    }

    let claims: Record<string, string> | undefined;
    if (route.auth === 'jwt') {
      const payload = await options.verifyToken(request.headers.authorization);
      if (!payload) {
        send(
          response,
          problem(
            401,
            'unauthenticated',
            'Sign in: send a valid bearer token (it may have expired).',
            requestId,
          ),
        );
        log(`${method} ${path} 401`);
        return;
      }
      claims = claimsAsApiGatewayPasses(payload as Record<string, unknown>);
    }

    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
    }
    const query: Record<string, string> = {};
    for (const [name, value] of url.searchParams)
      query[name] = name in query ? `${query[name]},${value}` : value;
    const now = new Date();
    const event: APIGatewayProxyEventV2 = {
      version: '2.0',
      routeKey: route.key,
      rawPath: path,
      rawQueryString: url.search.replace(/^\?/, ''),
      headers,
      ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
      ...(route.paramNames.length ? { pathParameters: params } : {}),
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        domainName: headers.host ?? 'localhost',
        domainPrefix: 'localhost',
        http: {
          method,
          path,
          protocol: `HTTP/${request.httpVersion}`,
          sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
          userAgent: headers['user-agent'] ?? '',
        },
        requestId,
        routeKey: route.key,
        stage: '$default',
        time: now.toUTCString(),
        timeEpoch: now.getTime(),
        ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {}),
      } as APIGatewayProxyEventV2['requestContext'],
      isBase64Encoded: false,
      ...(raw.length ? { body: raw.toString('utf8') } : {}),
    };

    let result: APIGatewayProxyStructuredResultV2;
    try {
      result = await options.lambdas[route.function](event, lambdaContext(route.function, requestId));
    } catch (error) {
      result = errorToProblem(error, requestId);
    }
    send(response, result);
    log(`${method} ${path} ${result.statusCode ?? 200} ${Math.round(performance.now() - started)}ms`);
  }

  return createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, errorToProblem(error, 'local'));
      else response.destroy();
    });
  });
}
