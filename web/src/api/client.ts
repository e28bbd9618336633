/**
 * The typed API client. Paths, methods, request and response types all come from the one route
 * table (`functions/src/routes.ts`) and its zod contracts, so the web app cannot drift from the
 * API: a renamed field is a type error here, and a response that breaks its contract is caught
 * at run time too.
 */
import { Problem, type RouteSpec } from '@carepool/contracts';
import { type RouteId, type Routes, routes } from '@carepool/functions/routes';
import type { z } from 'zod';

/**
 * The schema a route declares for one part of the request, or never when it declares none. A
 * route without a part is typed with the part's wide default (any object, any schema), which no
 * declared schema is wider than: that is how "none" is told apart.
 */
type SchemaOf<T> = [Exclude<T, undefined>] extends [never]
  ? never
  : [z.ZodObject<z.ZodRawShape>] extends [Exclude<T, undefined>]
    ? never
    : Exclude<T, undefined> extends z.ZodType
      ? Exclude<T, undefined>
      : never;
/** What the caller sends: the schema's input (defaults may be left out, the server fills them). */
type InputOf<T> = [SchemaOf<T>] extends [never] ? undefined : z.input<SchemaOf<T>>;

export type ParamsOf<K extends RouteId> = InputOf<Routes[K]['params']>;
export type QueryOf<K extends RouteId> = InputOf<Routes[K]['query']>;
export type BodyOf<K extends RouteId> = InputOf<Routes[K]['body']>;

/** Routes that answer 204 No Content (checked against the route table by a unit test). */
export const noContentRoutes = ['revokeDelegation'] as const satisfies readonly RouteId[];
type NoContentRoute = (typeof noContentRoutes)[number];

export type ResponseOf<K extends RouteId> = K extends NoContentRoute
  ? undefined
  : z.output<Routes[K]['response']>;

type Part<Name extends string, T> = [T] extends [undefined]
  ? { [P in Name]?: undefined }
  : { [P in Name]: T };

export type CallInput<K extends RouteId> = Part<'params', ParamsOf<K>> &
  Part<'query', QueryOf<K>> &
  Part<'body', BodyOf<K>>;

export interface CallOptions {
  token?: string | undefined;
  /** For routes that accept one: a retry with the same key never does the thing twice. */
  idempotencyKey?: string | undefined;
  signal?: AbortSignal | undefined;
}

/** Everything that goes wrong talking to the API becomes one of these, with a problem document. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  get code(): string {
    return this.problem.code;
  }
}

function localProblem(status: number, code: string, title: string, detail: string): Problem {
  return { type: `about:blank#${code}`, title, status, detail, code, errors: [] };
}

function fillPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === '') throw new Error(`Missing path parameter ${name} for ${path}`);
    return encodeURIComponent(String(value));
  });
}

function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) search.set(key, value.map(String).join(','));
    } else {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The URL for a route, relative to this origin: the web app is served beside the API. */
export function urlFor<K extends RouteId>(id: K, input: Pick<CallInput<K>, 'params' | 'query'>): string {
  return pathFor(routes[id], input);
}

function pathFor(spec: RouteSpec, input: { params?: unknown; query?: unknown }): string {
  return (
    fillPath(spec.path, input.params as Record<string, unknown> | undefined) +
    queryString(input.query as Record<string, unknown> | undefined)
  );
}

