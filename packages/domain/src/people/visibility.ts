import { type Caller, hasRole } from '../roles.ts';
import type { PersonAccess } from './access.ts';
import type { PersonRecord } from './person.ts';

/** A person as one reader may see them: the date of birth and home postcode only when needed. */
export type PersonSeen = Omit<PersonRecord, 'dateOfBirth' | 'postcode'> &
  Partial<Pick<PersonRecord, 'dateOfBirth' | 'postcode'>>;

/**
 * Who needs to know exactly who and where someone is: the person, their care manager, and a
 * delegate who writes their plan or books support at their home. Finance, auditors and delegates
 * who only read the plan, the money or the groups get the name and the postcode district, which
 * is enough to tell people apart and to report by area.
 */
export function seesIdentifyingDetails(caller: Caller, granted: PersonAccess): boolean {
  switch (granted.via) {
    case 'self':
      return true;
    case 'council':
      return hasRole(caller, 'care_manager');
    case 'delegate':
      return (granted.delegation?.scopes ?? []).some((s) => s === 'plan:write' || s === 'order:create');
  }
}

export function personView(caller: Caller, granted: PersonAccess): PersonSeen {
  if (seesIdentifyingDetails(caller, granted)) return granted.person;
  const { dateOfBirth: _born, postcode: _home, ...seen } = granted.person;
  return seen;
}
