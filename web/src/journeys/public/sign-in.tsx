/**
 * Signing in and out. `GET /v1/auth/config` says how: on your own computer, the "Sign in as" demo
 * page; in AWS, Cognito's hosted sign-in page, reached with a start button and come back from at
 * /signed-in (the OAuth code flow with PKCE, in `lib/hosted-sign-in.ts`).
 */
import type { Role } from '@carepool/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, callApi, type ResponseOf } from '../../api/client.ts';
import {
  Button,
  ButtonLink,
  ErrorSummary,
  InsetText,
  Loading,
  NotificationBanner,
  WarningText,
} from '../../components/govuk.tsx';
import { homeFor, PageTitle } from '../../components/layout.tsx';
import {
  codeGrant,
  pathOnThisSite,
  readCallback,
  requestTokens,
  revokeRefreshToken,
  type SignInCallback,
  signedInPath,
  startHostedSignIn,
  takePendingSignIn,
} from '../../lib/hosted-sign-in.ts';
import { issuesFromError, type SummaryIssue } from '../../lib/problems.ts';
import { meKey, useRouteQuery, useSession } from '../../session.tsx';

type HostedConfig = Extract<ResponseOf<'getAuthConfig'>, { mode: 'cognito' }>;

export function SignInPage() {
  const config = useRouteQuery('getAuthConfig', {});
  if (config.data?.mode === 'cognito') return <HostedSignInPage config={config.data} />;
  if (config.data?.mode === 'local_demo') return <DemoSignInPage />;
  return (
    <SignInFrame issues={config.isError ? issuesFromError(config.error) : []}>
      {config.isPending && <Loading>Loading…</Loading>}
    </SignInFrame>
  );
}

/** The title, any errors, the "your sign-in ended" banner and the heading, in either mode. */
function SignInFrame({ issues, children }: { issues: SummaryIssue[]; children: ReactNode }) {
  const [params] = useSearchParams();
  return (
    <>
      <PageTitle title="Sign in" error={issues.length > 0} />
      <ErrorSummary issues={issues} />
      {params.get('expired') && (
        <NotificationBanner title="You have been signed out">
          <p className="govuk-notification-banner__heading">Your sign-in ended. Sign in again to carry on.</p>
        </NotificationBanner>
      )}
      <h1 className="govuk-heading-xl">Sign in</h1>
      {!params.get('expired') && pathOnThisSite(params.get('next')) && (
        <InsetText>Sign in to see the page you asked for. You will go straight back to it.</InsetText>
      )}
      {children}
    </>
  );
}

function HostedSignInPage({ config }: { config: HostedConfig }) {
  const [params] = useSearchParams();
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const start = async () => {
    setIssues([]);
    try {
      await startHostedSignIn(config, pathOnThisSite(params.get('next')));
    } catch {
      setIssues([
        {
          message:
            'We could not start signing you in. Try again. If it keeps happening, try a different web browser.',
        },
      ]);
    }
  };
  return (
    <SignInFrame issues={issues}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body">
            Sign in with the email address and password you use for Carepool. You will go to a secure sign-in
            page, then come back here.
          </p>
          <Button type="button" start onClick={() => void start()}>
            Sign in
          </Button>
          <p className="govuk-body">
            If you do not have an account, ask your council or the organisation that helps you with your
            personal budget.
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to="/sign-up">
              Offer support? Sign up as a provider
            </Link>
          </p>
        </div>
      </div>
    </SignInFrame>
  );
}

