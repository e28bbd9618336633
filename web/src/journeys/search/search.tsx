import type { AccessibilityFeature, Weekday } from '@carepool/domain';
import { type FormEvent, useState } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import type { ResponseOf } from '../../api/client.ts';
import {
  BackLink,
  Button,
  ButtonGroup,
  ButtonLink,
  Checkbox,
  Checkboxes,
  Details,
  ErrorSummary,
  errorFor,
  InsetText,
  Pagination,
  Radios,
  Select,
  SummaryList,
  Tag,
  TextInput,
} from '../../components/govuk.tsx';
import { PageTitle } from '../../components/layout.tsx';
import { Await, LoadError } from '../../components/query.tsx';
import { slotWords } from '../../lib/availability.ts';
import { formatDate } from '../../lib/dates.ts';
import {
  accessibilityFeatures,
  dbsLevels,
  priceParity,
  priceUnitWords,
  providerKinds,
  providerStatuses,
  weekdays,
} from '../../lib/labels.ts';
import { formatPence, parsePounds } from '../../lib/money.ts';
import type { SummaryIssue } from '../../lib/problems.ts';
import {
  apiQueryFromParams,
  distances,
  distanceWords,
  formFromParams,
  isPlace,
  maxPriceWords,
  milesWords,
  paramsFromForm,
  type SearchForm,
  sorts,
} from '../../lib/search.ts';
import { useMe, useRouteQuery } from '../../session.tsx';
import { canBookForSomeone, NotAllowedToBook } from '../booking/who-may-book.tsx';
import { ProviderReviews } from '../budget/money.tsx';
import { type PlanFit, usePlanFit } from './plan-fit.ts';

export function FindSupportPage() {
  const [params] = useSearchParams();
  const [form, setForm] = useState<SearchForm>(() => formFromParams(params));
  const [issues, setIssues] = useState<SummaryIssue[]>([]);
  const categories = useRouteQuery('listCategories', {});
  const navigate = useNavigate();
  const set = <K extends keyof SearchForm>(key: K, value: SearchForm[K]) =>
    setForm({ ...form, [key]: value });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: SummaryIssue[] = [];
    if (form.near.trim() && !isPlace(form.near)) {
      found.push({
        fieldId: 'near',
        message: 'Enter a postcode, like HG4 1AA, its first half, like HG4, or a town, like Ripon',
      });
    }
    if (form.maxPrice.trim()) {
      const price = parsePounds(form.maxPrice, { label: 'the most you want to pay' });
      if (!price.ok) found.push({ fieldId: 'maxPrice', message: price.message });
    }
    setIssues(found);
    if (found.length === 0) navigate(`/find-support/results?${paramsFromForm(form).toString()}`);
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title="Find support" error={issues.length > 0} />
        <ErrorSummary issues={issues} />
        <h1 className="govuk-heading-xl">Find support</h1>
        <p className="govuk-body">
          Search for care and support you can pay for with a personal budget. You do not need to sign in to
          look.
        </p>
        <form onSubmit={onSubmit} noValidate>
          <TextInput
            id="q"
            label="What are you looking for? (optional)"
            labelSize="m"
            hint="A word or two, like “gardening”, “carer” or a provider’s name."
            type="search"
            value={form.q}
            onChange={(value) => set('q', value)}
          />
          {categories.isError ? (
            <LoadError error={categories.error} />
          ) : (
            <Radios
              id="category"
              name="category"
              legend="What do you need help with?"
              legendSize="m"
              value={form.category}
              onChange={(value) => set('category', value)}
              small
              options={[
                { value: '', text: 'Anything', hint: 'Show every kind of support near you' },
                ...(categories.data?.items ?? []).map((c) => ({
                  value: c.code,
                  text: c.label,
                  hint: c.description,
                })),
              ]}
            />
          )}
          <TextInput
            id="near"
            label="Your postcode or town (optional)"
            labelSize="m"
            hint="For example, HG4 1AA, just the first half, like HG4, or a town, like Ripon. Without one, we search the whole country."
            value={form.near}
            onChange={(value) => set('near', value)}
            width={20}
            spellCheck={false}
            error={errorFor(issues, 'near')}
          />
          <Select
            id="miles"
            label="How far from there?"
            labelSize="s"
            value={form.miles}
            onChange={(value) => set('miles', value)}
            options={distances.map((miles) => ({
              value: String(miles),
              text: `Within ${miles} ${miles === 1 ? 'mile' : 'miles'}`,
            }))}
          />
          <TextInput
            id="maxPrice"
            label="The most you want to pay (optional)"
            labelSize="s"
            hint="In pounds, for one hour, session, day or item. For example, 25."
            prefix="£"
            inputMode="decimal"
            width={5}
            value={form.maxPrice}
            onChange={(value) => set('maxPrice', value)}
            error={errorFor(issues, 'maxPrice')}
          />
          <Select
            id="day"
            label="Which day? (optional)"
            labelSize="s"
            value={form.day}
            onChange={(value) => set('day', value)}
            options={[
              { value: '', text: 'Any day' },
              ...Object.entries(weekdays).map(([value, text]) => ({ value, text })),
            ]}
          />
          <Checkbox
            id="group"
            label="Only show support I can do with a group of friends"
            hint="Group prices get cheaper the more people join."
            checked={form.group}
            onChange={(value) => set('group', value)}
          />
          <Details summary="Accessibility needs (optional)">
            <Checkboxes
              id="access"
              name="access"
              legend="Only show support that has"
              legendSize="s"
              small
              values={form.access}
              onChange={(values) => set('access', values)}
              options={Object.entries(accessibilityFeatures).map(([value, text]) => ({ value, text }))}
            />
          </Details>
          <Button>Search</Button>
        </form>
      </div>
    </div>
  );
}

