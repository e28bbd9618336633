/** Open any provider by name, to see their evidence and check or suspend them. */
import { useState } from 'react';
import { Link } from 'react-router';
import { InsetText } from '../../components/govuk.tsx';
import { ProviderFinder } from '../../components/provider-finder.tsx';

export function CheckProvider() {
  const [chosen, setChosen] = useState({ providerId: '', name: '' });
  return (
    <section aria-labelledby="check-provider-heading">
      <h2 className="govuk-heading-m" id="check-provider-heading">
        Check a provider
      </h2>
      <ProviderFinder
        id="providerName"
        label="The provider’s name"
        hint="Type their name, then find them."
        value={chosen.providerId}
        onChange={(providerId, name) => setChosen({ providerId, name })}
      />
      {chosen.providerId ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/providers/${chosen.providerId}`}>
            Open {chosen.name}
          </Link>
        </p>
      ) : (
        <InsetText>Open the provider to see their evidence, then check or suspend them.</InsetText>
      )}
    </section>
  );
}
