import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiftableClock } from '../support/clock.ts';
import { brokerProfile } from '../support/fixtures.ts';
import { startTestApi, type TestApi } from '../support/runtime.ts';

type Json = Record<string, unknown>;
const asJson = (body: unknown) => body as Json;
const fieldsOf = (body: unknown) =>
  ((body as { errors?: Array<{ field: string }> }).errors ?? []).map((e) => e.field);

let api: TestApi;
const clock = shiftableClock();
let priya: string; // care manager, north-dales
let sam: string; // second care manager, north-dales
let otherCouncilManager: string;
let auditor: string;

const budget = {
  allocationPence: 1_040_000, // £10,400 a year
  fundingSources: [
    { source: 'council_social_care', amountPence: 780_000 },
    {
      source: 'nhs_personal_health_budget',
      amountPence: 260_000,
      restrictedToCategories: ['health_and_therapy'],
    },
  ],
  deployment: 'managed_account',
  planYearStart: '2026-04-01',
};

const plan = {
  outcomes: {
    whatMatters: 'Getting out to see my friends and staying well at home',
    whatIWantToAchieve: ['Swim weekly'],
  },
  helpedBy: [{ name: 'Helen Metcalfe', relationship: 'daughter' }],
  startDate: '2026-04-01',
  endDate: '2027-03-31',
  lines: [
    { category: 'pa_support', capPence: 10_000, period: 'week', notes: 'Two mornings' }, // £5,200 a year
    {
      category: 'health_and_therapy',
      capPence: 20_000,
      period: 'month',
      fundingSource: 'nhs_personal_health_budget',
    }, // £2,400
  ],
};

async function registerHolder(token = priya, name = 'Jean Barker'): Promise<string> {
  const response = await api.call('POST', '/v1/people', {
    token,
    body: { name, dateOfBirth: '1948-02-14', postcode: 'HG4 1AA' },
  });
  expect(response.status).toBe(201);
  return String(asJson(response.body).personId);
}

async function holderWithBudget(): Promise<{ personId: string; holder: string }> {
  const personId = await registerHolder();
  expect(
    (await api.call('PUT', `/v1/people/${personId}/budget`, { token: priya, body: budget })).status,
  ).toBe(200);
  const holder = await api.tokenFor({
    userId: `usr_${personId}`,
    roles: ['holder'],
    councilId: 'north-dales',
    personId,
  });
  return { personId, holder };
}

beforeAll(async () => {
  api = await startTestApi({ clock });
  priya = await api.tokenFor({ userId: 'usr_priya', roles: ['care_manager'], councilId: 'north-dales' });
  sam = await api.tokenFor({ userId: 'usr_sam', roles: ['care_manager'], councilId: 'north-dales' });
  otherCouncilManager = await api.tokenFor({
    userId: 'usr_olu',
    roles: ['care_manager'],
    councilId: 'south-fells',
  });
  auditor = await api.tokenFor({ userId: 'usr_margaret', roles: ['auditor'], councilId: 'north-dales' });
});
afterAll(async () => api?.close());

