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

/** zod issues become `{field, message}` pairs that name the field with a dotted path. */
export function fieldIssues(error: ZodError, prefix?: string) {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const field = [prefix, path].filter(Boolean).join('.') || prefix || '(body)';
    const message =
      issue.code === 'unrecognized_keys'
        ? `Remove the field${issue.keys.length > 1 ? 's' : ''} we do not know: ${issue.keys.join(', ')}`
        : issue.message;
    const target =
      issue.code === 'unrecognized_keys'
        ? [prefix, ...issue.keys.slice(0, 1)].filter(Boolean).join('.')
        : field;
    return { field: target, message, code: issue.code };
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
