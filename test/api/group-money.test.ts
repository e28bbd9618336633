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
  const people = [];
  for (let i = 0; i < count; i++) people.push(await fundedHolder(api, { fundPence: 20_000 }));
  return people;
}

function setup(listingId: string, overrides: Json = {}) {
  return {
    listingId,
    title: 'Gentle walks',
    minParticipants: 3,
    maxParticipants: 8,
    deadline: new Date(clock.now().getTime() + 3 * day).toISOString(),
    schedule: { kind: 'one_off', at: new Date(clock.now().getTime() + 5 * day).toISOString() },
    ...overrides,
  };
}

/** Three holders join a group the given token organises, and it is closed (settled). */
async function settledGroup(organiserToken: string, listingId: string, overrides: Json = {}) {
  const people = await holders(3);
  const created = await api.call('POST', '/v1/group-purchases', {
    token: organiserToken,
    body: setup(listingId, overrides),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const group = asJson(created.body);
  const groupId = String(group.groupId);
  for (const person of people) {
    const joined = await api.call('POST', `/v1/group-purchases/${groupId}/join`, {
      token: person.tokens.holder,
      body: { personId: person.personId, lineId: person.lineId },
    });
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);
  }
  const closed = await api.call('POST', `/v1/group-purchases/${groupId}/close`, { token: organiserToken });
  expect(closed.status, JSON.stringify(closed.body)).toBe(200);
  return { groupId, people, created: group, closed: asJson(closed.body) };
}

describe('who confirms a group delivery', () => {
  it('never the provider, even when it organised the group on its own listing; a member does', async () => {
    const owner = await fundedHolder(api, { fundPence: 0 });
    const { groupId, people } = await settledGroup(owner.tokens.provider, owner.listingId);
    clock.advance(5 * day);
    const delivered = await api.call('POST', `/v1/group-purchases/${groupId}/deliver`, {
      token: owner.tokens.provider,
      body: { notes: 'Done' },
    });
    expect(delivered.status, JSON.stringify(delivered.body)).toBe(200);

    const selfPaid = await api.call('POST', `/v1/group-purchases/${groupId}/confirm`, {
      token: owner.tokens.provider,
    });
    expect(selfPaid.status).toBe(403);
    const escrow = await api.runtime.deps.ledger.account(`group_escrow:${groupId}`);
    expect(escrow.creditsPosted - escrow.debitsPosted).toBe(4_500);

    // A holder who is not in the group cannot confirm either.
    const [outsider] = await holders(1);
    const notMine = await api.call('POST', `/v1/group-purchases/${groupId}/confirm`, {
      token: outsider?.tokens.holder ?? '',
    });
    expect(notMine.status).toBe(404);

    const member = people[1];
    const confirmed = await api.call('POST', `/v1/group-purchases/${groupId}/confirm`, {
      token: member?.tokens.holder ?? '',
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'paid' });
  });

  it('lets a care manager, who may not confirm orders, not confirm for a member', async () => {
    const owner = await fundedHolder(api, { fundPence: 0 });
    const { groupId, people } = await settledGroup(owner.tokens.provider, owner.listingId);
    clock.advance(5 * day);
    await api.call('POST', `/v1/group-purchases/${groupId}/deliver`, {
      token: owner.tokens.provider,
      body: { notes: 'Done' },
    });
    const staff = await api.call('POST', `/v1/group-purchases/${groupId}/confirm`, {
      token: owner.tokens.priya,
      body: { personId: people[0]?.personId },
    });
    expect(staff.status).toBe(403);
  });
});

describe('group delivery and the booked date', () => {
  it('refuses delivery before the session day, and auto-confirms 7 days after the last weekly session', async () => {
    const owner = await fundedHolder(api, { fundPence: 0 });
    const firstAt = new Date(clock.now().getTime() + 5 * day);
    const { groupId, people } = await settledGroup(owner.tokens.provider, owner.listingId, {
      schedule: { kind: 'weekly', firstAt: firstAt.toISOString(), occurrences: 3 },
    });
    const early = await api.call('POST', `/v1/group-purchases/${groupId}/deliver`, {
      token: owner.tokens.provider,
      body: { notes: 'Three days early' },
    });
    expect(early.status).toBe(409);
    expect(asJson(early.body).code).toBe('not_yet_due');

    clock.advance(5 * day);
    const delivered = await api.call('POST', `/v1/group-purchases/${groupId}/deliver`, {
      token: owner.tokens.provider,
      body: { notes: 'First of three' },
    });
    expect(delivered.status, JSON.stringify(delivered.body)).toBe(200);
    const lastSession = firstAt.getTime() + 14 * day;
    expect(Date.parse(String(asJson(delivered.body).autoConfirmAt))).toBe(lastSession + 7 * day);

    // Seven days after delivery is not enough: the last session has not even happened.
    clock.advance(8 * day);
    await api.call('POST', '/v1/dev/jobs/groups');
    const waiting = asJson(
      (await api.call('GET', `/v1/group-purchases/${groupId}`, { token: people[0]?.tokens.holder ?? '' }))
        .body,
    );
    expect(waiting.status).toBe('delivered');
    clock.advance(14 * day);
    await api.call('POST', '/v1/dev/jobs/groups');
    const paid = asJson(
      (await api.call('GET', `/v1/group-purchases/${groupId}`, { token: people[0]?.tokens.holder ?? '' }))
        .body,
    );
    expect(paid.status).toBe('paid');
  });
});

describe('a weekly group', () => {
  it('reserves and settles every session, not just the first', async () => {
    const owner = await fundedHolder(api, { fundPence: 0 });
    const { groupId, people, created, closed } = await settledGroup(owner.tokens.provider, owner.listingId, {
      schedule: {
        kind: 'weekly',
        firstAt: new Date(clock.now().getTime() + 5 * day).toISOString(),
        occurrences: 3,
      },
    });
    // 1,500 a session for a group of three, three sessions.
    expect(created).toMatchObject({
      sessions: 3,
      pricePerSessionNowPence: 1_500,
      pricePerPersonNowPence: 4_500,
      reservationPence: 4_500,
    });
    expect(closed).toMatchObject({
      status: 'settled',
      settlement: { members: 3, pricePerPersonPence: 4_500, totalPence: 13_500 },
    });
    for (const person of people) {
      const account = asJson(
        (await api.call('GET', `/v1/people/${person.personId}/account`, { token: person.tokens.holder }))
          .body,
      );
      expect(account).toMatchObject({ balancePence: 15_500, reservedPence: 0 });
    }
    const escrow = await api.runtime.deps.ledger.account(`group_escrow:${groupId}`);
    expect(escrow.creditsPosted - escrow.debitsPosted).toBe(13_500);
  });
});
