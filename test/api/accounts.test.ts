import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiftableClock } from '../support/clock.ts';
import { microEnterprise, walkingGroup } from '../support/fixtures.ts';
import { startTestApi, type TestApi } from '../support/runtime.ts';

/**
 * Accounts made the way a deployment makes them: the operator adds a council and invites its
 * administrator; the administrator invites staff; a care manager invites a holder; the holder
 * invites a representative; providers sign up. Everyone then signs in (the local stand-in for
 * Cognito's hosted sign-in) and acts. Nobody here has a token made for them by the test.
 */
type Json = Record<string, unknown>;
const clock = shiftableClock();
let api: TestApi;
let operator: string;

const asJson = (body: unknown) => body as Json;

async function call(method: string, path: string, token: string | undefined, body?: unknown) {
  return api.call(method, path, { ...(token ? { token } : {}), ...(body === undefined ? {} : { body }) });
}

async function ok(method: string, path: string, token: string | undefined, body?: unknown): Promise<Json> {
  const response = await call(method, path, token, body);
  expect(response.status, `${method} ${path}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
  return asJson(response.body);
}

/** Signs in as a user, as the local "Sign in as" page does. */
async function signIn(userId: string): Promise<string> {
  return String((await ok('POST', '/v1/dev/token', undefined, { userId })).token);
}

/** The link in the newest message sent to this address: what the invitee would click. */
async function linkSentTo(email: string): Promise<{ invitationId: string; code: string }> {
  const messages = (await ok('GET', '/v1/dev/messages', undefined)).items as Json[];
  const message = messages.find((m) => m.to === email);
  expect(message, `a message to ${email}`).toBeDefined();
  const url = new URL(String(message?.link));
  const invitationId = url.pathname.split('/').pop() ?? '';
  return { invitationId, code: url.searchParams.get('code') ?? '' };
}

/** Accepts the invitation in the newest message to `email`, then signs in as the new account. */
async function acceptAndSignIn(email: string): Promise<{ token: string; user: Json }> {
  const { invitationId, code } = await linkSentTo(email);
  const accepted = await ok('POST', `/v1/invitations/${invitationId}/accept`, undefined, { code });
  const user = asJson(accepted.user);
  return { token: await signIn(String(user.userId)), user };
}

let vale: { admin: string; careManager: string; careManager2: string; finance: string };

beforeAll(async () => {
  api = await startTestApi({ clock });
  operator = await api.tokenFor({ userId: 'usr_operator', roles: ['platform_admin'] });
});
afterAll(async () => {
  await api?.close();
});

describe('councils and their staff', () => {
  it('the operator adds a council and invites its administrator, who invites staff', async () => {
    const council = await ok('POST', '/v1/councils', operator, {
      councilId: 'ryedale-moors',
      name: 'Ryedale Moors Council',
      districts: ['yo17', 'YO18', 'YO62'],
      fundingSchedule: { everyDays: 28 },
    });
    expect(council).toMatchObject({
      councilId: 'ryedale-moors',
      districts: ['YO17', 'YO18', 'YO62'],
      settings: { depositApprovalAbovePence: 1_000_000 },
      version: 1,
    });
    expect((await call('POST', '/v1/councils', operator, { ...council, version: undefined })).status).toBe(
      400,
    );
    const again = await call('POST', '/v1/councils', operator, {
      councilId: 'ryedale-moors',
      name: 'Again',
      districts: [],
      fundingSchedule: { everyDays: 28 },
    });
    expect(again.status).toBe(409);
    expect(asJson(again.body).code).toBe('council_exists');
    const unknown = await call('POST', '/v1/councils', operator, {
      councilId: 'nowhere',
      name: 'Nowhere',
      districts: ['ZZ99'],
      fundingSchedule: { everyDays: 28 },
    });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('districts.0');

    // The operator invites administrators only: staff are the council's own business.
    const staffByOperator = await call('POST', '/v1/councils/ryedale-moors/invitations', operator, {
      email: 'cm@ryedale.example',
      name: 'Chris',
      roles: ['care_manager'],
    });
    expect(staffByOperator.status).toBe(403);
    expect(asJson(staffByOperator.body).code).toBe('platform_invites_admins_only');

    const invitation = await ok('POST', '/v1/councils/ryedale-moors/invitations', operator, {
      email: 'Admin@Ryedale.example',
      name: 'Ada Admin',
      roles: ['council_admin'],
    });
    expect(invitation).toMatchObject({ status: 'pending', email: 'admin@ryedale.example', expired: false });
    expect(invitation).not.toHaveProperty('codeHash');
    const admin = await acceptAndSignIn('admin@ryedale.example');
    expect(admin.user).toMatchObject({
      roles: ['council_admin'],
      councilId: 'ryedale-moors',
      status: 'active',
    });

    const invite = async (email: string, name: string, roles: string[]) =>
      ok('POST', '/v1/councils/ryedale-moors/invitations', admin.token, { email, name, roles });
    await invite('cm1@ryedale.example', 'Cath One', ['care_manager']);
    await invite('cm2@ryedale.example', 'Colin Two', ['care_manager']);
    await invite('fin@ryedale.example', 'Fay Finance', ['finance']);
    const careManager = await acceptAndSignIn('cm1@ryedale.example');
    const careManager2 = await acceptAndSignIn('cm2@ryedale.example');
    const finance = await acceptAndSignIn('fin@ryedale.example');
    expect(asJson(await ok('GET', '/v1/me', careManager.token))).toMatchObject({
      roles: ['care_manager'],
      councilId: 'ryedale-moors',
      name: 'Cath One',
    });
    vale = {
      admin: admin.token,
      careManager: careManager.token,
      careManager2: careManager2.token,
      finance: finance.token,
    };

    const users = (await ok('GET', '/v1/councils/ryedale-moors/users', admin.token)).items as Json[];
    expect(users.map((u) => u.name)).toEqual(['Ada Admin', 'Cath One', 'Colin Two', 'Fay Finance']);
    const listed = (await ok('GET', '/v1/councils/ryedale-moors/invitations', admin.token)).items as Json[];
    expect(listed.filter((i) => i.status === 'accepted')).toHaveLength(4);
  });

  it('the administrator changes settings, and a stale version is refused', async () => {
    const council = await ok('GET', '/v1/councils/ryedale-moors', vale.admin);
    const changed = await ok('PATCH', '/v1/councils/ryedale-moors', vale.admin, {
      version: council.version,
      settings: { depositApprovalAbovePence: 500_000 },
    });
    expect(changed).toMatchObject({ version: 2, settings: { depositApprovalAbovePence: 500_000 } });
    const stale = await call('PATCH', '/v1/councils/ryedale-moors', vale.admin, {
      version: 1,
      name: 'Renamed',
    });
    expect(stale.status).toBe(409);
    expect(asJson(stale.body).code).toBe('council_changed');
    // Staff read their council; only the administrator changes it.
    expect((await call('GET', '/v1/councils/ryedale-moors', vale.careManager)).status).toBe(200);
    expect((await call('PATCH', '/v1/councils/ryedale-moors', vale.finance, { version: 2 })).status).toBe(
      403,
    );
  });

  it("keeps each council's accounts and invitations from the other's staff", async () => {
    const northAdmin = await api.tokenFor({
      userId: 'usr_nd_admin',
      roles: ['council_admin'],
      councilId: 'north-dales',
    });
    for (const path of [
      '/v1/councils/ryedale-moors',
      '/v1/councils/ryedale-moors/users',
      '/v1/councils/ryedale-moors/invitations',
    ]) {
      expect((await call('GET', path, northAdmin)).status, path).toBe(404);
    }
    const intoOther = await call('POST', '/v1/councils/ryedale-moors/invitations', northAdmin, {
      email: 'spy@example.com',
      name: 'Spy',
      roles: ['care_manager'],
    });
    expect(intoOther.status).toBe(404);
    // The operator runs councils, not casework: no listing of anyone's budget through it.
    expect((await call('GET', '/v1/councils', vale.admin)).status).toBe(403);
    expect(((await ok('GET', '/v1/councils', operator)).items as Json[]).map((c) => c.councilId)).toContain(
      'ryedale-moors',
    );
  });
});

describe('invitations', () => {
  it('a care manager invites a holder, who signs in and sees their own budget only', async () => {
    const person = await ok('POST', '/v1/people', vale.careManager, {
      name: 'Ruth Hartley',
      dateOfBirth: '1948-02-11',
      postcode: 'YO17 7AB',
    });
    const personId = String(person.personId);
    await ok('POST', `/v1/people/${personId}/invitations`, vale.careManager, {
      kind: 'holder',
      email: 'ruth@example.com',
    });
    const ruth = await acceptAndSignIn('ruth@example.com');
    expect(ruth.user).toMatchObject({ roles: ['holder'], personId, councilId: 'ryedale-moors' });
    expect(await ok('GET', '/v1/me', ruth.token)).toMatchObject({ personId, roles: ['holder'] });
    expect((await ok('GET', `/v1/people/${personId}`, ruth.token)).name).toBe('Ruth Hartley');
    // A second account for the same person cannot be made.
    const second = await call('POST', `/v1/people/${personId}/invitations`, vale.careManager, {
      kind: 'holder',
      email: 'ruth.other@example.com',
    });
    expect(second.status).toBe(409);
    expect(asJson(second.body).code).toBe('person_has_account');

    // She invites her son to act for her, with the scopes she chooses.
    await ok('POST', `/v1/people/${personId}/invitations`, ruth.token, {
      kind: 'representative',
      email: 'tom.hartley@example.com',
      name: 'Tom Hartley',
      relationship: 'Son',
      scopes: ['plan:read', 'order:create'],
    });
    const tom = await acceptAndSignIn('tom.hartley@example.com');
    expect(tom.user).toMatchObject({ roles: ['representative'] });
    expect(tom.user).not.toHaveProperty('councilId');
    const me = await ok('GET', '/v1/me', tom.token);
    expect(me.actsFor).toEqual([{ personId, name: 'Ruth Hartley', scopes: ['plan:read', 'order:create'] }]);
    expect((await call('GET', `/v1/people/${personId}/plans`, tom.token)).status).toBe(200);
    const delegations = (await ok('GET', `/v1/people/${personId}/delegations`, ruth.token)).items as Json[];
    expect(delegations).toEqual([
      expect.objectContaining({
        userId: tom.user.userId,
        kind: 'representative',
        status: 'active',
        relationship: 'Son',
      }),
    ]);
    const invitations = (await ok('GET', `/v1/people/${personId}/invitations`, ruth.token)).items as Json[];
    expect(invitations.map((i) => [i.kind, i.status])).toEqual([
      ['representative', 'accepted'],
      ['holder', 'accepted'],
    ]);

    // Someone else's budget is not there for her, her son, or the other council.
    const other = await ok('POST', '/v1/people', vale.careManager, {
      name: 'Someone Else',
      dateOfBirth: '1950-01-01',
      postcode: 'YO17 7AB',
    });
    for (const token of [ruth.token, tom.token]) {
      expect((await call('GET', `/v1/people/${String(other.personId)}`, token)).status).toBe(404);
    }
    const northManager = await api.tokenFor({
      userId: 'usr_nd_cm',
      roles: ['care_manager'],
      councilId: 'north-dales',
    });
    expect((await call('GET', `/v1/people/${personId}`, northManager)).status).toBe(404);
    expect(
      (
        await call('POST', `/v1/people/${personId}/invitations`, northManager, {
          kind: 'holder',
          email: 'x@example.com',
        })
      ).status,
    ).toBe(404);
  });

  it('works once, until it expires, unless withdrawn; the wrong code finds nothing', async () => {
    const invite = async (email: string) =>
      ok('POST', '/v1/councils/ryedale-moors/invitations', vale.admin, {
        email,
        name: 'New Starter',
        roles: ['auditor'],
      });

    await invite('once@ryedale.example');
    const once = await linkSentTo('once@ryedale.example');
    const wrong = await call('POST', `/v1/invitations/${once.invitationId}/accept`, undefined, {
      code: 'guess',
    });
    expect(wrong.status).toBe(404);
    expect((await call('GET', `/v1/invitations/${once.invitationId}?code=guess`, undefined)).status).toBe(
      404,
    );
    const opened = await ok('GET', `/v1/invitations/${once.invitationId}?code=${once.code}`, undefined);
    expect(opened).toMatchObject({ councilName: 'Ryedale Moors Council', roles: ['auditor'], usable: true });
    // Two tabs accept at once: one account is made.
    const both = await Promise.all([
      call('POST', `/v1/invitations/${once.invitationId}/accept`, undefined, { code: once.code }),
      call('POST', `/v1/invitations/${once.invitationId}/accept`, undefined, { code: once.code }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const reuse = await call('POST', `/v1/invitations/${once.invitationId}/accept`, undefined, {
      code: once.code,
    });
    expect(asJson(reuse.body).code).toBe('invitation_used');

    const withdrawnInvitation = await invite('withdrawn@ryedale.example');
    // Only whoever may manage it can withdraw it; for anyone else it does not exist.
    expect(
      (
        await call(
          'POST',
          `/v1/invitations/${String(withdrawnInvitation.invitationId)}/withdraw`,
          vale.finance,
        )
      ).status,
    ).toBe(404);
    expect(
      (await ok('POST', `/v1/invitations/${String(withdrawnInvitation.invitationId)}/withdraw`, vale.admin))
        .status,
    ).toBe('withdrawn');
    const withdrawn = await linkSentTo('withdrawn@ryedale.example');
    const late = await call('POST', `/v1/invitations/${withdrawn.invitationId}/accept`, undefined, {
      code: withdrawn.code,
    });
    expect(late.status).toBe(409);
    expect(asJson(late.body).code).toBe('invitation_withdrawn');

    await invite('slow@ryedale.example');
    const slow = await linkSentTo('slow@ryedale.example');
    clock.advance(8 * 24 * 3600 * 1000);
    const expired = await call('POST', `/v1/invitations/${slow.invitationId}/accept`, undefined, {
      code: slow.code,
    });
    expect(expired.status).toBe(409);
    expect(asJson(expired.body).code).toBe('invitation_expired');
    const list = (await ok('GET', '/v1/councils/ryedale-moors/invitations', vale.admin)).items as Json[];
    expect(list.find((i) => i.invitationId === slow.invitationId)).toMatchObject({
      status: 'pending',
      expired: true,
    });
  });

  it('nobody chooses their own role, council or person', async () => {
    await ok('POST', '/v1/councils/ryedale-moors/invitations', vale.admin, {
      email: 'sneaky@ryedale.example',
      name: 'Sneaky',
      roles: ['finance'],
    });
    const sneaky = await linkSentTo('sneaky@ryedale.example');
    const withExtras = await call('POST', `/v1/invitations/${sneaky.invitationId}/accept`, undefined, {
      code: sneaky.code,
      roles: ['council_admin'],
      councilId: 'north-dales',
    });
    expect(withExtras.status).toBe(400);
    const accepted = await ok('POST', `/v1/invitations/${sneaky.invitationId}/accept`, undefined, {
      code: sneaky.code,
    });
    const token = await signIn(String(asJson(accepted.user).userId));
    const rename = await call('PATCH', '/v1/me', token, { name: 'Sneaky', roles: ['council_admin'] });
    expect(rename.status).toBe(400);
    expect(await ok('PATCH', '/v1/me', token, { name: 'Sam Sneaky' })).toMatchObject({
      name: 'Sam Sneaky',
      roles: ['finance'],
    });
    // Staff roles only through a council's administrator: care managers cannot invite staff.
    const byCareManager = await call('POST', '/v1/councils/ryedale-moors/invitations', vale.careManager, {
      email: 'friend@example.com',
      name: 'Friend',
      roles: ['finance'],
    });
    expect(byCareManager.status).toBe(403);
    // Holders' invitations carry no roles to choose, and an unknown kind is refused.
    const badKind = await call('POST', '/v1/councils/ryedale-moors/invitations', vale.admin, {
      email: 'p@example.com',
      name: 'P',
      roles: ['platform_admin'],
    });
    expect(badKind.status).toBe(400);
    // One account per email address.
    const taken = await call('POST', '/v1/councils/ryedale-moors/invitations', vale.admin, {
      email: 'cm1@ryedale.example',
      name: 'Again',
      roles: ['auditor'],
    });
    expect(taken.status).toBe(409);
    expect(asJson(taken.body).code).toBe('email_in_use');
  });
});

describe('sign-up and removal', () => {
  it('a provider signs up, registers, waits as pending and is verified', async () => {
    const staff = await call('POST', '/v1/dev/sign-up', undefined, {
      name: 'Mallory',
      email: 'mallory@example.com',
      role: 'care_manager',
    });
    expect(staff.status).toBe(400);
    const withCouncil = await call('POST', '/v1/dev/sign-up', undefined, {
      name: 'Mallory',
      email: 'mallory@example.com',
      role: 'provider',
      councilId: 'ryedale-moors',
    });
    expect(withCouncil.status).toBe(400);

    // An address that already has an account cannot make a second one.
    const taken = await call('POST', '/v1/dev/sign-up', undefined, {
      name: 'Someone',
      email: 'cm1@ryedale.example',
      role: 'provider',
    });
    expect(taken.status).toBe(409);
    expect(asJson(taken.body).code).toBe('email_in_use');

    const user = await ok('POST', '/v1/dev/sign-up', undefined, {
      name: 'Dee Walker',
      email: 'dee@walks.example',
      role: 'provider',
    });
    expect(user).toMatchObject({ roles: ['provider'], joinedBy: 'self_sign_up', status: 'active' });
    expect(user).not.toHaveProperty('councilId');
    const demoUsers = (await ok('GET', '/v1/dev/users', undefined)).items as Json[];
    expect(demoUsers.map((u) => u.userId)).toContain(user.userId);
    const dee = await signIn(String(user.userId));
    const provider = await ok('POST', '/v1/providers', dee, { ...microEnterprise, name: 'Dee Walks' });
    expect(provider.status).toBe('pending');
    await ok('POST', `/v1/providers/${String(provider.providerId)}/verify`, vale.careManager, {
      status: 'verified',
      reason: 'Insurance and DBS seen',
    });
    const listing = await ok(
      'POST',
      `/v1/providers/${String(provider.providerId)}/listings`,
      dee,
      walkingGroup,
    );
    expect(listing.listingId).toBeDefined();
    // A provider is not council staff, whatever it tries.
    expect((await call('GET', '/v1/councils/ryedale-moors', dee)).status).toBe(404);
    expect(
      (await call('POST', '/v1/people', dee, { name: 'X', dateOfBirth: '1950-01-01', postcode: 'YO17 7AB' }))
        .status,
    ).toBe(403);
  });

  it('removing someone ends their access at once, tokens they already hold included', async () => {
    const users = (await ok('GET', '/v1/councils/ryedale-moors/users', vale.admin)).items as Json[];
    const colin = users.find((u) => u.name === 'Colin Two');
    const colinId = String(colin?.userId);
    expect((await call('GET', '/v1/me', vale.careManager2)).status).toBe(200);

    const northAdmin = await api.tokenFor({
      userId: 'usr_nd_admin',
      roles: ['council_admin'],
      councilId: 'north-dales',
    });
    expect(
      (await call('POST', `/v1/users/${colinId}/remove`, northAdmin, { reason: 'Not ours' })).status,
    ).toBe(404);
    const adminId = String((await ok('GET', '/v1/me', vale.admin)).userId);
    const self = await call('POST', `/v1/users/${adminId}/remove`, vale.admin, { reason: 'Leaving' });
    expect(self.status).toBe(403);
    expect(asJson(self.body).code).toBe('own_account');

    const removed = await ok('POST', `/v1/users/${colinId}/remove`, vale.admin, {
      reason: 'Left the council',
    });
    expect(removed).toMatchObject({ status: 'removed', removalReason: 'Left the council' });
    const refused = await call('GET', '/v1/me', vale.careManager2);
    expect(refused.status).toBe(401);
    expect(asJson(refused.body).code).toBe('account_not_active');
    expect((await call('POST', '/v1/dev/token', undefined, { userId: colinId })).status).toBe(409);
    const twice = await call('POST', `/v1/users/${colinId}/remove`, vale.admin, { reason: 'Again' });
    expect(asJson(twice.body).code).toBe('already_removed');
    const trail = await ok('GET', `/v1/audit/user/${colinId}`, vale.careManager);
    expect((trail.records as Json[]).map((r) => r.action)).toEqual(['user.joined', 'user.removed']);
  });
});
