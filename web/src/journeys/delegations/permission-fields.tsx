/**
 * What someone acting for a holder may do, and until when: the same questions whether the holder
 * invites them by email or gives access directly.
 */
import { DelegateScope } from '@carepool/domain';
import { DateField, readOptionalDate } from '../../components/date-field.tsx';
import { Checkboxes, errorFor, TextInput } from '../../components/govuk.tsx';
import type { DateParts } from '../../lib/dates.ts';
import { delegateScopes } from '../../lib/labels.ts';
import type { SummaryIssue } from '../../lib/problems.ts';

export interface Permissions {
  relationship: string;
  scopes: string[];
  until: DateParts;
}

export const noPermissions: Permissions = {
  relationship: '',
  scopes: [],
  until: { day: '', month: '', year: '' },
};

/** Maps the API's field paths for these answers to the questions on the page. */
export const permissionFields = { relationship: 'relationship', scopes: 'scopes', expiresAt: 'until' };

export function RelationshipField({
  value,
  onChange,
  issues,
  hint,
}: {
  value: Permissions;
  onChange(value: Permissions): void;
  issues: SummaryIssue[];
  hint: string;
}) {
  return (
    <TextInput
      id="relationship"
      label="Who are they to you? (optional)"
      labelSize="s"
      hint={hint}
      width={20}
      value={value.relationship}
      onChange={(relationship) => onChange({ ...value, relationship })}
      error={errorFor(issues, 'relationship')}
    />
  );
}

export function PermissionFields({
  value,
  onChange,
  issues,
  untilHint,
}: {
  value: Permissions;
  onChange(value: Permissions): void;
  issues: SummaryIssue[];
  untilHint: string;
}) {
  return (
    <>
      <Checkboxes
        id="scopes"
        name="scopes"
        legend="What can they do for you?"
        legendSize="s"
        hint="Choose all that apply."
        values={value.scopes}
        onChange={(scopes) => onChange({ ...value, scopes })}
        error={errorFor(issues, 'scopes')}
        options={Object.entries(delegateScopes).map(([scope, text]) => ({ value: scope, text }))}
      />
      <DateField
        id="until"
        legend="Until when? (optional)"
        hint={untilHint}
        value={value.until}
        onChange={(until) => onChange({ ...value, until })}
        issues={issues}
      />
    </>
  );
}

/** The answers as the API wants them, with what is missing or wrong added to `found`. */
export function readPermissions(
  found: SummaryIssue[],
  value: Permissions,
): { relationship?: string; scopes: DelegateScope[]; expiresAt?: string } {
  if (value.scopes.length === 0)
    found.push({ fieldId: 'scopes', message: 'Choose at least one thing they can do' });
  const until = readOptionalDate(found, 'until', value.until, {
    label: 'the end date',
    rule: 'future',
    message: 'The end date must be in the future',
  });
  const relationship = value.relationship.trim();
  return {
    ...(relationship ? { relationship } : {}),
    scopes: value.scopes.filter((s): s is DelegateScope => DelegateScope.safeParse(s).success),
    // Access ends at the end of the day chosen.
    ...(until ? { expiresAt: `${until}T23:59:59Z` } : {}),
  };
}
