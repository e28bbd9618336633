import {
  type Category,
  canBePaid,
  type DelegationRecord,
  distanceKm,
  type GroupTier,
  type ListingRecord,
  type PersonRecord,
  type PlanRecord,
  type PriceUnit,
  type ProviderRecord,
  poundsText,
  reservationFor,
  spendCheck,
  type UserRecord,
  ukOutcodes,
} from '@carepool/domain';
import type { DemoCouncilSpec } from './councils.ts';
import { demoPersonIds } from './demo-ids.ts';
import { demoPlanYearStart } from './people.ts';
import { Random } from './random.ts';

/**
 * What happens in the demo council's group purchases and requests for support, planned from the
 * generated directory and people. Pure: the plan says who does what and when, in hours from
 * midnight (UTC) of the day the seed runs (negative is the past: nothing is planned for the day
 * itself, so the past stays past and the future stays future whatever the hour). seed-activity.ts
 * carries it out through the real use cases, so every reservation, balance and counter is the
 * ledger's own.
 */
export type GroupOutcome = 'open' | 'filling' | 'settled' | 'delivered' | 'paid' | 'missed';

export interface PlannedMember {
  personId: string;
  lineId: string;
  /** Who joins: the holder themselves, or their representative. */
  byUserId: string;
  /** Shared with the organiser, when the group shows first names. */
  firstName?: string;
  joinAt: number;
}

export interface PlannedGroup {
  groupId: string;
  /** The council whose people join it. */
  councilId: string;
  outcome: GroupOutcome;
  listingId: string;
  organiserUserId: string;
  title: string;
  description: string;
  minParticipants: number;
  maxParticipants: number;
  showFirstNames: boolean;
  createdAt: number;
  deadline: number;
  /** The first session; a weekly group meets `occurrences` times from then. */
  sessionAt: number;
  occurrences?: number;
  /** What each join reserves: the price at the smallest group that can go ahead. */
  reservationPence: number;
  members: PlannedMember[];
  /** Past deadlines: the groups job settles a few minutes after. */
  settleAt?: number;
  deliveredAt?: number;
  confirmedAt?: number;
  /** A member who confirms delivery; without one, the seven-day auto-confirmation pays. */
  confirmedBy?: string;
}

export interface PlannedQuote {
  quoteId: string;
  providerId: string;
  byUserId: string;
  at: number;
  tiers: Array<{ minParticipants: number; pricePerPersonPence: number }>;
  priceUnit: PriceUnit;
  when: string;
  terms: string;
}

export interface PlannedRequest {
  requestId: string;
  /** The council of the person who asks. */
  councilId: string;
  /** `unmet`: the window for quotes closed with none accepted (the unmet-demand report's rows). */
  outcome: 'open' | 'unmet' | 'accepted';
  personId: string;
  byUserId: string;
  postedAt: number;
  description: string;
  category: Category;
  postcode: string;
  radiusKm: number;
  participants: number;
  when: string;
  budgetCeilingPerPersonPence: number;
  respondBy: number;
  interest: Array<{ personId: string; byUserId: string; at: number }>;
  quotes: PlannedQuote[];
  /** Accepted as a group purchase, which the requester (and some who were interested) then join. */
  accepted?: {
    quoteId: string;
    at: number;
    groupId: string;
    listingId: string;
    title: string;
    minParticipants: number;
    maxParticipants: number;
    deadline: number;
    sessionAt: number;
    reservationPence: number;
    members: PlannedMember[];
  };
}

export interface DemoActivity {
  /** Budget holders who act for themselves in the activity: each gets an account to sign in as. */
  users: UserRecord[];
  groups: PlannedGroup[];
  requests: PlannedRequest[];
}

export interface ActivityContext {
  seed: number;
  /** Whose activity: its people, and the ids its groups, requests and quotes are given. */
  council: DemoCouncilSpec;
  councilOutcodes: readonly string[];
  users: readonly UserRecord[];
  providers: readonly ProviderRecord[];
  listings: readonly ListingRecord[];
  people: readonly PersonRecord[];
  plans: readonly PlanRecord[];
  delegations: readonly DelegationRecord[];
  /** The council's towns by postcode district, for the words of requests. */
  towns: Readonly<Record<string, string>>;
}

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
/** `day` days from the seed's day, at `hour` (UTC, may be fractional). */
const at = (day: number, hour: number) => day * 24 + hour;
/** Whole minutes, so the times read well. */
const minutes = (hours: number) => Math.round(hours * 60) / 60;
/** How far from a group's venue (or a request's postcode) the people who join live. */
const nearKm = 20;
/** Each person is in at most this many of the demo groups. */
const maxGroupsEach = 2;
/**
 * The spend check is run here as it will be at the join, but at the earliest session the seed can
 * plan (its day is kept at least 8 weeks into the plan year, and the oldest session is 20 days
 * before it), where a carried-forward line's limit is smallest: the real check can only be kinder.
 */
