import * as z from 'zod';
import type { Caller, Role } from '../roles.ts';
import { Id, IsoDateTime, ShortText } from '../values.ts';

export const DelegateScope = z.enum(
  ['plan:read', 'plan:write', 'order:create', 'order:confirm', 'account:read', 'group:join'],
  {
    error: 'Use plan:read, plan:write, order:create, order:confirm, account:read or group:join',
  },
);
export type DelegateScope = z.infer<typeof DelegateScope>;

export const DelegateKind = z.enum(['representative', 'broker'], {
  error: 'Choose representative or broker',
});
export type DelegateKind = z.infer<typeof DelegateKind>;

/**
 * The kind of access a user can hold, from the roles they hold: a broker is always a broker (so
 * their fee is disclosed to the holder), even when they help a relative.
 */
export function delegateKindOf(roles: readonly Role[]): DelegateKind | undefined {
  if (roles.includes('broker')) return 'broker';
  if (roles.includes('representative')) return 'representative';
  return undefined;
}

/** A delegation counts only for someone whose roles match the kind it was granted as. */
export function delegationFits(delegation: Pick<DelegationRecord, 'kind'>, caller: Caller): boolean {
  return delegateKindOf(caller.roles) === delegation.kind;
}

export const DelegationGrant = z.object({
  userId: Id,
  kind: DelegateKind,
  /** The delegate's name as the holder knows them, for the holder's own list. */
  name: ShortText(120),
  relationship: ShortText(80).optional(),
  scopes: z.array(DelegateScope).min(1, { error: 'Grant at least one scope' }).max(6),
  expiresAt: IsoDateTime.optional(),
});
export type DelegationGrant = z.infer<typeof DelegationGrant>;

export const DelegationRecord = DelegationGrant.extend({
  personId: Id,
  councilId: Id,
  status: z.enum(['active', 'revoked']),
  grantedBy: Id,
  grantedAt: IsoDateTime,
  revokedBy: Id.optional(),
  revokedAt: IsoDateTime.optional(),
});
export type DelegationRecord = z.infer<typeof DelegationRecord>;

/** Active means not revoked and not past its expiry, at this moment. */
export function isActive(delegation: DelegationRecord, now: Date): boolean {
  return (
    delegation.status === 'active' &&
    (delegation.expiresAt === undefined || Date.parse(delegation.expiresAt) > now.getTime())
  );
}
