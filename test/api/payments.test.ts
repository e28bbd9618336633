import { SimulatedRail } from '@carepool/payments';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiftableClock } from '../support/clock.ts';
import { startTestApi, type TestApi } from '../support/runtime.ts';
import { fundedHolder } from '../support/world.ts';

type Json = Record<string, unknown>;
const asJson = (body: unknown) => body as Json;
let api: TestApi;
let rail: SimulatedRail;
const clock = shiftableClock();

beforeAll(async () => {
  api = await startTestApi({ clock });
  if (!(api.runtime.deps.rail instanceof SimulatedRail)) throw new Error('tests expect the simulated rail');
  rail = api.runtime.deps.rail;
});
afterAll(async () => api?.close());

async function webhook(rawBody: string, signature: string) {
  return api.call('POST', '/v1/webhooks/stripe', {
    body: rawBody,
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
  });
}

async function balance(personId: string, token: string) {
  return Number(
    asJson((await api.call('GET', `/v1/people/${personId}/account`, { token })).body).balancePence,
  );
}

describe('family top-ups', () => {
  it('credits the account only when the payment webhook arrives, once, whatever the replays and order', async () => {
    const world = await fundedHolder(api, { fundPence: 0 });
    const { holder } = world.tokens;
    const first = asJson(
      (
        await api.call('POST', `/v1/people/${world.personId}/top-ups`, {
          token: holder,
          body: { topUpId: 'tu-1', amountPence: 2_500 },
        })
      ).body,
    );
    const second = asJson(
      (
        await api.call('POST', `/v1/people/${world.personId}/top-ups`, {
          token: holder,
          body: { topUpId: 'tu-2', amountPence: 1_000 },
        })
      ).body,
    );
    expect(first).toMatchObject({ simulated: true });
    expect(await balance(world.personId, holder)).toBe(0);

    const paidFirst = rail.completeCheckout(String(first.sessionId));
    const paidSecond = rail.completeCheckout(String(second.sessionId));
    // Out of order, then replayed.
    expect((await webhook(paidSecond.rawBody, paidSecond.signature)).body).toMatchObject({
      received: true,
      duplicate: false,
    });
    expect((await webhook(paidFirst.rawBody, paidFirst.signature)).status).toBe(200);
    expect((await webhook(paidFirst.rawBody, paidFirst.signature)).body).toMatchObject({ duplicate: true });
    expect(await balance(world.personId, holder)).toBe(3_500);
  });

  it('refuses a webhook whose signature does not verify over the raw body, and changes nothing', async () => {
    const world = await fundedHolder(api, { fundPence: 0 });
    const started = asJson(
      (
        await api.call('POST', `/v1/people/${world.personId}/top-ups`, {
          token: world.tokens.holder,
          body: { topUpId: 'tu-x', amountPence: 9_900 },
        })
      ).body,
    );
    const signed = rail.completeCheckout(String(started.sessionId));
    const tampered = signed.rawBody.replace('9900', '99000');
    const refused = await webhook(tampered, signed.signature);
    expect(refused.status).toBe(400);
    expect(asJson(refused.body).code).toBe('invalid_signature');
    expect((await webhook(signed.rawBody, 't=1,v1=deadbeef')).status).toBe(400);
    expect(await balance(world.personId, world.tokens.holder)).toBe(0);
  });
});

describe('provider payouts', () => {
  it('onboards a provider through the rail; the account.updated webhook turns payouts on', async () => {
    const world = await fundedHolder(api);
    const started = await api.call('POST', `/v1/providers/${world.providerId}/payouts/onboarding`, {
      token: world.tokens.provider,
    });
    expect(started.status).toBe(200);
    const { railAccountId } = asJson(started.body);
    expect(started.body).toMatchObject({ payoutsEnabled: false });
    const event = rail.completeOnboarding(String(railAccountId));
    expect((await webhook(event.rawBody, event.signature)).status).toBe(200);
    const again = await api.call('POST', `/v1/providers/${world.providerId}/payouts/onboarding`, {
      token: world.tokens.provider,
    });
    expect(again.body).toMatchObject({ railAccountId, payoutsEnabled: true });
  });
});

