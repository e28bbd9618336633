import { type Actor, type AuditEntry, auditEntry } from '../audit/audit.ts';
import type { Clock } from '../clock.ts';
import type { IdGenerator } from '../directory/ports.ts';
import { conflict, DomainError, forbidden, invalid, notFound } from '../errors.ts';
import type { Page, PageRequest } from '../paging.ts';
import { accessPerson } from '../people/access.ts';
import type { DelegationRecord } from '../people/delegation.ts';
import type { BrokerDirectory, PeopleStore } from '../people/ports.ts';
import { type Caller, hasRole, type Role, type SelfSignUpRole, type StaffRole } from '../roles.ts';
import { isActiveUser, type UserRecord } from '../users.ts';
import type { CouncilRecord, CouncilSettings, FundingSchedule } from './council.ts';
import {
  codeMatches,
  type DelegationGrantByEmail,
  type InvitationRecord,
  invitationLifetimeDays,
  newInvitationCode,
  type PersonInvitationRequest,
  type StaffInvitationRequest,
} from './invitation.ts';
import type { AccountStore, IdentityDirectory } from './ports.ts';

export interface AccountDeps {
  accounts: AccountStore;
  identity: IdentityDirectory;
  people: PeopleStore;
  brokers: BrokerDirectory;
  clock: Clock;
  newId: IdGenerator;
  /** Where the web app is: invitation links point at its "accept your invitation" page. */
  publicUrl: string;
  /** Postcode districts that exist, so a council's area is checked against real ones. */
  knownDistrict: (outcode: string) => boolean;
}

const dayMs = 24 * 3600 * 1000;

// ------------------------------------------------------------------ councils

export interface CouncilInput {
  councilId: string;
  name: string;
  districts: string[];
  fundingSchedule: FundingSchedule;
  settings?: CouncilSettings | undefined;
}

function checkDistricts(deps: AccountDeps, districts: readonly string[]) {
  districts.forEach((district, index) => {
    if (!deps.knownDistrict(district)) {
      throw invalid(
        `districts.${index}`,
        `We do not know the postcode district '${district}'`,
        'unknown_district',
      );
    }
  });
}

export async function createCouncil(
  deps: AccountDeps,
  actor: Actor,
  input: CouncilInput,
): Promise<CouncilRecord> {
  requirePlatformAdmin(actor.caller);
  checkDistricts(deps, input.districts);
  if (await deps.accounts.getCouncil(input.councilId)) {
    throw conflict('council_exists', `There is already a council with the id '${input.councilId}'.`);
  }
  const now = deps.clock.now().toISOString();
  const council: CouncilRecord = {
    councilId: input.councilId,
    name: input.name,
    districts: [...new Set(input.districts)],
    fundingSchedule: input.fundingSchedule,
    settings: input.settings ?? {},
    createdAt: now,
    createdBy: actor.caller.userId,
    updatedAt: now,
    version: 1,
  };
  await deps.accounts.write({
    councils: [{ record: council, expectedVersion: 0 }],
    audit: [
      auditEntry('council', council.councilId, actor, 'council.created', {
        after: { name: council.name, districts: council.districts, fundingSchedule: council.fundingSchedule },
        councilId: council.councilId,
      }),
    ],
  });
  return council;
}

export async function listCouncils(deps: AccountDeps, actor: Actor): Promise<CouncilRecord[]> {
  requirePlatformAdmin(actor.caller);
  return deps.accounts.listCouncils();
}

/** The operator, or anyone who belongs to the council; everyone else is told it does not exist. */
export async function getCouncil(deps: AccountDeps, actor: Actor, councilId: string): Promise<CouncilRecord> {
  const council = await deps.accounts.getCouncil(councilId);
  const mayRead = hasRole(actor.caller, 'platform_admin') || actor.caller.councilId === councilId;
  if (!council || !mayRead) throw notFound('council');
  return council;
}

export interface CouncilChange {
  version: number;
  name?: string | undefined;
  districts?: string[] | undefined;
  fundingSchedule?: FundingSchedule | undefined;
  settings?: CouncilSettings | undefined;
}

