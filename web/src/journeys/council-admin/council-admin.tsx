/**
 * A council administrator's pages: who has an account and what they may do, removing access,
 * inviting staff, the invitations sent, and the council's own settings.
 */
import type { Role, StaffRole } from '@carepool/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError, type BodyOf, checkBody, type ResponseOf } from '../../api/client.ts';
import { type Contact, ContactFields, readContact } from '../../components/contact-fields.tsx';
import {
  CouncilFields,
  type CouncilForm,
  councilFields,
  readCouncilForm,
} from '../../components/council-fields.tsx';
import { FormPage, sendWhenValid, useDoneMutation } from '../../components/done-form.tsx';
import {
  BackLink,
  Button,
  ButtonGroup,
  ButtonLink,
  Checkboxes,
  ErrorSummary,
  errorFor,
  Loading,
  NotificationBanner,
  SummaryCard,
  SummaryList,
  Tag,
  Textarea,
  WarningText,
} from '../../components/govuk.tsx';
import { PageTitle } from '../../components/layout.tsx';
import { Await, LoadError } from '../../components/query.tsx';
import { formatDate } from '../../lib/dates.ts';
import { roleNames, staffRoleOptions } from '../../lib/labels.ts';
import { formatPence, penceToPoundsInput } from '../../lib/money.ts';
import { issuesFromError, issuesFromFields, type SummaryIssue, withoutRepeats } from '../../lib/problems.ts';
import { useAllPages, useApi, useMe, useRouteQuery } from '../../session.tsx';
import { InvitationCard } from '../accounts/accounts.tsx';

type User = ResponseOf<'listCouncilUsers'>['items'][number];

/** What the page before said it did ("invited Cath"), carried in the history entry, not the address. */
function useDoneState(): { invited?: string; removed?: string; saved?: boolean } {
  const location = useLocation();
  const state: unknown = location.state;
  return typeof state === 'object' && state !== null ? (state as Record<string, never>) : {};
}

/** The signed-in administrator's council, or a page saying they have none. */
function useCouncilId(): { councilId: string | undefined; me: ReturnType<typeof useMe> } {
  const me = useMe();
  return { councilId: me.data?.councilId, me };
}

function rolesText(roles: readonly Role[]): string {
  return roles.map((role) => roleNames[role]).join(', ');
}