const roleGroups: Array<{ role: Role; heading: string; intro: string }> = [
  {
    role: 'holder',
    heading: 'People with a personal budget',
    intro: 'See a budget, book support and confirm it.',
  },
  {
    role: 'representative',
    heading: 'Family members and representatives',
    intro: 'Act for someone, within what they allow.',
  },
  {
    role: 'provider',
    heading: 'Providers',
    intro: 'See and answer bookings, and record what was delivered.',
  },
  { role: 'broker', heading: 'Support brokers', intro: 'Help people plan and find support.' },
  {
    role: 'care_manager',
    heading: 'Council care managers',
    intro: 'Register people, set budgets, approve plans, check providers.',
  },
  { role: 'finance', heading: 'Council finance officers', intro: 'Pay money into people’s accounts.' },
  { role: 'auditor', heading: 'Auditors', intro: 'See everything and change nothing.' },
  {
    role: 'council_admin',
    heading: 'Council administrators',
    intro: 'Invite and remove the council’s staff, and change its settings.',
  },
  {
    role: 'platform_admin',
    heading: 'Carepool operators',
    intro: 'Add councils and invite each council’s administrator.',
  },
];

/**
 * Local demo only: signs this tab in as a user (one of the demo people, or an account just made
 * by accepting an invitation or signing up), as the "Sign in as" page does, then goes to `next`
 * or the person's home page.
 */
export function useLocalSignIn() {
  const { signIn } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ userId }: { userId: string; next?: string | undefined }) => {
      const { token } = await callApi('issueDevToken', { body: { userId } });
      const me = await callApi('getMe', {}, { token });
      return { token, me };
    },
    onSuccess: ({ token, me }, { next }) => {
      signIn(token);
      queryClient.setQueryData(meKey(token), me);
      navigate(next ?? homeFor(me));
    },
  });
}

function DemoSignInPage() {
  const users = useRouteQuery('listDemoUsers', {});
  const [params] = useSearchParams();
  const [chosen, setChosen] = useState<string>();
  const signInAs = useLocalSignIn();
  const localDemoMissing = users.error instanceof ApiError && users.error.status === 404;
  const issues = [
    ...(signInAs.isError ? issuesFromError(signInAs.error) : []),
    ...(users.isError && !localDemoMissing ? issuesFromError(users.error) : []),
  ];
  return (
    <SignInFrame issues={issues}>
      {users.isPending && <Loading>Loading the demo users…</Loading>}
      {localDemoMissing && (
        <InsetText>
          Sign in with the account your council gave you. (The demo sign-in is only available when Carepool
          runs on your own computer.)
        </InsetText>
      )}
      {users.data && (
        <>
          <WarningText>
            This is the local demo. There are no passwords: choose any made-up person below to see Carepool as
            they would.
          </WarningText>
          <p className="govuk-body">Choose who you want to be.</p>
          <ul className="govuk-list">
            <li>
              <Link className="govuk-link" to="/sign-up">
                Offer support? Sign up as a provider
              </Link>
            </li>
            <li>
              <Link className="govuk-link" to="/dev/messages">
                Messages Carepool has sent (invitations to join)
              </Link>
            </li>
          </ul>
          {roleGroups.map(({ role, heading, intro }) => {
            const people = users.data.items.filter((user) => user.roles[0] === role);
            if (people.length === 0) return null;
            return (
              <section key={role} aria-labelledby={`role-${role}`}>
                <h2 className="govuk-heading-l" id={`role-${role}`}>
                  {heading}
                </h2>
                <p className="govuk-body govuk-hint">{intro}</p>
                {people.map((user) => (
                  <div className="govuk-summary-card" key={user.userId}>
                    <div className="govuk-summary-card__title-wrapper">
                      <h3 className="govuk-summary-card__title">{user.name}</h3>
                    </div>
                    <div className="govuk-summary-card__content">
                      <p className="govuk-body">{user.description}</p>
                      <Button
                        type="button"
                        variant="secondary"
                        disabled={signInAs.isPending}
                        onClick={() => {
                          setChosen(user.userId);
                          signInAs.mutate({ userId: user.userId, next: pathOnThisSite(params.get('next')) });
                        }}
                      >
                        Sign in as {user.name}
                      </Button>
                      {signInAs.isPending && chosen === user.userId && <Loading>Signing you in…</Loading>}
                    </div>
                  </div>
                ))}
              </section>
            );
          })}
        </>
      )}
    </SignInFrame>
  );
}