/** The council's own administrator changes its details and settings (or the operator, to help). */
export async function updateCouncil(
  deps: AccountDeps,
  actor: Actor,
  councilId: string,
  change: CouncilChange,
): Promise<CouncilRecord> {
  const council = await getCouncil(deps, actor, councilId);
  if (!hasRole(actor.caller, 'platform_admin') && !hasRole(actor.caller, 'council_admin')) {
    throw forbidden('role_not_allowed', "Only the council's administrator can change its settings.");
  }
  if (change.version !== council.version) {
    throw conflict(
      'council_changed',
      'Someone changed these settings since you read them: reload and try again.',
    );
  }
  if (change.districts) checkDistricts(deps, change.districts);
  const updated: CouncilRecord = {
    ...council,
    ...(change.name === undefined ? {} : { name: change.name }),
    ...(change.districts === undefined ? {} : { districts: [...new Set(change.districts)] }),
    ...(change.fundingSchedule === undefined ? {} : { fundingSchedule: change.fundingSchedule }),
    settings: { ...council.settings, ...(change.settings ?? {}) },
    updatedAt: deps.clock.now().toISOString(),
    version: council.version + 1,
  };
  await deps.accounts.write({
    councils: [{ record: updated, expectedVersion: council.version }],
    audit: [
      auditEntry('council', councilId, actor, 'council.updated', {
        before: {
          name: council.name,
          districts: council.districts,
          fundingSchedule: council.fundingSchedule,
          settings: council.settings,
        },
        after: {
          name: updated.name,
          districts: updated.districts,
          fundingSchedule: updated.fundingSchedule,
          settings: updated.settings,
        },
        councilId,
      }),
    ],
  });
  return updated;
}

// ------------------------------------------------------------------ invitations

function requirePlatformAdmin(caller: Caller) {
  if (!hasRole(caller, 'platform_admin')) {
    throw forbidden('role_not_allowed', 'Only the operator of this deployment can do this.');
  }
}

/** An email already used by an account cannot be invited to make a second one. */
async function requireFreeEmail(deps: AccountDeps, email: string) {
  if (await deps.accounts.userIdByEmail(email)) {
    throw new DomainError('conflict', 'email_in_use', 'An account already uses this email address.', {
      issues: [
        { field: 'email', message: 'Use another email address for this person', code: 'email_in_use' },
      ],
    });
  }
}

interface NewInvitation {
  kind: InvitationRecord['kind'];
  councilId: string;
  email: string;
  name: string;
  roles: Role[];
  personId?: string | undefined;
  scopes?: InvitationRecord['scopes'];
  relationship?: string | undefined;
  delegationExpiresAt?: string | undefined;
}

async function issueInvitation(
  deps: AccountDeps,
  actor: Actor,
  details: NewInvitation,
  wording: { subject: string; intro: string; howToAccept?: string },
  options: { requireFreeEmail: boolean; replaces?: InvitationRecord[] } = { requireFreeEmail: true },
): Promise<InvitationRecord> {
  if (options.requireFreeEmail) await requireFreeEmail(deps, details.email);
  const now = deps.clock.now();
  const { code, codeHash } = newInvitationCode();
  const invitation: InvitationRecord = {
    invitationId: deps.newId('inv'),
    ...details,
    ...(details.personId === undefined ? {} : { personId: details.personId }),
    codeHash,
    status: 'pending',
    invitedBy: actor.caller.userId,
    invitedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + invitationLifetimeDays * dayMs).toISOString(),
    version: 1,
  };
  const replaced = (options.replaces ?? []).map((old) => ({
    record: {
      ...old,
      status: 'withdrawn' as const,
      withdrawnAt: now.toISOString(),
      withdrawnBy: actor.caller.userId,
      version: old.version + 1,
    },
    expectedVersion: old.version,
  }));
  await deps.accounts.write({
    invitations: [{ record: invitation, expectedVersion: 0 }, ...replaced],
    audit: [
      ...replaced.map(({ record }) =>
        auditEntry('invitation', record.invitationId, actor, 'invitation.withdrawn', {
          after: { replacedBy: invitation.invitationId },
          councilId: record.councilId,
          ...(record.personId ? { onBehalfOf: record.personId } : {}),
        }),
      ),
      auditEntry('invitation', invitation.invitationId, actor, 'invitation.sent', {
        after: {
          kind: invitation.kind,
          roles: invitation.roles,
          email: invitation.email,
          expiresAt: invitation.expiresAt,
        },
        councilId: invitation.councilId,
        ...(invitation.personId ? { onBehalfOf: invitation.personId } : {}),
      }),
    ],
  });
  const link = `${deps.publicUrl.replace(/\/$/, '')}/invitations/${invitation.invitationId}?code=${code}`;
  await deps.identity.send({
    to: invitation.email,
    subject: wording.subject,
    text: `${wording.intro}\n\n${wording.howToAccept ?? 'Open this link to accept.'} It works once and until ${invitation.expiresAt.slice(0, 10)}:\n${link}\n\nIf you did not expect this, you can ignore it.`,
    link,
  });
  return invitation;
}

