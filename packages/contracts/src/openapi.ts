import { z } from 'zod';
import { Problem } from './common.ts';
import type { RouteSpec } from './route-spec.ts';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dropped, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    reused: 'inline',
  }) as JsonSchema;
  return rest;
}

function parametersOf(schema: z.ZodObject<z.ZodRawShape> | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const objectSchema = jsonSchema(schema, 'input');
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

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/**
 * Builds the OpenAPI 3.1 document from the route table, so the document, the deployed API and the
 * local runtime can never describe different APIs.
 */
export function buildOpenApi(
  routes: Record<string, RouteSpec>,
  options: { includeLocalOnly: boolean; version: string; serverUrl?: string },
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [operationId, route] of Object.entries(routes)) {
    if (route.localOnly && !options.includeLocalOnly) continue;
    const responses: Record<string, unknown> = {
      [String(route.status)]:
        route.status === 204
          ? { description: 'Done' }
          : {
              description: 'Success',
              content: { 'application/json': { schema: jsonSchema(route.response, 'output') } },
            },
      '400': problemResponse('The request is malformed: the problem lists each field and how to fix it'),
      '404': problemResponse('Not found, or not yours to see'),
      '500': problemResponse('Something went wrong on our side; quote the request id'),
    };
    if (route.auth === 'jwt') {
      responses['401'] = problemResponse('No token, or the token is expired or invalid');
      responses['403'] = problemResponse('Your role or delegation does not allow this');
    }
    if (route.method !== 'GET') {
      responses['409'] = problemResponse(
        'The object changed, is in the wrong state, or the idempotency key was reused',
      );
      responses['422'] = problemResponse('A business rule refused it; the code says which');
    }
    const parameters = [...parametersOf(route.params, 'path'), ...parametersOf(route.query, 'query')];
    if (route.idempotent) {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description:
          'Retry safely: the same key and body returns the first answer; a different body is a 409',
        schema: { type: 'string', maxLength: 128 },
      });
    }
    const operation: Record<string, unknown> = {
      operationId,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: [...route.tags],
      ...(route.roles ? { 'x-carepool-roles': [...route.roles] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: {
              // A body whose every field is optional may be left out.
              required: !route.body.safeParse(undefined).success,
              content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
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
  return {
    openapi: '3.1.0',
    info: {
      title: 'Carepool API',
      version: options.version,
      description:
        'Find and book social care and support with a personal budget. Money is integer pence. Errors are RFC 9457 problem details with a stable code.',
      license: { name: 'AGPL-3.0-only', identifier: 'AGPL-3.0-only' },
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    paths,
    components: {
      schemas: { Problem: jsonSchema(Problem, 'output') },
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}