async function send<K extends RouteId>(
  id: K,
  input: CallInput<K>,
  options: CallOptions,
  accept: string,
): Promise<Response> {
  const spec: RouteSpec = routes[id];
  const headers: Record<string, string> = { accept };
  if (input.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (spec.idempotent && options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(pathFor(spec, input), {
      method: spec.method,
      headers,
      ...(input.body === undefined ? {} : { body: JSON.stringify(input.body) }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(
      localProblem(
        0,
        'network_error',
        'We could not reach Carepool',
        'Check your internet connection and try again.',
      ),
    );
  }
  if (!response.ok) throw await errorFrom(response);
  return response;
}

async function errorFrom(response: Response): Promise<ApiError> {
  const text = await response.text();
  try {
    const parsed = Problem.safeParse(JSON.parse(text));
    if (parsed.success) return new ApiError(parsed.data);
  } catch {
    // Not JSON: API Gateway's own answers (its authorizer's 401) are small plain bodies.
  }
  const fallback: Record<number, [string, string]> = {
    401: ['Sign in again', 'You need to sign in again to do this.'],
    403: ['You cannot do this', 'You do not have permission to do this.'],
    404: ['Not found', 'We could not find that. It may have been removed, or the address may be wrong.'],
    429: ['Too many requests', 'Wait a minute and try again.'],
  };
  const [title, detail] = fallback[response.status] ?? [
    'Something went wrong',
    'Something went wrong on our side. Try again later.',
  ];
  return new ApiError(localProblem(response.status, `http_${response.status}`, title, detail));
}

/** Calls one route of the API; the answer is checked against the route's response schema. */
export async function callApi<K extends RouteId>(
  id: K,
  input: CallInput<K>,
  options: CallOptions = {},
): Promise<ResponseOf<K>> {
  const spec: RouteSpec = routes[id];
  const response = await send(id, input, options, 'application/json');
  if (spec.status === 204 || response.status === 204) return undefined as ResponseOf<K>;
  const json: unknown = await response.json();
  const parsed = spec.response.safeParse(json);
  if (!parsed.success) {
    console.error(`The ${id} answer does not match its contract`, parsed.error.issues);
    throw new ApiError(
      localProblem(
        502,
        'contract_mismatch',
        'Something went wrong',
        'Carepool sent an answer this page does not understand. Try again later.',
      ),
    );
  }
  return parsed.data as ResponseOf<K>;
}

/** Routes that answer one page of a longer list (`{ items, nextCursor? }`, asked with `?cursor`). */
export type PagedRouteId = {
  [K in RouteId]: ResponseOf<K> extends { items: unknown[]; nextCursor?: string | undefined }
    ? QueryOf<K> extends { cursor?: string | undefined }
      ? K
      : never
    : never;
}[RouteId];

/** Most pages one list is followed through, so a server bug cannot loop a browser forever. */
const maxPagesFollowed = 100;

/**
 * Every page of a list, for a page that shows the whole list (grouped or counted): follows
 * `nextCursor` at the largest page size and answers as if it had been one response.
 */
export async function callAllPages<K extends PagedRouteId>(
  id: K,
  input: CallInput<K>,
  options: CallOptions = {},
): Promise<ResponseOf<K>> {
  type Paged = { items: unknown[]; nextCursor?: string | undefined };
  const pageInput = (cursor: string | undefined) =>
    ({
      ...input,
      query: { ...(input.query ?? {}), limit: 100, ...(cursor === undefined ? {} : { cursor }) },
    }) as CallInput<K>;
  const first = (await callApi(id, pageInput(undefined), options)) as Paged;
  const items = [...first.items];
  let next = first.nextCursor;
  for (let followed = 1; next !== undefined && followed < maxPagesFollowed; followed++) {
    const page = (await callApi(id, pageInput(next), options)) as Paged;
    items.push(...page.items);
    next = page.nextCursor;
  }
  const { nextCursor: _last, ...rest } = first;
  return { ...rest, items } as unknown as ResponseOf<K>;
}

/** For routes that can answer in another format (the statement as CSV): the body as text. */
export async function callApiText<K extends RouteId>(
  id: K,
  input: CallInput<K>,
  options: CallOptions = {},
): Promise<string> {
  const response = await send(id, input, options, 'text/csv, text/plain, */*');
  return response.text();
}

export interface FieldIssue {
  field: string;
  message: string;
}

/**
 * Checks a request body against the route's own schema before it is sent, so a form can show
 * the same messages the API would, without a round trip.
 */
export function checkBody<K extends RouteId>(id: K, body: BodyOf<K>): FieldIssue[] {
  const spec: RouteSpec = routes[id];
  if (!spec.body) return [];
  const result = spec.body.safeParse(body);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
}

/** A fresh key for a POST that creates something, kept for the life of one form. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