/**
 * A council's administrator invites its staff; the operator invites only a council's
 * administrators (it runs the platform, not the council's casework).
 */
export async function inviteStaff(
  deps: AccountDeps,
  actor: Actor,
  councilId: string,
  request: StaffInvitationRequest,
): Promise<InvitationRecord> {
  const council = await getCouncil(deps, actor, councilId);
  if (hasRole(actor.caller, 'platform_admin')) {
    if (request.roles.some((role) => role !== 'council_admin')) {
      throw new DomainError(
        'forbidden',
        'platform_invites_admins_only',
        "The operator invites a council's administrators; they invite their own staff.",
        {
          issues: [
            { field: 'roles', message: 'Use only council_admin', code: 'platform_invites_admins_only' },
          ],
        },
      );
    }
  } else if (!hasRole(actor.caller, 'council_admin')) {
    throw forbidden('role_not_allowed', "Only the council's administrator can invite staff.");
  }
  const roles: StaffRole[] = [...new Set(request.roles)];
  return issueInvitation(
    deps,
    actor,
    { kind: 'staff', councilId, email: request.email, name: request.name, roles },
    {
      subject: `You are invited to join ${council.name} on Carepool`,
      intro: `Hello ${request.name},\n\n${actor.caller.name} has invited you to join ${council.name} on Carepool as ${roles.map(roleWords).join(' and ')}.`,
    },
  );
}

/**
 * A care manager invites a holder to sign in as themselves; a holder invites someone to act for
 * them (the delegation starts when they accept, with the scopes chosen now).
 */
export async function invitePerson(
  deps: AccountDeps,
  actor: Actor,
  personId: string,
  request: PersonInvitationRequest,
): Promise<InvitationRecord> {
  if (request.kind === 'holder') {
    const { person } = await accessPerson(deps, actor.caller, personId, 'account:invite');
    if (await deps.accounts.accountOfPerson(personId)) {
      throw conflict(
        'person_has_account',
        `${person.name} already has an account: they can sign in with it.`,
      );
    }
    return issueInvitation(
      deps,
      actor,
      {
        kind: 'holder',
        councilId: person.councilId,
        email: request.email,
        name: person.name,
        roles: ['holder'],
        personId,
      },
      {
        subject: 'Your personal budget on Carepool',
        intro: `Hello ${person.name},\n\n${actor.caller.name} has set up your personal budget on Carepool. You can see your budget and plan, and find and book support.`,
      },
    );
  }
  const { kind: _representative, ...grant } = request;
  return grantDelegationByEmail(deps, actor, personId, grant);
}

/**
 * A holder lets someone act for them by name and email address. Whether an account already uses
 * that address is never part of the answer (nor of the holder's lists afterwards): either way the
 * grant waits, bound to the lower-cased address, and is the same pending invitation with the same
 * email, until someone proves they hold the address. An existing account claims it the next time
 * it signs in (claimDelegationInvitations); anyone else accepts the link and makes an account. So
 * a holder cannot use this to learn who has a Carepool account, and nobody gains access to a
 * person's budget by typing an address they do not hold.
 *
 * Sent again with the same terms while still waiting, it is the same invitation (no second email);
 * with different terms, the new one replaces the old.
 */
