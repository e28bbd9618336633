/**
 * The user pool triggers against our real account store on DynamoDB Local, fed events shaped like
 * the examples in the Cognito developer guide (pre sign-up; pre token generation, version 2).
 */
import { DynamoAccountStore, DynamoAlertStore, DynamoDirectoryStore, DynamoPeopleStore } from '@carepool/db';
import { fixedClock, type InvitationRecord, type UserRecord } from '@carepool/domain';
import type { PreSignUpTriggerEvent, PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestTable } from '../../../test/support/dynamo.ts';
import { preSignUp, preTokenGeneration, type TriggerDeps } from './triggers.ts';

let deps: TriggerDeps;
let people: DynamoPeopleStore;
let seq = 0;
/** A fresh username per test, so tests sharing the table never meet. */
const freshUserId = () => `usr_trigger_${++seq}_${Date.now().toString(36)}`;

beforeAll(async () => {
  const table = await createTestTable();
  const clock = fixedClock('2026-12-02T09:00:00Z');
  deps = {
    accounts: new DynamoAccountStore(table.db, table.tableName, clock),
    clock,
    seen: new DynamoAlertStore(table.db, table.tableName),
    brokers: new DynamoDirectoryStore(table.db, table.tableName, clock),
  };
  people = new DynamoPeopleStore(table.db, table.tableName, clock);
});

/** A holder's grant waiting for this address, as granting access by email stores it. */
async function waitingGrant(email: string): Promise<InvitationRecord> {
  const invitation: InvitationRecord = {
    invitationId: `inv_trigger_${++seq}`,
    kind: 'representative',
    councilId: 'north-dales',
    email,
    name: 'Kasia',
    roles: ['representative'],
    personId: `per_trigger_${seq}`,
    scopes: ['plan:read'],
    codeHash: '0'.repeat(64),
    status: 'pending',
    invitedBy: 'usr_holder',
    invitedAt: '2026-12-01T09:00:00.000Z',
    expiresAt: '2026-12-08T09:00:00.000Z',
    version: 1,
  };
  await deps.accounts.write({ invitations: [{ record: invitation, expectedVersion: 0 }], audit: [] });
  return invitation;
}

function signUpEvent(
  userName: string,
  options: {
    triggerSource?: PreSignUpTriggerEvent['triggerSource'];
    email?: string;
    name?: string;
    clientMetadata?: Record<string, string>;
    validationData?: Record<string, string>;
  } = {},
): PreSignUpTriggerEvent {
  return {
    version: '1',
    triggerSource: options.triggerSource ?? 'PreSignUp_SignUp',
    region: 'eu-west-2',
    userPoolId: 'eu-west-2_AbCdEf123',
    userName,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: '1example23456789' },
    request: {
      userAttributes: {
        email: options.email ?? `${userName}@example.org`,
        name: options.name ?? 'Dales Day Club',
      },
      ...(options.validationData ? { validationData: options.validationData } : {}),
      ...(options.clientMetadata === undefined
        ? { clientMetadata: { role: 'provider' } }
        : { clientMetadata: options.clientMetadata }),
    },
    response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
  } as PreSignUpTriggerEvent;
}

function tokenEvent(
  userName: string,
  attributes: Record<string, string> = {},
): PreTokenGenerationV2TriggerEvent {
  return {
    version: '2',
    triggerSource: 'TokenGeneration_HostedAuth',
    region: 'eu-west-2',
    userPoolId: 'eu-west-2_AbCdEf123',
    userName,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: '1example23456789' },
    request: {
      userAttributes: {
        sub: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
        'cognito:user_status': 'CONFIRMED',
        email_verified: 'true',
        email: 'someone@example.org',
        name: 'The name Cognito holds',
        ...attributes,
      },
      groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: undefined },
      scopes: ['openid', 'profile', 'email'],
    },
    response: { claimsAndScopeOverrideDetails: {} },
  } as PreTokenGenerationV2TriggerEvent;
}

