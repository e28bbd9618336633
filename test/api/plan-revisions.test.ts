import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkingGroupAnyDay } from '../support/fixtures.ts';
import { startTestApi, type TestApi } from '../support/runtime.ts';
import { fundedHolder, planYear } from '../support/world.ts';

// Issue 10, item 3 and 4: a plan revision must not hand back money already committed on a line,
// an old draft must not replace a newer plan, and whoever changed a draft may not approve it.

type Json = Record<string, unknown>;
const asJson = (body: unknown) => body as Json;
type Line = { lineId: string; category: string; capPence: number; period: string };

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => api?.close());

const fiftyPoundsAYear = [{ category: 'day_and_community', capPence: 5_000, period: 'year' }];
const transport = { category: 'transport', capPence: 2_000, period: 'month' };
const fiftyPoundSession = {
  ...walkingGroupAnyDay,
  pricePence: 5_000,
  councilRatePence: 5_000,
  groupTiers: [],
};

async function world() {
  return fundedHolder(api, { lines: fiftyPoundsAYear, listing: fiftyPoundSession, fundPence: 200_000 });
}

type World = Awaited<ReturnType<typeof world>>;

function book(w: World, lineId: string, day: string) {
  return api.call('POST', '/v1/orders', {
    token: w.tokens.holder,
    body: {
      personId: w.personId,
      listingId: w.listingId,
      lineId,
      quantity: 1,
      scheduledFor: `${day}T10:00:00Z`,
    },
  });
}

/** Revise a plan and set the draft's lines; returns the draft's id. */
async function revise(w: World, fromPlanId: string, lines: unknown[], token = w.tokens.holder) {
  const draftId = String((await w.call('POST', `/v1/plans/${fromPlanId}/revise`, token)).planId);
  await w.call('PUT', `/v1/plans/${draftId}`, token, {
    outcomes: { whatMatters: 'Getting out with friends' },
    ...planYear,
    lines,
  });
  return draftId;
}

async function reviseAndSubmit(w: World, fromPlanId: string, lines: unknown[]) {
  const draftId = await revise(w, fromPlanId, lines);
  await w.call('POST', `/v1/plans/${draftId}/submit`, w.tokens.holder);
  return draftId;
}

