/**
 * Walks EVERY route in the route table (so a new route is covered the day it is added) with
 * callers who have no business touching the objects: anonymous, holders of other budgets, staff of
 * another council, providers who do not own the listing, brokers without access, and delegates
 * whose access was revoked or has expired. Each must be refused (401/403/404, another council's
 * object always 404) and nothing may be written. Then every request body is fuzzed with bad input.
 */
import { routeKey } from '@carepool/contracts';
import type { Role } from '@carepool/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RouteId, routeList } from '../../functions/src/routes.ts';
import { shiftableClock } from '../support/clock.ts';
import { writeCommandNames } from '../support/dynamo.ts';
import { brokerProfile, microEnterprise, walkingGroup } from '../support/fixtures.ts';
import { startTestApi, type TestApi } from '../support/runtime.ts';

type Json = Record<string, unknown>;
const writeCommands = writeCommandNames;
const commands: string[] = [];
const clock = shiftableClock();
let api: TestApi;

const budget = {
  allocationPence: 1_040_000,
  fundingSources: [{ source: 'council_social_care', amountPence: 1_040_000 }],
  deployment: 'managed_account',
  planYearStart: '2026-04-01',
};
const plan = {
  outcomes: { whatMatters: 'Seeing my friends' },
  startDate: '2026-04-01',
  endDate: '2027-03-31',
  lines: [
    { category: 'pa_support', capPence: 10_000, period: 'week' },
    { category: 'day_and_community', capPence: 5_000, period: 'week' },
  ],
};

/** A valid body for every route that takes one, so refusals come from authorisation, not validation. */
const sampleBodies: Partial<Record<RouteId, unknown>> = {
  registerProvider: microEnterprise,
  updateProvider: { description: 'Changed' },
  verifyProvider: { status: 'verified', reason: 'Checked' },
  createListing: walkingGroup,
  updateListing: { title: 'Changed' },
  issueDevToken: { userId: 'usr_nobody' },
  registerPerson: { name: 'New Person', dateOfBirth: '1960-01-01', postcode: 'HG1 1AA' },
  setBudget: budget,
  submitSelfAssessment: { whatMatters: 'Friends', answers: {} },
  confirmSelfAssessment: { allocationPence: 100_000, reason: 'Agreed' },
  grantDelegation: { userId: 'usr_someone', kind: 'representative', name: 'Someone', scopes: ['plan:read'] },
  draftPlan: plan,
  editPlan: plan,
  approvePlan: {},
  rejectPlan: { reason: 'No' },
  referPlan: { reason: 'Panel' },
  endPlan: { reason: 'Ended' },
  createOrder: {
    personId: 'filled-in',
    listingId: 'filled-in',
    lineId: 'filled-in',
    quantity: 1,
    scheduledFor: '2026-06-02T10:00:00Z',
  },
  declineOrder: { reason: 'Full' },
  deliverOrder: { quantity: 1, notes: 'Done' },
  disputeOrder: { reason: 'Not delivered' },
  cancelOrder: { reason: 'Changed my mind' },
  resolveDispute: { outcome: 'release', reason: 'Upheld' },
  payInvoice: {
    providerId: 'filled-in',
    lineId: 'filled-in',
    category: 'pa_support',
    amountPence: 1_000,
    reference: 'INV-1',
    description: 'Timesheet',
  },
  postFunding: { transferId: 'matrix-deposit', amountPence: 1_000, reference: 'Deposit' },
  approveDeposit: {},
  rejectDeposit: {},
  startTopUp: { topUpId: 'matrix-topup', amountPence: 1_000 },
  createGroup: {
    listingId: 'filled-in',
    title: 'Walks',
    minParticipants: 3,
    maxParticipants: 8,
    deadline: 'filled-in',
    schedule: {},
  },
  joinGroup: { personId: 'filled-in', lineId: 'filled-in' },
  leaveGroup: { personId: 'filled-in' },
  deliverGroup: { notes: 'Delivered' },
  reviewOrder: { rating: 5, comment: 'Great' },
  postRequest: { personId: 'filled-in' },
  registerInterest: { personId: 'filled-in' },
  submitQuote: {
    providerId: 'filled-in',
    tiers: [{ minParticipants: 1, pricePerPersonPence: 2_000 }],
    priceUnit: 'session',
    when: 'Tuesdays',
  },
  acceptQuote: { kind: 'order', lineId: 'filled-in', quantity: 1, scheduledFor: '2026-12-01T10:00:00Z' },
};

