import type { Role } from '@carepool/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, callApi } from '../api/client.ts';
import {
  Button,
  ButtonLink,
  ErrorSummary,
  InsetText,
  Loading,
  NotificationBanner,
  WarningText,
} from '../components/govuk.tsx';
import { homeFor, PageTitle } from '../components/layout.tsx';
import { issuesFromError } from '../lib/problems.ts';
import { useMe, useRouteQuery, useSession } from '../session.tsx';

export function HomePage() {
  const { token } = useSession();
  const me = useMe();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title="Find and pay for support with your personal budget" />
        <h1 className="govuk-heading-xl">Find and pay for support with your personal budget</h1>
        <p className="govuk-body-l">
          Carepool helps people who have a personal budget for social care find support near them, book it,
          and see what they have left to spend.
        </p>
        <p className="govuk-body">Use Carepool to:</p>
        <ul className="govuk-list govuk-list--bullet">
          <li>find care, personal assistants, clubs, transport and other support near you</li>
          <li>book support and pay for it from your personal budget</li>
          <li>see what you can still spend on each part of your support plan</li>
          <li>let a family member or friend help you manage your budget</li>
        </ul>
        <ButtonLink to="/find-support" start>
          Find support
        </ButtonLink>
        {token && me.data ? (
          <p className="govuk-body">
            <Link className="govuk-link" to={homeFor(me.data)}>
              Go to your Carepool home page
            </Link>
          </p>
        ) : (
          <>
            <h2 className="govuk-heading-m">Already use Carepool?</h2>
            <p className="govuk-body">
              <Link className="govuk-link" to="/sign-in">
                Sign in
              </Link>{' '}
              to see your budget, your bookings and your support plan.
            </p>
          </>
        )}
      </div>
    </div>
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
];

export function SignInPage() {
  const users = useRouteQuery('listDemoUsers', {});
  const { signIn } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const [chosen, setChosen] = useState<string>();
  const signInAs = useMutation({
    mutationFn: async (userId: string) => {
      const { token } = await callApi('issueDevToken', { body: { userId } });
      const me = await callApi('getMe', {}, { token });
      return { token, me };
    },
    onSuccess: ({ token, me }) => {
      signIn(token);
      queryClient.setQueryData(['getMe', token], me);
      const next = params.get('next');
      navigate(next?.startsWith('/') && !next.startsWith('//') ? next : homeFor(me));
    },
  });
  const localDemoMissing = users.error instanceof ApiError && users.error.status === 404;
  return (
    <>
      <PageTitle title="Sign in" error={signInAs.isError} />
      {signInAs.isError && <ErrorSummary issues={issuesFromError(signInAs.error)} />}
      {params.get('expired') && (
        <NotificationBanner title="You have been signed out">
          <p className="govuk-notification-banner__heading">Your sign-in ended. Sign in again to carry on.</p>
        </NotificationBanner>
      )}
      <h1 className="govuk-heading-xl">Sign in</h1>
      {users.isPending && <Loading>Loading the demo users…</Loading>}
      {localDemoMissing && (
        <InsetText>
          Sign in with the account your council gave you. (The demo sign-in is only available when Carepool
          runs on your own computer.)
        </InsetText>
      )}
      {users.isError && !localDemoMissing && <ErrorSummary issues={issuesFromError(users.error)} />}
      {users.data && (
        <>
          <WarningText>
            This is the local demo. There are no passwords: choose any made-up person below to see Carepool as
            they would.
          </WarningText>
          <p className="govuk-body">Choose who you want to be.</p>
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
                          signInAs.mutate(user.userId);
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
    </>
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

export function AccessibilityPage() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title="Accessibility statement" />
        <h1 className="govuk-heading-l">Accessibility statement</h1>
        <p className="govuk-body">
          Carepool is for everyone, including people who use screen readers, switches, voice control or only a
          keyboard, and people who use a phone.
        </p>
        <p className="govuk-body">
          We aim to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA:
        </p>
        <ul className="govuk-list govuk-list--bullet">
          <li>every page works with a keyboard alone, and shows where you are</li>
          <li>every page works on a screen 320 pixels wide without scrolling sideways</li>
          <li>charts always have the same figures written out in words and in a table</li>
          <li>every form says what went wrong and links to the question to fix</li>
        </ul>
        <p className="govuk-body">
          Every release is checked in a real browser with automated accessibility tests. If something does not
          work for you, tell your council so they can tell us.
        </p>
      </div>
    </div>
  );
}

export function NotFoundPage() {
  return (
    <>
      <PageTitle title="Page not found" />
      <h1 className="govuk-heading-l">Page not found</h1>
      <p className="govuk-body">If you typed the web address, check it is correct.</p>
      <p className="govuk-body">
        You can{' '}
        <Link className="govuk-link" to="/">
          go to the Carepool home page
        </Link>
        .
      </p>
    </>
  );
}
