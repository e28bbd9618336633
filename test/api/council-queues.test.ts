import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiftableClock } from '../support/clock.ts';
import { microEnterprise } from '../support/fixtures.ts';
import { startTestApi, type TestApi } from '../support/runtime.ts';
import { fundedHolder } from '../support/world.ts';

/**
 * The council's work queues: payments held for approval, disputes to decide, providers to check,
 * and the caseload. Staff of the council read them; nobody else learns they exist.
 */
type Json = Record<string, unknown>;
type World = Awaited<ReturnType<typeof fundedHolder>>;
const clock = shiftableClock();
let api: TestApi;
let auditor: string;
let finance: string;
let otherCareManager: string;
let otherAuditor: string;
let firstWorld: World;
const asJson = (body: unknown) => body as Json;
const itemsOf = (body: unknown) => (asJson(body).items ?? []) as Json[];

beforeAll(async () => {
  api = await startTestApi({ clock });
  auditor = await api.tokenFor({ userId: 'usr_ada', roles: ['auditor'], councilId: 'north-dales' });
  finance = await api.tokenFor({ userId: 'usr_tom', roles: ['finance'], councilId: 'north-dales' });
  otherCareManager = await api.tokenFor({
    userId: 'usr_wv_cm',
    roles: ['care_manager'],
    councilId: 'wolds-and-vale',
  });
  otherAuditor = await api.tokenFor({
    userId: 'usr_wv_aud',
    roles: ['auditor'],
    councilId: 'wolds-and-vale',
  });
  // The first world pays the runtime's cold start, inside the hook's longer time limit.
  firstWorld = await watchedHolder();
});
afterAll(async () => {
  await api?.close();
});

/** A payment the holder confirmed that waits for a care manager: the holder is on "confirm every payment". */
async function heldPayment(world: World, quantity = 2): Promise<string> {
  const booked = await api.call('POST', '/v1/orders', {
    token: world.tokens.holder,
    body: {
      personId: world.personId,
      listingId: world.listingId,
      lineId: world.lineId,
      quantity,
      scheduledFor: '2026-06-02T10:00:00Z',
    },
  });
  expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  const orderId = String(((asJson(booked.body).orders as Json[])[0] as Json).orderId);
  await world.call('POST', `/v1/orders/${orderId}/accept`, world.tokens.provider);
  await world.call('POST', `/v1/orders/${orderId}/deliver`, world.tokens.provider, { quantity });
  const confirmed = await world.call('POST', `/v1/orders/${orderId}/confirm`, world.tokens.holder);
  expect(confirmed.status).toBe('awaiting_approval');
  return orderId;
}

async function watchedHolder(): Promise<World> {
  const world = await fundedHolder(api);
  await world.call('PUT', `/v1/people/${world.personId}/oversight`, world.tokens.priya, {
    level: 'confirm_every_payment',
    reason: 'Checking payments for a while',
  });
  return world;
}

const queue = (token: string, status: string, extra = '', council = 'north-dales') =>
  api.call('GET', `/v1/councils/${council}/orders?status=${status}${extra}`, { token });