type Listing = ResponseOf<'getListing'>;

/** "£12 a journey", "£18 an hour": the unit said for the kind of support. */
export function PriceText({
  listing,
}: {
  listing: Pick<Listing, 'pricePence' | 'priceUnit'> & { category?: string | undefined };
}) {
  return (
    <>
      {formatPence(listing.pricePence)} {priceUnitWords(listing.priceUnit, listing.category)}
    </>
  );
}

export function ProviderStatusTag({ status }: { status: keyof typeof providerStatuses }) {
  const { text, colour } = providerStatuses[status];
  return <Tag colour={colour}>{text}</Tag>;
}

export function whereWords(listing: Pick<Listing, 'where'>): string {
  switch (listing.where.mode) {
    case 'at_home':
      return 'At your home';
    case 'online':
      return 'Online';
    case 'venue':
      return [listing.where.venueName, listing.where.postcode].filter(Boolean).join(', ');
  }
}

function searchSummary(params: URLSearchParams, categories: Array<{ code: string; label: string }>): string {
  const form = formFromParams(params);
  const what = categories.find((c) => c.code === form.category)?.label ?? 'Support';
  const words = form.q.trim() ? `${what} matching “${form.q.trim()}”` : what;
  return form.near ? `${words} near ${form.near}` : words;
}

