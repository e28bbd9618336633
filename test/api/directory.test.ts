import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey } from '../../packages/local/src/jwt.ts';
import { writeCommandNames } from '../support/dynamo.ts';
import { brokerProfile, microEnterprise, walkingGroup } from '../support/fixtures.ts';
import { startTestApi, type TestApi } from '../support/runtime.ts';

type Json = Record<string, unknown>;
const asJson = (body: unknown) => body as Json;
const fieldsOf = (body: unknown) =>
  ((body as { errors?: Array<{ field: string }> }).errors ?? []).map((e) => e.field);

let api: TestApi;
let alice: string; // provider
let bob: string; // another provider
let carol: string; // care manager
let holder: string;
let broker: string;
const commands: string[] = [];

beforeAll(async () => {
  api = await startTestApi({ observe: (name) => commands.push(name) });
  alice = await api.tokenFor({ userId: 'usr_alice', roles: ['provider'] });
  bob = await api.tokenFor({ userId: 'usr_bob', roles: ['provider'] });
  carol = await api.tokenFor({ userId: 'usr_carol', roles: ['care_manager'], councilId: 'north-dales' });
  holder = await api.tokenFor({
    userId: 'usr_hana',
    roles: ['holder'],
    councilId: 'north-dales',
    personId: 'per_1',
  });
  broker = await api.tokenFor({ userId: 'usr_pat', roles: ['broker'] });
});
afterAll(async () => api?.close());

async function registerProvider(token: string, body: Json = microEnterprise): Promise<Json> {
  const response = await api.call('POST', '/v1/providers', { token, body });
  expect(response.status).toBe(201);
  return asJson(response.body);
}

async function addListing(token: string, providerId: string, body: Json = walkingGroup): Promise<Json> {
  const response = await api.call('POST', `/v1/providers/${providerId}/listings`, { token, body });
  expect(response.status).toBe(201);
  return asJson(response.body);
}

describe('provider registration', () => {
  it('registers a micro-enterprise as pending, unpaid, with its district, and never shows the owner', async () => {
    const provider = await registerProvider(alice);
    expect(provider).toMatchObject({
      kind: 'micro_enterprise',
      status: 'pending',
      canBePaid: false,
      outcode: 'HG1',
      version: 1,
    });
    expect(provider.providerId).toMatch(/^prv_/);
    expect(JSON.stringify(provider)).not.toContain('usr_alice');
  });

  it('registers a broker with a disclosed fee, but only from a broker account', async () => {
    expect((await api.call('POST', '/v1/providers', { token: alice, body: brokerProfile })).status).toBe(403);
    const registered = await registerProvider(broker, brokerProfile);
    expect(registered.broker).toEqual(brokerProfile.broker);
  });

  it('refuses a broker who does not disclose their fee, naming the field', async () => {
    const { broker: _omitted, ...undisclosed } = brokerProfile;
    const response = await api.call('POST', '/v1/providers', { token: broker, body: undisclosed });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(fieldsOf(response.body)).toEqual(['broker']);
  });

  it('refuses a budget holder registering as a provider', async () => {
    const response = await api.call('POST', '/v1/providers', { token: holder, body: microEnterprise });
    expect(response.status).toBe(403);
    expect(asJson(response.body).code).toBe('role_not_allowed');
  });

  it('answers bad input with a 400 problem naming each field, and writes nothing', async () => {
    const before = commands.filter((c) => writeCommandNames.has(c)).length;
    const response = await api.call('POST', '/v1/providers', {
      token: alice,
      body: {
        ...microEnterprise,
        kind: 'charity shop',
        name: 'x'.repeat(500),
        serviceArea: { postcode: 'ZZ', radiusKm: -3 },
        contact: { email: 'not-an-email' },
      },
    });
    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toEqual(
      expect.arrayContaining(['kind', 'name', 'serviceArea.radiusKm', 'contact.email']),
    );
    expect(commands.filter((c) => writeCommandNames.has(c)).length).toBe(before);
  });

  it('refuses a postcode we do not know, naming the field', async () => {
    const response = await api.call('POST', '/v1/providers', {
      token: alice,
      body: { ...microEnterprise, serviceArea: { postcode: 'ZZ9 9ZZ', radiusKm: 5 } },
    });
    expect(response.status).toBe(400);
    expect(asJson(response.body).errors).toEqual([
      expect.objectContaining({ field: 'serviceArea.postcode', code: 'unknown_postcode' }),
    ]);
  });

  it('says clearly when the body is not JSON', async () => {
    const malformed = await api.call('POST', '/v1/providers', {
      token: alice,
      body: '{"kind": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(asJson(malformed.body).code).toBe('malformed_json');
    const wrongType = await api.call('POST', '/v1/providers', {
      token: alice,
      body: 'kind=broker',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(wrongType.status).toBe(415);
  });
});

describe('tokens', () => {
  it('refuses a missing, expired, tampered or foreign-signed token with 401', async () => {
    const expired = await api.tokenFor(
      { userId: 'usr_alice', roles: ['provider'] },
      { expiresInSeconds: -60 },
    );
    const foreign = await api.tokenFor(
      { userId: 'usr_alice', roles: ['provider'] },
      { key: await generateSigningKey() },
    );
    const [header, payload, signature] = alice.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()),
        'cognito:groups': ['finance'],
      }),
    ).toString('base64url');
    const tampered = `${header}.${forgedPayload}.${signature}`;
    for (const token of [undefined, expired, foreign, tampered, 'not.a.token']) {
      const response = await api.call('POST', '/v1/providers', {
        ...(token ? { token } : {}),
        body: microEnterprise,
      });
      expect(response.status).toBe(401);
      expect(asJson(response.body).code).toBe('unauthenticated');
    }
  });

  it('tells the caller who they are', async () => {
    const response = await api.call('GET', '/v1/me', { token: carol });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      userId: 'usr_carol',
      roles: ['care_manager'],
      councilId: 'north-dales',
    });
  });
});

