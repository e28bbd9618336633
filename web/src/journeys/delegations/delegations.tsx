import { type FormEvent, useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { type BodyOf, checkBody } from '../../api/client.ts';
import { type Contact, ContactFields, readContact } from '../../components/contact-fields.tsx';
import { FormPage, sendWhenValid, useDoneMutation } from '../../components/done-form.tsx';
import {
  BackLink,
  Button,
  ButtonLink,
  ErrorSummary,
  NotificationBanner,
  SummaryCard,
  SummaryList,
} from '../../components/govuk.tsx';
import { PageTitle } from '../../components/layout.tsx';
import { Await } from '../../components/query.tsx';
import { formatDate } from '../../lib/dates.ts';
import { delegateScopes } from '../../lib/labels.ts';
import { issuesFromError, issuesFromFields, type SummaryIssue } from '../../lib/problems.ts';
import { useApi, useRouteQuery } from '../../session.tsx';
import { RepresentativeInvitations } from '../accounts/accounts.tsx';
import {
  noPermissions,
  PermissionFields,
  type Permissions,
  permissionFields,
  RelationshipField,
  readPermissions,
} from './permission-fields.tsx';

/** The banner after granting: the same words whether or not they already have an account. */
function grantedWords(granted: Granted | undefined): string {
  return granted?.name && granted.email
    ? `${granted.name} can act for you once they sign in to Carepool with ${granted.email}.`
    : 'They can act for you once they sign in to Carepool with the email address you gave.';
}

export function DelegationsPage() {
  const { personId = '' } = useParams();
  const [params] = useSearchParams();
  const granted = useLocation().state as Granted | undefined;
  const delegations = useRouteQuery('listDelegations', { params: { id: personId } });
  const done = params.get('done');
  return (
    <>
      <PageTitle title="Who can act for you" error={delegations.isError} />
      <BackLink to={`/people/${personId}`}>Back to your budget</BackLink>
      {done && (
        <NotificationBanner success title="Done">
          <p className="govuk-notification-banner__heading">
            {done === 'granted' || done === 'invited'
              ? grantedWords(granted)
              : 'Their access has been taken away.'}
          </p>
          {(done === 'granted' || done === 'invited') && (
            <p className="govuk-body">
              We have emailed them. Until they sign in, they are listed under “Waiting for them to sign in”.
            </p>
          )}
        </NotificationBanner>
      )}
      <h1 className="govuk-heading-xl">Who can act for you</h1>
      <p className="govuk-body">
        A family member, friend or support broker can help with your budget. You choose what each person can
        do, and you can take it away at any time.
      </p>
      <ButtonLink to={`/people/${personId}/delegations/new`}>Let someone act for you</ButtonLink>
      <RepresentativeInvitations personId={personId} />
      <Await query={delegations}>
        {({ items }) => {
          const active = items.filter((d) => d.status === 'active');
          const past = items.filter((d) => d.status !== 'active');
          return (
            <>
              {active.length === 0 && <p className="govuk-body">Nobody can act for you at the moment.</p>}
              {active.map((delegation) => (
                <SummaryCard
                  key={delegation.userId}
                  title={delegation.name}
                  actions={
                    <Link
                      className="govuk-link"
                      to={`/people/${personId}/delegations/${encodeURIComponent(delegation.userId)}/remove`}
                    >
                      Take away access<span className="govuk-visually-hidden"> for {delegation.name}</span>
                    </Link>
                  }
                >
                  <SummaryList
                    rows={[
                      delegation.relationship !== undefined && {
                        key: 'Who they are',
                        value: delegation.relationship,
                      },
                      {
                        key: 'They can',
                        value: (
                          <ul className="govuk-list">
                            {delegation.scopes.map((scope) => (
                              <li key={scope}>{delegateScopes[scope]}</li>
                            ))}
                          </ul>
                        ),
                      },
                      { key: 'Since', value: formatDate(delegation.grantedAt) },
                      delegation.expiresAt !== undefined && {
                        key: 'Until',
                        value: formatDate(delegation.expiresAt),
                      },
                    ]}
                  />
                </SummaryCard>
              ))}
              {past.length > 0 && (
                <>
                  <h2 className="govuk-heading-m">People who used to act for you</h2>
                  <ul className="govuk-list">
                    {past.map((d) => (
                      <li key={d.userId}>
                        {d.name}, until {formatDate(d.revokedAt ?? d.grantedAt)}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </>
          );
        }}
      </Await>
    </>
  );
}

/** What the page after granting is told, for its banner: the address is not put in the URL. */
interface Granted {
  name: string;
  email: string;
}

/**
 * "Let someone act for you": their name and email address, who they are to you, what they may do
 * and until when. No Carepool id to ask for. Whether they already have an account is never said
 * (the API does not tell us either): they can act for you once they sign in with that address.
 */
export function GrantDelegationPage() {
  const { personId = '' } = useParams();
  const [contact, setContact] = useState<Contact>({ name: '', email: '' });
  const [permissions, setPermissions] = useState<Permissions>(noPermissions);
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const api = useApi();
  const fields = { name: 'name', email: 'email', ...permissionFields };
  const grant = useDoneMutation({
    mutationFn: (body: BodyOf<'grantDelegation'>) =>
      api('grantDelegation', { params: { id: personId }, body }),
    to: () => `/people/${personId}/delegations?done=granted`,
    state: (result): Granted => ({
      name: result.name,
      email: 'email' in result ? result.email : '',
    }),
    onError: (error) => setIssues(issuesFromError(error, { fields })),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: SummaryIssue[] = [];
    const { name, email } = readContact(found, contact);
    const granted = readPermissions(found, permissions);
    const body: BodyOf<'grantDelegation'> | undefined =
      found.length === 0 ? { name, email, ...granted } : undefined;
    if (body) found.push(...issuesFromFields(checkBody('grantDelegation', body), fields));
    sendWhenValid(found, setIssues, body, grant.mutate);
  };
  return (
    <FormPage title="Let someone act for you" back={`/people/${personId}/delegations`} issues={issues}>
      <p className="govuk-body">
        A family member, friend or support broker can help with your budget in the ways you choose here. They
        can act for you once they sign in to Carepool with the email address you give. We will email them to
        say so. You can take their access away at any time.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <ContactFields
          value={contact}
          onChange={setContact}
          issues={issues}
          emailHint="The address they use, or will use, to sign in to Carepool."
        />
        <RelationshipField
          value={permissions}
          onChange={setPermissions}
          issues={issues}
          hint="For example, daughter, friend, support broker."
        />
        <PermissionFields
          value={permissions}
          onChange={setPermissions}
          issues={issues}
          untilHint="Leave this empty if there is no end date. You can take their access away at any time."
        />
        <Button disabled={grant.isPending}>Let them act for me</Button>
      </form>
    </FormPage>
  );
}

export function RevokeDelegationPage() {
  const { personId = '', userId = '' } = useParams();
  const delegations = useRouteQuery('listDelegations', { params: { id: personId } });
  const delegation = delegations.data?.items.find((d) => d.userId === userId);
  const api = useApi();
  const revoke = useDoneMutation({
    mutationFn: () => api('revokeDelegation', { params: { id: personId, userId } }),
    to: () => `/people/${personId}/delegations?done=revoked`,
  });
  const name = delegation?.name ?? 'this person';
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title={`Take away ${name}’s access`} error={revoke.isError} />
        <BackLink to={`/people/${personId}/delegations`}>Back</BackLink>
        {revoke.isError && <ErrorSummary issues={issuesFromError(revoke.error)} />}
        <h1 className="govuk-heading-l">Take away {name}’s access?</h1>
        <p className="govuk-body">
          {name} will not be able to see or do anything with your budget from now on. Bookings they made stay
          as they are.
        </p>
        <Button variant="warning" type="button" disabled={revoke.isPending} onClick={() => revoke.mutate()}>
          Take away access
        </Button>
      </div>
    </div>
  );
}