export function ResultsPage() {
  const [params] = useSearchParams();
  const query = apiQueryFromParams(params);
  const results = useRouteQuery('searchListings', { query });
  const categories = useRouteQuery('listCategories', {});
  const heading = searchSummary(params, categories.data?.items ?? []);
  const fit = usePlanFit();
  const form = formFromParams(params);
  const change = `/find-support?${paramsFromForm(form).toString()}`;
  const nextParams = new URLSearchParams(params);
  if (results.data?.nextCursor) nextParams.set('cursor', results.data.nextCursor);
  const firstParams = new URLSearchParams(params);
  firstParams.delete('cursor');
  const page = Number(params.get('page') ?? '1');
  nextParams.set('page', String(page + 1));
  firstParams.delete('page');
  /** The same search with one thing changed, from the first page. */
  const withParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    next.delete('cursor');
    next.delete('page');
    if (value) next.set(key, value);
    else next.delete(key);
    return `/find-support/results?${next.toString()}`;
  };
  return (
    <>
      <PageTitle title={`${heading}${page > 1 ? ` (page ${page})` : ''}`} error={results.isError} />
      <BackLink to={change}>Change your search</BackLink>
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">
        {form.near && `Within ${form.miles} ${form.miles === '1' ? 'mile' : 'miles'}. `}
        {maxPriceWords(form.maxPrice) && `${maxPriceWords(form.maxPrice)} `}
        {form.day && `Open on ${weekdays[form.day as Weekday] ?? form.day}. `}
        {form.group && 'Group-friendly only. '}
        {form.access.length > 0 &&
          `With ${form.access.map((a) => accessibilityFeatures[a as AccessibilityFeature]?.toLowerCase() ?? a).join(', ')}. `}
        <Link className="govuk-link" to={change}>
          Change your search
        </Link>
      </p>
      <RefineSearch form={form} />
      <Await query={results} loading="Searching…">
        {(data) =>
          data.items.length === 0 ? (
            <>
              <h2 className="govuk-heading-m">Nothing found</h2>
              <p className="govuk-body">Try:</p>
              <ul className="govuk-list govuk-list--bullet">
                <li>searching further away</li>
                <li>choosing “Anything” instead of one kind of support</li>
                <li>taking out a price, day or accessibility need</li>
              </ul>
            </>
          ) : (
            <>
              <p className="govuk-body-l" role="status" data-testid="result-count">
                {data.total !== undefined
                  ? `${data.total.toLocaleString('en-GB')} ${data.total === 1 ? 'result' : 'results'}`
                  : `${data.items.length} ${data.items.length === 1 ? 'result' : 'results'}`}
                {page > 1 ? `, page ${page}` : ''}
              </p>
              {(data.categoryCounts?.length ?? 0) > 1 || form.category ? (
                <nav aria-label="Narrow by kind of support" className="govuk-!-margin-bottom-6">
                  <h2 className="govuk-heading-s govuk-!-margin-bottom-2">Narrow by kind of support</h2>
                  <ul className="govuk-list" data-testid="category-counts">
                    {form.category && (
                      <li>
                        <Link className="govuk-link" to={withParam('category', '')}>
                          Any kind of support
                        </Link>
                      </li>
                    )}
                    {(data.categoryCounts ?? []).map(({ category, count }) => {
                      const label =
                        categories.data?.items.find((c) => c.code === category)?.label ?? 'Other support';
                      return (
                        <li key={category}>
                          {category === form.category ? (
                            <strong>
                              {label} ({count})
                            </strong>
                          ) : (
                            <Link className="govuk-link" to={withParam('category', category)}>
                              {label} ({count})
                            </Link>
                          )}
                        </li>
                      );
                    })}
                  </ul>
                </nav>
              ) : null}
              <ul className="govuk-list" aria-label="Search results">
                {data.items.map((listing) => (
                  <ResultItem key={listing.listingId} listing={listing} fit={fit} />
                ))}
              </ul>
              <Pagination
                previous={page > 1 ? `/find-support/results?${firstParams.toString()}` : undefined}
                next={data.nextCursor ? `/find-support/results?${nextParams.toString()}` : undefined}
              />
            </>
          )
        }
      </Await>
    </>
  );
}

/** A keyword box and a sort choice above the results: the rest of the search is kept. */
function RefineSearch({ form }: { form: SearchForm }) {
  const navigate = useNavigate();
  const [q, setQ] = useState(form.q);
  const [sort, setSort] = useState(form.sort);
  return (
    <form
      className="app-refine"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        navigate(`/find-support/results?${paramsFromForm({ ...form, q, sort }).toString()}`);
      }}
    >
      <TextInput
        id="q"
        label="Search for"
        labelSize="s"
        type="search"
        width="two-thirds"
        value={q}
        onChange={setQ}
      />
      <Select
        id="sort"
        label="Sort by"
        labelSize="s"
        value={sort}
        onChange={setSort}
        options={[
          { value: '', text: 'Best for this search' },
          ...Object.entries(sorts).map(([value, text]) => ({ value, text })),
        ]}
      />
      <Button variant="secondary">Update the results</Button>
    </form>
  );
}

