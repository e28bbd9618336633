import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiftableClock } from '../support/clock.ts';
import { startTestApi, type TestApi } from '../support/runtime.ts';
import { fundedHolder } from '../support/world.ts';

/**
 * Oversight levels (DESIGN 3.8): a care manager raises or lowers how closely the council watches a
 * budget, and the payment paths obey it. Each case is tried the way someone would try to get round it.
 */
type Json = Record<string, unknown>;
const clock = shiftableClock();
let api: TestApi;
const asJson = (body: unknown) => body as Json;

beforeAll(async () => {
  api = await startTestApi({ clock });
});
afterAll(async () => {
  await api?.close();
});

type World = Awaited<ReturnType<typeof fundedHolder>>;

async function setLevel(
  world: World,
  level: string,
  reason = 'Agreed at review',
  token = world.tokens.priya,
) {
  return api.call('PUT', `/v1/people/${world.personId}/oversight`, { token, body: { level, reason } });
}

async function book(world: World, token: string, quantity: number) {
  return api.call('POST', '/v1/orders', {
    token,
    body: {
      personId: world.personId,
      listingId: world.listingId,
      lineId: world.lineId,
      quantity,
      scheduledFor: '2026-06-02T10:00:00Z',
    },
  });
}

/** Booked, accepted and delivered in full: ready for the holder's side to confirm. */
async function deliveredOrder(world: World, quantity: number, token = world.tokens.holder): Promise<string> {
  const booked = await book(world, token, quantity);
  expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  const orderId = String(((asJson(booked.body).orders as Json[])[0] as Json).orderId);
  expect(
    (await api.call('POST', `/v1/orders/${orderId}/accept`, { token: world.tokens.provider })).status,
  ).toBe(200);
  const delivered = await api.call('POST', `/v1/orders/${orderId}/deliver`, {
    token: world.tokens.provider,
    body: { quantity },
  });
  expect(delivered.status, JSON.stringify(delivered.body)).toBe(200);
  return orderId;
}

const account = async (world: World) =>
  asJson(
    (await api.call('GET', `/v1/people/${world.personId}/account`, { token: world.tokens.holder })).body,
  );

describe('setting the level', () => {
  it('only a care manager of the council sets it, with a reason the holder sees; it is audited', async () => {
    const world = await fundedHolder(api);
    const byHolder = await setLevel(world, 'standard', 'I would like less checking', world.tokens.holder);
    expect(byHolder.status).toBe(403);
    const otherCouncil = await api.tokenFor({
      userId: 'usr_wv_cm',
      roles: ['care_manager'],
      councilId: 'wolds-and-vale',
    });
    expect((await setLevel(world, 'council_managed', 'x', otherCouncil)).status).toBe(404);
    const noReason = await api.call('PUT', `/v1/people/${world.personId}/oversight`, {
      token: world.tokens.priya,
      body: { level: 'council_managed' },
    });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body)).toContain('reason');

    const raised = await setLevel(world, 'confirm_every_payment', 'Several payments nobody could explain');
    expect(raised.status, JSON.stringify(raised.body)).toBe(200);
    const seen = asJson(
      (await api.call('GET', `/v1/people/${world.personId}`, { token: world.tokens.holder })).body,
    );
    expect(seen.oversight).toMatchObject({
      level: 'confirm_every_payment',
      reason: 'Several payments nobody could explain',
      setBy: 'usr_priya',
    });
    const same = await setLevel(world, 'confirm_every_payment');
    expect(asJson(same.body).code).toBe('oversight_unchanged');
    const trail = asJson(
      (await api.call('GET', `/v1/audit/person/${world.personId}`, { token: world.tokens.sam })).body,
    );
    expect((trail.records as Json[]).find((r) => r.action === 'oversight.changed')).toMatchObject({
      before: { level: 'standard' },
      after: { level: 'confirm_every_payment', reason: 'Several payments nobody could explain' },
      actor: { userId: 'usr_priya' },
    });
  });
});

