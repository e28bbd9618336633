import { type Actor, auditEntry } from '../audit/audit.ts';
import type { Category } from '../categories.ts';
import type { Clock } from '../clock.ts';
import { conflict, DomainError, invalid, notFound } from '../errors.ts';
import type { PageRequest } from '../paging.ts';
import { assertCouncilStaff } from '../people/access.ts';
import { type Caller, hasRole } from '../roles.ts';
import type { PostcodeDistricts } from './geo.ts';
import { type ListingDetails, type ListingPatch, ListingRecord, listingProblems } from './listing.ts';
import type { LiveListingIndex } from './live-index.ts';
import type { DirectoryStore, IdGenerator } from './ports.ts';
import {
  MaterialChange,
  materialChanges,
  nextProviderStatus,
  type ProviderPatch,
  type ProviderProfile,
  ProviderRecord,
  type ProviderStatus,
  profileProblems,
  statusAfterChange,
} from './provider.ts';
import {
  decodeCursor,
  defaultSort,
  type ListingSearch,
  type SearchResult,
  type SearchSort,
  searchFingerprint,
} from './search.ts';
import { textQuery } from './search-text.ts';
import { townDistrict } from './towns.ts';

export interface DirectoryDeps {
  store: DirectoryStore;
  districts: PostcodeDistricts;
  clock: Clock;
  newId: IdGenerator;
  /** Search's in-memory index; listing writes made here are applied to it at once. */
  searchIndex: LiveListingIndex;
}

function throwIfAny(problems: DomainError[]): void {
  if (problems.length === 0) return;
  throw new DomainError('invalid', 'invalid_request', 'Some fields need changing: see errors.', {
    issues: problems.flatMap((p) => p.issues),
  });
}

/** A search's place: a postcode, a district, or a town we know by name ("Ripon"). */
function locateNear(deps: DirectoryDeps, near: string) {
  const district = deps.districts.locate(townDistrict(near) ?? near);
  if (!district) {
    throw invalid(
      'near',
      `We do not recognise '${near}'. Give a postcode, like HG4 1AA, its first half, like HG4, or a town, like Ripon`,
      'unknown_postcode',
    );
  }
  return district;
}

function locate(deps: DirectoryDeps, postcode: string, field: string) {
  const district = deps.districts.locate(postcode);
  if (!district) {
    throw invalid(
      field,
      `We do not recognise the postcode '${postcode}'. Check it, or give just the first half, like HG1`,
      'unknown_postcode',
    );
  }
  return district;
}

/** Providers work across councils; the person who registers one owns it. */
export async function registerProvider(
  deps: DirectoryDeps,
  actor: Actor,
  profile: ProviderProfile,
): Promise<ProviderRecord> {
  const { caller } = actor;
  if (profile.kind === 'broker' ? !hasRole(caller, 'broker') : !hasRole(caller, 'provider')) {
    throw new DomainError(
      'forbidden',
      'role_mismatch',
      profile.kind === 'broker'
        ? 'Only a broker account can register a broker.'
        : 'Only a provider account can register a provider.',
    );
  }
  throwIfAny(profileProblems(profile));
  const district = locate(deps, profile.serviceArea.postcode, 'serviceArea.postcode');
  const now = deps.clock.now().toISOString();
  const provider = ProviderRecord.parse({
    ...profile,
    providerId: deps.newId('prv'),
    ownerUserId: caller.userId,
    status: 'pending',
    outcode: district.outcode,
    latitude: district.latitude,
    longitude: district.longitude,
    createdAt: now,
    updatedAt: now,
    version: 1,
  });
  await deps.store.insertProvider(provider, [
    auditEntry('provider', provider.providerId, actor, 'provider.registered', {
      after: providerSummary(provider),
    }),
  ]);
  return provider;
}

export async function getProvider(deps: DirectoryDeps, providerId: string): Promise<ProviderRecord> {
  const provider = await deps.store.getProvider(providerId);
  if (!provider) throw notFound('provider');
  return provider;
}