async function seedUser(user: Partial<UserRecord> & Pick<UserRecord, 'roles'>): Promise<UserRecord> {
  const record: UserRecord = {
    userId: freshUserId(),
    name: 'Seeded Person',
    status: 'active',
    email: `${++seq}-seeded@example.org`,
    createdAt: '2026-12-01T09:00:00.000Z',
    joinedBy: 'invitation',
    ...user,
  };
  await deps.accounts.write({ newUsers: [record], audit: [] });
  return record;
}

describe('pre sign-up', () => {
  it('lets a provider sign themselves up, writing a user record with the provider role only', async () => {
    // Prepare
    const userId = freshUserId();

    // Act
    const answer = await preSignUp(deps, signUpEvent(userId, { email: ` Club-${userId}@Example.org ` }));

    // Assess: email verification still happens, and the record has nothing but the role.
    expect(answer.response).toEqual({
      autoConfirmUser: false,
      autoVerifyEmail: false,
      autoVerifyPhone: false,
    });
    const user = await deps.accounts.getUser(userId);
    expect(user).toEqual({
      userId,
      name: 'Dales Day Club',
      roles: ['provider'],
      status: 'active',
      email: `club-${userId.toLowerCase()}@example.org`,
      createdAt: '2026-12-02T09:00:00.000Z',
      joinedBy: 'self_sign_up',
    });
    expect(await deps.accounts.userIdByEmail(`club-${userId}@example.org`)).toBe(userId);
  });

  it('lets a broker sign up with the role in validationData', async () => {
    const userId = freshUserId();

    await preSignUp(deps, signUpEvent(userId, { clientMetadata: {}, validationData: { role: 'broker' } }));

    expect((await deps.accounts.getUser(userId))?.roles).toEqual(['broker']);
  });

  it.each([
    ['care_manager'],
    ['finance'],
    ['auditor'],
    ['council_admin'],
    ['platform_admin'],
    ['holder'],
    ['representative'],
    ['provider,care_manager'],
    [''],
  ])('refuses to let anyone sign themselves up as %j, and writes nothing', async (role) => {
    const userId = freshUserId();

    await expect(preSignUp(deps, signUpEvent(userId, { clientMetadata: { role } }))).rejects.toThrow(
      'You can sign up as a provider or a broker. Councils invite their staff and the people they support.',
    );
    expect(await deps.accounts.getUser(userId)).toBeUndefined();
  });

  it('refuses a sign-up that asks for no role', async () => {
    const userId = freshUserId();

    await expect(preSignUp(deps, signUpEvent(userId, { clientMetadata: {} }))).rejects.toThrow(
      /provider or a broker/,
    );
    expect(await deps.accounts.getUser(userId)).toBeUndefined();
  });

  it('takes nothing but the role from what the client sends: a council or person asked for is ignored', async () => {
    const userId = freshUserId();

    await preSignUp(
      deps,
      signUpEvent(userId, {
        clientMetadata: {
          role: 'provider',
          councilId: 'north-dales',
          personId: 'per_jean',
          roles: 'care_manager',
        },
        validationData: { role: 'care_manager', councilId: 'north-dales' },
      }),
    );

    const user = await deps.accounts.getUser(userId);
    expect(user?.roles).toEqual(['provider']);
    expect(user?.councilId).toBeUndefined();
    expect(user?.personId).toBeUndefined();
  });

  it.each([
    ['a username that is not a user id', 'jean@example.org'],
    ['a username without the usr_ prefix', 'prv_my_club'],
    ['a username with spaces', 'usr_my club'],
    ['a username that is too long', `usr_${'x'.repeat(61)}`],
  ])('refuses %s', async (_, userName) => {
    await expect(preSignUp(deps, signUpEvent(userName))).rejects.toThrow(/starts with usr_/);
  });

  it('refuses a username that is already taken by another account', async () => {
    const staff = await seedUser({ roles: ['care_manager'], councilId: 'north-dales' });

    await expect(preSignUp(deps, signUpEvent(staff.userId))).rejects.toThrow(
      'That username is taken: choose another.',
    );
    expect(await deps.accounts.getUser(staff.userId)).toEqual(staff);
  });

  it('lets the same sign-up through again if Cognito failed after the first attempt wrote the record', async () => {
    const userId = freshUserId();
    const event = () => signUpEvent(userId, { email: `${userId}@example.org` });
    await preSignUp(deps, event());

    await expect(preSignUp(deps, event())).resolves.toBeDefined();
    await expect(
      preSignUp(
        deps,
        signUpEvent(userId, { email: `${userId}@example.org`, clientMetadata: { role: 'broker' } }),
      ),
    ).rejects.toThrow(/username is taken/);
  });

  it('refuses an email address another account already uses', async () => {
    const staff = await seedUser({ roles: ['finance'], councilId: 'north-dales' });
    const userId = freshUserId();

    await expect(preSignUp(deps, signUpEvent(userId, { email: staff.email?.toUpperCase() }))).rejects.toThrow(
      'An account already uses this email address.',
    );
    expect(await deps.accounts.getUser(userId)).toBeUndefined();
  });

  it('refuses a sign-up without a name', async () => {
    await expect(preSignUp(deps, signUpEvent(freshUserId(), { name: '  ' }))).rejects.toThrow(
      /Enter your name/,
    );
  });

  it('lets users our own code creates with AdminCreateUser through, without writing anything', async () => {
    const userId = freshUserId();
    const event = signUpEvent(userId, { triggerSource: 'PreSignUp_AdminCreateUser', clientMetadata: {} });

    await expect(preSignUp(deps, event)).resolves.toBe(event);
    expect(await deps.accounts.getUser(userId)).toBeUndefined();
  });

  it('refuses sign-in through another identity provider', async () => {
    const event = signUpEvent('Google_1234567890', { triggerSource: 'PreSignUp_ExternalProvider' });

    await expect(preSignUp(deps, event)).rejects.toThrow(/email address and password/);
  });
});

