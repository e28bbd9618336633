import {
  AccessibilityFeature,
  CategoryCode,
  ClockTime,
  categories,
  Id,
  Language,
  ListingDetails,
  ListingFields,
  ListingPatch,
  MaterialChange,
  ProviderFields,
  ProviderKind,
  ProviderPatch,
  ProviderProfile,
  ProviderStatus,
  SearchSort,
  ShortText,
  Weekday,
} from '@carepool/domain';
import * as z from 'zod';
import { Page, PageQuery } from './common.ts';

export const ProviderIdParams = z.object({ id: Id });
export const ListingIdParams = z.object({ id: Id });

export const RegisterProviderRequest = ProviderProfile.meta({ id: 'RegisterProviderRequest' });
export const UpdateProviderRequest = ProviderPatch.strict().meta({ id: 'UpdateProviderRequest' });

export const ProviderView = ProviderFields.extend({
  providerId: Id,
  status: ProviderStatus,
  statusReason: z.string().optional(),
  /**
   * What changed, in the facts the council checked, since the provider was last verified: the
   * verifying care manager looks at these again. Absent when nothing changed or nobody has checked yet.
   */
  changedSinceCheck: z.array(MaterialChange).optional(),
  /** Only verified providers can be paid from a personal budget. */
  canBePaid: z.boolean(),
  /** Whether the provider has finished setting up payouts with the payment rail. */
  payoutsEnabled: z.boolean(),
  outcode: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
}).meta({ id: 'Provider' });
export type ProviderView = z.infer<typeof ProviderView>;

export const VerifyProviderRequest = z
  .object({
    status: z.enum(['verified', 'suspended'], { error: 'Choose verified or suspended' }),
    reason: ShortText(500),
    /**
     * The provider `version` the decision is about. If the provider changed its details after the
     * checker loaded them, the decision is refused (409 `provider_changed`) rather than applied to
     * details nobody looked at.
     */
    version: z.number().int().min(1).optional(),
  })
  .strict()
  .meta({ id: 'VerifyProviderRequest' });

export const CreateListingRequest = ListingDetails.strict().meta({ id: 'CreateListingRequest' });
export const UpdateListingRequest = ListingPatch.strict().meta({ id: 'UpdateListingRequest' });

export const ListingView = ListingFields.extend({
  listingId: Id,
  provider: z.object({
    providerId: Id,
    name: z.string(),
    kind: ProviderKind,
    status: ProviderStatus,
    verified: z.boolean(),
  }),
  outcode: z.string(),
  groupFriendly: z.boolean(),
  priceParity: z.enum(['same_as_council', 'below_council', 'above_council', 'unknown']),
  /** Kilometres from the postcode searched near; absent when no postcode was given. */
  distanceKm: z.number().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
}).meta({ id: 'Listing' });
export type ListingView = z.infer<typeof ListingView>;

export const ListingPage = Page(ListingView).meta({ id: 'ListingPage' });

/** A page of search results, with how many matched and where, so people can narrow the search. */
export const ListingSearchPage = Page(ListingView)
  .extend({
    /** How many listings match the whole search, every page together. */
    total: z.number().int().min(0).optional(),
    /**
     * How many match in each category with every other filter applied but ignoring any category
     * chosen, in the taxonomy's order; categories with none are left out.
     */
    categoryCounts: z.array(z.object({ category: CategoryCode, count: z.number().int().min(1) })).optional(),
  })
  .meta({ id: 'ListingSearchPage' });
export type ListingSearchPage = z.infer<typeof ListingSearchPage>;

const booleanText = z.enum(['true', 'false'], { error: 'Use true or false' }).transform((v) => v === 'true');

/** Query strings arrive as text; numbers and lists are coerced and bounded here. */
export const SearchListingsQuery = z
  .object({
    /**
     * Words to look for in titles, descriptions and provider names: ranked, stemmed, forgiving
     * of small typos, and aware of everyday synonyms ("carer", "personal assistant", "PA").
     * Every word must match. With no place, the whole country is searched.
     */
    q: z.string().trim().max(100, { error: 'Search for 100 characters or fewer' }).optional(),
    category: CategoryCode.optional(),
    /** A UK postcode (HG4 1AA), its district (HG4), or a town by name (Ripon): a town is searched from its central district. */
    near: z
      .string()
      .trim()
      .min(2, { error: 'Enter a postcode, like HG4 1AA, its first half, like HG4, or a town, like Ripon' })
      .max(40, { error: 'Enter a postcode, like HG4 1AA, its first half, like HG4, or a town, like Ripon' })
      .optional(),
    radiusKm: z.coerce
      .number({ error: 'Give the radius in kilometres, like 10' })
      .positive({ error: 'The radius must be more than 0 km' })
      .max(50, { error: 'Search within 50 km or less' })
      .default(10),
    maxPricePence: z.coerce
      .number({ error: 'Give the most you want to pay in whole pence, like 2500 for £25' })
      .int({ error: 'Give the most you want to pay in whole pence, like 2500 for £25' })
      .min(0)
      .max(10_000_000)
      .optional(),
    day: Weekday.optional(),
    time: ClockTime.optional(),
    groupFriendly: booleanText.optional(),
    accessibility: z
      .string()
      .max(300)
      .transform((text) =>
        text
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      )
      .pipe(z.array(AccessibilityFeature).max(10))
      .optional(),
    language: Language.optional(),
    /**
     * relevance (default with `q`), distance (default with `near`), price (default otherwise) or
     * name. Any sort works with or without a place: distance without `near` orders by relevance
     * (with `q`) or price; relevance without `q` orders by distance (with `near`) or price.
     */
    sort: SearchSort.optional(),
    limit: z.coerce
      .number()
      .int()
      .min(1, { error: 'Ask for at least 1 result' })
      .max(50, { error: 'Ask for 50 results or fewer a page' })
      .default(20),
    cursor: z.string().max(500, { error: 'That cursor is not one we gave out' }).optional(),
  })
  .strict();
export type SearchListingsQuery = z.infer<typeof SearchListingsQuery>;

export const CategoryList = z
  .object({ items: z.array(z.object({ code: CategoryCode, label: z.string(), description: z.string() })) })
  .meta({ id: 'CategoryList' });

export const categoryList = {
  items: categories.map(({ code, label, description }) => ({ code, label, description })),
};

export const ProviderList = z.object({ items: z.array(ProviderView) }).meta({ id: 'ProviderList' });

/** Providers waiting for a council's check, a page at a time. */
export const ProvidersToCheckQuery = PageQuery;
export const ProvidersToCheck = Page(
  z.object({
    providerId: Id,
    name: z.string(),
    kind: ProviderKind,
    outcode: z.string(),
    /** When it started waiting: its registration, or the change that needs checking again. */
    since: z.string(),
    /** Checked before and changed since: the facts to look at again. */
    changedSinceCheck: z.array(MaterialChange).optional(),
  }),
).meta({ id: 'ProvidersToCheck' });
