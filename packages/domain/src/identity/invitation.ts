import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import { DelegateScope } from '../people/delegation.ts';
import { Role, StaffRole } from '../roles.ts';
import { Id, IsoDateTime, ShortText } from '../values.ts';

/** A week: long enough for someone who reads their email weekly, short enough not to linger. */
export const invitationLifetimeDays = 7;

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, { error: 'Use an email address of 254 characters or fewer' })
  .pipe(z.email({ error: 'Enter an email address like name@example.com' }));

/**
 * What accepting the invitation makes of the new account:
 * - `staff`: council staff with the roles given (the first administrator is invited by the platform);
 * - `holder`: the budget holder `personId` signs in as themselves;
 * - `representative`: someone the holder chose acts for them with `scopes`, from acceptance.
 */
export const InvitationKind = z.enum(['staff', 'holder', 'representative']);
export type InvitationKind = z.infer<typeof InvitationKind>;

export const InvitationStatus = z.enum(['pending', 'accepted', 'withdrawn']);
export type InvitationStatus = z.infer<typeof InvitationStatus>;

export const InvitationRecord = z.object({
  invitationId: Id,
  kind: InvitationKind,
  councilId: Id,
  email: z.string(),
  name: z.string(),
  /** The roles the new account will hold: fixed when invited, never chosen by the invitee. */
  roles: z.array(Role).min(1),
  personId: Id.optional(),
  /** Representatives only: what the holder lets them do, and until when. */
  scopes: z.array(DelegateScope).optional(),
  relationship: z.string().optional(),
  delegationExpiresAt: IsoDateTime.optional(),
  /** sha256 of the secret code in the link: the code itself is never stored. */
  codeHash: z.string(),
  status: InvitationStatus,
  invitedBy: Id,
  invitedAt: IsoDateTime,
  expiresAt: IsoDateTime,
  acceptedAt: IsoDateTime.optional(),
  acceptedUserId: Id.optional(),
  withdrawnAt: IsoDateTime.optional(),
  withdrawnBy: Id.optional(),
  version: z.number().int().min(1),
});
export type InvitationRecord = z.infer<typeof InvitationRecord>;

export const StaffInvitationRequest = z
  .object({
    email: Email,
    name: ShortText(120),
    roles: z.array(StaffRole).min(1, { error: 'Give at least one role' }).max(4),
  })
  .strict();
export type StaffInvitationRequest = z.infer<typeof StaffInvitationRequest>;

/**
 * A holder lets someone act for them by their name and email address: no Carepool id to ask for.
 * What they become (a representative, or a broker whose fee the holder then sees) is decided by the
 * account that claims it, when someone signs in with that address (see claimDelegationInvitations).
 */
export const DelegationGrantByEmail = z.object({
  email: Email,
  name: ShortText(120),
  relationship: ShortText(80).optional(),
  scopes: z.array(DelegateScope).min(1, { error: 'Grant at least one scope' }).max(6),
  expiresAt: IsoDateTime.optional(),
});
export type DelegationGrantByEmail = z.infer<typeof DelegationGrantByEmail>;

export const PersonInvitationRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('holder'), email: Email }).strict(),
  DelegationGrantByEmail.extend({ kind: z.literal('representative') }).strict(),
]);
export type PersonInvitationRequest = z.infer<typeof PersonInvitationRequest>;

/** 32 random bytes: unguessable, and only its hash is kept. */
export function newInvitationCode(): { code: string; codeHash: string } {
  const code = randomBytes(32).toString('base64url');
  return { code, codeHash: hashCode(code) };
}

export function hashCode(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('hex');
}

/** Compares in constant time, so the answer's timing says nothing about how close a guess was. */
export function codeMatches(invitation: Pick<InvitationRecord, 'codeHash'>, code: string): boolean {
  const given = Buffer.from(hashCode(code), 'hex');
  const stored = Buffer.from(invitation.codeHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
