import type { Clock } from '../clock.ts';
import { DomainError, notFound } from '../errors.ts';
import { type Caller, hasRole, type Role } from '../roles.ts';
import { type DelegateScope, type DelegationRecord, delegationFits, isActive } from './delegation.ts';
import { oversightLevelOf } from './oversight.ts';
import type { PersonRecord } from './person.ts';
import type { PeopleStore } from './ports.ts';

/** Everything one may do about a budget holder. */
export type PersonAction =
  | 'read'
  | 'plan:read'
  | 'plan:write'
  | 'budget:write'
  | 'plan:decide'
  | 'delegations:manage'
  | 'delegations:revoke'
  | 'assessment:write'
  | 'assessment:confirm'
  | 'audit:read'
  | 'order:create'
  | 'order:confirm'
  | 'account:read'
  | 'funding:post'
  | 'dispute:resolve'
  | 'group:join'
  | 'delegations:read'
  /** The person's bookings and payments (their order history). */
  | 'orders:read'
  /** The groups the person has joined, and a group seen through their eyes. */
  | 'groups:read'
  /** Invite the holder to sign in as themselves (their care manager). */
  | 'account:invite'
  /** Raise or lower how closely the council watches the budget (care managers). */
  | 'oversight:set'
  /** Stopping money rather than moving it: disputing, cancelling a booking, leaving a group. */
  | 'order:dispute'
  | 'order:cancel'
  | 'group:leave'
  /** Give the outcome survey (the holder, or a delegate who helps with the plan). */
  | 'outcomes:write'
  /** Read the outcome surveys given. */
  | 'outcomes:read';

const holderMay: PersonAction[] = [
  'order:dispute',
  'order:cancel',
  'group:leave',
  'read',
  'plan:read',
  'plan:write',
  'delegations:manage',
  'delegations:read',
  'delegations:revoke',
  'assessment:write',
  'order:create',
  'order:confirm',
  'account:read',
  'group:join',
  'orders:read',
  'groups:read',
  'outcomes:write',
  'outcomes:read',
];

const councilStaffMay: Partial<Record<Role, PersonAction[]>> = {
  care_manager: [
    'account:invite',
    'oversight:set',
    'read',
    'plan:read',
    'plan:write',
    'budget:write',
    'plan:decide',
    'delegations:revoke',
    'delegations:read',
    'assessment:confirm',
    'audit:read',
    'account:read',
    'dispute:resolve',
    'orders:read',
    'groups:read',
    'outcomes:read',
  ],
  auditor: [
    'read',
    'plan:read',
    'audit:read',
    'account:read',
    'delegations:read',
    'orders:read',
    'groups:read',
    'outcomes:read',
  ],
  // Finance moves money in and reconciles it: the account and statement are all it needs to see.
  finance: ['read', 'account:read', 'funding:post'],
};
const staffRoles = Object.keys(councilStaffMay) as Role[];

/** What moves money out of a budget: on a council-managed budget only council staff do these. */
const movesMoney: PersonAction[] = ['order:create', 'order:confirm', 'group:join'];
/** What stops money leaving: the holder (and delegates) keep these whatever the oversight level. */
const stopsMoney: PersonAction[] = ['order:dispute', 'order:cancel', 'group:leave'];

function councilManagesMoney(person: PersonRecord): DomainError {
  return new DomainError(
    'forbidden',
    'council_managed',
    `The council manages payments from ${person.name.split(' ')[0]}'s budget for now: ask the care manager to book or pay. ${person.oversight?.reason ?? ''}`.trim(),
  );
}