const checkAt = new Date(Date.parse(demoPlanYearStart) + 35 * dayMs + 12 * hourMs);
const depositsPerYear = 13;

type Slot = {
  outcome: GroupOutcome;
  category: Category;
  /** A demo person who must be in it (and nearby listings are preferred). */
  who?: string;
  /** The first member organises it, or the provider does. */
  organiser: 'member' | 'provider';
  members: (min: number, tiers: readonly GroupTier[]) => number;
  createdDay: number;
  deadlineDay: number;
  sessionDay: number;
  weekly?: number;
  deliveredDay?: number;
  confirmedDay?: number;
  confirmedByMember?: boolean;
};

const few = (min: number) => Math.max(1, Math.min(2, min - 2));

const groupSlots: readonly Slot[] = [
  // Open, a few members so far: Jean started one for her lunch-club friends.
  {
    outcome: 'open',
    category: 'day_and_community',
    who: demoPersonIds.holder,
    organiser: 'member',
    members: few,
    createdDay: -5,
    deadlineDay: 9,
    sessionDay: 12,
  },
  {
    outcome: 'open',
    category: 'learning_and_work',
    organiser: 'provider',
    members: few,
    createdDay: -4,
    deadlineDay: 11,
    sessionDay: 14,
    weekly: 6,
  },
  {
    outcome: 'open',
    category: 'health_and_therapy',
    organiser: 'member',
    members: few,
    createdDay: -3,
    deadlineDay: 8,
    sessionDay: 10,
  },
  // Filling: one short of the minimum (Helen joined for her dad), just at it, just over it.
  {
    outcome: 'filling',
    category: 'day_and_community',
    who: demoPersonIds.represented,
    organiser: 'provider',
    members: (min) => min - 1,
    createdDay: -9,
    deadlineDay: 3,
    sessionDay: 6,
  },
  {
    outcome: 'filling',
    category: 'short_breaks',
    organiser: 'member',
    members: (min) => min,
    createdDay: -10,
    deadlineDay: 5,
    sessionDay: 12,
  },
  {
    outcome: 'filling',
    category: 'day_and_community',
    organiser: 'provider',
    members: (min) => min + 1,
    createdDay: -8,
    deadlineDay: 2,
    sessionDay: 5,
    weekly: 4,
  },
  // Settled yesterday, the session still to come.
  {
    outcome: 'settled',
    category: 'learning_and_work',
    organiser: 'provider',
    members: (min) => min + 1,
    createdDay: -12,
    deadlineDay: -1,
    sessionDay: 3,
  },
  // Delivered five days ago: the seven days for a dispute end in two, then the groups job pays.
  {
    outcome: 'delivered',
    category: 'health_and_therapy',
    organiser: 'member',
    members: (min) => min,
    createdDay: -16,
    deadlineDay: -9,
    sessionDay: -5,
    deliveredDay: -5,
  },
  // Paid: Daniel's art trip, confirmed by Daniel; and one the auto-confirmation paid, big enough
  // for the second price.
  {
    outcome: 'paid',
    category: 'day_and_community',
    who: demoPersonIds.holder2,
    organiser: 'provider',
    members: (min) => min + 1,
    createdDay: -30,
    deadlineDay: -24,
    sessionDay: -20,
    deliveredDay: -20,
    confirmedDay: -19,
    confirmedByMember: true,
  },
  {
    outcome: 'paid',
    category: 'transport',
    organiser: 'member',
    members: (min, tiers) => tiers[1]?.minParticipants ?? min + 2,
    createdDay: -28,
    deadlineDay: -21,
    sessionDay: -17,
    deliveredDay: -17,
    confirmedDay: -10,
  },
  // Missed: the deadline came with too few, and every reservation was released.
  {
    outcome: 'missed',
    category: 'day_and_community',
    organiser: 'member',
    members: (min) => Math.max(1, min - 2),
    createdDay: -14,
    deadlineDay: -4,
    sessionDay: -1,
  },
  {
    outcome: 'missed',
    category: 'learning_and_work',
    organiser: 'provider',
    members: (min) => min - 1,
    createdDay: -11,
    deadlineDay: -2,
    sessionDay: 2,
  },
];

