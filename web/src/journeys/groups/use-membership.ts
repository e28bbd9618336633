import type { ResponseOf } from '../../api/client.ts';
import { useAllPages } from '../../session.tsx';

type Group = ResponseOf<'getGroup'>;
export type Membership = NonNullable<Group['yourMembership']>;

/**
 * The membership of the person the page is about: your own (the group says), or that of the person
 * you act for (from their list of groups: the group only knows the signed-in person).
 */
export function useMembership(group: Group | undefined, personId: string | undefined, self: boolean) {
  const theirs = useAllPages(
    'listPersonGroups',
    { params: { id: personId ?? '' }, query: {} },
    { enabled: Boolean(personId) && !self && Boolean(group) },
  );
  if (!group) return undefined;
  if (self) return group.yourMembership;
  const found = theirs.data?.items.find(
    (m) => m.groupId === group.groupId && (m.status === 'joined' || m.status === 'settled'),
  );
  return found
    ? ({
        status: found.status,
        reservedPence: found.reservedPence,
        ...(found.paidPence === undefined ? {} : { paidPence: found.paidPence }),
      } satisfies Membership)
    : undefined;
}
