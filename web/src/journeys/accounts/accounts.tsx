/**
 * Getting an account: accepting an invitation from its link, signing up as a provider or broker,
 * and the invitations a care manager sends a holder and a holder sends someone to act for them.
 * Locally there is no email: the "sent messages" page shows what would have been sent.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { type ApiError, type BodyOf, callApi, checkBody, type ResponseOf } from '../../api/client.ts';
import { CheckAnswers } from '../../components/check-answers.tsx';
import { FormPage, useDoneMutation } from '../../components/done-form.tsx';
import {
  BackLink,
  Button,
  ButtonLink,
  ErrorSummary,
  errorFor,
  InsetText,
  Loading,
  Panel,
  Radios,
  SummaryCard,
  SummaryList,
  Tag,
  TextInput,
  WarningText,
} from '../../components/govuk.tsx';
import { PageTitle } from '../../components/layout.tsx';
import { LoadError } from '../../components/query.tsx';
import { useFocusOnStep } from '../../components/steps.tsx';
import { formatDate, formatDateTime } from '../../lib/dates.ts';
import { startHostedSignIn } from '../../lib/hosted-sign-in.ts';
import { delegateScopes, invitationState, rolesInWords } from '../../lib/labels.ts';
import { issuesFromError, issuesFromFields, type SummaryIssue, withoutRepeats } from '../../lib/problems.ts';
import { usePerson } from '../../person.ts';
import { useApi, useRouteQuery } from '../../session.tsx';
import { useLocalSignIn } from '../public/sign-in.tsx';

type OpenInvitation = ResponseOf<'openInvitation'>;
export type Invitation = ResponseOf<'listPersonInvitations'>['items'][number];

/** "Ryedale Moors Council has invited you to join as a care manager." */
function invitedFor(invitation: OpenInvitation): string {
  switch (invitation.kind) {
    case 'staff':
      return `${invitation.councilName} has invited you to join as ${rolesInWords(invitation.roles)}`;
    case 'holder':
      return `${invitation.councilName} has invited you to see and manage your personal budget`;
    case 'representative':
      return `You have been invited to help someone with their personal budget from ${invitation.councilName}`;
  }
}

/** The public "accept your invitation" page the emailed link opens. */
export function AcceptInvitationPage() {
  const { invitationId = '' } = useParams();
  const [params] = useSearchParams();
  const code = params.get('code') ?? '';
  // Public calls, made without anyone's token: the link is all the invitee has.
  const invitation = useQuery<OpenInvitation, ApiError>({
    queryKey: ['openInvitation', invitationId, code],
    queryFn: ({ signal }) =>
      callApi('openInvitation', { params: { invitationId }, query: { code } }, { signal }),
    enabled: Boolean(invitationId && code),
    staleTime: 0,
  });
  const config = useRouteQuery('getAuthConfig', {});
  const localSignIn = useLocalSignIn();
  const [accepted, setAccepted] = useState<ResponseOf<'acceptInvitation'>>();
  const accept = useMutation({
    mutationFn: () => callApi('acceptInvitation', { params: { invitationId }, body: { code } }),
    onSuccess: (result) => {
      if (result.signIn === 'local_demo') localSignIn.mutate({ userId: result.user.userId });
      else setAccepted(result);
    },
  });

  if (accepted) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <PageTitle title="Your account is ready" />
          <Panel title="Your account is ready" />
          <p className="govuk-body">
            We are sending a temporary password to{' '}
            <strong>{accepted.user.email ?? 'your email address'}</strong>. It can take a few minutes to
            arrive.
          </p>
          <p className="govuk-body">
            When it arrives, sign in with your email address and that password. You will then choose a
            password of your own.
          </p>
          <ButtonLink to="/sign-in">Sign in</ButtonLink>
        </div>
      </div>
    );
  }
  if (!code || (invitation.isError && invitation.error.status === 404)) {
    return (
      <Frame title="This invitation link does not work">
        <p className="govuk-body">
          Check you used the whole link from the email. If it still does not work, ask whoever invited you to
          send a new invitation.
        </p>
        <SignInLinks />
      </Frame>
    );
  }
  if (invitation.isError) {
    return (
      <Frame title="Your invitation">
        <LoadError error={invitation.error} />
      </Frame>
    );
  }
  if (invitation.isPending) {
    return (
      <Frame title="Your invitation">
        <Loading>Loading your invitation…</Loading>
      </Frame>
    );
  }
  const data = invitation.data;
  if (!data.usable) {
    return (
      <Frame title="You cannot use this invitation">
        <p className="govuk-body">{data.reason ?? 'This invitation can no longer be used.'}</p>
        <SignInLinks />
      </Frame>
    );
  }
  const working = accept.isPending || localSignIn.isPending;
  const issues = [
    ...(accept.isError ? issuesFromError(accept.error) : []),
    ...(localSignIn.isError ? issuesFromError(localSignIn.error) : []),
  ];
  const local = config.data?.mode === 'local_demo';
  return (
    <Frame title={invitedFor(data)} issues={issues}>
      <SummaryList
        rows={[
          { key: 'Name', value: data.name },
          { key: 'Email address', value: <span className="app-break-word">{data.email}</span> },
          { key: 'Accept by', value: formatDate(data.expiresAt) },
        ]}
      />
      {data.kind === 'representative' && (
        <p className="govuk-body">
          When you accept, you can act for them straight away, but only in the ways they chose. They can take
          this away at any time.
        </p>
      )}
      <p className="govuk-body">
        {local
          ? 'Accepting makes your Carepool account and signs you in.'
          : 'Accepting makes your Carepool account. We will then email you a temporary password to sign in with.'}
      </p>
      <Button type="button" disabled={working} onClick={() => accept.mutate()}>
        Accept the invitation
      </Button>
      {working && <Loading>{accept.isPending ? 'Making your account…' : 'Signing you in…'}</Loading>}
      <p className="govuk-body">If you did not expect this invitation, you can ignore it.</p>
    </Frame>
  );
}