/** What the audit keeps of a profile: the facts a council checks, not every word. */
function providerSummary(provider: ProviderRecord) {
  return {
    name: provider.name,
    kind: provider.kind,
    status: provider.status,
    evidence: provider.evidence,
    ...(provider.broker ? { broker: provider.broker } : {}),
  };
}

/** Someone else's provider is "not found", never "forbidden": we do not confirm it exists. */
async function ownProvider(deps: DirectoryDeps, caller: Caller, providerId: string): Promise<ProviderRecord> {
  const provider = await deps.store.getProvider(providerId);
  if (!provider || provider.ownerUserId !== caller.userId) throw notFound('provider');
  return provider;
}

/** Copies the provider facts that search shows onto each listing, so search reads one item per hit. */
async function refreshListingsOf(deps: DirectoryDeps, provider: ProviderRecord): Promise<void> {
  const listings = await deps.store.listingsOfProvider(provider.providerId);
  for (const listing of listings) {
    const updated = withProvider(listing, provider, deps.clock.now().toISOString());
    await deps.store.replaceListing(updated, listing.version);
    deps.searchIndex.noteWritten(updated);
  }
}

function withProvider(listing: ListingRecord, provider: ProviderRecord, now: string): ListingRecord {
  const location =
    listing.where.mode === 'venue'
      ? { outcode: listing.outcode, latitude: listing.latitude, longitude: listing.longitude }
      : { outcode: provider.outcode, latitude: provider.latitude, longitude: provider.longitude };
  return {
    ...listing,
    ...location,
    providerName: provider.name,
    providerKind: provider.kind,
    providerStatus: provider.status,
    serviceRadiusKm: provider.serviceArea.radiusKm,
    updatedAt: now,
    version: listing.version + 1,
  };
}

export async function updateProvider(
  deps: DirectoryDeps,
  actor: Actor,
  providerId: string,
  patch: ProviderPatch,
): Promise<ProviderRecord> {
  const current = await ownProvider(deps, actor.caller, providerId);
  const merged = { ...current, ...patch };
  throwIfAny(profileProblems(merged));
  const district = locate(deps, merged.serviceArea.postcode, 'serviceArea.postcode');
  const changes = materialChanges(current, merged);
  const status = statusAfterChange(current.status, changes);
  // Only a provider someone has checked has anything to compare with; the list keeps growing
  // until someone verifies it again, so one edit cannot hide an earlier one.
  const everChecked = current.status !== 'pending' || current.changedSinceCheck !== undefined;
  const changedSinceCheck =
    everChecked && changes.length > 0
      ? MaterialChange.options.filter((c) => changes.includes(c) || current.changedSinceCheck?.includes(c))
      : current.changedSinceCheck;
  const updated = ProviderRecord.parse({
    ...merged,
    status,
    ...(status !== current.status
      ? { statusReason: 'Changed details the council checked; waiting for the council to check again.' }
      : {}),
    ...(changedSinceCheck ? { changedSinceCheck } : {}),
    outcode: district.outcode,
    latitude: district.latitude,
    longitude: district.longitude,
    updatedAt: deps.clock.now().toISOString(),
    version: current.version + 1,
  });
  await deps.store.replaceProvider(updated, current.version, [
    auditEntry(
      'provider',
      providerId,
      actor,
      status !== current.status ? 'provider.back_to_pending' : 'provider.updated',
      {
        before: providerSummary(current),
        after: { ...providerSummary(updated), ...(changes.length ? { materialChanges: changes } : {}) },
      },
    ),
  ]);
  await refreshListingsOf(deps, updated);
  return updated;
}

