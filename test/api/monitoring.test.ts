/**
 * The monitoring report (issue 12): its figures are the money that moved, by deployment type;
 * cells about fewer than five people are hidden (and so is a cell that would give one away);
 * it comes as CSV too; and another council's report is a 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiftableClock } from '../support/clock.ts';
import { startTestApi, type TestApi } from '../support/runtime.ts';
import { fundedHolder } from '../support/world.ts';

type Json = Record<string, unknown>;
type Row = Json & { deployment: string; suppressed: string | null };
let api: TestApi;
const clock = shiftableClock();
const today = () => clock.now().toISOString().slice(0, 10);
const monthStart = () => `${today().slice(0, 7)}-01`;

const domains = [
  'health_and_wellbeing',
  'time_with_people_you_like',
  'quality_of_life',
  'community_participation',
  'feeling_safe',
  'choice_and_control',
  'dignity',
  'economic_wellbeing',
];
const survey = (health: string) => ({
  answers: Object.fromEntries(
    domains.map((d) => [d, { answer: d === 'health_and_wellbeing' ? health : 'same' }]),
  ),
});

/** A holder of this deployment who pays one invoice of `amountPence` from their plan line. */
async function payingHolder(deployment: string, amountPence: number) {
  const holder = await fundedHolder(api);
  if (deployment !== 'managed_account') {
    await holder.call('PUT', `/v1/people/${holder.personId}/budget`, holder.tokens.priya, {
      allocationPence: 2_000_000,
      fundingSources: [{ source: 'council_social_care', amountPence: 2_000_000 }],
      deployment,
      planYearStart: '2026-04-01',
    });
  }
  await holder.call('POST', `/v1/people/${holder.personId}/invoices`, holder.tokens.holder, {
    providerId: holder.providerId,
    lineId: holder.lineId,
    category: 'day_and_community',
    amountPence,
    reference: `INV-${holder.personId}`,
    description: 'Walking group, four sessions',
  });
  return holder;
}

let managed: Awaited<ReturnType<typeof payingHolder>>[] = [];
let priya = '';