describe('scheduled jobs', () => {
  async function deliveredOrder() {
    const world = await fundedHolder(api);
    const booked = asJson(
      (
        await api.call('POST', '/v1/orders', {
          token: world.tokens.holder,
          body: {
            personId: world.personId,
            listingId: world.listingId,
            lineId: world.lineId,
            quantity: 1,
            scheduledFor: clock.now().toISOString(),
          },
        })
      ).body,
    );
    const orderId = String(((booked.orders as Json[])[0] as Json).orderId);
    await api.call('POST', `/v1/orders/${orderId}/accept`, { token: world.tokens.provider });
    await api.call('POST', `/v1/orders/${orderId}/deliver`, {
      token: world.tokens.provider,
      body: { quantity: 1, notes: 'Done' },
    });
    return { world, orderId };
  }

  it('confirms and pays a delivery nobody disputed after seven days, and not before', async () => {
    const { world, orderId } = await deliveredOrder();
    await api.call('POST', '/v1/dev/jobs/auto-confirm');
    expect(
      asJson((await api.call('GET', `/v1/orders/${orderId}`, { token: world.tokens.holder })).body).status,
    ).toBe('delivered');
    clock.advance(7 * 24 * 3600 * 1000 + 60_000);
    const run = asJson((await api.call('POST', '/v1/dev/jobs/auto-confirm')).body);
    expect(Number((run.summary as Json).confirmed)).toBeGreaterThanOrEqual(1);
    const order = asJson(
      (await api.call('GET', `/v1/orders/${orderId}`, { token: world.tokens.holder })).body,
    );
    expect(order).toMatchObject({ status: 'confirmed', paidPence: 1_800, payout: { status: 'sent' } });
    expect((order.history as Json[]).at(-2)).toMatchObject({ action: 'auto_confirmed' });
  });

  it('posts each managed-account holder’s four-weekly deposit once, however often the job runs', async () => {
    const world = await fundedHolder(api, { fundPence: 0, allocationPence: 1_300_013 });
    const first = asJson((await api.call('POST', '/v1/dev/jobs/deposits')).body).summary as Record<
      string,
      Json
    >;
    const second = asJson((await api.call('POST', '/v1/dev/jobs/deposits')).body).summary as Record<
      string,
      Json
    >;
    // The first run found her due and posted; posting moved her due day on four weeks in the same
    // transaction, so the second run finds nobody due instead of paying the period again.
    expect(Number(first['north-dales']?.due)).toBeGreaterThanOrEqual(1);
    expect(second['north-dales']).toMatchObject({ due: 0 });
    // £13,000.13 a year in 13 four-weekly deposits of £1,000.01: the job pays this period's once.
    const got = await balance(world.personId, world.tokens.holder);
    expect([100_002, 100_001]).toContain(got);
  });

  it('reconciles: a payout the ledger made but the rail never sent is an exception for finance, and the retry job sends it', async () => {
    const { world, orderId } = await deliveredOrder();
    rail.failNextPayout();
    const confirmed = asJson(
      (await api.call('POST', `/v1/orders/${orderId}/confirm`, { token: world.tokens.holder })).body,
    );
    expect(confirmed.payout).toMatchObject({ status: 'failed' });
    await api.call('POST', '/v1/dev/jobs/reconcile');
    const exceptions = asJson(
      (await api.call('GET', '/v1/reconciliation/exceptions', { token: world.tokens.finance })).body,
    ).items as Json[];
    expect(exceptions).toContainEqual(
      expect.objectContaining({ kind: 'missing_on_rail', orderId, councilId: 'north-dales' }),
    );
    await api.call('POST', '/v1/dev/jobs/payouts');
    const retried = asJson(
      (await api.call('GET', `/v1/orders/${orderId}`, { token: world.tokens.holder })).body,
    );
    expect(retried.payout).toMatchObject({ status: 'sent' });
    expect(rail.sent().filter((t) => t.ledgerTransferId === `payout-${orderId}`)).toHaveLength(1);
  });
});

