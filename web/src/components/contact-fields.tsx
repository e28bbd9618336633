/**
 * "Their name" and "Their email address" for an invitation, and reading them: the same two
 * questions whoever is invited (a representative, a member of staff, a council's administrator).
 */
import type { SummaryIssue } from '../lib/problems.ts';
import { errorFor, TextInput } from './govuk.tsx';

export interface Contact {
  name: string;
  email: string;
}

export function ContactFields({
  value,
  onChange,
  issues,
  nameLabel = 'Their name',
  emailLabel = 'Their email address',
  emailHint,
}: {
  value: Contact;
  onChange(value: Contact): void;
  issues: SummaryIssue[];
  nameLabel?: string;
  emailLabel?: string;
  emailHint?: string;
}) {
  return (
    <>
      <TextInput
        id="name"
        label={nameLabel}
        labelSize="s"
        autoComplete="off"
        value={value.name}
        onChange={(name) => onChange({ ...value, name })}
        error={errorFor(issues, 'name')}
      />
      <TextInput
        id="email"
        label={emailLabel}
        labelSize="s"
        hint={emailHint}
        type="email"
        autoComplete="off"
        spellCheck={false}
        value={value.email}
        onChange={(email) => onChange({ ...value, email })}
        error={errorFor(issues, 'email')}
      />
    </>
  );
}

/** The name and email trimmed, with "Enter their name" and the like added to `found` when empty. */
export function readContact(
  found: SummaryIssue[],
  value: Contact,
  missingEmail = 'Enter their email address',
): Contact {
  const name = value.name.trim();
  const email = value.email.trim();
  if (!name) found.push({ fieldId: 'name', message: 'Enter their name' });
  if (!email) found.push({ fieldId: 'email', message: missingEmail });
  return { name, email };
}
