import { importJWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localAudience, localIssuer } from '../../functions/src/dev/handlers.ts';
import { startTestApi, type TestApi } from '../support/runtime.ts';

// The local runtime must refuse every token API Gateway's JWT authorizer refuses, or a web or test
// flow can pass locally and fail in AWS (or a forged token be accepted locally).
let api: TestApi;
const claims = { name: 'Priya', 'cognito:groups': ['care_manager'], 'custom:councilId': 'north-dales' };
const nowSeconds = () => Math.floor(Date.now() / 1000);

async function rs256(build: (jwt: SignJWT) => SignJWT): Promise<string> {
  const key = await importJWK(api.signingKey.privateJwk, 'RS256');
  const base = new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: api.signingKey.privateJwk.kid ?? 'test' })
    .setSubject('u-priya')
    .setIssuer(localIssuer)
    .setAudience(localAudience);
  return build(base).sign(key);
}

const me = (token: string) => api.call('GET', '/v1/me', { token });

beforeAll(async () => {
  api = await startTestApi();
  // Priya has an account (a token for her is made once, which provisions her record).
  await api.tokenFor({ userId: 'u-priya', roles: ['care_manager'], councilId: 'north-dales' });
});
afterAll(async () => {
  await api?.close();
});

describe('who a token stands for', () => {
  it('refuses a well-signed token for someone with no account here', async () => {
    const key = await importJWK(api.signingKey.privateJwk, 'RS256');
    const stranger = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: api.signingKey.privateJwk.kid ?? 'test' })
      .setSubject('u-nobody')
      .setIssuer(localIssuer)
      .setAudience(localAudience)
      .setIssuedAt(nowSeconds())
      .setExpirationTime(nowSeconds() + 600)
      .sign(key);
    const answer = await me(stranger);
    expect(answer.status).toBe(401);
    expect((answer.body as { code: string }).code).toBe('account_not_active');
  });

  it('takes roles, council and person from the account, never from the token', async () => {
    const key = await importJWK(api.signingKey.privateJwk, 'RS256');
    const inflated = await new SignJWT({
      name: 'Priya',
      'cognito:groups': ['care_manager', 'finance', 'platform_admin', 'council_admin'],
      'custom:councilId': 'wolds-and-vale',
      'custom:personId': 'per_someone',
    })
      .setProtectedHeader({ alg: 'RS256', kid: api.signingKey.privateJwk.kid ?? 'test' })
      .setSubject('u-priya')
      .setIssuer(localIssuer)
      .setAudience(localAudience)
      .setIssuedAt(nowSeconds())
      .setExpirationTime(nowSeconds() + 600)
      .sign(key);
    const answer = await me(inflated);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ roles: ['care_manager'], councilId: 'north-dales' });
    expect(answer.body).not.toHaveProperty('personId');
    expect((await api.call('GET', '/v1/councils', { token: inflated })).status).toBe(403);
  });
});

describe('local bearer tokens', () => {
  it('accepts a good RS256 token, as the user pool issues', async () => {
    const token = await rs256((jwt) => jwt.setIssuedAt(nowSeconds()).setExpirationTime(nowSeconds() + 600));
    expect(JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()).alg).toBe('RS256');
    expect((await me(token)).status).toBe(200);
    expect(
      (await me(await api.tokenFor({ userId: 'u-priya', roles: ['care_manager'], councilId: 'north-dales' })))
        .status,
    ).toBe(200);
  });

  it('refuses a token without exp', async () => {
    const token = await rs256((jwt) => jwt.setIssuedAt(nowSeconds()));
    expect((await me(token)).status).toBe(401);
  });

  it('refuses an expired token', async () => {
    const token = await rs256((jwt) =>
      jwt.setIssuedAt(nowSeconds() - 7200).setExpirationTime(nowSeconds() - 3600),
    );
    expect((await me(token)).status).toBe(401);
  });

  it('refuses a token issued in the future', async () => {
    const token = await rs256((jwt) =>
      jwt.setIssuedAt(nowSeconds() + 3600).setExpirationTime(nowSeconds() + 7200),
    );
    expect((await me(token)).status).toBe(401);
  });

  it('refuses a token not valid until later', async () => {
    const token = await rs256((jwt) =>
      jwt
        .setIssuedAt(nowSeconds())
        .setNotBefore(nowSeconds() + 3600)
        .setExpirationTime(nowSeconds() + 7200),
    );
    expect((await me(token)).status).toBe(401);
  });

  it('tolerates a couple of seconds of clock skew on iat', async () => {
    const token = await rs256((jwt) =>
      jwt.setIssuedAt(nowSeconds() + 2).setExpirationTime(nowSeconds() + 600),
    );
    expect((await me(token)).status).toBe(200);
  });

  it('refuses HS256 (even keyed with the public key) and unsigned tokens', async () => {
    const publicKeyText = new TextEncoder().encode(JSON.stringify(api.signingKey.publicJwk));
    const hs256 = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u-priya')
      .setIssuer(localIssuer)
      .setAudience(localAudience)
      .setIssuedAt(nowSeconds())
      .setExpirationTime(nowSeconds() + 600)
      .sign(publicKeyText);
    expect((await me(hs256)).status).toBe(401);

    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({
      ...claims,
      sub: 'u-priya',
      iss: localIssuer,
      aud: localAudience,
      iat: nowSeconds(),
      exp: nowSeconds() + 600,
    })}.`;
    expect((await me(unsigned)).status).toBe(401);
  });

  it('refuses a token signed by another RS256 key', async () => {
    const { generateSigningKey } = await import('../../packages/local/src/jwt.ts');
    const token = await api.tokenFor(
      { userId: 'u-priya', roles: ['care_manager'], councilId: 'north-dales' },
      { key: await generateSigningKey() },
    );
    expect((await me(token)).status).toBe(401);
  });
});
