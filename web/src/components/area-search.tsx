/**
 * Searching near a postcode (groups, requests): the postcode, the kind of support and how far,
 * kept in the address so a result's back link returns to the same search.
 */
import { type Category, categories } from '@carepool/domain';
import { type FormEvent, useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { SummaryIssue } from '../lib/problems.ts';
import { distances, milesToKm, postcodePattern } from '../lib/search.ts';
import { errorFor, Select, TextInput } from './govuk.tsx';

export interface AreaSearch {
  near: string;
  category: string;
  miles: string;
}

/** The search in the address, the form's answers, and reading them into a new address. */
export function useAreaSearch({
  path,
  defaultMiles,
  missingPostcode,
  home,
}: {
  path: string;
  defaultMiles: string;
  missingPostcode: string;
  /** A postcode to start from when the address has none (the holder's own). */
  home?: string | undefined;
}) {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const near = params.get('near') ?? '';
  const category = params.get('category') ?? '';
  const miles = params.get('miles') ?? defaultMiles;
  const [form, setForm] = useState<AreaSearch>({ near, category, miles });
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  useEffect(() => {
    if (!near && home) setForm((f) => (f.near ? f : { ...f, near: home }));
  }, [near, home]);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const postcode = form.near.trim();
    const found: SummaryIssue[] = [];
    if (!postcode) found.push({ fieldId: 'near', message: missingPostcode });
    else if (!postcodePattern.test(postcode))
      found.push({
        fieldId: 'near',
        message: 'Enter a real postcode, like HG1 2AB, or its first half, like HG1',
      });
    setIssues(found);
    if (found.length) return;
    const next = new URLSearchParams({ near: postcode.toUpperCase(), miles: form.miles });
    if (form.category) next.set('category', form.category);
    navigate(`${path}?${next.toString()}`);
  };
  const query = {
    near,
    radiusKm: milesToKm(Number(miles) || Number(defaultMiles)),
    ...(category ? { category: category as Category } : {}),
  };
  return { near, category, miles, query, form, setForm, issues, onSubmit };
}

export function AreaSearchFields({
  form,
  onChange,
  issues,
  postcodeLabel,
  milesLabel,
  autoComplete,
}: {
  form: AreaSearch;
  onChange(form: AreaSearch): void;
  issues: SummaryIssue[];
  postcodeLabel: string;
  milesLabel: string;
  autoComplete?: string;
}) {
  return (
    <>
      <TextInput
        id="near"
        label={postcodeLabel}
        labelSize="s"
        hint="For example, HG1 2AB, or just HG1."
        width={10}
        {...(autoComplete ? { autoComplete } : {})}
        spellCheck={false}
        value={form.near}
        onChange={(value) => onChange({ ...form, near: value })}
        error={errorFor(issues, 'near')}
      />
      <Select
        id="category"
        label="What kind of support? (optional)"
        labelSize="s"
        value={form.category}
        onChange={(value) => onChange({ ...form, category: value })}
        options={[
          { value: '', text: 'Anything' },
          ...categories.map((c) => ({ value: c.code, text: c.label })),
        ]}
      />
      <MilesSelect
        id="miles"
        label={milesLabel}
        words="Within"
        value={form.miles}
        onChange={(value) => onChange({ ...form, miles: value })}
        issues={issues}
      />
    </>
  );
}

/** How far: the distances search offers, in miles, up to 50 km. */
export function MilesSelect({
  id,
  label,
  words,
  value,
  onChange,
  issues,
}: {
  id: string;
  label: string;
  /** "Within" or "Up to", before the distance. */
  words: string;
  value: string;
  onChange(value: string): void;
  issues: SummaryIssue[];
}) {
  return (
    <Select
      id={id}
      label={label}
      labelSize="s"
      value={value}
      onChange={onChange}
      error={errorFor(issues, id)}
      options={distances
        .filter((d) => milesToKm(d) <= 50)
        .map((d) => ({ value: String(d), text: `${words} ${d} ${d === 1 ? 'mile' : 'miles'}` }))}
    />
  );
}
