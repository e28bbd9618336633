/** Accepting a quote as a group purchase: the group's questions at the quoted prices, then check. */
import { categoryLabel } from '@carepool/domain';
import { type FormEvent, useState } from 'react';
import { AnswerLines, CheckAnswers } from '../../components/check-answers.tsx';
import { FormPage, useDoneMutation } from '../../components/done-form.tsx';
import { Button } from '../../components/govuk.tsx';
import { useFocusOnStep } from '../../components/steps.tsx';
import { formatDate } from '../../lib/dates.ts';
import { tierWords } from '../../lib/groups.ts';
import { issuesFromError, type SummaryIssue } from '../../lib/problems.ts';
import { useApi } from '../../session.tsx';
import {
  type GroupForm,
  GroupFormFields,
  type GroupSetupBody,
  groupFields,
  groupSetupRows,
  newGroupForm,
  readGroupForm,
} from '../groups/group-form.tsx';
import type { Quote, SupportRequest } from './request-words.ts';

export function AcceptAsGroup({ request, quote }: { request: SupportRequest; quote: Quote }) {
  const groupTiers = quote.tiers.filter((t) => t.minParticipants >= 2);
  const smallest = Math.min(...groupTiers.map((t) => t.minParticipants));
  const [form, setForm] = useState<GroupForm>(() =>
    newGroupForm(
      `${categoryLabel(request.category)} group near ${request.outcode}`,
      smallest,
      Math.max(smallest, request.participants + request.interestedCount, 10),
    ),
  );
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const [setup, setSetup] = useState<GroupSetupBody>();
  const [step, setStep] = useState<'form' | 'check'>('form');
  useFocusOnStep(step);
  const api = useApi();
  const accept = useDoneMutation({
    mutationFn: (group: GroupSetupBody) =>
      api('acceptQuote', {
        params: { id: request.requestId, quoteId: quote.quoteId },
        body: { kind: 'group', ...group },
      }),
    to: (result) =>
      result.groupId ? `/groups/${result.groupId}?done=created` : `/requests/${request.requestId}`,
    onError: (error) => {
      setIssues(issuesFromError(error, { fields: groupFields }));
      setStep('form');
    },
  });
  const onContinue = (event: FormEvent) => {
    event.preventDefault();
    const read = readGroupForm(form, { smallest, what: 'The group' });
    setIssues(read.issues);
    if (read.setup) {
      setSetup(read.setup);
      setStep('check');
    }
  };
  if (step === 'check' && setup) {
    return (
      <CheckAnswers
        title="Check the group before you accept the quote"
        caption={quote.providerName}
        rows={[
          { key: 'Provider', value: quote.providerName },
          ...groupSetupRows(setup, tierWords(groupTiers, setup.maxParticipants)),
        ]}
        confirm="Accept and start the group"
        onConfirm={() => accept.mutate(setup)}
        pending={accept.isPending}
        pendingText="Starting the group…"
        onChange={() => setStep('form')}
      >
        <p className="govuk-body">
          Accepting starts the group. It does not set any money aside: join it yourself from its page, and
          share it with others. If fewer than {setup.minParticipants} people join by{' '}
          {formatDate(setup.deadline)}, it does not go ahead and nobody pays.
        </p>
      </CheckAnswers>
    );
  }
  return (
    <FormPage
      title="Start a group with this quote"
      back={`/requests/${request.requestId}`}
      issues={issues}
      caption={quote.providerName}
    >
      <AnswerLines bullets items={tierWords(groupTiers)} />
      <form onSubmit={onContinue} noValidate>
        <GroupFormFields form={form} onChange={setForm} issues={issues} smallest={smallest} />
        <Button>Continue</Button>
      </form>
    </FormPage>
  );
}
