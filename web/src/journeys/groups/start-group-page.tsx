/** Starting a group from a listing with group prices: the questions, then check and start. */
import { type FormEvent, type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import { type BodyOf, checkBody, newIdempotencyKey, type ResponseOf } from '../../api/client.ts';
import { AnswerLines, CheckAnswers } from '../../components/check-answers.tsx';
import { FormPage, useDoneMutation } from '../../components/done-form.tsx';
import { Button, Loading } from '../../components/govuk.tsx';
import { LoadError } from '../../components/query.tsx';
import { useFocusOnStep } from '../../components/steps.tsx';
import { formatDate } from '../../lib/dates.ts';
import { tierWords } from '../../lib/groups.ts';
import { issuesFromError, issuesFromFields, type SummaryIssue } from '../../lib/problems.ts';
import { useApi, useMe, useRouteQuery } from '../../session.tsx';
import { whereWords } from '../search/search.tsx';
import {
  type GroupForm,
  GroupFormFields,
  type GroupSetupBody,
  groupFields,
  groupSetupRows,
  newGroupForm,
  readGroupForm,
} from './group-form.tsx';

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
  const [form, setForm] = useState<GroupForm>(() =>
    newGroupForm(listing.title, smallest, Math.min(listing.capacity, 500), listing.availability[0]?.from),
  );
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const [setup, setSetup] = useState<GroupSetupBody>();
  const [step, setStep] = useState<'form' | 'check'>('form');
  const [idempotencyKey] = useState(newIdempotencyKey);
  useFocusOnStep(step);
  const api = useApi();
  const create = useDoneMutation({
    mutationFn: (request: BodyOf<'createGroup'>) => api('createGroup', { body: request }, { idempotencyKey }),
    to: (group) => `/groups/${group.groupId}?done=created`,
    onError: (error) => {
      setIssues(issuesFromError(error, { fields: groupFields }));
      setStep('form');
    },
  });
  const onContinue = (event: FormEvent) => {
    event.preventDefault();
    const read = readGroupForm(form, { smallest, capacity: listing.capacity, what: listing.title });
    const found = [...read.issues];
    if (read.setup)
      found.push(
        ...issuesFromFields(
          checkBody('createGroup', { ...read.setup, listingId: listing.listingId }),
          groupFields,
        ),
      );
    setIssues(found);
    if (found.length === 0 && read.setup) {
      setSetup(read.setup);
      setStep('check');
    }
  };

  if (step === 'check' && setup) {
    return (
      <CheckAnswers
        title="Check the group before you start it"
        caption={listing.title}
        rows={[
          { key: 'Provider', value: listing.provider.name },
          { key: 'Where', value: whereWords(listing) },
          ...groupSetupRows(setup, tierWords(listing.groupTiers, setup.maxParticipants)),
        ]}
        confirm="Start the group"
        onConfirm={() => create.mutate({ ...setup, listingId: listing.listingId })}
        pending={create.isPending}
        pendingText="Starting the group…"
        onChange={() => setStep('form')}
      >
        <p className="govuk-body">
          Starting a group does not set any money aside. Join it yourself once it has started. If fewer than{' '}
          {setup.minParticipants} people join by {formatDate(setup.deadline)}, it does not go ahead and nobody
          pays.
        </p>
      </CheckAnswers>
    );
  }

  return (
    <FormPage
      title="Start a group"
      back={`/listings/${listing.listingId}`}
      issues={issues}
      caption={`${listing.title}, ${listing.provider.name}`}
    >
      <p className="govuk-body">The more people join, the less each pays:</p>
      <AnswerLines bullets items={tierWords(listing.groupTiers)} />
      <form onSubmit={onContinue} noValidate>
        <GroupFormFields
          form={form}
          onChange={setForm}
          issues={issues}
          smallest={smallest}
          capacityHint={`${listing.title} takes up to ${listing.capacity}.`}
        />
        <Button>Continue</Button>
      </form>
    </FormPage>
  );
}
