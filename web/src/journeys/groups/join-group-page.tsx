/**
 * Joining a group against a plan line: who is joining (for someone acting for several), which part
 * of the plan pays, then a check page that says what is set aside and that the price can only fall.
 */
import { categoryLabel } from '@carepool/domain';
import { type FormEvent, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { ResponseOf } from '../../api/client.ts';
import { AnswerLines, CheckAnswers } from '../../components/check-answers.tsx';
import { FormPage, useDoneMutation } from '../../components/done-form.tsx';
import { Button, Loading } from '../../components/govuk.tsx';
import { ChoosePerson, usePersonChoice } from '../../components/person-chooser.tsx';
import { PlanLineRadios } from '../../components/plan-line-radios.tsx';
import { LoadError } from '../../components/query.tsx';
import { SpendPreview } from '../../components/spend-preview.tsx';
import { formatDate, formatDateTime } from '../../lib/dates.ts';
import { pricingWords, scheduleWords, sessionsWords } from '../../lib/groups.ts';
import { formatPence } from '../../lib/money.ts';
import type { SummaryIssue } from '../../lib/problems.ts';
import { previewSpendCheck } from '../../lib/spend.ts';
import { usePerson } from '../../person.ts';
import { useApi, useMe, useRouteQuery } from '../../session.tsx';
import { PlanLinesNotice, usePlanLines } from '../booking/booking.tsx';

type Group = ResponseOf<'getGroup'>;

export function JoinGroupPage() {
  const { groupId = '' } = useParams();
  const group = useRouteQuery('getGroup', { params: { id: groupId }, query: {} });
  const me = useMe();
  // Only the people who let this user join groups for them are offered.
  const { personId, choose } = usePersonChoice('group:join');
  if (group.isError || !group.data || me.isPending) {
    return (
      <FormPage title="Join a group" error={group.isError}>
        {group.isError ? <LoadError error={group.error} /> : <Loading />}
      </FormPage>
    );
  }
  if (choose) {
    return (
      <ChoosePerson
        caption={group.data.title}
        question="Who is joining?"
        scope="group:join"
        to={(id) => `/groups/${groupId}/join?person=${encodeURIComponent(id)}`}
      />
    );
  }
  if (!personId) {
    return (
      <FormPage title="Join a group">
        <p className="govuk-body">Only a budget holder, or someone acting for them, can join a group.</p>
      </FormPage>
    );
  }
  return <JoinGroup group={group.data} personId={personId} />;
}

function JoinGroup({ group, personId }: { group: Group; personId: string }) {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { context, person } = usePerson(personId);
  const { lines, account, pending, error, hasPlan } = usePlanLines(personId, context);
  const chosen = params.get('line') ?? '';
  const [lineId, setLineId] = useState(chosen);
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const api = useApi();
  const self = context.relationship === 'self';
  const forQuery = self ? '' : `person=${encodeURIComponent(personId)}`;
  const join = useDoneMutation({
    mutationFn: () => api('joinGroup', { params: { id: group.groupId }, body: { personId, lineId: chosen } }),
    to: () => `/groups/${group.groupId}?done=joined${forQuery ? `&${forQuery}` : ''}`,
  });
  const line = lines?.find((l) => l.lineId === chosen);
  const whose = self ? 'your' : `${context.who.firstName}’s`;
  const youWord = self ? 'you' : context.who.firstName;
  const forWhom = self ? '' : ` for ${person.data?.name ?? context.name}`;
  const base = `/groups/${group.groupId}/join`;

  if (!chosen || !line) {
    const onSubmit = (event: FormEvent) => {
      event.preventDefault();
      if (!lineId) {
        setIssues([{ fieldId: 'lineId', message: 'Choose which part of the plan pays for this' }]);
        return;
      }
      const next = new URLSearchParams(forQuery);
      next.set('line', lineId);
      navigate(`${base}?${next.toString()}`);
    };
    return (
      <FormPage
        title={`Join ${group.title}${forWhom}`}
        // Once the plan's lines are here, the question is the heading.
        heading={lines ? null : `Join ${group.title}`}
        back={`/groups/${group.groupId}${forQuery ? `?${forQuery}` : ''}`}
        issues={issues}
        caption={`${group.providerName}: ${formatPence(group.reservationPence)} set aside when you join`}
      >
        <PlanLinesNotice plan={{ lines, pending, error, hasPlan }} who={context.who} />
        {lines && (
          <form onSubmit={onSubmit} noValidate>
            <PlanLineRadios
              lines={lines}
              category={group.category}
              legend={`Which part of ${whose} plan pays for this?`}
              isPageHeading
              hint={`This group is ${categoryLabel(group.category).toLowerCase()}.`}
              value={lineId}
              onChange={setLineId}
              issues={issues}
            />
            <Button>Continue</Button>
          </form>
        )}
      </FormPage>
    );
  }

  const preview = previewSpendCheck(
    { costPence: group.reservationPence, listingCategory: group.category, providerVerified: true },
    line,
    account,
    context.who,
  );
  const change = `${base}${forQuery ? `?${forQuery}` : ''}`;
  return (
    <CheckAnswers
      title="Check before you join"
      caption={group.title}
      back={change}
      error={join.isError ? join.error : undefined}
      errorTitle="You cannot join this group"
      who={context.who}
      rows={[
        !self && { key: 'For', value: person.data?.name ?? context.name },
        { key: 'Group', value: `${group.title} (${group.providerName})` },
        { key: 'When', value: scheduleWords(group.schedule) },
        {
          key: 'Paid from',
          value: line.title,
          action: { to: change, text: 'Change', hidden: 'which part of the plan pays' },
        },
        {
          key: 'Set aside now',
          value: (
            <strong data-testid="set-aside">
              {formatPence(group.reservationPence)}: the most {youWord} could pay
            </strong>
          ),
        },
        {
          key: 'Price each now',
          value: `${formatPence(group.pricePerPersonNowPence)} ${sessionsWords(group.pricePerPersonNowPence, group.sessions)} (${group.memberCount} joined so far)`,
        },
        { key: 'The more people join', value: <AnswerLines items={pricingWords(group)} /> },
        { key: 'Last day to join', value: formatDateTime(group.deadline) },
      ]}
      confirm={`Join and set aside ${formatPence(group.reservationPence)}`}
      onConfirm={() => join.mutate()}
      pending={join.isPending}
      pendingText="Joining and checking the plan…"
    >
      <h2 className="govuk-heading-m">The price can only fall</h2>
      <p className="govuk-body" data-testid="price-can-only-fall">
        We set aside {formatPence(group.reservationPence)} now. When the group closes,{' '}
        {self ? 'you pay' : `${youWord} pays`} the price for its final size, which can only be the same or
        lower, and the rest goes back into {whose} budget. If fewer than {group.minParticipants} people join
        by {formatDate(group.deadline)}, the group does not go ahead and all of it goes back.
      </p>
      <p className="govuk-body">
        {self ? 'You' : youWord} can leave at any time before the group closes. Nobody sees who has joined,
        only how many.
      </p>
      <h2 className="govuk-heading-m">Does it fit {whose} plan?</h2>
      <SpendPreview preview={preview} refusal="Joining is likely to be refused:">
        {line.leftNowPence !== undefined &&
          ` After joining there will be ${formatPence(line.leftNowPence - group.reservationPence)} left on ${line.title.toLowerCase()} for now.`}
      </SpendPreview>
    </CheckAnswers>
  );
}
