/**
 * Routes for the monitoring report and outcome surveys (issue 12), spread into THE route table in
 * ../routes.ts.
 */
import type { RouteSpec } from '@carepool/contracts';

export const reportRoutes = {} satisfies Record<string, RouteSpec>;