beforeAll(async () => {
  api = await startTestApi({ clock });
  // Five managed accounts pay £10 each, five council-managed £20 each, two direct payments £5 each.
  managed = await Promise.all(Array.from({ length: 5 }, () => payingHolder('managed_account', 1_000)));
  await Promise.all(Array.from({ length: 5 }, () => payingHolder('council_managed', 2_000)));
  await Promise.all(Array.from({ length: 2 }, () => payingHolder('direct_payment', 500)));
  // The five managed holders also buy a walk together: £15 each at the group price for 3 to 5,
  // against £18 on their own.
  const organiser = managed[0];
  const group = await api.call('POST', '/v1/group-purchases', {
    token: organiser?.tokens.provider ?? '',
    body: {
      listingId: organiser?.listingId,
      title: 'Gentle walks',
      minParticipants: 3,
      maxParticipants: 8,
      deadline: new Date(clock.now().getTime() + 3 * 86_400_000).toISOString(),
      schedule: { kind: 'one_off', at: new Date(clock.now().getTime() + 5 * 86_400_000).toISOString() },
    },
  });
  expect(group.status, JSON.stringify(group.body)).toBe(201);
  const groupId = String((group.body as Json).groupId);
  for (const member of managed) {
    const joined = await api.call('POST', `/v1/group-purchases/${groupId}/join`, {
      token: member.tokens.holder,
      body: { personId: member.personId, lineId: member.lineId },
    });
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);
  }
  const closed = await api.call('POST', `/v1/group-purchases/${groupId}/close`, {
    token: organiser?.tokens.provider ?? '',
  });
  expect(closed.status, JSON.stringify(closed.body)).toBe(200);
  // Three of the managed holders feel healthier, one the same, one worse.
  for (const [i, holder] of managed.entries()) {
    const response = await api.call('POST', `/v1/people/${holder.personId}/outcome-surveys`, {
      token: holder.tokens.holder,
      body: survey(i < 3 ? 'better' : i === 3 ? 'same' : 'worse'),
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
  }
  priya = managed[0]?.tokens.priya ?? '';
  const job = await api.call('POST', '/v1/dev/jobs/monitoring');
  expect(job.status, JSON.stringify(job.body)).toBe(200);
}, 120_000);
afterAll(async () => api?.close());

async function report(query: Record<string, string> = {}, token = priya) {
  const search = new URLSearchParams({ from: monthStart(), to: today(), ...query });
  return api.call('GET', `/v1/reports/monitoring?${search}`, { token });
}

const row = (rows: unknown, deployment: string) => (rows as Row[]).find((r) => r.deployment === deployment);

describe('the monitoring report', () => {
  it('adds up the money that moved, by deployment type, category and provider kind', async () => {
    const response = await report();
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const body = response.body as Json;
    expect(body.monthsNotBuilt).toEqual([]);
    // Invoices of £10 and the group's £15, each from five managed accounts.
    expect(row(body.spendByDeployment, 'managed_account')).toMatchObject({
      amountPence: 12_500,
      people: 5,
      suppressed: null,
    });
    expect(row(body.spendByDeployment, 'all')).toMatchObject({
      amountPence: 23_500,
      people: 12,
      suppressed: null,
    });
    const community = (body.spendByCategory as Row[]).find(
      (r) => r.category === 'day_and_community' && r.deployment === 'all',
    );
    expect(community).toMatchObject({ amountPence: 23_500, people: 12 });
    // Every payment went to a micro-enterprise (the test providers are all one).
    expect(row(body.microEnterpriseShare, 'all')).toMatchObject({ perMille: 1000 });
    expect(row(body.holders, 'all')).toMatchObject({ people: 12 });
    expect(row(body.holders, 'council_managed')).toMatchObject({ people: 5 });
  });

  it('shows what buying together saved against the individual price', async () => {
    const body = (await report()).body as Json;
    for (const deployment of ['managed_account', 'all']) {
      expect(row(body.groupSavings, deployment)).toMatchObject({
        people: 5,
        paidPence: 7_500,
        individualPricePence: 9_000,
        savedPence: 1_500,
        suppressed: null,
      });
    }
  });

  it('hides a cell about fewer than five people, and the cell that would give it away', async () => {
    const body = (await report()).body as Json;
    expect(row(body.spendByDeployment, 'direct_payment')).toMatchObject({
      amountPence: null,
      people: null,
      suppressed: 'fewer_than_five_people',
    });
    // With the direct payments hidden, the smallest other deployment is hidden too, or
    // "all" minus the rest would show what the two direct-payment holders spent.
    expect(row(body.spendByDeployment, 'council_managed')).toMatchObject({
      amountPence: null,
      suppressed: 'protects_another_cell',
    });
    expect(row(body.holders, 'direct_payment')).toMatchObject({
      people: null,
      suppressed: 'fewer_than_five_people',
    });
    const reasons = body.suppressedCells as Array<{ table: string; cell: string; reason: string }>;
    expect(reasons).toContainEqual(
      expect.objectContaining({ table: 'Spend by total', cell: 'all, direct_payment' }),
    );
    expect(reasons.every((r) => r.reason.length > 20)).toBe(true);
    // Nowhere does the two direct-payment holders' £10 between them appear.
    expect((body.spendByDeployment as Row[]).map((r) => r.amountPence)).not.toContain(1_000);
  });

  it('reports outcomes as percentages better, the same and worse by deployment type', async () => {
    const body = (await report()).body as Json;
    const health = (body.outcomes as Row[]).filter((r) => r.domain === 'health_and_wellbeing');
    expect(health.find((r) => r.deployment === 'managed_account')).toMatchObject({
      respondents: 5,
      betterPercent: 60,
      samePercent: 20,
      worsePercent: 20,
      suppressed: null,
    });
    expect(health.find((r) => r.deployment === 'council_managed')).toBeUndefined();
  });

  it('counts the alerts raised in the period by rule, hiding them when they are about fewer than five people', async () => {
    const holder = managed[0];
    if (!holder) throw new Error('no managed holder');
    // The same invoice again, its reference only differently written: one duplicate-invoice alert.
    await holder.call('POST', `/v1/people/${holder.personId}/invoices`, holder.tokens.holder, {
      providerId: holder.providerId,
      lineId: holder.lineId,
      category: 'day_and_community',
      amountPence: 1_000,
      reference: `inv ${holder.personId}`.toLowerCase(),
      description: 'Walking group again',
    });
    const body = (await report()).body as { alerts: { available: boolean; rows: Json[] } };
    expect(body.alerts.available).toBe(true);
    expect(body.alerts.rows).toContainEqual(
      expect.objectContaining({
        rule: 'duplicate_invoice',
        outcome: 'open',
        suppressed: 'fewer_than_five_people',
      }),
    );
  });

  it('comes as CSV, with hidden cells marked', async () => {
    const response = await report({ format: 'csv' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const csv = String(response.body);
    expect(csv).toContain(',managed_account,125.00,5');
    expect(csv).toContain(',council_managed,suppressed,suppressed');
    expect(csv).toContain(',direct_payment,suppressed,suppressed');
    expect(csv).toContain('health_and_wellbeing,managed_account,5,60,20,20');
  });

  it("is a 404 for another council's staff, and shows them only their own council", async () => {
    const other = await api.tokenFor({
      userId: 'usr_wv_cm',
      roles: ['care_manager'],
      councilId: 'wolds-and-vale',
    });
    const named = await report({ councilId: 'north-dales' }, other);
    expect(named.status).toBe(404);
    const own = await report({}, other);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ councilId: 'wolds-and-vale' });
    expect(row((own.body as Json).spendByDeployment, 'all')).toBeUndefined();
  });

  it('is for care managers and auditors, not holders', async () => {
    const holder = managed[0]?.tokens.holder ?? '';
    expect((await report({}, holder)).status).toBe(403);
    const auditor = await api.tokenFor({
      userId: 'usr_nd_aud',
      roles: ['auditor'],
      councilId: 'north-dales',
    });
    expect((await report({}, auditor)).status).toBe(200);
  });

  it('refuses a period that ends before it starts', async () => {
    const response = await report({ from: today(), to: '2026-01-01' });
    expect(response.status).toBe(400);
  });
});
