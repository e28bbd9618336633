/**
 * What every form that changes something does: send once, and when the API has answered read every
 * cached answer again before moving on, so the page under the "Done" banner never shows the old
 * state. The banner itself is chosen by `?done=` on the page it lands on.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { SummaryIssue } from '../lib/problems.ts';
import { BackLink, ErrorSummary, NotificationBanner } from './govuk.tsx';
import { PageTitle } from './layout.tsx';

export function useDoneMutation<Body, Result>({
  mutationFn,
  to,
  replace,
  state,
  onDone,
  onError,
}: {
  mutationFn(body: Body): Promise<Result>;
  /** Where to go once it is done and the data is fresh. */
  to(result: Result, body: Body): string;
  replace?: boolean;
  /** What the next page is told (a name for its banner), when the address does not say it. */
  state?(result: Result): unknown;
  /** Anything to remember before the page moves on. */
  onDone?(result: Result): void;
  onError?(error: Error): void;
}) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn,
    onSuccess: async (result: Result, body: Body) => {
      onDone?.(result);
      await queryClient.invalidateQueries();
      navigate(to(result, body), {
        ...(replace ? { replace: true } : {}),
        ...(state ? { state: state(result) } : {}),
      });
    },
    ...(onError ? { onError } : {}),
  });
}

/**
 * Shows every issue found at once, or, when there are none and the body could be built, clears
 * the old issues and sends it.
 */
export function sendWhenValid<Body>(
  found: SummaryIssue[],
  setIssues: (issues: SummaryIssue[]) => void,
  body: Body | undefined,
  send: (body: Body) => void,
): void {
  setIssues(found);
  if (found.length === 0 && body !== undefined) send(body);
}

/** The green "Done" banner for the `?done=` a form sent this page, when it has words for it. */
export function DoneBanner({ messages }: { messages: Record<string, ReactNode> }) {
  const [params] = useSearchParams();
  const done = params.get('done');
  const message = done ? messages[done] : undefined;
  if (!message) return null;
  return (
    <NotificationBanner success title="Done">
      <p className="govuk-notification-banner__heading">{message}</p>
    </NotificationBanner>
  );
}

/**
 * A question page: its title (marked when there are errors), a way back, every error at once,
 * the caption and heading, then the form, in the two-thirds column GOV.UK forms use.
 */
export function FormPage({
  title,
  heading = title,
  caption,
  back,
  backText = 'Back',
  issues = [],
  errorTitle,
  error = false,
  children,
}: {
  title: string;
  /** The page's h1, when it differs from the title; `null` when a field's label is the heading. */
  heading?: ReactNode;
  caption?: ReactNode;
  back?: string | undefined;
  backText?: string;
  issues?: SummaryIssue[];
  errorTitle?: string;
  /** The title says there is an error even when no issue is listed (a failed load). */
  error?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title={title} error={error || issues.length > 0} />
        {back && <BackLink to={back}>{backText}</BackLink>}
        <ErrorSummary issues={issues} {...(errorTitle ? { title: errorTitle } : {})} />
        {caption && <span className="govuk-caption-l">{caption}</span>}
        {heading !== null && <h1 className="govuk-heading-l">{heading}</h1>}
        {children}
      </div>
    </div>
  );
}
