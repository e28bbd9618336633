/**
 * Asking for support nothing listed meets: who it is for (for someone acting for several), what,
 * for how many, when and where, then check and send. Nobody sees who asked.
 */
import { type Category, categories, categoryLabel } from '@carepool/domain';
import { type FormEvent, useEffect, useState } from 'react';
import { type BodyOf, checkBody, newIdempotencyKey } from '../../api/client.ts';
import { MilesSelect } from '../../components/area-search.tsx';
import { CheckAnswers } from '../../components/check-answers.tsx';
import { DateField, exampleDate, readDate } from '../../components/date-field.tsx';
import { FormPage, useDoneMutation } from '../../components/done-form.tsx';
import { Button, errorFor, Loading, Select, Textarea, TextInput } from '../../components/govuk.tsx';
import { MoneyField, readPounds } from '../../components/money-field.tsx';
import { ChoosePerson, usePersonChoice } from '../../components/person-chooser.tsx';
import { rememberedList, useFocusOnStep } from '../../components/steps.tsx';
import { addDays, type DateParts, formatDate, partsOf, todayIso, ukDateTime } from '../../lib/dates.ts';
import { formatPence } from '../../lib/money.ts';
import { issuesFromError, issuesFromFields, type SummaryIssue } from '../../lib/problems.ts';
import { milesToKm, postcodePattern } from '../../lib/search.ts';
import { usePerson } from '../../person.ts';
import { useApi, useMe } from '../../session.tsx';
import { requestsKey } from './request-words.ts';

interface NeedForm {
  description: string;
  category: string;
  participants: string;
  when: string;
  budget: string;
  postcode: string;
  miles: string;
  respondBy: DateParts;
}

const needFields: Record<string, string> = {
  description: 'description',
  category: 'category',
  participants: 'participants',
  when: 'when',
  budgetCeilingPerPersonPence: 'budget',
  postcode: 'postcode',
  radiusKm: 'miles',
  respondBy: 'respondBy',
};

export function NewRequestPage() {
  const me = useMe();
  // Asking for support may lead to a booking: only the people who allowed that are offered.
  const { personId, choose } = usePersonChoice('order:create');
  if (me.isPending) {
    return (
      <FormPage title="Ask for support">
        <Loading />
      </FormPage>
    );
  }
  if (choose) {
    return (
      <ChoosePerson
        caption="Ask for support"
        question="Who is the support for?"
        scope="order:create"
        to={(id) => `/requests/new?person=${encodeURIComponent(id)}`}
      />
    );
  }
  if (!personId) {
    return (
      <FormPage title="Ask for support">
        <p className="govuk-body">Only a budget holder, or someone acting for them, can ask for support.</p>
      </FormPage>
    );
  }
  return <NewRequest personId={personId} />;
}

/** Checks the answers in people's words, then builds the request as the API wants it. */
function readNeed(
  form: NeedForm,
  personId: string,
): { issues: SummaryIssue[]; body?: BodyOf<'postRequest'> } {
  const found: SummaryIssue[] = [];
  if (!form.description.trim()) found.push({ fieldId: 'description', message: 'Say what support you need' });
  else if (form.description.trim().length > 2000)
    found.push({ fieldId: 'description', message: 'Use 2,000 characters or fewer' });
  if (!form.category) found.push({ fieldId: 'category', message: 'Choose what kind of support it is' });
  const participants = Number(form.participants.trim());
  if (!Number.isInteger(participants) || participants < 1 || participants > 200)
    found.push({ fieldId: 'participants', message: 'Enter how many people, from 1 to 200' });
  if (!form.when.trim())
    found.push({ fieldId: 'when', message: 'Say when you need it, like “Thursday afternoons”' });
  const budget = readPounds(found, 'budget', form.budget, {
    label: 'the most each person could pay',
    min: 1,
  });
  if (!form.postcode.trim()) found.push({ fieldId: 'postcode', message: 'Enter the postcode' });
  else if (!postcodePattern.test(form.postcode.trim()))
    found.push({ fieldId: 'postcode', message: 'Enter a real postcode, like HG1 2AB' });
  const respondBy = readDate(found, 'respondBy', form.respondBy, { rule: 'future' });
  if (found.length > 0 || budget === undefined || !respondBy) return { issues: found };
  const body: BodyOf<'postRequest'> = {
    personId,
    description: form.description.trim(),
    category: form.category as Category,
    participants,
    when: form.when.trim(),
    budgetCeilingPerPersonPence: budget,
    postcode: form.postcode.trim().toUpperCase(),
    radiusKm: milesToKm(Number(form.miles) || 5),
    respondBy: new Date(ukDateTime(respondBy, '23:59')).toISOString(),
  };
  const issues = issuesFromFields(checkBody('postRequest', body), needFields);
  return issues.length ? { issues } : { issues, body };
}

