/**
 * Setting a group up, wherever it starts (from a listing with group prices, or by accepting a
 * quote as a group): the group's questions with every problem at once, then a check page, then
 * the call that starts it. A refusal brings the questions back with the API's problems on them.
 */
import { type FormEvent, type ReactNode, useState } from 'react';
import { AnswerLines, CheckAnswers } from '../../components/check-answers.tsx';
import { FormPage, useDoneMutation } from '../../components/done-form.tsx';
import { Button, type SummaryRow } from '../../components/govuk.tsx';
import { useFocusOnStep } from '../../components/steps.tsx';
import { tierWords } from '../../lib/groups.ts';
import { issuesFromError, type SummaryIssue } from '../../lib/problems.ts';
import {
  type GroupForm,
  GroupFormFields,
  type GroupSetupBody,
  groupFields,
  groupSetupRows,
  readGroupForm,
} from './group-form.tsx';

type Tiers = Parameters<typeof tierWords>[0];

export function GroupSetupSteps<Result>({
  initial,
  tiers,
  limits,
  check = () => [],
  send,
  to,
  page,
  review,
}: {
  initial: () => GroupForm;
  /** The group prices, for the list above the questions and the check page. */
  tiers: Tiers;
  limits: { smallest: number; capacity?: number; what: string };
  /** The API's own checks of the setup, before the check page. */
  check?: (setup: GroupSetupBody) => SummaryIssue[];
  send(setup: GroupSetupBody): Promise<Result>;
  to(result: Result): string;
  page: { title: string; back: string; caption: string; intro?: ReactNode; capacityHint?: string };
  review: {
    title: string;
    caption: string;
    /** Rows above the group's own answers. */
    rows: SummaryRow[];
    confirm: string;
    /** What starting it means, under the answers. */
    note(setup: GroupSetupBody): ReactNode;
  };
}) {
  const [form, setForm] = useState<GroupForm>(initial);
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const [setup, setSetup] = useState<GroupSetupBody>();
  const [step, setStep] = useState<'form' | 'check'>('form');
  useFocusOnStep(step);
  const start = useDoneMutation({
    mutationFn: send,
    to,
    onError: (error) => {
      setIssues(issuesFromError(error, { fields: groupFields }));
      setStep('form');
    },
  });
  const onContinue = (event: FormEvent) => {
    event.preventDefault();
    const read = readGroupForm(form, limits);
    const found = [...read.issues, ...(read.setup ? check(read.setup) : [])];
    setIssues(found);
    if (found.length === 0 && read.setup) {
      setSetup(read.setup);
      setStep('check');
    }
  };

  if (step === 'check' && setup) {
    return (
      <CheckAnswers
        title={review.title}
        caption={review.caption}
        rows={[...review.rows, ...groupSetupRows(setup, tierWords(tiers, setup.maxParticipants))]}
        confirm={review.confirm}
        onConfirm={() => start.mutate(setup)}
        pending={start.isPending}
        pendingText="Starting the group…"
        onChange={() => setStep('form')}
      >
        <p className="govuk-body">{review.note(setup)}</p>
      </CheckAnswers>
    );
  }
  return (
    <FormPage title={page.title} back={page.back} issues={issues} caption={page.caption}>
      {page.intro}
      <AnswerLines bullets items={tierWords(tiers)} />
      <form onSubmit={onContinue} noValidate>
        <GroupFormFields
          form={form}
          onChange={setForm}
          issues={issues}
          smallest={limits.smallest}
          capacityHint={page.capacityHint}
        />
        <Button>Continue</Button>
      </form>
    </FormPage>
  );
}
