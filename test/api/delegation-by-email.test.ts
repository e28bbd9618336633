import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiftableClock } from '../support/clock.ts';
import { brokerProfile } from '../support/fixtures.ts';
import { startTestApi, type TestApi } from '../support/runtime.ts';

/**
 * A holder lets someone act for them by name and email address, through the local runtime and
 * DynamoDB Local. The answer never says whether an account uses the address: the grant waits for
 * it, and becomes a delegation when someone signs in with that address (an existing account at its
 * next sign-in, or a new one made by signing up or from the emailed link).
 */
type Json = Record<string, unknown>;
const asJson = (body: unknown) => body as Json;

let api: TestApi;
const clock = shiftableClock();
let priya: string; // care manager, north-dales
const dayMs = 24 * 3600 * 1000;

async function call(method: string, path: string, token: string | undefined, body?: unknown) {
  return api.call(method, path, { ...(token ? { token } : {}), ...(body === undefined ? {} : { body }) });
}

async function ok(method: string, path: string, token: string | undefined, body?: unknown): Promise<Json> {
  const response = await call(method, path, token, body);
  expect(response.status, `${method} ${path}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
  return asJson(response.body);
}

let holders = 0;
async function holder(councilId = 'north-dales', manager = priya) {
  holders += 1;
  const person = await ok('POST', '/v1/people', manager, {
    name: `Jean Barker ${holders}`,
    dateOfBirth: '1948-02-14',
    postcode: councilId === 'north-dales' ? 'HG4 1AA' : 'YO17 7AB',
  });
  const personId = String(person.personId);
  const token = await api.tokenFor({ userId: `usr_${personId}`, roles: ['holder'], councilId, personId });
  return { personId, token, name: String(person.name) };
}

/** Signs up as a provider (the one kind of account anyone may make), as the local sign-up page does. */
async function signUp(name: string, email: string, role = 'provider'): Promise<string> {
  return String((await ok('POST', '/v1/dev/sign-up', undefined, { name, email, role })).userId);
}

/** Signs in as the local "Sign in as" page does: this is what claims access waiting for the address. */
async function signIn(userId: string): Promise<string> {
  return String((await ok('POST', '/v1/dev/token', undefined, { userId })).token);
}

async function messagesTo(email: string): Promise<Json[]> {
  return ((await ok('GET', '/v1/dev/messages', undefined)).items as Json[]).filter((m) => m.to === email);
}

const grant = (email: string, extra: Json = {}) => ({
  name: 'Kasia Nowak',
  email,
  relationship: 'Neighbour',
  scopes: ['plan:read', 'order:create'],
  ...extra,
});

/** The shape of an answer, with the values that name this particular grant taken out. */
function shapeOf(body: Json) {
  return Object.fromEntries(
    Object.entries(body)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, value]) => [
        key,
        ['invitationId', 'email', 'personId', 'invitedAt', 'expiresAt', 'invitedBy'].includes(key)
          ? typeof value
          : value,
      ]),
  );
}

beforeAll(async () => {
  api = await startTestApi({ clock });
  priya = await api.tokenFor({ userId: 'usr_priya', roles: ['care_manager'], councilId: 'north-dales' });
});
afterAll(async () => api?.close());

describe('letting someone act for you by email', () => {
  it('an existing account (any case of its address) gets access when it next signs in', async () => {
    const jean = await holder();
    const kasiaId = await signUp('Kasia Nowak', 'kasia.nowak@example.com');

    const granted = await call(
      'POST',
      `/v1/people/${jean.personId}/delegations`,
      jean.token,
      grant('  Kasia.Nowak@Example.COM '),
    );
    expect(granted.status).toBe(201);
    const body = asJson(granted.body);
    expect(body).toMatchObject({
      kind: 'representative',
      status: 'pending',
      email: 'kasia.nowak@example.com',
      name: 'Kasia Nowak',
      scopes: ['plan:read', 'order:create'],
    });
    expect(JSON.stringify(body)).not.toContain(kasiaId);
    // Nothing to act with until she signs in.
    const before = await api.tokenFor({ userId: kasiaId, roles: ['provider'] });
    expect((await call('GET', `/v1/people/${jean.personId}/plans`, before)).status).toBe(404);

    const kasia = await signIn(kasiaId);
    const me = await ok('GET', '/v1/me', kasia);
    expect(me.roles).toEqual(['provider', 'representative']);
    expect(me.actsFor).toEqual([
      { personId: jean.personId, name: jean.name, scopes: ['plan:read', 'order:create'] },
    ]);
    expect((await call('GET', `/v1/people/${jean.personId}/plans`, kasia)).status).toBe(200);
    const delegations = (await ok('GET', `/v1/people/${jean.personId}/delegations`, jean.token))
      .items as Json[];
    expect(delegations).toEqual([
      expect.objectContaining({
        userId: kasiaId,
        kind: 'representative',
        status: 'active',
        name: 'Kasia Nowak',
      }),
    ]);
    const invitations = (await ok('GET', `/v1/people/${jean.personId}/invitations`, jean.token))
      .items as Json[];
    expect(invitations.map((i) => [i.status, i.acceptedUserId])).toEqual([['accepted', kasiaId]]);

    // Signing in again claims nothing twice; taking access away works as for any delegation.
    await signIn(kasiaId);
    expect((await ok('GET', '/v1/me', kasia)).actsFor).toHaveLength(1);
    expect(
      (await call('DELETE', `/v1/people/${jean.personId}/delegations/${kasiaId}`, jean.token)).status,
    ).toBe(204);
    expect((await call('GET', `/v1/people/${jean.personId}/plans`, kasia)).status).toBe(404);
  });

  it('an address with no account waits, and whoever signs up with it later gets access', async () => {
    const jean = await holder();
    const granted = await call(
      'POST',
      `/v1/people/${jean.personId}/delegations`,
      jean.token,
      grant('tomasz@example.com'),
    );
    expect(granted.status).toBe(201);
    const [message] = await messagesTo('tomasz@example.com');
    expect(String(message?.text)).toContain('just sign in');
    expect(String(message?.link)).toContain('/invitations/');

    const tomaszId = await signUp('Tomasz', 'TOMASZ@example.com');
    const tomasz = await signIn(tomaszId);
    expect((await ok('GET', '/v1/me', tomasz)).actsFor).toEqual([
      expect.objectContaining({ personId: jean.personId, scopes: ['plan:read', 'order:create'] }),
    ]);
  });

  it('answers the same whether or not an account uses the address (no enumeration)', async () => {
    const jean = await holder();
    await signUp('Has Account', 'has.account@example.com');
    const taken = await call('POST', `/v1/people/${jean.personId}/delegations`, jean.token, {
      ...grant('has.account@example.com'),
      name: 'Someone',
    });
    const free = await call('POST', `/v1/people/${jean.personId}/delegations`, jean.token, {
      ...grant('nobody.here@example.com'),
      name: 'Someone',
    });
    expect(taken.status).toBe(201);
    expect(free.status).toBe(taken.status);
    expect(shapeOf(asJson(free.body))).toEqual(shapeOf(asJson(taken.body)));
    expect(free.headers.get('content-type')).toBe(taken.headers.get('content-type'));
    // The same email goes to each, and the holder's lists afterwards show both the same way.
    const [toTaken] = await messagesTo('has.account@example.com');
    const [toFree] = await messagesTo('nobody.here@example.com');
    const words = (m: Json | undefined) => String(m?.text).replace(/\/invitations\/\S+/, '');
    expect(words(toTaken)).toBe(words(toFree));
    const invitations = (await ok('GET', `/v1/people/${jean.personId}/invitations`, jean.token))
      .items as Json[];
    expect(invitations.map((i) => shapeOf(i))).toEqual([
      shapeOf(asJson(free.body)),
      shapeOf(asJson(taken.body)),
    ]);
    expect((await ok('GET', `/v1/people/${jean.personId}/delegations`, jean.token)).items).toEqual([]);
  });

  it("refuses another person's and another council's, and grants nothing there", async () => {
    const jean = await holder();
    const ruth = await holder();
    const valeManager = await api.tokenFor({
      userId: 'usr_vale_cm',
      roles: ['care_manager'],
      councilId: 'wolds-and-vale',
    });
    const someoneElse = await call(
      'POST',
      `/v1/people/${ruth.personId}/delegations`,
      jean.token,
      grant('mallory@example.com'),
    );
    expect(someoneElse.status).toBe(404);
    const otherCouncil = await call(
      'POST',
      `/v1/people/${jean.personId}/delegations`,
      valeManager,
      grant('mallory@example.com'),
    );
    expect(otherCouncil.status).toBe(403);
    // Her own care manager cannot grant it for her either: it is the holder's to give.
    expect(
      (await call('POST', `/v1/people/${jean.personId}/delegations`, priya, grant('mallory@example.com')))
        .status,
    ).toBe(403);
    expect(await messagesTo('mallory@example.com')).toEqual([]);
    const mallory = await signIn(await signUp('Mallory', 'mallory@example.com'));
    expect((await ok('GET', '/v1/me', mallory)).actsFor ?? []).toEqual([]);
    expect((await call('GET', `/v1/people/${ruth.personId}`, mallory)).status).toBe(404);
  });

  it('sent twice is one grant and one email; changed, the new terms replace the old', async () => {
    const jean = await holder();
    const first = asJson(
      (await call('POST', `/v1/people/${jean.personId}/delegations`, jean.token, grant('replay@example.com')))
        .body,
    );
    const again = await call(
      'POST',
      `/v1/people/${jean.personId}/delegations`,
      jean.token,
      grant('Replay@Example.com'),
    );
    expect(again.status).toBe(201);
    expect(asJson(again.body).invitationId).toBe(first.invitationId);
    expect(await messagesTo('replay@example.com')).toHaveLength(1);

    const changed = asJson(
      (
        await call(
          'POST',
          `/v1/people/${jean.personId}/delegations`,
          jean.token,
          grant('replay@example.com', { scopes: ['plan:read'] }),
        )
      ).body,
    );
    expect(changed.invitationId).not.toBe(first.invitationId);
    const invitations = (await ok('GET', `/v1/people/${jean.personId}/invitations`, jean.token))
      .items as Json[];
    expect(invitations.map((i) => [i.invitationId, i.status])).toEqual([
      [changed.invitationId, 'pending'],
      [first.invitationId, 'withdrawn'],
    ]);
    const replayer = await signIn(await signUp('Replayer', 'replay@example.com'));
    expect((await ok('GET', '/v1/me', replayer)).actsFor).toEqual([
      expect.objectContaining({ personId: jean.personId, scopes: ['plan:read'] }),
    ]);
  });

  it('two sign-ins at once claim it once', async () => {
    const jean = await holder();
    const userId = await signUp('Twice', 'twice@example.com');
    await ok('POST', `/v1/people/${jean.personId}/delegations`, jean.token, grant('twice@example.com'));
    const tokens = await Promise.all([signIn(userId), signIn(userId), signIn(userId)]);
    const [token] = tokens;
    expect((await ok('GET', '/v1/me', String(token))).actsFor).toHaveLength(1);
    const trail = await ok('GET', `/v1/audit/person/${jean.personId}`, priya);
    expect(trail.verified).toBe(true);
    const granted = (trail.records as Json[]).filter((r) => r.action === 'delegation.granted');
    expect(granted).toHaveLength(1);
  });

  it('waits a week at most, and never goes to a broker before their fee is published', async () => {
    const jean = await holder();
    const lateId = await signUp('Late', 'late@example.com');
    await ok('POST', `/v1/people/${jean.personId}/delegations`, jean.token, grant('late@example.com'));

    const brokerId = await signUp('Pat', 'pat.broker@example.com', 'broker');
    await ok('POST', `/v1/people/${jean.personId}/delegations`, jean.token, grant('pat.broker@example.com'));
    const pat = await signIn(brokerId);
    expect((await ok('GET', '/v1/me', pat)).actsFor ?? []).toEqual([]);
    // Once the fee is public, the next sign-in claims it: as a broker, so Jean sees the fee.
    await ok('POST', '/v1/providers', pat, brokerProfile);
    await signIn(brokerId);
    expect((await ok('GET', '/v1/me', pat)).actsFor).toHaveLength(1);
    const delegations = (await ok('GET', `/v1/people/${jean.personId}/delegations`, jean.token))
      .items as Json[];
    expect(delegations).toEqual([expect.objectContaining({ userId: brokerId, kind: 'broker' })]);

    clock.advance(8 * dayMs);
    const late = await signIn(lateId);
    expect((await ok('GET', '/v1/me', late)).actsFor ?? []).toEqual([]);
  });

  it('refuses your own address, a bad address and a past end date, field by field', async () => {
    const jean = await holder();
    const bad = await call('POST', `/v1/people/${jean.personId}/delegations`, jean.token, {
      ...grant('not an email'),
      scopes: [],
    });
    expect(bad.status).toBe(400);
    expect(((asJson(bad.body).errors as Json[]) ?? []).map((e) => e.field).sort()).toEqual([
      'email',
      'scopes',
    ]);
    const past = await call('POST', `/v1/people/${jean.personId}/delegations`, jean.token, {
      ...grant('past@example.com'),
      expiresAt: new Date(clock.now().getTime() - dayMs).toISOString(),
    });
    expect(past.status).toBe(400);
    const both = await call('POST', `/v1/people/${jean.personId}/delegations`, jean.token, {
      ...grant('both@example.com'),
      userId: 'usr_both',
      kind: 'representative',
    });
    expect(both.status).toBe(400);
  });
});
