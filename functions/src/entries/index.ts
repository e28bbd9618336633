import type { FunctionName } from '@carepool/contracts';
import { accountHandlers } from '../accounts/handlers.ts';
import { cognito } from '../adapters/cognito.ts';
import { depositQueue } from '../adapters/deposit-queue.ts';
import { paymentRail } from '../adapters/payment-rail.ts';
import { type Adapters, type Deps, provideAdapters } from '../deps.ts';
import { devHandlers } from '../dev/handlers.ts';
import { directoryHandlers } from '../directory/handlers.ts';
import { groupHandlers } from '../groups/handlers.ts';
import { createLambda } from '../http/lambda.ts';
import { identityHandlers } from '../identity/handlers.ts';
import { orderHandlers } from '../orders/handlers.ts';
import { oversightHandlers } from '../oversight/handlers.ts';
import { peopleHandlers } from '../people/handlers.ts';
import { platformHandlers } from '../platform/handlers.ts';
import { webhookHandlers } from '../webhooks/handlers.ts';

/** Every adapter, for runtimes that host every function (and tests that build Deps themselves). */
export const allAdapters: Adapters = { paymentRail, cognito, depositQueue };
provideAdapters(allAdapters);

/** Every function's handler, for runtimes (local, tests) that host them all in one process. */
export function createAllLambdas(getDeps: () => Deps): Record<FunctionName, ReturnType<typeof createLambda>> {
  return {
    platform: createLambda('platform', platformHandlers, getDeps),
    directory: createLambda('directory', directoryHandlers, getDeps),
    people: createLambda('people', peopleHandlers, getDeps),
    orders: createLambda('orders', orderHandlers, getDeps),
    accounts: createLambda('accounts', accountHandlers, getDeps),
    webhooks: createLambda('webhooks', webhookHandlers, getDeps),
    groups: createLambda('groups', groupHandlers, getDeps),
    identity: createLambda('identity', identityHandlers, getDeps),
    oversight: createLambda('oversight', oversightHandlers, getDeps),
    dev: createLambda('dev', devHandlers, getDeps),
  };
}