interface Need {
  description: string;
  when: string;
  ceilingPence: number;
  title: string;
}

/** Needs people ask for when nothing listed fits, in their words; `{town}` is where they live. */
const needs: Partial<Record<Category, readonly Need[]>> = {
  day_and_community: [
    {
      description:
        'A chair-based exercise class for a few of us in {town}, somewhere with a lift and a hearing loop.',
      when: 'Thursday mornings, from next month',
      ceilingPence: 1_200,
      title: 'Chair-based exercise in {town}',
    },
    {
      description: 'A craft afternoon in {town} for people living with memory loss, and their carers.',
      when: 'Weekday afternoons, every other week',
      ceilingPence: 1_500,
      title: 'Craft afternoon in {town}',
    },
  ],
  household_help: [
    {
      description:
        'Help with a big shop and putting it away, for three of us who live close together in {town}.',
      when: 'Friday mornings, every week',
      ceilingPence: 2_500,
      title: 'Weekly shop in {town}',
    },
  ],
  learning_and_work: [
    {
      description: 'Beginners’ lessons on phones and tablets, in a small group in {town}, at our own pace.',
      when: 'Tuesday afternoons, for six weeks',
      ceilingPence: 2_000,
      title: 'Phone and tablet lessons in {town}',
    },
    {
      description:
        'A supported cookery course for young adults in {town}: cheap meals we can make ourselves.',
      when: 'Evenings after college, for a term',
      ceilingPence: 2_500,
      title: 'Cookery course in {town}',
    },
  ],
  transport: [
    {
      description:
        'A shared accessible minibus from {town} to the market and back, with room for two wheelchairs.',
      when: 'Thursdays, 10:00 to 13:00',
      ceilingPence: 1_000,
      title: 'Market minibus from {town}',
    },
  ],
  short_breaks: [
    {
      description: 'A short break by the sea for four of us and our carers, with step-free rooms.',
      when: 'A long weekend in the spring',
      ceilingPence: 40_000,
      title: 'A short break by the sea',
    },
  ],
  health_and_therapy: [
    {
      description: 'Hydrotherapy sessions near {town} for people with arthritis, with help changing.',
      when: 'Weekday mornings, every week',
      ceilingPence: 2_500,
      title: 'Hydrotherapy near {town}',
    },
  ],
};

type RequestSlot = {
  outcome: PlannedRequest['outcome'];
  category: Category;
  quotes: number;
  interest: number;
  /** Asked near here, so a demo provider can answer. */
  near?: string;
  preferProvider?: string;
  postedDay: number;
  respondByDay: number;
};

const requestSlots: readonly RequestSlot[] = [
  {
    outcome: 'open',
    category: 'day_and_community',
    quotes: 2,
    interest: 2,
    postedDay: -6,
    respondByDay: 10,
  },
  {
    outcome: 'open',
    category: 'household_help',
    quotes: 1,
    interest: 1,
    near: 'HG5',
    preferProvider: 'prv_demo_0001',
    postedDay: -4,
    respondByDay: 9,
  },
  {
    outcome: 'open',
    category: 'learning_and_work',
    quotes: 0,
    interest: 3,
    postedDay: -3,
    respondByDay: 12,
  },
  {
    outcome: 'open',
    category: 'transport',
    quotes: 0,
    interest: 0,
    near: 'HG5',
    postedDay: -2,
    respondByDay: 14,
  },
  {
    outcome: 'accepted',
    category: 'day_and_community',
    quotes: 2,
    interest: 2,
    postedDay: -10,
    respondByDay: 4,
  },
  {
    outcome: 'unmet',
    category: 'short_breaks',
    quotes: 2,
    interest: 1,
    postedDay: -20,
    respondByDay: -6,
  },
  {
    outcome: 'unmet',
    category: 'health_and_therapy',
    quotes: 1,
    interest: 0,
    postedDay: -18,
    respondByDay: -5,
  },
  { outcome: 'unmet', category: 'transport', quotes: 0, interest: 2, postedDay: -17, respondByDay: -4 },
  {
    outcome: 'unmet',
    category: 'learning_and_work',
    quotes: 0,
    interest: 0,
    postedDay: -16,
    respondByDay: -3,
  },
  {
    outcome: 'unmet',
    category: 'day_and_community',
    quotes: 0,
    interest: 1,
    postedDay: -15,
    respondByDay: -2,
  },
];

