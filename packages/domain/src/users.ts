import * as z from 'zod';
import { Role } from './roles.ts';
import { Id, IsoDateTime } from './values.ts';

/**
 * Removed users keep their record (the audit trail names them) but every token they hold is
 * refused from the moment of removal.
 */
export const UserStatus = z.enum(['active', 'removed']);
export type UserStatus = z.infer<typeof UserStatus>;

/**
 * A person who signs in. Our table, not the identity provider, decides what they may do: roles,
 * council and person come from here on every request (and, in AWS, are copied into tokens by the
 * pre-token-generation trigger for the web app to read). No user-writable attribute decides access.
 */
export const UserRecord = z.object({
  userId: Id,
  name: z.string().min(1).max(120),
  roles: z.array(Role).min(1),
  councilId: Id.optional(),
  personId: Id.optional(),
  /** Absent means active: seeded users were written before accounts had a status. */
  status: UserStatus.optional(),
  /** Lower-cased; unique across the deployment (one account per address). */
  email: z.string().optional(),
  createdAt: IsoDateTime.optional(),
  /** `invitation` (with its id) or `self_sign_up`; seeded users have neither. */
  joinedBy: z.enum(['invitation', 'self_sign_up', 'platform_bootstrap']).optional(),
  invitationId: Id.optional(),
  /**
   * When the account was last used to sign in or call the API, to the day (written at most once a
   * day per user): the alert rules ask whether a holder is still looking at their own account.
   */
  lastSeenAt: IsoDateTime.optional(),
  removedAt: IsoDateTime.optional(),
  removedBy: Id.optional(),
  removalReason: z.string().optional(),
  /** Demo users only: a line for the local sign-in-as page, and their place in its list. */
  description: z.string().optional(),
  demoOrder: z.number().int().optional(),
});
export type UserRecord = z.infer<typeof UserRecord>;

export const isActiveUser = (user: Pick<UserRecord, 'status'>): boolean =>
  (user.status ?? 'active') === 'active';
