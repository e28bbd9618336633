import { buildOpenApi } from '@carepool/contracts';
import { actingFor } from '@carepool/domain';
import type { Implementations } from '../http/lambda.ts';
import { routes } from '../routes.ts';

let openApi: Record<string, unknown> | undefined;

export const platformHandlers: Implementations<'platform'> = {
  getOpenApi: async (_input, { env }) => {
    openApi ??= buildOpenApi(routes, {
      includeLocalOnly: env.CAREPOOL_LOCAL_MODE === 'true',
      version: env.CAREPOOL_VERSION,
    });
    return openApi;
  },

  getAuthConfig: async (_input, { env }) =>
    env.CAREPOOL_AUTH_DOMAIN && env.CAREPOOL_AUTH_CLIENT_ID
      ? {
          mode: 'cognito' as const,
          domain: env.CAREPOOL_AUTH_DOMAIN,
          clientId: env.CAREPOOL_AUTH_CLIENT_ID,
          scopes: ['openid', 'email', 'profile'],
        }
      : { mode: 'local_demo' as const },

  getMe: async ({ caller }, { people, rail }) => ({
    paymentRail: rail.kind,
    userId: caller.userId,
    name: caller.name,
    roles: caller.roles,
    ...(caller.councilId ? { councilId: caller.councilId } : {}),
    ...(caller.personId ? { personId: caller.personId } : {}),
    actsFor: await actingFor(people, caller),
  }),
};
