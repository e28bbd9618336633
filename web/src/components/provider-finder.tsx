/**
 * Finds a provider by name, for people who know who sent them a bill but not Carepool's id for
 * them: the directory's word search (the whole country), one choice per provider found.
 */
import { useState } from 'react';
import { providerKinds } from '../lib/labels.ts';
import { useRouteQuery } from '../session.tsx';
import { Button, Radios, TextInput } from './govuk.tsx';

export function ProviderFinder({
  id,
  value,
  onChange,
  error,
  label = 'Who is the invoice from?',
  hint = 'Type their name as it is on the invoice, then find them.',
}: {
  label?: string;
  hint?: string;
  /** The id of the field with the name in it, for the error summary. */
  id: string;
  /** The chosen provider's id. */
  value: string;
  onChange(providerId: string, name: string): void;
  error?: string | undefined;
}) {
  const [name, setName] = useState('');
  const [searched, setSearched] = useState('');
  const [nameError, setNameError] = useState<string>();
  const found = useRouteQuery(
    'searchListings',
    { query: { q: searched, sort: 'name', limit: 50 } },
    { enabled: searched.length > 0 },
  );
  const providers = new Map<string, { name: string; kind: string; outcode: string }>();
  for (const listing of found.data?.items ?? []) {
    if (!providers.has(listing.provider.providerId))
      providers.set(listing.provider.providerId, {
        name: listing.provider.name,
        kind: providerKinds[listing.provider.kind],
        outcode: listing.outcode,
      });
  }
  const search = () => {
    const trimmed = name.trim();
    if (trimmed.length < 2) {
      setNameError('Enter at least 2 letters of the provider’s name');
      return;
    }
    setNameError(undefined);
    setSearched(trimmed);
    onChange('', '');
  };
  return (
    <div className="govuk-!-margin-bottom-6">
      <TextInput
        id={id}
        label={label}
        labelSize="s"
        hint={hint}
        value={name}
        onChange={setName}
        error={nameError ?? (searched ? undefined : error)}
      />
      <Button type="button" variant="secondary" onClick={search}>
        Find the provider
      </Button>
      {searched && found.isPending && <p className="govuk-body">Looking for “{searched}”…</p>}
      {searched && found.isSuccess && providers.size === 0 && (
        <p className="govuk-body" role="status">
          No provider called “{searched}” is in Carepool. Check the spelling, or ask them how they are listed.
        </p>
      )}
      {providers.size > 0 && (
        <Radios
          id={`${id}-choice`}
          name={`${id}-choice`}
          legend={`Providers matching “${searched}”`}
          legendSize="s"
          value={value}
          onChange={(providerId) => onChange(providerId, providers.get(providerId)?.name ?? '')}
          error={error}
          options={[...providers].map(([providerId, p]) => ({
            value: providerId,
            text: p.name,
            hint: `${p.kind}, ${p.outcode}`,
          }))}
        />
      )}
    </div>
  );
}