function NewRequest({ personId }: { personId: string }) {
  const { context, person, me } = usePerson(personId);
  const [form, setForm] = useState<NeedForm>({
    description: '',
    category: '',
    participants: '1',
    when: '',
    budget: '',
    postcode: '',
    miles: '5',
    respondBy: partsOf(addDays(todayIso(), 14)),
  });
  // Whoever may ask for support (order:create) sees the full postcode; anyone else types one.
  const home = person.data?.postcode;
  useEffect(() => {
    if (home) setForm((f) => (f.postcode ? f : { ...f, postcode: home }));
  }, [home]);
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const [step, setStep] = useState<'form' | 'check'>('form');
  const [body, setBody] = useState<BodyOf<'postRequest'>>();
  const [idempotencyKey] = useState(newIdempotencyKey);
  useFocusOnStep(step);
  const api = useApi();
  const post = useDoneMutation({
    mutationFn: (request: BodyOf<'postRequest'>) => api('postRequest', { body: request }, { idempotencyKey }),
    onDone: (request) => rememberedList(requestsKey(me.data)).add(request.requestId),
    to: (request) => `/requests/${request.requestId}?done=posted`,
    onError: (error) => {
      setIssues(issuesFromError(error, { who: context.who, fields: needFields }));
      setStep('form');
    },
  });
  const set = <K extends keyof NeedForm>(key: K, value: NeedForm[K]) => setForm({ ...form, [key]: value });
  const self = context.relationship === 'self';
  const forWhom = self ? '' : ` for ${person.data?.name ?? context.name}`;

  const onContinue = (event: FormEvent) => {
    event.preventDefault();
    const read = readNeed(form, personId);
    setIssues(read.issues);
    if (read.body) {
      setBody(read.body);
      setStep('check');
    }
  };

  if (step === 'check' && body) {
    return (
      <CheckAnswers
        title="Check your request before you send it"
        rows={[
          !self && { key: 'For', value: person.data?.name ?? context.name },
          { key: 'What is needed', value: body.description },
          { key: 'Kind of support', value: categoryLabel(body.category) },
          { key: 'For how many people', value: String(body.participants) },
          { key: 'When', value: body.when },
          { key: 'The most each person could pay', value: formatPence(body.budgetCeilingPerPersonPence) },
          { key: 'Where', value: `Within ${form.miles} miles of ${body.postcode}` },
          { key: 'Quotes welcome until', value: formatDate(body.respondBy) },
        ]}
        confirm="Send the request"
        onConfirm={() => post.mutate(body)}
        pending={post.isPending}
        pendingText="Sending…"
        onChange={() => setStep('form')}
      >
        <h2 className="govuk-heading-m">Who sees it</h2>
        <p className="govuk-body">
          Providers and people near {body.postcode} see what is needed, the area, when and the most each
          person could pay. Nobody sees {self ? 'your' : `${context.who.firstName}’s`} name. Asking does not
          set any money aside: you choose whether to accept a quote.
        </p>
      </CheckAnswers>
    );
  }

  return (
    <FormPage
      title={`Ask for support${forWhom}`}
      back={`/people/${personId}`}
      backText="Back to the budget"
      issues={issues}
    >
      <p className="govuk-body">
        If nothing listed meets {self ? 'your' : 'their'} need, ask. Providers near{' '}
        {self ? 'you' : context.who.firstName} can send a quote, and other people who would like the same can
        say so.
      </p>
      <form onSubmit={onContinue} noValidate>
        <Textarea
          id="description"
          label="What support is needed?"
          labelSize="m"
          hint="In your own words. For example, “A singing group for people with dementia and their carers”."
          rows={4}
          value={form.description}
          onChange={(value) => set('description', value)}
          error={errorFor(issues, 'description')}
        />
        <Select
          id="category"
          label="What kind of support is it?"
          labelSize="s"
          value={form.category}
          onChange={(value) => set('category', value)}
          error={errorFor(issues, 'category')}
          options={[
            { value: '', text: 'Choose' },
            ...categories.map((c) => ({ value: c.code, text: c.label })),
          ]}
        />
        <TextInput
          id="participants"
          label="For how many people?"
          labelSize="s"
          hint="Count anyone you know who would come too."
          inputMode="numeric"
          width={3}
          value={form.participants}
          onChange={(value) => set('participants', value)}
          error={errorFor(issues, 'participants')}
        />
        <TextInput
          id="when"
          label="When is it needed?"
          labelSize="s"
          hint="For example, “Thursday afternoons from March”."
          value={form.when}
          onChange={(value) => set('when', value)}
          error={errorFor(issues, 'when')}
        />
        <MoneyField
          id="budget"
          label="The most each person could pay"
          hint="For one session, hour or day, in pounds. Providers see this."
          value={form.budget}
          onChange={(value) => set('budget', value)}
          issues={issues}
        />
        <TextInput
          id="postcode"
          label="Postcode"
          labelSize="s"
          hint="Providers see only the first half, like HG1."
          width={10}
          autoComplete="postal-code"
          spellCheck={false}
          value={form.postcode}
          onChange={(value) => set('postcode', value)}
          error={errorFor(issues, 'postcode')}
        />
        <MilesSelect
          id="miles"
          label="How far could you travel?"
          words="Up to"
          value={form.miles}
          onChange={(value) => set('miles', value)}
          issues={issues}
        />
        <DateField
          id="respondBy"
          legend="Providers can send quotes until"
          legendSize="s"
          hint={exampleDate(14)}
          value={form.respondBy}
          onChange={(value) => set('respondBy', value)}
          issues={issues}
        />
        <Button>Continue</Button>
      </form>
    </FormPage>
  );
}