/**
 * Wolds and Vale's smaller story: Ruth's group at the stroke club's end of Malton, groups filling,
 * paid and missed, and requests open and unmet, so its care managers and its unmet-demand report
 * have something to show.
 */
const woldsGroupSlots: readonly Slot[] = [
  {
    outcome: 'open',
    category: 'day_and_community',
    who: demoPersonIds.wvHolder,
    organiser: 'member',
    members: few,
    createdDay: -4,
    deadlineDay: 10,
    sessionDay: 13,
  },
  {
    outcome: 'filling',
    category: 'short_breaks',
    organiser: 'provider',
    members: (min) => min - 1,
    createdDay: -8,
    deadlineDay: 4,
    sessionDay: 9,
  },
  {
    outcome: 'paid',
    category: 'transport',
    organiser: 'member',
    members: (min) => min,
    createdDay: -27,
    deadlineDay: -20,
    sessionDay: -16,
    deliveredDay: -16,
    confirmedDay: -9,
  },
  {
    outcome: 'missed',
    category: 'learning_and_work',
    organiser: 'provider',
    members: (min) => Math.max(1, min - 2),
    createdDay: -13,
    deadlineDay: -3,
    sessionDay: 1,
  },
];

const woldsRequestSlots: readonly RequestSlot[] = [
  {
    outcome: 'open',
    category: 'day_and_community',
    quotes: 2,
    interest: 2,
    postedDay: -5,
    respondByDay: 11,
  },
  {
    outcome: 'unmet',
    category: 'transport',
    quotes: 0,
    interest: 1,
    postedDay: -19,
    respondByDay: -5,
  },
  {
    outcome: 'unmet',
    category: 'health_and_therapy',
    quotes: 1,
    interest: 0,
    postedDay: -16,
    respondByDay: -3,
  },
];

/** Each council's story: North Dales', with the demo users in it, and its neighbour's. */
const slotsOf: Record<string, { groups: readonly Slot[]; requests: readonly RequestSlot[] }> = {
  'north-dales': { groups: groupSlots, requests: requestSlots },
  'wolds-and-vale': { groups: woldsGroupSlots, requests: woldsRequestSlots },
};

/** Plans a demo council's group purchases and requests. The same context always gives the same plan. */
export function planDemoActivity(context: ActivityContext): DemoActivity {
  return new ActivityPlanner(context).plan();
}

interface Candidate {
  person: PersonRecord;
  plan: PlanRecord;
  latitude: number;
  longitude: number;
}

class ActivityPlanner {
  private readonly rng: Random;
  private readonly users: Map<string, UserRecord>;
  private readonly providers: Map<string, ProviderRecord>;
  private readonly people: Map<string, PersonRecord>;
  private readonly plans: Map<string, PlanRecord>;
  private readonly centres: Map<string, { latitude: number; longitude: number }>;
  /** People who could join a group: managed money (so deposits reach them) and an approved plan. */
  private readonly candidates: Candidate[];
  /** A person's active representative, who may join groups and ask for support for them. */
  private readonly representatives = new Map<string, DelegationRecord>();
  private readonly newUsers: UserRecord[] = [];
  private readonly reserved = new Map<string, number>();
  private readonly committed = new Map<string, number>();
  private readonly memberships = new Map<string, number>();
  private readonly usedListings = new Set<string>();
  private readonly groupListings: ListingRecord[];
  /** People with an account of their own (the demo holders). */
  private readonly ownAccounts = new Map<string, string>();
  /** Each provider's first active listing in each category. */
  private readonly offers = new Map<string, ListingRecord>();
  private groupCount = 0;
  private quoteCount = 0;

