import * as z from 'zod';
import { Problem } from './common.ts';
import { type OperationDoc, problemCodes, routeDocs, tagDescriptions } from './route-docs.ts';
import type { RouteSpec } from './route-spec.ts';

type JsonSchema = Record<string, unknown>;
type Io = 'input' | 'output';

/**
 * Turns zod schemas into JSON Schema whose named parts (`.meta({ id })`) live once in
 * `components/schemas`. zod writes each conversion as `{ $ref: '#/$defs/X', $defs: {...} }`; in an
 * OpenAPI document `#/...` points at the document's root, so those refs would resolve nowhere.
 * Every `$defs` entry is hoisted and every ref rewritten. The same id can differ between what we
 * accept and what we answer (defaults are optional on the way in, always there on the way out), so
 * when the two differ the request variant is named `XInput`.
 */
class SchemaComponents {
  private readonly defs: Record<Io, Map<string, JsonSchema>> = { input: new Map(), output: new Map() };
  private readonly pending: Array<{ node: unknown; io: Io }> = [];

  convert(schema: z.ZodType, io: Io): JsonSchema {
    const {
      $schema: _dropped,
      $defs,
      ...root
    } = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io,
      unrepresentable: 'any',
      reused: 'inline',
    }) as JsonSchema;
    for (const [id, def] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) {
      // zod names cycles and shared parts `__schemaN` per conversion: such names would clash here.
      if (id.startsWith('__')) throw new Error(`Give the schema an id with .meta({ id }): ${id}`);
      const known = this.defs[io].get(id);
      if (known && JSON.stringify(known) !== JSON.stringify(def)) {
        throw new Error(`Two different schemas share the id ${id}`);
      }
      if (!known) {
        this.defs[io].set(id, def);
        this.pending.push({ node: def, io });
      }
    }
    this.pending.push({ node: root, io });
    return root;
  }

  /** Rewrites every ref collected so far and returns the hoisted schemas, sorted by name. */
  finish(): Record<string, JsonSchema> {
    const nameOf = (io: Io, id: string): string => {
      const input = this.defs.input.get(id);
      const output = this.defs.output.get(id);
      const differ = input && output && JSON.stringify(input) !== JSON.stringify(output);
      return io === 'input' && differ ? `${id}Input` : id;
    };
    const rewrite = (node: unknown, io: Io): void => {
      if (Array.isArray(node)) {
        for (const item of node) rewrite(item, io);
        return;
      }
      if (typeof node !== 'object' || node === null) return;
      const record = node as Record<string, unknown>;
      const ref = record.$ref;
      if (typeof ref === 'string' && ref.startsWith('#/$defs/')) {
        record.$ref = `#/components/schemas/${nameOf(io, ref.slice('#/$defs/'.length))}`;
      }
      for (const value of Object.values(record)) rewrite(value, io);
    };
    for (const { node, io } of this.pending) rewrite(node, io);
    const schemas: Record<string, JsonSchema> = {};
    for (const io of ['output', 'input'] as const) {
      for (const [id, def] of this.defs[io]) schemas[nameOf(io, id)] = def;
    }
    return Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));
  }
}

function parametersOf(
  components: SchemaComponents,
  schema: z.ZodObject<z.ZodRawShape> | undefined,
  where: 'path' | 'query',
): JsonSchema[] {
  if (!schema) return [];
  const objectSchema = components.convert(schema, 'input');
  const properties = (objectSchema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((objectSchema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: property,
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
  }));
}

const statusMeaning: Record<number, string> = {
  400: 'The request is malformed: `errors` names each field and how to fix it',
  401: 'No token, or the token is expired or invalid',
  403: 'Your role or delegation does not allow this',
  404: 'Not found, or not yours to see (we never say which)',
  409: 'The object changed or is in the wrong state, or the idempotency key was reused',
  413: 'The body is larger than 64 KB',
  415: 'The body is not JSON',
  422: 'A business rule refused it: `code` says which, `facts` gives the figures',
  500: 'Something went wrong on our side; quote the request id',
};

