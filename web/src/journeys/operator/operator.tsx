/**
 * The operator of a deployment (`platform_admin`): the councils on it, adding one, and inviting
 * each council's first administrator, who then invites the council's own staff.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { type BodyOf, checkBody } from '../../api/client.ts';
import { type Contact, readContact } from '../../components/contact-fields.tsx';
import {
  CouncilFields,
  type CouncilForm,
  councilFields,
  readCouncilForm,
} from '../../components/council-fields.tsx';
import { sendWhenValid, useDoneMutation } from '../../components/done-form.tsx';
import {
  BackLink,
  Button,
  ButtonLink,
  ErrorSummary,
  errorFor,
  InsetText,
  NotificationBanner,
  Radios,
  SummaryCard,
  SummaryList,
} from '../../components/govuk.tsx';
import { PageTitle } from '../../components/layout.tsx';
import { Await } from '../../components/query.tsx';
import { formatPence } from '../../lib/money.ts';
import { issuesFromError, issuesFromFields, type SummaryIssue, withoutRepeats } from '../../lib/problems.ts';
import { useAllPages, useApi, useRouteQuery } from '../../session.tsx';
import { InvitationCard } from '../accounts/accounts.tsx';
import { StaffContactFields } from '../council-admin/council-admin.tsx';

const fundingWords: Record<number, string> = {
  7: 'Every week',
  14: 'Every 2 weeks',
  28: 'Every 4 weeks',
};

/**
 * The short name a council is known by in web addresses, made from its name ("Ryedale Moors
 * Council" → "ryedale-moors"), so nobody has to invent or type an id.
 */
export function councilIdFrom(name: string): string {
  const words = name
    .toLowerCase()
    .replace(/\bcouncil\b/g, ' ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  if (!words) return '';
  return /^[a-z]/.test(words) ? words : `council-${words}`.slice(0, 40);
}

function useDone(): { added?: string; invited?: string } {
  const state: unknown = useLocation().state;
  return typeof state === 'object' && state !== null ? (state as Record<string, never>) : {};
}

export function CouncilsPage() {
  const councils = useRouteQuery('listCouncils', {});
  const done = useDone();
  return (
    <>
      <PageTitle title="Councils" error={councils.isError} />
      {done.invited && (
        <NotificationBanner success title="Invitation sent">
          <p className="govuk-notification-banner__heading">
            We have sent {done.invited} an invitation to be the council’s administrator.
          </p>
        </NotificationBanner>
      )}
      <h1 className="govuk-heading-xl">Councils</h1>
      <p className="govuk-body">
        Each council’s administrator invites the council’s own staff. You add councils and invite their first
        administrator.
      </p>
      <ButtonLink to="/operator/councils/new">Add a council</ButtonLink>
      <Await query={councils} loading="Loading the councils…">
        {({ items }) => (
          <>
            {items.length === 0 && <p className="govuk-body">There are no councils yet.</p>}
            {items.map((council) => (
              <SummaryCard
                key={council.councilId}
                title={council.name}
                actions={
                  <Link
                    className="govuk-link"
                    to={`/operator/councils/${encodeURIComponent(council.councilId)}/invite`}
                  >
                    Invite an administrator<span className="govuk-visually-hidden"> for {council.name}</span>
                  </Link>
                }
              >
                <SummaryList
                  rows={[
                    {
                      key: 'Postcode districts',
                      value: council.districts.length ? council.districts.join(', ') : 'None yet',
                    },
                    {
                      key: 'Pays money into accounts',
                      value: fundingWords[council.fundingSchedule.everyDays] ?? '',
                    },
                    {
                      key: 'Deposits that need a second approval',
                      value: `Above ${formatPence(council.settings.depositApprovalAbovePence)}`,
                    },
                  ]}
                />
              </SummaryCard>
            ))}
          </>
        )}
      </Await>
    </>
  );
}

export function AddCouncilPage() {
  const [form, setForm] = useState<CouncilForm>({ name: '', districts: '', approval: '' });
  const [every, setEvery] = useState('28');
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const fields = (field: string) =>
    field === 'councilId' ? 'name' : field.startsWith('fundingSchedule') ? 'every' : councilFields(field);
  const add = useMutation({
    mutationFn: (body: BodyOf<'createCouncil'>) => api('createCouncil', { body }),
    onSuccess: async (council) => {
      await queryClient.invalidateQueries();
      navigate(`/operator/councils/${encodeURIComponent(council.councilId)}/invite`, {
        state: { added: council.name },
      });
    },
    onError: (error) => setIssues(issuesFromError(error, { fields })),
  });
  const councilId = councilIdFrom(form.name);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: SummaryIssue[] = [];
    const everyDays = Number(every);
    const read = readCouncilForm(found, form, {
      approvalOptional: true,
      nameUsable: councilId !== '',
      between: (issues) => {
        if (everyDays !== 7 && everyDays !== 14 && everyDays !== 28)
          issues.push({ fieldId: 'every', message: 'Choose how often the council pays money into accounts' });
      },
    });
    const body: BodyOf<'createCouncil'> = {
      councilId,
      name: read.name,
      districts: read.districts,
      fundingSchedule: { everyDays: everyDays === 7 || everyDays === 14 ? everyDays : 28 },
      ...(read.approvalPence === undefined
        ? {}
        : { settings: { depositApprovalAbovePence: read.approvalPence } }),
    };
    found.push(...withoutRepeats(found, issuesFromFields(checkBody('createCouncil', body), fields)));
    if (found.length === 0) {
      setIssues([]);
      add.mutate(body);
      return;
    }
    setIssues(found);
  };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title="Add a council" error={issues.length > 0} />
        <BackLink to="/operator">Councils</BackLink>
        <ErrorSummary issues={issues} />
        <h1 className="govuk-heading-l">Add a council</h1>
        <form onSubmit={onSubmit} noValidate>
          <CouncilFields
            form={form}
            onChange={setForm}
            issues={issues}
            nameHint={
              councilId ? (
                <>
                  Its web addresses will use <span className="app-break-word">{councilId}</span>.
                </>
              ) : (
                'For example, Ryedale Moors Council.'
              )
            }
            approvalLabel="Deposits above this amount need a second finance officer to approve them (optional)"
            approvalHint="Leave this empty for £10,000. The council’s administrator can change it."
          >
            <Radios
              id="every"
              name="every"
              legend="How often does the council pay money into people’s accounts?"
              legendSize="s"
              value={every}
              onChange={setEvery}
              error={errorFor(issues, 'every')}
              options={[
                { value: '28', text: 'Every 4 weeks' },
                { value: '14', text: 'Every 2 weeks' },
                { value: '7', text: 'Every week' },
              ]}
            />
          </CouncilFields>
          <Button disabled={add.isPending}>Add the council</Button>
        </form>
      </div>
    </div>
  );
}