  constructor(private readonly context: ActivityContext) {
    this.rng = new Random((context.seed ^ 0x6a7c_0b5e ^ context.council.stream) >>> 0);
    this.users = new Map(context.users.map((u) => [u.userId, u]));
    this.providers = new Map(context.providers.map((p) => [p.providerId, p]));
    this.people = new Map(context.people.map((p) => [p.personId, p]));
    this.plans = new Map(context.plans.map((p) => [p.planId, p]));
    this.centres = new Map(
      ukOutcodes.map(([outcode, latitude, longitude]) => [outcode, { latitude, longitude }]),
    );
    for (const delegation of context.delegations) {
      if (
        delegation.kind === 'representative' &&
        delegation.status === 'active' &&
        delegation.expiresAt === undefined &&
        delegation.scopes.includes('group:join') &&
        delegation.scopes.includes('order:create') &&
        !this.representatives.has(delegation.personId)
      )
        this.representatives.set(delegation.personId, delegation);
    }
    this.candidates = context.people.flatMap((person) => {
      const plan = person.currentPlanId ? this.plans.get(person.currentPlanId) : undefined;
      const centre = this.centres.get(person.outcode);
      if (plan?.status !== 'approved' || !centre || !this.hasManagedMoney(person)) return [];
      return [{ person, plan, ...centre }];
    });
    for (const user of context.users) if (user.personId) this.ownAccounts.set(user.personId, user.userId);
    for (const listing of context.listings) {
      const key = `${listing.providerId}#${listing.category}`;
      if (listing.status === 'active' && !this.offers.has(key)) this.offers.set(key, listing);
    }
    const council = new Set(context.councilOutcodes);
    this.groupListings = context.listings.filter((listing) => {
      const provider = this.providers.get(listing.providerId);
      return (
        listing.status === 'active' &&
        listing.groupTiers.length > 0 &&
        council.has(listing.outcode) &&
        provider !== undefined &&
        canBePaid(provider.status)
      );
    });
  }

  plan(): DemoActivity {
    const slots = slotsOf[this.context.council.councilId];
    if (!slots) throw new Error(`No demo activity is written for ${this.context.council.councilId}`);
    const groups = slots.groups.map((slot) => this.group(slot));
    const requests = slots.requests.map((slot, index) => this.request(slot, index + 1));
    return { users: this.newUsers, groups, requests };
  }

  private hasManagedMoney(person: PersonRecord): boolean {
    return person.budget?.deployment === 'managed_account' || person.budget?.deployment === 'mixed';
  }

  /** Who acts for a person: their own account, their representative, or a new holder account. */
  private actorFor(personId: string): string {
    const own = this.ownAccounts.get(personId);
    if (own) return own;
    const representative = this.representatives.get(personId);
    if (representative) return representative.userId;
    const { ids } = this.context.council;
    const userId = `${ids.holder}${personId.slice(ids.person.length)}`;
    if (!this.users.has(userId)) {
      const person = this.people.get(personId);
      if (!person) throw new Error(`Unknown demo person ${personId}`);
      const user: UserRecord = {
        userId,
        name: person.name,
        roles: ['holder'],
        councilId: person.councilId,
        personId,
      };
      this.users.set(userId, user);
      this.newUsers.push(user);
    }
    return userId;
  }

  /** The plan line a person would pay from, if the join's spend check passes after what is planned. */
  private lineFor(candidate: Candidate, category: Category, providerId: string, amountPence: number) {
    const { person, plan } = candidate;
    if ((this.memberships.get(person.personId) ?? 0) >= maxGroupsEach) return undefined;
    const budget = person.budget;
    if (!budget) return undefined;
    const firstDeposit = Math.floor(budget.allocationPence / depositsPerYear);
    const representative = this.representatives.get(person.personId);
    const selfService = this.ownAccounts.has(person.personId);
    for (const line of plan.lines) {
      if (line.category !== category) continue;
      const failures = spendCheck({
        plan,
        budget,
        lineId: line.lineId,
        category,
        providerId,
        providerVerified: true,
        amountPence,
        at: checkAt,
        committedPence: this.committed.get(`${plan.planId}#${line.lineId}`) ?? 0,
        availablePence: firstDeposit - (this.reserved.get(person.personId) ?? 0),
        delegate:
          representative && !selfService ? { scopes: representative.scopes, needs: 'group:join' } : undefined,
      });
      if (failures.length === 0) return line.lineId;
    }
    return undefined;
  }

  private commit(candidate: Candidate, lineId: string, amountPence: number) {
    const { person, plan } = candidate;
    this.memberships.set(person.personId, (this.memberships.get(person.personId) ?? 0) + 1);
    this.reserved.set(person.personId, (this.reserved.get(person.personId) ?? 0) + amountPence);
    const key = `${plan.planId}#${lineId}`;
    this.committed.set(key, (this.committed.get(key) ?? 0) + amountPence);
  }

  /** People near a place, in a random (seeded) order; the demo users' own people only when named. */
  private near(place: { latitude: number; longitude: number }, exclude: ReadonlySet<string>): Candidate[] {
    const demo = new Set<string>(Object.values(demoPersonIds));
    return this.rng.shuffle(
      this.candidates.filter(
        (c) =>
          !demo.has(c.person.personId) && !exclude.has(c.person.personId) && distanceKm(c, place) <= nearKm,
      ),
    );
  }