/** One problem response: what the status means and each `code` it can carry, in words. */
function problemResponse(status: number, codes: readonly string[]) {
  const lines = codes.map((code) => `- \`${code}\`: ${problemCodes[code] ?? 'see the detail'}`);
  return {
    description: [statusMeaning[status] ?? 'Refused', ...(lines.length ? ['', 'Codes:', ...lines] : [])].join(
      '\n',
    ),
    'x-carepool-problem-codes': [...codes],
    content: {
      'application/problem+json': {
        schema: { $ref: '#/components/schemas/Problem' },
        ...(codes[0]
          ? {
              example: {
                type: `https://carepool.org.uk/problems/${codes[0]}`,
                title: 'Refused',
                status,
                detail: problemCodes[codes[0]] ?? 'See the code.',
                code: codes[0],
                requestId: 'req_example',
                errors: [],
              },
            }
          : {}),
      },
    },
  };
}

/** The problem codes an operation can answer with, by status: the common ones plus its own. */
function problemCodesOf(route: RouteSpec, doc: OperationDoc | undefined): Map<number, string[]> {
  const byStatus = new Map<number, string[]>();
  const add = (status: number, ...codes: readonly string[]) => {
    const list = byStatus.get(status) ?? [];
    for (const code of codes) if (!list.includes(code)) list.push(code);
    byStatus.set(status, list);
  };
  add(400, 'invalid_request', 'invalid_field');
  // Every list that grows without bound pages with a cursor, which is checked the same way.
  if (route.query && 'cursor' in route.query.shape) add(400, 'bad_cursor');
  if (route.body) {
    add(400, 'malformed_json', 'body_too_deep');
    add(413, 'body_too_large');
    add(415, 'unsupported_media_type');
  }
  if (route.idempotent) {
    add(400, 'invalid_idempotency_key');
    add(409, 'idempotency_key_reused', 'idempotency_in_progress');
  }
  if (route.auth === 'jwt') {
    add(401, 'unauthenticated');
    add(401, 'account_not_active');
    // Whether a caller may act on a person is decided in one place (access.ts) for every route, so
    // every signed-in route can answer with its three refusals.
    add(403, 'role_not_allowed', 'delegate_scope_missing', 'delegate_kind_mismatch', 'council_managed');
  }
  // An object named in the path or the body that is absent, or not the caller's to see.
  if (route.params || (route.auth === 'jwt' && route.body)) add(404, 'not_found');
  for (const [status, codes] of Object.entries(doc?.errors ?? {})) add(Number(status), ...(codes ?? []));
  add(500, 'internal_error');
  return new Map([...byStatus].sort(([a], [b]) => a - b));
}

