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

async function holders(count: number) {
  const first = await fundedHolder(api, { fundPence: 20_000 });
  const rest = [];
  for (let i = 1; i < count; i++) rest.push(await fundedHolder(api, { fundPence: 20_000 }));
  return [first, ...rest];
}

function setup(listingId: string, overrides: Json = {}) {
  const deadline = new Date(clock.now().getTime() + 3 * day).toISOString();
  return {
    listingId,
    title: 'Gentle walks for six',
    minParticipants: 3,
    maxParticipants: 8,
    deadline,
    schedule: { kind: 'one_off', at: new Date(clock.now().getTime() + 5 * day).toISOString() },
    ...overrides,
  };
}

describe('a group purchase from start to payout', () => {
  it('six holders join, the price drops as they do, it settles at the six-person price and the provider is paid once', async () => {
    const people = await holders(6);
    const organiser = people[0];
    if (!organiser) throw new Error('no organiser');
    const created = await api.call('POST', '/v1/group-purchases', {
      token: organiser.tokens.holder,
      body: setup(organiser.listingId),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const groupId = String(asJson(created.body).groupId);
    expect(created.body).toMatchObject({
      pricePerPersonNowPence: 1_500,
      reservationPence: 1_500,
      placesLeft: 8,
    });

    const prices: number[] = [];
    for (const person of people) {
      const joined = await api.call('POST', `/v1/group-purchases/${groupId}/join`, {
        token: person.tokens.holder,
        body: { personId: person.personId, lineId: person.lineId },
      });
      expect(joined.status, JSON.stringify(joined.body)).toBe(201);
      expect(joined.body).toMatchObject({ reservedPence: 1_500, status: 'joined' });
      prices.push(
        Number(
          asJson(
            (await api.call('GET', `/v1/group-purchases/${groupId}`, { token: person.tokens.holder })).body,
          ).pricePerPersonNowPence,
        ),
      );
    }
    expect(prices).toEqual([1_500, 1_500, 1_500, 1_500, 1_500, 1_100]);
    const page = asJson(
      (await api.call('GET', `/v1/group-purchases/${groupId}`, { token: organiser.tokens.holder })).body,
    );
    expect(page).toMatchObject({
      memberCount: 6,
      placesLeft: 2,
      minimumMet: true,
      ifOneMoreJoinsPence: 1_100,
      yourMembership: { reservedPence: 1_500 },
    });
    expect(page.memberFirstNames).toBeUndefined();

    const closed = await api.call('POST', `/v1/group-purchases/${groupId}/close`, {
      token: organiser.tokens.holder,
    });
    expect(closed.body).toMatchObject({
      status: 'settled',
      settlement: { members: 6, pricePerPersonPence: 1_100, totalPence: 6_600 },
    });
    for (const person of people) {
      const account = asJson(
        (await api.call('GET', `/v1/people/${person.personId}/account`, { token: person.tokens.holder }))
          .body,
      );
      expect(account).toMatchObject({ balancePence: 18_900, reservedPence: 0 });
    }
    const providerOwner = people[0]?.tokens.provider ?? '';
    // Delivery is recorded on or after the session's day, not before.
    clock.advance(5 * day);
    expect(
      (
        await api.call('POST', `/v1/group-purchases/${groupId}/deliver`, {
          token: providerOwner,
          body: { notes: 'Lovely walk' },
        })
      ).status,
    ).toBe(200);
    const paid = await api.call('POST', `/v1/group-purchases/${groupId}/confirm`, {
      token: organiser.tokens.holder,
    });
    expect(paid.body).toMatchObject({ status: 'paid', payout: { status: 'sent' } });
    const again = await api.call('POST', `/v1/group-purchases/${groupId}/confirm`, {
      token: organiser.tokens.holder,
    });
    expect(again.status).toBe(409);
    const providerList = asJson(
      (
        await api.call('GET', `/v1/providers/${organiser.providerId}/group-purchases`, {
          token: providerOwner,
        })
      ).body,
    );
    expect((providerList.items as Json[]).map((g) => g.groupId)).toContain(groupId);
    const memberships = asJson(
      (
        await api.call('GET', `/v1/people/${organiser.personId}/group-purchases`, {
          token: organiser.tokens.holder,
        })
      ).body,
    );
    expect(memberships.items).toContainEqual(
      expect.objectContaining({
        groupId,
        title: 'Gentle walks for six',
        groupStatus: 'paid',
        status: 'settled',
      }),
    );
    const viaPerson = asJson(
      (
        await api.call('GET', `/v1/group-purchases/${groupId}?personId=${organiser.personId}`, {
          token: organiser.tokens.priya,
        })
      ).body,
    );
    expect(viaPerson.yourMembership).toMatchObject({ status: 'settled', paidPence: 1_100 });
    // A settled membership is visible, so leaving it says why not rather than "not found".
    const leave = await api.call('POST', `/v1/group-purchases/${groupId}/leave`, {
      token: organiser.tokens.holder,
      body: { personId: organiser.personId },
    });
    expect(leave.status).toBe(409);
    expect(asJson(leave.body)).toMatchObject({ code: 'invalid_transition' });
    expect(String(asJson(leave.body).detail)).toContain('settled');
    expect(
      (
        await api.call('GET', `/v1/group-purchases/${groupId}?personId=${organiser.personId}`, {
          token: people[1]?.tokens.holder ?? '',
        })
      ).status,
    ).toBe(404);
    const escrow = await api.runtime.deps.ledger.account(`group_escrow:${groupId}`);
    expect(escrow.creditsPosted - escrow.debitsPosted).toBe(0);
    const statement = asJson(
      (
        await api.call('GET', `/v1/people/${people[3]?.personId}/statement?from=2026-01-01&to=2027-12-31`, {
          token: people[3]?.tokens.holder ?? '',
        })
      ).body,
    );
    // Set aside at the highest price, then paid at the six-person price: the payment says it is one.
    expect((statement.lines as Json[]).map((l) => [l.code, l.amountPence])).toEqual(
      expect.arrayContaining([
        ['group_reservation', 0],
        ['group_payment', -1_100],
      ]),
    );
    expect((statement.lines as Json[]).filter((l) => l.code === 'group_reservation')).toHaveLength(1);
  });

  it('costs nobody anything when the minimum is not met by the deadline', async () => {
    const people = await holders(2);
    const organiser = people[0];
    if (!organiser) throw new Error('no organiser');
    const groupId = String(
      asJson(
        (
          await api.call('POST', '/v1/group-purchases', {
            token: organiser.tokens.holder,
            body: setup(organiser.listingId),
          })
        ).body,
      ).groupId,
    );
    for (const person of people) {
      await api.call('POST', `/v1/group-purchases/${groupId}/join`, {
        token: person.tokens.holder,
        body: { personId: person.personId, lineId: person.lineId },
      });
    }
    const early = await api.call('POST', `/v1/group-purchases/${groupId}/close`, {
      token: organiser.tokens.holder,
    });
    expect(asJson(early.body).code).toBe('minimum_not_met');
    clock.advance(4 * day);
    await api.call('POST', '/v1/dev/jobs/groups');
    expect(
      asJson(
        (await api.call('GET', `/v1/group-purchases/${groupId}`, { token: organiser.tokens.holder })).body,
      ).status,
    ).toBe('missed');
    for (const person of people) {
      const account = asJson(
        (await api.call('GET', `/v1/people/${person.personId}/account`, { token: person.tokens.holder }))
          .body,
      );
      expect(account).toMatchObject({ balancePence: 20_000, reservedPence: 0, availablePence: 20_000 });
    }
  });

  it('lets a member leave before settlement with their money released, and refuses a second join', async () => {
    const [person] = await holders(1);
    if (!person) throw new Error('no person');
    const groupId = String(
      asJson(
        (
          await api.call('POST', '/v1/group-purchases', {
            token: person.tokens.holder,
            body: setup(person.listingId),
          })
        ).body,
      ).groupId,
    );
    const join = { token: person.tokens.holder, body: { personId: person.personId, lineId: person.lineId } };
    expect((await api.call('POST', `/v1/group-purchases/${groupId}/join`, join)).status).toBe(201);
    const twice = await api.call('POST', `/v1/group-purchases/${groupId}/join`, join);
    expect(asJson(twice.body).code).toBe('already_member');
    expect(
      (
        await api.call('POST', `/v1/group-purchases/${groupId}/leave`, {
          token: person.tokens.holder,
          body: { personId: person.personId },
        })
      ).body,
    ).toMatchObject({
      status: 'left',
    });
    const again = await api.call('POST', `/v1/group-purchases/${groupId}/leave`, {
      token: person.tokens.holder,
      body: { personId: person.personId },
    });
    expect(again.status).toBe(409);
    const account = asJson(
      (await api.call('GET', `/v1/people/${person.personId}/account`, { token: person.tokens.holder })).body,
    );
    expect(account.reservedPence).toBe(0);
    expect(
      asJson((await api.call('GET', `/v1/group-purchases/${groupId}`, { token: person.tokens.holder })).body)
        .memberCount,
    ).toBe(0);
  });
});

describe('bad group requests', () => {
  it.each([
    [{ deadline: '2020-01-01T00:00:00Z' }, 'deadline'],
    [{ minParticipants: 6, maxParticipants: 4 }, 'maxParticipants'],
    [{ minParticipants: 2 }, 'minParticipants'],
    [{ maxParticipants: 40 }, 'maxParticipants'],
  ])('refuses %o naming %s, and creates nothing', async (overrides, field) => {
    const [person] = await holders(1);
    if (!person) throw new Error('no person');
    const response = await api.call('POST', '/v1/group-purchases', {
      token: person.tokens.holder,
      body: setup(person.listingId, overrides),
    });
    expect(response.status).toBe(400);
    expect(((asJson(response.body).errors as Json[]) ?? []).map((e) => e.field)).toContain(field);
  });

  it('refuses joining for someone you do not act for, and joining a closed group', async () => {
    const [a, b] = await holders(2);
    if (!a || !b) throw new Error('no people');
    const groupId = String(
      asJson(
        (await api.call('POST', '/v1/group-purchases', { token: a.tokens.holder, body: setup(a.listingId) }))
          .body,
      ).groupId,
    );
    const forSomeoneElse = await api.call('POST', `/v1/group-purchases/${groupId}/join`, {
      token: a.tokens.holder,
      body: { personId: b.personId, lineId: b.lineId },
    });
    expect(forSomeoneElse.status).toBe(404);
    clock.advance(4 * day);
    await api.call('POST', '/v1/dev/jobs/groups');
    const late = await api.call('POST', `/v1/group-purchases/${groupId}/join`, {
      token: b.tokens.holder,
      body: { personId: b.personId, lineId: b.lineId },
    });
    expect(late.status).toBe(409);
    expect(asJson(late.body).code).toBe('group_closed');
  });
});
