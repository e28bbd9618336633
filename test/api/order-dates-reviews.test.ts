import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiftableClock } from '../support/clock.ts';
import { startTestApi, type TestApi } from '../support/runtime.ts';
import { fundedHolder } from '../support/world.ts';

type Json = Record<string, unknown>;
const asJson = (body: unknown) => body as Json;
let api: TestApi;
const clock = shiftableClock();
const day = 24 * 3600 * 1000;

beforeAll(async () => {
  api = await startTestApi({ clock });
});
afterAll(async () => api?.close());

async function acceptedOrder(world: Awaited<ReturnType<typeof fundedHolder>>, scheduledFor: string) {
  const booked = await api.call('POST', '/v1/orders', {
    token: world.tokens.holder,
    body: {
      personId: world.personId,
      listingId: world.listingId,
      lineId: world.lineId,
      quantity: 1,
      scheduledFor,
    },
  });
  expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  const orderId = String(((asJson(booked.body).orders as Json[])[0] as Json).orderId);
  expect(
    (await api.call('POST', `/v1/orders/${orderId}/accept`, { token: world.tokens.provider })).status,
  ).toBe(200);
  return orderId;
}

describe('delivery and the booked date', () => {
  it('refuses delivery of an order booked for months ahead until its day', async () => {
    const world = await fundedHolder(api);
    const scheduledFor = new Date(clock.now().getTime() + 90 * day).toISOString();
    const orderId = await acceptedOrder(world, scheduledFor);
    const early = await api.call('POST', `/v1/orders/${orderId}/deliver`, {
      token: world.tokens.provider,
      body: { quantity: 1, notes: 'Not yet' },
    });
    expect(early.status).toBe(409);
    expect(asJson(early.body).code).toBe('not_yet_due');
    const order = asJson(
      (await api.call('GET', `/v1/orders/${orderId}`, { token: world.tokens.holder })).body,
    );
    expect(order.status).toBe('accepted');

    clock.advance(90 * day);
    const onTheDay = await api.call('POST', `/v1/orders/${orderId}/deliver`, {
      token: world.tokens.provider,
      body: { quantity: 1, notes: 'Done' },
    });
    expect(onTheDay.status, JSON.stringify(onTheDay.body)).toBe(200);
  });

  it('accepts delivery earlier on the booked day, counting the 7 days from the booked time', async () => {
    const world = await fundedHolder(api);
    // Half a minute from now: the same day (UK time) unless run in the last seconds before midnight.
    const scheduledFor = new Date(clock.now().getTime() + 30_000).toISOString();
    const orderId = await acceptedOrder(world, scheduledFor);
    const delivered = await api.call('POST', `/v1/orders/${orderId}/deliver`, {
      token: world.tokens.provider,
      body: { quantity: 1, notes: 'Done' },
    });
    expect(delivered.status, JSON.stringify(delivered.body)).toBe(200);
    expect(Date.parse(String(asJson(delivered.body).autoConfirmAt))).toBe(Date.parse(scheduledFor) + 7 * day);
  });
});

describe('anonymous reviews', () => {
  it('carry their own id and a date, never the order, and the provider cannot tell which order was reviewed', async () => {
    const world = await fundedHolder(api);
    const orderId = await acceptedOrder(world, new Date(clock.now().getTime() + 30_000).toISOString());
    await api.call('POST', `/v1/orders/${orderId}/deliver`, {
      token: world.tokens.provider,
      body: { quantity: 1, notes: 'Done' },
    });
    expect(
      (await api.call('POST', `/v1/orders/${orderId}/confirm`, { token: world.tokens.holder })).status,
    ).toBe(200);
    const providerBefore = asJson(
      (await api.call('GET', `/v1/orders/${orderId}`, { token: world.tokens.provider })).body,
    );
    const review = await api.call('POST', `/v1/orders/${orderId}/review`, {
      token: world.tokens.holder,
      body: { rating: 5, comment: 'Lovely' },
    });
    expect(review.status).toBe(201);
    const written = asJson(review.body);
    expect(Object.keys(written).sort()).toEqual([
      'comment',
      'date',
      'providerId',
      'rating',
      'reviewId',
      'title',
    ]);
    expect(written.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(JSON.stringify(written)).not.toContain(orderId);

    const listed = asJson((await api.call('GET', `/v1/providers/${world.providerId}/reviews`)).body);
    expect(listed).toMatchObject({ count: 1 });
    expect(JSON.stringify(listed)).not.toContain(orderId);
    expect(JSON.stringify(listed)).not.toContain(world.personId);

    // The holder sees that they reviewed it; the provider's view of the order is unchanged.
    const holderView = asJson(
      (await api.call('GET', `/v1/orders/${orderId}`, { token: world.tokens.holder })).body,
    );
    expect(holderView.reviewed).toBe(true);
    const providerAfter = asJson(
      (await api.call('GET', `/v1/orders/${orderId}`, { token: world.tokens.provider })).body,
    );
    expect(providerAfter).toEqual(providerBefore);
    expect(providerAfter).not.toHaveProperty('reviewed');
    const incoming = asJson(
      (await api.call('GET', `/v1/providers/${world.providerId}/orders`, { token: world.tokens.provider }))
        .body,
    );
    for (const order of incoming.items as Json[]) expect(order).not.toHaveProperty('reviewed');
  });
});