/** Query strings for routes that need one. */
const sampleQueries: Partial<Record<RouteId, string>> = {
  getStatement: '?from=2026-01-01&to=2026-12-31',
  findPeople: '?q=new',
};

interface World {
  requestId: string;
  quoteId: string;
  groupId: string;
  orderId: string;
  depositId: string;
  providerId: string;
  listingId: string;
  personId: string;
  planId: string;
  draftPlanId: string;
  assessmentId: string;
}
let world: World;
const tokens: Record<string, string> = {};

/** Fills a route's path with the ids of objects that belong to the victims. */
function pathFor(route: (typeof routeList)[number]): string {
  const entity = route.path.startsWith('/v1/requests')
    ? world.requestId
    : route.path.startsWith('/v1/group-purchases')
      ? world.groupId
      : route.path.startsWith('/v1/orders')
        ? world.orderId
        : route.path.startsWith('/v1/providers')
          ? world.providerId
          : route.path.startsWith('/v1/listings')
            ? world.listingId
            : route.path.startsWith('/v1/deposits')
              ? world.depositId
              : route.path.startsWith('/v1/plans')
                ? route.id === 'editPlan' || route.id === 'submitPlan'
                  ? world.draftPlanId
                  : world.planId
                : world.personId;
  return route.path
    .replace('{entityType}', 'person')
    .replace('{id}', entity)
    .replace('{userId}', 'usr_helen')
    .replace('{assessmentId}', world.assessmentId)
    .replace('{quoteId}', world.quoteId)
    .replace('{councilId}', 'north-dales')
    .concat(sampleQueries[route.id] ?? '');
}

const attackers: Array<{ name: string; roles: Role[]; otherCouncil?: boolean }> = [
  { name: 'holder of another budget', roles: ['holder'] },
  { name: 'care manager of another council', roles: ['care_manager'], otherCouncil: true },
  { name: 'auditor of another council', roles: ['auditor'], otherCouncil: true },
  { name: 'finance of another council', roles: ['finance'], otherCouncil: true },
  { name: 'provider who owns nothing here', roles: ['provider'] },
  { name: 'broker without access', roles: ['broker'] },
  { name: 'representative whose access was revoked', roles: ['representative'] },
  { name: 'representative whose access expired', roles: ['representative'] },
];