describe('the whole journey through the API', () => {
  it('registers a holder, sets a budget, the holder drafts and submits a plan, another care manager approves it', async () => {
    const { personId, holder } = await holderWithBudget();
    const drafted = await api.call('POST', `/v1/people/${personId}/plans`, { token: holder, body: plan });
    expect(drafted.status).toBe(201);
    const planId = String(asJson(drafted.body).planId);
    expect(drafted.body).toMatchObject({ status: 'draft', planVersion: 1, personId });

    const submitted = await api.call('POST', `/v1/plans/${planId}/submit`, { token: holder });
    expect(submitted.body).toMatchObject({ status: 'submitted' });
    const approved = await api.call('POST', `/v1/plans/${planId}/approve`, { token: priya, body: {} });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved' });
    expect((await api.call('GET', `/v1/people/${personId}`, { token: holder })).body).toMatchObject({
      currentPlanId: planId,
    });

    // A revision is a new version; approving it supersedes the first, which stays readable.
    const revised = await api.call('POST', `/v1/plans/${planId}/revise`, { token: holder });
    expect(revised.body).toMatchObject({ status: 'draft', planVersion: 2, revisionOf: planId });
    const revisionId = String(asJson(revised.body).planId);
    await api.call('POST', `/v1/plans/${revisionId}/submit`, { token: holder });
    await api.call('POST', `/v1/plans/${revisionId}/approve`, { token: sam, body: {} });
    const history = asJson((await api.call('GET', `/v1/people/${personId}/plans`, { token: holder })).body)
      .items as Json[];
    expect(history.map((p) => [p.planVersion, p.status])).toEqual([
      [2, 'approved'],
      [1, 'superseded'],
    ]);
  });

  it('will not let an approved plan be edited, only revised', async () => {
    const { personId, holder } = await holderWithBudget();
    const planId = String(
      asJson((await api.call('POST', `/v1/people/${personId}/plans`, { token: holder, body: plan })).body)
        .planId,
    );
    await api.call('POST', `/v1/plans/${planId}/submit`, { token: holder });
    await api.call('POST', `/v1/plans/${planId}/approve`, { token: priya, body: {} });
    const edit = await api.call('PUT', `/v1/plans/${planId}`, { token: holder, body: plan });
    expect(edit.status).toBe(409);
    expect(asJson(edit.body).code).toBe('invalid_transition');
  });

  it('rejects and refers with reasons, and a referred plan can then be approved', async () => {
    const { personId, holder } = await holderWithBudget();
    const first = String(
      asJson((await api.call('POST', `/v1/people/${personId}/plans`, { token: holder, body: plan })).body)
        .planId,
    );
    await api.call('POST', `/v1/plans/${first}/submit`, { token: holder });
    expect((await api.call('POST', `/v1/plans/${first}/reject`, { token: priya, body: {} })).status).toBe(
      400,
    );
    const rejected = await api.call('POST', `/v1/plans/${first}/reject`, {
      token: priya,
      body: { reason: 'Add respite' },
    });
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      history: [{ action: 'submitted' }, { action: 'rejected', reason: 'Add respite' }],
    });

    const second = String(
      asJson((await api.call('POST', `/v1/plans/${first}/revise`, { token: holder })).body).planId,
    );
    await api.call('POST', `/v1/plans/${second}/submit`, { token: holder });
    const referred = await api.call('POST', `/v1/plans/${second}/refer`, {
      token: priya,
      body: { reason: 'Lives alone; panel to review' },
    });
    expect(referred.body).toMatchObject({ status: 'referred' });
    expect(
      (
        await api.call('POST', `/v1/plans/${second}/approve`, {
          token: sam,
          body: { reason: 'Panel agreed' },
        })
      ).body,
    ).toMatchObject({
      status: 'approved',
    });
  });

  it('never lets a care manager approve a plan they drafted themselves', async () => {
    const { personId } = await holderWithBudget();
    const planId = String(
      asJson((await api.call('POST', `/v1/people/${personId}/plans`, { token: priya, body: plan })).body)
        .planId,
    );
    await api.call('POST', `/v1/plans/${planId}/submit`, { token: priya });
    const own = await api.call('POST', `/v1/plans/${planId}/approve`, { token: priya, body: {} });
    expect(own.status).toBe(403);
    expect(asJson(own.body).code).toBe('own_draft');
    expect((await api.call('POST', `/v1/plans/${planId}/approve`, { token: sam, body: {} })).status).toBe(
      200,
    );
  });
});