function Frame({
  title,
  issues = [],
  children,
}: {
  title: string;
  issues?: SummaryIssue[];
  children: ReactNode;
}) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title={title} error={issues.length > 0} />
        <ErrorSummary issues={issues} />
        <h1 className="govuk-heading-l">{title}</h1>
        {children}
      </div>
    </div>
  );
}

function SignInLinks() {
  return (
    <p className="govuk-body">
      If you already have an account,{' '}
      <Link className="govuk-link" to="/sign-in">
        sign in
      </Link>
      .
    </p>
  );
}

/** The link in a sent message, as a path on this site (the runtime may call itself by another name). */
function pathOf(link: string): string {
  try {
    const url = new URL(link, window.location.origin);
    return `${url.pathname}${url.search}`;
  } catch {
    return '/';
  }
}

/** Local only: the stand-in for email, listing what Carepool "sent", newest first. */
export function SentMessagesPage() {
  const config = useRouteQuery('getAuthConfig', {});
  const local = config.data?.mode === 'local_demo';
  const messages = useQuery<ResponseOf<'listSentMessages'>, ApiError>({
    queryKey: ['listSentMessages'],
    queryFn: ({ signal }) => callApi('listSentMessages', {}, { signal }),
    enabled: local,
    staleTime: 0,
  });
  return (
    <>
      <PageTitle title="Messages Carepool has sent" error={config.isError || messages.isError} />
      <BackLink to="/sign-in">Sign in</BackLink>
      <h1 className="govuk-heading-xl">Messages Carepool has sent</h1>
      {config.isPending && <Loading />}
      {config.isError && <LoadError error={config.error} />}
      {config.data && !local && (
        <p className="govuk-body">Carepool sends invitations by email. Look for them in your inbox.</p>
      )}
      {local && (
        <>
          <InsetText>
            This is the local demo, so Carepool does not send email. The invitations it would have emailed are
            here instead, newest first. Open one to accept it.
          </InsetText>
          {messages.isPending && <Loading>Loading the messages…</Loading>}
          {messages.isError && <LoadError error={messages.error} />}
          {messages.data?.items.length === 0 && <p className="govuk-body">Nothing has been sent yet.</p>}
          {messages.data?.items.map((message) => (
            <SummaryCard key={`${message.sentAt}${message.to}${message.link}`} title={message.subject}>
              <SummaryList
                rows={[
                  { key: 'To', value: <span className="app-break-word">{message.to}</span> },
                  { key: 'Sent', value: formatDateTime(message.sentAt) },
                  {
                    key: 'Message',
                    value: <p className="govuk-body app-break-word app-pre-line">{message.text}</p>,
                  },
                ]}
              />
              <p className="govuk-body">
                <Link className="govuk-link" to={pathOf(message.link)}>
                  Open the invitation
                  <span className="govuk-visually-hidden"> sent to {message.to}</span>
                </Link>
              </p>
            </SummaryCard>
          ))}
        </>
      )}
    </>
  );
}