export async function grantDelegationByEmail(
  deps: AccountDeps,
  actor: Actor,
  personId: string,
  grant: DelegationGrantByEmail,
): Promise<InvitationRecord> {
  const { person } = await accessPerson(deps, actor.caller, personId, 'delegations:manage');
  const now = deps.clock.now();
  if (grant.expiresAt !== undefined && Date.parse(grant.expiresAt) <= now.getTime()) {
    throw invalid('expiresAt', 'The expiry must be in the future');
  }
  // The caller's own address says nothing they do not know already.
  if ((await deps.accounts.getUser(actor.caller.userId))?.email === grant.email) {
    throw invalid('email', 'You cannot make yourself your own delegate');
  }
  const waiting = (await deps.accounts.invitationsOfPerson(personId)).filter(
    (i) =>
      i.kind === 'representative' &&
      i.status === 'pending' &&
      i.email === grant.email &&
      Date.parse(i.expiresAt) > now.getTime(),
  );
  const same = waiting.find(
    (i) =>
      i.name === grant.name &&
      i.relationship === grant.relationship &&
      i.delegationExpiresAt === grant.expiresAt &&
      [...(i.scopes ?? [])].sort().join() === [...grant.scopes].sort().join(),
  );
  if (same) return same;
  return issueInvitation(
    deps,
    actor,
    {
      kind: 'representative',
      councilId: person.councilId,
      email: grant.email,
      name: grant.name,
      roles: ['representative'],
      personId,
      scopes: grant.scopes,
      relationship: grant.relationship,
      delegationExpiresAt: grant.expiresAt,
    },
    {
      subject: `${person.name} has asked you to help with their support`,
      intro: `Hello ${grant.name},\n\n${person.name} has asked you to help manage their support on Carepool.`,
      howToAccept:
        'If you already sign in to Carepool with this email address, just sign in: you can act for them from then on. If not, open this link to make your account.',
    },
    { requireFreeEmail: false, replaces: waiting },
  );
}

function roleWords(role: Role): string {
  const words: Record<Role, string> = {
    holder: 'a budget holder',
    representative: 'a representative',
    broker: 'a broker',
    provider: 'a provider',
    care_manager: 'a care manager',
    finance: 'finance',
    auditor: 'an auditor',
    council_admin: 'an administrator',
    platform_admin: 'the platform operator',
  };
  return words[role];
}

/** Staff who run the council's accounts see all its invitations. */
function mayManageCouncilInvitations(caller: Caller, councilId: string) {
  return (
    hasRole(caller, 'platform_admin') ||
    (caller.councilId === councilId && hasRole(caller, 'council_admin', 'care_manager'))
  );
}

export async function listCouncilInvitations(
  deps: AccountDeps,
  actor: Actor,
  councilId: string,
  page: PageRequest,
): Promise<Page<InvitationRecord>> {
  await getCouncil(deps, actor, councilId);
  if (!mayManageCouncilInvitations(actor.caller, councilId)) {
    throw forbidden('role_not_allowed', 'Only administrators and care managers see invitations.');
  }
  const found = await deps.accounts.invitationsOfCouncil(councilId, page);
  // Care managers manage holders' accounts, not staff: they see only invitations to people. The
  // operator runs councils, not casework: it sees only invitations to staff, never who holds a budget.
  const shown = (invitation: InvitationRecord) =>
    actor.caller.councilId === councilId && hasRole(actor.caller, 'council_admin')
      ? true
      : hasRole(actor.caller, 'platform_admin')
        ? invitation.kind === 'staff'
        : invitation.kind !== 'staff';
  return { ...found, items: found.items.filter(shown) };
}

export async function listPersonInvitations(
  deps: AccountDeps,
  actor: Actor,
  personId: string,
): Promise<InvitationRecord[]> {
  await accessPerson(deps, actor.caller, personId, 'delegations:read');
  return deps.accounts.invitationsOfPerson(personId);
}

