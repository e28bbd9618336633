import type { Role } from '@carepool/domain';
import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The Lambda function (one per bounded context) that serves a route. */
export type FunctionName =
  | 'platform'
  | 'directory'
  | 'people'
  | 'orders'
  | 'accounts'
  | 'webhooks'
  | 'groups'
  | 'identity'
  | 'oversight'
  | 'dev';

/**
 * - `jwt`: a verified token is required (API Gateway's JWT authorizer in AWS, the local runtime here).
 * - `public`: no token; anyone may call it (finding support should not need an account).
 * - `signature`: no token, but the handler refuses anything not signed by the sender (Stripe webhooks).
 */
export type RouteAuth = 'jwt' | 'public' | 'signature';

type AnyObject = z.ZodObject<z.ZodRawShape>;

export interface RouteSpec<
  P extends AnyObject | undefined = AnyObject | undefined,
  Q extends AnyObject | undefined = AnyObject | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  R extends z.ZodType = z.ZodType,
  F extends FunctionName = FunctionName,
  A extends RouteAuth = RouteAuth,
> {
  method: HttpMethod;
  /** API Gateway path syntax: `/v1/listings/{id}`. */
  path: string;
  function: F;
  auth: A;
  /** Roles allowed to call it; omitted means any signed-in role. Object-level checks come later, in the domain. */
  roles?: readonly Role[];
  /** Exists only in the local runtime (demo sign-in): never deployed. */
  localOnly?: boolean;
  /** Accepts an `Idempotency-Key` header: a retry with the same key and body replays the first answer. */
  idempotent?: boolean;
  summary: string;
  /** Longer words for the OpenAPI description, where a summary line cannot say enough. */
  description?: string;
  tags: readonly string[];
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** Status of a successful answer. */
  status: 200 | 201 | 204;
}

/** Keeps each route's schema types precise so handlers receive typed params, query and body. */
export function defineRoute<
  P extends AnyObject | undefined = undefined,
  Q extends AnyObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType = z.ZodType,
  F extends FunctionName = FunctionName,
  A extends RouteAuth = RouteAuth,
>(spec: RouteSpec<P, Q, B, R, F, A>): RouteSpec<P, Q, B, R, F, A> {
  return spec;
}

export type Infer<T> = [Exclude<T, undefined>] extends [never]
  ? undefined
  : Exclude<T, undefined> extends z.ZodType
    ? z.output<Exclude<T, undefined>>
    : undefined;

/** `GET /v1/listings/{id}` → the route key API Gateway puts in `event.routeKey`. */
export function routeKey(spec: Pick<RouteSpec, 'method' | 'path'>): string {
  return `${spec.method} ${spec.path}`;
}