function ResultItem({ listing, fit }: { listing: Listing; fit: PlanFit }) {
  const parity = priceParity[listing.priceParity];
  const location = useLocation();
  const fits = fit(listing);
  return (
    <li className="app-result">
      <h2 className="govuk-heading-m govuk-!-margin-bottom-2">
        {/* The results' address goes with the link, so "Back" on the listing returns to them. */}
        <Link
          className="govuk-link"
          to={`/listings/${listing.listingId}`}
          state={{ results: `${location.pathname}${location.search}` }}
        >
          {listing.title}
        </Link>
      </h2>
      <p className="govuk-body govuk-!-margin-bottom-1">{listing.provider.name}</p>
      <p className="govuk-body app-result__meta">
        <ProviderStatusTag status={listing.provider.status} />
      </p>
      <ul className="govuk-list govuk-body-s">
        <li>
          <strong>
            <PriceText listing={listing} />
          </strong>
          {parity && ` · ${parity}`}
        </li>
        {listing.distanceKm !== undefined && listing.where.mode === 'venue' && (
          <li>{distanceWords(listing.distanceKm)}</li>
        )}
        <li>{whereWords(listing)}</li>
        {listing.groupFriendly && <li>Group-friendly: cheaper when friends join</li>}
        {fits && <li data-testid="plan-fit">{fits}</li>}
        {listing.accessibility.length > 0 && (
          <li>{listing.accessibility.map((a) => accessibilityFeatures[a]).join(', ')}</li>
        )}
      </ul>
    </li>
  );
}

export function ListingPage() {
  const { listingId = '' } = useParams();
  const listing = useRouteQuery('getListing', { params: { id: listingId } });
  const me = useMe();
  const fit = usePlanFit();
  const location = useLocation();
  // Back to the results this listing was opened from, when it was; else to a new search.
  const results = (location.state as { results?: unknown } | null)?.results;
  const back =
    typeof results === 'string' && results.startsWith('/find-support/results')
      ? { to: results, text: 'Back to your search results' }
      : { to: '/find-support', text: 'Find support' };
  const canBook = canBookForSomeone(me.data);
  // Someone acting for others whom nobody has allowed to book is told here, not refused at the end.
  const actsButMayNotBook =
    !canBook && me.data?.roles.some((r) => r === 'representative' || r === 'broker') === true;
  return (
    <>
      <PageTitle title={listing.data?.title ?? 'Support'} error={listing.isError} />
      <BackLink to={back.to}>{back.text}</BackLink>
      {!listing.data && <h1 className="govuk-heading-l">Support</h1>}
      <Await query={listing}>
        {(data) => (
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-two-thirds">
              <span className="govuk-caption-l">{data.provider.name}</span>
              <h1 className="govuk-heading-l">{data.title}</h1>
              {data.description && <p className="govuk-body">{data.description}</p>}
              <SummaryList
                rows={[
                  { key: 'Price', value: <PriceText listing={data} /> },
                  fit(data) !== undefined && { key: 'Your plan', value: fit(data) },
                  data.councilRatePence !== undefined && {
                    key: 'What the council pays',
                    value: (
                      <>
                        {formatPence(data.councilRatePence)} {priceUnitWords(data.priceUnit, data.category)}
                        {priceParity[data.priceParity] && (
                          <>
                            <br />
                            {priceParity[data.priceParity]}
                          </>
                        )}
                      </>
                    ),
                  },
                  data.groupTiers.length > 0 && {
                    key: 'Group prices',
                    value: (
                      <>
                        <ul className="govuk-list">
                          {data.groupTiers.map((tier) => (
                            <li key={tier.minParticipants}>
                              {tier.minParticipants} or more people: {formatPence(tier.pricePerPersonPence)}{' '}
                              each
                            </li>
                          ))}
                        </ul>
                        {me.data && (
                          <Link
                            className="govuk-link"
                            to={`/groups?${new URLSearchParams({
                              near: data.where.mode === 'venue' ? data.where.postcode : data.outcode,
                              category: data.category,
                            }).toString()}`}
                          >
                            Groups for this kind of support near here
                          </Link>
                        )}
                      </>
                    ),
                  },
                  { key: 'Where', value: whereWords(data) },
                  // Support that comes to your home has no distance worth giving.
                  data.distanceKm !== undefined &&
                    data.where.mode === 'venue' && {
                      key: 'Distance',
                      value: distanceWords(data.distanceKm),
                    },
                  {
                    key: 'When',
                    value:
                      data.availability.length === 0 ? (
                        'Ask the provider'
                      ) : (
                        <ul className="govuk-list">
                          {data.availability.map((slot) => (
                            <li key={`${slot.day}${slot.from}`}>{slotWords(slot)}</li>
                          ))}
                        </ul>
                      ),
                  },
                  {
                    key: 'How many people',
                    value: data.capacity === 1 ? 'One person at a time' : `Up to ${data.capacity}`,
                  },
                  {
                    key: 'Accessibility',
                    value: data.accessibility.length
                      ? data.accessibility.map((a) => accessibilityFeatures[a]).join(', ')
                      : 'Not given: ask the provider',
                  },
                  { key: 'Languages', value: data.languages.map(languageName).join(', ') },
                  {
                    key: 'Provider',
                    value: (
                      <>
                        <Link className="govuk-link" to={`/providers/${data.provider.providerId}`}>
                          {data.provider.name}
                        </Link>
                        <br />
                        <ProviderStatusTag status={data.provider.status} />
                      </>
                    ),
                  },
                ]}
              />
              {!data.provider.verified && (
                <InsetText>
                  The council has not checked this provider yet, so they cannot be paid from a personal budget
                  until they have been.
                </InsetText>
              )}
              {canBook ? (
                <ButtonGroup>
                  <ButtonLink to={`/book/${data.listingId}`}>Book this</ButtonLink>
                  {data.groupTiers.length > 0 && (
                    <ButtonLink to={`/listings/${data.listingId}/start-group`} variant="secondary">
                      Start a group
                    </ButtonLink>
                  )}
                </ButtonGroup>
              ) : me.data?.roles.includes('provider') && data.groupTiers.length > 0 ? (
                <ButtonLink to={`/listings/${data.listingId}/start-group`} variant="secondary">
                  Start a group
                </ButtonLink>
              ) : actsButMayNotBook && me.data ? (
                <InsetText>
                  <NotAllowedToBook me={me.data} />
                </InsetText>
              ) : !me.data ? (
                <p className="govuk-body">
                  <Link className="govuk-link" to={`/sign-in?next=/book/${data.listingId}`}>
                    Sign in to book this
                  </Link>
                </p>
              ) : null}
            </div>
          </div>
        )}
      </Await>
    </>
  );
}