/** Who may withdraw: whoever sent it, the council's administrator, or whoever could have sent it. */
function mayWithdraw(caller: Caller, invitation: InvitationRecord): boolean {
  if (invitation.invitedBy === caller.userId) return true;
  if (hasRole(caller, 'platform_admin') && invitation.kind === 'staff') return true;
  if (caller.councilId === invitation.councilId && hasRole(caller, 'council_admin')) return true;
  if (invitation.kind === 'holder' && caller.councilId === invitation.councilId) {
    return hasRole(caller, 'care_manager');
  }
  if (invitation.kind === 'representative' && invitation.personId !== undefined) {
    return caller.personId === invitation.personId && hasRole(caller, 'holder');
  }
  return false;
}

export async function withdrawInvitation(
  deps: AccountDeps,
  actor: Actor,
  invitationId: string,
): Promise<InvitationRecord> {
  const invitation = await deps.accounts.getInvitation(invitationId);
  if (!invitation || !mayWithdraw(actor.caller, invitation)) throw notFound('invitation');
  if (invitation.status !== 'pending') {
    throw conflict('invitation_not_pending', `This invitation was already ${invitation.status}.`);
  }
  const withdrawn: InvitationRecord = {
    ...invitation,
    status: 'withdrawn',
    withdrawnAt: deps.clock.now().toISOString(),
    withdrawnBy: actor.caller.userId,
    version: invitation.version + 1,
  };
  await deps.accounts.write({
    invitations: [{ record: withdrawn, expectedVersion: invitation.version }],
    audit: [
      auditEntry('invitation', invitationId, actor, 'invitation.withdrawn', {
        councilId: invitation.councilId,
        ...(invitation.personId ? { onBehalfOf: invitation.personId } : {}),
      }),
    ],
  });
  return withdrawn;
}

/** What the invitee sees before accepting: only with the code from the link (else "not found"). */
export async function openInvitation(
  deps: AccountDeps,
  invitationId: string,
  code: string,
): Promise<{ invitation: InvitationRecord; councilName: string; usable: boolean; reason?: string }> {
  const invitation = await deps.accounts.getInvitation(invitationId);
  if (!invitation || !codeMatches(invitation, code)) throw notFound('invitation');
  const council = await deps.accounts.getCouncil(invitation.councilId);
  const refusal = whyUnusable(invitation, deps.clock.now());
  return {
    invitation,
    councilName: council?.name ?? invitation.councilId,
    usable: refusal === undefined,
    ...(refusal ? { reason: refusal.message } : {}),
  };
}

function whyUnusable(invitation: InvitationRecord, now: Date): DomainError | undefined {
  if (invitation.status === 'accepted') {
    return conflict('invitation_used', 'This invitation has already been used: sign in instead.');
  }
  if (invitation.status === 'withdrawn') {
    return conflict(
      'invitation_withdrawn',
      'This invitation was withdrawn: ask whoever sent it for a new one.',
    );
  }
  if (Date.parse(invitation.expiresAt) <= now.getTime()) {
    return conflict('invitation_expired', 'This invitation has expired: ask whoever sent it for a new one.');
  }
  return undefined;
}

/** The account an invitation makes has an id fixed by the invitation, so a retried accept makes no second sign-in. */
export const userIdForInvitation = (invitationId: string) => `usr_${invitationId.replace(/^inv_/, '')}`;

/**
 * Accepting makes the account: single use, before it expires, unless withdrawn. The roles,
 * council and person come from the invitation, never from the request.
 */