describe('pre token generation', () => {
  it('notes the sign-in as the user last seen, at most once an hour', async () => {
    // Prepare: last seen two hours before the clock's now (09:00).
    const holder = await seedUser({
      name: 'Ada Holt',
      roles: ['holder'],
      councilId: 'north-dales',
      personId: 'per_ada',
    });
    await deps.seen?.noteSeen(holder.userId, new Date('2026-12-02T07:00:00Z'));

    // Act
    await preTokenGeneration(deps, tokenEvent(holder.userId));

    // Assess: noted now; a note within the hour after it changes nothing.
    expect((await deps.accounts.getUser(holder.userId))?.lastSeenAt).toBe('2026-12-02T09:00:00.000Z');
    await deps.seen?.noteSeen(holder.userId, new Date('2026-12-02T09:59:00Z'));
    expect((await deps.accounts.getUser(holder.userId))?.lastSeenAt).toBe('2026-12-02T09:00:00.000Z');
  });

  it("puts the record's roles, council, person and name into the token, whatever Cognito holds", async () => {
    // Prepare: Cognito's attributes say something else (another council, another person).
    const holder = await seedUser({
      name: 'Jean Marsh',
      roles: ['holder'],
      councilId: 'north-dales',
      personId: 'per_jean',
    });
    const event = tokenEvent(holder.userId, {
      'custom:councilId': 'south-vale',
      'custom:personId': 'per_other',
    });

    // Act
    const answer = await preTokenGeneration(deps, event);

    // Assess
    expect(answer.response).toEqual({
      claimsAndScopeOverrideDetails: {
        idTokenGeneration: {
          claimsToAddOrOverride: {
            name: 'Jean Marsh',
            'custom:councilId': 'north-dales',
            'custom:personId': 'per_jean',
          },
          claimsToSuppress: [],
        },
        groupOverrideDetails: { groupsToOverride: ['holder'], iamRolesToOverride: [] },
      },
    });
  });

  it('suppresses council and person claims the record does not have', async () => {
    const provider = await seedUser({
      name: 'Dales Day Club',
      roles: ['provider'],
      joinedBy: 'self_sign_up',
    });
    const event = tokenEvent(provider.userId, {
      'custom:councilId': 'north-dales',
      'custom:personId': 'per_jean',
    });

    const answer = await preTokenGeneration(deps, event);

    expect(answer.response.claimsAndScopeOverrideDetails).toEqual({
      idTokenGeneration: {
        claimsToAddOrOverride: { name: 'Dales Day Club' },
        claimsToSuppress: ['custom:councilId', 'custom:personId'],
      },
      groupOverrideDetails: { groupsToOverride: ['provider'], iamRolesToOverride: [] },
    });
  });

  it('replaces groups Cognito would have put in the token with the roles in our table', async () => {
    const finance = await seedUser({ roles: ['finance', 'auditor'], councilId: 'south-vale' });
    const event = tokenEvent(finance.userId);
    event.request.groupConfiguration.groupsToOverride = ['platform_admin', 'care_manager'];

    const answer = await preTokenGeneration(deps, event);

    expect(answer.response.claimsAndScopeOverrideDetails.groupOverrideDetails?.groupsToOverride).toEqual([
      'finance',
      'auditor',
    ]);
  });

  it('turns a grant waiting for the confirmed address into a delegation, and the role into the token', async () => {
    const provider = await seedUser({ roles: ['provider'] });
    const grant = await waitingGrant(provider.email ?? '');

    const answer = await preTokenGeneration(deps, tokenEvent(provider.userId));

    expect(answer.response.claimsAndScopeOverrideDetails.groupOverrideDetails?.groupsToOverride).toEqual([
      'provider',
      'representative',
    ]);
    expect(await people.delegationsHeldBy(provider.userId)).toEqual([
      expect.objectContaining({ personId: grant.personId, kind: 'representative', status: 'active' }),
    ]);
    expect(await deps.accounts.getInvitation(grant.invitationId)).toMatchObject({
      status: 'accepted',
      acceptedUserId: provider.userId,
    });
    expect(await deps.accounts.pendingDelegationInvitations(provider.email ?? '')).toEqual([]);
  });

  it('never lets a staff account claim one: it keeps waiting', async () => {
    const careManager = await seedUser({ roles: ['care_manager'], councilId: 'north-dales' });
    const grant = await waitingGrant(careManager.email ?? '');

    const answer = await preTokenGeneration(deps, tokenEvent(careManager.userId));

    expect(answer.response.claimsAndScopeOverrideDetails.groupOverrideDetails?.groupsToOverride).toEqual([
      'care_manager',
    ]);
    expect(await people.delegationsHeldBy(careManager.userId)).toEqual([]);
    expect((await deps.accounts.getInvitation(grant.invitationId))?.status).toBe('pending');
  });

  it('blocks the token for a user with no record (say, a Cognito user made by hand)', async () => {
    await expect(preTokenGeneration(deps, tokenEvent('usr_not_in_our_table'))).rejects.toThrow(
      /does not exist or was removed/,
    );
  });

  it('blocks the token for a removed user, at sign-in and on refresh', async () => {
    const removed = await seedUser({
      roles: ['care_manager'],
      councilId: 'north-dales',
      status: 'removed',
      removedAt: '2026-12-01T10:00:00.000Z',
      removedBy: 'usr_admin',
      removalReason: 'Left the council',
    });
    const refresh = {
      ...tokenEvent(removed.userId),
      triggerSource: 'TokenGeneration_RefreshTokens',
    } as const;

    await expect(preTokenGeneration(deps, tokenEvent(removed.userId))).rejects.toThrow(/removed/);
    await expect(preTokenGeneration(deps, refresh)).rejects.toThrow(/removed/);
  });

  it('refuses a version 1 event, whose response would be ignored', async () => {
    const provider = await seedUser({ roles: ['provider'] });

    await expect(preTokenGeneration(deps, { ...tokenEvent(provider.userId), version: '1' })).rejects.toThrow(
      /version 2/,
    );
  });
});