function describe(route: RouteSpec, doc: OperationDoc | undefined): string {
  const who =
    route.auth === 'public'
      ? 'Anyone may call it: no token needed.'
      : route.auth === 'signature'
        ? "No token: the sender's signature is checked instead."
        : route.roles
          ? `Roles: ${route.roles.map((r) => `\`${r}\``).join(', ')}. Object-level checks follow: another person's or council's object is a 404.`
          : "Any signed-in role; object-level checks decide what you see (another person's or council's object is a 404).";
  return [
    route.description,
    doc?.description,
    who,
    route.idempotent
      ? 'Send an `Idempotency-Key` to retry safely: the same key and body replays the first answer.'
      : undefined,
    route.localOnly ? 'Exists only in the local runtime: never deployed.' : undefined,
  ]
    .filter(Boolean)
    .join('\n\n');
}

/**
 * Builds the OpenAPI 3.1 document from the route table, so the document, the deployed API and the
 * local runtime can never describe different APIs. Per-operation prose (problem codes, examples)
 * comes from `routeDocs`, keyed by operation id, so the route table stays about routing.
 */
export function buildOpenApi(
  routes: Record<string, RouteSpec>,
  options: { includeLocalOnly: boolean; version: string; serverUrl?: string },
): Record<string, unknown> {
  const components = new SchemaComponents();
  const problemSchema = components.convert(Problem, 'output');
  const paths: Record<string, Record<string, unknown>> = {};
  const tags = new Set<string>();
  for (const [operationId, route] of Object.entries(routes)) {
    if (route.localOnly && !options.includeLocalOnly) continue;
    const doc = routeDocs[operationId];
    for (const tag of route.tags) tags.add(tag);
    const success =
      route.status === 204
        ? { description: 'Done: no body' }
        : {
            description: doc?.responseDescription ?? 'Success',
            content: {
              'application/json': {
                schema: components.convert(route.response, 'output'),
                ...(doc?.responseExample === undefined ? {} : { example: doc.responseExample }),
              },
              ...Object.fromEntries(
                Object.entries(doc?.alsoAnswers ?? {}).map(([mediaType, description]) => [
                  mediaType,
                  { schema: { type: 'string', description } },
                ]),
              ),
            },
          };
    const responses: Record<string, unknown> = { [String(route.status)]: success };
    for (const [status, codes] of problemCodesOf(route, doc)) {
      responses[String(status)] = problemResponse(status, codes);
    }
    const parameters = [
      ...parametersOf(components, route.params, 'path'),
      ...parametersOf(components, route.query, 'query'),
    ];
    if (route.idempotent) {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description:
          'Retry safely: the same key and body returns the first answer (with `Idempotent-Replayed: true`); a different body is a 409 `idempotency_key_reused`. Keys are per caller and operation.',
        schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,128}$' },
        example: 'b6f1c0de-3a4e-4c1a-9d7e-2f9a1c3b5d7e',
      });
    }
    const operation: Record<string, unknown> = {
      operationId,
      summary: route.summary,
      description: describe(route, doc),
      tags: [...route.tags],
      ...(route.roles ? { 'x-carepool-roles': [...route.roles] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: {
              // A body whose every field is optional may be left out.
              required: !route.body.safeParse(undefined).success,
              content: {
                'application/json': {
                  schema: components.convert(route.body, 'input'),
                  ...(doc?.requestExample === undefined ? {} : { example: doc.requestExample }),
                },
              },
            },
          }
        : {}),
      responses,
      security: route.auth === 'jwt' ? [{ bearerAuth: [] }] : [],
    };
    const byMethod = paths[route.path] ?? {};
    byMethod[route.method.toLowerCase()] = operation;
    paths[route.path] = byMethod;
  }
  const schemas = components.finish();
  // Problem is always a named component: every error response refers to it.
  if (!schemas.Problem) schemas.Problem = problemSchema;
  return {
    openapi: '3.1.0',
    info: {
      title: 'Carepool API',
      version: options.version,
      description: [
        'Find and book social care and support with a personal budget.',
        'Money is integer pence. Errors are RFC 9457 problem details (`application/problem+json`) with a stable `code`; each operation lists the codes it can answer with.',
        'Writes that move money accept an `Idempotency-Key` header: retry with the same key and body and you get the first answer back.',
      ].join('\n\n'),
      license: { name: 'AGPL-3.0-only', identifier: 'AGPL-3.0-only' },
    },
    servers: [
      ...(options.serverUrl ? [{ url: options.serverUrl, description: 'This deployment' }] : []),
      { url: '/', description: 'The server this document was fetched from' },
      ...(options.includeLocalOnly
        ? [
            {
              url: 'http://localhost:3000',
              description: 'The local runtime (`npm start`; PORT changes the port)',
            },
          ]
        : []),
    ],
    tags: [...tags].sort().map((name) => ({ name, description: tagDescriptions[name] ?? name })),
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: [
            "A JWT carrying the caller's roles (`cognito:groups`) and, where relevant, `custom:councilId` and `custom:personId`.",
            '',
            '**Locally** (`npm start`): `POST /v1/dev/token` with `{"userId": "<a demo user>"}` (`GET /v1/dev/users` lists them) answers `{token}`; or use the web app\'s *Sign in as* page.',
            '',
            '**In AWS**: sign in through Cognito hosted sign-in (OAuth 2 authorisation code flow with PKCE; `GET /v1/auth/config` gives the domain and client id) and send the ID token.',
          ].join('\n'),
        },
      },
    },
  };
}
