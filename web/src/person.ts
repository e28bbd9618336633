/**
 * Whose budget a page is about, and what the signed-in person may do with it: everything for the
 * holder themselves, what was granted for a representative or broker, and the council's part for
 * council staff. The API decides in the end; this only keeps the page from offering what it will
 * refuse, and words things for the right person ("your plan" or "Frank’s plan").
 */
import type { DelegateScope } from '@carepool/domain';
import type { Who } from './lib/spend.ts';
import { type Me, useMe, useRouteQuery } from './session.tsx';

export type Relationship = 'self' | 'delegate' | 'council' | 'none';

export interface PersonContext {
  relationship: Relationship;
  who: Who;
  /** "your" or "Frank’s". */
  possessive: string;
  /** "You" or "Frank Metcalfe". */
  name: string;
  can(scope: DelegateScope): boolean;
  /** Whether the API lets this reader see the person's bookings, and their groups (README, "Who may read what"). */
  sees: { orders: boolean; groups: boolean };
}

const councilMay: Record<string, DelegateScope[]> = {
  care_manager: ['plan:read', 'plan:write', 'account:read'],
  auditor: ['plan:read', 'account:read'],
  finance: ['account:read'],
};
/** Council roles that follow a person's bookings and groups; finance sees the money only. */
const councilSeesHistory = ['care_manager', 'auditor'];

export function personContext(
  me: Me | undefined,
  personId: string,
  personName: string | undefined,
): PersonContext {
  const firstName = personName?.split(' ')[0] ?? 'this person';
  if (me?.personId === personId) {
    return {
      relationship: 'self',
      who: { self: true, firstName },
      possessive: 'your',
      name: 'You',
      can: () => true,
      sees: { orders: true, groups: true },
    };
  }
  const delegation = me?.actsFor.find((a) => a.personId === personId);
  const base = {
    who: { self: false, firstName },
    possessive: `${firstName}’s`,
    name: personName ?? firstName,
  };
  if (delegation) {
    const has = (...scopes: string[]) => scopes.some((scope) => delegation.scopes.includes(scope));
    return {
      ...base,
      relationship: 'delegate',
      can: (scope) => has(scope) || (scope === 'plan:read' && has('plan:write')),
      sees: {
        orders: has('order:create', 'order:confirm'),
        groups: has('group:join', 'order:create', 'order:confirm'),
      },
    };
  }
  const roles = me?.roles ?? [];
  const staff = roles.flatMap((role) => councilMay[role] ?? []);
  const history = roles.some((role) => councilSeesHistory.includes(role));
  if (staff.length)
    return {
      ...base,
      relationship: 'council',
      can: (scope) => staff.includes(scope),
      sees: { orders: history, groups: history },
    };
  return { ...base, relationship: 'none', can: () => false, sees: { orders: false, groups: false } };
}

export function usePerson(personId: string) {
  const me = useMe();
  const person = useRouteQuery('getPerson', { params: { id: personId } }, { enabled: Boolean(personId) });
  const fromActsFor = me.data?.actsFor.find((a) => a.personId === personId)?.name;
  const context = personContext(me.data, personId, person.data?.name ?? fromActsFor);
  return { me, person, context };
}

/**
 * The notes the plan gives each line ("Lunch club on Tuesdays"), so two lines of the same kind can
 * be told apart. The account only names a line's category; the plan has the rest.
 */
export function useLineNotes(personId: string, context: PersonContext): Map<string, string> {
  const person = useRouteQuery('getPerson', { params: { id: personId } }, { enabled: Boolean(personId) });
  const planId = person.data?.currentPlanId;
  const plan = useRouteQuery(
    'getPlan',
    { params: { id: planId ?? '' } },
    { enabled: Boolean(planId) && context.can('plan:read') },
  );
  return new Map((plan.data?.lines ?? []).filter((l) => l.notes).map((l) => [l.lineId, l.notes]));
}
