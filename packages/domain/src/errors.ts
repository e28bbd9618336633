/**
 * Domain errors carry a stable `code` a client can act on and a `kind` that says what sort of
 * failure it is. The HTTP layer maps kinds to status codes in one place; the domain never
 * mentions HTTP.
 */
export type ErrorKind =
  | 'invalid' // the request is malformed or breaks a field rule
  | 'unauthenticated'
  | 'forbidden' // role or delegation scope missing
  | 'not_found' // absent, or not the caller's to see (never reveals which)
  | 'conflict' // state or version conflict, idempotency mismatch
  | 'rule' // a business rule refused it (spend checks and the like)
  | 'throttled';

export interface FieldIssue {
  /** Dotted path of the field, e.g. `near` or `groupTiers.1.pricePerPersonPence`. */
  field: string;
  message: string;
  code?: string;
}

export class DomainError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly issues: FieldIssue[];
  /** Extra, safe-to-show facts (e.g. the limit and the amount asked for). */
  readonly facts: Record<string, unknown> | undefined;

  constructor(
    kind: ErrorKind,
    code: string,
    message: string,
    options: { issues?: FieldIssue[]; facts?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.kind = kind;
    this.code = code;
    this.issues = options.issues ?? [];
    this.facts = options.facts;
  }
}

export const invalid = (field: string, message: string, code = 'invalid_field'): DomainError =>
  new DomainError('invalid', code, message, { issues: [{ field, message, code }] });

export const notFound = (what: string): DomainError =>
  new DomainError('not_found', 'not_found', `We could not find that ${what}.`);

export const conflict = (code: string, message: string): DomainError =>
  new DomainError('conflict', code, message);

export const forbidden = (code: string, message: string): DomainError =>
  new DomainError('forbidden', code, message);

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** Narrows an unknown thrown value to an Error so callers can read `message` safely. */
export function assertIsError(error: unknown): asserts error is Error {
  if (!(error instanceof Error)) throw error;
}