export function InviteCouncilAdminPage() {
  const { councilId = '' } = useParams();
  const council = useRouteQuery('getCouncil', { params: { councilId } });
  const invitations = useAllPages('listCouncilInvitations', { params: { councilId }, query: {} });
  const done = useDone();
  const [contact, setContact] = useState<Contact>({ name: '', email: '' });
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const api = useApi();
  const fields = { name: 'name', email: 'email' };
  const invite = useDoneMutation({
    mutationFn: (body: BodyOf<'inviteStaff'>) => api('inviteStaff', { params: { councilId }, body }),
    to: () => '/operator',
    state: (invitation) => ({ invited: invitation.name }),
    onError: (error) => setIssues(issuesFromError(error, { fields })),
  });
  const councilName = council.data?.name ?? 'the council';
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: SummaryIssue[] = [];
    const { name, email } = readContact(found, contact, 'Enter their work email address');
    const body: BodyOf<'inviteStaff'> | undefined =
      found.length === 0 ? { name, email, roles: ['council_admin'] } : undefined;
    if (body) found.push(...issuesFromFields(checkBody('inviteStaff', body), fields));
    sendWhenValid(found, setIssues, body, invite.mutate);
  };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title={`Invite ${councilName}’s administrator`} error={issues.length > 0} />
        {done.added && (
          <NotificationBanner success title="Council added">
            <p className="govuk-notification-banner__heading">
              {done.added} has been added. Now invite its administrator.
            </p>
          </NotificationBanner>
        )}
        <BackLink to="/operator">Councils</BackLink>
        <ErrorSummary issues={issues} />
        <span className="govuk-caption-l">{councilName}</span>
        <h1 className="govuk-heading-l">Invite the council’s administrator</h1>
        <p className="govuk-body">
          They will invite the council’s care managers, finance officers and auditors themselves.
        </p>
        <form onSubmit={onSubmit} noValidate>
          <StaffContactFields value={contact} onChange={setContact} issues={issues} />
          <Button disabled={invite.isPending}>Send the invitation</Button>
        </form>
        <h2 className="govuk-heading-m">Administrators invited so far</h2>
        <Await query={invitations} loading="Loading the invitations…">
          {({ items }) =>
            items.length === 0 ? (
              <InsetText>Nobody has been invited yet.</InsetText>
            ) : (
              items.map((invitation) => (
                <InvitationCard key={invitation.invitationId} invitation={invitation} />
              ))
            )
          }
        </Await>
      </div>
    </div>
  );
}