describe('plan rules', () => {
  it('refuses lines that add up to more than the allocation, showing the arithmetic', async () => {
    const { personId, holder } = await holderWithBudget();
    const tooMuch = {
      ...plan,
      lines: [...plan.lines, { category: 'short_breaks', capPence: 300_000, period: 'year' }],
    };
    const response = await api.call('POST', `/v1/people/${personId}/plans`, { token: holder, body: tooMuch });
    expect(response.status).toBe(422);
    const problem = asJson(response.body);
    expect(problem.code).toBe('plan_exceeds_allocation');
    expect(String(problem.detail)).toContain('£10,600');
    expect(String(problem.detail)).toContain('Personal assistant support £100 a week × 52 = £5,200');
    expect(problem.facts).toMatchObject({
      totalYearlyPence: 1_060_000,
      allocationPence: 1_040_000,
      overByPence: 20_000,
    });
    expect(
      asJson((await api.call('GET', `/v1/people/${personId}/plans`, { token: holder })).body).items,
    ).toEqual([]);
  });

  it('honours funding-source restrictions', async () => {
    const { personId, holder } = await holderWithBudget();
    const restricted = {
      ...plan,
      lines: [
        {
          category: 'transport',
          capPence: 1000,
          period: 'week',
          fundingSource: 'nhs_personal_health_budget',
        },
      ],
    };
    const response = await api.call('POST', `/v1/people/${personId}/plans`, {
      token: holder,
      body: restricted,
    });
    expect(response.status).toBe(400);
    expect(asJson(response.body).errors).toEqual([
      expect.objectContaining({ field: 'lines.0.fundingSource', code: 'funding_source_restricted' }),
    ]);
  });

  it.each([
    [{ ...plan, endDate: '2026-03-01' }, 'endDate'],
    [{ ...plan, lines: [{ ...plan.lines[0], capPence: 100.5 }] }, 'lines.0.capPence'],
    [{ ...plan, lines: [{ ...plan.lines[0], capPence: -5 }] }, 'lines.0.capPence'],
    [{ ...plan, lines: [{ ...plan.lines[0], category: 'holidays' }] }, 'lines.0.category'],
    [{ ...plan, lines: [{ ...plan.lines[0], period: 'fortnight' }] }, 'lines.0.period'],
    [{ ...plan, outcomes: { whatMatters: 'x'.repeat(2001) } }, 'outcomes.whatMatters'],
    [{ ...plan, startDate: '1st April' }, 'startDate'],
    [{ ...plan, lines: [] }, 'lines'],
    [{ ...plan, lines: 'lots' }, 'lines'],
  ])('refuses a bad plan naming the field (%#)', async (body, field) => {
    const { personId, holder } = await holderWithBudget();
    const response = await api.call('POST', `/v1/people/${personId}/plans`, { token: holder, body });
    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toContain(field);
    expect(
      asJson((await api.call('GET', `/v1/people/${personId}/plans`, { token: holder })).body).items,
    ).toEqual([]);
  });

  it('needs a budget before a plan', async () => {
    const personId = await registerHolder();
    const holder = await api.tokenFor({
      userId: 'usr_nobudget',
      roles: ['holder'],
      councilId: 'north-dales',
      personId,
    });
    const response = await api.call('POST', `/v1/people/${personId}/plans`, { token: holder, body: plan });
    expect(response.status).toBe(422);
    expect(asJson(response.body).code).toBe('budget_not_set');
  });

  it('refuses a budget whose funding sources do not add up to the allocation', async () => {
    const personId = await registerHolder();
    const response = await api.call('PUT', `/v1/people/${personId}/budget`, {
      token: priya,
      body: { ...budget, allocationPence: 2_000_000 },
    });
    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toEqual(['fundingSources']);
  });
});

describe('registering holders', () => {
  it.each([
    [{ name: 'A', dateOfBirth: '2090-01-01', postcode: 'HG1' }, 'dateOfBirth'],
    [{ name: 'A', dateOfBirth: '1950-13-45', postcode: 'HG1' }, 'dateOfBirth'],
    [{ name: '', dateOfBirth: '1950-01-01', postcode: 'HG1' }, 'name'],
    [{ name: 'A', dateOfBirth: '1950-01-01', postcode: 'NOWHERE' }, 'postcode'],
    [{ name: 'A', dateOfBirth: '1950-01-01' }, 'postcode'],
  ])('refuses bad details naming the field (%#)', async (body, field) => {
    const response = await api.call('POST', '/v1/people', { token: priya, body });
    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toContain(field);
  });

  it('registers into the care manager’s own council only', async () => {
    const personId = await registerHolder();
    expect((await api.call('GET', `/v1/people/${personId}`, { token: priya })).body).toMatchObject({
      councilId: 'north-dales',
    });
    expect((await api.call('GET', `/v1/people/${personId}`, { token: otherCouncilManager })).status).toBe(
      404,
    );
  });
});

