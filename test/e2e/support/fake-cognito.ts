/**
 * A stand-in for Cognito's hosted sign-in, on 127.0.0.1, for the browser tests: the real one is
 * not reachable from here. It does what the web app relies on and checks what Cognito would:
 *
 * - `GET /oauth2/authorize` "signs in" whoever the test chose and sends the browser back to the
 *   redirect_uri with a one-time code and the state (or with an error, when told to);
 * - `POST /oauth2/token` swaps the code for tokens only with the PKCE verifier whose S256
 *   challenge came with the code, the same client and redirect_uri; renews with a refresh token;
 * - `POST /oauth2/revoke` ends a refresh token; `GET /logout` goes back to logout_uri.
 *
 * Its ID tokens carry Cognito's claims and are signed with the local runtime's key, issuer and
 * audience, so the API accepts them exactly as it accepts Cognito's in AWS.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Role } from '@carepool/domain';
import { importJWK, SignJWT } from 'jose';
import { localAudience, localIssuer, localTokenAlgorithm } from '../../../functions/src/dev/handlers.ts';
import type { LocalSigningKey } from '../../../packages/local/src/jwt.ts';

export interface HostedUser {
  userId: string;
  name: string;
  roles: Role[];
  councilId?: string | undefined;
  personId?: string | undefined;
}

export interface FakeCognito {
  url: string;
  clientId: string;
  /** Who signs in on the next visit to the hosted page. */
  user: HostedUser | undefined;
  /** How long the ID tokens it issues last. */
  idTokenSeconds: number;
  /** Send the next sign-in back with this error instead of a code. */
  refuseNext: { error: string; description: string } | undefined;
  /** Refuse every refresh_token grant (as when the refresh token has expired). */
  refuseRefresh: boolean;
  /** What the browser did here, in order. */
  seen: {
    codesIssued: number;
    codesRedeemed: number;
    refreshes: number;
    revoked: string[];
    logouts: Array<{ clientId: string | null; logoutUri: string | null }>;
  };
  /** Every request that broke the rules: a test expects none. */
  problems: string[];
  close(): Promise<void>;
}

