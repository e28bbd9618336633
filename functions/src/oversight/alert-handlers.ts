import type { ImplementationsOf } from '../http/lambda.ts';
import type { alertRoutes } from './alert-routes.ts';

export const alertHandlers: ImplementationsOf<typeof alertRoutes> = {};
