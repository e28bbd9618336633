import {
  acceptInvitation,
  type CouncilRecord,
  createCouncil,
  effectiveAlertThresholds,
  effectiveSettings,
  getCouncil,
  grantDelegation,
  grantDelegationByEmail,
  type InvitationRecord,
  invitePerson,
  inviteStaff,
  listCouncilInvitations,
  listCouncils,
  listCouncilUsers,
  listPersonInvitations,
  openInvitation,
  removeUser,
  renameMe,
  type UserRecord,
  updateCouncil,
  withdrawInvitation,
} from '@carepool/domain';
import { forgetCachedUser } from '../http/active-users.ts';
import type { Implementations } from '../http/lambda.ts';

export function councilView(council: CouncilRecord) {
  return {
    ...council,
    settings: { ...effectiveSettings(council), alerts: effectiveAlertThresholds(council) },
  };
}

/** Everything but the code's hash, plus whether a pending invitation has run out. */
export function invitationView(invitation: InvitationRecord, now: Date) {
  const { codeHash, version, ...shown } = invitation;
  return {
    ...shown,
    expired: invitation.status === 'pending' && Date.parse(invitation.expiresAt) <= now.getTime(),
  };
}

export function userView(user: UserRecord) {
  const { description, demoOrder, invitationId, ...shown } = user;
  return { ...shown, status: user.status ?? ('active' as const) };
}

export const identityHandlers: Implementations<'identity'> = {
  createCouncil: async ({ body, caller, requestId }, { accounts }) =>
    councilView(await createCouncil(accounts, { caller, requestId }, body)),

  listCouncils: async ({ caller }, { accounts }) => ({
    items: (await listCouncils(accounts, { caller })).map(councilView),
  }),

  getCouncil: async ({ params, caller }, { accounts }) =>
    councilView(await getCouncil(accounts, { caller }, params.councilId)),

  updateCouncil: async ({ params, body, caller, requestId }, { accounts }) =>
    councilView(await updateCouncil(accounts, { caller, requestId }, params.councilId, body)),

  inviteStaff: async ({ params, body, caller, requestId }, { accounts, clock }) =>
    invitationView(await inviteStaff(accounts, { caller, requestId }, params.councilId, body), clock.now()),

  listCouncilInvitations: async ({ params, query, caller }, { accounts, clock }) => {
    const page = await listCouncilInvitations(accounts, { caller }, params.councilId, query);
    return { ...page, items: page.items.map((i) => invitationView(i, clock.now())) };
  },

  listCouncilUsers: async ({ params, query, caller }, { accounts }) => {
    const page = await listCouncilUsers(accounts, { caller }, params.councilId, query);
    return { ...page, items: page.items.map(userView) };
  },

  removeUser: async ({ params, body, caller, requestId }, { accounts }) => {
    const removed = await removeUser(accounts, { caller, requestId }, params.userId, body.reason);
    // This instance stops trusting its cached copy now; others within the cache's few seconds.
    forgetCachedUser(params.userId);
    return userView(removed);
  },

  grantDelegation: async ({ params, body, caller, requestId }, { accounts, people, clock }) => {
    const actor = { caller, requestId };
    if ('email' in body) {
      return invitationView(await grantDelegationByEmail(accounts, actor, params.id, body), clock.now());
    }
    return grantDelegation(people, actor, params.id, body);
  },

  invitePerson: async ({ params, body, caller, requestId }, { accounts, clock }) =>
    invitationView(await invitePerson(accounts, { caller, requestId }, params.id, body), clock.now()),

  listPersonInvitations: async ({ params, caller }, { accounts, clock }) => ({
    items: (await listPersonInvitations(accounts, { caller }, params.id)).map((i) =>
      invitationView(i, clock.now()),
    ),
  }),

  withdrawInvitation: async ({ params, caller, requestId }, { accounts, clock }) =>
    invitationView(
      await withdrawInvitation(accounts, { caller, requestId }, params.invitationId),
      clock.now(),
    ),

  openInvitation: async ({ params, query }, { accounts }) => {
    const opened = await openInvitation(accounts, params.invitationId, query.code);
    const { invitation } = opened;
    return {
      invitationId: invitation.invitationId,
      kind: invitation.kind,
      councilName: opened.councilName,
      name: invitation.name,
      email: invitation.email,
      roles: invitation.roles,
      status: invitation.status,
      expiresAt: invitation.expiresAt,
      usable: opened.usable,
      ...(opened.reason ? { reason: opened.reason } : {}),
    };
  },

  acceptInvitation: async ({ params, body, requestId }, { accounts, identity }) => {
    const user = await acceptInvitation(accounts, params.invitationId, body.code, requestId);
    return {
      user: userView(user),
      signIn: identity.kind === 'cognito' ? ('cognito' as const) : ('local_demo' as const),
    };
  },

  renameMe: async ({ body, caller, requestId }, { accounts }) => {
    const renamed = await renameMe(accounts, { caller, requestId }, body.name);
    forgetCachedUser(caller.userId);
    return userView(renamed);
  },
};
