import { type FormEvent, useState } from 'react';
import { useParams } from 'react-router';
import type { BodyOf, ResponseOf } from '../../api/client.ts';
import { useDoneMutation } from '../../components/done-form.tsx';
import { BackLink, Button, ErrorSummary } from '../../components/govuk.tsx';
import { PageTitle } from '../../components/layout.tsx';
import { AwaitFormPage } from '../../components/query.tsx';
import { issuesFromError, type SummaryIssue } from '../../lib/problems.ts';
import { useApi, useRouteQuery } from '../../session.tsx';
import { ListingFields, listingFields, listingFormOf, readListingForm } from './listing-form.tsx';

export function EditListingPage() {
  const { listingId = '' } = useParams();
  const listing = useRouteQuery('getListing', { params: { id: listingId } });
  return (
    <AwaitFormPage query={listing} title="Change a listing" loading="Loading the listing…">
      {(data) => <EditListingForm listing={data} />}
    </AwaitFormPage>
  );
}

function EditListingForm({ listing }: { listing: ResponseOf<'getListing'> }) {
  const api = useApi();
  const [form, setForm] = useState(() => listingFormOf(listing));
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const save = useDoneMutation({
    mutationFn: (body: BodyOf<'updateListing'>) =>
      api('updateListing', { params: { id: listing.listingId }, body }),
    to: (saved) => `/provider?done=listing-changed&name=${encodeURIComponent(saved.title)}`,
    onError: (error) =>
      setIssues(issuesFromError(error, { fields: (field) => listingFields(field, form.availability) })),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const { listing: changed, issues: found } = readListingForm(form);
    setIssues(found);
    if (found.length === 0) save.mutate(changed);
  };
  const title = `Change ${listing.title}`;
  return (
    <>
      <PageTitle title={title} error={issues.length > 0} />
      <BackLink to="/provider">My services</BackLink>
      <ErrorSummary issues={issues} />
      <span className="govuk-caption-l">{listing.provider.name}</span>
      <h1 className="govuk-heading-l">{title}</h1>
      <form onSubmit={onSubmit} noValidate>
        <ListingFields form={form} onChange={setForm} issues={issues} />
        <Button disabled={save.isPending}>Save the changes</Button>
      </form>
    </>
  );
}