/** Providers and brokers sign themselves up; locally here, in AWS on the hosted sign-up page. */
export function SignUpPage() {
  const config = useRouteQuery('getAuthConfig', {});
  if (config.data?.mode === 'cognito') return <HostedSignUp config={config.data} />;
  if (config.data?.mode === 'local_demo') return <LocalSignUp />;
  return (
    <Frame title="Sign up as a provider" issues={config.isError ? issuesFromError(config.error) : []}>
      {config.isPending && <Loading />}
    </Frame>
  );
}

function HostedSignUp({ config }: { config: Extract<ResponseOf<'getAuthConfig'>, { mode: 'cognito' }> }) {
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const start = async () => {
    setIssues([]);
    try {
      await startHostedSignIn(config, '/provider/register');
    } catch {
      setIssues([{ message: 'We could not open the sign-up page. Try again.' }]);
    }
  };
  return (
    <Frame title="Sign up as a provider" issues={issues}>
      <p className="govuk-body">
        If you offer care or support, or you are a support broker, you can sign up yourself.
      </p>
      <p className="govuk-body">
        You will go to a secure page. Choose “Sign up”, give your name, email address and a password, and
        confirm your email address. You then come back here to tell us about your services.
      </p>
      <Button type="button" start onClick={() => void start()}>
        Sign up
      </Button>
      <p className="govuk-body">
        The council checks your evidence before people can pay you from their personal budgets.
      </p>
    </Frame>
  );
}

function LocalSignUp() {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('');
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const localSignIn = useLocalSignIn();
  const fields = { name: 'name', email: 'email', role: 'role' };
  const signUp = useMutation({
    mutationFn: (body: BodyOf<'signUp'>) => callApi('signUp', { body }),
    onSuccess: (user) => localSignIn.mutate({ userId: user.userId, next: '/provider/register' }),
    onError: (error) => setIssues(issuesFromError(error, { fields })),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: SummaryIssue[] = [];
    if (!name.trim()) found.push({ fieldId: 'name', message: 'Enter your name' });
    if (!email.trim()) found.push({ fieldId: 'email', message: 'Enter your email address' });
    if (role !== 'provider' && role !== 'broker')
      found.push({ fieldId: 'role', message: 'Choose whether you are a provider or a support broker' });
    // The API's own checks too (an email address's shape), for the questions not yet spoken of.
    const body: BodyOf<'signUp'> = {
      name: name.trim(),
      email: email.trim(),
      role: role === 'broker' ? 'broker' : 'provider',
    };
    found.push(...withoutRepeats(found, issuesFromFields(checkBody('signUp', body), fields)));
    if (found.length === 0) {
      setIssues([]);
      signUp.mutate(body);
      return;
    }
    setIssues(found);
  };
  const working = signUp.isPending || localSignIn.isPending;
  const allIssues = [...issues, ...(localSignIn.isError ? issuesFromError(localSignIn.error) : [])];
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title="Sign up as a provider" error={allIssues.length > 0} />
        <BackLink to="/sign-in">Back</BackLink>
        <ErrorSummary issues={allIssues} />
        <h1 className="govuk-heading-l">Sign up as a provider</h1>
        <p className="govuk-body">
          If you offer care or support, or you are a support broker, make an account here. Next you tell us
          about your services and your evidence, and the council checks it.
        </p>
        <WarningText>This is the local demo: there is no password, and no email is sent.</WarningText>
        <form onSubmit={onSubmit} noValidate>
          <TextInput
            id="name"
            label="Your name"
            labelSize="s"
            autoComplete="name"
            value={name}
            onChange={setName}
            error={errorFor(issues, 'name')}
          />
          <TextInput
            id="email"
            label="Email address"
            labelSize="s"
            type="email"
            autoComplete="email"
            spellCheck={false}
            value={email}
            onChange={setEmail}
            error={errorFor(issues, 'email')}
          />
          <Radios
            id="role"
            name="role"
            legend="What do you do?"
            legendSize="s"
            value={role}
            onChange={setRole}
            error={errorFor(issues, 'role')}
            options={[
              {
                value: 'provider',
                text: 'I offer care or support',
                hint: 'A care organisation, a small local business, a personal assistant or a local business.',
              },
              {
                value: 'broker',
                text: 'I am a support broker',
                hint: 'I help people plan and find support, and charge a fee for it.',
              },
            ]}
          />
          <Button disabled={working}>Sign up</Button>
          {working && <Loading>Making your account…</Loading>}
        </form>
      </div>
    </div>
  );
}

