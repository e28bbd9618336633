import { type Caller, Role } from '@carepool/domain';

/**
 * API Gateway's JWT authorizer hands claims to Lambda as strings: an array claim such as
 * `cognito:groups` arrives as "[holder care_manager]". The local runtime passes claims in exactly
 * that form, so this parser is the only place that knows it.
 */
function claimList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  const inner = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  return inner.split(/[\s,]+/).filter(Boolean);
}

function claimText(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export function callerFromClaims(claims: Record<string, unknown> | undefined): Caller | undefined {
  // Cognito's ID token names the user by `cognito:username`, which is our user id (invited users
  // are created with it; sign-ups choose a usr_ one); local tokens carry it as `sub`.
  const userId = claimText(claims?.['cognito:username']) ?? claimText(claims?.sub);
  if (!claims || !userId) return undefined;
  const roles = claimList(claims['cognito:groups']).flatMap((group) => {
    const parsed = Role.safeParse(group);
    return parsed.success ? [parsed.data] : [];
  });
  return {
    userId,
    name: claimText(claims.name) ?? userId,
    roles,
    councilId: claimText(claims['custom:councilId']),
    personId: claimText(claims['custom:personId']),
  };
}

/** The inverse, for the local runtime and tests: claims in the string form API Gateway passes on. */
export function claimsAsApiGatewayPasses(claims: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(claims).map(([name, value]) => [
      name,
      Array.isArray(value) ? `[${value.join(' ')}]` : String(value),
    ]),
  );
}