  private candidate(personId: string): Candidate {
    const found = this.candidates.find((c) => c.person.personId === personId);
    if (!found) throw new Error(`Demo person ${personId} cannot join groups`);
    return found;
  }

  /**
   * Chooses `count` members for a group at a price, named person first; undefined if too few of the
   * people nearby can pay for it from a plan line of its category.
   */
  private chooseMembers(
    place: { latitude: number; longitude: number },
    category: Category,
    providerId: string,
    amountPence: number,
    count: number,
    named: readonly string[],
    exclude: ReadonlySet<string> = new Set(),
  ): Array<{ candidate: Candidate; lineId: string }> | undefined {
    const chosen: Array<{ candidate: Candidate; lineId: string }> = [];
    for (const personId of named) {
      const candidate = this.candidate(personId);
      const lineId = this.lineFor(candidate, category, providerId, amountPence);
      if (!lineId) return undefined;
      chosen.push({ candidate, lineId });
    }
    if (chosen.length >= count) return chosen.slice(0, count);
    for (const candidate of this.near(place, exclude)) {
      const lineId = this.lineFor(candidate, category, providerId, amountPence);
      if (!lineId) continue;
      chosen.push({ candidate, lineId });
      if (chosen.length === count) return chosen;
    }
    return undefined;
  }

  private group(slot: Slot): PlannedGroup {
    const categories: Category[] = [slot.category, 'day_and_community'];
    for (const category of categories) {
      let listings = this.groupListings.filter(
        (l) => l.category === category && !this.usedListings.has(l.listingId),
      );
      const who = slot.who ? this.candidate(slot.who) : undefined;
      listings = who
        ? [...listings].sort(
            (a, b) => distanceKm(who, a) - distanceKm(who, b) || a.listingId.localeCompare(b.listingId),
          )
        : this.rng.shuffle(listings);
      for (const listing of listings) {
        const planned = this.tryGroup(slot, listing);
        if (planned) return planned;
      }
    }
    throw new Error(`No demo listing fits a ${slot.outcome} ${slot.category} group`);
  }

  private tryGroup(slot: Slot, listing: ListingRecord): PlannedGroup | undefined {
    const tiers = [...listing.groupTiers].sort((a, b) => a.minParticipants - b.minParticipants);
    const min = tiers[0]?.minParticipants ?? 2;
    const largest = tiers.at(-1)?.minParticipants ?? min;
    const count = slot.members(min, tiers);
    const max = Math.min(listing.capacity, Math.max(largest + 2, min + 4));
    if (count < 1 || count > max || max < min) return undefined;
    const pricing = { kind: 'per_person' as const, tiers };
    // A weekly group reserves for every session, so members need room on their line for all of them.
    const reservationPence = reservationFor({ pricing, minParticipants: min }) * (slot.weekly ?? 1);
    const chosen = this.chooseMembers(
      listing,
      listing.category,
      listing.providerId,
      reservationPence,
      count,
      slot.who ? [slot.who] : [],
    );
    if (!chosen) return undefined;
    const provider = this.providers.get(listing.providerId);
    if (!provider) return undefined;

    this.usedListings.add(listing.listingId);
    for (const { candidate, lineId } of chosen) this.commit(candidate, lineId, reservationPence);
    this.groupCount += 1;
    const groupId = `${this.context.council.ids.group}${String(this.groupCount).padStart(4, '0')}`;
    const showFirstNames = slot.organiser === 'member' && this.rng.chance(0.5);
    const createdAt = at(slot.createdDay, 9 + this.rng.int(0, 8) / 2);
    const deadline = at(slot.deadlineDay, 18);
    const lastJoin = Math.min(deadline - 2, at(-1, 20));
    const members: PlannedMember[] = chosen.map(({ candidate, lineId }, index) => ({
      personId: candidate.person.personId,
      lineId,
      byUserId: this.actorFor(candidate.person.personId),
      ...(showFirstNames ? { firstName: candidate.person.name.split(' ')[0] ?? candidate.person.name } : {}),
      // The organiser joins first, straight after starting it; the others over the days after.
      joinAt:
        index === 0 && slot.organiser === 'member'
          ? minutes(createdAt + 0.25)
          : minutes(createdAt + 1 + ((lastJoin - createdAt - 1) * (index + 1)) / (chosen.length + 1)),
    }));
    const first = members[0];
    const organiserUserId = slot.organiser === 'member' && first ? first.byUserId : provider.ownerUserId;
    const description = [
      slot.weekly
        ? `${slot.weekly} weekly sessions with ${provider.name}.`
        : `One session with ${provider.name}.`,
      'The more of us join, the less each pays:',
      `${tiers.map((t) => `${poundsText(t.pricePerPersonPence)} each from ${t.minParticipants} people`).join(', ')}.`,
    ].join(' ');
    const settled = slot.deadlineDay < 0;
    return {
      groupId,
      councilId: this.context.council.councilId,
      outcome: slot.outcome,
      listingId: listing.listingId,
      organiserUserId,
      title: listing.title,
      description,
      minParticipants: min,
      maxParticipants: max,
      showFirstNames,
      createdAt,
      deadline,
      sessionAt: at(slot.sessionDay, 10.5),
      ...(slot.weekly ? { occurrences: slot.weekly } : {}),
      reservationPence,
      members,
      ...(settled ? { settleAt: deadline + 5 / 60 } : {}),
      ...(slot.deliveredDay !== undefined ? { deliveredAt: at(slot.deliveredDay, 16) } : {}),
      ...(slot.confirmedDay !== undefined
        ? {
            confirmedAt: at(slot.confirmedDay, slot.confirmedByMember ? 10 : 16),
            ...(slot.confirmedByMember && first ? { confirmedBy: this.confirmer(members) } : {}),
          }
        : {}),
    };
  }

