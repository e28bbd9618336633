/** Starting a group from a listing with group prices: the questions, then check and start. */
import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import { checkBody, newIdempotencyKey, type ResponseOf } from '../../api/client.ts';
import { FormPage } from '../../components/done-form.tsx';
import { Loading } from '../../components/govuk.tsx';
import { LoadError } from '../../components/query.tsx';
import { formatDate } from '../../lib/dates.ts';
import { issuesFromFields } from '../../lib/problems.ts';
import { useApi, useMe, useRouteQuery } from '../../session.tsx';
import { whereWords } from '../search/search.tsx';
import { groupFields, newGroupForm } from './group-form.tsx';
import { GroupSetupSteps } from './group-setup.tsx';

export function StartGroupPage() {
  const { listingId = '' } = useParams();
  const listing = useRouteQuery('getListing', { params: { id: listingId } });
  const me = useMe();
  if (listing.isError || !listing.data || me.isPending) {
    return (
      <StartGroupNotice error={listing.isError}>
        {listing.isError ? <LoadError error={listing.error} /> : <Loading />}
      </StartGroupNotice>
    );
  }
  if (!me.data) {
    return (
      <StartGroupNotice>
        <p className="govuk-body">
          <Link className="govuk-link" to={`/sign-in?next=/listings/${listingId}/start-group`}>
            Sign in to start a group
          </Link>
        </p>
      </StartGroupNotice>
    );
  }
  if (listing.data.groupTiers.length === 0) {
    return (
      <StartGroupNotice back={`/listings/${listingId}`}>
        <p className="govuk-body">
          {listing.data.title} has no group prices, so a group would not cost anyone less. Choose support with
          group prices.
        </p>
      </StartGroupNotice>
    );
  }
  return <StartGroupForm listing={listing.data} />;
}

function StartGroupNotice({
  back,
  error,
  children,
}: {
  back?: string;
  error?: boolean;
  children: ReactNode;
}) {
  return (
    <FormPage title="Start a group" back={back} error={error}>
      {children}
    </FormPage>
  );
}

function StartGroupForm({ listing }: { listing: ResponseOf<'getListing'> }) {
  const smallest = Math.min(...listing.groupTiers.map((t) => t.minParticipants));
  const [idempotencyKey] = useState(newIdempotencyKey);
  const api = useApi();
  return (
    <GroupSetupSteps
      initial={() =>
        newGroupForm(listing.title, smallest, Math.min(listing.capacity, 500), listing.availability[0]?.from)
      }
      tiers={listing.groupTiers}
      limits={{ smallest, capacity: listing.capacity, what: listing.title }}
      check={(setup) =>
        issuesFromFields(checkBody('createGroup', { ...setup, listingId: listing.listingId }), groupFields)
      }
      send={(setup) =>
        api('createGroup', { body: { ...setup, listingId: listing.listingId } }, { idempotencyKey })
      }
      to={(group) => `/groups/${group.groupId}?done=created`}
      page={{
        title: 'Start a group',
        back: `/listings/${listing.listingId}`,
        caption: `${listing.title}, ${listing.provider.name}`,
        intro: <p className="govuk-body">The more people join, the less each pays:</p>,
        capacityHint: `${listing.title} takes up to ${listing.capacity}.`,
      }}
      review={{
        title: 'Check the group before you start it',
        caption: listing.title,
        rows: [
          { key: 'Provider', value: listing.provider.name },
          { key: 'Where', value: whereWords(listing) },
        ],
        confirm: 'Start the group',
        note: (setup) => (
          <>
            Starting a group does not set any money aside. Join it yourself once it has started. If fewer than{' '}
            {setup.minParticipants} people join by {formatDate(setup.deadline)}, it does not go ahead and
            nobody pays.
          </>
        ),
      }}
    />
  );
}