describe('plan revisions and the money already committed', () => {
  it('keeps what was reserved on a line that carries on, so a revision cannot free it again', async () => {
    const w = await world();
    expect((await book(w, w.lineId, '2026-12-15')).status).toBe(201);

    // The holder adds a transport line only; the day-and-community line carries on unchanged.
    const draftId = await reviseAndSubmit(w, w.planId, [...w.lines, transport]);
    const approved = asJson(await w.call('POST', `/v1/plans/${draftId}/approve`, w.tokens.sam, {}));
    const lines = approved.lines as Line[];
    const carried = lines.find((l) => l.category === 'day_and_community');
    expect(carried?.lineId).toBe(w.lineId);
    expect(lines.find((l) => l.category === 'transport')?.lineId).not.toBe(w.lineId);

    const second = await book(w, w.lineId, '2026-12-22');
    expect(second.status).toBe(422);
    expect(asJson(second.body).code).toBe('line_cap_exceeded');
  });

  it('applies a lower cap to what was already committed on the line this plan year', async () => {
    const w = await fundedHolder(api, {
      lines: [{ category: 'day_and_community', capPence: 10_000, period: 'year' }],
      listing: fiftyPoundSession,
      fundPence: 200_000,
    });
    expect((await book(w, w.lineId, '2026-12-15')).status).toBe(201);
    const draftId = await reviseAndSubmit(w, w.planId, [
      { lineId: w.lineId, category: 'day_and_community', capPence: 6_000, period: 'year' },
    ]);
    await w.call('POST', `/v1/plans/${draftId}/approve`, w.tokens.sam, {});
    const refused = await book(w, w.lineId, '2026-12-22');
    expect(refused.status).toBe(422);
    expect(JSON.stringify(asJson(refused.body).facts)).toContain('"committedPence":5000');
  });

  it('refuses to drop a line that still has money reserved on it, and says how much', async () => {
    const w = await world();
    expect((await book(w, w.lineId, '2026-12-15')).status).toBe(201);
    const draftId = await revise(w, w.planId, [transport]);
    // Submitting is refused already, so a care manager is never asked to approve it.
    const submit = await api.call('POST', `/v1/plans/${draftId}/submit`, { token: w.tokens.holder });
    expect(submit.status).toBe(409);
    expect(asJson(submit.body)).toMatchObject({ code: 'line_has_reservations' });
    expect(JSON.stringify(asJson(submit.body).facts)).toContain('"reservedPence":5000');
    expect(
      asJson((await api.call('GET', `/v1/plans/${draftId}`, { token: w.tokens.holder })).body).status,
    ).toBe('draft');
    // Once the booking is cancelled, the line can go.
    const orders = asJson(
      (await api.call('GET', `/v1/people/${w.personId}/orders`, { token: w.tokens.holder })).body,
    );
    const list = (Array.isArray(orders) ? orders : (orders.items as Json[])) as Json[];
    const orderId = String(list[0]?.orderId);
    await w.call('POST', `/v1/orders/${orderId}/cancel`, w.tokens.holder, { reason: 'Changed my mind' });
    await w.call('POST', `/v1/plans/${draftId}/submit`, w.tokens.holder);
    const approve = await api.call('POST', `/v1/plans/${draftId}/approve`, { token: w.tokens.sam, body: {} });
    expect(approve.status).toBe(200);
  });

  it('never lets an old draft replace a newer plan', async () => {
    const w = await world();
    // Two drafts made from version 1; the second is approved first.
    const older = await reviseAndSubmit(w, w.planId, [...w.lines, transport]);
    const newer = await reviseAndSubmit(w, w.planId, w.lines);
    await w.call('POST', `/v1/plans/${newer}/approve`, w.tokens.sam, {});

    const stale = await api.call('POST', `/v1/plans/${older}/approve`, { token: w.tokens.sam, body: {} });
    expect(stale.status).toBe(409);
    expect(asJson(stale.body).code).toBe('stale_revision');
    const person = await api.call('GET', `/v1/people/${w.personId}`, { token: w.tokens.holder });
    expect(asJson(person.body).currentPlanId).toBe(newer);

    // Revising a superseded version is refused too; the plan in force can be revised.
    const again = await api.call('POST', `/v1/plans/${w.planId}/revise`, { token: w.tokens.holder });
    expect(again.status).toBe(409);
    expect(asJson(again.body).code).toBe('stale_revision');
    expect((await api.call('POST', `/v1/plans/${newer}/revise`, { token: w.tokens.holder })).status).toBe(
      201,
    );
  });

  it('does not let a new plan (not a revision) replace the plan in force in the same plan year', async () => {
    const w = await world();
    const fresh = asJson(
      await w.call('POST', `/v1/people/${w.personId}/plans`, w.tokens.holder, {
        outcomes: { whatMatters: 'Start again' },
        ...planYear,
        lines: fiftyPoundsAYear,
      }),
    );
    const submit = await api.call('POST', `/v1/plans/${String(fresh.planId)}/submit`, {
      token: w.tokens.holder,
    });
    expect(submit.status).toBe(409);
    expect(asJson(submit.body).code).toBe('plan_in_force');
  });

  it('keeps the plan year on a revision and refuses line ids the plan never had', async () => {
    const w = await world();
    const draftId = String(
      asJson(await w.call('POST', `/v1/plans/${w.planId}/revise`, w.tokens.holder)).planId,
    );
    const moved = await api.call('PUT', `/v1/plans/${draftId}`, {
      token: w.tokens.holder,
      body: {
        outcomes: { whatMatters: 'x' },
        startDate: '2026-06-01',
        endDate: '2027-05-31',
        lines: w.lines,
      },
    });
    expect(moved.status).toBe(400);
    expect(asJson(moved.body).code).toBe('plan_year_fixed');
    expect(JSON.stringify(moved.body)).toContain('startDate');

    const unknown = await api.call('PUT', `/v1/plans/${draftId}`, {
      token: w.tokens.holder,
      body: {
        outcomes: { whatMatters: 'x' },
        ...planYear,
        lines: [{ ...fiftyPoundsAYear[0], lineId: 'line_someone_elses' }],
      },
    });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('lineId');
    expect(JSON.stringify(unknown.body)).toContain('unknown_line');

    const recategorised = await api.call('PUT', `/v1/plans/${draftId}`, {
      token: w.tokens.holder,
      body: {
        outcomes: { whatMatters: 'x' },
        ...planYear,
        lines: [{ lineId: w.lineId, category: 'transport', capPence: 5_000, period: 'year' }],
      },
    });
    expect(recategorised.status).toBe(400);
    expect(JSON.stringify(recategorised.body)).toContain('line_category_fixed');
  });
});

