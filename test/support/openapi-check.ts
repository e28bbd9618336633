import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

interface Operation {
  method: string;
  pattern: RegExp;
  params: number;
  path: string;
  operationId: string;
  responses: Record<string, { content?: Record<string, unknown>; 'x-carepool-problem-codes'?: string[] }>;
}

const documentId = 'https://carepool.test/openapi.json';
const pointer = (...parts: string[]) =>
  parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

/**
 * Checks a response against the schema the served OpenAPI document gives for its route, status and
 * media type, so the document cannot drift from what the handlers answer. Uses Ajv (JSON Schema
 * 2020-12, the dialect OpenAPI 3.1 uses) with the formats zod writes (`date`, `date-time`, `email`).
 */
export class OpenApiCheck {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  private readonly operations: Operation[] = [];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(document: Record<string, unknown>) {
    (addFormats as unknown as (ajv: Ajv2020) => void)(this.ajv);
    this.ajv.addSchema({ ...document, $id: documentId });
    const paths = document.paths as Record<string, Record<string, Omit<Operation, 'method'>>>;
    for (const [path, methods] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const params = (path.match(/\{[^}]+\}/g) ?? []).length;
        const pattern = new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
        this.operations.push({
          method: method.toUpperCase(),
          pattern,
          params,
          path,
          operationId: operation.operationId,
          responses: operation.responses,
        });
      }
    }
    // Literal segments win over templates, as API Gateway routes them.
    this.operations.sort((a, b) => a.params - b.params);
  }

  /** A problem with the response, in words, or undefined if it matches the document. */
  problemWith(
    method: string,
    url: string,
    status: number,
    contentType: string,
    body: unknown,
  ): string | undefined {
    const path = url.split('?')[0] ?? url;
    const operation = this.operations.find((o) => o.method === method.toUpperCase() && o.pattern.test(path));
    // Not a documented route: the runtime answers route_not_found, which no operation owns.
    if (!operation) return undefined;
    const where = `${method} ${path} (${operation.operationId}) answered ${status}`;
    const response = operation.responses[String(status)];
    if (!response) {
      return `${where}, which the document does not list (it lists ${Object.keys(operation.responses).join(', ')}): ${JSON.stringify(body)}`;
    }
    if (!response.content) {
      return body === undefined || body === ''
        ? undefined
        : `${where} with a body the document does not describe`;
    }
    const mediaTypes = Object.keys(response.content);
    const base = contentType.split(';')[0]?.trim() ?? '';
    // An idempotent replay comes back as application/json whatever the first answer's type was.
    const mediaType = mediaTypes.includes(base) ? base : mediaTypes[0];
    if (!mediaType) return undefined;
    if (!mediaTypes.includes(base) && !(base === 'application/json' && mediaType.endsWith('+json'))) {
      return `${where} as ${contentType}, but the document says ${mediaTypes.join(' or ')}`;
    }
    const ref = `${documentId}#/${pointer('paths', operation.path, method.toLowerCase(), 'responses', String(status), 'content', mediaType, 'schema')}`;
    let validate = this.compiled.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: ref });
      this.compiled.set(ref, validate);
    }
    if (validate(body)) {
      // A problem's code must be one the document lists for this operation and status.
      const codes = response['x-carepool-problem-codes'];
      const code = (body as { code?: unknown } | undefined)?.code;
      if (codes && typeof code === 'string' && !codes.includes(code)) {
        return `${where} with code ${code}, which the document does not list (it lists ${codes.join(', ')})`;
      }
      return undefined;
    }
    const errors = (validate.errors ?? [])
      .slice(0, 8)
      .map(
        (e) =>
          `  ${e.instancePath || '(body)'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`,
      );
    return `${where} with a body that does not match the document's ${mediaType} schema:\n${errors.join('\n')}`;
  }
}
