/**
 * Providers: registering a profile with its evidence, and adding a listing with group prices.
 * Both forms check their body with the route's own schema before sending, and map the API's
 * field paths ("groupTiers.1.pricePerPersonPence") back to the questions on the page.
 */

import {
  AccessibilityFeature,
  type Category,
  categories,
  type PriceUnit,
  type ProviderKind,
} from '@carepool/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { type BodyOf, checkBody, newIdempotencyKey } from '../api/client.ts';
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
  Select,
  Textarea,
  TextInput,
} from '../components/govuk.tsx';
import { GroupPriceTiers, readTiers, type TierForm } from '../components/group-price-tiers.tsx';
import { PageTitle } from '../components/layout.tsx';
import { rememberedList } from '../components/steps.tsx';
import { type DateParts, parseDateParts } from '../lib/dates.ts';
import { accessibilityFeatures, priceUnits, providerKinds } from '../lib/labels.ts';
import { parsePounds } from '../lib/money.ts';
import { issuesFromError, issuesFromFields, type SummaryIssue } from '../lib/problems.ts';
import { kmPerMile } from '../lib/search.ts';
import { useApi, useMe, useRouteQuery } from '../session.tsx';

const emptyDate: DateParts = { day: '', month: '', year: '' };

/**
 * The schema's messages for the questions the page has not already said something about: the
 * page's own words come first (they are written for people, the schema's for the API).
 */
function withoutRepeats(found: SummaryIssue[], more: SummaryIssue[]): SummaryIssue[] {
  const seen = new Set(found.map((issue) => issue.fieldId));
  return more.filter((issue) => {
    if (issue.fieldId === undefined || seen.has(issue.fieldId)) return false;
    seen.add(issue.fieldId);
    return true;
  });
}

/** An optional date: empty is fine, half-filled is not. */
function optionalDate(
  parts: DateParts,
  id: string,
  label: string,
  issues: SummaryIssue[],
): string | undefined {
  if (!parts.day && !parts.month && !parts.year) return undefined;
  const parsed = parseDateParts(parts, label);
  if (!parsed.ok) {
    issues.push({ fieldId: id, message: parsed.message });
    return undefined;
  }
  return parsed.iso;
}

const providerFields = (field: string): string | undefined => {
  const known: Record<string, string> = {
    kind: 'kind',
    name: 'name',
    description: 'description',
    workers: 'workers',
    'serviceArea.postcode': 'postcode',
    'serviceArea.radiusKm': 'radius',
    'contact.email': 'email',
    'contact.phone': 'phone',
    'contact.website': 'website',
    'evidence.cqcRegistrationId': 'cqc',
    'evidence.dbsCheck.level': 'dbs',
    'evidence.dbsCheck.checkedOn': 'dbsDate',
    'evidence.publicLiabilityInsurance.insurer': 'insurer',
    'evidence.publicLiabilityInsurance.coverPence': 'cover',
    'evidence.publicLiabilityInsurance.expiresOn': 'insuranceDate',
    'evidence.safeguardingTrainingOn': 'safeguardingDate',
    categories: 'categories',
    broker: 'fee',
    'broker.fee.basisPoints': 'fee',
  };
  return known[field] ?? (field.startsWith('broker') ? 'fee' : undefined);
};