describe('lines dropped or changed after money was paid on them', () => {
  it('keeps how a carried line is counted: its period and carry-forward cannot change', async () => {
    const w = await world();
    const draftId = String((await w.call('POST', `/v1/plans/${w.planId}/revise`, w.tokens.holder)).planId);
    const monthly = await api.call('PUT', `/v1/plans/${draftId}`, {
      token: w.tokens.holder,
      body: {
        outcomes: { whatMatters: 'x' },
        ...planYear,
        lines: [{ lineId: w.lineId, category: 'day_and_community', capPence: 500, period: 'month' }],
      },
    });
    expect(monthly.status).toBe(400);
    expect(JSON.stringify(monthly.body)).toContain('line_terms_fixed');
  });

  it('counts money paid on a dropped line against the allocation the remaining lines share', async () => {
    const w = await fundedHolder(api, {
      allocationPence: 20_000,
      lines: fiftyPoundsAYear,
      listing: fiftyPoundSession,
      fundPence: 20_000,
    });
    const today = new Date().toISOString().slice(0, 10);
    const booked = await book(w, w.lineId, today);
    const orderId = String(((asJson(booked.body).orders as Json[])[0] as Json).orderId);
    await w.call('POST', `/v1/orders/${orderId}/accept`, w.tokens.provider);
    await w.call('POST', `/v1/orders/${orderId}/deliver`, w.tokens.provider, { quantity: 1 });
    await w.call('POST', `/v1/orders/${orderId}/confirm`, w.tokens.holder);

    // £50 of the £200 allocation is spent on the line; a new £200 line in its place would hand it
    // out again.
    const whole = await revise(w, w.planId, [{ category: 'transport', capPence: 20_000, period: 'year' }]);
    const refused = await api.call('POST', `/v1/plans/${whole}/submit`, { token: w.tokens.holder });
    expect(refused.status).toBe(422);
    expect(asJson(refused.body).code).toBe('plan_exceeds_allocation');
    expect(JSON.stringify(asJson(refused.body).facts)).toContain('"spentOnDroppedLinesPence":5000');

    await w.call('PUT', `/v1/plans/${whole}`, w.tokens.holder, {
      outcomes: { whatMatters: 'x' },
      ...planYear,
      lines: [{ category: 'transport', capPence: 15_000, period: 'year' }],
    });
    await w.call('POST', `/v1/plans/${whole}/submit`, w.tokens.holder);
    expect(
      (await api.call('POST', `/v1/plans/${whole}/approve`, { token: w.tokens.sam, body: {} })).status,
    ).toBe(200);
  });
});

describe('four eyes on a plan', () => {
  it('refuses approval by a care manager who changed the holder’s draft', async () => {
    const w = await world();
    const draftId = String(
      asJson(await w.call('POST', `/v1/plans/${w.planId}/revise`, w.tokens.holder)).planId,
    );
    // Priya rewrites every line of the holder's draft, submits it and tries to approve it.
    await w.call('PUT', `/v1/plans/${draftId}`, w.tokens.priya, {
      outcomes: { whatMatters: 'Rewritten by the care manager' },
      ...planYear,
      lines: [{ lineId: w.lineId, category: 'day_and_community', capPence: 9_000, period: 'year' }],
    });
    await w.call('POST', `/v1/plans/${draftId}/submit`, w.tokens.priya);
    const own = await api.call('POST', `/v1/plans/${draftId}/approve`, { token: w.tokens.priya, body: {} });
    expect(own.status).toBe(403);
    expect(asJson(own.body).code).toBe('own_draft');
    const plan = asJson((await api.call('GET', `/v1/plans/${draftId}`, { token: w.tokens.holder })).body);
    expect(plan.status).toBe('submitted');
    expect(plan.contributors).toEqual(expect.arrayContaining(['usr_priya']));

    // A second care manager who did not touch it can.
    const other = await api.call('POST', `/v1/plans/${draftId}/approve`, { token: w.tokens.sam, body: {} });
    expect(other.status).toBe(200);
  });
});