  /** A member who signs in as themselves (confirming needs a member's own account). */
  private confirmer(members: readonly PlannedMember[]): string {
    const own = members.find((m) => this.users.get(m.byUserId)?.personId === m.personId);
    if (!own) throw new Error('A demo group confirmed by a member needs a member with their own account');
    return own.byUserId;
  }

  private request(slot: RequestSlot, number: number): PlannedRequest {
    const { ids } = this.context.council;
    const requestId = `${ids.request}${String(number).padStart(4, '0')}`;
    const need = this.rng.pick(needs[slot.category] ?? needs.day_and_community ?? []);
    const postedAt = at(slot.postedDay, 10 + this.rng.int(0, 12) / 2);
    const respondBy = at(slot.respondByDay, 18);
    const radiusKm = this.rng.pick([10, 10, 15]);

    // The requester: someone near `near` if given; for an accepted request, someone who can then
    // join the group from their plan.
    const pool = this.rng.shuffle(
      this.candidates.filter(
        (c) =>
          !Object.values(demoPersonIds).includes(c.person.personId as never) &&
          (slot.near ? c.person.outcode === slot.near : true),
      ),
    );
    let requester: Candidate | undefined;
    let quotes: PlannedQuote[] = [];
    for (const candidate of pool) {
      const town = this.placeName(candidate.person.outcode);
      const found = this.quotesFor(slot, candidate, radiusKm, postedAt, respondBy, need, town);
      if (found.length < slot.quotes) continue;
      if (slot.outcome === 'accepted') {
        const quote = found[0];
        const groupTiers = quote?.tiers.filter((t) => t.minParticipants >= 2) ?? [];
        const min = groupTiers[0]?.minParticipants ?? 2;
        const price = groupTiers[0]?.pricePerPersonPence ?? 0;
        if (!quote || !this.lineFor(candidate, slot.category, quote.providerId, price) || min < 2) continue;
      }
      requester = candidate;
      quotes = found;
      break;
    }
    if (!requester) throw new Error(`No demo person can ask for ${slot.category} support`);
    const town = this.placeName(requester.person.outcode);
    const byUserId = this.actorFor(requester.person.personId);
    for (const quote of quotes) {
      this.quoteCount += 1;
      quote.quoteId = `${ids.quote}${String(this.quoteCount).padStart(4, '0')}`;
    }

    const interested = this.near(requester, new Set([requester.person.personId])).slice(0, slot.interest);
    const interestEnd = slot.outcome === 'accepted' ? at(-3, 12) : Math.min(respondBy - 2, at(-1, 20));
    const interest = interested.map((c, index) => ({
      personId: c.person.personId,
      byUserId: this.actorFor(c.person.personId),
      at: minutes(postedAt + 2 + ((interestEnd - postedAt - 2) * (index + 1)) / (interested.length + 1)),
    }));

    const request: PlannedRequest = {
      requestId,
      councilId: this.context.council.councilId,
      outcome: slot.outcome,
      personId: requester.person.personId,
      byUserId,
      postedAt,
      description: need.description.replaceAll('{town}', town),
      category: slot.category,
      postcode: requester.person.postcode,
      radiusKm,
      participants: 1 + this.rng.int(0, 3),
      when: need.when,
      budgetCeilingPerPersonPence: need.ceilingPence,
      respondBy,
      interest,
      quotes,
    };
    if (slot.outcome !== 'accepted') return request;

    const quote = quotes[0];
    if (!quote) throw new Error('An accepted demo request needs a quote');
    const groupTiers = quote.tiers.filter((t) => t.minParticipants >= 2);
    const min = groupTiers[0]?.minParticipants ?? 2;
    const reservationPence = groupTiers[0]?.pricePerPersonPence ?? 0;
    // The requester joins, and so do those who were interested and can pay for it from their plan.
    const acceptedAt = at(-2, 11);
    this.groupCount += 1;
    const groupId = `${ids.group}${String(this.groupCount).padStart(4, '0')}`;
    const members: PlannedMember[] = [];
    for (const candidate of [requester, ...interested]) {
      const lineId = this.lineFor(candidate, slot.category, quote.providerId, reservationPence);
      if (!lineId) continue;
      this.commit(candidate, lineId, reservationPence);
      members.push({
        personId: candidate.person.personId,
        lineId,
        byUserId: this.actorFor(candidate.person.personId),
        joinAt: minutes(acceptedAt + 1 + members.length * 5),
      });
    }
    request.accepted = {
      quoteId: quote.quoteId,
      at: acceptedAt,
      groupId,
      listingId: `${ids.quotedListing}${requestId.slice(ids.request.length)}`,
      title: need.title.replaceAll('{town}', town),
      minParticipants: min,
      maxParticipants: min + 4,
      deadline: at(6, 18),
      sessionAt: at(9, 10.5),
      reservationPence,
      members,
    };
    return request;
  }