type Outcome =
  | { kind: 'working' }
  | Exclude<SignInCallback, { kind: 'code' }>
  | { kind: 'failed'; issues: SummaryIssue[] };

const couldNotFinish: SummaryIssue = {
  message: 'We could not finish signing you in. Nothing has changed.',
};

/**
 * Where the hosted sign-in sends people back, with a code (or an error) and the state. The state
 * must be the one this tab sent; the code is swapped for tokens with the verifier only this tab
 * has, then taken out of the address so it is not in the history or shared by copying the link.
 */
export function SignedInPage() {
  const { signIn } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'working' });
  const started = useRef(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    // Once only: a code can be used once (React runs effects twice in development).
    if (started.current) return;
    started.current = true;
    const callback = readCallback(new URLSearchParams(window.location.search), takePendingSignIn());
    window.history.replaceState(window.history.state, '', signedInPath);
    if (callback.kind !== 'code') {
      setOutcome(callback);
      return;
    }
    const { code, pending } = callback;
    const finish = async () => {
      const tokens = await requestTokens(pending, codeGrant(pending, code)).catch(() => undefined);
      if (!tokens) return setOutcome({ kind: 'failed', issues: [couldNotFinish] });
      try {
        const me = await callApi('getMe', {}, { token: tokens.idToken });
        const { refreshToken } = tokens;
        signIn(
          tokens.idToken,
          refreshToken ? { refreshToken, domain: pending.domain, clientId: pending.clientId } : undefined,
        );
        queryClient.setQueryData(meKey(tokens.idToken), me);
        navigate(pathOnThisSite(pending.next) ?? homeFor(me), { replace: true });
      } catch (error) {
        if (tokens.refreshToken) revokeRefreshToken(pending, tokens.refreshToken).catch(() => undefined);
        setOutcome({ kind: 'failed', issues: issuesFromError(error) });
      }
    };
    void finish();
  }, [signIn, queryClient, navigate]);

  // When it did not work, the heading takes focus, so the news is read out first.
  useEffect(() => {
    if (outcome.kind !== 'working') heading.current?.focus();
  }, [outcome.kind]);

  if (outcome.kind === 'working') {
    return (
      <>
        <PageTitle title="Signing you in" />
        <h1 className="govuk-heading-l">Signing you in</h1>
        <Loading>Signing you in…</Loading>
      </>
    );
  }
  const title = outcome.kind === 'refused' ? 'You have not been signed in' : 'Sign-in did not finish';
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title={title} />
        <h1 className="govuk-heading-l" ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {outcome.kind === 'not_ours' && (
          <p className="govuk-body">
            This can happen if you used an old link, started signing in from another tab or window, or the
            sign-in page took a long time. Nothing has changed.
          </p>
        )}
        {outcome.kind === 'refused' && (
          <>
            <p className="govuk-body">
              {outcome.error === 'access_denied'
                ? 'The sign-in page did not let you in, or signing in was stopped.'
                : 'The sign-in page could not sign you in.'}
            </p>
            {outcome.description && (
              <InsetText>
                The sign-in page said: “{outcome.description}” (code: {outcome.error})
              </InsetText>
            )}
          </>
        )}
        {outcome.kind === 'failed' &&
          outcome.issues.map((issue) => (
            <p className="govuk-body" key={issue.message}>
              {issue.message}
            </p>
          ))}
        <ButtonLink to="/sign-in">Sign in again</ButtonLink>
        <p className="govuk-body">
          If it keeps happening, contact your council. You can still{' '}
          <Link className="govuk-link" to="/find-support">
            find support
          </Link>{' '}
          without signing in.
        </p>
      </div>
    </div>
  );
}

export function SignedOutPage() {
  return (
    <>
      <PageTitle title="You have signed out" />
      <h1 className="govuk-heading-l">You have signed out</h1>
      <p className="govuk-body">
        <Link className="govuk-link" to="/sign-in">
          Sign in again
        </Link>{' '}
        or{' '}
        <Link className="govuk-link" to="/find-support">
          find support
        </Link>
        .
      </p>
    </>
  );
}
