import { randomBytes } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  type CommandObserver,
  createAlertDeps,
  createDocumentClient,
  DynamoAccountStore,
  type DynamoAlertStore,
  DynamoDepositSchedule,
  DynamoDepositStore,
  DynamoDirectoryStore,
  DynamoGroupStore,
  DynamoIdempotencyStore,
  DynamoLedger,
  DynamoMonitoringStore,
  DynamoOrderStore,
  DynamoPaymentStore,
  DynamoPayoutReader,
  DynamoPeopleStore,
  DynamoRequestStore,
  DynamoReviewStore,
  DynamoSimulatedRailStore,
  DynamoUserStore,
  LocalIdentityDirectory,
} from '@carepool/db';
import {
  type AccountDeps,
  type AlertDeps,
  type Clock,
  type DepositDeps,
  type DepositQueue,
  type DirectoryDeps,
  effectiveSettings,
  type GroupDeps,
  type IdentityDirectory,
  LiveListingIndex,
  type MonitoringDeps,
  type OrderDeps,
  type OutcomeDeps,
  type PaymentDeps,
  type PaymentRail,
  type PeopleDeps,
  PostcodeDistricts,
  type ProviderMoneyDeps,
  type RequestDeps,
  type ReviewStore,
  type SimulatedRailStore,
  systemClock,
  ukOutcodes,
} from '@carepool/domain';
import * as z from 'zod';
import { InProcessDepositQueue } from './jobs/deposit-queues.ts';
import { processDepositBatch } from './jobs/deposit-worker.ts';
import { handleStreamRecords } from './oversight/alert-stream.ts';
import { attachLocalAlertStream } from './oversight/local-stream.ts';

