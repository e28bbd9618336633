import type { IdentityDirectory } from '@carepool/domain';
import { describe, expect, it } from 'vitest';
import { createIdentityDirectory, readEnv } from './deps.ts';

const local: IdentityDirectory = {
  kind: 'local',
  send: async () => {},
  createSignIn: async () => {},
  disableSignIn: async () => {},
};

describe('createIdentityDirectory', () => {
  it('uses Cognito when the stack gave a user pool', () => {
    const env = readEnv({
      CAREPOOL_TABLE: 'carepool',
      CAREPOOL_USER_POOL_ID: 'eu-west-2_AbCdEf123',
      CAREPOOL_MAIL_FROM: 'no-reply@carepool.example.org',
    });

    expect(createIdentityDirectory(env, () => local).kind).toBe('cognito');
  });

  it('uses the local directory without one', () => {
    expect(createIdentityDirectory(readEnv({ CAREPOOL_TABLE: 'carepool' }), () => local)).toBe(local);
  });
});
