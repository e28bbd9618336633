import type { Actor } from '../audit/audit.ts';
import type { Category } from '../categories.ts';
import type { Clock } from '../clock.ts';
import { distanceKm, type PostcodeDistricts, roundKm } from '../directory/geo.ts';
import type { ListingRecord } from '../directory/listing.ts';
import type { DirectoryStore, IdGenerator } from '../directory/ports.ts';
import { conflict, DomainError, invalid, notFound } from '../errors.ts';
import { createGroup, type GroupDeps } from '../groups/use-cases.ts';
import { type OrderDeps, placeOrder } from '../orders/use-cases.ts';
import { accessPerson } from '../people/access.ts';
import type { PeopleStore } from '../people/ports.ts';
import { hasRole } from '../roles.ts';
import type { RequestStore } from './ports.ts';
import type { QuoteInput, QuoteRecord, SupportRequestInput, SupportRequestRecord } from './request.ts';
import { lastUncountedDay, mergeTallies, nextDay, tallyCounts, tallyRequests } from './unmet.ts';

export interface RequestDeps {
  requests: RequestStore;
  people: PeopleStore;
  directory: DirectoryStore;
  districts: PostcodeDistricts;
  clock: Clock;
  newId: IdGenerator;
  orders: OrderDeps;
  groups: GroupDeps;
}

export async function postRequest(
  deps: RequestDeps,
  actor: Actor,
  input: SupportRequestInput,
): Promise<SupportRequestRecord> {
  const { person } = await accessPerson(deps, actor.caller, input.personId, 'order:create');
  const district = deps.districts.locate(input.postcode);
  if (!district)
    throw invalid('postcode', `We do not recognise the postcode '${input.postcode}'`, 'unknown_postcode');
  const now = deps.clock.now();
  if (Date.parse(input.respondBy) <= now.getTime())
    throw invalid('respondBy', 'Give providers until a date in the future');
  const request: SupportRequestRecord = {
    ...input,
    // Stored in UTC so comparisons and index order work whatever offset the client sent.
    respondBy: new Date(input.respondBy).toISOString(),
    requestId: deps.newId('req'),
    councilId: person.councilId,
    createdBy: actor.caller.userId,
    outcode: district.outcode,
    latitude: district.latitude,
    longitude: district.longitude,
    interestedCount: 0,
    quoteCount: 0,
    status: 'open',
    createdAt: now.toISOString(),
    version: 1,
  };
  await deps.requests.create(request);
  return request;
}

/** What others see of a request: the need, the place and the numbers; never who asked. */
export function publicRequest(request: SupportRequestRecord, distance?: number) {
  // The district (outcode) says where well enough; the full postcode would point at a home.
  const { personId: _who, createdBy: _by, postcode: _home, ...rest } = request;
  return { ...rest, ...(distance === undefined ? {} : { distanceKm: roundKm(distance) }) };
}

export async function findRequests(
  deps: RequestDeps,
  query: { near: string; radiusKm: number; category?: Category | undefined },
) {
  const centre = deps.districts.locate(query.near);
  if (!centre) throw invalid('near', `We do not recognise the postcode '${query.near}'`, 'unknown_postcode');
  const districts = deps.districts.within(centre, query.radiusKm).map((d) => d.outcode);
  const now = deps.clock.now().toISOString();
  const found = await deps.requests.openInDistricts(districts, query.category);
  return found
    .filter((r) => r.respondBy > now)
    .map((r) => ({ request: r, km: distanceKm(centre, r) }))
    .filter((r) => r.km <= query.radiusKm)
    .sort((a, b) => a.request.respondBy.localeCompare(b.request.respondBy))
    .map(({ request, km }) => publicRequest(request, km));
}

async function isRequester(deps: RequestDeps, actor: Actor, request: SupportRequestRecord): Promise<boolean> {
  if (request.createdBy === actor.caller.userId) return true;
  try {
    await accessPerson(deps, actor.caller, request.personId, 'order:create');
    return true;
  } catch {
    return false;
  }
}

/** The requester sees every quote; a provider sees the request and only its own quotes. */
export async function getRequest(deps: RequestDeps, actor: Actor, requestId: string) {
  const request = await deps.requests.get(requestId);
  if (!request) throw notFound('request');
  const quotes = await deps.requests.quotes(requestId);
  if (await isRequester(deps, actor, request)) return { ...publicRequest(request), quotes, youAsked: true };
  const mine = [];
  for (const quote of quotes) {
    const provider = await deps.directory.getProvider(quote.providerId);
    if (provider?.ownerUserId === actor.caller.userId) mine.push(quote);
  }
  return { ...publicRequest(request), quotes: mine, youAsked: false };
}