/** Environment read once, at cold start, failing fast with a clear message if something is missing. */
const Env = z.object({
  CAREPOOL_TABLE: z.string().min(1),
  AWS_REGION: z.string().default('eu-west-2'),
  DYNAMODB_ENDPOINT: z.url().optional(),
  CAREPOOL_LOCAL_MODE: z.enum(['true', 'false']).default('false'),
  CAREPOOL_LOCAL_JWT_JWK: z.string().optional(),
  CAREPOOL_VERSION: z.string().default('0.1.0'),
  /** Without a Stripe key the simulated payment rail is used (local runs, tests). */
  STRIPE_SECRET_KEY: z.string().optional(),
  /** In AWS: where the Stripe keys are (read by loadStripeSecret on the payment rail's first use). */
  STRIPE_SECRET_ARN: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  SIMULATED_WEBHOOK_SECRET: z.string().optional(),
  /**
   * If set, the only councils (comma-separated ids) whose scheduled deposits this deployment posts;
   * otherwise every council in the table.
   */
  CAREPOOL_COUNCILS: z.string().optional(),
  /** Cognito hosted sign-in (AWS only); without both, the web app shows the local demo sign-in. */
  CAREPOOL_AUTH_DOMAIN: z.url().optional(),
  CAREPOOL_AUTH_CLIENT_ID: z.string().optional(),
  /** Where the web app is, for links the payment rail sends people back to. */
  CAREPOOL_PUBLIC_URL: z.string().default('http://localhost:3000'),
  /** In AWS: the Cognito user pool invited people get their sign-in in (see createIdentityDirectory). */
  CAREPOOL_USER_POOL_ID: z.string().optional(),
  /** In AWS: the SES-verified address invitations are emailed from; without it they cannot be sent. */
  CAREPOOL_MAIL_FROM: z.string().optional(),
  /** In AWS: the queue the daily deposits run sends due people to; locally they are posted in-process. */
  CAREPOOL_DEPOSITS_QUEUE_URL: z.url().optional(),
});
export type Env = z.infer<typeof Env>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = Env.safeParse(source);
  if (!parsed.success) {
    throw new Error(
      `Carepool is misconfigured: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}

/**
 * The adapters only some functions use: the payment rail (the Stripe SDK), Cognito and SES (two
 * more AWS clients) and the deposits queue (SQS). deps.ts does not import them, so a function's
 * bundle carries one only if its entry registers it (functions/src/adapters/*.ts); the local
 * runtime registers them all.
 */
export interface Adapters {
  paymentRail?: (env: Env, context: { clock: Clock; simulatedStore: SimulatedRailStore }) => PaymentRail;
  cognito?: (env: Env) => IdentityDirectory;
  /** The SQS deposits queue (the jobs function only, the one given CAREPOOL_DEPOSITS_QUEUE_URL). */
  depositQueue?: (queueUrl: string, region: string) => DepositQueue;
}
const registered: Adapters = {};

/** Called by the entries whose routes use an adapter, before the first request builds Deps. */
export function provideAdapters(adapters: Adapters): void {
  Object.assign(registered, adapters);
}

/**
 * In a function that has no payment rail, a stand-in that refuses every call (a route that reaches
 * it is in the wrong function). `kind` is what the real rail would say, so `GET /v1/me` is unchanged.
 */
function noPaymentRail(env: Env): PaymentRail {
  const refuse = (): never => {
    throw new Error(
      'This function has no payment rail: its entry does not register one (functions/src/adapters)',
    );
  };
  return {
    kind: env.STRIPE_SECRET_KEY?.trim() ? 'stripe' : 'simulated',
    createConnectedAccount: refuse,
    onboardingLink: refuse,
    payout: refuse,
    createTopUpCheckout: refuse,
    listTransfers: refuse,
    parseWebhook: refuse,
  };
}

/**
 * Cognito (sign-in) and SES (invitation emails) when the stack has given a user pool, as it does to
 * every deployed function; otherwise the local runtime's directory, which the caller passes. Only
 * the identity function may call Cognito (IAM), and only its entry registers the adapter; elsewhere
 * a stand-in refuses every call.
 */
export function createIdentityDirectory(
  env: Env,
  local: () => IdentityDirectory,
  cognito: Adapters['cognito'] = registered.cognito,
): IdentityDirectory {
  if (!env.CAREPOOL_USER_POOL_ID) return local();
  if (cognito) return cognito(env);
  const refuse = (): never => {
    throw new Error(
      'This function has no Cognito directory: its entry does not register one (functions/src/adapters)',
    );
  };
  return { kind: 'cognito', send: refuse, createSignIn: refuse, disableSignIn: refuse };
}

/** The registered SQS queue; a function given the URL without registering it refuses to send. */
function depositQueueFor(queueUrl: string, region: string, sqs: Adapters['depositQueue']): DepositQueue {
  if (sqs) return sqs(queueUrl, region);
  return {
    send: async () => {
      throw new Error(
        'This function has no deposits queue: its entry does not register one (functions/src/adapters)',
      );
    },
  };
}

/** URL-safe, unguessable ids with a readable prefix (`prv_…`, `lst_…`). */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}

/** The district table is shared by every request on a warm Lambda: built once. */
let districts: PostcodeDistricts | undefined;
export function postcodeDistricts(): PostcodeDistricts {
  districts ??= new PostcodeDistricts(
    ukOutcodes.map(([outcode, latitude, longitude]) => ({ outcode, latitude, longitude })),
  );
  return districts;
}

export interface Deps {
  env: Env;
  clock: Clock;
  directory: DirectoryDeps;
  people: PeopleDeps;
  orders: OrderDeps;
  money: DepositDeps;
  ledger: DynamoLedger;
  rail: PaymentRail;
  payments: PaymentDeps;
  groups: GroupDeps;
  requests: RequestDeps;
  reviews: ReviewStore;
  peopleStore: DynamoPeopleStore;
  users: DynamoUserStore;
  idempotency: DynamoIdempotencyStore;
  /** Councils, accounts and invitations. */
  accounts: AccountDeps;
  /** Who may sign in, and how they are told: Cognito and email in AWS, the local stand-in here. */
  identity: IdentityDirectory;
  /** Local runtime only: the stand-in identity directory, for the sent-messages page. */
  localIdentity: LocalIdentityDirectory | undefined;
  /** The alert rules, their projections and the care manager's alert workflow (DESIGN 3.8). */
  alerts: AlertDeps & { store: DynamoAlertStore };
  /** The monitoring report: aggregates built by the `monitoring` job, and alert counts through a port. */
  monitoring: Omit<MonitoringDeps, 'requests'>;
  outcomes: OutcomeDeps;
  /** A provider's money: owed, booked and paid, its payouts and remittances. */
  providerMoney: ProviderMoneyDeps;
  /** Who is due a four-weekly deposit, and where the daily run sends them to be posted. */
  deposits: {
    schedule: DynamoDepositSchedule;
    queue: DepositQueue;
  };
}

export function buildDeps(
  env: Env,
  options: {
    clock?: Clock;
    observe?: CommandObserver;
    returnConsumedCapacity?: boolean;
    rail?: PaymentRail;
    /** Tests add middleware here (injected conflicts, throttles, lost answers). */
    decorateClient?: (db: DynamoDBDocumentClient) => void;
    /** In AWS, the Cognito adapter; the local stand-in when absent. */
    identity?: IdentityDirectory;
    /** Instead of SQS (AWS) or the in-process queue (locally): tests and the bench count messages. */
    depositQueue?: (deps: Deps) => DepositQueue;
    /** Instead of the adapters the entries registered (tests, benches). */
    adapters?: Adapters;
  } = {},
): Deps {
  const db = createDocumentClient(
    {
      tableName: env.CAREPOOL_TABLE,
      region: env.AWS_REGION,
      ...(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {}),
    },
    {
      ...(options.observe ? { observe: options.observe } : {}),
      ...(options.returnConsumedCapacity ? { returnConsumedCapacity: true } : {}),
    },
  );
  options.decorateClient?.(db);
  const clock = options.clock ?? systemClock;
  const directoryStore = new DynamoDirectoryStore(db, env.CAREPOOL_TABLE, clock);
  const peopleStore = new DynamoPeopleStore(db, env.CAREPOOL_TABLE, clock);
  const ledger = new DynamoLedger(db, env.CAREPOOL_TABLE, clock);
  const adapters = options.adapters ?? registered;
  const rail =
    options.rail ??
    adapters.paymentRail?.(env, {
      clock,
      simulatedStore: new DynamoSimulatedRailStore(db, env.CAREPOOL_TABLE),
    }) ??
    noPaymentRail(env);
  const orderStore = new DynamoOrderStore(db, env.CAREPOOL_TABLE, ledger);
  const accountStore = new DynamoAccountStore(db, env.CAREPOOL_TABLE, clock);
  const orders: OrderDeps = {
    paymentApprovalAbovePence: async (councilId) =>
      effectiveSettings(await accountStore.getCouncil(councilId)).paymentApprovalAbovePence,
    orders: orderStore,
    ledger,
    people: peopleStore,
    directory: directoryStore,
    rail,
    clock,
    newId,
  };
  const groups: GroupDeps = {
    groups: new DynamoGroupStore(db, env.CAREPOOL_TABLE, ledger),
    ledger,
    people: peopleStore,
    directory: directoryStore,
    districts: postcodeDistricts(),
    rail,
    clock,
    newId,
  };
  // In AWS the user pool; otherwise the local stand-in, which also keeps the "sent messages".
  const localIdentity =
    options.identity || env.CAREPOOL_USER_POOL_ID
      ? undefined
      : new LocalIdentityDirectory(db, env.CAREPOOL_TABLE, clock);
  const identity: IdentityDirectory =
    options.identity ??
    createIdentityDirectory(
      env,
      () => localIdentity ?? new LocalIdentityDirectory(db, env.CAREPOOL_TABLE, clock),
      adapters.cognito,
    );
  const districtTable = postcodeDistricts();
  const alerts = createAlertDeps(db, env.CAREPOOL_TABLE, clock);
  // In AWS the table's stream feeds the alerts function; locally the same handler is fed from
  // this client after each successful ledger write (see local-stream.ts).
  if (env.CAREPOOL_LOCAL_MODE === 'true')
    attachLocalAlertStream(db, (records) => handleStreamRecords(records, alerts));
  const monitoringStore = new DynamoMonitoringStore(db, env.CAREPOOL_TABLE, clock);
  const depositSchedule = new DynamoDepositSchedule(db, env.CAREPOOL_TABLE, ledger, clock);
  const deps: Deps = {
    deposits: {
      schedule: depositSchedule,
      // Replaced below, once `deps` exists for the in-process worker to use.
      queue: { send: async () => undefined },
    },
    alerts,
    monitoring: {
      monitoring: monitoringStore,
      alerts: {
        available: true,
        byRuleAndOutcome: (councilId, from, to) => alerts.store.countsBetween(councilId, from, to),
      },
      clock,
    },
    outcomes: { people: peopleStore, surveys: monitoringStore, clock, newId },
    providerMoney: {
      ledger,
      payouts: new DynamoPayoutReader(db, env.CAREPOOL_TABLE),
      orders: orderStore,
      groups: groups.groups,
      directory: directoryStore,
      clock,
    },
    accounts: {
      accounts: accountStore,
      identity,
      people: peopleStore,
      brokers: directoryStore,
      clock,
      newId,
      publicUrl: env.CAREPOOL_PUBLIC_URL,
      knownDistrict: (outcode) => districtTable.locate(outcode)?.outcode === outcode,
    },
    identity,
    localIdentity,
    reviews: new DynamoReviewStore(db, env.CAREPOOL_TABLE),
    requests: {
      requests: new DynamoRequestStore(db, env.CAREPOOL_TABLE),
      people: peopleStore,
      directory: directoryStore,
      districts: postcodeDistricts(),
      clock,
      newId,
      orders,
      groups,
    },
    ledger,
    rail,
    peopleStore,
    groups,
    payments: {
      rail,
      ledger,
      payments: new DynamoPaymentStore(db, env.CAREPOOL_TABLE, directoryStore),
      directory: directoryStore,
      people: peopleStore,
      orders: orderStore,
      clock,
      publicUrl: env.CAREPOOL_PUBLIC_URL,
    },
    orders,
    money: {
      ledger,
      people: peopleStore,
      clock,
      deposits: new DynamoDepositStore(db, env.CAREPOOL_TABLE, ledger, clock),
    },
    env,
    clock,
    directory: {
      store: directoryStore,
      districts: postcodeDistricts(),
      clock,
      newId,
      // One per instance: loaded at start, kept current from the listings change feed.
      searchIndex: new LiveListingIndex(directoryStore, clock),
    },
    people: {
      people: peopleStore,
      brokers: directoryStore,
      districts: postcodeDistricts(),
      clock,
      newId,
      lines: ledger,
    },
    users: new DynamoUserStore(db, env.CAREPOOL_TABLE),
    idempotency: new DynamoIdempotencyStore(db, env.CAREPOOL_TABLE),
  };
  deps.deposits.queue = options.depositQueue
    ? options.depositQueue(deps)
    : env.CAREPOOL_DEPOSITS_QUEUE_URL
      ? depositQueueFor(env.CAREPOOL_DEPOSITS_QUEUE_URL, env.AWS_REGION, adapters.depositQueue)
      : new InProcessDepositQueue((event, tally) =>
          processDepositBatch(event, { ...deps.money, schedule: deps.deposits.schedule }, tally),
        );
  return deps;
}

let defaults: Deps | undefined;
/** Deps for a deployed (or locally invoked) Lambda: from the environment, built on first use. */
export function defaultDeps(): Deps {
  defaults ??= buildDeps(readEnv());
  return defaults;
}