/** A council decision: care managers and finance users of any council may verify or suspend. */
export async function setProviderStatus(
  deps: DirectoryDeps,
  actor: Actor,
  providerId: string,
  wanted: Exclude<ProviderStatus, 'pending'>,
  reason: string,
  /** The version the checker looked at, when they say: a decision about other details is refused. */
  checkedVersion?: number,
): Promise<ProviderRecord> {
  const current = await getProvider(deps, providerId);
  if (checkedVersion !== undefined && checkedVersion !== current.version) {
    throw conflict(
      'provider_changed',
      'The provider changed its details after you opened them. Look at them again before deciding.',
    );
  }
  // Verifying is the new check, so what changed since the last one is settled; a suspension
  // keeps the list for whoever later considers verifying again.
  const { changedSinceCheck, ...rest } = current;
  const updated: ProviderRecord = {
    ...(wanted === 'verified' ? rest : current),
    status: nextProviderStatus(current.status, wanted),
    statusReason: reason,
    updatedAt: deps.clock.now().toISOString(),
    version: current.version + 1,
  };
  await deps.store.replaceProvider(updated, current.version, [
    auditEntry('provider', providerId, actor, `provider.${wanted}`, {
      before: { status: current.status, ...(changedSinceCheck ? { changedSinceCheck } : {}) },
      after: { status: updated.status, reason },
      ...(actor.caller.councilId ? { councilId: actor.caller.councilId } : {}),
    }),
  ]);
  await refreshListingsOf(deps, updated);
  return updated;
}

export async function createListing(
  deps: DirectoryDeps,
  caller: Caller,
  providerId: string,
  details: ListingDetails,
): Promise<ListingRecord> {
  const provider = await ownProvider(deps, caller, providerId);
  throwIfAny(listingProblems(details));
  const venue =
    details.where.mode === 'venue' ? locate(deps, details.where.postcode, 'where.postcode') : provider;
  const now = deps.clock.now().toISOString();
  const listing = ListingRecord.parse({
    ...details,
    listingId: deps.newId('lst'),
    providerId: provider.providerId,
    providerName: provider.name,
    providerKind: provider.kind,
    providerStatus: provider.status,
    outcode: venue.outcode,
    latitude: venue.latitude,
    longitude: venue.longitude,
    serviceRadiusKm: provider.serviceArea.radiusKm,
    createdAt: now,
    updatedAt: now,
    version: 1,
  });
  await deps.store.insertListing(listing);
  deps.searchIndex.noteWritten(listing);
  return listing;
}

export async function getListing(deps: DirectoryDeps, listingId: string): Promise<ListingRecord> {
  const listing = await deps.store.getListing(listingId);
  if (!listing) throw notFound('listing');
  return listing;
}

export async function updateListing(
  deps: DirectoryDeps,
  caller: Caller,
  listingId: string,
  patch: ListingPatch,
): Promise<ListingRecord> {
  const current = await deps.store.getListing(listingId);
  if (!current) throw notFound('listing');
  const provider = await deps.store.getProvider(current.providerId);
  if (!provider || provider.ownerUserId !== caller.userId) throw notFound('listing');
  const merged = { ...current, ...patch };
  throwIfAny(listingProblems(merged));
  const location =
    merged.where.mode === 'venue'
      ? locate(deps, merged.where.postcode, 'where.postcode')
      : { outcode: provider.outcode, latitude: provider.latitude, longitude: provider.longitude };
  const updated = ListingRecord.parse({
    ...merged,
    outcode: location.outcode,
    latitude: location.latitude,
    longitude: location.longitude,
    updatedAt: deps.clock.now().toISOString(),
    version: current.version + 1,
  });
  await deps.store.replaceListing(updated, current.version);
  deps.searchIndex.noteWritten(updated);
  return updated;
}

export async function listingsOfProvider(deps: DirectoryDeps, providerId: string): Promise<ListingRecord[]> {
  await getProvider(deps, providerId);
  const listings = await deps.store.listingsOfProvider(providerId);
  return listings.filter((l) => l.status === 'active').sort((a, b) => a.title.localeCompare(b.title));
}

