import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/runtime.ts';
import { fundedHolder } from '../support/world.ts';

/**
 * A provider's reviews page costs the same whatever its history (issue 14): the count and average
 * come from a summary kept as each review is added, and the newest reviews from one Query.
 */
type Json = Record<string, unknown>;
const commands: string[] = [];
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ observe: (name) => commands.push(name) });
});
afterAll(async () => {
  await api?.close();
});

async function reviewedBooking(world: Awaited<ReturnType<typeof fundedHolder>>, rating: number) {
  const booked = await world.call('POST', '/v1/orders', world.tokens.holder, {
    personId: world.personId,
    listingId: world.listingId,
    lineId: world.lineId,
    quantity: 1,
    scheduledFor: '2026-06-02T10:00:00Z',
  });
  const orderId = String(((booked.orders as Json[])[0] as Json).orderId);
  await world.call('POST', `/v1/orders/${orderId}/accept`, world.tokens.provider);
  await world.call('POST', `/v1/orders/${orderId}/deliver`, world.tokens.provider, { quantity: 1 });
  await world.call('POST', `/v1/orders/${orderId}/confirm`, world.tokens.holder);
  await world.call('POST', `/v1/orders/${orderId}/review`, world.tokens.holder, { rating });
}

async function readReviews(providerId: string): Promise<{ body: Json; reads: string[] }> {
  const before = commands.length;
  const response = await api.call('GET', `/v1/providers/${providerId}/reviews`);
  expect(response.status).toBe(200);
  return { body: response.body as Json, reads: commands.slice(before) };
}

describe("a provider's reviews", () => {
  it('reads the same whether it has one review or six, and the average covers them all', async () => {
    const world = await fundedHolder(api, {
      lines: [{ category: 'day_and_community', capPence: 20_000, period: 'week' }],
    });
    await reviewedBooking(world, 5);
    const one = await readReviews(world.providerId);
    expect(one.body).toMatchObject({ count: 1, averageRating: 5 });

    for (const rating of [4, 4, 3, 5, 2]) await reviewedBooking(world, rating);
    const six = await readReviews(world.providerId);
    // (5 + 4 + 4 + 3 + 5 + 2) / 6 = 3.83…, shown to one decimal place.
    expect(six.body).toMatchObject({ count: 6, averageRating: 3.8 });
    expect((six.body.items as Json[]).map((r) => r.rating)).toHaveLength(6);
    expect(six.reads).toEqual(one.reads);
    expect(six.reads.filter((name) => name === 'ScanCommand')).toEqual([]);
  });
});
