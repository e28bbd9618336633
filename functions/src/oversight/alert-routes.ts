/**
 * Routes for alerts (issue 12), spread into THE route table in ../routes.ts. Kept in their own
 * module so the alert work and the report work can grow without editing the same lines.
 */
import {
  AlertIdParams,
  AlertList,
  AlertQuery,
  AlertView,
  defineRoute,
  ResolveAlertRequest,
  type RouteSpec,
} from '@carepool/contracts';

export const alertRoutes = {
  listAlerts: defineRoute({
    method: 'GET',
    path: '/v1/alerts',
    function: 'oversight',
    auth: 'jwt',
    roles: ['care_manager', 'auditor'],
    summary: "The council's alerts, newest first, filtered by status, rule or person",
    tags: ['reports'],
    query: AlertQuery,
    response: AlertList,
    status: 200,
  }),
  getAlert: defineRoute({
    method: 'GET',
    path: '/v1/alerts/{alertId}',
    function: 'oversight',
    auth: 'jwt',
    roles: ['care_manager', 'auditor'],
    summary: 'One alert: what was seen, the figures and links to what it is about',
    tags: ['reports'],
    params: AlertIdParams,
    response: AlertView,
    status: 200,
  }),
  acknowledgeAlert: defineRoute({
    method: 'POST',
    path: '/v1/alerts/{alertId}/acknowledge',
    function: 'oversight',
    auth: 'jwt',
    roles: ['care_manager'],
    summary: 'A care manager says they are looking into an alert',
    tags: ['reports'],
    params: AlertIdParams,
    response: AlertView,
    status: 200,
  }),
  resolveAlert: defineRoute({
    method: 'POST',
    path: '/v1/alerts/{alertId}/resolve',
    function: 'oversight',
    auth: 'jwt',
    roles: ['care_manager'],
    summary: 'A care manager closes an alert with an outcome and a note',
    tags: ['reports'],
    params: AlertIdParams,
    body: ResolveAlertRequest,
    response: AlertView,
    status: 200,
  }),
} satisfies Record<string, RouteSpec>;
