/**
 * Pausing a listing (a holiday, a full diary), withdrawing it, or taking bookings again: one
 * question, then back to My services with what changed.
 */
import type { ListingStatus } from '@carepool/domain';
import { type FormEvent, useState } from 'react';
import { useParams } from 'react-router';
import type { ResponseOf } from '../../api/client.ts';
import { useDoneMutation } from '../../components/done-form.tsx';
import { BackLink, Button, ErrorSummary, errorFor, Radios } from '../../components/govuk.tsx';
import { PageTitle } from '../../components/layout.tsx';
import { AwaitFormPage } from '../../components/query.tsx';
import { issuesFromError, type SummaryIssue } from '../../lib/problems.ts';
import { useApi, useRouteQuery } from '../../session.tsx';
import { listingStatuses } from './labels.ts';

export function ListingStatusPage() {
  const { listingId = '' } = useParams();
  const listing = useRouteQuery('getListing', { params: { id: listingId } });
  return (
    <AwaitFormPage query={listing} title="Pause or withdraw a listing" loading="Loading the listing…">
      {(data) => <StatusForm listing={data} />}
    </AwaitFormPage>
  );
}

const choices: Array<{ value: ListingStatus; text: string; hint: string }> = [
  { value: 'active', text: 'Take bookings', hint: 'People can find it and book it.' },
  {
    value: 'paused',
    text: 'Pause it for now',
    hint: 'For a holiday or a full diary. People cannot find or book it until you take bookings again.',
  },
  {
    value: 'withdrawn',
    text: 'Withdraw it',
    hint: 'You no longer offer it. You can bring it back later.',
  },
];

function StatusForm({ listing }: { listing: ResponseOf<'getListing'> }) {
  const api = useApi();
  const [status, setStatus] = useState<string>(listing.status === 'active' ? 'paused' : 'active');
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const save = useDoneMutation({
    mutationFn: (next: ListingStatus) =>
      api('updateListing', { params: { id: listing.listingId }, body: { status: next } }),
    to: (saved) => `/provider?done=listing-${saved.status}&name=${encodeURIComponent(saved.title)}`,
    onError: (error) => setIssues(issuesFromError(error)),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const chosen = choices.find((c) => c.value === status);
    if (!chosen) {
      setIssues([{ fieldId: 'status', message: 'Choose what happens to the listing' }]);
      return;
    }
    setIssues([]);
    save.mutate(chosen.value);
  };
  const title = `What happens to ${listing.title}?`;
  return (
    <>
      <PageTitle title={title} error={issues.length > 0} />
      <BackLink to="/provider">My services</BackLink>
      <ErrorSummary issues={issues} />
      <form onSubmit={onSubmit} noValidate>
        <Radios
          id="status"
          name="status"
          legend={title}
          isPageHeading
          hint={`Now: ${listingStatuses[listing.status].text}. Bookings already made stand whatever you choose.`}
          value={status}
          onChange={setStatus}
          error={errorFor(issues, 'status')}
          options={choices.map(({ value, text, hint }) => ({ value, text, hint }))}
        />
        <Button disabled={save.isPending}>Save</Button>
      </form>
    </>
  );
}
