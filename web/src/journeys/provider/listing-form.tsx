/**
 * The questions about a listing, shared by "Add a listing" and "Change a listing": the form's
 * state as typed, the fields, and the check that turns it into the API's listing (every problem
 * at once, the page's own words first, the schema's after).
 */
import {
  AccessibilityFeature,
  type Category,
  categories,
  type PriceUnit,
  type Weekday,
} from '@carepool/domain';
import { type BodyOf, checkBody } from '../../api/client.ts';
import { binder } from '../../components/bind-field.ts';
import { Checkboxes, errorFor, Radios, Select, Textarea, TextInput } from '../../components/govuk.tsx';
import { GroupPriceTiers, readTiers, type TierForm } from '../../components/group-price-tiers.tsx';
import { accessibilityFeatures, priceUnits } from '../../lib/labels.ts';
import { parsePounds, penceToPoundsInput } from '../../lib/money.ts';
import { issuesFromFields, type SummaryIssue, withoutRepeats } from '../../lib/problems.ts';
import {
  AvailabilityFields,
  type AvailabilityForm,
  availabilityFormOf,
  readAvailability,
  weekdayOrder,
} from './availability-fields.tsx';
import { languageChoices, languageName } from './form-helpers.ts';

export interface ListingForm {
  title: string;
  description: string;
  category: string;
  price: string;
  unit: PriceUnit;
  where: string;
  venuePostcode: string;
  venueName: string;
  capacity: string;
  tiers: TierForm[];
  access: string[];
  councilRate: string;
  availability: AvailabilityForm;
  languages: string[];
}

export const newListingForm: ListingForm = {
  title: '',
  description: '',
  category: '',
  price: '',
  unit: 'session',
  where: '',
  venuePostcode: '',
  venueName: '',
  capacity: '1',
  tiers: [],
  access: [],
  councilRate: '',
  availability: {},
  languages: ['en'],
};

type Listing = BodyOf<'createListing'>;
type StoredListing = Required<Pick<Listing, 'availability' | 'languages' | 'groupTiers' | 'accessibility'>> &
  Omit<Listing, 'availability' | 'languages' | 'groupTiers' | 'accessibility'>;

/** A listing as the form shows it, for changing it. */
export function listingFormOf(listing: StoredListing): ListingForm {
  return {
    title: listing.title,
    description: listing.description ?? '',
    category: listing.category,
    price: penceToPoundsInput(listing.pricePence),
    unit: listing.priceUnit,
    where: listing.where.mode,
    venuePostcode: listing.where.mode === 'venue' ? listing.where.postcode : '',
    venueName: listing.where.mode === 'venue' ? (listing.where.venueName ?? '') : '',
    capacity: String(listing.capacity ?? 1),
    tiers: listing.groupTiers.map((t) => ({
      people: String(t.minParticipants),
      price: penceToPoundsInput(t.pricePerPersonPence),
    })),
    access: [...listing.accessibility],
    councilRate: listing.councilRatePence === undefined ? '' : penceToPoundsInput(listing.councilRatePence),
    availability: availabilityFormOf(listing.availability),
    languages: [...listing.languages],
  };
}