describe('delegation', () => {
  it('lets a holder grant scoped access, which the representative sees in /me and can use only within scope', async () => {
    const { personId, holder } = await holderWithBudget();
    const helen = await api.tokenFor({
      userId: 'usr_helen',
      roles: ['representative'],
      councilId: 'north-dales',
    });
    const granted = await api.call('POST', `/v1/people/${personId}/delegations`, {
      token: holder,
      body: { userId: 'usr_helen', kind: 'representative', name: 'Helen', scopes: ['plan:read'] },
    });
    expect(granted.status).toBe(201);
    const me = asJson((await api.call('GET', '/v1/me', { token: helen })).body);
    expect(me.actsFor).toEqual([{ personId, name: 'Jean Barker', scopes: ['plan:read'] }]);
    expect((await api.call('GET', `/v1/people/${personId}/plans`, { token: helen })).status).toBe(200);
    const write = await api.call('POST', `/v1/people/${personId}/plans`, { token: helen, body: plan });
    expect(write.status).toBe(403);
    expect(asJson(write.body).code).toBe('delegate_scope_missing');

    expect(
      (await api.call('DELETE', `/v1/people/${personId}/delegations/usr_helen`, { token: holder })).status,
    ).toBe(204);
    expect((await api.call('GET', `/v1/people/${personId}/plans`, { token: helen })).status).toBe(404);
  });

  it('stops working at its expiry time', async () => {
    const { personId, holder } = await holderWithBudget();
    const rita = await api.tokenFor({
      userId: 'usr_rita',
      roles: ['representative'],
      councilId: 'north-dales',
    });
    const soon = new Date(clock.now().getTime() + 60 * 60 * 1000).toISOString();
    await api.call('POST', `/v1/people/${personId}/delegations`, {
      token: holder,
      body: {
        userId: 'usr_rita',
        kind: 'representative',
        name: 'Rita',
        scopes: ['plan:write'],
        expiresAt: soon,
      },
    });
    expect((await api.call('GET', `/v1/people/${personId}`, { token: rita })).status).toBe(200);
    clock.advance(60 * 60 * 1000 + 1);
    expect((await api.call('GET', `/v1/people/${personId}`, { token: rita })).status).toBe(404);
  });

  it('gives brokers access only once they have disclosed their fee', async () => {
    const { personId, holder } = await holderWithBudget();
    const grant = { userId: 'usr_gareth', kind: 'broker', name: 'Gareth', scopes: ['plan:write'] };
    const early = await api.call('POST', `/v1/people/${personId}/delegations`, {
      token: holder,
      body: grant,
    });
    expect(early.status).toBe(422);
    expect(asJson(early.body).code).toBe('broker_not_disclosed');
    const gareth = await api.tokenFor({ userId: 'usr_gareth', roles: ['broker'] });
    expect((await api.call('POST', '/v1/providers', { token: gareth, body: brokerProfile })).status).toBe(
      201,
    );
    expect(
      (await api.call('POST', `/v1/people/${personId}/delegations`, { token: holder, body: grant })).status,
    ).toBe(201);
    expect(
      (await api.call('POST', `/v1/people/${personId}/plans`, { token: gareth, body: plan })).status,
    ).toBe(201);
  });

  it('lets a care manager revoke, but not grant', async () => {
    const { personId, holder } = await holderWithBudget();
    await api.call('POST', `/v1/people/${personId}/delegations`, {
      token: holder,
      body: { userId: 'usr_ian', kind: 'representative', name: 'Ian', scopes: ['plan:read'] },
    });
    const grant = await api.call('POST', `/v1/people/${personId}/delegations`, {
      token: priya,
      body: { userId: 'usr_x', kind: 'representative', name: 'X', scopes: ['plan:read'] },
    });
    expect(grant.status).toBe(403);
    expect(
      (await api.call('DELETE', `/v1/people/${personId}/delegations/usr_ian`, { token: priya })).status,
    ).toBe(204);
  });
});

