/**
 * Who may read what about a budget holder, and the two ways round the rules that issue 10 found:
 * a broker given access as a "representative" (no fee disclosure), and staff whose token carries
 * their own person id acting as the council on their own budget. Each test tries to get round a
 * rule in the README's "Who may read what" table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokerProfile } from '../support/fixtures.ts';
import { startTestApi, type TestApi } from '../support/runtime.ts';
import { fundedHolder } from '../support/world.ts';

type Json = Record<string, unknown>;
const asJson = (body: unknown) => body as Json;
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => api?.close());

/** A funded holder with one booking and one group membership, so there is a history to read. */
async function holderWithHistory(label: string) {
  const world = await fundedHolder(api, { label });
  const { holder } = world.tokens;
  const booked = await world.call('POST', '/v1/orders', holder, {
    personId: world.personId,
    listingId: world.listingId,
    lineId: world.lineId,
    quantity: 1,
    scheduledFor: '2027-01-12T10:00:00Z',
  });
  const orderId = String(((booked.orders as Json[])[0] as Json).orderId);
  const group = await world.call('POST', '/v1/group-purchases', holder, {
    listingId: world.listingId,
    title: 'Walks',
    minParticipants: 3,
    maxParticipants: 8,
    deadline: inDays(3),
    schedule: { kind: 'one_off', at: inDays(5) },
  });
  await world.call('POST', `/v1/group-purchases/${group.groupId}/join`, holder, {
    personId: world.personId,
    lineId: world.lineId,
  });
  return { ...world, orderId, groupId: String(group.groupId) };
}

async function delegate(
  world: Awaited<ReturnType<typeof holderWithHistory>>,
  userId: string,
  scopes: string[],
  kind: 'representative' | 'broker' = 'representative',
) {
  await world.call('POST', `/v1/people/${world.personId}/delegations`, world.tokens.holder, {
    userId,
    kind,
    name: userId,
    scopes,
  });
  return api.tokenFor({ userId, roles: [kind], councilId: 'north-dales' });
}

const statusOf = async (path: string, token: string) => (await api.call('GET', path, { token })).status;

describe('what a delegate reads follows the scopes they were given', () => {
  it('keeps the order history and group memberships from a delegate who may only read the plan', async () => {
    const world = await holderWithHistory('planread');
    const helen = await delegate(world, 'usr_perm_helen', ['plan:read']);

    expect(await statusOf(`/v1/people/${world.personId}/plans`, helen)).toBe(200);
    const orders = await api.call('GET', `/v1/people/${world.personId}/orders`, { token: helen });
    expect(orders.status).toBe(403);
    expect(asJson(orders.body).code).toBe('delegate_scope_missing');
    expect(await statusOf(`/v1/orders/${world.orderId}`, helen)).toBe(403);
    expect(await statusOf(`/v1/people/${world.personId}/group-purchases`, helen)).toBe(403);
    expect(await statusOf(`/v1/group-purchases/${world.groupId}?personId=${world.personId}`, helen)).toBe(
      403,
    );
    expect(await statusOf(`/v1/people/${world.personId}/account`, helen)).toBe(403);
    expect(await statusOf(`/v1/people/${world.personId}/delegations`, helen)).toBe(403);
  });

  it('lets a delegate who confirms deliveries see the orders, and one who joins groups see the groups', async () => {
    const world = await holderWithHistory('orderscope');
    const confirmer = await delegate(world, 'usr_perm_confirmer', ['order:confirm']);
    expect(await statusOf(`/v1/people/${world.personId}/orders`, confirmer)).toBe(200);
    expect(await statusOf(`/v1/orders/${world.orderId}`, confirmer)).toBe(200);

    const joiner = await delegate(world, 'usr_perm_joiner', ['group:join']);
    expect(await statusOf(`/v1/people/${world.personId}/group-purchases`, joiner)).toBe(200);
    expect(await statusOf(`/v1/people/${world.personId}/orders`, joiner)).toBe(403);
  });

  it('shows a delegate the date of birth and full postcode only when they book or write the plan', async () => {
    const world = await holderWithHistory('details');
    const reader = await delegate(world, 'usr_perm_reader', ['plan:read', 'account:read']);
    const seen = asJson((await api.call('GET', `/v1/people/${world.personId}`, { token: reader })).body);
    expect(seen).toMatchObject({ name: 'Holder details', outcode: 'HG1' });
    expect(seen).not.toHaveProperty('dateOfBirth');
    expect(seen).not.toHaveProperty('postcode');

    const booker = await delegate(world, 'usr_perm_booker', ['order:create']);
    const full = asJson((await api.call('GET', `/v1/people/${world.personId}`, { token: booker })).body);
    expect(full).toMatchObject({ dateOfBirth: '1950-05-05', postcode: 'HG1 2AB' });
  });
});