describe('payouts to a provider that changed what it was verified on', () => {
  const day = 24 * 3600 * 1000;
  const reverify = (world: Awaited<ReturnType<typeof fundedHolder>>) =>
    api.call('POST', `/v1/providers/${world.providerId}/verify`, {
      token: world.tokens.priya,
      body: { status: 'verified', reason: 'New name and insurance seen' },
    });
  const rename = async (world: Awaited<ReturnType<typeof fundedHolder>>) => {
    const renamed = await api.call('PATCH', `/v1/providers/${world.providerId}`, {
      token: world.tokens.provider,
      body: { name: 'Someone Else Entirely Ltd' },
    });
    expect(renamed.body).toMatchObject({ status: 'pending' });
  };
  const payoutsTo = (reference: string) =>
    rail.sent().filter((t) => t.ledgerTransferId === `payout-${reference}`);

  it('holds an order’s payout until the provider is verified again, then the payouts job sends it once', async () => {
    const world = await fundedHolder(api);
    const booked = asJson(
      (
        await api.call('POST', '/v1/orders', {
          token: world.tokens.holder,
          body: {
            personId: world.personId,
            listingId: world.listingId,
            lineId: world.lineId,
            quantity: 1,
            scheduledFor: clock.now().toISOString(),
          },
        })
      ).body,
    );
    const orderId = String(((booked.orders as Json[])[0] as Json).orderId);
    await api.call('POST', `/v1/orders/${orderId}/accept`, { token: world.tokens.provider });
    await api.call('POST', `/v1/orders/${orderId}/deliver`, {
      token: world.tokens.provider,
      body: { quantity: 1, notes: 'Done' },
    });
    await rename(world);

    const confirmed = await api.call('POST', `/v1/orders/${orderId}/confirm`, { token: world.tokens.holder });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    // The holder's payment stands; the money waits with Carepool.
    expect(confirmed.body).toMatchObject({
      status: 'confirmed',
      paidPence: 1_800,
      payout: { status: 'held' },
    });
    await api.call('POST', '/v1/dev/jobs/payouts');
    await api.call('POST', '/v1/dev/jobs/payouts');
    const waiting = asJson(
      (await api.call('GET', `/v1/orders/${orderId}`, { token: world.tokens.holder })).body,
    );
    expect(waiting.payout).toMatchObject({ status: 'held' });
    expect((waiting.history as Json[]).filter((h) => h.action === 'payout_held')).toHaveLength(1);
    expect(payoutsTo(orderId)).toHaveLength(0);

    expect((await reverify(world)).status).toBe(200);
    await api.call('POST', '/v1/dev/jobs/payouts');
    const sent = asJson(
      (await api.call('GET', `/v1/orders/${orderId}`, { token: world.tokens.holder })).body,
    );
    expect(sent.payout).toMatchObject({ status: 'sent' });
    expect(payoutsTo(orderId)).toHaveLength(1);
  });

  it('holds a group’s payout the same way', async () => {
    const people = [
      await fundedHolder(api, { fundPence: 20_000 }),
      await fundedHolder(api, { fundPence: 20_000 }),
      await fundedHolder(api, { fundPence: 20_000 }),
    ];
    const [organiser] = people;
    if (!organiser) throw new Error('no organiser');
    const created = await api.call('POST', '/v1/group-purchases', {
      token: organiser.tokens.holder,
      body: {
        listingId: organiser.listingId,
        title: 'Walks for three',
        minParticipants: 3,
        maxParticipants: 8,
        deadline: new Date(clock.now().getTime() + 3 * day).toISOString(),
        schedule: { kind: 'one_off', at: new Date(clock.now().getTime() + 4 * day).toISOString() },
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const groupId = String(asJson(created.body).groupId);
    for (const person of people) {
      const joined = await api.call('POST', `/v1/group-purchases/${groupId}/join`, {
        token: person.tokens.holder,
        body: { personId: person.personId, lineId: person.lineId },
      });
      expect(joined.status, JSON.stringify(joined.body)).toBe(201);
    }
    const closed = await api.call('POST', `/v1/group-purchases/${groupId}/close`, {
      token: organiser.tokens.holder,
    });
    expect(closed.body).toMatchObject({ status: 'settled' });
    clock.advance(5 * day);
    const delivered = await api.call('POST', `/v1/group-purchases/${groupId}/deliver`, {
      token: organiser.tokens.provider,
      body: { notes: 'Three walked' },
    });
    expect(delivered.status, JSON.stringify(delivered.body)).toBe(200);
    await rename(organiser);

    const confirmed = await api.call('POST', `/v1/group-purchases/${groupId}/confirm`, {
      token: organiser.tokens.holder,
    });
    expect(confirmed.body).toMatchObject({ status: 'paid', payout: { status: 'held' } });
    await api.call('POST', '/v1/dev/jobs/payouts');
    expect(payoutsTo(groupId)).toHaveLength(0);

    expect((await reverify(organiser)).status).toBe(200);
    await api.call('POST', '/v1/dev/jobs/payouts');
    await api.call('POST', '/v1/dev/jobs/payouts');
    const paid = asJson(
      (await api.call('GET', `/v1/group-purchases/${groupId}`, { token: organiser.tokens.holder })).body,
    );
    expect(paid.payout).toMatchObject({ status: 'sent' });
    expect(payoutsTo(groupId)).toHaveLength(1);
  });
});