describe('payments held for approval and disputes', () => {
  it('lists a held payment with names for care managers and auditors, until it is decided', async () => {
    const world = firstWorld;
    const orderId = await heldPayment(world);

    const seen = await queue(world.tokens.priya, 'awaiting_approval');
    expect(seen.status, JSON.stringify(seen.body)).toBe(200);
    expect(itemsOf(seen.body)).toContainEqual(
      expect.objectContaining({
        orderId,
        status: 'awaiting_approval',
        personId: world.personId,
        personName: expect.stringMatching(/^Holder /),
        providerName: expect.stringMatching(/^Provider /),
        amountPence: 3_600,
      }),
    );
    const byAuditor = await queue(auditor, 'awaiting_approval');
    expect(itemsOf(byAuditor.body).map((o) => o.orderId)).toContain(orderId);
    // Not in the other queue.
    expect(itemsOf((await queue(world.tokens.priya, 'disputed')).body).map((o) => o.orderId)).not.toContain(
      orderId,
    );

    await world.call('POST', `/v1/orders/${orderId}/approve-payment`, world.tokens.sam);
    const after = await queue(world.tokens.priya, 'awaiting_approval');
    expect(itemsOf(after.body).map((o) => o.orderId)).not.toContain(orderId);
  });

  it('moves a declined payment to the disputes, with the reason, and out once it is resolved', async () => {
    const world = await watchedHolder();
    const orderId = await heldPayment(world);
    await world.call('POST', `/v1/orders/${orderId}/decline-payment`, world.tokens.sam, {
      reason: 'Only one walk happened',
    });
    expect(
      itemsOf((await queue(world.tokens.priya, 'awaiting_approval')).body).map((o) => o.orderId),
    ).not.toContain(orderId);
    const disputes = await queue(world.tokens.priya, 'disputed');
    expect(itemsOf(disputes.body)).toContainEqual(
      expect.objectContaining({ orderId, status: 'disputed', disputeReason: 'Only one walk happened' }),
    );
    await world.call('POST', `/v1/orders/${orderId}/resolve`, world.tokens.sam, {
      outcome: 'release',
      reason: 'Agreed with the holder',
    });
    expect(itemsOf((await queue(world.tokens.priya, 'disputed')).body).map((o) => o.orderId)).not.toContain(
      orderId,
    );
  });

  it('pages oldest first and refuses a cursor from another list', async () => {
    const world = await watchedHolder();
    const first = await heldPayment(world, 2);
    clock.advance(60_000);
    const second = await heldPayment(world, 3);
    clock.advance(60_000);
    const third = await heldPayment(world, 2);
    const all: Json[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await queue(
        world.tokens.priya,
        'awaiting_approval',
        `&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      expect(itemsOf(page.body).length).toBeLessThanOrEqual(2);
      all.push(...itemsOf(page.body));
      cursor = asJson(page.body).nextCursor as string | undefined;
      pages++;
    } while (cursor && pages < 20);
    const ours = all.map((o) => o.orderId).filter((id) => [first, second, third].includes(String(id)));
    expect(ours).toEqual([first, second, third]);
    const since = all.map((o) => String(o.since));
    expect([...since].sort()).toEqual(since);

    const people = await api.call('GET', '/v1/councils/north-dales/people?limit=1', {
      token: world.tokens.priya,
    });
    const foreign = String(asJson(people.body).nextCursor);
    const refused = await queue(
      world.tokens.priya,
      'awaiting_approval',
      `&cursor=${encodeURIComponent(foreign)}`,
    );
    expect(refused.status).toBe(400);
    expect(asJson(refused.body).code).toBe('bad_cursor');
    expect((await queue(world.tokens.priya, 'confirmed')).status).toBe(400);
  });

  it('is a 404 to another council’s staff and refused to holders, providers and finance', async () => {
    const world = await watchedHolder();
    const orderId = await heldPayment(world);
    expect((await queue(otherCareManager, 'awaiting_approval')).status).toBe(404);
    expect((await queue(otherAuditor, 'disputed')).status).toBe(404);
    // Their own council's queue shows nothing of north-dales.
    const own = await queue(otherCareManager, 'awaiting_approval', '', 'wolds-and-vale');
    expect(own.status).toBe(200);
    expect(JSON.stringify(own.body)).not.toContain(orderId);
    expect((await queue(world.tokens.holder, 'awaiting_approval')).status).toBe(403);
    expect((await queue(world.tokens.provider, 'awaiting_approval')).status).toBe(403);
    expect((await queue(finance, 'awaiting_approval')).status).toBe(403);
    expect((await queue('', 'awaiting_approval')).status).toBe(401);
  });
});

describe('providers to check', () => {
  const toCheck = (token: string, council = 'north-dales') =>
    api.call('GET', `/v1/councils/${council}/providers-to-check?limit=100`, { token });

  it('lists a new provider for care managers, auditors and finance until someone checks it', async () => {
    const owner = await api.tokenFor({ userId: 'usr_new_prov', roles: ['provider'] });
    const priya = await api.tokenFor({
      userId: 'usr_priya',
      roles: ['care_manager'],
      councilId: 'north-dales',
    });
    const created = asJson(
      (
        await api.call('POST', '/v1/providers', {
          token: owner,
          body: { ...microEnterprise, name: 'Swaledale Gardening' },
        })
      ).body,
    );
    const providerId = String(created.providerId);
    for (const token of [priya, auditor, finance]) {
      const seen = await toCheck(token);
      expect(seen.status, JSON.stringify(seen.body)).toBe(200);
      expect(itemsOf(seen.body)).toContainEqual(
        expect.objectContaining({ providerId, name: 'Swaledale Gardening', kind: 'micro_enterprise' }),
      );
    }
    // National: another council sees the same provider in its own queue.
    expect(
      itemsOf((await toCheck(otherCareManager, 'wolds-and-vale')).body).map((p) => p.providerId),
    ).toContain(providerId);

    const verified = await api.call('POST', `/v1/providers/${providerId}/verify`, {
      token: priya,
      body: { status: 'verified', reason: 'Evidence seen' },
    });
    expect(verified.status).toBe(200);
    expect(itemsOf((await toCheck(priya)).body).map((p) => p.providerId)).not.toContain(providerId);

    // A change to what was checked puts it back, saying what changed.
    const changed = await api.call('PATCH', `/v1/providers/${providerId}`, {
      token: owner,
      body: { name: 'Swaledale Gardens Ltd' },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(itemsOf((await toCheck(priya)).body)).toContainEqual(
      expect.objectContaining({ providerId, name: 'Swaledale Gardens Ltd', changedSinceCheck: ['name'] }),
    );
  });

  it('is a 404 for another council’s path and refused to providers and holders', async () => {
    const provider = await api.tokenFor({ userId: 'usr_someone', roles: ['provider'] });
    const holder = await api.tokenFor({
      userId: 'usr_h',
      roles: ['holder'],
      councilId: 'north-dales',
      personId: 'per_x',
    });
    expect((await toCheck(otherCareManager)).status).toBe(404);
    expect((await toCheck(provider)).status).toBe(403);
    expect((await toCheck(holder)).status).toBe(403);
  });
});

describe('the caseload', () => {
  it('lists the council’s people in name order a page at a time, or by the start of a name', async () => {
    const priya = await api.tokenFor({
      userId: 'usr_priya',
      roles: ['care_manager'],
      councilId: 'north-dales',
    });
    const names = ['Zara Quill', 'Zachary Quill', 'Zoe Quill'];
    for (const name of names) {
      const made = await api.call('POST', '/v1/people', {
        token: priya,
        body: { name, dateOfBirth: '1950-01-01', postcode: 'HG1 2AB' },
      });
      expect(made.status).toBe(201);
    }
    const everyone: Json[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await api.call(
        'GET',
        `/v1/councils/north-dales/people?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { token: priya },
      );
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      everyone.push(...itemsOf(page.body));
      cursor = asJson(page.body).nextCursor as string | undefined;
      pages++;
    } while (cursor && pages < 50);
    const listed = everyone.map((p) => String(p.name).toLowerCase());
    expect([...listed].sort()).toEqual(listed);
    expect(everyone.map((p) => p.name)).toEqual(expect.arrayContaining(names));

    const z = await api.call('GET', '/v1/councils/north-dales/people?q=z&limit=2', { token: priya });
    expect(itemsOf(z.body).map((p) => p.name)).toEqual(['Zachary Quill', 'Zara Quill']);
    expect(itemsOf(z.body)[0]).toHaveProperty('dateOfBirth', '1950-01-01');
    const rest = await api.call(
      'GET',
      `/v1/councils/north-dales/people?q=z&limit=2&cursor=${encodeURIComponent(String(asJson(z.body).nextCursor))}`,
      { token: priya },
    );
    expect(itemsOf(rest.body).map((p) => p.name)).toEqual(['Zoe Quill']);
    expect(asJson(rest.body).nextCursor).toBeUndefined();
    // A cursor cut from the "z" search does not continue another search.
    const crossed = await api.call(
      'GET',
      `/v1/councils/north-dales/people?q=a&cursor=${encodeURIComponent(String(asJson(z.body).nextCursor))}`,
      { token: priya },
    );
    expect(crossed.status).toBe(400);
    expect(asJson(crossed.body).code).toBe('bad_cursor');

    // Finance posts deposits by name: names and districts, no dates of birth.
    const byFinance = await api.call('GET', '/v1/councils/north-dales/people?q=zo', { token: finance });
    expect(byFinance.status).toBe(200);
    expect(itemsOf(byFinance.body)).toEqual([expect.objectContaining({ name: 'Zoe Quill', outcode: 'HG1' })]);
    expect(itemsOf(byFinance.body)[0]).not.toHaveProperty('dateOfBirth');
    expect(
      (await api.call('GET', '/v1/councils/north-dales/people', { token: otherCareManager })).status,
    ).toBe(404);
  });
});

describe('the audit trail', () => {
  it('names who acted, and the chain verifies', async () => {
    const nadia = await api.tokenFor({
      userId: 'usr_named_cm',
      name: 'Nadia Khan',
      roles: ['care_manager'],
      councilId: 'north-dales',
    });
    const made = await api.call('POST', '/v1/people', {
      token: nadia,
      body: { name: 'Trail Person', dateOfBirth: '1950-01-01', postcode: 'HG1 2AB' },
    });
    const personId = String(asJson(made.body).personId);
    const trail = await api.call('GET', `/v1/audit/person/${personId}`, { token: auditor });
    expect(trail.status, JSON.stringify(trail.body)).toBe(200);
    expect(trail.body).toMatchObject({
      verified: true,
      actorNames: { usr_named_cm: 'Nadia Khan' },
      records: [
        expect.objectContaining({
          action: 'person.registered',
          actor: expect.objectContaining({ userId: 'usr_named_cm' }),
        }),
      ],
    });
  });
});