describe('confirm every payment', () => {
  it('holds a payment above the small amount until a care manager approves; small ones go through', async () => {
    const world = await fundedHolder(api);
    await setLevel(world, 'confirm_every_payment');
    // £36 is above the default £25: it waits, still set aside, nothing paid.
    const big = await deliveredOrder(world, 2);
    const held = await api.call('POST', `/v1/orders/${big}/confirm`, { token: world.tokens.holder });
    expect(held.status).toBe(200);
    expect(held.body).toMatchObject({ status: 'awaiting_approval' });
    expect(held.body).not.toHaveProperty('paidPence');
    expect(await account(world)).toMatchObject({ balancePence: 100_000, reservedPence: 3_600 });
    // Confirming again, or the provider trying, changes nothing.
    expect((await api.call('POST', `/v1/orders/${big}/confirm`, { token: world.tokens.holder })).status).toBe(
      409,
    );
    expect(
      (await api.call('POST', `/v1/orders/${big}/approve-payment`, { token: world.tokens.provider })).status,
    ).toBe(403);
    expect(
      (await api.call('POST', `/v1/orders/${big}/approve-payment`, { token: world.tokens.holder })).status,
    ).toBe(403);

    const approved = await api.call('POST', `/v1/orders/${big}/approve-payment`, { token: world.tokens.sam });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ status: 'confirmed', paidPence: 3_600 });
    expect(await account(world)).toMatchObject({ balancePence: 96_400, reservedPence: 0 });
    expect(
      (await api.call('POST', `/v1/orders/${big}/approve-payment`, { token: world.tokens.sam })).status,
    ).toBe(409);

    // £18 is under the small amount: paid on confirmation as usual.
    const small = await deliveredOrder(world, 1);
    const paid = await api.call('POST', `/v1/orders/${small}/confirm`, { token: world.tokens.holder });
    expect(paid.body).toMatchObject({ status: 'confirmed', paidPence: 1_800 });
  });

  it('confirms nothing automatically for the holder', async () => {
    const world = await fundedHolder(api);
    const orderId = await deliveredOrder(world, 1);
    await setLevel(world, 'confirm_every_payment');
    clock.advance(8 * 24 * 3600 * 1000);
    await api.call('POST', '/v1/dev/jobs/auto-confirm');
    const order = asJson(
      (await api.call('GET', `/v1/orders/${orderId}`, { token: world.tokens.holder })).body,
    );
    expect(order.status).toBe('delivered');
  });

  it('holds an invoice above the small amount; a declined one becomes a dispute the care manager decides', async () => {
    const world = await fundedHolder(api);
    await setLevel(world, 'confirm_every_payment');
    const invoice = await api.call('POST', `/v1/people/${world.personId}/invoices`, {
      token: world.tokens.holder,
      body: {
        providerId: world.providerId,
        lineId: world.lineId,
        category: 'day_and_community',
        amountPence: 4_000,
        reference: 'INV-77',
        description: 'Two walks',
      },
    });
    expect(invoice.status, JSON.stringify(invoice.body)).toBe(201);
    const orderId = String(asJson(invoice.body).orderId);
    expect(invoice.body).toMatchObject({ status: 'awaiting_approval' });
    expect(await account(world)).toMatchObject({ balancePence: 100_000, reservedPence: 4_000 });
    // The same invoice again is still a duplicate, held or not.
    const again = await api.call('POST', `/v1/people/${world.personId}/invoices`, {
      token: world.tokens.holder,
      body: {
        providerId: world.providerId,
        lineId: world.lineId,
        category: 'day_and_community',
        amountPence: 4_000,
        reference: 'INV-77',
        description: 'Two walks',
      },
    });
    expect(asJson(again.body).code).toBe('duplicate_invoice');

    const declined = await api.call('POST', `/v1/orders/${orderId}/decline-payment`, {
      token: world.tokens.sam,
      body: { reason: 'The holder says only one walk happened' },
    });
    expect(declined.body).toMatchObject({ status: 'disputed' });
    const partPaid = await api.call('POST', `/v1/orders/${orderId}/resolve`, {
      token: world.tokens.sam,
      body: { outcome: 'part_pay', amountPence: 2_000, reason: 'One walk' },
    });
    expect(partPaid.body).toMatchObject({ status: 'confirmed', paidPence: 2_000 });
    expect(await account(world)).toMatchObject({ balancePence: 98_000, reservedPence: 0 });
  });
});

describe('council-managed', () => {
  it('only council staff move the money; the holder and their delegates are told why', async () => {
    const world = await fundedHolder(api);
    const helen = await api.tokenFor({ userId: 'usr_ov_helen', roles: ['representative'] });
    await api.call('POST', `/v1/people/${world.personId}/delegations`, {
      token: world.tokens.holder,
      body: {
        userId: 'usr_ov_helen',
        kind: 'representative',
        name: 'Helen',
        scopes: ['order:create', 'order:confirm'],
      },
    });
    await setLevel(world, 'council_managed', 'Money went missing; the council pays for now');

    for (const token of [world.tokens.holder, helen]) {
      const refused = await book(world, token, 1);
      expect(refused.status).toBe(403);
      expect(asJson(refused.body).code).toBe('council_managed');
      expect(String(asJson(refused.body).detail)).toContain('Money went missing');
    }
    // The care manager books, and confirms, for the holder.
    const orderId = await deliveredOrder(world, 1, world.tokens.priya);
    expect(
      (await api.call('POST', `/v1/orders/${orderId}/confirm`, { token: world.tokens.holder })).status,
    ).toBe(403);
    const confirmed = await api.call('POST', `/v1/orders/${orderId}/confirm`, { token: world.tokens.priya });
    expect(confirmed.body).toMatchObject({ status: 'confirmed', paidPence: 1_800 });
    // Stopping money stays theirs: the holder cancels a booking the care manager made.
    const booked = await book(world, world.tokens.priya, 1);
    const pending = String(((asJson(booked.body).orders as Json[])[0] as Json).orderId);
    const cancelled = await api.call('POST', `/v1/orders/${pending}/cancel`, {
      token: world.tokens.holder,
      body: { reason: 'I will be away' },
    });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    // The holder still sees everything: it is their budget.
    expect((await api.call('GET', `/v1/orders/${orderId}`, { token: world.tokens.holder })).status).toBe(200);

    // Lowered again, the holder books for themselves, and a care manager no longer can.
    await setLevel(world, 'standard', 'Reviewed: all in order');
    expect((await book(world, world.tokens.holder, 1)).status).toBe(201);
    expect((await book(world, world.tokens.priya, 1)).status).toBe(403);
  });
});