export function RegisterProviderPage() {
  const me = useMe();
  const api = useApi();
  const navigate = useNavigate();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [kind, setKind] = useState('');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [workers, setWorkers] = useState('');
  const [postcode, setPostcode] = useState('');
  const [radius, setRadius] = useState('6');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [offers, setOffers] = useState<string[]>([]);
  const [regulated, setRegulated] = useState(false);
  const [cqc, setCqc] = useState('');
  const [dbs, setDbs] = useState('none');
  const [dbsDate, setDbsDate] = useState(emptyDate);
  const [insurer, setInsurer] = useState('');
  const [cover, setCover] = useState('');
  const [insuranceDate, setInsuranceDate] = useState(emptyDate);
  const [safeguardingDate, setSafeguardingDate] = useState(emptyDate);
  const [fee, setFee] = useState('');
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const register = useMutation({
    mutationFn: (body: BodyOf<'registerProvider'>) => api('registerProvider', { body }, { idempotencyKey }),
    onSuccess: (provider) => {
      rememberedList(`carepool.providers.${me.data?.userId ?? 'anonymous'}`).add(provider.providerId);
      navigate(`/provider?registered=${encodeURIComponent(provider.providerId)}`);
    },
    onError: (error) => setIssues(issuesFromError(error, { fields: providerFields })),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: SummaryIssue[] = [];
    if (!kind) found.push({ fieldId: 'kind', message: 'Choose what kind of provider you are' });
    if (!name.trim()) found.push({ fieldId: 'name', message: 'Enter the name people will see' });
    if (!email.trim()) found.push({ fieldId: 'email', message: 'Enter your email address' });
    const radiusMiles = Number(radius);
    const radiusKm = Math.round(radiusMiles * kmPerMile * 10) / 10;
    if (!Number.isFinite(radiusMiles) || radiusMiles <= 0)
      found.push({ fieldId: 'radius', message: 'Enter how far you travel, in miles' });
    const workerCount = workers.trim() ? Number(workers) : undefined;
    if (workerCount !== undefined && !Number.isInteger(workerCount))
      found.push({ fieldId: 'workers', message: 'Enter the number of people who work for you, like 3' });
    const coverPence = cover.trim() ? parsePounds(cover, { label: 'the cover' }) : undefined;
    if (coverPence && !coverPence.ok) found.push({ fieldId: 'cover', message: coverPence.message });
    const dbsOn = optionalDate(dbsDate, 'dbsDate', 'the date of the DBS check', found);
    const insuranceUntil = optionalDate(insuranceDate, 'insuranceDate', 'the date the insurance ends', found);
    const safeguardingOn = optionalDate(
      safeguardingDate,
      'safeguardingDate',
      'the date of the training',
      found,
    );
    const feePercent = fee.trim() ? Number(fee) : undefined;
    if (kind === 'broker' && (feePercent === undefined || !Number.isFinite(feePercent) || feePercent < 0))
      found.push({ fieldId: 'fee', message: 'Enter your fee as a percentage of the budget, like 7.5' });
    {
      const body: BodyOf<'registerProvider'> = {
        kind: kind as ProviderKind,
        name: name.trim(),
        description: description.trim(),
        ...(workerCount !== undefined ? { workers: workerCount } : {}),
        serviceArea: { postcode: postcode.trim().toUpperCase(), radiusKm },
        contact: { email: email.trim(), ...(phone.trim() ? { phone: phone.trim() } : {}) },
        evidence: {
          ...(cqc.trim() ? { cqcRegistrationId: cqc.trim() } : {}),
          dbsCheck: { level: dbs as 'none', ...(dbsOn ? { checkedOn: dbsOn } : {}) },
          ...(insurer.trim() || coverPence || insuranceUntil
            ? {
                publicLiabilityInsurance: {
                  insurer: insurer.trim(),
                  coverPence: coverPence?.ok ? coverPence.pence : 0,
                  expiresOn: insuranceUntil ?? '',
                },
              }
            : {}),
          ...(safeguardingOn ? { safeguardingTrainingOn: safeguardingOn } : {}),
        },
        regulatedPersonalCare: regulated,
        categories: offers as Category[],
        ...(kind === 'broker' && feePercent !== undefined
          ? { broker: { fee: { kind: 'percent', basisPoints: Math.round(feePercent * 100) }, interests: [] } }
          : {}),
      };
      found.push(
        ...withoutRepeats(found, issuesFromFields(checkBody('registerProvider', body), providerFields)),
      );
      if (found.length === 0) {
        setIssues([]);
        register.mutate(body);
        return;
      }
    }
    setIssues(found);
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title="Register as a provider" error={issues.length > 0} />
        <BackLink to="/provider">My services</BackLink>
        <ErrorSummary issues={issues} />
        <h1 className="govuk-heading-l">Register as a provider</h1>
        <p className="govuk-body">
          People can find you as soon as you register. The council checks your evidence before you can be paid
          from a personal budget.
        </p>
        <form onSubmit={onSubmit} noValidate>
          <Radios
            id="kind"
            name="kind"
            legend="What kind of provider are you?"
            legendSize="m"
            value={kind}
            onChange={setKind}
            error={errorFor(issues, 'kind')}
            options={Object.entries(providerKinds).map(([value, text]) => ({
              value,
              text,
              ...(value === 'broker'
                ? {
                    conditional: (
                      <TextInput
                        id="fee"
                        label="Your fee, as a percentage of the budget"
                        suffix="%"
                        inputMode="decimal"
                        width={4}
                        value={fee}
                        onChange={setFee}
                        error={errorFor(issues, 'fee')}
                      />
                    ),
                  }
                : {}),
            }))}
          />
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
          <TextInput
            id="workers"
            label="How many people work for you? (optional)"
            labelSize="s"
            hint="A micro-enterprise has 1 to 8."
            inputMode="numeric"
            width={3}
            value={workers}
            onChange={setWorkers}
            error={errorFor(issues, 'workers')}
          />
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
          <h2 className="govuk-heading-m">Your evidence</h2>
          <Checkbox
            id="regulated"
            label="I provide personal care that the Care Quality Commission regulates"
            checked={regulated}
            onChange={setRegulated}
          />
          <TextInput
            id="cqc"
            label="CQC registration number (if you have one)"
            labelSize="s"
            hint="For example, 1-123456789"
            width={20}
            value={cqc}
            onChange={setCqc}
            error={errorFor(issues, 'cqc')}
          />
          <Radios
            id="dbs"
            name="dbs"
            legend="Your DBS check"
            legendSize="s"
            small
            value={dbs}
            onChange={setDbs}
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
            value={dbsDate}
            onChange={setDbsDate}
            error={errorFor(issues, 'dbsDate')}
          />
          <Fieldset id="insurance" legend="Public liability insurance (optional)" legendSize="s">
            <TextInput
              id="insurer"
              label="Insurer"
              value={insurer}
              onChange={setInsurer}
              error={errorFor(issues, 'insurer')}
            />
            <TextInput
              id="cover"
              label="Cover"
              prefix="£"
              inputMode="decimal"
              width={10}
              value={cover}
              onChange={setCover}
              error={errorFor(issues, 'cover')}
            />
            <DateInput
              id="insuranceDate"
              legend="Ends on"
              value={insuranceDate}
              onChange={setInsuranceDate}
              error={errorFor(issues, 'insuranceDate')}
            />
          </Fieldset>
          <DateInput
            id="safeguardingDate"
            legend="When did you last do safeguarding training? (optional)"
            value={safeguardingDate}
            onChange={setSafeguardingDate}
            error={errorFor(issues, 'safeguardingDate')}
          />
          <Button disabled={register.isPending}>Register</Button>
        </form>
      </div>
    </div>
  );
}

const listingFields = (field: string): string | undefined => {
  const tier = /^groupTiers\.(\d+)\.(\w+)/.exec(field);
  if (tier) return `tier-${tier[1]}-${tier[2] === 'minParticipants' ? 'people' : 'price'}`;
  const known: Record<string, string> = {
    title: 'title',
    description: 'description',
    category: 'category',
    pricePence: 'price',
    priceUnit: 'unit',
    capacity: 'capacity',
    where: 'where',
    'where.postcode': 'venuePostcode',
    'where.venueName': 'venueName',
    councilRatePence: 'councilRate',
    groupTiers: 'tier-0-people',
  };
  return known[field];
};

export function NewListingPage() {
  const { providerId = '' } = useParams();
  const provider = useRouteQuery('getProvider', { params: { id: providerId } });
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [category, setCategory] = useState('');
  const [price, setPrice] = useState('');
  const [unit, setUnit] = useState<PriceUnit>('session');
  const [where, setWhere] = useState('');
  const [venuePostcode, setVenuePostcode] = useState('');
  const [venueName, setVenueName] = useState('');
  const [capacity, setCapacity] = useState('1');
  const [tiers, setTiers] = useState<TierForm[]>([]);
  const [access, setAccess] = useState<string[]>([]);
  const [councilRate, setCouncilRate] = useState('');
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const create = useMutation({
    mutationFn: (body: BodyOf<'createListing'>) =>
      api('createListing', { params: { id: providerId }, body }, { idempotencyKey }),
    onSuccess: async (listing) => {
      await queryClient.invalidateQueries();
      navigate(`/listings/${listing.listingId}`);
    },
    onError: (error) => setIssues(issuesFromError(error, { fields: listingFields })),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: SummaryIssue[] = [];
    if (!title.trim()) found.push({ fieldId: 'title', message: 'Enter a title' });
    if (!category) found.push({ fieldId: 'category', message: 'Choose what kind of support this is' });
    const pricePence = parsePounds(price, { label: 'the price', min: 1 });
    if (!pricePence.ok) found.push({ fieldId: 'price', message: pricePence.message });
    if (!where) found.push({ fieldId: 'where', message: 'Choose where it happens' });
    const places = Number(capacity);
    if (!Number.isInteger(places) || places < 1)
      found.push({ fieldId: 'capacity', message: 'Enter how many people can come, like 10' });
    const rate = councilRate.trim() ? parsePounds(councilRate, { label: 'the council rate' }) : undefined;
    if (rate && !rate.ok) found.push({ fieldId: 'councilRate', message: rate.message });
    const groupTiers = readTiers(tiers, found);
    {
      const body: BodyOf<'createListing'> = {
        title: title.trim(),
        description: description.trim(),
        category: category as Category,
        pricePence: pricePence.ok ? pricePence.pence : 0,
        priceUnit: unit,
        groupTiers,
        capacity: places,
        where:
          where === 'venue'
            ? {
                mode: 'venue',
                postcode: venuePostcode.trim().toUpperCase(),
                ...(venueName.trim() ? { venueName: venueName.trim() } : {}),
              }
            : where === 'online'
              ? { mode: 'online' }
              : { mode: 'at_home' },
        accessibility: access.filter(
          (a): a is AccessibilityFeature => AccessibilityFeature.safeParse(a).success,
        ),
        ...(rate?.ok ? { councilRatePence: rate.pence } : {}),
      };
      found.push(...withoutRepeats(found, issuesFromFields(checkBody('createListing', body), listingFields)));
      if (found.length === 0) {
        setIssues([]);
        create.mutate(body);
        return;
      }
    }
    setIssues(found);
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title="Add a listing" error={issues.length > 0} />
        <BackLink to={`/provider/${providerId}/orders`}>Back</BackLink>
        <ErrorSummary issues={issues} />
        <span className="govuk-caption-l">{provider.data?.name ?? providerId}</span>
        <h1 className="govuk-heading-l">Add a listing</h1>
        <form onSubmit={onSubmit} noValidate>
          <TextInput
            id="title"
            label="Title"
            labelSize="s"
            hint="For example, “Gentle group walk”."
            value={title}
            onChange={setTitle}
            error={errorFor(issues, 'title')}
          />
          <Textarea
            id="description"
            label="Description (optional)"
            labelSize="s"
            rows={4}
            value={description}
            onChange={setDescription}
            error={errorFor(issues, 'description')}
          />
          <Select
            id="category"
            label="What kind of support is it?"
            labelSize="s"
            value={category}
            onChange={setCategory}
            error={errorFor(issues, 'category')}
            options={[
              { value: '', text: 'Choose' },
              ...categories.map((c) => ({ value: c.code, text: c.label })),
            ]}
          />
          <TextInput
            id="price"
            label="Price for one person"
            labelSize="s"
            prefix="£"
            inputMode="decimal"
            width={5}
            value={price}
            onChange={setPrice}
            error={errorFor(issues, 'price')}
          />
          <Select
            id="unit"
            label="For"
            labelSize="s"
            value={unit}
            onChange={(value) => setUnit(value as PriceUnit)}
            options={Object.entries(priceUnits).map(([value, text]) => ({ value, text }))}
          />
          <Radios
            id="where"
            name="where"
            legend="Where does it happen?"
            legendSize="s"
            value={where}
            onChange={setWhere}
            error={errorFor(issues, 'where')}
            options={[
              { value: 'at_home', text: 'At the person’s home' },
              {
                value: 'venue',
                text: 'At a venue',
                conditional: (
                  <>
                    <TextInput
                      id="venueName"
                      label="Venue name (optional)"
                      value={venueName}
                      onChange={setVenueName}
                      error={errorFor(issues, 'venueName')}
                    />
                    <TextInput
                      id="venuePostcode"
                      label="Venue postcode"
                      width={10}
                      value={venuePostcode}
                      onChange={setVenuePostcode}
                      error={errorFor(issues, 'venuePostcode')}
                    />
                  </>
                ),
              },
              { value: 'online', text: 'Online' },
            ]}
          />
          <TextInput
            id="capacity"
            label="How many people can come at once?"
            labelSize="s"
            inputMode="numeric"
            width={3}
            value={capacity}
            onChange={setCapacity}
            error={errorFor(issues, 'capacity')}
          />
          <GroupPriceTiers tiers={tiers} onChange={setTiers} issues={issues} />
          <Checkboxes
            id="access"
            name="access"
            legend="Accessibility (optional)"
            legendSize="m"
            small
            values={access}
            onChange={setAccess}
            options={Object.entries(accessibilityFeatures).map(([value, text]) => ({ value, text }))}
          />
          <TextInput
            id="councilRate"
            label="What you charge the council for the same support (optional)"
            labelSize="s"
            hint="People see whether they pay the same as the council."
            prefix="£"
            inputMode="decimal"
            width={5}
            value={councilRate}
            onChange={setCouncilRate}
            error={errorFor(issues, 'councilRate')}
          />
          <Button disabled={create.isPending}>Add the listing</Button>
        </form>
      </div>
    </div>
  );
}