describe('self-assessment', () => {
  it('turns answers into an indicative budget with workings, which a care manager confirms or adjusts with a reason', async () => {
    const personId = await registerHolder();
    const holder = await api.tokenFor({
      userId: 'usr_sa',
      roles: ['holder'],
      councilId: 'north-dales',
      personId,
    });
    const questionnaire = await api.call('GET', '/v1/councils/north-dales/questionnaire', { token: holder });
    expect(questionnaire.status).toBe(200);
    const questions = asJson(questionnaire.body).questions as Array<{
      questionId: string;
      answers: Array<{ answerId: string; points: number }>;
    }>;
    const answers = Object.fromEntries(
      questions.map((q) => [q.questionId, q.answers.at(-1)?.answerId ?? '']),
    );
    const expectedPoints = questions.reduce((sum, q) => sum + (q.answers.at(-1)?.points ?? 0), 0);
    const submitted = await api.call('POST', `/v1/people/${personId}/self-assessments`, {
      token: holder,
      body: { whatMatters: 'Staying in my own home', answers },
    });
    expect(submitted.status).toBe(201);
    const assessment = asJson(submitted.body);
    expect(assessment.totalPoints).toBe(expectedPoints);
    expect(assessment.indicativePence).toBe(
      expectedPoints * Number(asJson(questionnaire.body).pencePerPoint),
    );
    expect((assessment.workings as unknown[]).length).toBe(questions.length);

    const path = `/v1/people/${personId}/self-assessments/${assessment.assessmentId}/confirm`;
    const noReason = await api.call('POST', path, {
      token: priya,
      body: { allocationPence: Number(assessment.indicativePence) + 5000 },
    });
    expect(noReason.status).toBe(400);
    expect(fieldsOf(noReason.body)).toEqual(['reason']);
    const confirmed = await api.call('POST', path, {
      token: priya,
      body: {
        allocationPence: Number(assessment.indicativePence) + 5000,
        reason: 'Extra night-time support',
      },
    });
    expect(confirmed.status).toBe(200);
    expect(asJson(confirmed.body).person).toMatchObject({
      budget: { allocationPence: Number(assessment.indicativePence) + 5000 },
    });
  });

  it('names an unanswered question', async () => {
    const personId = await registerHolder();
    const holder = await api.tokenFor({
      userId: 'usr_sb',
      roles: ['holder'],
      councilId: 'north-dales',
      personId,
    });
    const response = await api.call('POST', `/v1/people/${personId}/self-assessments`, {
      token: holder,
      body: { whatMatters: 'Friends', answers: {} },
    });
    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)[0]).toMatch(/^answers\./);
  });
});