export async function acceptInvitation(
  deps: AccountDeps,
  invitationId: string,
  code: string,
  requestId?: string,
): Promise<UserRecord> {
  const invitation = await deps.accounts.getInvitation(invitationId);
  if (!invitation || !codeMatches(invitation, code)) throw notFound('invitation');
  const now = deps.clock.now();
  const refusal = whyUnusable(invitation, now);
  if (refusal) throw refusal;
  if (
    invitation.kind === 'holder' &&
    invitation.personId &&
    (await deps.accounts.accountOfPerson(invitation.personId))
  ) {
    throw conflict('person_has_account', 'This person already has an account: sign in with it.');
  }
  if (invitation.kind === 'representative' && (await deps.accounts.userIdByEmail(invitation.email))) {
    // Only whoever holds the address has the link: telling them their own account exists is safe.
    throw conflict(
      'email_in_use',
      'You already have a Carepool account with this email address: sign in with it, and you can act for them from then on.',
    );
  }
  await requireFreeEmail(deps, invitation.email);

  const userId = userIdForInvitation(invitationId);
  const user: UserRecord = {
    userId,
    name: invitation.name,
    roles: invitation.roles,
    // Representatives act across councils through their delegations: they belong to none.
    ...(invitation.kind === 'representative' ? {} : { councilId: invitation.councilId }),
    ...(invitation.kind === 'holder' && invitation.personId ? { personId: invitation.personId } : {}),
    status: 'active',
    email: invitation.email,
    createdAt: now.toISOString(),
    joinedBy: 'invitation',
    invitationId,
  };
  const actor: Actor = {
    caller: {
      userId,
      name: user.name,
      roles: user.roles,
      councilId: user.councilId,
      personId: user.personId,
    },
    requestId,
  };
  const delegations: DelegationRecord[] =
    invitation.kind === 'representative' && invitation.personId && invitation.scopes
      ? [
          {
            userId,
            kind: 'representative',
            name: invitation.name,
            ...(invitation.relationship ? { relationship: invitation.relationship } : {}),
            scopes: invitation.scopes,
            ...(invitation.delegationExpiresAt ? { expiresAt: invitation.delegationExpiresAt } : {}),
            personId: invitation.personId,
            councilId: invitation.councilId,
            status: 'active',
            grantedBy: invitation.invitedBy,
            grantedAt: now.toISOString(),
          },
        ]
      : [];
  const audit: AuditEntry[] = [
    auditEntry('invitation', invitationId, actor, 'invitation.accepted', {
      after: { userId },
      councilId: invitation.councilId,
    }),
    auditEntry('user', userId, actor, 'user.joined', {
      after: { roles: user.roles, invitationId, ...(user.personId ? { personId: user.personId } : {}) },
      councilId: invitation.councilId,
    }),
  ];
  if (invitation.personId) {
    audit.push(
      auditEntry(
        'person',
        invitation.personId,
        actor,
        invitation.kind === 'holder' ? 'account.created' : 'delegation.granted',
        {
          after:
            invitation.kind === 'holder'
              ? { userId }
              : { userId, kind: 'representative', scopes: invitation.scopes ?? [] },
          onBehalfOf: invitation.personId,
          councilId: invitation.councilId,
        },
      ),
    );
  }
  // The sign-in is made first and is safe to repeat (the id is fixed): if the write then loses a
  // race, the orphan sign-in has no record here, so no token is ever issued for it.
  await deps.identity.createSignIn(user);
  await deps.accounts.write({
    invitations: [accepted(invitation, userId, now)],
    newUsers: [user],
    delegations,
    audit,
  });
  return user;
}

/**
 * The invitation's write once someone has taken it up, at its version: of two at once (a link
 * accepted while the same address signs in), only one is written.
 */
function accepted(invitation: InvitationRecord, userId: string, now: Date) {
  return {
    record: {
      ...invitation,
      status: 'accepted' as const,
      acceptedAt: now.toISOString(),
      acceptedUserId: userId,
      version: invitation.version + 1,
    },
    expectedVersion: invitation.version,
  };
}

/** Council and platform staff decide about people: they never act for one, whatever is waiting. */
const staffOrOperator = new Set<Role>([
  'care_manager',
  'finance',
  'auditor',
  'council_admin',
  'platform_admin',
]);

