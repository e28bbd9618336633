import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { type BodyOf, newIdempotencyKey } from '../../api/client.ts';
import { BackLink, Button, ErrorSummary } from '../../components/govuk.tsx';
import { PageTitle } from '../../components/layout.tsx';
import { issuesFromError, type SummaryIssue } from '../../lib/problems.ts';
import { useApi, useRouteQuery } from '../../session.tsx';
import { ListingFields, listingFields, newListingForm, readListingForm } from './listing-form.tsx';

export function NewListingPage() {
  const { providerId = '' } = useParams();
  const provider = useRouteQuery('getProvider', { params: { id: providerId } });
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [form, setForm] = useState(newListingForm);
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const create = useMutation({
    mutationFn: (body: BodyOf<'createListing'>) =>
      api('createListing', { params: { id: providerId }, body }, { idempotencyKey }),
    onSuccess: async (listing) => {
      await queryClient.invalidateQueries();
      // People's view of the new listing: what it says about days, times and languages.
      navigate(`/listings/${listing.listingId}`);
    },
    onError: (error) =>
      setIssues(issuesFromError(error, { fields: (field) => listingFields(field, form.availability) })),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const { listing, issues: found } = readListingForm(form);
    setIssues(found);
    if (found.length === 0) create.mutate(listing);
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title="Add a listing" error={issues.length > 0} />
        <BackLink to="/provider">My services</BackLink>
        <ErrorSummary issues={issues} />
        {provider.data && <span className="govuk-caption-l">{provider.data.name}</span>}
        <h1 className="govuk-heading-l">Add a listing</h1>
        <form onSubmit={onSubmit} noValidate>
          <ListingFields form={form} onChange={setForm} issues={issues} />
          <Button disabled={create.isPending}>Add the listing</Button>
        </form>
      </div>
    </div>
  );
}
