import { DomainError, notFound } from '@carepool/domain';
import { importJWK, type JWK, SignJWT } from 'jose';
import type { Deps } from '../deps.ts';
import type { Implementations } from '../http/lambda.ts';
import { runJob } from '../jobs/run-job.ts';

export const localIssuer = 'carepool-local';
export const localAudience = 'carepool';
/** Cognito user pools sign with RS256; the local stand-in signs the same way so tokens look alike. */
export const localTokenAlgorithm = 'RS256';
const tokenLifetimeSeconds = 8 * 3600;

/** The demo sign-in exists only in the local runtime; in AWS these routes are never deployed. */
function requireLocal(deps: Deps): string {
  if (deps.env.CAREPOOL_LOCAL_MODE !== 'true' || !deps.env.CAREPOOL_LOCAL_JWT_JWK) {
    throw new DomainError('not_found', 'route_not_found', 'There is no such API route.');
  }
  return deps.env.CAREPOOL_LOCAL_JWT_JWK;
}

export const devHandlers: Implementations<'dev'> = {
  runJob: async ({ params }, deps) => {
    requireLocal(deps);
    return { job: params.job, summary: await runJob(params.job, deps) };
  },

  listDemoUsers: async (_input, deps) => {
    requireLocal(deps);
    const users = await deps.users.demoUsers();
    return {
      items: users.map(({ userId, name, roles, councilId, personId, description }) => ({
        userId,
        name,
        roles,
        ...(councilId ? { councilId } : {}),
        ...(personId ? { personId } : {}),
        description: description ?? '',
      })),
    };
  },

  issueDevToken: async ({ body }, deps) => {
    const jwk = JSON.parse(requireLocal(deps)) as JWK;
    const user = await deps.users.get(body.userId);
    if (!user) throw notFound('demo user');
    const key = await importJWK(jwk, localTokenAlgorithm);
    // Tokens live in real time, as API Gateway checks them against real time, even when the
    // business clock is moved (the demo and the browser tests move it to a booked day).
    const issuedAt = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({
      name: user.name,
      'cognito:groups': user.roles,
      ...(user.councilId ? { 'custom:councilId': user.councilId } : {}),
      ...(user.personId ? { 'custom:personId': user.personId } : {}),
    })
      .setProtectedHeader({ alg: localTokenAlgorithm, kid: jwk.kid ?? 'local' })
      .setSubject(user.userId)
      .setIssuer(localIssuer)
      .setAudience(localAudience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + tokenLifetimeSeconds)
      .sign(key);
    return { token, expiresAt: new Date((issuedAt + tokenLifetimeSeconds) * 1000).toISOString() };
  },
};