/**
 * Someone signed in with a proven email address (Cognito issues no token before the address is
 * confirmed; an invitation's link proves it too; locally, the demo sign-in): every grant waiting
 * for that address becomes a delegation to this account. Called on every sign-in and token
 * refresh, so it reads one small index and usually finds nothing.
 *
 * - The account's own roles decide the kind: a broker is given access as a broker (the holder sees
 *   their fee), and only once their fee is published; until then the grant keeps waiting. Anyone
 *   else becomes a representative, gaining that role if they lacked it (it lets them do nothing
 *   but act through delegations).
 * - Staff accounts and the holder's own account never claim one; it waits, and expires.
 * - Two sign-ins at once claim each grant once: the invitation is written at its version.
 *
 * Returns the user as it now is (with `representative` added if it was).
 */
export async function claimDelegationInvitations(
  deps: Pick<AccountDeps, 'accounts' | 'brokers' | 'clock'>,
  user: UserRecord,
  requestId?: string,
): Promise<UserRecord> {
  if (!user.email || !isActiveUser(user) || user.roles.some((role) => staffOrOperator.has(role))) return user;
  const now = deps.clock.now();
  const waiting = (await deps.accounts.pendingDelegationInvitations(user.email)).filter(
    (i) =>
      i.kind === 'representative' &&
      i.status === 'pending' &&
      i.email === user.email &&
      i.personId !== undefined &&
      i.personId !== user.personId &&
      Date.parse(i.expiresAt) > now.getTime(),
  );
  if (waiting.length === 0) return user;
  const isBroker = user.roles.includes('broker');
  if (isBroker && !(await deps.brokers.hasDisclosedBroker(user.userId))) return user;
  let current = user;
  for (const invitation of waiting) {
    const personId = invitation.personId ?? '';
    const gainsRole = !isBroker && !current.roles.includes('representative');
    const updated: UserRecord = gainsRole
      ? { ...current, roles: [...current.roles, 'representative'] }
      : current;
    const actor: Actor = {
      caller: {
        userId: user.userId,
        name: user.name,
        roles: updated.roles,
        councilId: user.councilId,
        personId: user.personId,
      },
      requestId,
    };
    const kind = isBroker ? 'broker' : 'representative';
    const delegation: DelegationRecord = {
      userId: user.userId,
      kind,
      name: invitation.name,
      ...(invitation.relationship ? { relationship: invitation.relationship } : {}),
      scopes: invitation.scopes ?? [],
      ...(invitation.delegationExpiresAt ? { expiresAt: invitation.delegationExpiresAt } : {}),
      personId,
      councilId: invitation.councilId,
      status: 'active',
      grantedBy: invitation.invitedBy,
      grantedAt: now.toISOString(),
    };
    try {
      await deps.accounts.write({
        invitations: [accepted(invitation, user.userId, now)],
        delegations: [delegation],
        ...(gainsRole ? { changedUsers: [{ record: updated, expectedStatus: 'active' as const }] } : {}),
        audit: [
          auditEntry('invitation', invitation.invitationId, actor, 'invitation.accepted', {
            after: { userId: user.userId, by: 'sign_in' },
            councilId: invitation.councilId,
          }),
          auditEntry('person', personId, actor, 'delegation.granted', {
            after: { userId: user.userId, kind, scopes: delegation.scopes },
            onBehalfOf: personId,
            councilId: invitation.councilId,
          }),
          ...(gainsRole
            ? [
                auditEntry('user', user.userId, actor, 'user.roles_changed', {
                  before: { roles: current.roles },
                  after: { roles: updated.roles, invitationId: invitation.invitationId },
                }),
              ]
            : []),
        ],
      });
      current = updated;
    } catch (error) {
      // Claimed (or withdrawn) a moment ago by another request: nothing left to do for this one.
      if (error instanceof DomainError && error.kind === 'conflict') continue;
      throw error;
    }
  }
  return current;
}

// ------------------------------------------------------------------ sign-up and removal

/**
 * Anyone may sign up as a provider or a broker: they get that role and nothing else, and whatever
 * provider profile they then register starts `pending` until the council checks it.
 */
