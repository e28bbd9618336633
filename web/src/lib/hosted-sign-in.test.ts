import { describe, expect, it } from 'vitest';
import {
  authorizeUrl,
  base64url,
  codeChallenge,
  codeGrant,
  expiresAt,
  logoutUrl,
  type PendingSignIn,
  pathOnThisSite,
  randomToken,
  readCallback,
  refreshGrant,
  subjectOf,
} from './hosted-sign-in.ts';

// RFC 7636 appendix B: the verifier's 32 octets, the verifier and its S256 challenge.
const rfcOctets = [
  116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191,
  240, 91, 88, 5, 88, 83, 132, 141, 121,
];
const rfcVerifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const rfcChallenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

const config = {
  domain: 'https://carepool.auth.eu-west-2.amazoncognito.com',
  clientId: '4abc123client',
  scopes: ['openid', 'email', 'profile'],
};

const pending: PendingSignIn = {
  state: 'state-from-this-tab',
  verifier: rfcVerifier,
  domain: config.domain,
  clientId: config.clientId,
  redirectUri: 'https://carepool.example/signed-in',
};

describe('base64url', () => {
  it('is the RFC 7636 verifier for its octets', () => {
    expect(base64url(new Uint8Array(rfcOctets))).toBe(rfcVerifier);
  });

  it('uses - and _ and never pads', () => {
    expect(base64url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(base64url(new Uint8Array([0xff]))).toBe('_w');
    expect(base64url(new Uint8Array([]))).toBe('');
  });
});

describe('randomToken', () => {
  it('is 32 random bytes as 43 base64url characters, different every time', () => {
    const tokens = new Set(Array.from({ length: 50 }, () => randomToken()));
    expect(tokens.size).toBe(50);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('codeChallenge', () => {
  it('is base64url(SHA-256(verifier)): the RFC 7636 appendix B test vector', async () => {
    expect(await codeChallenge(rfcVerifier)).toBe(rfcChallenge);
  });
});

describe('authorizeUrl', () => {
  it('asks for a code, with the client, the way back, the scopes, the state and the S256 challenge', () => {
    const url = authorizeUrl(config, {
      redirectUri: 'https://carepool.example/signed-in',
      state: 'abc_DEF-123',
      challenge: rfcChallenge,
    });
    expect(url).toBe(
      'https://carepool.auth.eu-west-2.amazoncognito.com/oauth2/authorize?response_type=code' +
        '&client_id=4abc123client&redirect_uri=https%3A%2F%2Fcarepool.example%2Fsigned-in' +
        '&scope=openid%20email%20profile&state=abc_DEF-123' +
        `&code_challenge=${rfcChallenge}&code_challenge_method=S256`,
    );
    const parsed = new URL(url);
    expect(Object.fromEntries(parsed.searchParams)).toEqual({
      response_type: 'code',
      client_id: '4abc123client',
      redirect_uri: 'https://carepool.example/signed-in',
      scope: 'openid email profile',
      state: 'abc_DEF-123',
      code_challenge: rfcChallenge,
      code_challenge_method: 'S256',
    });
  });
});

describe('logoutUrl', () => {
  it('names the client and where to come back to', () => {
    expect(logoutUrl(config, 'https://carepool.example/signed-out')).toBe(
      'https://carepool.auth.eu-west-2.amazoncognito.com/logout?client_id=4abc123client' +
        '&logout_uri=https%3A%2F%2Fcarepool.example%2Fsigned-out',
    );
  });
});

describe('readCallback (the state check)', () => {
  const search = (query: Record<string, string>) => new URLSearchParams(query);

  it('takes the code when the state is the one this tab sent', () => {
    expect(readCallback(search({ code: 'the-code', state: pending.state }), pending)).toEqual({
      kind: 'code',
      code: 'the-code',
      pending,
    });
  });

  it.each([
    ['another state', { code: 'the-code', state: 'someone-elses' }, pending],
    ['no state', { code: 'the-code' }, pending],
    ['an empty state', { code: 'the-code', state: '' }, { ...pending, state: '' }],
    ['no attempt started in this tab', { code: 'the-code', state: pending.state }, undefined],
    ['no code', { state: pending.state }, pending],
    ['an error with another state', { error: 'access_denied', state: 'x' }, pending],
  ] as const)('refuses a callback with %s', (_name, query, attempt) => {
    expect(readCallback(search(query), attempt)).toEqual({ kind: 'not_ours' });
  });

  it('reports the hosted page’s error, once the state matches', () => {
    expect(
      readCallback(
        search({ error: 'access_denied', error_description: 'User is disabled.', state: pending.state }),
        pending,
      ),
    ).toEqual({ kind: 'refused', error: 'access_denied', description: 'User is disabled.' });
    expect(readCallback(search({ error: 'invalid_scope', state: pending.state }), pending)).toEqual({
      kind: 'refused',
      error: 'invalid_scope',
      description: undefined,
    });
  });
});

describe('token requests', () => {
  it('swaps the code with the verifier and the same redirect_uri, and no secret', () => {
    expect(codeGrant(pending, 'the-code').toString()).toBe(
      'grant_type=authorization_code&client_id=4abc123client&code=the-code' +
        `&redirect_uri=https%3A%2F%2Fcarepool.example%2Fsigned-in&code_verifier=${rfcVerifier}`,
    );
  });

  it('renews with the refresh token', () => {
    expect(refreshGrant(config, 'r.e/f+').toString()).toBe(
      'grant_type=refresh_token&client_id=4abc123client&refresh_token=r.e%2Ff%2B',
    );
  });
});

describe('reading a token', () => {
  const jwt = (claims: Record<string, unknown>) =>
    `e30.${base64url(new TextEncoder().encode(JSON.stringify(claims)))}.c2ln`;

  it('reads when it expires and whom it is for', () => {
    const token = jwt({ sub: 'usr_ü_1', exp: 1_900_000_000, name: 'Jean Barker ~~~>' });
    expect(expiresAt(token)).toBe(1_900_000_000_000);
    expect(subjectOf(token)).toBe('usr_ü_1');
  });

  it('says nothing for a token it cannot read', () => {
    expect(expiresAt('not-a-jwt')).toBeUndefined();
    expect(expiresAt('a.!!!.c')).toBeUndefined();
    expect(subjectOf(jwt({ sub: 42 }))).toBeUndefined();
  });
});

describe('pathOnThisSite', () => {
  it.each([
    ['/people/per_1?x=1', '/people/per_1?x=1'],
    ['//evil.example/', undefined],
    ['/\\evil.example/', undefined],
    ['https://evil.example/', undefined],
    ['', undefined],
    [null, undefined],
  ])('%s → %s', (next, expected) => {
    expect(pathOnThisSite(next)).toBe(expected);
  });
});