export async function registerInterest(deps: RequestDeps, actor: Actor, requestId: string, personId: string) {
  await accessPerson(deps, actor.caller, personId, 'group:join');
  const request = await deps.requests.get(requestId);
  if (request?.status !== 'open') throw notFound('request');
  const added = await deps.requests.addInterest(requestId, personId);
  return { requestId, interested: true as const, alreadyInterested: !added };
}

export async function submitQuote(
  deps: RequestDeps,
  actor: Actor,
  requestId: string,
  input: QuoteInput,
): Promise<QuoteRecord> {
  const request = await deps.requests.get(requestId);
  if (request?.status !== 'open') throw notFound('request');
  const provider = await deps.directory.getProvider(input.providerId);
  if (!provider || provider.ownerUserId !== actor.caller.userId) throw notFound('provider');
  const now = deps.clock.now();
  if (request.respondBy <= now.toISOString())
    throw conflict('request_closed', 'This request is no longer taking quotes.');
  const reach = distanceKm(provider, request);
  if (reach > provider.serviceArea.radiusKm + request.radiusKm) {
    throw new DomainError(
      'rule',
      'out_of_area',
      `This request is ${Math.round(reach)} km from your service area.`,
    );
  }
  const quote: QuoteRecord = {
    ...input,
    quoteId: deps.newId('quo'),
    requestId,
    providerName: provider.name,
    createdBy: actor.caller.userId,
    createdAt: now.toISOString(),
  };
  await deps.requests.addQuote(quote);
  return quote;
}

export type AcceptQuote =
  | { kind: 'order'; lineId: string; quantity: number; scheduledFor: string }
  | {
      kind: 'group';
      title: string;
      minParticipants: number;
      maxParticipants: number;
      deadline: string;
      schedule: { kind: 'one_off'; at: string } | { kind: 'weekly'; firstAt: string; occurrences: number };
    };

/**
 * Accepting a quote turns it into a listing held in memory (never stored, never searched) and then, for one person, an
 * order through the usual spend check; for several, a group purchase with the quote's prices, to
 * which the holders who said they were interested are invited.
 */
