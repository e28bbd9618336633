import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiftableClock } from '../support/clock.ts';
import { startTestApi, type TestApi } from '../support/runtime.ts';
import { fundedHolder } from '../support/world.ts';

type Json = Record<string, unknown>;
const asJson = (body: unknown) => body as Json;
let api: TestApi;
const clock = shiftableClock();
const inDays = (days: number) => new Date(clock.now().getTime() + days * 86_400_000).toISOString();

beforeAll(async () => {
  api = await startTestApi({ clock });
});
afterAll(async () => api?.close());

function need(personId: string, overrides: Json = {}) {
  return {
    personId,
    description: 'A singing group for people with dementia and their carers',
    category: 'day_and_community',
    postcode: 'HG1 2AB',
    radiusKm: 10,
    participants: 1,
    when: 'Thursday afternoons',
    budgetCeilingPerPersonPence: 2_500,
    respondBy: inDays(7),
    ...overrides,
  };
}

describe('requests for support', () => {
  it('goes from a posted need, through interest and quotes, to a group purchase with the quoted prices', async () => {
    const asker = await fundedHolder(api);
    const neighbour = await fundedHolder(api);
    const posted = await api.call('POST', '/v1/requests', {
      token: asker.tokens.holder,
      body: need(asker.personId),
    });
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    const requestId = String(asJson(posted.body).requestId);
    expect(JSON.stringify(posted.body)).not.toContain(asker.personId);

    const interest = await api.call('POST', `/v1/requests/${requestId}/interest`, {
      token: neighbour.tokens.holder,
      body: { personId: neighbour.personId },
    });
    expect(interest.body).toMatchObject({ interested: true, alreadyInterested: false });
    expect(
      (
        await api.call('POST', `/v1/requests/${requestId}/interest`, {
          token: neighbour.tokens.holder,
          body: { personId: neighbour.personId },
        })
      ).body,
    ).toMatchObject({ alreadyInterested: true });

    // A provider nearby finds the request and quotes a price that falls with the group size.
    const found = asJson(
      (await api.call('GET', '/v1/requests?near=HG1&radiusKm=20', { token: asker.tokens.provider })).body,
    ).items as Json[];
    expect(found.map((r) => r.requestId)).toContain(requestId);
    expect(found.find((r) => r.requestId === requestId)).toMatchObject({ interestedCount: 1 });
    const quoted = await api.call('POST', `/v1/requests/${requestId}/quotes`, {
      token: asker.tokens.provider,
      body: {
        providerId: asker.providerId,
        tiers: [
          { minParticipants: 1, pricePerPersonPence: 3_000 },
          { minParticipants: 3, pricePerPersonPence: 1_800 },
          { minParticipants: 6, pricePerPersonPence: 1_200 },
        ],
        priceUnit: 'session',
        when: 'Thursdays 2pm to 3.30pm from January',
        terms: 'Carers come free',
      },
    });
    expect(quoted.status, JSON.stringify(quoted.body)).toBe(201);
    const quoteId = String(asJson(quoted.body).quoteId);
    const mine = asJson(
      (await api.call('GET', `/v1/requests/${requestId}`, { token: asker.tokens.holder })).body,
    );
    expect(mine).toMatchObject({ youAsked: true, quoteCount: 1 });
    expect((mine.quotes as Json[]).map((q) => q.quoteId)).toEqual([quoteId]);
    const seenByOther = asJson(
      (await api.call('GET', `/v1/requests/${requestId}`, { token: neighbour.tokens.provider })).body,
    );
    expect(seenByOther).toMatchObject({ youAsked: false, quotes: [] });

    const accepted = await api.call('POST', `/v1/requests/${requestId}/quotes/${quoteId}/accept`, {
      token: asker.tokens.holder,
      body: {
        kind: 'group',
        title: 'Singing for the brain',
        minParticipants: 3,
        maxParticipants: 12,
        deadline: inDays(10),
        schedule: { kind: 'one_off', at: inDays(14) },
      },
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    const groupId = String(asJson(accepted.body).groupId);
    const group = asJson(
      (await api.call('GET', `/v1/group-purchases/${groupId}`, { token: neighbour.tokens.holder })).body,
    );
    expect(group).toMatchObject({ quoteId, reservationPence: 1_800, pricing: { kind: 'per_person' } });
    expect(group).toMatchObject({ invitedCount: 2, youAreInvited: true });
    expect(JSON.stringify(group)).not.toContain(asker.personId);
    const again = await api.call('POST', `/v1/requests/${requestId}/quotes/${quoteId}/accept`, {
      token: asker.tokens.holder,
      body: { kind: 'order', lineId: asker.lineId, quantity: 1, scheduledFor: inDays(14) },
    });
    expect(asJson(again.body).code).toBe('request_closed');
  });

  it('turns a quote for one person into an order, with the usual spend check', async () => {
    const asker = await fundedHolder(api);
    const requestId = String(
      asJson(
        (await api.call('POST', '/v1/requests', { token: asker.tokens.holder, body: need(asker.personId) }))
          .body,
      ).requestId,
    );
    const quoteId = String(
      asJson(
        (
          await api.call('POST', `/v1/requests/${requestId}/quotes`, {
            token: asker.tokens.provider,
            body: {
              providerId: asker.providerId,
              tiers: [{ minParticipants: 1, pricePerPersonPence: 2_200 }],
              priceUnit: 'session',
              when: 'Thursdays',
            },
          })
        ).body,
      ).quoteId,
    );
    const accepted = await api.call('POST', `/v1/requests/${requestId}/quotes/${quoteId}/accept`, {
      token: asker.tokens.holder,
      body: { kind: 'order', lineId: asker.lineId, quantity: 1, scheduledFor: inDays(3) },
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    const order = asJson(
      (await api.call('GET', `/v1/orders/${asJson(accepted.body).orderId}`, { token: asker.tokens.holder }))
        .body,
    );
    expect(order).toMatchObject({ amountPence: 2_200, status: 'requested' });
  });

  it('refuses quotes from providers who would have to travel too far, and bad requests with a named field', async () => {
    const asker = await fundedHolder(api);
    const far = await api.call('POST', '/v1/requests', {
      token: asker.tokens.holder,
      body: need(asker.personId, { postcode: 'TR1 1AA', radiusKm: 5 }),
    });
    const farId = String(asJson(far.body).requestId);
    const tooFar = await api.call('POST', `/v1/requests/${farId}/quotes`, {
      token: asker.tokens.provider,
      body: {
        providerId: asker.providerId,
        tiers: [{ minParticipants: 1, pricePerPersonPence: 2_000 }],
        priceUnit: 'session',
        when: 'Any',
      },
    });
    expect(asJson(tooFar.body).code).toBe('out_of_area');
    for (const [overrides, field] of [
      [{ respondBy: '2020-01-01T00:00:00Z' }, 'respondBy'],
      [{ participants: 0 }, 'participants'],
      [{ budgetCeilingPerPersonPence: 12.5 }, 'budgetCeilingPerPersonPence'],
      [{ category: 'anything' }, 'category'],
    ] as const) {
      const response = await api.call('POST', '/v1/requests', {
        token: asker.tokens.holder,
        body: need(asker.personId, overrides),
      });
      expect(response.status).toBe(400);
      expect(((asJson(response.body).errors as Json[]) ?? []).map((e) => e.field)).toContain(field);
    }
  });
});

async function quotedRequest(asker: Awaited<ReturnType<typeof fundedHolder>>, tiers: Json[]) {
  const requestId = String(
    asJson(
      (await api.call('POST', '/v1/requests', { token: asker.tokens.holder, body: need(asker.personId) }))
        .body,
    ).requestId,
  );
  const quoted = await api.call('POST', `/v1/requests/${requestId}/quotes`, {
    token: asker.tokens.provider,
    body: { providerId: asker.providerId, tiers, priceUnit: 'session', when: 'Thursdays' },
  });
  expect(quoted.status, JSON.stringify(quoted.body)).toBe(201);
  return { requestId, quoteId: String(asJson(quoted.body).quoteId) };
}

describe('accepting a quote', () => {
  it('books it once however many accepts arrive together: one order, one reservation', async () => {
    const asker = await fundedHolder(api);
    const { requestId, quoteId } = await quotedRequest(asker, [
      { minParticipants: 1, pricePerPersonPence: 2_200 },
    ]);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        api.call('POST', `/v1/requests/${requestId}/quotes/${quoteId}/accept`, {
          token: asker.tokens.holder,
          body: { kind: 'order', lineId: asker.lineId, quantity: 1, scheduledFor: inDays(3) },
        }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, ...Array(9).fill(409)]);
    const orders = asJson(
      (await api.call('GET', `/v1/people/${asker.personId}/orders`, { token: asker.tokens.holder })).body,
    ).items as Json[];
    expect(orders).toHaveLength(1);
    const account = asJson(
      (await api.call('GET', `/v1/people/${asker.personId}/account`, { token: asker.tokens.holder })).body,
    );
    expect(account.reservedPence).toBe(2_200);
    const statement = asJson(
      (
        await api.call('GET', `/v1/people/${asker.personId}/statement?from=2026-01-01&to=2027-12-31`, {
          token: asker.tokens.holder,
        })
      ).body,
    );
    expect((statement.lines as Json[]).filter((l) => l.pendingPence === -2_200)).toHaveLength(1);
  });

  it('leaves the request open when the booking is refused, so it can be accepted again', async () => {
    const asker = await fundedHolder(api, { fundPence: 1_000 });
    const { requestId, quoteId } = await quotedRequest(asker, [
      { minParticipants: 1, pricePerPersonPence: 2_200 },
    ]);
    const refused = await api.call('POST', `/v1/requests/${requestId}/quotes/${quoteId}/accept`, {
      token: asker.tokens.holder,
      body: { kind: 'order', lineId: asker.lineId, quantity: 1, scheduledFor: inDays(3) },
    });
    expect(refused.status).toBe(422);
    const request = asJson(
      (await api.call('GET', `/v1/requests/${requestId}`, { token: asker.tokens.holder })).body,
    );
    expect(request.status).toBe('open');
    const group = await api.call('POST', `/v1/requests/${requestId}/quotes/${quoteId}/accept`, {
      token: asker.tokens.holder,
      body: {
        kind: 'group',
        title: 'Singing together',
        minParticipants: 2,
        maxParticipants: 6,
        deadline: inDays(10),
        schedule: { kind: 'one_off', at: inDays(14) },
      },
    });
    expect(group.status).toBe(400);
    expect(
      asJson((await api.call('GET', `/v1/requests/${requestId}`, { token: asker.tokens.holder })).body)
        .status,
    ).toBe('open');
  });

  it('publishes a group made from a quote with the district only, never the requester’s postcode', async () => {
    const asker = await fundedHolder(api);
    const { requestId, quoteId } = await quotedRequest(asker, [
      { minParticipants: 1, pricePerPersonPence: 3_000 },
      { minParticipants: 3, pricePerPersonPence: 1_800 },
    ]);
    const accepted = await api.call('POST', `/v1/requests/${requestId}/quotes/${quoteId}/accept`, {
      token: asker.tokens.holder,
      body: {
        kind: 'group',
        title: 'Singing together',
        minParticipants: 3,
        maxParticipants: 12,
        deadline: inDays(10),
        schedule: { kind: 'one_off', at: inDays(14) },
      },
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    const other = await fundedHolder(api);
    const group = asJson(
      (
        await api.call('GET', `/v1/group-purchases/${asJson(accepted.body).groupId}`, {
          token: other.tokens.holder,
        })
      ).body,
    );
    expect(group.where).toEqual({ mode: 'venue', postcode: 'HG1' });
    expect(JSON.stringify(group)).not.toContain('2AB');
  });
});

describe('unmet demand', () => {
  it('covers at most twelve calendar months: a longer range is a 400 naming `to` and saying how far it may go', async () => {
    const asker = await fundedHolder(api);
    const tooLong = await api.call('GET', '/v1/reports/unmet-demand?from=2025-01-15&to=2026-01-01', {
      token: asker.tokens.priya,
    });
    expect(tooLong.status).toBe(400);
    const problem = asJson(tooLong.body);
    expect(JSON.stringify(problem.errors)).toContain('"field":"to"');
    expect(JSON.stringify(problem.errors)).toContain('2025-12-31');
    const year = await api.call('GET', '/v1/reports/unmet-demand?from=2025-01-15&to=2025-12-31', {
      token: asker.tokens.priya,
    });
    expect(year.status).toBe(200);
  });

  it('shows care managers the requests nobody met, by area and category, once their window has closed', async () => {
    const asker = await fundedHolder(api);
    await api.call('POST', '/v1/requests', {
      token: asker.tokens.holder,
      body: need(asker.personId, { category: 'transport', participants: 4, respondBy: inDays(2) }),
    });
    const today = clock.now().toISOString().slice(0, 10);
    const before = asJson(
      (
        await api.call('GET', `/v1/reports/unmet-demand?from=${today}&to=${today}`, {
          token: asker.tokens.priya,
        })
      ).body,
    );
    const transportBefore = (before.rows as Json[]).find(
      (r) => r.category === 'transport' && r.area === 'HG',
    );
    clock.advance(3 * 86_400_000);
    const report = await api.call('GET', `/v1/reports/unmet-demand?from=${today}&to=${today}`, {
      token: asker.tokens.priya,
    });
    expect(report.status).toBe(200);
    const transport = (asJson(report.body).rows as Json[]).find(
      (r) => r.category === 'transport' && r.area === 'HG',
    );
    expect(Number(transport?.requests ?? 0)).toBe(Number(transportBefore?.requests ?? 0) + 1);
    expect(Number(transport?.people ?? 0)).toBeGreaterThanOrEqual(4);
    expect(
      (
        await api.call('GET', `/v1/reports/unmet-demand?from=${today}&to=${today}`, {
          token: asker.tokens.holder,
        })
      ).status,
    ).toBe(403);
  });
});