async function post(path: string, token: string, body?: unknown): Promise<Json> {
  const response = await api.call('POST', path, { token, ...(body === undefined ? {} : { body }) });
  expect(response.status, `${path}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
  return response.body as Json;
}

beforeAll(async () => {
  api = await startTestApi({ clock, observe: (name) => commands.push(name) });
  const make = (userId: string, roles: Role[], extra: { councilId?: string; personId?: string } = {}) =>
    api.tokenFor({ userId, roles, ...extra });
  tokens.alice = await make('usr_alice', ['provider']);
  tokens.priya = await make('usr_priya', ['care_manager'], { councilId: 'north-dales' });
  tokens.helen = await make('usr_helen', ['representative'], { councilId: 'north-dales' });
  tokens.gareth = await make('usr_gareth', ['broker']);

  const provider = await post('/v1/providers', tokens.alice, microEnterprise);
  const listing = await post(`/v1/providers/${provider.providerId}/listings`, tokens.alice, walkingGroup);
  const person = await post('/v1/people', tokens.priya, sampleBodies.registerPerson);
  const personId = String(person.personId);
  await api.call('PUT', `/v1/people/${personId}/budget`, { token: tokens.priya, body: budget });
  tokens.jean = await make('usr_jean', ['holder'], { councilId: 'north-dales', personId });
  const approved = await post(`/v1/people/${personId}/plans`, tokens.jean, plan);
  await post(`/v1/plans/${approved.planId}/submit`, tokens.jean);
  const approvedPlan = await post(`/v1/plans/${approved.planId}/approve`, tokens.priya, {});
  approved.lines = approvedPlan.lines;
  const draft = await post(`/v1/people/${personId}/plans`, tokens.jean, plan);
  const questions = (await api.call('GET', '/v1/councils/north-dales/questionnaire', { token: tokens.jean }))
    .body as {
    questions: Array<{ questionId: string; answers: Array<{ answerId: string }> }>;
  };
  const answers = Object.fromEntries(questions.questions.map((q) => [q.questionId, q.answers[0]?.answerId]));
  const assessment = await post(`/v1/people/${personId}/self-assessments`, tokens.jean, {
    whatMatters: 'Friends',
    answers,
  });
  (sampleBodies as Json).submitSelfAssessment = { whatMatters: 'Friends', answers };

  // Delegates: Helen is current; Rita was revoked; Eve's access expires before the matrix runs.
  await post(`/v1/people/${personId}/delegations`, tokens.jean, {
    userId: 'usr_helen',
    kind: 'representative',
    name: 'Helen',
    scopes: ['plan:read', 'plan:write', 'order:create', 'order:confirm', 'account:read', 'group:join'],
  });
  for (const [userId, expiresAt] of [
    ['usr_rita', undefined],
    ['usr_eve', new Date(clock.now().getTime() + 60_000).toISOString()],
  ] as const) {
    await post(`/v1/people/${personId}/delegations`, tokens.jean, {
      userId,
      kind: 'representative',
      name: userId,
      scopes: ['plan:read', 'plan:write', 'order:create', 'order:confirm', 'account:read', 'group:join'],
      ...(expiresAt ? { expiresAt } : {}),
    });
  }
  await api.call('DELETE', `/v1/people/${personId}/delegations/usr_rita`, { token: tokens.jean });
  clock.advance(120_000);
  await post('/v1/providers', tokens.gareth, brokerProfile);

  // A verified provider, a funded account and a booked order, so order and money routes have objects.
  await post(`/v1/providers/${provider.providerId}/verify`, tokens.priya, {
    status: 'verified',
    reason: 'Checked',
  });
  tokens.tom = await make('usr_tom', ['finance'], { councilId: 'north-dales' });
  await post(`/v1/people/${personId}/funding`, tokens.tom, {
    transferId: 'matrix-seed',
    amountPence: 50_000,
    reference: 'Seed',
  });
  // A deposit above the approval amount, waiting for a second finance user.
  const pendingDeposit = await post(`/v1/people/${personId}/funding`, tokens.tom, {
    transferId: 'matrix-large',
    amountPence: 5_000_000,
    reference: 'Large',
  });
  const lines = (approved.lines ?? []) as Array<{ lineId: string; category: string }>;
  const dayLine = lines.find((l) => l.category === 'day_and_community')?.lineId ?? '';
  const paLine = lines.find((l) => l.category === 'pa_support')?.lineId ?? '';
  const order = await post('/v1/orders', tokens.jean, {
    personId,
    listingId: listing.listingId,
    lineId: dayLine,
    quantity: 1,
    scheduledFor: new Date().toISOString(),
  });
  const orderId = String(((order.orders as Json[])[0] as Json).orderId);
  (sampleBodies as Json).createOrder = {
    personId,
    listingId: listing.listingId,
    lineId: dayLine,
    quantity: 1,
    scheduledFor: new Date().toISOString(),
  };
  (sampleBodies as Json).payInvoice = {
    ...(sampleBodies.payInvoice as Json),
    providerId: provider.providerId,
    lineId: paLine,
  };

  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
  const groupSetup = {
    listingId: listing.listingId,
    title: 'Walks',
    minParticipants: 3,
    maxParticipants: 8,
    deadline: inDays(3),
    schedule: { kind: 'one_off', at: inDays(5) },
  };
  (sampleBodies as Json).createGroup = groupSetup;
  const group = await post('/v1/group-purchases', tokens.jean, groupSetup);
  await post(`/v1/group-purchases/${group.groupId}/join`, tokens.jean, { personId, lineId: dayLine });
  (sampleBodies as Json).joinGroup = { personId, lineId: dayLine };
  (sampleBodies as Json).leaveGroup = { personId };

  const requestBody = {
    personId,
    description: 'A Welsh-speaking walking group',
    category: 'day_and_community',
    postcode: 'HG1 2AB',
    radiusKm: 10,
    participants: 4,
    when: 'Tuesday mornings',
    budgetCeilingPerPersonPence: 2_000,
    respondBy: inDays(10),
  };
  (sampleBodies as Json).postRequest = requestBody;
  const supportRequest = await post('/v1/requests', tokens.jean, requestBody);
  const quoteBody = {
    providerId: provider.providerId,
    tiers: [{ minParticipants: 1, pricePerPersonPence: 2_000 }],
    priceUnit: 'session',
    when: 'Tuesdays',
  };
  (sampleBodies as Json).submitQuote = quoteBody;
  const quote = await post(`/v1/requests/${supportRequest.requestId}/quotes`, tokens.alice, quoteBody);
  (sampleBodies as Json).registerInterest = { personId };
  (sampleBodies as Json).acceptQuote = {
    kind: 'order',
    lineId: dayLine,
    quantity: 1,
    scheduledFor: inDays(12),
  };

  world = {
    requestId: String(supportRequest.requestId),
    quoteId: String(quote.quoteId),
    groupId: String(group.groupId),
    orderId,
    depositId: String(pendingDeposit.depositId),
    providerId: String(provider.providerId),
    listingId: String(listing.listingId),
    personId,
    planId: String(approved.planId),
    draftPlanId: String(draft.planId),
    assessmentId: String(assessment.assessmentId),
  };
  const attackerIds: Record<string, string> = {
    'representative whose access was revoked': 'usr_rita',
    'representative whose access expired': 'usr_eve',
  };
  for (const attacker of attackers) {
    tokens[attacker.name] = await make(
      attackerIds[attacker.name] ?? `usr_${attacker.name.replace(/\W+/g, '_')}`,
      attacker.roles,
      {
        // Providers and brokers work across councils and carry none.
        ...(attacker.roles.some((r) => r === 'provider' || r === 'broker')
          ? {}
          : { councilId: attacker.otherCouncil ? 'south-fells' : 'north-dales' }),
        ...(attacker.roles.includes('holder') ? { personId: 'per_somebody_else' } : {}),
      },
    );
  }
});
afterAll(async () => api?.close());

const protectedRoutes = routeList.filter((r) => r.auth === 'jwt' && !r.localOnly);

/**
 * Where "someone else's object" means something different, and why:
 * - creating routes make a new object of the caller's own (a person in the care manager's own council);
 * - a council's questionnaire is shared by everyone in that council;
 * - providers work across councils, so staff of any council may verify or suspend one (README);
 * - an open group purchase is public to everyone signed in (counts and prices, never members).
 */
function isLegitimate(routeId: RouteId, attacker: (typeof attackers)[number], roleAllowed: boolean): boolean {
  if (!roleAllowed) return false;
  if (routeId === 'registerProvider' || routeId === 'registerPerson') return true;
  if (routeId === 'getQuestionnaire')
    return (
      !attacker.otherCouncil && !attacker.roles.includes('provider') && !attacker.roles.includes('broker')
    );
  if (routeId === 'verifyProvider') return attacker.otherCouncil === true;
  // Open groups are there to be found and joined; the page shows counts and prices, never people.
  if (routeId === 'getGroup') return true;
  // Requests for support are shown to providers so they can quote; never who asked.
  if (routeId === 'getRequest') return true;
  return false;
}

describe('authorisation matrix', () => {
  it('has a valid sample body for every route that takes one', () => {
    for (const route of routeList.filter((r) => r.body))
      expect(sampleBodies[route.id], route.id).toBeDefined();
  });

  it.each(protectedRoutes.map((r) => [routeKey(r), r] as const))(
    '%s refuses anyone without a valid token',
    async (_key, route) => {
      const response = await api.call(
        route.method,
        pathFor(route),
        sampleBodies[route.id] ? { body: sampleBodies[route.id] } : {},
      );
      expect(response.status).toBe(401);
    },
  );

  // Routes about someone's object; lists scoped to the caller (me, their council's exceptions) are not.
  const objectRoutes = protectedRoutes.filter((r) => r.path.includes('{'));
  it.each(objectRoutes.map((r) => [routeKey(r), r] as const))(
    '%s refuses every outsider and writes nothing',
    async (_key, route) => {
      for (const attacker of attackers) {
        const before = commands.length;
        const response = await api.call(route.method, pathFor(route), {
          token: tokens[attacker.name],
          ...(sampleBodies[route.id] ? { body: sampleBodies[route.id] } : {}),
        });
        const label = `${attacker.name} → ${routeKey(route)}: ${response.status} ${JSON.stringify(response.body)}`;
        const roleAllowed = !route.roles || attacker.roles.some((role) => route.roles?.includes(role));
        if (isLegitimate(route.id, attacker, roleAllowed)) {
          expect(response.status, label).toBeLessThan(500);
          expect(response.status, label).not.toBe(404);
          continue;
        }
        if (attacker.otherCouncil && roleAllowed) expect(response.status, label).toBe(404);
        else expect([403, 404], label).toContain(response.status);
        expect(
          commands.slice(before).filter((c) => writeCommands.has(c)),
          label,
        ).toEqual([]);
      }
    },
  );

  it('lets the rightful people read what the outsiders could not (so the 404s above are real)', async () => {
    const reads: Array<[string, string]> = [
      [`/v1/people/${world.personId}`, tokens.jean ?? ''],
      [`/v1/people/${world.personId}/plans`, tokens.helen ?? ''],
      [`/v1/plans/${world.planId}`, tokens.priya ?? ''],
      [`/v1/people/${world.personId}/delegations`, tokens.jean ?? ''],
      [`/v1/audit/person/${world.personId}`, tokens.priya ?? ''],
      ['/v1/councils/north-dales/questionnaire', tokens.helen ?? ''],
    ];
    for (const [path, token] of reads)
      expect((await api.call('GET', path, { token })).status, path).toBe(200);
  });
});

/** The caller whose role a route accepts and who owns the objects, so only the body can be wrong. */
function rightfulToken(route: (typeof routeList)[number]): string | undefined {
  const byRole: Partial<Record<Role, string | undefined>> = {
    holder: tokens.jean,
    care_manager: tokens.priya,
    provider: tokens.alice,
    representative: tokens.helen,
  };
  const role = route.roles?.find((r) => byRole[r]) ?? 'care_manager';
  return route.auth === 'jwt' ? byRole[role] : undefined;
}

describe('bad input, fuzzed', () => {
  const withBodies = routeList.filter((r) => r.body && !r.localOnly);
  it.each(withBodies.map((r) => [routeKey(r), r] as const))(
    '%s answers junk with a 4xx problem and writes nothing',
    async (_key, route) => {
      const sample = sampleBodies[route.id] as Json;
      const junk = fc.oneof(
        fc.anything(),
        fc.constantFrom(null, [], '', 'null', 0, -1, 1.5, true),
        // The valid body with one field swapped for something of the wrong kind.
        fc
          .record({
            field: fc.constantFrom(...Object.keys({ unexpected: 1, ...sample })),
            value: fc.oneof(
              fc.string({ maxLength: 3000 }),
              fc.double(),
              fc.integer(),
              fc.constant(null),
              fc.array(fc.anything(), { maxLength: 3 }),
            ),
          })
          .map(({ field, value }) => ({ ...sample, [field]: value })),
      );
      await fc.assert(
        fc.asyncProperty(junk, async (body) => {
          const before = commands.length;
          const token = rightfulToken(route);
          const response = await api.call(route.method, pathFor(route), {
            ...(token ? { token } : {}),
            body: JSON.stringify(body),
          });
          expect(response.status, JSON.stringify(response.body)).toBeLessThan(500);
          if (response.status >= 400) {
            expect(response.headers.get('content-type')).toContain('application/problem+json');
            expect(commands.slice(before).filter((c) => writeCommands.has(c))).toEqual([]);
          }
        }),
        {
          numRuns: Number(process.env.FUZZ_RUNS ?? 30),
          ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}),
        },
      );
    },
  );
});
