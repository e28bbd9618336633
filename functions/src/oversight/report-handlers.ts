import type { ImplementationsOf } from '../http/lambda.ts';
import type { reportRoutes } from './report-routes.ts';

export const reportHandlers: ImplementationsOf<typeof reportRoutes> = {};