function AdminLinks({ current }: { current: 'staff' | 'invite' | 'invitations' | 'settings' }) {
  const links = [
    { key: 'staff', to: '/admin', text: 'Staff and accounts' },
    { key: 'invite', to: '/admin/invite', text: 'Invite a member of staff' },
    { key: 'invitations', to: '/admin/invitations', text: 'Invitations sent' },
    { key: 'settings', to: '/admin/settings', text: 'Council settings' },
    // The staff page has its own "Invite a member of staff" button.
  ].filter((link) => link.key !== current && !(current === 'staff' && link.key === 'invite'));
  return (
    <nav aria-label="Council administration">
      <ul className="govuk-list">
        {links.map((link) => (
          <li key={link.key}>
            <Link className="govuk-link" to={link.to}>
              {link.text}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function UserCard({ user, isMe }: { user: User; isMe: boolean }) {
  const active = user.status === 'active';
  return (
    <SummaryCard
      title={user.name}
      actions={
        active && !isMe ? (
          <Link className="govuk-link" to={`/admin/accounts/${encodeURIComponent(user.userId)}/remove`}>
            Remove access<span className="govuk-visually-hidden"> for {user.name}</span>
          </Link>
        ) : undefined
      }
    >
      <SummaryList
        rows={[
          { key: 'What they do', value: rolesText(user.roles) },
          {
            key: 'Status',
            value: active ? <Tag colour="green">Can sign in</Tag> : <Tag colour="grey">Access removed</Tag>,
          },
          user.email !== undefined && {
            key: 'Email address',
            value: <span className="app-break-word">{user.email}</span>,
          },
          user.createdAt !== undefined && { key: 'Joined', value: formatDate(user.createdAt) },
          user.removedAt !== undefined && { key: 'Removed', value: formatDate(user.removedAt) },
          user.removalReason !== undefined && { key: 'Why', value: user.removalReason },
          isMe && { key: 'This is you', value: 'You cannot remove your own access.' },
        ]}
      />
    </SummaryCard>
  );
}

/** "Staff and accounts": everyone with an account at the council, staff first. */
export function StaffAndAccountsPage() {
  const { councilId, me } = useCouncilId();
  const users = useAllPages(
    'listCouncilUsers',
    { params: { councilId: councilId ?? '' }, query: {} },
    { enabled: Boolean(councilId) },
  );
  const council = useRouteQuery(
    'getCouncil',
    { params: { councilId: councilId ?? '' } },
    { enabled: Boolean(councilId) },
  );
  const done = useDoneState();
  return (
    <>
      <PageTitle title="Staff and accounts" error={users.isError} />
      {done.removed && (
        <NotificationBanner success title="Access removed">
          <p className="govuk-notification-banner__heading">
            {done.removed} has been signed out and cannot sign in again.
          </p>
        </NotificationBanner>
      )}
      {council.data && <span className="govuk-caption-l">{council.data.name}</span>}
      <h1 className="govuk-heading-xl">Staff and accounts</h1>
      <ButtonLink to="/admin/invite">Invite a member of staff</ButtonLink>
      <AdminLinks current="staff" />
      {me.data && !councilId && <p className="govuk-body">Your account does not belong to a council.</p>}
      {councilId && (
        <Await query={users} loading="Loading the accounts…">
          {({ items }) => {
            const staff = items.filter((u) => !u.roles.includes('holder'));
            const holders = items.filter((u) => u.roles.includes('holder'));
            return (
              <>
                <h2 className="govuk-heading-l">Staff</h2>
                {staff.length === 0 && <p className="govuk-body">Nobody yet.</p>}
                {staff.map((user) => (
                  <UserCard key={user.userId} user={user} isMe={user.userId === me.data?.userId} />
                ))}
                <h2 className="govuk-heading-l">Budget holders with an account</h2>
                {holders.length === 0 && <p className="govuk-body">Nobody yet.</p>}
                {holders.map((user) => (
                  <UserCard key={user.userId} user={user} isMe={user.userId === me.data?.userId} />
                ))}
              </>
            );
          }}
        </Await>
      )}
    </>
  );
}

/** Removing someone's access: a reason, and a clear warning that it is at once and for good. */
export function RemoveAccessPage() {
  const { userId = '' } = useParams();
  const { councilId } = useCouncilId();
  const users = useAllPages(
    'listCouncilUsers',
    { params: { councilId: councilId ?? '' }, query: {} },
    { enabled: Boolean(councilId) },
  );
  const user = users.data?.items.find((u) => u.userId === userId);
  const [reason, setReason] = useState('');
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: (body: BodyOf<'removeUser'>) => api('removeUser', { params: { userId }, body }),
    onSuccess: async (removed) => {
      await queryClient.invalidateQueries();
      navigate('/admin', { state: { removed: removed.name } });
    },
    onError: (error) => setIssues(issuesFromError(error, { fields: { reason: 'reason' } })),
  });
  const name = user?.name ?? 'this person';
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = { reason: reason.trim() };
    const found: SummaryIssue[] = body.reason
      ? issuesFromFields(checkBody('removeUser', body), { reason: 'reason' })
      : [{ fieldId: 'reason', message: 'Say why you are removing their access' }];
    setIssues(found);
    if (found.length === 0) remove.mutate(body);
  };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title={`Remove ${name}’s access`} error={issues.length > 0 || users.isError} />
        <BackLink to="/admin">Back</BackLink>
        <ErrorSummary issues={issues} />
        {users.isError && <LoadError error={users.error} />}
        {users.isPending && <Loading />}
        <h1 className="govuk-heading-l">Remove {name}’s access?</h1>
        {user && (
          <SummaryList
            rows={[
              { key: 'What they do', value: rolesText(user.roles) },
              user.email !== undefined && {
                key: 'Email address',
                value: <span className="app-break-word">{user.email}</span>,
              },
            ]}
          />
        )}
        <WarningText>
          {name} will be signed out straight away and will not be able to sign in again. You cannot undo this:
          to let them back, invite them again with a different email address.
        </WarningText>
        {user && user.status !== 'active' ? (
          <p className="govuk-body">Their access has already been removed.</p>
        ) : (
          <form onSubmit={onSubmit} noValidate>
            <Textarea
              id="reason"
              label="Why are you removing their access?"
              labelSize="s"
              hint="For example, they have left the council. This is kept in the audit trail."
              rows={3}
              value={reason}
              onChange={setReason}
              error={errorFor(issues, 'reason')}
            />
            <ButtonGroup>
              <Button variant="warning" disabled={remove.isPending || !user}>
                Remove access
              </Button>
              <Link className="govuk-link" to="/admin">
                Cancel
              </Link>
            </ButtonGroup>
          </form>
        )}
      </div>
    </div>
  );
}

/** A council administrator invites a member of staff, choosing what they will do. */
export function InviteStaffPage() {
  const { councilId } = useCouncilId();
  const [contact, setContact] = useState<Contact>({ name: '', email: '' });
  const [roles, setRoles] = useState<string[]>([]);
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const api = useApi();
  const fields = { name: 'name', email: 'email', roles: 'roles' };
  const invite = useDoneMutation({
    mutationFn: (body: BodyOf<'inviteStaff'>) =>
      api('inviteStaff', { params: { councilId: councilId ?? '' }, body }),
    to: () => '/admin/invitations',
    state: (invitation) => ({ invited: invitation.name }),
    onError: (error) => setIssues(issuesFromError(error, { fields })),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: SummaryIssue[] = [];
    const { name, email } = readContact(found, contact, 'Enter their work email address');
    if (roles.length === 0) found.push({ fieldId: 'roles', message: 'Choose what they will do' });
    const body: BodyOf<'inviteStaff'> | undefined =
      found.length === 0
        ? {
            name,
            email,
            roles: staffRoleOptions
              .map((o) => o.role)
              .filter((role): role is StaffRole => roles.includes(role)),
          }
        : undefined;
    if (body) found.push(...issuesFromFields(checkBody('inviteStaff', body), fields));
    sendWhenValid(found, setIssues, body, invite.mutate);
  };
  return (
    <FormPage title="Invite a member of staff" back="/admin" backText="Staff and accounts" issues={issues}>
      <p className="govuk-body">
        We will email them a link to make their account. It works once, for 7 days.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <StaffContactFields value={contact} onChange={setContact} issues={issues} />
        <Checkboxes
          id="roles"
          name="roles"
          legend="What will they do?"
          legendSize="s"
          hint="Choose all that apply."
          values={roles}
          onChange={setRoles}
          error={errorFor(issues, 'roles')}
          options={staffRoleOptions.map(({ role, hint }) => ({ value: role, text: roleNames[role], hint }))}
        />
        <Button disabled={invite.isPending}>Send the invitation</Button>
      </form>
    </FormPage>
  );
}

/** A member of staff's full name and work email address. */
export function StaffContactFields(props: {
  value: Contact;
  onChange(value: Contact): void;
  issues: SummaryIssue[];
}) {
  return <ContactFields {...props} nameLabel="Their full name" emailLabel="Their work email address" />;
}

/** Every invitation the council has sent, newest first, with "Withdraw" on those still waiting. */
export function CouncilInvitationsPage() {
  const { councilId } = useCouncilId();
  const invitations = useAllPages(
    'listCouncilInvitations',
    { params: { councilId: councilId ?? '' }, query: {} },
    { enabled: Boolean(councilId) },
  );
  const done = useDoneState();
  const config = useRouteQuery('getAuthConfig', {});
  return (
    <>
      <PageTitle title="Invitations sent" error={invitations.isError} />
      {done.invited && (
        <NotificationBanner success title="Invitation sent">
          <p className="govuk-notification-banner__heading">We have sent {done.invited} an invitation.</p>
          {config.data?.mode === 'local_demo' && (
            <p className="govuk-body">
              This is the local demo, so no email was sent: it is on the{' '}
              <Link className="govuk-notification-banner__link" to="/dev/messages">
                sent messages page
              </Link>
              .
            </p>
          )}
        </NotificationBanner>
      )}
      <h1 className="govuk-heading-xl">Invitations sent</h1>
      <AdminLinks current="invitations" />
      {councilId && (
        <Await query={invitations} loading="Loading the invitations…">
          {({ items }) => (
            <>
              {items.length === 0 && <p className="govuk-body">No invitations have been sent yet.</p>}
              {items.map((invitation) => (
                <InvitationCard
                  key={invitation.invitationId}
                  invitation={invitation}
                  extraRows={[
                    {
                      key: 'Invited as',
                      value:
                        invitation.kind === 'staff'
                          ? rolesText(invitation.roles)
                          : invitation.kind === 'holder'
                            ? 'Budget holder'
                            : 'Representative of a budget holder',
                    },
                  ]}
                />
              ))}
            </>
          )}
        </Await>
      )}
    </>
  );
}

type Council = ResponseOf<'getCouncil'>;

/** "Council settings": name, area and the deposit approval amount, sent with the version read. */
export function CouncilSettingsPage() {
  const { councilId } = useCouncilId();
  const navigate = useNavigate();
  const council = useRouteQuery(
    'getCouncil',
    { params: { councilId: councilId ?? '' } },
    { enabled: Boolean(councilId) },
  );
  if (!council.data) {
    return (
      <>
        <PageTitle title="Council settings" error={council.isError} />
        <h1 className="govuk-heading-xl">Council settings</h1>
        {council.isError ? <LoadError error={council.error} /> : <Loading />}
      </>
    );
  }
  // A new form for each version read: after "Show the latest settings" it starts from those.
  return (
    <SettingsForm
      key={council.data.version}
      council={council.data}
      reload={() => {
        // The "Saved" banner was about an earlier save, not what is shown next.
        navigate('/admin/settings', { replace: true, state: null });
        void council.refetch();
      }}
    />
  );
}

function SettingsForm({ council, reload }: { council: Council; reload: () => void }) {
  const [form, setForm] = useState<CouncilForm>({
    name: council.name,
    districts: council.districts.join(', '),
    approval: penceToPoundsInput(council.settings.depositApprovalAbovePence),
  });
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const [conflict, setConflict] = useState(false);
  const done = useDoneState();
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (body: BodyOf<'updateCouncil'>) =>
      api('updateCouncil', { params: { councilId: council.councilId }, body }),
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      navigate('/admin/settings', { replace: true, state: { saved: true } });
    },
    onError: (error) => {
      setConflict(error instanceof ApiError && error.status === 409);
      setIssues(issuesFromError(error, { fields: councilFields }));
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: SummaryIssue[] = [];
    const read = readCouncilForm(found, form);
    const approvalPence = read.approvalPence ?? council.settings.depositApprovalAbovePence;
    const area = read.districts;
    const sameArea =
      area.length === council.districts.length && area.every((d, i) => d === council.districts[i]);
    const body: BodyOf<'updateCouncil'> = {
      version: council.version,
      ...(read.name === council.name ? {} : { name: read.name }),
      ...(sameArea ? {} : { districts: area }),
      ...(approvalPence === council.settings.depositApprovalAbovePence
        ? {}
        : { settings: { depositApprovalAbovePence: approvalPence } }),
    };
    found.push(...withoutRepeats(found, issuesFromFields(checkBody('updateCouncil', body), councilFields)));
    if (found.length === 0 && Object.keys(body).length === 1)
      found.push({ message: 'You have not changed anything. Change a setting, then save.' });
    if (found.length === 0) {
      setIssues([]);
      setConflict(false);
      save.mutate(body);
      return;
    }
    setIssues(found);
  };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title="Council settings" error={issues.length > 0} />
        {done.saved && issues.length === 0 && (
          <NotificationBanner success title="Saved">
            <p className="govuk-notification-banner__heading">The council’s settings have been saved.</p>
          </NotificationBanner>
        )}
        <ErrorSummary issues={issues} />
        {conflict && (
          <>
            <p className="govuk-body">
              Someone else saved changes to these settings while you had this page open, so yours have not
              been saved. Look at the latest settings, then make your change again.
            </p>
            <Button type="button" variant="secondary" onClick={reload}>
              Show the latest settings
            </Button>
          </>
        )}
        <span className="govuk-caption-l">{council.name}</span>
        <h1 className="govuk-heading-xl">Council settings</h1>
        <AdminLinks current="settings" />
        <form onSubmit={onSubmit} noValidate>
          <CouncilFields
            form={form}
            onChange={setForm}
            issues={issues}
            approvalLabel="Deposits above this amount need a second finance officer to approve them"
            approvalHint={`Now ${formatPence(council.settings.depositApprovalAbovePence)}.`}
          />
          <p className="govuk-body">
            Money is paid into accounts every {council.fundingSchedule.everyDays} days.
          </p>
          <Button disabled={save.isPending}>Save the settings</Button>
        </form>
      </div>
    </div>
  );
}