  /** Verified providers who offer the category and reach the requester, demo providers first. */
  private quotesFor(
    slot: RequestSlot,
    requester: Candidate,
    radiusKm: number,
    postedAt: number,
    respondBy: number,
    need: Need,
    town: string,
  ): PlannedQuote[] {
    if (slot.quotes === 0) return [];
    const reach = (p: ProviderRecord) => distanceKm(p, requester) <= p.serviceArea.radiusKm + radiusKm;
    const council = new Set(this.context.councilOutcodes);
    const offering = this.context.providers.filter(
      (p) =>
        canBePaid(p.status) &&
        council.has(p.outcode) &&
        p.categories.includes(slot.category) &&
        this.offers.has(`${p.providerId}#${slot.category}`) &&
        reach(p),
    );
    const preferred = offering.filter((p) => p.providerId === slot.preferProvider);
    const others = this.rng.shuffle(offering.filter((p) => p.providerId !== slot.preferProvider));
    // Quotes come in before the window closes (and before an accepted request's acceptance).
    const lastQuote = slot.outcome === 'accepted' ? at(-3, 16) : Math.min(respondBy - 6, at(-1, 16));
    return [...preferred, ...others].slice(0, slot.quotes).map((provider, index) => {
      const listing = this.offers.get(`${provider.providerId}#${slot.category}`);
      const price = listing?.pricePence ?? need.ceilingPence;
      const step = price >= 10_000 ? 500 : 50;
      const groupTiers =
        listing && listing.groupTiers.length > 0
          ? listing.groupTiers
          : [
              {
                minParticipants: 3,
                pricePerPersonPence: Math.max(step, Math.floor((price * 0.85) / step) * step),
              },
            ];
      return {
        quoteId: '',
        providerId: provider.providerId,
        byUserId: provider.ownerUserId,
        at: minutes(postedAt + 4 + ((lastQuote - postedAt - 4) * (index + 1)) / (slot.quotes + 1)),
        tiers: [{ minParticipants: 1, pricePerPersonPence: price }, ...groupTiers],
        priceUnit: listing?.priceUnit ?? 'session',
        when: index === 0 ? `${need.when}; we can start within a fortnight` : 'From the start of next month',
        terms:
          index === 0
            ? `Prices are per person. We can meet in ${town} or nearby, wherever suits the group.`
            : 'Prices are per person; cancel up to 48 hours before at no cost.',
      };
    });
  }

  private placeName(outcode: string): string {
    return this.context.towns[outcode] ?? outcode;
  }
}
