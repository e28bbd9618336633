import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { localAudience, localIssuer, localTokenAlgorithm } from '@carepool/functions/dev/handlers';
import { exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, jwtVerify } from 'jose';

export interface LocalSigningKey {
  privateJwk: JWK;
  publicJwk: JWK;
}

/**
 * Seconds of clock difference tolerated on `iat`/`nbf`/`exp`. Kept small: a token "issued" further in
 * the future than this is refused, as API Gateway's JWT authorizer refuses it.
 */
export const tokenClockSkewSeconds = 5;

export async function generateSigningKey(): Promise<LocalSigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(localTokenAlgorithm, {
    extractable: true,
    modulusLength: 2048,
  });
  const kid = `local-${Date.now().toString(36)}`;
  return {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: localTokenAlgorithm },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: localTokenAlgorithm },
  };
}

/**
 * Kept beside the local data so demo tokens survive a restart, like the data does. A key of another
 * algorithm (an older checkout signed with ES256) is replaced, since the verifier accepts RS256 only.
 */
export async function loadOrCreateSigningKey(file: string): Promise<LocalSigningKey> {
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as LocalSigningKey;
    if (stored.privateJwk.alg === localTokenAlgorithm && stored.publicJwk.alg === localTokenAlgorithm)
      return stored;
  }
  const key = await generateSigningKey();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(key), { mode: 0o600 });
  return key;
}

/**
 * Verifies a bearer token the way API Gateway's JWT authorizer does and returns its claims, or
 * undefined when it must be refused: RS256 signature by the public key only (never HS256 or `none`),
 * issuer, audience, an `exp` that must be present and not passed, and `iat`/`nbf` (when present) not
 * in the future beyond a small skew.
 */
export function createTokenVerifier(
  publicJwk: JWK,
  now: () => Date = () => new Date(),
): (authorization: string | undefined) => Promise<JWTPayload | undefined> {
  const keyPromise = importJWK(publicJwk, localTokenAlgorithm);
  return async (authorization) => {
    const match = /^Bearer (.+)$/i.exec(authorization ?? '');
    if (!match?.[1]) return undefined;
    try {
      const currentDate = now();
      const { payload } = await jwtVerify(match[1], await keyPromise, {
        issuer: localIssuer,
        audience: localAudience,
        algorithms: [localTokenAlgorithm],
        requiredClaims: ['exp'],
        clockTolerance: tokenClockSkewSeconds,
        currentDate,
      });
      // jose checks `iat` only against a maximum age; a token from the future is refused here.
      const nowSeconds = Math.floor(currentDate.getTime() / 1000);
      if (typeof payload.iat === 'number' && payload.iat > nowSeconds + tokenClockSkewSeconds)
        return undefined;
      return payload;
    } catch {
      return undefined;
    }
  };
}
