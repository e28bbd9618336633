import {
  type AccountStore,
  type Actor,
  auditEntry,
  type Clock,
  type IdentityDirectory,
  isActiveUser,
  type UserRecord,
} from '@carepool/domain';
import * as z from 'zod';

export interface PlatformAdminDeps {
  accounts: AccountStore;
  identity: IdentityDirectory;
  clock: Clock;
  newId: (prefix: string) => string;
}

const Request = z.object({
  email: z
    .email({ error: 'Give an email address: --email someone@example.org' })
    .transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1, { error: 'Give a name: --name "Their Name"' }).max(120),
});

/**
 * The first platform administrator of a deployment: nobody can invite them (inviting needs an
 * administrator), so an operator with access to the table and the user pool makes them. Safe to
 * run again for the same person (a sign-in that failed last time is made now); refuses an email
 * that belongs to anyone else.
 */
export async function createPlatformAdmin(
  deps: PlatformAdminDeps,
  request: { email: string; name: string },
): Promise<{ user: UserRecord; created: boolean }> {
  const parsed = Request.safeParse(request);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.message).join('; '));
  const { email, name } = parsed.data;

  const holderOfEmail = await deps.accounts.userIdByEmail(email);
  if (holderOfEmail) {
    const existing = await deps.accounts.getUser(holderOfEmail);
    if (!existing || !isActiveUser(existing) || !existing.roles.includes('platform_admin')) {
      throw new Error(`${email} already belongs to another account (${holderOfEmail}): use another address`);
    }
    await deps.identity.createSignIn(existing);
    return { user: existing, created: false };
  }

  const user: UserRecord = {
    userId: deps.newId('usr'),
    name,
    roles: ['platform_admin'],
    status: 'active',
    email,
    createdAt: deps.clock.now().toISOString(),
    joinedBy: 'platform_bootstrap',
  };
  // Nobody signed in did this: the audit trail names the bootstrap, not a user.
  const actor: Actor = {
    caller: {
      userId: 'platform_bootstrap',
      name: 'create-platform-admin',
      roles: [],
      councilId: undefined,
      personId: undefined,
    },
  };
  // The record first: the pre-token-generation trigger refuses a sign-in without one.
  await deps.accounts.write({
    newUsers: [user],
    audit: [
      auditEntry('user', user.userId, actor, 'user.bootstrapped', { after: { roles: user.roles, email } }),
    ],
  });
  await deps.identity.createSignIn(user);
  return { user, created: true };
}