export async function acceptQuote(
  deps: RequestDeps,
  actor: Actor,
  requestId: string,
  quoteId: string,
  acceptance: AcceptQuote,
) {
  const request = await deps.requests.get(requestId);
  if (!request || !(await isRequester(deps, actor, request))) throw notFound('request');
  if (request.status !== 'open')
    throw conflict('request_closed', 'A quote has already been accepted for this request.');
  const quote = (await deps.requests.quotes(requestId)).find((q) => q.quoteId === quoteId);
  if (!quote) throw notFound('quote');
  const provider = await deps.directory.getProvider(quote.providerId);
  if (!provider) throw notFound('quote');
  const groupTiers = quote.tiers
    .filter((t) => t.minParticipants >= 2)
    .sort((a, b) => a.minParticipants - b.minParticipants);
  const single = [...quote.tiers].sort((a, b) => a.minParticipants - b.minParticipants)[0];
  if (acceptance.kind === 'group' && groupTiers.length === 0) {
    throw invalid('kind', 'This quote has no group prices: accept it as an order for one person');
  }
  const now = deps.clock.now().toISOString();
  const listing: ListingRecord = {
    listingId: deps.newId('lst'),
    providerId: provider.providerId,
    providerName: provider.name,
    providerKind: provider.kind,
    providerStatus: provider.status,
    title: `${request.description.slice(0, 80)} (quoted)`,
    description: `${quote.when}. ${quote.terms}`.trim(),
    category: request.category,
    pricePence: single?.pricePerPersonPence ?? 0,
    priceUnit: quote.priceUnit,
    groupTiers,
    capacity: Math.max(
      request.participants,
      ...groupTiers.map((t) => t.minParticipants),
      acceptance.kind === 'group' ? acceptance.maxParticipants : 1,
    ),
    // The district only, as the request view shows it: a group made from this is public, and the
    // requester's full postcode would point at their home.
    where: { mode: 'venue', postcode: request.outcode },
    availability: [],
    accessibility: [],
    languages: ['en'],
    status: 'active',
    outcode: request.outcode,
    latitude: request.latitude,
    longitude: request.longitude,
    serviceRadiusKm: provider.serviceArea.radiusKm,
    quoteId,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  if (acceptance.kind === 'group' && !hasRole(actor.caller, 'holder', 'representative', 'broker')) {
    throw new DomainError('forbidden', 'role_not_allowed', 'Only the requester can start the group.');
  }
  // The request is claimed (one conditional write) once the booking's checks pass and before the
  // booking is written: of parallel accepts only one gets past the claim, so a 409 leaves no order,
  // group or reservation behind, and a refused booking writes nothing. If the write after the claim
  // fails (the ledger refused in a race), the claim is handed back and the request is open again.
  let claimed = false;
  const claim = async () => {
    await deps.requests.markAccepted(requestId, quoteId, request.version);
    claimed = true;
  };
  try {
    if (acceptance.kind === 'order') {
      const booking = await placeOrder(
        deps.orders,
        actor,
        {
          personId: request.personId,
          listingId: listing.listingId,
          lineId: acceptance.lineId,
          quantity: acceptance.quantity,
          scheduledFor: acceptance.scheduledFor,
        },
        listing,
        claim,
      );
      return { requestId, quoteId, orderId: booking.orders[0]?.orderId };
    }
    const group = await createGroup(
      deps.groups,
      actor,
      {
        listingId: listing.listingId,
        title: acceptance.title,
        description: request.description,
        minParticipants: acceptance.minParticipants,
        maxParticipants: acceptance.maxParticipants,
        deadline: acceptance.deadline,
        schedule: acceptance.schedule,
        showFirstNames: false,
        // Everyone who said they would like this too is invited (they still choose to join).
        invitedPersonIds: [request.personId, ...(await deps.requests.interestedPeople(requestId))],
      },
      listing,
      claim,
    );
    return { requestId, quoteId, groupId: group.groupId };
  } catch (error) {
    if (claimed) await deps.requests.reopen(request, quoteId, request.version + 1);
    throw error;
  }
}

/** The longest period one unmet-demand report covers. */
export const maxUnmetDemandMonths = 12;

/**
 * The last day a report starting on `from` (YYYY-MM-DD) may cover: the end of the twelfth calendar
 * month counting `from`'s, as the monitoring report counts months.
 */
export function lastDayOfReport(from: string): string {
  const [year = 0, month = 1] = from.split('-').map(Number);
  // Day 0 of the month after the last allowed one is that month's last day.
  return new Date(Date.UTC(year, month - 1 + maxUnmetDemandMonths, 0)).toISOString().slice(0, 10);
}

/**
 * Unmet demand for a council: requests whose window closed without an accepted quote, counted by
 * postcode area and category, with how many people they stood for. A market signal for commissioners.
 *
 * Read from per-day counters kept in each request's own transactions, so the cost is the days in
 * the range (at most a year) and not the requests made in them. Days before the counters were kept
 * for this council (`trackedFrom`, until the backfill has run) are counted from their requests.
 */
export async function unmetDemand(
  deps: Pick<RequestDeps, 'requests' | 'clock'>,
  actor: Actor,
  from: string,
  to: string,
) {
  if (to < from) throw invalid('to', 'The end date must be on or after the start date');
  // A bounded range keeps even a report that falls back to reading requests bounded.
  if (to > lastDayOfReport(from)) {
    throw invalid(
      'to',
      `The report covers at most ${maxUnmetDemandMonths} calendar months: choose a 'to' on or before ${lastDayOfReport(from)}, or a later 'from'`,
    );
  }
  const councilId = actor.caller.councilId;
  if (!councilId || !hasRole(actor.caller, 'care_manager', 'auditor')) {
    throw new DomainError('forbidden', 'role_not_allowed', 'Council staff only.');
  }
  const now = deps.clock.now().toISOString();
  const counts = await deps.requests.unmetCounts(councilId, from, to, now.slice(0, 10));
  const uncounted = lastUncountedDay(counts.trackedFrom, to);
  const fromRequests =
    uncounted >= from
      ? tallyRequests(await deps.requests.ofCouncil(councilId, from, `${uncounted}T23:59:59.999Z`), now)
      : undefined;
  const counted =
    uncounted < to ? tallyCounts(counts, uncounted < from ? from : nextDay(uncounted), to, now) : undefined;
  const tally = mergeTallies(...[fromRequests, counted].filter((t) => t !== undefined));
  return { councilId, from, to, ...tally };
}
