/**
 * Pausing a listing (a holiday, a full diary), withdrawing it, or taking bookings again: one
 * question, then back to My services with what changed.
 */
import type { ListingStatus } from '@carepool/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { ResponseOf } from '../../api/client.ts';
import { BackLink, Button, ErrorSummary, errorFor, Radios } from '../../components/govuk.tsx';
import { PageTitle } from '../../components/layout.tsx';
import { Await } from '../../components/query.tsx';
import { issuesFromError, type SummaryIssue } from '../../lib/problems.ts';
import { useApi, useRouteQuery } from '../../session.tsx';
import { listingStatuses } from './labels.ts';

export function ListingStatusPage() {
  const { listingId = '' } = useParams();
  const listing = useRouteQuery('getListing', { params: { id: listingId } });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Await query={listing} loading="Loading the listing…">
          {(data) => <StatusForm listing={data} />}
        </Await>
        {!listing.data && (
          <>
            <PageTitle title="Pause or withdraw a listing" error={listing.isError} />
            <h1 className="govuk-heading-l">Pause or withdraw a listing</h1>
          </>
        )}
      </div>
    </div>
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
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<string>(listing.status === 'active' ? 'paused' : 'active');
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const save = useMutation({
    mutationFn: (next: ListingStatus) =>
      api('updateListing', { params: { id: listing.listingId }, body: { status: next } }),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries();
      navigate(`/provider?done=listing-${saved.status}&name=${encodeURIComponent(saved.title)}`);
    },
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
