/** The provider records that a group was delivered; a member then confirms it and they are paid. */
import { type FormEvent, useState } from 'react';
import { useParams } from 'react-router';
import { type BodyOf, checkBody } from '../../api/client.ts';
import { FormPage, sendWhenValid, useDoneMutation } from '../../components/done-form.tsx';
import { Button, errorFor, Textarea } from '../../components/govuk.tsx';
import { Await } from '../../components/query.tsx';
import { scheduleWords } from '../../lib/groups.ts';
import { formatPence } from '../../lib/money.ts';
import { issuesFromError, issuesFromFields, type SummaryIssue } from '../../lib/problems.ts';
import { useApi, useRouteQuery } from '../../session.tsx';

export function DeliverGroupPage() {
  const { groupId = '' } = useParams();
  const group = useRouteQuery('getGroup', { params: { id: groupId }, query: {} });
  const [notes, setNotes] = useState('');
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const api = useApi();
  const send = useDoneMutation({
    mutationFn: (body: BodyOf<'deliverGroup'>) => api('deliverGroup', { params: { id: groupId }, body }),
    to: () => `/groups/${groupId}?done=delivered`,
    onError: (error) => setIssues(issuesFromError(error, { fields: { notes: 'notes' } })),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = { notes: notes.trim() };
    sendWhenValid(
      issuesFromFields(checkBody('deliverGroup', body), { notes: 'notes' }),
      setIssues,
      body,
      send.mutate,
    );
  };
  return (
    <FormPage
      title="Record that the group was delivered"
      back={`/groups/${groupId}`}
      issues={issues}
      caption={group.data?.title}
    >
      <Await query={group}>
        {(data) => (
          <form onSubmit={onSubmit} noValidate>
            <p className="govuk-body">
              {scheduleWords(data.schedule)}, for {data.settlement?.members ?? data.memberCount} people. You
              are paid {formatPence(data.settlement?.totalPence ?? 0)} once someone in the group confirms it.
            </p>
            <Textarea
              id="notes"
              label="Notes for the group (optional)"
              labelSize="s"
              hint="For example, what you did, or anything that changed on the day."
              rows={3}
              value={notes}
              onChange={setNotes}
              error={errorFor(issues, 'notes')}
            />
            <Button disabled={send.isPending}>Record delivery</Button>
          </form>
        )}
      </Await>
    </FormPage>
  );
}