/** Which delegate scope an action needs; undefined means a delegate may never do it. */
const scopeFor: Partial<Record<PersonAction, DelegateScope[]>> = {
  read: ['plan:read', 'plan:write', 'order:create', 'order:confirm', 'account:read', 'group:join'],
  'plan:read': ['plan:read', 'plan:write'],
  'plan:write': ['plan:write'],
  'assessment:write': ['plan:write'],
  'order:create': ['order:create'],
  'order:confirm': ['order:confirm'],
  'account:read': ['account:read'],
  'group:join': ['group:join'],
  'order:dispute': ['order:confirm'],
  'order:cancel': ['order:create'],
  'group:leave': ['group:join'],
  // Whoever books or confirms needs to see the bookings; reading the plan or the money does not.
  'orders:read': ['order:create', 'order:confirm'],
  'groups:read': ['group:join', 'order:create', 'order:confirm'],
  // The survey looks back on the plan, so whoever helps write the plan may help give it.
  'outcomes:write': ['plan:write'],
  'outcomes:read': ['plan:read', 'plan:write'],
};

export interface PersonAccess {
  person: PersonRecord;
  via: 'self' | 'council' | 'delegate';
  delegation?: DelegationRecord;
}

/**
 * The one place that decides whether a caller may act on a budget holder: by role, council
 * (tenant) and delegation. Someone with no relationship to the person gets "not found" (never
 * "forbidden"), so ids of other people and other councils reveal nothing.
 */
export async function accessPerson(
  deps: { people: PeopleStore; clock: Clock },
  caller: Caller,
  personId: string,
  action: PersonAction,
): Promise<PersonAccess> {
  const person = await deps.people.getPerson(personId);
  if (!person) throw notFound('person');
  const managedByCouncil = oversightLevelOf(person) === 'council_managed';
  const councilManaged = managedByCouncil && movesMoney.includes(action);

  if (caller.personId === personId) {
    if (hasRole(caller, 'holder') && holderMay.includes(action)) {
      if (councilManaged) throw councilManagesMoney(person);
      return { person, via: 'self' };
    }
    // On their own record staff are the holder, whatever else they are: nobody sets their own
    // budget, pays council money to themselves or decides their own plan.
    if (!holderMay.includes(action) && hasRole(caller, ...staffRoles)) {
      throw new DomainError(
        'forbidden',
        'own_person_record',
        'This is your own budget: another member of staff has to do this.',
      );
    }
    if (hasRole(caller, 'holder'))
      throw new DomainError('forbidden', 'role_not_allowed', 'A care manager has to do this.');
  }

  if (caller.councilId === person.councilId) {
    const staffActions = caller.roles.flatMap((role) => councilStaffMay[role] ?? []);
    if (staffActions.length > 0) {
      if (staffActions.includes(action)) return { person, via: 'council' };
      // A council-managed budget is spent by its care managers: they book, confirm and pay, and
      // cancel or dispute too.
      if (
        managedByCouncil &&
        hasRole(caller, 'care_manager') &&
        [...movesMoney, ...stopsMoney].includes(action)
      )
        return { person, via: 'council' };
      throw new DomainError('forbidden', 'role_not_allowed', 'Your role does not allow this.');
    }
  }

  if (hasRole(caller, 'representative', 'broker')) {
    const delegation = await deps.people.getDelegation(personId, caller.userId);
    if (delegation && isActive(delegation, deps.clock.now())) {
      if (!delegationFits(delegation, caller)) {
        throw new DomainError(
          'forbidden',
          'delegate_kind_mismatch',
          `You work as a broker, so ${person.name.split(' ')[0]} has to give you access as a broker, with your fee shown.`,
        );
      }
      const needed = scopeFor[action];
      if (needed?.some((scope) => delegation.scopes.includes(scope))) {
        if (councilManaged) throw councilManagesMoney(person);
        return { person, via: 'delegate', delegation };
      }
      throw new DomainError(
        'forbidden',
        'delegate_scope_missing',
        needed
          ? `You need the ${needed[0]} permission from ${person.name.split(' ')[0]} to do this.`
          : 'Only the person themselves or their care manager can do this.',
        { facts: { needed: needed ?? [] } },
      );
    }
  }
  throw notFound('person');
}

/**
 * Council-wide lists (queues, the caseload): staff of that council with one of `roles` see them.
 * Anyone else, another council's staff included, is told the council is not found.
 */
export function assertCouncilStaff(caller: Caller, councilId: string, roles: readonly Role[]): void {
  if (caller.councilId !== councilId || !hasRole(caller, ...roles)) throw notFound('council');
}
