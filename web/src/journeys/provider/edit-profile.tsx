/**
 * Changing a provider profile: what people see and how they get in touch. Evidence stays with
 * registration and the council's checks; a change to the name or the area the council checked
 * means it checks again, and the page says so before anything is saved.
 */
import type { Category } from '@carepool/domain';
import { categories } from '@carepool/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { type BodyOf, checkBody, type ResponseOf } from '../../api/client.ts';
import {
  BackLink,
  Button,
  Checkboxes,
  ErrorSummary,
  errorFor,
  Fieldset,
  Textarea,
  TextInput,
  WarningText,
} from '../../components/govuk.tsx';
import { PageTitle } from '../../components/layout.tsx';
import { Await } from '../../components/query.tsx';
import { issuesFromError, issuesFromFields, type SummaryIssue } from '../../lib/problems.ts';
import { kmPerMile } from '../../lib/search.ts';
import { useApi, useRouteQuery } from '../../session.tsx';
import { withoutRepeats } from './form-helpers.ts';
import { providerFields, workersQuestion } from './register/draft.ts';

type Provider = ResponseOf<'getProvider'>;

export function EditProfilePage() {
  const { providerId = '' } = useParams();
  const provider = useRouteQuery('getProvider', { params: { id: providerId } });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Await query={provider} loading="Loading the profile…">
          {(data) => <ProfileForm provider={data} />}
        </Await>
        {!provider.data && (
          <>
            <PageTitle title="Change your profile" error={provider.isError} />
            <h1 className="govuk-heading-l">Change your profile</h1>
          </>
        )}
      </div>
    </div>
  );
}

const miles = (km: number) => String(Math.round((km / kmPerMile) * 10) / 10);

function ProfileForm({ provider }: { provider: Provider }) {
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState(provider.name);
  const [description, setDescription] = useState(provider.description);
  const [workers, setWorkers] = useState(provider.workers === undefined ? '' : String(provider.workers));
  const [postcode, setPostcode] = useState(provider.serviceArea.postcode);
  const [radius, setRadius] = useState(miles(provider.serviceArea.radiusKm));
  const [email, setEmail] = useState(provider.contact.email);
  const [phone, setPhone] = useState(provider.contact.phone ?? '');
  const [website, setWebsite] = useState(provider.contact.website ?? '');
  const [offers, setOffers] = useState<string[]>(provider.categories);
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const save = useMutation({
    mutationFn: (body: BodyOf<'updateProvider'>) =>
      api('updateProvider', { params: { id: provider.providerId }, body }),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries();
      navigate(`/provider?done=profile-changed&name=${encodeURIComponent(saved.name)}`);
    },
    onError: (error) => setIssues(issuesFromError(error, { fields: providerFields })),
  });
  const question = workersQuestion(provider.kind);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: SummaryIssue[] = [];
    if (!name.trim()) found.push({ fieldId: 'name', message: 'Enter the name people will see' });
    if (!email.trim()) found.push({ fieldId: 'email', message: 'Enter your email address' });
    const radiusMiles = Number(radius);
    if (!Number.isFinite(radiusMiles) || radiusMiles <= 0)
      found.push({ fieldId: 'radius', message: 'Enter how far you travel, in miles' });
    const workerCount = workers.trim() ? Number(workers) : undefined;
    if (question && workerCount === undefined && question.required)
      found.push({ fieldId: 'workers', message: question.missing });
    if (workerCount !== undefined && !Number.isInteger(workerCount))
      found.push({ fieldId: 'workers', message: 'Enter the number of people who work for you, like 3' });
    const body: BodyOf<'updateProvider'> = {
      name: name.trim(),
      description: description.trim(),
      ...(workerCount !== undefined ? { workers: workerCount } : {}),
      serviceArea: {
        postcode: postcode.trim().toUpperCase(),
        radiusKm: Math.round(radiusMiles * kmPerMile * 10) / 10,
      },
      contact: {
        email: email.trim(),
        ...(phone.trim() ? { phone: phone.trim() } : {}),
        ...(website.trim() ? { website: website.trim() } : {}),
      },
      categories: offers as Category[],
    };
    found.push(...withoutRepeats(found, issuesFromFields(checkBody('updateProvider', body), providerFields)));
    setIssues(found);
    if (found.length === 0) save.mutate(body);
  };

  const title = `Change the profile of ${provider.name}`;
  return (
    <>
      <PageTitle title={title} error={issues.length > 0} />
      <BackLink to="/provider">My services</BackLink>
      <ErrorSummary issues={issues} />
      <h1 className="govuk-heading-l">{title}</h1>
      {provider.status === 'verified' && (
        <WarningText>
          If you change the name or where you work, the council checks you again before you can be paid.
        </WarningText>
      )}
      <form onSubmit={onSubmit} noValidate>
        <TextInput
          id="name"
          label="Name people will see"
          labelSize="s"
          value={name}
          onChange={setName}
          error={errorFor(issues, 'name')}
        />
        <Textarea
          id="description"
          label="What you do (optional)"
          labelSize="s"
          rows={4}
          value={description}
          onChange={setDescription}
          error={errorFor(issues, 'description')}
        />
        {question && (
          <TextInput
            id="workers"
            label={question.label}
            labelSize="s"
            hint={question.hint}
            inputMode="numeric"
            width={3}
            value={workers}
            onChange={setWorkers}
            error={errorFor(issues, 'workers')}
          />
        )}
        <Fieldset id="area" legend="Where you work" legendSize="m">
          <TextInput
            id="postcode"
            label="Your postcode"
            width={10}
            value={postcode}
            onChange={setPostcode}
            error={errorFor(issues, 'postcode')}
          />
          <TextInput
            id="radius"
            label="How far you travel"
            suffix="miles"
            inputMode="decimal"
            width={4}
            value={radius}
            onChange={setRadius}
            error={errorFor(issues, 'radius')}
          />
        </Fieldset>
        <Fieldset id="contact" legend="How people contact you" legendSize="m">
          <TextInput
            id="email"
            label="Email address"
            type="email"
            autoComplete="email"
            spellCheck={false}
            value={email}
            onChange={setEmail}
            error={errorFor(issues, 'email')}
          />
          <TextInput
            id="phone"
            label="Phone number (optional)"
            type="tel"
            autoComplete="tel"
            width={20}
            value={phone}
            onChange={setPhone}
            error={errorFor(issues, 'phone')}
          />
          <TextInput
            id="website"
            label="Website (optional)"
            type="url"
            spellCheck={false}
            value={website}
            onChange={setWebsite}
            error={errorFor(issues, 'website')}
          />
        </Fieldset>
        <Checkboxes
          id="categories"
          name="categories"
          legend="What support do you offer?"
          legendSize="m"
          small
          values={offers}
          onChange={setOffers}
          error={errorFor(issues, 'categories')}
          options={categories.map((c) => ({ value: c.code, text: c.label }))}
        />
        <Button disabled={save.isPending}>Save the changes</Button>
      </form>
    </>
  );
}
