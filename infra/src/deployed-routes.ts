/**
 * What the CDK app deploys, derived from THE route table in functions/src/routes.ts: every route that
 * is not `localOnly`, and one Lambda function per bounded context those routes name.
 */
import type { FunctionName } from '@carepool/contracts';
import { routeList, routes } from '@carepool/functions/routes';

export type DeployedRoute = (typeof routeList)[number];

/** Routes that exist in AWS. `localOnly` routes (demo sign-in) are never deployed. */
export const deployedRoutes: readonly DeployedRoute[] = routeList.filter((route) => !route.localOnly);

/** Routes that exist only in the local runtime; the stack test checks none of them reaches AWS. */
export const localOnlyRoutes: readonly DeployedRoute[] = routeList.filter(
  (route) => route.localOnly === true,
);

/** The distinct functions deployed routes use, in route-table order. */
export const deployedFunctions: readonly FunctionName[] = [
  ...new Set(deployedRoutes.map((route) => route.function)),
];

/**
 * How each function may touch the table. Least privilege is per bounded context and explicit here
 * (not inferred from HTTP methods) so widening a function's access is a reviewed change to infra.
 * A new function in the route table is a type error until it is listed here.
 *
 * - `read`: GetItem, BatchGetItem, Query (on the table and its indexes).
 * - `readWrite`: read, plus PutItem, UpdateItem, DeleteItem, ConditionCheckItem and
 *   BatchWriteItem (TransactWriteItems is authorised through these per-item actions).
 * - `none`: no table access at all.
 *
 * No function may Scan: the document client refuses it, and IAM does not grant it either.
 */
export type DataAccess = 'none' | 'read' | 'readWrite';

/** The function EventBridge Scheduler invokes (functions/src/entries/jobs.ts); it serves no route. */
export const jobsFunctionName = 'jobs';
/** The alerts function: the table's stream invokes it on every new ledger transfer (no routes). */
export const alertsStreamFunctionName = 'alerts-stream';
/** The deposits worker: the deposits queue invokes it with the people due a deposit (no routes). */
export const depositsWorkerFunctionName = 'deposits-worker';

/**
 * The user pool's Lambda triggers (functions/src/entries/<name>.ts); Cognito invokes them, they
 * serve no route.
 */
export const cognitoTriggerFunctions = {
  preSignUp: 'cognito-pre-sign-up',
  preTokenGeneration: 'cognito-pre-token-generation',
} as const;
export type CognitoTriggerFunctionName =
  (typeof cognitoTriggerFunctions)[keyof typeof cognitoTriggerFunctions];

export type DeployedFunctionName =
  | FunctionName
  | typeof jobsFunctionName
  | typeof alertsStreamFunctionName
  | typeof depositsWorkerFunctionName
  | CognitoTriggerFunctionName;

// `& Record<string, …>` lets an entry land before its function does (the route table and infra are
// committed separately); a function the route table names but this map lacks is still a type error.
export const functionDataAccess: Record<DeployedFunctionName, DataAccess> & Record<string, DataAccess> = {
  // GET /v1/me and the OpenAPI document; reads users and the people a caller may act for.
  platform: 'read',
  // Providers and listings (create, update, verify) and the idempotency records of POST routes.
  directory: 'readWrite',
  // Budget holders, budgets, self-assessments, delegations, support plans and their audit trails.
  people: 'readWrite',
  // Orders and invoices with their ledger transactions, payouts and the idempotency records.
  orders: 'readWrite',
  // Balances and statements (read), council deposits (ledger writes).
  accounts: 'readWrite',
  // Payment-rail webhooks: credits top-ups, records provider payout status, de-duplicates events.
  webhooks: 'readWrite',
  // Group purchases: joins, leaves and settlements are ledger transactions with the group's places.
  groups: 'readWrite',
  // Councils, accounts and invitations, with their audit trails (and, in AWS, the Cognito admin calls).
  identity: 'readWrite',
  // Alerts and their workflow, outcome surveys (writes); the monitoring report (reads).
  oversight: 'readWrite',
  // Local demo sign-in only; never deployed (its routes are all localOnly).
  dev: 'none',
  // Scheduled jobs (no routes): auto-confirms orders, posts council deposits, retries payouts and
  // reconciles them against the rail — ledger transactions and queries on the indexes.
  jobs: 'readWrite',
  // The alert rules on each money event: reads people, plans, providers, orders and ledger entries;
  // writes alerts (with their audit records) and the rules' own small projections.
  'alerts-stream': 'readWrite',
  // Four-weekly deposits: reads the person, posts the ledger transfer and moves their due item on.
  'deposits-worker': 'readWrite',
  // Pre sign-up: checks the username is free and writes the provider's or broker's user record
  // (with its email claim and audit record).
  'cognito-pre-sign-up': 'readWrite',
  // Pre token generation: reads the user record every token is built from, and notes the sign-in
  // (`lastSeenAt`, one conditional update at most once an hour) for the "not signed in" alert; turns
  // access granted to the account's confirmed email address into delegations (invitation, delegation,
  // user roles and audit records in one transaction).
  'cognito-pre-token-generation': 'readWrite',
};

/**
 * The function behind accepting invitations and removing users: the only one that may create,
 * disable and sign out Cognito users and send invitation emails.
 */
export const identityFunction: FunctionName = routes.removeUser.function;

/**
 * Functions that talk to the payment rail (Stripe or the simulated rail) and so may read the Stripe
 * secret: orders (payouts on confirmation), accounts (top-ups, provider onboarding), webhooks (signature
 * verification), groups (group purchase payouts) and jobs (payout retries, reconciliation, group
 * settlement). No other function can read it. (Strings, so an entry may land before its function.)
 */
export const paymentRailFunctions: readonly string[] = [
  'orders',
  'accounts',
  'webhooks',
  'groups',
  jobsFunctionName,
];

/**
 * The function behind `GET /v1/auth/config`: the only one that reads the hosted sign-in settings
 * (CAREPOOL_AUTH_DOMAIN, CAREPOOL_AUTH_CLIENT_ID), so the only one given them.
 */
export const authConfigFunction: FunctionName = routes.getAuthConfig.function;

export const dynamoReadActions = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'] as const;

export const dynamoWriteActions = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
] as const;

/** DynamoDB actions a function needs for its data access. */
export function dynamoActions(access: DataAccess): string[] {
  switch (access) {
    case 'none':
      return [];
    case 'read':
      return [...dynamoReadActions];
    case 'readWrite':
      return [...dynamoReadActions, ...dynamoWriteActions];
  }
}