/** Withdraws one invitation, with its own button named for whom it was to. */
function WithdrawButton({ invitation, onDone }: { invitation: Invitation; onDone?: () => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const withdraw = useMutation({
    mutationFn: () => api('withdrawInvitation', { params: { invitationId: invitation.invitationId } }),
    onSuccess: () => {
      void queryClient.invalidateQueries();
      onDone?.();
    },
  });
  return (
    <>
      {withdraw.isError && <ErrorSummary issues={issuesFromError(withdraw.error)} />}
      <Button
        type="button"
        variant="secondary"
        disabled={withdraw.isPending}
        onClick={() => withdraw.mutate()}
      >
        Withdraw<span className="govuk-visually-hidden"> the invitation to {invitation.name}</span>
      </Button>
    </>
  );
}

export function InvitationTag({
  invitation,
}: {
  invitation: { status: Invitation['status']; expired: boolean };
}) {
  const state = invitationState(invitation);
  return <Tag colour={state.colour}>{state.text}</Tag>;
}

/** One invitation as a card: to whom, when, where it has got to, and "Withdraw" while it is waiting. */
export function InvitationCard({
  invitation,
  title,
  extraRows = [],
}: {
  invitation: Invitation;
  title?: string;
  extraRows?: Array<{ key: string; value: ReactNode }>;
}) {
  const waiting = invitation.status === 'pending' && !invitation.expired;
  return (
    <SummaryCard title={title ?? invitation.name}>
      <SummaryList
        rows={[
          { key: 'Email address', value: <span className="app-break-word">{invitation.email}</span> },
          ...extraRows,
          { key: 'Sent', value: formatDate(invitation.invitedAt) },
          { key: 'Status', value: <InvitationTag invitation={invitation} /> },
          invitation.status === 'pending' && {
            key: invitation.expired ? 'Ended' : 'Works until',
            value: formatDate(invitation.expiresAt),
          },
          invitation.acceptedAt !== undefined && {
            key: 'Accepted',
            value: formatDate(invitation.acceptedAt),
          },
          invitation.withdrawnAt !== undefined && {
            key: 'Withdrawn',
            value: formatDate(invitation.withdrawnAt),
          },
        ]}
      />
      {waiting && <WithdrawButton invitation={invitation} />}
    </SummaryCard>
  );
}

/**
 * On a person's page, for their care manager: whether they can sign in, the invitation sent to
 * them and where it has got to, and "Invite … to sign in".
 */
export function HolderAccountSection({ personId, name }: { personId: string; name: string }) {
  const invitations = useRouteQuery('listPersonInvitations', { params: { id: personId } });
  const firstName = name.split(' ')[0] ?? name;
  const holderInvitations = (invitations.data?.items ?? []).filter((i) => i.kind === 'holder');
  const accepted = holderInvitations.find((i) => i.status === 'accepted');
  const latest = holderInvitations[0];
  const waiting = latest?.status === 'pending' && !latest.expired;
  return (
    <section aria-labelledby="account-heading">
      <h2 className="govuk-heading-m" id="account-heading">
        Signing in to Carepool
      </h2>
      {invitations.isPending && <Loading>Loading their invitations…</Loading>}
      {invitations.isError && <LoadError error={invitations.error} />}
      {invitations.data &&
        (accepted ? (
          <p className="govuk-body">
            {name} has a Carepool account. They accepted their invitation on{' '}
            {formatDate(accepted.acceptedAt ?? accepted.invitedAt)}.
          </p>
        ) : (
          <>
            {latest ? (
              <InvitationCard invitation={latest} title={`Invitation to ${name}`} />
            ) : (
              <p className="govuk-body">{firstName} has not been invited to sign in yet.</p>
            )}
            {!waiting && (
              <p className="govuk-body">
                <Link className="govuk-link" to={`/people/${personId}/invite`}>
                  Invite {name} to sign in
                </Link>
              </p>
            )}
          </>
        ))}
    </section>
  );
}

/** A care manager invites a holder to sign in: their email address, then a check before sending. */
export function InviteHolderPage() {
  const { personId = '' } = useParams();
  const { person } = usePerson(personId);
  const [email, setEmail] = useState('');
  const [step, setStep] = useState<'form' | 'check'>('form');
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  useFocusOnStep(step);
  const api = useApi();
  const name = person.data?.name ?? 'this person';
  const send = useDoneMutation({
    mutationFn: (body: BodyOf<'invitePerson'>) => api('invitePerson', { params: { id: personId }, body }),
    to: () => `/people/${personId}?invited=holder`,
    onError: (error) => {
      setIssues(issuesFromError(error, { fields: { email: 'email' } }));
      setStep('form');
    },
  });
  const body: BodyOf<'invitePerson'> = { kind: 'holder', email: email.trim() };
  const onContinue = (event: FormEvent) => {
    event.preventDefault();
    const found: SummaryIssue[] = email.trim()
      ? issuesFromFields(checkBody('invitePerson', body), { email: 'email' })
      : [{ fieldId: 'email', message: `Enter ${name}’s email address` }];
    setIssues(found);
    if (found.length === 0) setStep('check');
  };
  if (step === 'check') {
    return (
      <CheckAnswers
        title="Check before you send the invitation"
        rows={[
          { key: 'Who', value: name },
          { key: 'Email address', value: <span className="app-break-word">{email.trim()}</span> },
        ]}
        confirm="Send the invitation"
        onConfirm={() => send.mutate(body)}
        pending={send.isPending}
        pendingText="Sending…"
        onChange={() => setStep('form')}
        changeText="Change the email address"
      >
        <p className="govuk-body">
          We will email {name} a link to make their account. It works once, for 7 days. With it they can see
          their budget and plan, and find and book support.
        </p>
      </CheckAnswers>
    );
  }
  return (
    <FormPage
      title={`Invite ${name} to sign in`}
      back={`/people/${personId}`}
      issues={issues}
      error={person.isError}
    >
      {person.isError && <LoadError error={person.error} />}
      <form onSubmit={onContinue} noValidate>
        <TextInput
          id="email"
          label="Their email address"
          labelSize="s"
          hint="We will send the invitation here. Only they should be able to read this email."
          type="email"
          autoComplete="off"
          spellCheck={false}
          value={email}
          onChange={setEmail}
          error={errorFor(issues, 'email')}
        />
        <Button>Continue</Button>
      </form>
    </FormPage>
  );
}

/** On "Who can act for you": access granted by email that waits for them to sign in, with "Withdraw". */
export function RepresentativeInvitations({ personId }: { personId: string }) {
  const invitations = useRouteQuery('listPersonInvitations', { params: { id: personId } });
  const open = (invitations.data?.items ?? []).filter(
    (i) => i.kind === 'representative' && i.status === 'pending',
  );
  // The list of who can act below says why, when the reader may not see this: one error summary a page.
  if (invitations.isError || open.length === 0) return null;
  return (
    <section aria-labelledby="invitations-heading">
      <h2 className="govuk-heading-m" id="invitations-heading">
        Waiting for them to sign in
      </h2>
      {open.map((invitation) => (
        <InvitationCard
          key={invitation.invitationId}
          invitation={invitation}
          extraRows={[
            ...(invitation.relationship ? [{ key: 'Who they are', value: invitation.relationship }] : []),
            {
              key: 'They will be able to',
              value: (
                <ul className="govuk-list">
                  {(invitation.scopes ?? []).map((scope) => (
                    <li key={scope}>{delegateScopes[scope]}</li>
                  ))}
                </ul>
              ),
            },
          ]}
        />
      ))}
    </section>
  );
}