const languageNames = new Intl.DisplayNames(['en-GB'], { type: 'language' });
function languageName(code: string): string {
  try {
    return languageNames.of(code) ?? code;
  } catch {
    return code;
  }
}

export function ProviderPage() {
  const { providerId = '' } = useParams();
  const provider = useRouteQuery('getProvider', { params: { id: providerId } });
  const listings = useRouteQuery('listProviderListings', { params: { id: providerId } });
  const me = useMe();
  const roles = me.data?.roles ?? [];
  const canVerify = roles.includes('care_manager') || roles.includes('finance');
  const canPay = roles.some((r) => r === 'holder' || r === 'representative' || r === 'broker');
  return (
    <>
      <PageTitle title={provider.data?.name ?? 'Provider'} error={provider.isError} />
      <BackLink to="/find-support">Find support</BackLink>
      {!provider.data && <h1 className="govuk-heading-l">Provider</h1>}
      <Await query={provider}>
        {(data) => {
          const evidence = data.evidence;
          return (
            <div className="govuk-grid-row">
              <div className="govuk-grid-column-two-thirds">
                <span className="govuk-caption-l">{providerKinds[data.kind]}</span>
                <h1 className="govuk-heading-l">{data.name}</h1>
                <p className="govuk-body">
                  <ProviderStatusTag status={data.status} />
                </p>
                {data.statusReason && <InsetText>{data.statusReason}</InsetText>}
                {!data.canBePaid && (
                  <p className="govuk-body">
                    This provider cannot be paid from a personal budget until the council has checked them.
                  </p>
                )}
                {data.description && <p className="govuk-body">{data.description}</p>}
                <h2 className="govuk-heading-m">About them</h2>
                <SummaryList
                  rows={[
                    {
                      key: 'Where they work',
                      value: `Within ${milesWords(data.serviceArea.radiusKm)} of ${data.serviceArea.postcode}`,
                    },
                    data.workers !== undefined && {
                      key: 'People who work there',
                      value: String(data.workers),
                    },
                    {
                      key: 'Contact',
                      value: (
                        <ul className="govuk-list app-break-word">
                          <li>
                            <a className="govuk-link" href={`mailto:${data.contact.email}`}>
                              {data.contact.email}
                            </a>
                          </li>
                          {data.contact.phone && <li>{data.contact.phone}</li>}
                          {data.contact.website && (
                            <li>
                              <a className="govuk-link" href={data.contact.website} rel="noopener noreferrer">
                                {data.contact.website}
                              </a>
                            </li>
                          )}
                        </ul>
                      ),
                    },
                  ]}
                />
                <h2 className="govuk-heading-m">Checks and evidence</h2>
                <SummaryList
                  rows={[
                    {
                      key: 'Council check',
                      value: <ProviderStatusTag status={data.status} />,
                    },
                    {
                      key: 'Care Quality Commission',
                      value: evidence.cqcRegistrationId
                        ? `Registered: ${evidence.cqcRegistrationId}`
                        : data.regulatedPersonalCare
                          ? 'Registration needed but not given'
                          : 'Not needed for this kind of support',
                    },
                    {
                      key: 'DBS check',
                      value: `${dbsLevels[evidence.dbsCheck.level] ?? evidence.dbsCheck.level}${
                        evidence.dbsCheck.checkedOn ? `, ${formatDate(evidence.dbsCheck.checkedOn)}` : ''
                      }`,
                    },
                    {
                      key: 'Public liability insurance',
                      value: evidence.publicLiabilityInsurance
                        ? `${formatPence(evidence.publicLiabilityInsurance.coverPence)} with ${evidence.publicLiabilityInsurance.insurer}, until ${formatDate(evidence.publicLiabilityInsurance.expiresOn)}`
                        : 'None given',
                    },
                    {
                      key: 'Safeguarding training',
                      value: evidence.safeguardingTrainingOn
                        ? formatDate(evidence.safeguardingTrainingOn)
                        : 'None given',
                    },
                  ]}
                />
                {data.broker && (
                  <>
                    <h2 className="govuk-heading-m">Fees and interests</h2>
                    <SummaryList
                      rows={[
                        {
                          key: 'Fee',
                          value:
                            data.broker.fee.kind === 'percent'
                              ? `${data.broker.fee.basisPoints / 100}% of the budget`
                              : `${formatPence(data.broker.fee.amountPence)} a ${data.broker.fee.per}`,
                        },
                        {
                          key: 'Interests in providers',
                          value: data.broker.interests.length ? (
                            <ul className="govuk-list">
                              {data.broker.interests.map((interest) => (
                                <li key={interest.description}>{interest.description}</li>
                              ))}
                            </ul>
                          ) : (
                            'None'
                          ),
                        },
                      ]}
                    />
                  </>
                )}
                {canVerify && (
                  <ButtonLink to={`/providers/${data.providerId}/verify`} variant="secondary">
                    Check or suspend this provider
                  </ButtonLink>
                )}
                {canPay && (
                  <p className="govuk-body">
                    <Link className="govuk-link" to={`/pay-invoice?provider=${data.providerId}`}>
                      Pay an invoice from {data.name}
                    </Link>
                  </p>
                )}
                <ProviderReviews providerId={data.providerId} name={data.name} />
                <h2 className="govuk-heading-m">What they offer</h2>
                <Await query={listings}>
                  {(page) =>
                    page.items.length === 0 ? (
                      <p className="govuk-body">Nothing listed at the moment.</p>
                    ) : (
                      <ul className="govuk-list">
                        {page.items.map((listing) => (
                          <li key={listing.listingId} className="app-result">
                            <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
                              <Link className="govuk-link" to={`/listings/${listing.listingId}`}>
                                {listing.title}
                              </Link>
                            </h3>
                            <p className="govuk-body-s govuk-!-margin-bottom-0">
                              <PriceText listing={listing} />
                            </p>
                          </li>
                        ))}
                      </ul>
                    )
                  }
                </Await>
              </div>
            </div>
          );
        }}
      </Await>
    </>
  );
}