describe('what council staff read follows their role', () => {
  it('gives finance the name, district, account and statement, but no date of birth, plans, orders, groups or delegates', async () => {
    const world = await holderWithHistory('finance');
    const { finance } = world.tokens;
    const seen = asJson((await api.call('GET', `/v1/people/${world.personId}`, { token: finance })).body);
    expect(seen).toMatchObject({ name: 'Holder finance', outcode: 'HG1' });
    expect(seen).not.toHaveProperty('dateOfBirth');
    expect(seen).not.toHaveProperty('postcode');
    expect(await statusOf(`/v1/people/${world.personId}/account`, finance)).toBe(200);
    expect(
      await statusOf(`/v1/people/${world.personId}/statement?from=2026-01-01&to=2027-12-31`, finance),
    ).toBe(200);
    for (const path of [
      `/v1/people/${world.personId}/plans`,
      `/v1/plans/${world.planId}`,
      `/v1/people/${world.personId}/orders`,
      `/v1/orders/${world.orderId}`,
      `/v1/people/${world.personId}/group-purchases`,
      `/v1/people/${world.personId}/delegations`,
    ]) {
      const response = await api.call('GET', path, { token: finance });
      expect(response.status, path).toBe(403);
      expect(asJson(response.body).code, path).toBe('role_not_allowed');
    }
  });

  it('lets an auditor follow the money and the plans without the date of birth or the home postcode', async () => {
    const world = await holderWithHistory('auditor');
    const auditor = await api.tokenFor({
      userId: 'usr_perm_aud',
      roles: ['auditor'],
      councilId: 'north-dales',
    });
    const seen = asJson((await api.call('GET', `/v1/people/${world.personId}`, { token: auditor })).body);
    expect(seen).not.toHaveProperty('dateOfBirth');
    expect(seen).not.toHaveProperty('postcode');
    expect(await statusOf(`/v1/people/${world.personId}/orders`, auditor)).toBe(200);
    expect(await statusOf(`/v1/people/${world.personId}/plans`, auditor)).toBe(200);

    const found = asJson(
      (await api.call('GET', '/v1/councils/north-dales/people?q=holder%20auditor', { token: auditor })).body,
    );
    const item = (found.items as Json[]).find((p) => p.personId === world.personId);
    expect(item).toMatchObject({ name: 'Holder auditor', outcode: 'HG1' });
    expect(item).not.toHaveProperty('dateOfBirth');

    const trail = JSON.stringify(
      (await api.call('GET', `/v1/audit/person/${world.personId}`, { token: auditor })).body,
    );
    expect(trail).not.toContain('HG1 2AB');
    expect(trail).not.toContain('1950-05-05');
  });

  it('shows the care manager and the holder everything', async () => {
    const world = await holderWithHistory('full');
    for (const token of [world.tokens.priya, world.tokens.holder]) {
      const seen = asJson((await api.call('GET', `/v1/people/${world.personId}`, { token })).body);
      expect(seen).toMatchObject({ dateOfBirth: '1950-05-05', postcode: 'HG1 2AB', outcode: 'HG1' });
    }
    const found = asJson(
      (
        await api.call('GET', '/v1/councils/north-dales/people?q=holder%20full', {
          token: world.tokens.priya,
        })
      ).body,
    );
    expect((found.items as Json[]).find((p) => p.personId === world.personId)).toMatchObject({
      dateOfBirth: '1950-05-05',
    });
  });
});

