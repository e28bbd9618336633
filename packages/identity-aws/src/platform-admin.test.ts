import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoAccountStore } from '@carepool/db';
import { fixedClock } from '@carepool/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestTable } from '../../../test/support/dynamo.ts';
import { CognitoIdentityDirectory } from './cognito-directory.ts';
import { FakeAwsHttp, fakeClientConfig } from './fake-aws-http.ts';
import { createPlatformAdmin, type PlatformAdminDeps } from './platform-admin.ts';

let accounts: DynamoAccountStore;
let seq = 0;

beforeAll(async () => {
  const table = await createTestTable();
  accounts = new DynamoAccountStore(table.db, table.tableName, fixedClock('2026-12-02T09:00:00Z'));
});

function setUp() {
  const cognitoHttp = new FakeAwsHttp();
  const deps: PlatformAdminDeps = {
    accounts,
    identity: new CognitoIdentityDirectory({
      userPoolId: 'eu-west-2_AbCdEf123',
      mailFrom: undefined,
      cognito: new CognitoIdentityProviderClient(fakeClientConfig(cognitoHttp)),
      ses: new SESv2Client(fakeClientConfig(new FakeAwsHttp())),
    }),
    clock: fixedClock('2026-12-02T09:00:00Z'),
    newId: (prefix) => `${prefix}_bootstrap_${++seq}`,
  };
  return { deps, cognitoHttp };
}

describe('createPlatformAdmin', () => {
  it('writes a platform_admin user record, then creates their Cognito user under the same id', async () => {
    // Prepare
    const { deps, cognitoHttp } = setUp();
    const email = `Operator-${seq}@Carepool.example.org`;

    // Act
    const { user, created } = await createPlatformAdmin(deps, { email, name: ' Pat Operator ' });

    // Assess
    expect(created).toBe(true);
    expect(await accounts.getUser(user.userId)).toEqual({
      userId: user.userId,
      name: 'Pat Operator',
      roles: ['platform_admin'],
      status: 'active',
      email: email.toLowerCase(),
      createdAt: '2026-12-02T09:00:00.000Z',
      joinedBy: 'platform_bootstrap',
    });
    expect(user.councilId).toBeUndefined();
    expect(cognitoHttp.sent.map((r) => [r.target, r.body])).toEqual([
      [
        'AWSCognitoIdentityProviderService.AdminCreateUser',
        {
          UserPoolId: 'eu-west-2_AbCdEf123',
          Username: user.userId,
          UserAttributes: [
            { Name: 'email', Value: email.toLowerCase() },
            { Name: 'email_verified', Value: 'true' },
            { Name: 'name', Value: 'Pat Operator' },
          ],
          DesiredDeliveryMediums: ['EMAIL'],
        },
      ],
    ]);
  });

  it('can be run again for the same person: no second record, the sign-in made (again, harmlessly)', async () => {
    const first = setUp();
    const email = `again-${seq}@carepool.example.org`;
    const { user } = await createPlatformAdmin(first.deps, { email, name: 'Pat Operator' });
    const second = setUp();
    second.cognitoHttp.answer(
      FakeAwsHttp.error(400, 'UsernameExistsException', 'User account already exists'),
    );

    const again = await createPlatformAdmin(second.deps, {
      email: email.toUpperCase(),
      name: 'Pat Operator',
    });

    expect(again).toEqual({ user, created: false });
    expect(second.cognitoHttp.sent.map((r) => (r.body as { Username: string }).Username)).toEqual([
      user.userId,
    ]);
  });

  it('refuses an email that belongs to someone who is not a platform administrator, and changes nothing', async () => {
    const staff = {
      userId: `usr_staff_${++seq}`,
      name: 'Care Manager',
      roles: ['care_manager' as const],
      councilId: 'north-dales',
      status: 'active' as const,
      email: `cm-${seq}@north-dales.gov.uk`,
    };
    await accounts.write({ newUsers: [staff], audit: [] });
    const { deps, cognitoHttp } = setUp();

    await expect(createPlatformAdmin(deps, { email: staff.email, name: 'Sneaky' })).rejects.toThrow(
      /already belongs to another account/,
    );
    expect(await accounts.getUser(staff.userId)).toEqual(staff);
    expect(cognitoHttp.sent).toEqual([]);
  });

  it('refuses a missing or malformed email or name before writing anything', async () => {
    const { deps, cognitoHttp } = setUp();

    await expect(createPlatformAdmin(deps, { email: 'not-an-email', name: 'Pat' })).rejects.toThrow(
      /--email/,
    );
    await expect(createPlatformAdmin(deps, { email: 'pat@example.org', name: '  ' })).rejects.toThrow(
      /--name/,
    );
    expect(await accounts.userIdByEmail('pat@example.org')).toBeUndefined();
    expect(cognitoHttp.sent).toEqual([]);
  });
});
