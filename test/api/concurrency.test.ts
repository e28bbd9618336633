import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/runtime.ts';
import { fundedHolder } from '../support/world.ts';

type Json = Record<string, unknown>;
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => api?.close());

describe('racing for the last of a plan line', () => {
  it('lets exactly 10 of 200 simultaneous bookings through a line with room for 10; the rest get 422 line_cap_exceeded', async () => {
    // A weekly line of £180 and a £18 listing: room for exactly ten this week.
    const world = await fundedHolder(api, {
      fundPence: 1_000_000,
      lines: [{ category: 'day_and_community', capPence: 18_000, period: 'week', carryForward: false }],
    });
    const scheduledFor = new Date().toISOString();
    const responses = await Promise.all(
      Array.from({ length: 200 }, () =>
        api.call('POST', '/v1/orders', {
          token: world.tokens.holder,
          body: {
            personId: world.personId,
            listingId: world.listingId,
            lineId: world.lineId,
            quantity: 1,
            scheduledFor,
          },
        }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 422)).toHaveLength(190);
    expect(new Set(responses.filter((r) => r.status === 422).map((r) => (r.body as Json).code))).toEqual(
      new Set(['line_cap_exceeded']),
    );

    const account = (
      await api.call('GET', `/v1/people/${world.personId}/account`, { token: world.tokens.holder })
    ).body as Json;
    expect(account.reservedPence).toBe(18_000);
    expect((account.lines as Json[])[0]).toMatchObject({ committedPence: 18_000, leftNowPence: 0 });
    const orders = (
      await api.call('GET', `/v1/people/${world.personId}/orders`, { token: world.tokens.holder })
    ).body as Json;
    expect(orders.items).toHaveLength(10);
  }, 120_000);
});
