/**
 * One task of the registration: its few questions, saved to the draft with every problem shown
 * at once, then back to the task list (or to the check-answers page if the person came from it).
 */
import { categories } from '@carepool/domain';
import { type FormEvent, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { type Binder, binder } from '../../../components/bind-field.ts';
import {
  BackLink,
  Button,
  Checkbox,
  Checkboxes,
  DateInput,
  ErrorSummary,
  errorFor,
  Fieldset,
  Radios,
  Textarea,
  TextInput,
} from '../../../components/govuk.tsx';
import { PageTitle } from '../../../components/layout.tsx';
import { providerKinds } from '../../../lib/labels.ts';
import type { SummaryIssue } from '../../../lib/problems.ts';
import { AreaFields, ProviderContactFields, WorkersField } from '../profile-fields.tsx';
import { type RegistrationDraft, type TaskId, taskIssues, tasks, useRegistrationDraft } from './draft.ts';

type Set = <K extends keyof RegistrationDraft>(key: K) => (value: RegistrationDraft[K]) => void;
interface QuestionsProps {
  draft: RegistrationDraft;
  set: Set;
  bind: Binder<RegistrationDraft>;
  issues: SummaryIssue[];
}

export function RegisterTaskPage() {
  const { task = '' } = useParams();
  const found = tasks.find((t) => t.id === task);
  if (!found)
    return (
      <>
        <PageTitle title="Page not found" />
        <h1 className="govuk-heading-l">Page not found</h1>
      </>
    );
  return <TaskForm task={found.id} title={found.title} />;
}

function TaskForm({ task, title }: { task: TaskId; title: string }) {
  const { draft: saved, save } = useRegistrationDraft();
  const [draft, setDraft] = useState(saved);
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const back = params.get('from') === 'check' ? '/provider/register/check' : '/provider/register';
  const set: Set = (key) => (value) => setDraft((current) => ({ ...current, [key]: value }));
  const bind = binder(draft, (key, value) => set(key)(value), issues);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = taskIssues(draft, task);
    setIssues(found);
    if (found.length > 0) {
      save({ ...draft, done: draft.done.filter((t) => t !== task) });
      return;
    }
    save({ ...draft, done: [...draft.done.filter((t) => t !== task), task] });
    navigate(back);
  };
  const Questions = {
    about: AboutQuestions,
    area: AreaQuestions,
    offer: OfferQuestions,
    evidence: EvidenceQuestions,
  }[task];
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title={title} error={issues.length > 0} />
        <BackLink to={back}>Back</BackLink>
        <ErrorSummary issues={issues} />
        <span className="govuk-caption-l">Register as a provider</span>
        <h1 className="govuk-heading-l">{title}</h1>
        <form onSubmit={onSubmit} noValidate>
          <Questions draft={draft} set={set} bind={bind} issues={issues} />
          <Button>Save and continue</Button>
        </form>
      </div>
    </div>
  );
}

function AboutQuestions({ draft, set, bind, issues }: QuestionsProps) {
  return (
    <>
      <Radios
        id="kind"
        name="kind"
        legend="What kind of provider are you?"
        legendSize="m"
        value={draft.kind}
        onChange={set('kind')}
        error={errorFor(issues, 'kind')}
        options={Object.entries(providerKinds).map(([value, text]) => ({
          value,
          text,
          ...(value === 'broker'
            ? {
                conditional: (
                  <TextInput
                    {...bind('fee')}
                    label="Your fee, as a percentage of the budget"
                    suffix="%"
                    inputMode="decimal"
                    width={4}
                  />
                ),
              }
            : {}),
        }))}
      />
      <WorkersField kind={draft.kind} field={bind('workers')} />
      <TextInput {...bind('name')} label="Name people will see" labelSize="s" />
      <Textarea {...bind('description')} label="What you do (optional)" labelSize="s" rows={4} />
    </>
  );
}

function AreaQuestions({ bind }: QuestionsProps) {
  return (
    <>
      <AreaFields postcode={bind('postcode')} radius={bind('radius')} />
      <ProviderContactFields email={bind('email')} phone={bind('phone')} />
    </>
  );
}

function OfferQuestions({ draft, set, issues }: QuestionsProps) {
  return (
    <Checkboxes
      id="categories"
      name="categories"
      legend="What support do you offer?"
      legendSize="m"
      hint="Choose all that apply. You add prices and times to each listing later."
      small
      values={draft.offers}
      onChange={set('offers')}
      error={errorFor(issues, 'categories')}
      options={categories.map((c) => ({ value: c.code, text: c.label }))}
    />
  );
}

function EvidenceQuestions({ draft, set, issues }: QuestionsProps) {
  return (
    <>
      <p className="govuk-body">
        The council checks these before you can be paid from a personal budget. Give what you have now; you
        can add the rest when the council asks.
      </p>
      <Checkbox
        id="regulated"
        label="I provide personal care that the Care Quality Commission regulates"
        checked={draft.regulated}
        onChange={set('regulated')}
      />
      <TextInput
        id="cqc"
        label="CQC registration number (if you have one)"
        labelSize="s"
        hint="For example, 1-123456789"
        width={20}
        value={draft.cqc}
        onChange={set('cqc')}
        error={errorFor(issues, 'cqc')}
      />
      <Radios
        id="dbs"
        name="dbs"
        legend="Your DBS check"
        legendSize="s"
        small
        value={draft.dbs}
        onChange={set('dbs')}
        error={errorFor(issues, 'dbs')}
        options={[
          { value: 'none', text: 'None' },
          { value: 'basic', text: 'Basic' },
          { value: 'standard', text: 'Standard' },
          { value: 'enhanced', text: 'Enhanced' },
        ]}
      />
      <DateInput
        id="dbsDate"
        legend="When was it done? (optional)"
        value={draft.dbsDate}
        onChange={set('dbsDate')}
        error={errorFor(issues, 'dbsDate')}
      />
      <Fieldset id="insurance" legend="Public liability insurance (optional)" legendSize="s">
        <TextInput
          id="insurer"
          label="Insurer"
          value={draft.insurer}
          onChange={set('insurer')}
          error={errorFor(issues, 'insurer')}
        />
        <TextInput
          id="cover"
          label="Cover"
          prefix="£"
          inputMode="decimal"
          width={10}
          value={draft.cover}
          onChange={set('cover')}
          error={errorFor(issues, 'cover')}
        />
        <DateInput
          id="insuranceDate"
          legend="Ends on"
          value={draft.insuranceDate}
          onChange={set('insuranceDate')}
          error={errorFor(issues, 'insuranceDate')}
        />
      </Fieldset>
      <DateInput
        id="safeguardingDate"
        legend="When did you last do safeguarding training? (optional)"
        value={draft.safeguardingDate}
        onChange={set('safeguardingDate')}
        error={errorFor(issues, 'safeguardingDate')}
      />
    </>
  );
}
