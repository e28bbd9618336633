import type { Problem } from '@carepool/contracts';
import { DomainError, type ErrorKind } from '@carepool/domain';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ZodError } from 'zod';

/** The one place domain error kinds become HTTP status codes. */
const statusOf: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rule: 422,
  throttled: 429,
};

const titleOf: Record<number, string> = {
  400: 'Check your request',
  401: 'Sign in again',
  403: 'You cannot do this',
  404: 'Not found',
  409: 'This has changed or is in the wrong state',
  413: 'The request is too large',
  415: 'Send JSON',
  422: 'This cannot go ahead',
  429: 'Too many requests',
  500: 'Something went wrong on our side',
};

export function problemResponse(problem: Problem): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: problem.status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store' },
    body: JSON.stringify(problem),
  };
}

export function problem(
  status: number,
  code: string,
  detail: string,
  requestId: string,
  extra: Partial<Pick<Problem, 'errors' | 'facts'>> = {},
): APIGatewayProxyStructuredResultV2 {
  return problemResponse({
    type: `https://carepool.org.uk/problems/${code}`,
    title: titleOf[status] ?? 'Error',
    status,
    detail,
    code,
    requestId,
    errors: extra.errors ?? [],
    ...(extra.facts ? { facts: extra.facts } : {}),
  });
}

/** One path segment as a client can read it: an empty key is shown quoted, so it is still named. */
const segment = (part: PropertyKey) => (String(part) === '' ? '""' : String(part));

/**
 * zod issues become `{field, message}` pairs that name the field with a dotted path. An unknown
 * field is named where it is (`schedule.extra`, not `extra`), one entry per field, so a form can
 * point at each; only a problem with the body as a whole is `(body)`.
 */
export function fieldIssues(error: ZodError, prefix?: string): Problem['errors'] {
  return error.issues.flatMap((issue): Problem['errors'] => {
    const path = [...(prefix ? [prefix] : []), ...issue.path.map(segment)];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: [...path, segment(key)].join('.'),
        message: `Remove the field we do not know: ${segment(key)}`,
        code: issue.code,
      }));
    }
    return [{ field: path.join('.') || '(body)', message: issue.message, code: issue.code }];
  });
}

/**
 * Anything thrown becomes a problem. Only domain errors and validation errors reach the client
 * with detail; anything else is a 500 that names the request id and nothing internal.
 */
export function errorToProblem(error: unknown, requestId: string): APIGatewayProxyStructuredResultV2 {
  if (error instanceof DomainError) {
    return problem(statusOf[error.kind], error.code, error.message, requestId, {
      errors: error.issues,
      ...(error.facts ? { facts: error.facts } : {}),
    });
  }
  // Requests are validated with safeParse before any use-case runs, so a ZodError thrown later
  // means our own data or response broke its contract: a server fault, not the caller's.
  return problem(
    500,
    'internal_error',
    `Something went wrong on our side. Nothing you did caused it. If it keeps happening, quote request ${requestId}.`,
    requestId,
  );
}
