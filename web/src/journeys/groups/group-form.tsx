/**
 * The questions that set a group up (from a listing, or from a quote): its name, how many, until
 * when, and when it happens; reading them in people's words, and the answers for a check page.
 */
import type { BodyOf } from '../../api/client.ts';
import { AnswerLines } from '../../components/check-answers.tsx';
import { DateField, exampleDate, readDate, readTime, TimeField } from '../../components/date-field.tsx';
import { errorFor, Radios, TextInput } from '../../components/govuk.tsx';
import { addDays, type DateParts, formatDateTime, partsOf, todayIso, ukDateTime } from '../../lib/dates.ts';
import { scheduleWords } from '../../lib/groups.ts';
import type { SummaryIssue } from '../../lib/problems.ts';

export interface GroupForm {
  title: string;
  min: string;
  max: string;
  deadline: DateParts;
  session: DateParts;
  time: string;
  how: string;
  weeks: string;
}

export type GroupSetupBody = Omit<BodyOf<'createGroup'>, 'listingId' | 'description' | 'showFirstNames'>;

/** Maps the API's field paths for a group's setup to the questions on the page. */
export const groupFields = (field: string): string | undefined => {
  if (field === 'title') return 'title';
  if (field === 'minParticipants') return 'min';
  if (field === 'maxParticipants') return 'max';
  if (field === 'deadline') return 'deadline';
  if (field === 'schedule.occurrences') return 'weeks';
  if (field.startsWith('schedule')) return 'session';
  return undefined;
};

export function newGroupForm(title: string, min: number, max: number, time = '10:00'): GroupForm {
  return {
    title,
    min: String(min),
    max: String(max),
    deadline: partsOf(addDays(todayIso(), 7)),
    session: partsOf(addDays(todayIso(), 10)),
    time,
    how: 'one_off',
    weeks: '',
  };
}

/** Checks the answers in people's words, then builds the group's setup as the API wants it. */
export function readGroupForm(
  form: GroupForm,
  limits: { smallest: number; capacity?: number | undefined; what: string },
): { issues: SummaryIssue[]; setup?: GroupSetupBody } {
  const found: SummaryIssue[] = [];
  if (!form.title.trim()) found.push({ fieldId: 'title', message: 'Enter a name for the group' });
  const min = Number(form.min.trim());
  const max = Number(form.max.trim());
  if (!Number.isInteger(min) || min < 2)
    found.push({ fieldId: 'min', message: 'Enter the fewest people as a whole number, 2 or more' });
  else if (min < limits.smallest)
    found.push({
      fieldId: 'min',
      message: `The group prices start at ${limits.smallest} people: enter ${limits.smallest} or more`,
    });
  if (!Number.isInteger(max) || max < 2)
    found.push({ fieldId: 'max', message: 'Enter the most people as a whole number, 2 or more' });
  else if (Number.isInteger(min) && max < min)
    found.push({ fieldId: 'max', message: 'The most people must be at least the fewest people' });
  else if (limits.capacity !== undefined && max > limits.capacity)
    found.push({ fieldId: 'max', message: `${limits.what} takes at most ${limits.capacity} people` });
  else if (max > 500) found.push({ fieldId: 'max', message: 'A group can have at most 500 people' });
  const deadline = readDate(found, 'deadline', form.deadline, {
    label: 'the last day to join',
    rule: 'today-or-later',
    message: 'The last day to join must be today or in the future',
  });
  const session = readDate(found, 'session', form.session, { label: 'the date of the first session' });
  if (session && deadline && session <= deadline)
    found.push({ fieldId: 'session', message: 'The first session must be after the last day to join' });
  const time = readTime(found, 'time', form.time);
  const weeks = Number(form.weeks.trim());
  if (!form.how) found.push({ fieldId: 'how', message: 'Choose how often it happens' });
  else if (form.how === 'weekly' && (!Number.isInteger(weeks) || weeks < 2 || weeks > 52))
    found.push({ fieldId: 'weeks', message: 'Enter how many weeks, from 2 to 52' });
  if (found.length || !deadline || !session || !time) return { issues: found };
  const at = new Date(ukDateTime(session, time)).toISOString();
  return {
    issues: [],
    setup: {
      title: form.title.trim(),
      minParticipants: min,
      maxParticipants: max,
      // The group closes at the end of the last day to join, UK time.
      deadline: new Date(ukDateTime(deadline, '23:59')).toISOString(),
      schedule:
        form.how === 'weekly' ? { kind: 'weekly', firstAt: at, occurrences: weeks } : { kind: 'one_off', at },
    },
  };
}

/** The questions that set a group up: its name, how many, until when, and when it happens. */
export function GroupFormFields({
  form,
  onChange,
  issues,
  smallest,
  capacityHint,
}: {
  form: GroupForm;
  onChange(form: GroupForm): void;
  issues: SummaryIssue[];
  smallest: number;
  capacityHint?: string | undefined;
}) {
  const set = <K extends keyof GroupForm>(key: K, value: GroupForm[K]) => onChange({ ...form, [key]: value });
  return (
    <>
      <TextInput
        id="title"
        label="Name of the group"
        labelSize="s"
        hint="People see this when they look for groups near them."
        value={form.title}
        onChange={(value) => set('title', value)}
        error={errorFor(issues, 'title')}
      />
      <TextInput
        id="min"
        label="The fewest people it needs to go ahead"
        labelSize="s"
        hint={`At least ${smallest}, where the group prices start.`}
        inputMode="numeric"
        width={3}
        value={form.min}
        onChange={(value) => set('min', value)}
        error={errorFor(issues, 'min')}
      />
      <TextInput
        id="max"
        label="The most people who can join"
        labelSize="s"
        hint={capacityHint}
        inputMode="numeric"
        width={3}
        value={form.max}
        onChange={(value) => set('max', value)}
        error={errorFor(issues, 'max')}
      />
      <DateField
        id="deadline"
        legend="Last day to join"
        legendSize="s"
        hint={`The group closes at the end of this day. ${exampleDate(7)}`}
        value={form.deadline}
        onChange={(value) => set('deadline', value)}
        issues={issues}
      />
      <DateField
        id="session"
        legend="Date of the first session"
        legendSize="s"
        hint="After the last day to join."
        value={form.session}
        onChange={(value) => set('session', value)}
        issues={issues}
      />
      <TimeField value={form.time} onChange={(value) => set('time', value)} issues={issues} />
      <Radios
        id="how"
        name="how"
        legend="How often?"
        legendSize="s"
        value={form.how}
        onChange={(value) => set('how', value)}
        error={errorFor(issues, 'how')}
        options={[
          { value: 'one_off', text: 'Once' },
          {
            value: 'weekly',
            text: 'Every week',
            conditional: (
              <TextInput
                id="weeks"
                label="For how many weeks?"
                inputMode="numeric"
                width={3}
                value={form.weeks}
                onChange={(value) => set('weeks', value)}
                error={errorFor(issues, 'weeks')}
              />
            ),
          },
        ]}
      />
    </>
  );
}

/** The answers about a group, for a check-answers page. */
export function groupSetupRows(setup: GroupSetupBody, prices: string[]) {
  return [
    { key: 'Name', value: setup.title },
    { key: 'How many people', value: `At least ${setup.minParticipants}, at most ${setup.maxParticipants}` },
    { key: 'Last day to join', value: formatDateTime(setup.deadline) },
    { key: 'When', value: scheduleWords(setup.schedule) },
    {
      key: 'Price each',
      value: <AnswerLines items={prices} />,
    },
  ];
}