const base64urlSha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeCognito(options: {
  signingKey: LocalSigningKey;
  clientId: string;
}): Promise<FakeCognito> {
  const codes = new Map<
    string,
    { challenge: string; redirectUri: string; clientId: string; user: HostedUser }
  >();
  const refreshTokens = new Map<string, HostedUser>();
  const privateKey = await importJWK(options.signingKey.privateJwk, localTokenAlgorithm);

  const idToken = async (user: HostedUser) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      name: user.name,
      token_use: 'id',
      'cognito:groups': user.roles,
      ...(user.councilId ? { 'custom:councilId': user.councilId } : {}),
      ...(user.personId ? { 'custom:personId': user.personId } : {}),
    })
      .setProtectedHeader({ alg: localTokenAlgorithm, kid: options.signingKey.privateJwk.kid ?? 'local' })
      .setSubject(user.userId)
      .setIssuer(localIssuer)
      .setAudience(localAudience)
      .setIssuedAt(now)
      .setExpirationTime(now + fake.idTokenSeconds)
      .sign(privateKey);
  };

  const json = (request: IncomingMessage, response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, {
      'content-type': 'application/json',
      // The browser reads the answer cross-origin, as it does from Cognito's token endpoint.
      'access-control-allow-origin': request.headers.origin ?? '*',
      'cache-control': 'no-store',
    });
    response.end(JSON.stringify(body));
  };
  const problem = (text: string) => {
    fake.problems.push(text);
  };

  const formPost = async (request: IncomingMessage, path: string) => {
    if (!request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
      problem(`${path} was sent ${request.headers['content-type']}, not a form`);
    }
    if (request.headers.authorization) problem(`${path} was sent an Authorization header by a public client`);
    return new URLSearchParams(await readBody(request));
  };

  const token = async (request: IncomingMessage, response: ServerResponse) => {
    const form = await formPost(request, '/oauth2/token');
    if (form.get('client_id') !== options.clientId) {
      problem(`/oauth2/token: client_id ${form.get('client_id')}`);
      return json(request, response, 400, { error: 'invalid_client' });
    }
    if (form.get('grant_type') === 'authorization_code') {
      const code = form.get('code') ?? '';
      const issued = codes.get(code);
      codes.delete(code); // a code works once
      if (!issued) return json(request, response, 400, { error: 'invalid_grant' });
      if (form.get('redirect_uri') !== issued.redirectUri) {
        problem(`/oauth2/token: redirect_uri ${form.get('redirect_uri')} is not ${issued.redirectUri}`);
        return json(request, response, 400, { error: 'invalid_grant' });
      }
      const verifier = form.get('code_verifier') ?? '';
      if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || base64urlSha256(verifier) !== issued.challenge) {
        problem('/oauth2/token: the code_verifier does not match the code_challenge');
        return json(request, response, 400, { error: 'invalid_grant' });
      }
      fake.seen.codesRedeemed++;
      const refreshToken = randomBytes(24).toString('base64url');
      refreshTokens.set(refreshToken, issued.user);
      return json(request, response, 200, {
        id_token: await idToken(issued.user),
        access_token: 'fake-access-token',
        refresh_token: refreshToken,
        expires_in: fake.idTokenSeconds,
        token_type: 'Bearer',
      });
    }
    if (form.get('grant_type') === 'refresh_token') {
      fake.seen.refreshes++;
      const user = refreshTokens.get(form.get('refresh_token') ?? '');
      if (!user || fake.refuseRefresh) return json(request, response, 400, { error: 'invalid_grant' });
      return json(request, response, 200, {
        id_token: await idToken(user),
        access_token: 'fake-access-token',
        expires_in: fake.idTokenSeconds,
        token_type: 'Bearer',
      });
    }
    problem(`/oauth2/token: grant_type ${form.get('grant_type')}`);
    return json(request, response, 400, { error: 'unsupported_grant_type' });
  };

  const authorize = (url: URL, response: ServerResponse) => {
    const q = url.searchParams;
    const redirectUri = q.get('redirect_uri') ?? '';
    const state = q.get('state') ?? '';
    const expected = {
      response_type: 'code',
      client_id: options.clientId,
      code_challenge_method: 'S256',
      scope: 'openid email profile',
    };
    for (const [name, value] of Object.entries(expected)) {
      if (q.get(name) !== value) problem(`/oauth2/authorize: ${name} is ${q.get(name)}, not ${value}`);
    }
    const challenge = q.get('code_challenge') ?? '';
    if (!/^[A-Za-z0-9_-]{43}$/.test(challenge)) problem(`/oauth2/authorize: code_challenge ${challenge}`);
    if (!/^https?:\/\/127\.0\.0\.1:\d+\/signed-in$/.test(redirectUri) || !state) {
      response.writeHead(400, { 'content-type': 'text/plain' });
      return response.end('redirect_mismatch');
    }
    const back = new URL(redirectUri);
    if (fake.refuseNext) {
      back.searchParams.set('error', fake.refuseNext.error);
      back.searchParams.set('error_description', fake.refuseNext.description);
      fake.refuseNext = undefined;
    } else if (fake.user) {
      const code = randomBytes(18).toString('base64url');
      codes.set(code, { challenge, redirectUri, clientId: options.clientId, user: fake.user });
      fake.seen.codesIssued++;
      back.searchParams.set('code', code);
    } else {
      problem('/oauth2/authorize: the test chose nobody to sign in');
      back.searchParams.set('error', 'server_error');
    }
    back.searchParams.set('state', state);
    response.writeHead(302, { location: back.toString() });
    response.end();
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const route = `${request.method} ${url.pathname}`;
    const handle = async () => {
      if (route === 'GET /oauth2/authorize') return authorize(url, response);
      if (route === 'POST /oauth2/token') return token(request, response);
      if (route === 'POST /oauth2/revoke') {
        const form = await formPost(request, '/oauth2/revoke');
        if (form.get('client_id') !== options.clientId)
          problem(`/oauth2/revoke: client_id ${form.get('client_id')}`);
        const revoked = form.get('token') ?? '';
        refreshTokens.delete(revoked);
        fake.seen.revoked.push(revoked);
        return json(request, response, 200, {});
      }
      if (route === 'GET /logout') {
        const logoutUri = url.searchParams.get('logout_uri');
        fake.seen.logouts.push({ clientId: url.searchParams.get('client_id'), logoutUri });
        response.writeHead(302, { location: logoutUri ?? '/' });
        return response.end();
      }
      problem(`unexpected ${route}`);
      response.writeHead(404).end();
    };
    handle().catch((error: unknown) => {
      problem(`${route} threw ${(error as Error).message}`);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const fake: FakeCognito = {
    url: `http://127.0.0.1:${port}`,
    clientId: options.clientId,
    user: undefined,
    idTokenSeconds: 3600,
    refuseNext: undefined,
    refuseRefresh: false,
    seen: { codesIssued: 0, codesRedeemed: 0, refreshes: 0, revoked: [], logouts: [] },
    problems: [],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}
