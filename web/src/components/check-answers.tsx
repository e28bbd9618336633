/**
 * The check-answers step of a form (GOV.UK "Check answers" pattern): the answers as a summary
 * list, what happens next, then one button that does it and one that goes back to change them.
 */
import type { ReactNode } from 'react';
import { issuesFromError } from '../lib/problems.ts';
import type { Who } from '../lib/spend.ts';
import { FormPage } from './done-form.tsx';
import { Button, ButtonGroup, Loading, SummaryList, type SummaryRow } from './govuk.tsx';

export function CheckAnswers({
  title,
  caption,
  back,
  rows,
  children,
  confirm,
  onConfirm,
  pending,
  pendingText,
  onChange,
  changeText = 'Change the details',
  error,
  errorTitle,
  who,
}: {
  title: string;
  caption?: ReactNode;
  back?: string;
  rows: Array<SummaryRow | false | '' | null | undefined>;
  /** What happens next, between the answers and the button. */
  children?: ReactNode;
  confirm: ReactNode;
  onConfirm(): void;
  pending: boolean;
  pendingText: string;
  /** Back to the questions; without it there is only the button. */
  onChange?: () => void;
  changeText?: string;
  /** The API's refusal, shown above the answers so they can be changed. */
  error?: unknown;
  errorTitle?: string;
  who?: Who;
}) {
  const issues = error ? issuesFromError(error, who ? { who } : {}) : [];
  return (
    <FormPage
      title={title}
      caption={caption}
      back={back}
      issues={issues}
      {...(errorTitle ? { errorTitle } : {})}
    >
      <SummaryList rows={rows} />
      {children}
      <ButtonGroup>
        <Button type="button" disabled={pending} onClick={onConfirm}>
          {confirm}
        </Button>
        {onChange && (
          <Button type="button" variant="secondary" onClick={onChange}>
            {changeText}
          </Button>
        )}
      </ButtonGroup>
      {pending && <Loading>{pendingText}</Loading>}
    </FormPage>
  );
}

/** Several facts in one answer, one a line (a summary list's value), or as bullets. */
export function AnswerLines({ items, bullets }: { items: readonly string[]; bullets?: boolean }) {
  return (
    <ul className={bullets ? 'govuk-list govuk-list--bullet' : 'govuk-list'}>
      {items.map((words) => (
        <li key={words}>{words}</li>
      ))}
    </ul>
  );
}
