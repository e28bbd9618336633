import { type FormEvent, useState } from 'react';
import { useParams } from 'react-router';
import type { BodyOf } from '../../api/client.ts';
import { useDoneMutation } from '../../components/done-form.tsx';
import { BackLink, Button, ErrorSummary, errorFor, Radios, Textarea } from '../../components/govuk.tsx';
import { PageTitle } from '../../components/layout.tsx';
import { materialChangeLabels } from '../../lib/labels.ts';
import { issuesFromError, type SummaryIssue } from '../../lib/problems.ts';
import { useApi, useRouteQuery } from '../../session.tsx';
import { ProviderStatusTag } from '../search/search.tsx';

export function VerifyProviderPage() {
  const { providerId = '' } = useParams();
  const provider = useRouteQuery('getProvider', { params: { id: providerId } });
  const [status, setStatus] = useState('');
  const [reason, setReason] = useState('');
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const api = useApi();
  const send = useDoneMutation({
    mutationFn: (body: BodyOf<'verifyProvider'>) =>
      api('verifyProvider', { params: { id: providerId }, body }),
    to: () => `/providers/${providerId}`,
    onError: (error) => setIssues(issuesFromError(error)),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: SummaryIssue[] = [];
    if (status !== 'verified' && status !== 'suspended')
      found.push({ fieldId: 'status', message: 'Choose checked or suspended' });
    if (!reason.trim()) found.push({ fieldId: 'reason', message: 'Give a reason' });
    setIssues(found);
    if (found.length === 0 && (status === 'verified' || status === 'suspended'))
      send.mutate({
        status,
        reason: reason.trim(),
        ...(provider.data ? { version: provider.data.version } : {}),
      });
  };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title="Check or suspend a provider" error={issues.length > 0} />
        <BackLink to={`/providers/${providerId}`}>Back</BackLink>
        <ErrorSummary issues={issues} />
        <span className="govuk-caption-l">{provider.data?.name ?? providerId}</span>
        <h1 className="govuk-heading-l">Check or suspend this provider</h1>
        {provider.data && (
          <p className="govuk-body">
            Now: <ProviderStatusTag status={provider.data.status} />
          </p>
        )}
        {provider.data?.changedSinceCheck && provider.data.changedSinceCheck.length > 0 && (
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <div className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              Changed since it was last checked. Check these again:
              <ul className="govuk-list govuk-list--bullet">
                {provider.data.changedSinceCheck.map((change) => (
                  <li key={change}>{materialChangeLabels[change]}</li>
                ))}
              </ul>
            </div>
          </div>
        )}
        <form onSubmit={onSubmit} noValidate>
          <Radios
            id="status"
            name="status"
            legend="What have you decided?"
            legendSize="m"
            value={status}
            onChange={setStatus}
            error={errorFor(issues, 'status')}
            options={[
              { value: 'verified', text: 'Checked: they can be paid from personal budgets' },
              { value: 'suspended', text: 'Suspended: nobody can pay them until this changes' },
            ]}
          />
          <Textarea
            id="reason"
            label="Reason"
            labelSize="m"
            hint="For example, which evidence you saw. The provider sees this."
            rows={3}
            value={reason}
            onChange={setReason}
            error={errorFor(issues, 'reason')}
          />
          <Button disabled={send.isPending}>Save the decision</Button>
        </form>
      </div>
    </div>
  );
}
