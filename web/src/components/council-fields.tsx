/**
 * The questions about a council that "Add a council" (the operator) and "Council settings" (the
 * council's administrator) both ask: its name, the postcode districts it covers and the amount
 * above which a deposit needs a second approval. Read with every problem at once.
 */
import type { ReactNode } from 'react';
import { parsePounds } from '../lib/money.ts';
import type { SummaryIssue } from '../lib/problems.ts';
import { errorFor, Textarea, TextInput } from './govuk.tsx';

export interface CouncilForm {
  name: string;
  districts: string;
  approval: string;
}

export function districtsFrom(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((d) => d.trim().toUpperCase())
    .filter(Boolean);
}

/** Maps the API's `districts.3` to the one districts field. */
export const councilFields = (field: string): string | undefined =>
  field.startsWith('districts')
    ? 'districts'
    : field.startsWith('settings')
      ? 'approval'
      : field === 'name'
        ? 'name'
        : undefined;

export interface ReadCouncil {
  name: string;
  districts: string[];
  /** Pence; undefined when the amount was left empty (where it may be) or is not an amount. */
  approvalPence: number | undefined;
}

/**
 * The council's answers as far as they can be read, with the problems added to `found` (the
 * caller checks the rest with the API's schema, so every problem shows at once). `nameUsable` says
 * whether the name will do (adding a council needs letters or numbers to make its web address);
 * `between` adds the problems of questions asked between the districts and the amount, so the
 * summary lists them in the order of the page.
 */
export function readCouncilForm(
  found: SummaryIssue[],
  form: CouncilForm,
  options: {
    approvalOptional?: boolean;
    nameUsable?: boolean;
    between?: (found: SummaryIssue[]) => void;
  } = {},
): ReadCouncil {
  const name = form.name.trim();
  if (!name || options.nameUsable === false)
    found.push({ fieldId: 'name', message: 'Enter the council’s name' });
  const districts = districtsFrom(form.districts);
  if (districts.length === 0)
    found.push({ fieldId: 'districts', message: 'Enter at least one postcode district' });
  options.between?.(found);
  const amount =
    options.approvalOptional && !form.approval.trim()
      ? undefined
      : parsePounds(form.approval, { label: 'the amount', min: 100 });
  if (amount && !amount.ok) found.push({ fieldId: 'approval', message: amount.message });
  return { name, districts, approvalPence: amount?.ok ? amount.pence : undefined };
}

export function CouncilFields({
  form,
  onChange,
  issues,
  nameHint,
  approvalLabel,
  approvalHint,
  children,
}: {
  form: CouncilForm;
  onChange(form: CouncilForm): void;
  issues: SummaryIssue[];
  nameHint?: ReactNode;
  approvalLabel: string;
  approvalHint: ReactNode;
  /** Questions asked between the districts and the amount. */
  children?: ReactNode;
}) {
  const set = (key: keyof CouncilForm) => (value: string) => onChange({ ...form, [key]: value });
  return (
    <>
      <TextInput
        id="name"
        label="Council name"
        labelSize="s"
        hint={nameHint}
        value={form.name}
        onChange={set('name')}
        error={errorFor(issues, 'name')}
      />
      <Textarea
        id="districts"
        label="Postcode districts the council covers"
        labelSize="s"
        hint="The first part of the postcode, like YO17 or DL8, separated by commas or spaces."
        rows={3}
        value={form.districts}
        onChange={set('districts')}
        error={errorFor(issues, 'districts')}
      />
      {children}
      <TextInput
        id="approval"
        label={approvalLabel}
        labelSize="s"
        hint={approvalHint}
        prefix="£"
        inputMode="decimal"
        width={10}
        value={form.approval}
        onChange={set('approval')}
        error={errorFor(issues, 'approval')}
      />
    </>
  );
}
