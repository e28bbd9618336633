import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { type BodyOf, checkBody, newIdempotencyKey, type ResponseOf } from '../../api/client.ts';
import {
  BackLink,
  Button,
  ButtonGroup,
  DateInput,
  ErrorSummary,
  errorFor,
  Panel,
  TextInput,
} from '../../components/govuk.tsx';
import { PageTitle } from '../../components/layout.tsx';
import { rememberedList, useFocusOnStep } from '../../components/steps.tsx';
import { parseDateParts, todayIso } from '../../lib/dates.ts';
import { issuesFromError, issuesFromFields, type SummaryIssue, withoutRepeats } from '../../lib/problems.ts';
import { useApi, useMe } from '../../session.tsx';

export function RegisterPersonPage() {
  const [name, setName] = useState('');
  const [dob, setDob] = useState({ day: '', month: '', year: '' });
  const [postcode, setPostcode] = useState('');
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [created, setCreated] = useState<ResponseOf<'registerPerson'>>();
  useFocusOnStep(created ? 'done' : 'form');
  const api = useApi();
  const me = useMe();
  const fields = { name: 'name', dateOfBirth: 'dob', postcode: 'postcode' };
  const register = useMutation({
    mutationFn: (body: BodyOf<'registerPerson'>) => api('registerPerson', { body }, { idempotencyKey }),
    onSuccess: (person) => {
      rememberedList(`carepool.people.${me.data?.userId ?? 'anonymous'}`).add(person.personId);
      setCreated(person);
    },
    onError: (error) => setIssues(issuesFromError(error, { fields })),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: SummaryIssue[] = [];
    if (!name.trim()) found.push({ fieldId: 'name', message: 'Enter their full name' });
    const date = parseDateParts(dob, 'their date of birth');
    if (!date.ok) found.push({ fieldId: 'dob', message: date.message });
    else if (date.iso >= todayIso())
      found.push({ fieldId: 'dob', message: 'Their date of birth must be in the past' });
    if (!postcode.trim()) found.push({ fieldId: 'postcode', message: 'Enter their postcode' });
    // The API's own checks too (a postcode's shape), for the questions the page has not spoken of.
    const body = {
      name: name.trim(),
      dateOfBirth: date.ok ? date.iso : '',
      postcode: postcode.trim().toUpperCase(),
    };
    found.push(...withoutRepeats(found, issuesFromFields(checkBody('registerPerson', body), fields)));
    if (found.length === 0) {
      setIssues([]);
      register.mutate(body);
      return;
    }
    setIssues(found);
  };
  if (created) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <PageTitle title="Budget holder registered" />
          <Panel title="Budget holder registered">
            {created.name}
            <br />
            <strong className="app-break-word">{created.personId}</strong>
          </Panel>
          <h2 className="govuk-heading-m">What happens next</h2>
          <p className="govuk-body">Set their yearly budget, then they can write a support plan.</p>
          <ButtonGroup>
            <Link className="govuk-button" to={`/people/${created.personId}/budget/edit`}>
              Set their budget
            </Link>
          </ButtonGroup>
        </div>
      </div>
    );
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title="Register a budget holder" error={issues.length > 0} />
        <BackLink to="/council">Council work</BackLink>
        <ErrorSummary issues={issues} />
        <h1 className="govuk-heading-l">Register a budget holder</h1>
        <p className="govuk-body">We only keep what we need: their name, date of birth and postcode.</p>
        <form onSubmit={onSubmit} noValidate>
          <TextInput
            id="name"
            label="Full name"
            labelSize="s"
            autoComplete="off"
            value={name}
            onChange={setName}
            error={errorFor(issues, 'name')}
          />
          <DateInput
            id="dob"
            legend="Date of birth"
            hint="For example, 27 3 1950"
            value={dob}
            onChange={setDob}
            error={errorFor(issues, 'dob')}
          />
          <TextInput
            id="postcode"
            label="Postcode"
            labelSize="s"
            width={10}
            autoComplete="off"
            value={postcode}
            onChange={setPostcode}
            error={errorFor(issues, 'postcode')}
          />
          <Button disabled={register.isPending}>Register</Button>
        </form>
      </div>
    </div>
  );
}