describe('audit trail', () => {
  it('records every change with actor and hash chain, shows the auditor, and detects tampering', async () => {
    const { personId, holder } = await holderWithBudget();
    const planId = String(
      asJson((await api.call('POST', `/v1/people/${personId}/plans`, { token: holder, body: plan })).body)
        .planId,
    );
    await api.call('POST', `/v1/plans/${planId}/submit`, { token: holder });
    await api.call('POST', `/v1/plans/${planId}/approve`, { token: priya, body: {} });

    const trail = asJson((await api.call('GET', `/v1/audit/plan/${planId}`, { token: auditor })).body);
    expect(trail.verified).toBe(true);
    const records = trail.records as Json[];
    expect(records.map((r) => r.action)).toEqual(['plan.drafted', 'plan.submitted', 'plan.approved']);
    expect(records[2]).toMatchObject({
      actor: { userId: 'usr_priya', roles: ['care_manager'] },
      onBehalfOf: personId,
      seq: 3,
    });
    const personTrail = asJson(
      (await api.call('GET', `/v1/audit/person/${personId}`, { token: priya })).body,
    );
    expect((personTrail.records as Json[]).map((r) => r.action)).toEqual([
      'person.registered',
      'budget.set',
      'plan.current',
    ]);

    expect((await api.call('GET', `/v1/audit/plan/${planId}`, { token: holder })).status).toBe(403);
    expect((await api.call('GET', `/v1/audit/plan/${planId}`, { token: otherCouncilManager })).status).toBe(
      404,
    );

    // Someone with database access quietly edits the approval record.
    const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    await api.db.send(
      new UpdateCommand({
        TableName: api.tableName,
        Key: { pk: `AUDIT#plan#${planId}`, sk: 'SEQ#00000002' },
        UpdateExpression: 'SET #action = :a',
        ExpressionAttributeNames: { '#action': 'action' },
        ExpressionAttributeValues: { ':a': 'plan.withdrawn' },
      }),
    );
    const tampered = asJson((await api.call('GET', `/v1/audit/plan/${planId}`, { token: auditor })).body);
    expect(tampered).toMatchObject({ verified: false, brokenAtSeq: 2 });
  });

  it('records provider verification by the care manager who did it', async () => {
    const pat = await api.tokenFor({ userId: 'usr_pat2', roles: ['broker'] });
    const provider = asJson(
      (await api.call('POST', '/v1/providers', { token: pat, body: brokerProfile })).body,
    );
    await api.call('POST', `/v1/providers/${provider.providerId}/verify`, {
      token: priya,
      body: { status: 'verified', reason: 'Fee checked' },
    });
    const trail = asJson(
      (await api.call('GET', `/v1/audit/provider/${provider.providerId}`, { token: auditor })).body,
    );
    expect((trail.records as Json[]).map((r) => [r.action, (r.actor as Json).userId])).toEqual([
      ['provider.registered', 'usr_pat2'],
      ['provider.verified', 'usr_priya'],
    ]);
  });
});

describe('optimistic locking', () => {
  it('lets exactly one of two care managers approving the same plan at once succeed; the other gets 409', async () => {
    const { personId, holder } = await holderWithBudget();
    const planId = String(
      asJson((await api.call('POST', `/v1/people/${personId}/plans`, { token: holder, body: plan })).body)
        .planId,
    );
    await api.call('POST', `/v1/plans/${planId}/submit`, { token: holder });
    const [a, b] = await Promise.all([
      api.call('POST', `/v1/plans/${planId}/approve`, { token: priya, body: {} }),
      api.call('POST', `/v1/plans/${planId}/approve`, { token: sam, body: {} }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const trail = asJson((await api.call('GET', `/v1/audit/plan/${planId}`, { token: auditor })).body);
    expect((trail.records as Json[]).filter((r) => r.action === 'plan.approved')).toHaveLength(1);
  });
});

describe('council work lists', () => {
  it('shows care managers the plans waiting for a decision, and finds people by the start of their name', async () => {
    const { personId, holder } = await holderWithBudget();
    const planId = String(
      asJson((await api.call('POST', `/v1/people/${personId}/plans`, { token: holder, body: plan })).body)
        .planId,
    );
    await api.call('POST', `/v1/plans/${planId}/submit`, { token: holder });
    const queue = asJson(
      (await api.call('GET', '/v1/councils/north-dales/plans?status=submitted', { token: priya })).body,
    );
    expect(queue.items).toContainEqual(
      expect.objectContaining({ planId, personId, personName: 'Jean Barker', totalYearlyPence: 760_000 }),
    );
    expect(
      (await api.call('GET', '/v1/councils/north-dales/plans', { token: otherCouncilManager })).status,
    ).toBe(404);
    const found = asJson(
      (await api.call('GET', '/v1/councils/north-dales/people?q=JEAN%20B', { token: auditor })).body,
    );
    expect((found.items as Json[]).map((p) => p.personId)).toContain(personId);
    expect((await api.call('GET', `/v1/people/${personId}/delegations`, { token: priya })).status).toBe(200);
  });

  it('lists a provider’s own profiles for them', async () => {
    const ruth = await api.tokenFor({ userId: 'usr_ruth', roles: ['broker'] });
    const created = asJson(
      (await api.call('POST', '/v1/providers', { token: ruth, body: brokerProfile })).body,
    );
    const mine = asJson((await api.call('GET', '/v1/me/providers', { token: ruth })).body);
    expect((mine.items as Json[]).map((p) => p.providerId)).toEqual([created.providerId]);
  });
});
