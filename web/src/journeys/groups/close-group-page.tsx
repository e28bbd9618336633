/** The organiser closes a group early, once enough have joined: everyone pays the price now. */
import { useParams } from 'react-router';
import { FormPage, useDoneMutation } from '../../components/done-form.tsx';
import { Button, Loading, SummaryList } from '../../components/govuk.tsx';
import { Await } from '../../components/query.tsx';
import { scheduleWords } from '../../lib/groups.ts';
import { formatPence } from '../../lib/money.ts';
import { issuesFromError } from '../../lib/problems.ts';
import { useApi, useRouteQuery } from '../../session.tsx';

export function CloseGroupPage() {
  const { groupId = '' } = useParams();
  const group = useRouteQuery('getGroup', { params: { id: groupId }, query: {} });
  const api = useApi();
  const close = useDoneMutation({
    mutationFn: () => api('closeGroup', { params: { id: groupId } }),
    to: () => `/groups/${groupId}?done=closed`,
  });
  return (
    <FormPage
      title="Close the group now?"
      back={`/groups/${groupId}`}
      issues={close.isError ? issuesFromError(close.error) : []}
      caption={group.data?.title}
    >
      <Await query={group}>
        {(data) => (
          <>
            <SummaryList
              rows={[
                { key: 'People in the group', value: String(data.memberCount) },
                { key: 'Each pays', value: <strong>{formatPence(data.pricePerPersonNowPence)}</strong> },
                {
                  key: 'In all',
                  value: formatPence(data.pricePerPersonNowPence * data.memberCount),
                },
                { key: 'When', value: scheduleWords(data.schedule) },
              ]}
            />
            <p className="govuk-body">
              Nobody else can join once it is closed. Each member pays their share from their budget, and
              anything set aside above it goes back to them. The money is held until {data.providerName} has
              delivered and someone in the group confirms it.
            </p>
            <Button type="button" disabled={close.isPending} onClick={() => close.mutate()}>
              Close the group
            </Button>
            {close.isPending && <Loading>Closing the group…</Loading>}
          </>
        )}
      </Await>
    </FormPage>
  );
}