export const listingFields = (field: string, availability?: AvailabilityForm): string | undefined => {
  const tier = /^groupTiers\.(\d+)\.(\w+)/.exec(field);
  if (tier) return `tier-${tier[1]}-${tier[2] === 'minParticipants' ? 'people' : 'price'}`;
  const slot = /^availability\.(\d+)\.(from|to)/.exec(field);
  if (slot) {
    const days = weekdayOrder.filter((day) => availability?.[day]);
    const day: Weekday | undefined = days[Number(slot[1])];
    return day ? `day-${day}-${slot[2]}` : 'availability';
  }
  if (field.startsWith('languages')) return 'languages';
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

/** Checks the form and builds the listing; `issues` is empty when it can be sent. */
export function readListingForm(form: ListingForm): { listing: Listing; issues: SummaryIssue[] } {
  const found: SummaryIssue[] = [];
  if (!form.title.trim()) found.push({ fieldId: 'title', message: 'Enter a title' });
  if (!form.category) found.push({ fieldId: 'category', message: 'Choose what kind of support this is' });
  const pricePence = parsePounds(form.price, { label: 'the price', min: 1 });
  if (!pricePence.ok) found.push({ fieldId: 'price', message: pricePence.message });
  if (!form.where) found.push({ fieldId: 'where', message: 'Choose where it happens' });
  const places = Number(form.capacity);
  if (!Number.isInteger(places) || places < 1)
    found.push({ fieldId: 'capacity', message: 'Enter how many people can come, like 10' });
  const rate = form.councilRate.trim()
    ? parsePounds(form.councilRate, { label: 'the council rate' })
    : undefined;
  if (rate && !rate.ok) found.push({ fieldId: 'councilRate', message: rate.message });
  const groupTiers = readTiers(form.tiers, found);
  const availability = readAvailability(form.availability, found);
  if (form.languages.length === 0)
    found.push({ fieldId: 'languages', message: 'Choose at least one language you offer it in' });
  const listing: Listing = {
    title: form.title.trim(),
    description: form.description.trim(),
    category: form.category as Category,
    pricePence: pricePence.ok ? pricePence.pence : 0,
    priceUnit: form.unit,
    groupTiers,
    capacity: places,
    where:
      form.where === 'venue'
        ? {
            mode: 'venue',
            postcode: form.venuePostcode.trim().toUpperCase(),
            ...(form.venueName.trim() ? { venueName: form.venueName.trim() } : {}),
          }
        : form.where === 'online'
          ? { mode: 'online' }
          : { mode: 'at_home' },
    availability,
    accessibility: form.access.filter(
      (a): a is AccessibilityFeature => AccessibilityFeature.safeParse(a).success,
    ),
    languages: form.languages,
    ...(rate?.ok ? { councilRatePence: rate.pence } : {}),
  };
  const fields = (field: string) => listingFields(field, form.availability);
  found.push(...withoutRepeats(found, issuesFromFields(checkBody('createListing', listing), fields)));
  return { listing, issues: found };
}

export function ListingFields({
  form,
  onChange,
  issues,
}: {
  form: ListingForm;
  onChange(form: ListingForm): void;
  issues: SummaryIssue[];
}) {
  const bind = binder(form, (key, value) => onChange({ ...form, [key]: value }), issues);
  const set =
    <K extends keyof ListingForm & string>(key: K) =>
    (value: ListingForm[K]) =>
      bind(key).onChange(value);
  // Languages already on a listing that the short list lacks stay offered, by name.
  const languageOptions = [
    ...languageChoices,
    ...form.languages
      .filter((code) => !languageChoices.some((c) => c.code === code))
      .map((code) => ({ code, name: languageName(code) })),
  ];
  return (
    <>
      <TextInput {...bind('title')} label="Title" labelSize="s" hint="For example, “Gentle group walk”." />
      <Textarea {...bind('description')} label="Description (optional)" labelSize="s" rows={4} />
      <Select
        {...bind('category')}
        label="What kind of support is it?"
        labelSize="s"
        options={[
          { value: '', text: 'Choose' },
          ...categories.map((c) => ({ value: c.code, text: c.label })),
        ]}
      />
      <TextInput
        {...bind('price')}
        label="Price for one person"
        labelSize="s"
        prefix="£"
        inputMode="decimal"
        width={5}
      />
      <Select
        id="unit"
        label="For"
        labelSize="s"
        value={form.unit}
        onChange={(value) => set('unit')(value as PriceUnit)}
        options={Object.entries(priceUnits).map(([value, text]) => ({ value, text }))}
      />
      <Radios
        {...bind('where')}
        name="where"
        legend="Where does it happen?"
        legendSize="s"
        options={[
          { value: 'at_home', text: 'At the person’s home' },
          {
            value: 'venue',
            text: 'At a venue',
            conditional: (
              <>
                <TextInput {...bind('venueName')} label="Venue name (optional)" />
                <TextInput {...bind('venuePostcode')} label="Venue postcode" width={10} />
              </>
            ),
          },
          { value: 'online', text: 'Online' },
        ]}
      />
      <AvailabilityFields value={form.availability} onChange={set('availability')} issues={issues} />
      <Checkboxes
        id="languages"
        name="languages"
        legend="Which languages do you offer it in?"
        legendSize="m"
        hint="People can search for support in their own language."
        small
        options={languageOptions.map((language) => ({ value: language.code, text: language.name }))}
        values={form.languages}
        onChange={set('languages')}
        error={errorFor(issues, 'languages')}
      />
      <TextInput
        {...bind('capacity')}
        label="How many people can come at once?"
        labelSize="s"
        inputMode="numeric"
        width={3}
      />
      <GroupPriceTiers tiers={form.tiers} onChange={set('tiers')} issues={issues} />
      <Checkboxes
        id="access"
        name="access"
        legend="Accessibility (optional)"
        legendSize="m"
        small
        values={form.access}
        onChange={set('access')}
        options={Object.entries(accessibilityFeatures).map(([value, text]) => ({ value, text }))}
      />
      <TextInput
        {...bind('councilRate')}
        label="What you charge the council for the same support (optional)"
        labelSize="s"
        hint="People see whether they pay the same as the council."
        prefix="£"
        inputMode="decimal"
        width={5}
      />
    </>
  );
}