describe('changing a provider', () => {
  it('lets the owner change their profile and bumps the version', async () => {
    const provider = await registerProvider(alice);
    const response = await api.call('PATCH', `/v1/providers/${provider.providerId}`, {
      token: alice,
      body: { description: 'Now with Saturday walks.' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      description: 'Now with Saturday walks.',
      version: 2,
      name: microEnterprise.name,
    });
  });

  it('answers 404 to anyone else, as if it did not exist', async () => {
    const provider = await registerProvider(alice);
    const response = await api.call('PATCH', `/v1/providers/${provider.providerId}`, {
      token: bob,
      body: { name: 'Mine now' },
    });
    expect(response.status).toBe(404);
    const missing = await api.call('PATCH', '/v1/providers/prv_does_not_exist', {
      token: bob,
      body: { name: 'x' },
    });
    expect(response.body).toMatchObject({ code: asJson(missing.body).code, status: 404 });
    expect((await api.call('GET', `/v1/providers/${provider.providerId}`)).body).toMatchObject({
      name: microEnterprise.name,
    });
  });

  it('refuses changing the kind or sending unknown fields', async () => {
    const provider = await registerProvider(alice);
    const response = await api.call('PATCH', `/v1/providers/${provider.providerId}`, {
      token: alice,
      body: { kind: 'organisation', colour: 'blue' },
    });
    expect(response.status).toBe(400);
    // Each unknown field is named on its own, so a form can point at every one.
    expect(fieldsOf(response.body)).toEqual(['kind', 'colour']);
  });

  it('lets a care manager verify and later suspend, with reasons; providers cannot verify themselves', async () => {
    const provider = await registerProvider(alice);
    const path = `/v1/providers/${provider.providerId}/verify`;
    expect(
      (await api.call('POST', path, { token: alice, body: { status: 'verified', reason: 'Me' } })).status,
    ).toBe(403);
    const verified = await api.call('POST', path, {
      token: carol,
      body: { status: 'verified', reason: 'DBS and insurance seen' },
    });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({
      status: 'verified',
      canBePaid: true,
      statusReason: 'DBS and insurance seen',
    });
    const again = await api.call('POST', path, {
      token: carol,
      body: { status: 'verified', reason: 'again' },
    });
    expect(again.status).toBe(409);
    expect(asJson(again.body).code).toBe('invalid_transition');
    const suspended = await api.call('POST', path, {
      token: carol,
      body: { status: 'suspended', reason: 'Insurance lapsed' },
    });
    expect(suspended.body).toMatchObject({ status: 'suspended', canBePaid: false });
  });
});

describe('a verified provider that changes what it was verified on', () => {
  it('goes back to pending, labelled on its listings, until a care manager checks the changes again', async () => {
    const provider = await registerProvider(alice, { ...microEnterprise, name: 'Otter Outings' });
    const providerId = String(provider.providerId);
    const listing = await addListing(alice, providerId, { ...walkingGroup, title: 'Otter spotting' });
    const verify = () =>
      api.call('POST', `/v1/providers/${providerId}/verify`, {
        token: carol,
        body: { status: 'verified', reason: 'DBS and insurance seen' },
      });
    expect((await verify()).status).toBe(200);

    // Words and contact details are not what the council checked: still verified.
    const small = await api.call('PATCH', `/v1/providers/${providerId}`, {
      token: alice,
      body: { description: 'Now with Sunday walks.', contact: { email: 'new@example.org' } },
    });
    expect(small.body).toMatchObject({ status: 'verified', canBePaid: true });
    expect(asJson(small.body).changedSinceCheck).toBeUndefined();

    const changed = await api.call('PATCH', `/v1/providers/${providerId}`, {
      token: alice,
      body: {
        name: 'Otter Outings and Care',
        evidence: { ...microEnterprise.evidence, dbsCheck: { level: 'none' } },
        categories: ['day_and_community', 'personal_care'],
        serviceArea: { postcode: 'YO7 1AA', radiusKm: 15 },
      },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({
      status: 'pending',
      canBePaid: false,
      changedSinceCheck: ['name', 'evidence.dbsCheck', 'regulatedCategories', 'serviceArea'],
    });
    // The listing stays up, labelled as not verified.
    const shown = asJson((await api.call('GET', `/v1/listings/${listing.listingId}`)).body);
    expect(shown.provider).toMatchObject({
      status: 'pending',
      verified: false,
      name: 'Otter Outings and Care',
    });
    // The care manager sees what to look at again.
    const seen = asJson((await api.call('GET', `/v1/providers/${providerId}`, { token: carol })).body);
    expect(seen.changedSinceCheck).toEqual([
      'name',
      'evidence.dbsCheck',
      'regulatedCategories',
      'serviceArea',
    ]);

    const rechecked = await verify();
    expect(rechecked.body).toMatchObject({ status: 'verified', canBePaid: true });
    expect(asJson(rechecked.body).changedSinceCheck).toBeUndefined();
  });
});

describe('checking a provider again', () => {
  it('refuses a decision about details the provider changed after the care manager opened them', async () => {
    const provider = await registerProvider(alice, { ...microEnterprise, name: 'Heron Help' });
    const providerId = String(provider.providerId);
    const opened = Number(provider.version);
    await api.call('PATCH', `/v1/providers/${providerId}`, {
      token: alice,
      body: { evidence: { ...microEnterprise.evidence, dbsCheck: { level: 'none' } } },
    });
    const stale = await api.call('POST', `/v1/providers/${providerId}/verify`, {
      token: carol,
      body: { status: 'verified', reason: 'Evidence seen', version: opened },
    });
    expect(stale.status).toBe(409);
    expect(asJson(stale.body).code).toBe('provider_changed');
    expect((await api.call('GET', `/v1/providers/${providerId}`)).body).toMatchObject({ status: 'pending' });
    const fresh = await api.call('POST', `/v1/providers/${providerId}/verify`, {
      token: carol,
      body: { status: 'verified', reason: 'No DBS needed for this work', version: opened + 1 },
    });
    expect(fresh.body).toMatchObject({ status: 'verified' });
  });
});

describe('listings', () => {
  it('adds a listing with tiers, council rate and parity, under the provider', async () => {
    const provider = await registerProvider(alice);
    const listing = await addListing(alice, String(provider.providerId));
    expect(listing).toMatchObject({
      title: walkingGroup.title,
      groupFriendly: true,
      priceParity: 'same_as_council',
      outcode: 'HG1',
      provider: { providerId: provider.providerId, verified: false, status: 'pending' },
    });
    const listed = await api.call('GET', `/v1/providers/${provider.providerId}/listings`);
    expect(asJson(listed.body).items).toHaveLength(1);
  });

  it("refuses adding to someone else's provider with 404 and writes nothing", async () => {
    const provider = await registerProvider(alice);
    const response = await api.call('POST', `/v1/providers/${provider.providerId}/listings`, {
      token: bob,
      body: walkingGroup,
    });
    expect(response.status).toBe(404);
    expect(
      asJson((await api.call('GET', `/v1/providers/${provider.providerId}/listings`)).body).items,
    ).toHaveLength(0);
  });

  it('names each bad field: unknown category, fractional pence, tiers that rise, oversize title', async () => {
    const provider = await registerProvider(alice);
    const path = `/v1/providers/${provider.providerId}/listings`;
    const cases: Array<[Json, string]> = [
      [{ ...walkingGroup, category: 'spa_days' }, 'category'],
      [{ ...walkingGroup, pricePence: 18.5 }, 'pricePence'],
      [{ ...walkingGroup, pricePence: -100 }, 'pricePence'],
      [{ ...walkingGroup, title: 't'.repeat(121) }, 'title'],
      [
        { ...walkingGroup, availability: [{ day: 'someday', from: '10:00', to: '09:00' }] },
        'availability.0.day',
      ],
      [
        {
          ...walkingGroup,
          groupTiers: [
            { minParticipants: 3, pricePerPersonPence: 1500 },
            { minParticipants: 6, pricePerPersonPence: 1600 },
          ],
        },
        'groupTiers.1.pricePerPersonPence',
      ],
      [{ ...walkingGroup, where: { mode: 'venue', postcode: 'QQ1 1QQ' } }, 'where.postcode'],
    ];
    for (const [body, field] of cases) {
      const response = await api.call('POST', path, { token: alice, body });
      expect(response.status, `expected 400 for ${field}`).toBe(400);
      expect(fieldsOf(response.body)).toContain(field);
    }
    expect(asJson((await api.call('GET', path)).body).items).toHaveLength(0);
  });

  it('lets the owner withdraw a listing, which then leaves search', async () => {
    const provider = await registerProvider(alice);
    const listing = await addListing(alice, String(provider.providerId), {
      ...walkingGroup,
      title: 'Heron watching',
    });
    const found = await api.call('GET', '/v1/listings?near=HG1&q=heron');
    expect(asJson(found.body).items).toHaveLength(1);
    expect(
      (
        await api.call('PATCH', `/v1/listings/${listing.listingId}`, {
          token: bob,
          body: { status: 'withdrawn' },
        })
      ).status,
    ).toBe(404);
    const withdrawn = await api.call('PATCH', `/v1/listings/${listing.listingId}`, {
      token: alice,
      body: { status: 'withdrawn' },
    });
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', version: 2 });
    expect(asJson((await api.call('GET', '/v1/listings?near=HG1&q=heron')).body).items).toHaveLength(0);
  });

  it('shows the verified badge on listings once the provider is verified', async () => {
    const provider = await registerProvider(alice, { ...microEnterprise, name: 'Kingfisher Crafts' });
    await addListing(alice, String(provider.providerId), { ...walkingGroup, title: 'Willow weaving' });
    await api.call('POST', `/v1/providers/${provider.providerId}/verify`, {
      token: carol,
      body: { status: 'verified', reason: 'Checked' },
    });
    const found = asJson((await api.call('GET', '/v1/listings?near=HG1&q=willow')).body).items as Json[];
    expect(found[0]?.provider).toMatchObject({ verified: true, name: 'Kingfisher Crafts' });
  });
});

describe('idempotency', () => {
  it('replays the first answer for a retried registration, and refuses the key with a different body', async () => {
    const headers = { 'idempotency-key': 'register-once-1' };
    const first = await api.call('POST', '/v1/providers', { token: alice, body: microEnterprise, headers });
    const retry = await api.call('POST', '/v1/providers', { token: alice, body: microEnterprise, headers });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(asJson(retry.body).providerId).toBe(asJson(first.body).providerId);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const different = await api.call('POST', '/v1/providers', {
      token: alice,
      body: { ...microEnterprise, name: 'Another' },
      headers,
    });
    expect(different.status).toBe(409);
    expect(asJson(different.body).code).toBe('idempotency_key_reused');
  });
});

describe('the API itself', () => {
  it('answers an unknown route with a 404 problem', async () => {
    const response = await api.call('GET', '/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('publishes an OpenAPI 3.1 document with every route', async () => {
    const response = await api.call('GET', '/v1/openapi.json');
    const doc = asJson(response.body);
    expect(doc.openapi).toBe('3.1.0');
    const paths = doc.paths as Record<string, Record<string, Json>>;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining(['/v1/listings', '/v1/providers/{id}/verify', '/v1/dev/token']),
    );
    expect(paths['/v1/providers']?.post?.security).toEqual([{ bearerAuth: [] }]);
  });

  it('says which payment rail moves the money, and whether a provider can be paid out yet', async () => {
    expect(asJson((await api.call('GET', '/v1/me', { token: alice })).body).paymentRail).toBe('simulated');
    const provider = await registerProvider(alice);
    expect(provider.payoutsEnabled).toBe(false);
  });

  it('tells the web app to use the local demo sign-in when no Cognito domain is configured', async () => {
    expect((await api.call('GET', '/v1/auth/config')).body).toEqual({ mode: 'local_demo' });
  });

  it('lists the categories in plain English', async () => {
    const response = await api.call('GET', '/v1/categories');
    expect(asJson(response.body).items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'short_breaks', label: 'Short breaks and respite' }),
      ]),
    );
  });
});
