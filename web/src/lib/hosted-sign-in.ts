/**
 * Cognito hosted sign-in from the browser: the OAuth 2.0 authorization code flow with PKCE
 * (RFC 7636), with Web Crypto only. The web app is a public client: it keeps no secret, so the
 * proof that the code is ours is the `code_verifier`, which never leaves this tab until the code is
 * swapped for tokens. The API wants the ID token as the bearer token: it carries the person's
 * roles (`cognito:groups`), council, person id and name.
 */
import { z } from 'zod';

/** Where the hosted sign-in lives and who we are to it (from `GET /v1/auth/config`). */
export interface HostedConfig {
  domain: string;
  clientId: string;
}

export const signedInPath = '/signed-in';
export const signedOutPath = '/signed-out';

/** Base64url without padding (RFC 4648 §5), as PKCE and JWTs use. */
export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** 32 random bytes as base64url: 43 characters, as RFC 7636 recommends for a verifier. */
export function randomToken(byteCount = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(byteCount)));
}

/** The S256 code challenge: base64url(SHA-256(verifier)). */
export async function codeChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** The hosted sign-in page's address for one attempt. */
export function authorizeUrl(
  config: HostedConfig & { scopes: readonly string[] },
  attempt: { redirectUri: string; state: string; challenge: string },
): string {
  return (
    `${config.domain}/oauth2/authorize?response_type=code` +
    `&client_id=${encodeURIComponent(config.clientId)}` +
    `&redirect_uri=${encodeURIComponent(attempt.redirectUri)}` +
    `&scope=${encodeURIComponent(config.scopes.join(' '))}` +
    `&state=${encodeURIComponent(attempt.state)}` +
    `&code_challenge=${attempt.challenge}&code_challenge_method=S256`
  );
}

/** The hosted sign-out page, which comes back to `logoutUri`. */
export function logoutUrl(config: HostedConfig, logoutUri: string): string {
  return `${config.domain}/logout?client_id=${encodeURIComponent(config.clientId)}&logout_uri=${encodeURIComponent(logoutUri)}`;
}

/** One sign-in attempt, kept in sessionStorage while the person is on the hosted page. */
export const PendingSignIn = z.object({
  state: z.string().min(1),
  verifier: z.string().min(43),
  domain: z.string(),
  clientId: z.string(),
  redirectUri: z.string(),
  /** Where to go afterwards, if the sign-in page was given one. */
  next: z.string().optional(),
});
export type PendingSignIn = z.infer<typeof PendingSignIn>;

/** What the hosted page sent back to /signed-in, once checked against the attempt we started. */
export type SignInCallback =
  | { kind: 'code'; code: string; pending: PendingSignIn }
  | { kind: 'refused'; error: string; description: string | undefined }
  | { kind: 'not_ours' };

/**
 * Checks the callback's `state` against the attempt this tab started. Anything else (no attempt,
 * another tab's attempt, a link someone was sent) is refused before the code or an error message
 * from the address is used.
 */
export function readCallback(search: URLSearchParams, pending: PendingSignIn | undefined): SignInCallback {
  const state = search.get('state');
  if (!pending || !state || state !== pending.state) return { kind: 'not_ours' };
  const error = search.get('error');
  if (error) return { kind: 'refused', error, description: search.get('error_description') ?? undefined };
  const code = search.get('code');
  if (!code) return { kind: 'not_ours' };
  return { kind: 'code', code, pending };
}

/** `/oauth2/token` and `/oauth2/revoke` take form-encoded bodies; a public client sends no secret. */
export function codeGrant(pending: PendingSignIn, code: string): URLSearchParams {
  return new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: pending.clientId,
    code,
    redirect_uri: pending.redirectUri,
    code_verifier: pending.verifier,
  });
}

export function refreshGrant(config: HostedConfig, refreshToken: string): URLSearchParams {
  return new URLSearchParams({
    grant_type: 'refresh_token',
    client_id: config.clientId,
    refresh_token: refreshToken,
  });
}

const TokenResponse = z.object({
  id_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
});

export interface Tokens {
  idToken: string;
  refreshToken: string | undefined;
}

async function postForm(url: string, body: URLSearchParams): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
}

/** Swaps a code (or a refresh token) for tokens; throws if the hosted sign-in refuses. */
export async function requestTokens(config: HostedConfig, body: URLSearchParams): Promise<Tokens> {
  const response = await postForm(`${config.domain}/oauth2/token`, body);
  if (!response.ok) throw new Error(`The token endpoint answered ${response.status}`);
  const parsed = TokenResponse.parse(await response.json());
  return { idToken: parsed.id_token, refreshToken: parsed.refresh_token };
}

/** Ends the refresh token at the hosted sign-in, so it cannot be used again. */
export async function revokeRefreshToken(config: HostedConfig, refreshToken: string): Promise<void> {
  const response = await postForm(
    `${config.domain}/oauth2/revoke`,
    new URLSearchParams({ token: refreshToken, client_id: config.clientId }),
  );
  if (!response.ok) throw new Error(`The revoke endpoint answered ${response.status}`);
}

const Claims = z.object({ exp: z.number().optional(), sub: z.string().optional() });

/** A JWT's claims, read without checking the signature: the API checks it, this tab only reads. */
function claimsOf(jwt: string): z.infer<typeof Claims> {
  const payload = jwt.split('.')[1];
  if (!payload) return {};
  try {
    const binary = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const json: unknown = JSON.parse(
      new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0))),
    );
    const parsed = Claims.safeParse(json);
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** When a JWT stops working (its `exp`, in milliseconds), or undefined if it does not say. */
export function expiresAt(jwt: string): number | undefined {
  const { exp } = claimsOf(jwt);
  return exp === undefined ? undefined : exp * 1000;
}

/** Whom a JWT is for (its `sub`): a renewed token is the same person. */
export function subjectOf(jwt: string): string | undefined {
  return claimsOf(jwt).sub;
}

const pendingKey = 'carepool.signIn';

/** Starts an attempt: keeps the verifier and state in this tab, and goes to the hosted page. */
export async function startHostedSignIn(
  config: HostedConfig & { scopes: readonly string[] },
  next: string | undefined,
): Promise<void> {
  const verifier = randomToken();
  const state = randomToken(16);
  const redirectUri = `${location.origin}${signedInPath}`;
  const pending: PendingSignIn = {
    state,
    verifier,
    domain: config.domain,
    clientId: config.clientId,
    redirectUri,
    ...(next ? { next } : {}),
  };
  sessionStorage.setItem(pendingKey, JSON.stringify(pending));
  location.assign(authorizeUrl(config, { redirectUri, state, challenge: await codeChallenge(verifier) }));
}

/** The attempt this tab started, read once: the verifier is gone from storage afterwards. */
export function takePendingSignIn(): PendingSignIn | undefined {
  try {
    const text = sessionStorage.getItem(pendingKey);
    sessionStorage.removeItem(pendingKey);
    if (!text) return undefined;
    const parsed = PendingSignIn.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** A path on this site to go to after signing in, or undefined: never another site (`//evil`). */
export function pathOnThisSite(next: string | null | undefined): string | undefined {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : undefined;
}