describe('a broker is always a broker', () => {
  it('refuses to give someone with a broker profile access as a representative', async () => {
    const world = await holderWithHistory('brokerrep');
    const pat = await api.tokenFor({ userId: 'usr_perm_pat', roles: ['broker'] });
    expect((await api.call('POST', '/v1/providers', { token: pat, body: brokerProfile })).status).toBe(201);
    const grant = { userId: 'usr_perm_pat', name: 'Pat', scopes: ['plan:write', 'order:create'] };
    const asRepresentative = await api.call('POST', `/v1/people/${world.personId}/delegations`, {
      token: world.tokens.holder,
      body: { ...grant, kind: 'representative' },
    });
    expect(asRepresentative.status).toBe(422);
    expect(asJson(asRepresentative.body).code).toBe('delegate_kind_mismatch');
    expect(await statusOf(`/v1/people/${world.personId}`, pat)).toBe(404);

    const asBroker = await api.call('POST', `/v1/people/${world.personId}/delegations`, {
      token: world.tokens.holder,
      body: { ...grant, kind: 'broker' },
    });
    expect(asBroker.status).toBe(201);
    expect(await statusOf(`/v1/people/${world.personId}/orders`, pat)).toBe(200);
  });

  it('gives a broker nothing through a representative grant made before they had a profile', async () => {
    const world = await holderWithHistory('brokerlate');
    await world.call('POST', `/v1/people/${world.personId}/delegations`, world.tokens.holder, {
      userId: 'usr_perm_quinn',
      kind: 'representative',
      name: 'Quinn',
      scopes: ['plan:write', 'order:create'],
    });
    const quinn = await api.tokenFor({ userId: 'usr_perm_quinn', roles: ['broker'] });
    const read = await api.call('GET', `/v1/people/${world.personId}`, { token: quinn });
    expect(read.status).toBe(403);
    expect(asJson(read.body).code).toBe('delegate_kind_mismatch');
    const booking = await api.call('POST', '/v1/orders', {
      token: quinn,
      body: {
        personId: world.personId,
        listingId: world.listingId,
        lineId: world.lineId,
        quantity: 1,
        scheduledFor: '2027-01-19T10:00:00Z',
      },
    });
    expect(booking.status).toBe(403);
    const me = asJson((await api.call('GET', '/v1/me', { token: quinn })).body);
    expect(me.actsFor).toEqual([]);
  });
});

describe('staff never act as the council on their own budget', () => {
  it('refuses a care manager whose token carries their own person id when they raise their own budget', async () => {
    const world = await holderWithHistory('ownbudget');
    for (const roles of [['care_manager'], ['care_manager', 'holder']] as const) {
      const self = await api.tokenFor({
        userId: `usr_perm_cm_${roles.length}`,
        roles: [...roles],
        councilId: 'north-dales',
        personId: world.personId,
      });
      const raised = await api.call('PUT', `/v1/people/${world.personId}/budget`, {
        token: self,
        body: {
          allocationPence: 9_000_000,
          fundingSources: [{ source: 'council_social_care', amountPence: 9_000_000 }],
          deployment: 'managed_account',
          planYearStart: '2026-04-01',
        },
      });
      expect(raised.status, roles.join()).toBe(403);
      expect(asJson(raised.body).code).toBe('own_person_record');
    }
    const person = asJson(
      (await api.call('GET', `/v1/people/${world.personId}`, { token: world.tokens.priya })).body,
    );
    expect(person.budget).toMatchObject({ allocationPence: 2_000_000 });
  });

  it('refuses a finance user who pays council money into their own account', async () => {
    const world = await holderWithHistory('owndeposit');
    const self = await api.tokenFor({
      userId: 'usr_perm_fin_self',
      roles: ['finance'],
      councilId: 'north-dales',
      personId: world.personId,
    });
    const deposit = await api.call('POST', `/v1/people/${world.personId}/funding`, {
      token: self,
      body: { transferId: 'own-deposit', amountPence: 500_000, reference: 'Mine' },
    });
    expect(deposit.status).toBe(403);
    expect(asJson(deposit.body).code).toBe('own_person_record');
    const account = asJson(
      (await api.call('GET', `/v1/people/${world.personId}/account`, { token: world.tokens.holder })).body,
    );
    expect(account.balancePence).toBe(100_000);
  });

  it('still lets another member of staff do it', async () => {
    const world = await holderWithHistory('otherstaff');
    const other = await api.tokenFor({
      userId: 'usr_perm_fin_other',
      roles: ['finance'],
      councilId: 'north-dales',
      personId: 'per_someone_else',
    });
    const deposit = await api.call('POST', `/v1/people/${world.personId}/funding`, {
      token: other,
      body: { transferId: 'other-deposit', amountPence: 5_000, reference: 'Top up' },
    });
    expect(deposit.status, JSON.stringify(deposit.body)).toBeLessThan(300);
  });
});
