import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { localAudience, localIssuer } from '@carepool/functions/dev/handlers';
import { exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, jwtVerify } from 'jose';

export interface LocalSigningKey {
  privateJwk: JWK;
  publicJwk: JWK;
}

export async function generateSigningKey(): Promise<LocalSigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = `local-${Date.now().toString(36)}`;
  return {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'ES256' },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256' },
  };
}

/** Kept beside the local data so demo tokens survive a restart, like the data does. */
export async function loadOrCreateSigningKey(file: string): Promise<LocalSigningKey> {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as LocalSigningKey;
  const key = await generateSigningKey();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(key), { mode: 0o600 });
  return key;
}

/**
 * Verifies a bearer token the way API Gateway's JWT authorizer does (signature, issuer, audience,
 * expiry) and returns its claims, or undefined when it must be refused.
 */
export function createTokenVerifier(
  publicJwk: JWK,
): (authorization: string | undefined) => Promise<JWTPayload | undefined> {
  const keyPromise = importJWK(publicJwk, 'ES256');
  return async (authorization) => {
    const match = /^Bearer (.+)$/i.exec(authorization ?? '');
    if (!match?.[1]) return undefined;
    try {
      const { payload } = await jwtVerify(match[1], await keyPromise, {
        issuer: localIssuer,
        audience: localAudience,
        algorithms: ['ES256'],
      });
      return payload;
    } catch {
      return undefined;
    }
  };
}
