import {
  claimDelegationInvitations,
  DomainError,
  isActiveUser,
  notFound,
  signUp,
  type UserRecord,
} from '@carepool/domain';
import { importJWK, type JWK, SignJWT } from 'jose';
import { type Deps, newId } from '../deps.ts';
import { forgetCachedUser } from '../http/active-users.ts';
import type { Implementations } from '../http/lambda.ts';
import { userView } from '../identity/handlers.ts';
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

function joinedDescription(user: UserRecord): string {
  const when = user.createdAt ? ` on ${user.createdAt.slice(0, 10)}` : '';
  return user.joinedBy === 'self_sign_up' ? `Signed up${when}` : `Joined by invitation${when}`;
}

export const devHandlers: Implementations<'dev'> = {
  signUp: async ({ body }, deps) => {
    requireLocal(deps);
    // The email is claimed in the same transaction as the account: a taken one is a 409 `email_in_use`.
    return userView(await signUp(deps.accounts, { userId: newId('usr'), ...body }));
  },

  listSentMessages: async (_input, deps) => {
    requireLocal(deps);
    return { items: (await deps.localIdentity?.sentMessages()) ?? [] };
  },

  runJob: async ({ params }, deps) => {
    requireLocal(deps);
    return { job: params.job, summary: await runJob(params.job, deps) };
  },

  listDemoUsers: async (_input, deps) => {
    requireLocal(deps);
    // The seeded demo users first, then everyone who has joined since (by invitation or sign-up),
    // newest first, so someone who just accepted an invitation can sign in at once.
    const [seeded, joined] = await Promise.all([deps.users.demoUsers(), deps.users.recentlyJoined(50)]);
    const users = [...seeded, ...joined].filter(isActiveUser);
    return {
      items: users.map((user) => ({
        userId: user.userId,
        name: user.name,
        roles: user.roles,
        ...(user.councilId ? { councilId: user.councilId } : {}),
        ...(user.personId ? { personId: user.personId } : {}),
        description: user.description ?? joinedDescription(user),
      })),
    };
  },

  issueDevToken: async ({ body }, deps) => {
    const jwk = JSON.parse(requireLocal(deps)) as JWK;
    const found = await deps.users.get(body.userId);
    if (!found) throw notFound('demo user');
    if (!isActiveUser(found)) {
      throw new DomainError(
        'conflict',
        'account_not_active',
        'This account has been removed: it cannot sign in.',
      );
    }
    // Signing in with the account's address is what claims the access people granted to it (as
    // Cognito's pre-token-generation trigger does in AWS).
    const user = await claimDelegationInvitations(deps.accounts, found);
    if (user !== found) forgetCachedUser(user.userId);
    // Signing in is what "last seen" means to the alert rules (a holder who never looks).
    await deps.alerts.store.noteSeen(user.userId, deps.clock.now());
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