export async function signUp(
  deps: Pick<AccountDeps, 'accounts' | 'clock'>,
  request: { userId: string; name: string; email: string; role: SelfSignUpRole },
): Promise<UserRecord> {
  const user: UserRecord = {
    userId: request.userId,
    name: request.name,
    roles: [request.role],
    status: 'active',
    email: request.email,
    createdAt: deps.clock.now().toISOString(),
    joinedBy: 'self_sign_up',
  };
  const actor: Actor = {
    caller: {
      userId: user.userId,
      name: user.name,
      roles: user.roles,
      councilId: undefined,
      personId: undefined,
    },
  };
  if (await deps.accounts.getUser(user.userId)) throw conflict('user_exists', 'That account already exists.');
  await deps.accounts.write({
    newUsers: [user],
    audit: [auditEntry('user', user.userId, actor, 'user.signed_up', { after: { roles: user.roles } })],
  });
  return user;
}

export async function listCouncilUsers(
  deps: AccountDeps,
  actor: Actor,
  councilId: string,
  page: PageRequest,
): Promise<Page<UserRecord>> {
  await getCouncil(deps, actor, councilId);
  if (!hasRole(actor.caller, 'platform_admin', 'council_admin')) {
    throw forbidden('role_not_allowed', "Only the council's administrator sees its accounts.");
  }
  const found = await deps.accounts.usersOfCouncil(councilId, page);
  // The operator sees a council's staff accounts only: who holds a budget is the council's business.
  if (actor.caller.councilId === councilId) return found;
  return { ...found, items: found.items.filter((user) => user.roles.some((role) => staffRoles.has(role))) };
}

const staffRoles = new Set<Role>(['care_manager', 'finance', 'auditor', 'council_admin']);

/**
 * Ends someone's access at once: every token they hold is refused from now (the API reads their
 * status on each request), their sign-in is disabled and, in AWS, their refresh tokens revoked.
 */
export async function removeUser(
  deps: AccountDeps,
  actor: Actor,
  userId: string,
  reason: string,
): Promise<UserRecord> {
  const user = await deps.accounts.getUser(userId);
  const mayRemove =
    user !== undefined &&
    (hasRole(actor.caller, 'platform_admin') ||
      (hasRole(actor.caller, 'council_admin') &&
        actor.caller.councilId !== undefined &&
        user.councilId === actor.caller.councilId));
  if (!user || !mayRemove) throw notFound('user');
  if (user.userId === actor.caller.userId) {
    throw forbidden('own_account', 'You cannot remove your own account: ask another administrator.');
  }
  if (!isActiveUser(user)) throw conflict('already_removed', 'This account was already removed.');
  const removed: UserRecord = {
    ...user,
    status: 'removed',
    removedAt: deps.clock.now().toISOString(),
    removedBy: actor.caller.userId,
    removalReason: reason,
  };
  await deps.accounts.write({
    changedUsers: [{ record: removed, expectedStatus: 'active' }],
    ...(user.personId && user.roles.includes('holder') ? { releasePersons: [user.personId] } : {}),
    audit: [
      auditEntry('user', userId, actor, 'user.removed', {
        before: { status: 'active', roles: user.roles },
        after: { status: 'removed', reason },
        ...(user.councilId ? { councilId: user.councilId } : {}),
      }),
    ],
  });
  await deps.identity.disableSignIn(userId);
  return removed;
}

/** People may change the name they are shown by: nothing else about their account is theirs to set. */
export async function renameMe(deps: AccountDeps, actor: Actor, name: string): Promise<UserRecord> {
  const user = await deps.accounts.getUser(actor.caller.userId);
  if (!user || !isActiveUser(user)) throw notFound('user');
  const renamed: UserRecord = { ...user, name };
  await deps.accounts.write({
    changedUsers: [{ record: renamed, expectedStatus: 'active' }],
    audit: [
      auditEntry('user', user.userId, actor, 'user.renamed', {
        before: { name: user.name },
        after: { name },
      }),
    ],
  });
  return renamed;
}

/** The caller a verified token stands for, as our table says now; undefined when not active. */
export async function activeUser(
  accounts: Pick<AccountStore, 'getUser'>,
  userId: string,
): Promise<UserRecord | undefined> {
  const user = await accounts.getUser(userId);
  return user && isActiveUser(user) ? user : undefined;
}
