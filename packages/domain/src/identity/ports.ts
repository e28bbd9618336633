import type { AuditEntry } from '../audit/audit.ts';
import type { Page, PageRequest } from '../paging.ts';
import type { DelegationRecord } from '../people/delegation.ts';
import type { Versioned } from '../people/ports.ts';
import type { UserRecord } from '../users.ts';
import type { CouncilRecord } from './council.ts';
import type { InvitationRecord } from './invitation.ts';

/** A message to a person: an invitation link, for now. */
export interface OutboundMessage {
  to: string;
  subject: string;
  text: string;
  /** The one link the message is about, for the local "sent messages" page. */
  link: string;
}

/**
 * Where people sign in. Cognito in AWS; in the local runtime, the "Sign in as" page. Our table
 * stays the record of who may do what: this port only makes sign-in follow it.
 */
export interface IdentityDirectory {
  readonly kind: 'cognito' | 'local';
  /** Delivers an invitation (AWS: email; locally: printed and kept for the "sent messages" page). */
  send(message: OutboundMessage): Promise<void>;
  /** Lets an accepted invitee sign in (AWS: AdminCreateUser, which emails a temporary password). */
  createSignIn(user: Pick<UserRecord, 'userId' | 'email' | 'name'>): Promise<void>;
  /** Stops a removed user signing in and ends their sessions (AWS: disable and revoke refresh tokens). */
  disableSignIn(userId: string): Promise<void>;
}

/** Storage for councils, users and invitations: each write one transaction with its audit records. */
export interface AccountStore {
  getCouncil(councilId: string): Promise<CouncilRecord | undefined>;
  listCouncils(): Promise<CouncilRecord[]>;
  getUser(userId: string): Promise<UserRecord | undefined>;
  /** The user holding this (lower-cased) email, if any. */
  userIdByEmail(email: string): Promise<string | undefined>;
  /** The active account of a budget holder, if they have one. */
  accountOfPerson(personId: string): Promise<string | undefined>;
  usersOfCouncil(councilId: string, page: PageRequest): Promise<Page<UserRecord>>;
  getInvitation(invitationId: string): Promise<InvitationRecord | undefined>;
  invitationsOfCouncil(councilId: string, page: PageRequest): Promise<Page<InvitationRecord>>;
  invitationsOfPerson(personId: string): Promise<InvitationRecord[]>;
  /** Invitations to act for someone still pending for this (lower-cased) email, expired ones included. */
  pendingDelegationInvitations(email: string): Promise<InvitationRecord[]>;

  /**
   * One transaction. New users claim their email (and a holder their person) so two accounts can
   * never share either: a claim already taken is a `conflict` with code `email_in_use` or
   * `person_has_account`. Versioned records are written only at their expected version.
   */
  write(changes: {
    councils?: Versioned<CouncilRecord>[];
    invitations?: Versioned<InvitationRecord>[];
    newUsers?: UserRecord[];
    /** Existing users, written only if still at the status they were read in. */
    changedUsers?: Array<{ record: UserRecord; expectedStatus: 'active' | 'removed' }>;
    /** Releases a holder's account claim, so they can be invited again after removal. */
    releasePersons?: string[];
    delegations?: DelegationRecord[];
    audit: AuditEntry[];
  }): Promise<void>;
}
