/**
 * Who the signed-in person may book for, from `GET /v1/me` (each delegation lists its scopes), so
 * the listing and booking pages offer only what they may do, from the start.
 */
import type { DelegateScope } from '@carepool/domain';
import type { Me } from '../../session.tsx';

/**
 * The people someone acting for others may do `scope` for: only those whose delegation allows it
 * (all of them when no scope is given), so nobody is offered what they would be refused later.
 */
export function actsForWith(me: Me | undefined, scope?: DelegateScope): Me['actsFor'] {
  return (me?.actsFor ?? []).filter((person) => scope === undefined || person.scopes.includes(scope));
}

/** Whether the signed-in person may book for anyone at all: themselves, or someone who allowed it. */
export function canBookForSomeone(me: Me | undefined): boolean {
  if (!me) return false;
  if (me.personId && me.roles.includes('holder')) return true;
  return actsForWith(me, 'order:create').length > 0;
}

/** Why someone cannot book, and what would let them: said at the start, not at the last step. */
export function NotAllowedToBook({ me }: { me: Me }) {
  if (me.actsFor.length === 0)
    return (
      <p className="govuk-body">
        Only a budget holder, or someone they have allowed to act for them, can book support.
      </p>
    );
  const names = me.actsFor.map((person) => person.name);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return (
    <>
      <p className="govuk-body">
        {list} {names.length === 1 ? 'has' : 'have'} not allowed you to book support for them.
      </p>
      <p className="govuk-body">
        Ask them to let you book support. They can change what you may do in “Who can act for you” on their
        budget page.
      </p>
    </>
  );
}
