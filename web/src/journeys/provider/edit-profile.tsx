/**
 * Changing a provider profile: what people see and how they get in touch. Evidence stays with
 * registration and the council's checks; a change to the name or the area the council checked
 * means it checks again, and the page says so before anything is saved.
 */
import type { Category } from '@carepool/domain';
import { categories } from '@carepool/domain';
import { type FormEvent, useState } from 'react';
import { useParams } from 'react-router';
import { type BodyOf, checkBody, type ResponseOf } from '../../api/client.ts';
import { binder } from '../../components/bind-field.ts';
import { useDoneMutation } from '../../components/done-form.tsx';
import {
  BackLink,
  Button,
  Checkboxes,
  ErrorSummary,
  errorFor,
  Textarea,
  TextInput,
  WarningText,
} from '../../components/govuk.tsx';
import { PageTitle } from '../../components/layout.tsx';
import { AwaitFormPage } from '../../components/query.tsx';
import { issuesFromError, issuesFromFields, type SummaryIssue, withoutRepeats } from '../../lib/problems.ts';
import { kmPerMile } from '../../lib/search.ts';
import { useApi, useRouteQuery } from '../../session.tsx';
import {
  AreaFields,
  ProviderContactFields,
  readServiceArea,
  readWorkers,
  WorkersField,
} from './profile-fields.tsx';
import { providerFields } from './register/draft.ts';

type Provider = ResponseOf<'getProvider'>;

export function EditProfilePage() {
  const { providerId = '' } = useParams();
  const provider = useRouteQuery('getProvider', { params: { id: providerId } });
  return (
    <AwaitFormPage query={provider} title="Change your profile" loading="Loading the profile…">
      {(data) => <ProfileForm provider={data} />}
    </AwaitFormPage>
  );
}

const miles = (km: number) => String(Math.round((km / kmPerMile) * 10) / 10);

function ProfileForm({ provider }: { provider: Provider }) {
  const api = useApi();
  const [form, setForm] = useState({
    name: provider.name,
    description: provider.description,
    workers: provider.workers === undefined ? '' : String(provider.workers),
    postcode: provider.serviceArea.postcode,
    radius: miles(provider.serviceArea.radiusKm),
    email: provider.contact.email,
    phone: provider.contact.phone ?? '',
    website: provider.contact.website ?? '',
    offers: provider.categories,
  });
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const save = useDoneMutation({
    mutationFn: (body: BodyOf<'updateProvider'>) =>
      api('updateProvider', { params: { id: provider.providerId }, body }),
    to: (saved) => `/provider?done=profile-changed&name=${encodeURIComponent(saved.name)}`,
    onError: (error) => setIssues(issuesFromError(error, { fields: providerFields })),
  });
  const bind = binder(form, (key, value) => setForm((current) => ({ ...current, [key]: value })), issues);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: SummaryIssue[] = [];
    const { name, description, email, phone, website, offers } = form;
    if (!name.trim()) found.push({ fieldId: 'name', message: 'Enter the name people will see' });
    const workerCount = readWorkers(found, provider.kind, form.workers);
    const serviceArea = readServiceArea(found, form.postcode, form.radius);
    if (!email.trim()) found.push({ fieldId: 'email', message: 'Enter your email address' });
    const body: BodyOf<'updateProvider'> = {
      name: name.trim(),
      description: description.trim(),
      ...(workerCount !== undefined ? { workers: workerCount } : {}),
      serviceArea,
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
        <TextInput {...bind('name')} label="Name people will see" labelSize="s" />
        <Textarea {...bind('description')} label="What you do (optional)" labelSize="s" rows={4} />
        <WorkersField kind={provider.kind} field={bind('workers')} />
        <AreaFields postcode={bind('postcode')} radius={bind('radius')} />
        <ProviderContactFields email={bind('email')} phone={bind('phone')} website={bind('website')} />
        <Checkboxes
          id="categories"
          name="categories"
          legend="What support do you offer?"
          legendSize="m"
          small
          values={form.offers}
          onChange={bind('offers').onChange}
          error={errorFor(issues, 'categories')}
          options={categories.map((c) => ({ value: c.code, text: c.label }))}
        />
        <Button disabled={save.isPending}>Save the changes</Button>
      </form>
    </>
  );
}
