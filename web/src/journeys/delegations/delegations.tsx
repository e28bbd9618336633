import { type FormEvent, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { type BodyOf, checkBody } from '../../api/client.ts';
import { FormPage, sendWhenValid, useDoneMutation } from '../../components/done-form.tsx';
import {
  BackLink,
  Button,
  ButtonGroup,
  ButtonLink,
  ErrorSummary,
  errorFor,
  NotificationBanner,
  Radios,
  SummaryCard,
  SummaryList,
  TextInput,
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

export function DelegationsPage() {
  const { personId = '' } = useParams();
  const [params] = useSearchParams();
  const delegations = useRouteQuery('listDelegations', { params: { id: personId } });
  const done = params.get('done');
  return (
    <>
      <PageTitle title="Who can act for you" error={delegations.isError} />
      <BackLink to={`/people/${personId}`}>Back to your budget</BackLink>
      {done && (
        <NotificationBanner success title="Done">
          <p className="govuk-notification-banner__heading">
            {done === 'granted'
              ? 'They can now act for you.'
              : done === 'invited'
                ? 'We have sent them an invitation. They can act for you once they accept it.'
                : 'Their access has been taken away.'}
          </p>
        </NotificationBanner>
      )}
      <h1 className="govuk-heading-xl">Who can act for you</h1>
      <p className="govuk-body">
        A family member, friend or support broker can help with your budget. You choose what each person can
        do, and you can take it away at any time.
      </p>
      <ButtonGroup>
        <ButtonLink to={`/people/${personId}/delegations/invite`}>Invite someone by email</ButtonLink>
        <ButtonLink variant="secondary" to={`/people/${personId}/delegations/new`}>
          Let someone act for you
        </ButtonLink>
      </ButtonGroup>
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

export function GrantDelegationPage() {
  const { personId = '' } = useParams();
  const [userId, setUserId] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState('');
  const [permissions, setPermissions] = useState<Permissions>(noPermissions);
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const api = useApi();
  const fields = { userId: 'userId', name: 'name', kind: 'kind', ...permissionFields };
  const grant = useDoneMutation({
    mutationFn: (body: BodyOf<'grantDelegation'>) =>
      api('grantDelegation', { params: { id: personId }, body }),
    to: () => `/people/${personId}/delegations?done=granted`,
    onError: (error) => setIssues(issuesFromError(error, { fields })),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: SummaryIssue[] = [];
    if (!userId.trim()) found.push({ fieldId: 'userId', message: 'Enter their Carepool user id' });
    if (!name.trim()) found.push({ fieldId: 'name', message: 'Enter their name' });
    if (kind !== 'representative' && kind !== 'broker')
      found.push({ fieldId: 'kind', message: 'Choose who they are' });
    const granted = readPermissions(found, permissions);
    const body: BodyOf<'grantDelegation'> | undefined =
      found.length === 0
        ? { userId: userId.trim(), kind: kind as 'representative' | 'broker', name: name.trim(), ...granted }
        : undefined;
    if (body) found.push(...issuesFromFields(checkBody('grantDelegation', body), fields));
    sendWhenValid(found, setIssues, body, grant.mutate);
  };
  return (
    <FormPage title="Let someone act for you" back={`/people/${personId}/delegations`} issues={issues}>
      <form onSubmit={onSubmit} noValidate>
        <TextInput
          id="name"
          label="Their name"
          labelSize="s"
          autoComplete="off"
          value={name}
          onChange={setName}
          error={errorFor(issues, 'name')}
        />
        <TextInput
          id="userId"
          label="Their Carepool user id"
          labelSize="s"
          hint="Ask them for it: they can find it when they sign in. It starts with usr_."
          spellCheck={false}
          width={20}
          value={userId}
          onChange={setUserId}
          error={errorFor(issues, 'userId')}
        />
        <RelationshipField
          value={permissions}
          onChange={setPermissions}
          issues={issues}
          hint="For example, daughter, friend, support broker."
        />
        <Radios
          id="kind"
          name="kind"
          legend="Are they"
          legendSize="s"
          value={kind}
          onChange={setKind}
          error={errorFor(issues, 'kind')}
          options={[
            { value: 'representative', text: 'Family, a friend or someone else I trust' },
            {
              value: 'broker',
              text: 'A support broker',
              hint: 'Someone paid to help plan and find support.',
            },
          ]}
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
