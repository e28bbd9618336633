/**
 * Routes for alerts (issue 12), spread into THE route table in ../routes.ts. Kept in their own
 * module so the alert work and the report work can grow without editing the same lines.
 */
import type { RouteSpec } from '@carepool/contracts';

export const alertRoutes = {} satisfies Record<string, RouteSpec>;