/** Every listing of a provider the caller owns, paused and withdrawn ones too, for its own pages. */
export async function ownListings(
  deps: DirectoryDeps,
  caller: Caller,
  providerId: string,
): Promise<ListingRecord[]> {
  await ownProvider(deps, caller, providerId);
  const listings = await deps.store.listingsOfProvider(providerId);
  const order = { active: 0, paused: 1, withdrawn: 2 } as const;
  return listings
    .filter((l) => l.quoteId === undefined)
    .sort((a, b) => order[a.status] - order[b.status] || a.title.localeCompare(b.title));
}

export interface SearchRequest {
  q?: string | undefined;
  category?: Category | undefined;
  near?: string | undefined;
  radiusKm: number;
  maxPricePence?: number | undefined;
  day?: ListingSearch['day'];
  time?: string | undefined;
  groupFriendly?: boolean | undefined;
  accessibility?: ListingSearch['accessibility'] | undefined;
  language?: string | undefined;
  sort?: SearchSort | undefined;
  limit: number;
  cursor?: string | undefined;
}

/**
 * Search answers from the in-memory index (`LiveListingIndex`): no table read per result and no
 * scan. The only read a search may cause is the index's change-feed check, at most one Query a
 * second per instance. Words alone search the whole country; no parameters at all is the first
 * page of everything, cheapest first.
 */
export async function searchListings(deps: DirectoryDeps, request: SearchRequest): Promise<SearchResult> {
  if (request.time !== undefined && request.day === undefined) {
    throw invalid('day', 'Choose a day to go with the time, like day=mon&time=10:00');
  }
  const centre = request.near === undefined ? undefined : locateNear(deps, request.near);
  const hasWords = textQuery(request.q) !== undefined;
  const search: ListingSearch = {
    q: request.q,
    category: request.category,
    near: centre,
    districts: centre ? deps.districts.within(centre, request.radiusKm).map((d) => d.outcode) : undefined,
    radiusKm: request.radiusKm,
    maxPricePence: request.maxPricePence,
    day: request.day,
    time: request.time,
    groupFriendly: request.groupFriendly,
    accessibility: request.accessibility ?? [],
    language: request.language,
    sort: request.sort ?? defaultSort(centre !== undefined, hasWords),
    limit: request.limit,
  };
  if (request.cursor !== undefined) {
    search.cursor = decodeCursor(request.cursor, search.sort, searchFingerprint(search));
  }
  const index = await deps.searchIndex.current();
  return index.search(search);
}

/** The provider profiles a signed-in provider or broker owns. */
export async function providersOwnedBy(deps: DirectoryDeps, caller: Caller): Promise<ProviderRecord[]> {
  return deps.store.providersOwnedBy(caller.userId);
}

/** One provider waiting for a council's check, as the queue shows it. */
export interface ProviderToCheck {
  providerId: string;
  name: string;
  kind: ProviderRecord['kind'];
  outcode: string;
  /** When it started waiting: its registration, or the change that needs checking again. */
  since: string;
  /** Present when it was checked before and changed since: the facts to look at again. */
  changedSinceCheck?: ProviderRecord['changedSinceCheck'];
}

/**
 * Providers waiting for a check, oldest first. Providers are national (a check by any council
 * holds everywhere, and any council's care manager or finance user may make it: DESIGN 3.1), so
 * the queue is the same for every council; the council in the path is still the caller's own.
 */
export async function providersToCheck(
  deps: DirectoryDeps,
  caller: Caller,
  councilId: string,
  page: PageRequest,
): Promise<{ items: ProviderToCheck[]; nextCursor?: string | undefined }> {
  assertCouncilStaff(caller, councilId, ['care_manager', 'auditor', 'finance']);
  const found = await deps.store.providersAwaitingCheck(page);
  return {
    ...found,
    items: found.items.map((provider) => ({
      providerId: provider.providerId,
      name: provider.name,
      kind: provider.kind,
      outcode: provider.outcode,
      since: provider.updatedAt,
      ...(provider.changedSinceCheck ? { changedSinceCheck: provider.changedSinceCheck } : {}),
    })),
  };
}
