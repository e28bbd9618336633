import {
  AccessibilityFeature,
  type AuditRecord,
  type BrokerDisclosure,
  type Category,
  type CouncilRecord,
  categoryCodes,
  type DelegationRecord,
  type Evidence,
  type GroupTier,
  ListingRecord,
  listingProblems,
  type PersonRecord,
  type PlanRecord,
  ProviderRecord,
  type ProviderStatus,
  profileProblems,
  type Questionnaire,
  UserRecord,
  ukOutcodes,
  type Weekday,
  type Where,
} from '@carepool/domain';
import { type DemoActivity, planDemoActivity } from './activity.ts';
import {
  type Archetype,
  accessibilityFor,
  archetypes,
  colours,
  cultures,
  insurers,
  interestDescriptions,
  interestsWithoutProvider,
  type ListingTemplate,
  type NameCulture,
  postcodeAreaTowns,
  type Schedule,
  suspensionReasons,
  type TemplateKey,
  templates,
  venueNames,
  verificationReasons,
  warmWords,
  welshAreas,
} from './catalogue.ts';
import { councilRecordOf, type DemoCouncilSpec, demoCouncils, northDales, woldsAndVale } from './councils.ts';
import { demoPersonIds, demoUserIds } from './demo-ids.ts';
import { generatePeople, type PeopleData } from './people.ts';
import { demoQuestionnaire } from './questionnaire.ts';
import { Random } from './random.ts';

export const defaultDemoSeed = 20261101;
/** A fixed clock, so the same seed gives byte-for-byte the same data. */
export const defaultDemoNow = new Date('2026-11-01T09:00:00Z');

/** The council the demo starts in: Jean, Priya and most of the demo users are North Dales'. */
export const demoCouncil = { councilId: northDales.councilId, name: northDales.name } as const;

export { demoCouncils, demoPersonIds, demoUserIds };

export interface DemoOptions {
  seed?: number;
  /** Add a national dataset (about 7,000 providers, 25,000+ listings) for benchmarks. */
  scale?: boolean;
  now?: Date;
}

export interface DemoData {
  seed: number;
  scale: boolean;
  /** The neighbouring fictional councils, North Dales first, as the operator created them. */
  councils: CouncilRecord[];
  users: UserRecord[];
  providers: ProviderRecord[];
  listings: ListingRecord[];
  /** Each council's budget holders, each with a budget; most with an approved support plan. */
  people: PersonRecord[];
  /** Every version of every plan: approved, superseded, submitted, draft and referred. */
  plans: PlanRecord[];
  delegations: DelegationRecord[];
  /** Each council's self-assessment questionnaire. */
  questionnaires: Questionnaire[];
  /** The first links of each person's and plan's audit chain. */
  audit: AuditRecord[];
  /**
   * Group purchases and requests for support, planned here and carried out by seedTable through
   * the real use cases, at times relative to when the seed runs.
   */
  activity: DemoActivity;
}

interface Place {
  /** The demo council the district belongs to; absent outside them. */
  councilId?: string;
  outcode: string;
  latitude: number;
  longitude: number;
  town: string;
  /** Local dialling code; absent outside the demo council, where drama-range numbers are used. */
  dialling?: string;
  weight: number;
}

const councilListingTarget = 1400;
const councilCategoryMinimum = 48;
const nationalProviderTarget = 7000;
const nationalListingTarget = 24_500;

/**
 * How many generated providers of each kind the two councils' area has, on top of the six
 * hand-made ones (three micro-enterprises, a personal assistant, a broker and a community
 * transport charity). Micro-enterprises are the point. Providers have no council: they are placed
 * across both councils' districts, and many reach into both.
 */
const councilKindCounts: ReadonlyArray<readonly [Archetype['kind'], number]> = [
  ['micro_enterprise', 140],
  ['personal_assistant', 55],
  ['organisation', 88],
  ['mainstream_business', 94],
  ['broker', 18],
];
const nationalKindMix: ReadonlyArray<readonly [Archetype['kind'], number]> = [
  ['micro_enterprise', 30],
  ['personal_assistant', 15],
  ['organisation', 25],
  ['mainstream_business', 25],
  ['broker', 5],
];

type Slot = { day: Weekday; from: string; to: string };

const weekdays: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
/** Inward codes never use C, I, K, M, O or V. */
const inwardLetters = [...'ABDEFGHJLNPQRSTUWXYZ'];
const accessibilityOrder = new Map(AccessibilityFeature.options.map((feature, index) => [feature, index]));
const otherLanguages = ['cy', 'pl', 'ur', 'pa', 'bn'] as const;

interface ProviderSpec {
  place: Place;
  archetype: Archetype;
  ownerUserId?: string;
  status?: ProviderStatus;
  name?: string;
  person?: { first: string; last: string; culture: NameCulture };
  workers?: number;
  broker?: BrokerDisclosure;
  /** Hand-made demo providers keep their listings; generated ones may get top-ups. */
  fixed?: boolean;
}

interface Draft {
  record: ProviderRecord;
  archetype: Archetype;
  place: Place;
  language: string | undefined;
  councilArea: boolean;
  fixed: boolean;
  categories: Set<Category>;
}

/**
 * Builds the demo directory. Pure: no I/O and no clock, so the same options always give the same
 * data. The councils' data is built first from the same random stream, so adding `scale` never
 * changes the councils' providers or listings.
 */
export function generateDemoData(options: DemoOptions = {}): DemoData {
  const seed = options.seed ?? defaultDemoSeed;
  const scale = options.scale ?? false;
  const now = options.now ?? defaultDemoNow;
  const generator = new Generator(new Random(seed), now);
  generator.council();
  const peopleOf = demoCouncils.map((council) => ({ council, people: generator.people(seed, council) }));
  const activities = peopleOf.map(({ council, people }) => generator.activity(seed, council, people));
  if (scale) generator.national();
  return {
    seed,
    scale,
    councils: demoCouncils.map((council) => councilRecordOf(council, now)),
    users: generator.users.map((u) => UserRecord.parse(u)),
    providers: generator.drafts.map((d) => {
      const provider = ProviderRecord.parse(d.record);
      const problems = profileProblems(provider);
      if (problems.length > 0) throw new Error(`Demo provider ${provider.providerId} breaks a rule`);
      return provider;
    }),
    listings: generator.listings.map((l) => {
      const listing = ListingRecord.parse(l);
      if (listingProblems(listing).length > 0)
        throw new Error(`Demo listing ${listing.listingId} breaks a rule`);
      return listing;
    }),
    people: peopleOf.flatMap(({ people }) => people.people),
    plans: peopleOf.flatMap(({ people }) => people.plans),
    delegations: peopleOf.flatMap(({ people }) => people.delegations),
    questionnaires: demoCouncils.map((council) => demoQuestionnaire(council.councilId)),
    audit: peopleOf.flatMap(({ people }) => people.audit),
    activity: {
      users: activities.flatMap((a) => a.users),
      groups: activities.flatMap((a) => a.groups),
      requests: activities.flatMap((a) => a.requests),
    },
  };
}

class Generator {
  readonly users: UserRecord[] = [];
  readonly drafts: Draft[] = [];
  readonly listings: ListingRecord[] = [];
  /** Both councils' districts: the providers' area. */
  readonly councilPlaces: Place[];
  private readonly nowIso: string;
  private readonly categoryCounts = new Map<Category, number>();
  private readonly usedNames = new Set<string>();
  private readonly districts: Map<string, { latitude: number; longitude: number }>;

  constructor(
    private readonly rng: Random,
    private readonly now: Date,
  ) {
    this.nowIso = now.toISOString();
    this.districts = new Map(
      ukOutcodes.map(([outcode, latitude, longitude]) => [outcode, { latitude, longitude }]),
    );
    this.councilPlaces = demoCouncils.flatMap(({ councilId, districts }) =>
      districts.map(([outcode, town, dialling, weight]) => {
        const centre = this.districts.get(outcode);
        if (!centre) throw new Error(`Demo district ${outcode} is missing from the postcode data`);
        return { councilId, outcode, town, dialling, weight, ...centre };
      }),
    );
  }

  private placesOf(council: DemoCouncilSpec): Place[] {
    return this.councilPlaces.filter((p) => p.councilId === council.councilId);
  }

  council(): void {
    this.addDemoUsers();
    const byOutcode = (outcode: string): Place => {
      const place = this.councilPlaces.find((p) => p.outcode === outcode);
      if (!place) throw new Error(`Demo district ${outcode} is missing from the postcode data`);
      return place;
    };
    const archetype = (key: string): Archetype => {
      const found = archetypes.find((a) => a.key === key);
      if (!found) throw new Error(`Unknown archetype ${key}`);
      return found;
    };
    const polish = cultures.find((c) => c.language === 'pl') ?? this.rng.pick(cultures);
    const fixed: Array<{
      spec: ProviderSpec;
      listings: TemplateKey[];
      /** Listings at a venue in a district other than the provider's own. */
      venues?: Array<[TemplateKey, string]>;
    }> = [
      {
        spec: {
          place: byOutcode('HG5'),
          archetype: archetype('home_help'),
          ownerUserId: demoUserIds.provider,
          status: 'verified',
          name: 'Kindlewood Home Help',
          workers: 4,
        },
        listings: ['cleaning', 'errands', 'paOut', 'sitting'],
      },
      {
        spec: {
          place: byOutcode('HG5'),
          archetype: archetype('activity_group'),
          ownerUserId: demoUserIds.provider,
          status: 'pending',
          name: 'Kindlewood Lunch Club',
          workers: 2,
        },
        listings: ['groupActivity', 'cafe'],
      },
      {
        spec: {
          place: byOutcode('HG4'),
          archetype: archetype('pa'),
          ownerUserId: demoUserIds.personalAssistant,
          status: 'verified',
          name: 'Kasia Nowak, Personal Assistant',
          person: { first: 'Kasia', last: 'Nowak', culture: polish },
          workers: 1,
        },
        listings: ['paAtHome', 'paOut', 'errands'],
      },
      {
        spec: {
          place: byOutcode('HG4'),
          archetype: archetype('garden_handyperson'),
          ownerUserId: demoUserIds.personalAssistant,
          status: 'verified',
          name: 'Fellview Gardening',
          person: { first: 'Kasia', last: 'Nowak', culture: polish },
          workers: 2,
        },
        listings: ['gardening', 'adaptations'],
      },
      {
        spec: {
          place: byOutcode('HG1'),
          archetype: archetype('broker'),
          ownerUserId: demoUserIds.broker,
          status: 'verified',
          name: 'Beckside Support Planning',
          workers: 3,
          broker: {
            fee: { kind: 'percent', basisPoints: 750 },
            interests: [
              { providerId: 'prv_demo_0001', description: 'Shares an office with Kindlewood Home Help' },
            ],
          },
        },
        listings: ['supportPlanning', 'budgetManagement', 'advice'],
      },
      {
        // Works across both councils from Thirsk, on the border: the minibus reaches Malton and
        // Helmsley, and its groups meet on both sides.
        spec: {
          place: byOutcode('YO7'),
          archetype: archetype('community_transport'),
          status: 'verified',
          name: 'Vale and Dales Community Transport',
          workers: 18,
        },
        listings: ['communityTransport', 'travelTraining'],
        venues: [
          ['groupActivity', 'YO17'],
          ['groupActivity', 'YO62'],
          ['cafe', 'YO7'],
          ['groupActivity', 'HG4'],
        ],
      },
    ];
    for (const { spec, listings, venues = [] } of fixed) {
      const draft = this.addProvider({ ...spec, fixed: true }, true);
      for (const key of listings) this.addListing(draft, templates[key]);
      for (const [key, outcode] of venues) this.addListing(draft, templates[key], byOutcode(outcode));
      this.setCategories(draft);
    }

    const weights = this.councilPlaces.map((p) => [p, p.weight] as const);
    const kinds = this.rng.shuffle(
      councilKindCounts.flatMap(([kind, count]) => Array<Archetype['kind']>(count).fill(kind)),
    );
    for (const kind of kinds) {
      const draft = this.addProvider(
        { place: this.rng.weighted(weights), archetype: this.archetypeOf(kind) },
        true,
      );
      const count = this.rng.int(2, 5);
      for (let n = 0; n < count; n++) this.addListing(draft, this.chooseTemplate(draft.archetype));
    }
    this.topUpCouncil();
    for (const draft of this.drafts) if (!draft.fixed) this.setCategories(draft);
    this.disclosePartners(this.drafts);
  }

  /**
   * A council's budget holders, from their own random stream: the providers are already made (a
   * few are brokers the people use), and nothing made after this depends on the people.
   */
  people(seed: number, council: DemoCouncilSpec): PeopleData {
    const names = new Map(this.users.map((u) => [u.userId, u.name]));
    const brokers = this.drafts
      .filter(
        (d) =>
          d.place.councilId === council.councilId &&
          d.record.kind === 'broker' &&
          d.record.status === 'verified' &&
          d.record.ownerUserId !== demoUserIds.broker,
      )
      .map((d) => ({ userId: d.record.ownerUserId, name: names.get(d.record.ownerUserId) ?? d.record.name }));
    const data = generatePeople({
      seed,
      now: this.now,
      council,
      places: this.placesOf(council),
      users: this.users,
      brokers,
    });
    this.users.push(...data.users);
    return data;
  }

  /**
   * A council's group purchases and requests, from their own random stream, after the people
   * (they join and ask) and before the national data (which never changes them). Holders who act
   * for themselves get accounts.
   */
  activity(seed: number, council: DemoCouncilSpec, people: PeopleData): DemoActivity {
    const places = this.placesOf(council);
    const activity = planDemoActivity({
      seed,
      council,
      councilOutcodes: places.map((p) => p.outcode),
      towns: Object.fromEntries(places.map((p) => [p.outcode, p.town])),
      users: this.users,
      providers: this.drafts.filter((d) => d.councilArea).map((d) => d.record),
      listings: this.listings,
      people: people.people,
      plans: people.plans,
      delegations: people.delegations,
    });
    this.users.push(...activity.users);
    return activity;
  }

  /** Every district in the UK gets a few providers, so a benchmark can search anywhere. */
  national(): void {
    const councilOutcodes = new Set(this.councilPlaces.map((p) => p.outcode));
    const places: Place[] = ukOutcodes
      .filter(([outcode]) => !councilOutcodes.has(outcode))
      .map(([outcode, latitude, longitude]) => ({
        outcode,
        latitude,
        longitude,
        town: postcodeAreaTowns[outcode.replace(/[0-9].*$/, '')] ?? `the ${outcode} area`,
        weight: 1,
      }));
    const perPlace = places.map(() => 2);
    for (let extra = nationalProviderTarget - places.length * 2; extra > 0; extra--) {
      const index = this.rng.int(0, places.length - 1);
      perPlace[index] = (perPlace[index] ?? 0) + 1;
    }
    const start = this.drafts.length;
    const listingsBefore = this.listings.length;
    places.forEach((place, index) => {
      for (let n = 0; n < (perPlace[index] ?? 0); n++) {
        const kind = this.rng.weighted(nationalKindMix);
        const draft = this.addProvider({ place, archetype: this.archetypeOf(kind) }, false);
        const count = this.rng.int(2, 5);
        for (let k = 0; k < count; k++) this.addListing(draft, this.rng.pick(this.offers(draft.archetype)));
      }
    });
    const national = this.drafts.slice(start);
    while (this.listings.length - listingsBefore < nationalListingTarget) {
      const draft = this.rng.pick(national);
      this.addListing(draft, this.rng.pick(this.offers(draft.archetype)));
    }
    for (const draft of national) this.setCategories(draft);
    this.disclosePartners(national);
  }

  /**
   * Brokers disclose interests in other providers (of the same batch, usually the same town), so
   * those providers must exist first. Each batch is finished before the next begins, so the
   * council's data does not depend on whether the national data follows.
   */
  private disclosePartners(drafts: readonly Draft[]): void {
    const others = drafts.filter((d) => d.record.kind !== 'broker');
    const byTown = new Map<string, Draft[]>();
    for (const other of others) {
      const town = byTown.get(other.place.town);
      if (town) town.push(other);
      else byTown.set(other.place.town, [other]);
    }
    for (const draft of drafts) {
      const disclosure = draft.record.broker;
      if (!disclosure || draft.fixed) continue;
      const interests: BrokerDisclosure['interests'] = [];
      if (this.rng.chance(0.5)) {
        const near = byTown.get(draft.place.town) ?? [];
        const other = this.rng.pick(near.length > 0 ? near : others);
        interests.push({
          providerId: other.record.providerId,
          description: this.rng.pick(interestDescriptions).replace('{name}', other.record.name),
        });
      }
      if (this.rng.chance(0.2)) interests.push({ description: this.rng.pick(interestsWithoutProvider) });
      draft.record = { ...draft.record, broker: { ...disclosure, interests } };
    }
  }

  /** The sign-in-as page's people: North Dales', then Wolds and Vale's, then the operator. */
  private addDemoUsers(): void {
    const councilId = northDales.councilId;
    const wv = woldsAndVale.councilId;
    const demo: Array<Omit<UserRecord, 'demoOrder'>> = [
      {
        userId: demoUserIds.holder,
        name: 'Jean Barker',
        roles: ['holder'],
        councilId,
        personId: demoPersonIds.holder,
        description:
          'Jean, 78, lives alone in Ripon and uses her personal budget for morning care and a lunch club.',
      },
      {
        userId: demoUserIds.holder2,
        name: 'Daniel Okafor',
        roles: ['holder'],
        councilId,
        personId: demoPersonIds.holder2,
        description:
          'Daniel, 24, shares a flat in Harrogate; his budget pays for a personal assistant and an art group.',
      },
      {
        userId: demoUserIds.representative,
        name: 'Helen Metcalfe',
        roles: ['representative'],
        councilId,
        description:
          'Helen looks after the personal budget of her dad, Frank, who has dementia and lives in Thirsk.',
      },
      {
        userId: demoUserIds.provider,
        name: 'Asha Patel',
        roles: ['provider'],
        description:
          'Runs Kindlewood Home Help, a micro-enterprise in Knaresborough, and a lunch club still waiting for council checks.',
      },
      {
        userId: demoUserIds.personalAssistant,
        name: 'Kasia Nowak',
        roles: ['provider'],
        description: 'A self-employed personal assistant in Ripon who also runs a small gardening business.',
      },
      {
        userId: demoUserIds.broker,
        name: 'Gareth Hughes',
        roles: ['broker'],
        description:
          'An independent support broker at Beckside Support Planning, open about his fee and his links.',
      },
      {
        userId: demoUserIds.careManager,
        name: 'Priya Shah',
        roles: ['care_manager'],
        councilId,
        description:
          'A care manager at North Dales Council: checks providers and agrees budgets and support plans.',
      },
      {
        userId: demoUserIds.careManager2,
        name: 'Sam Kirkby',
        roles: ['care_manager'],
        councilId,
        description:
          "Priya's colleague at North Dales Council: approves the plans Priya drafts, as nobody approves their own.",
      },
      {
        userId: demoUserIds.finance,
        name: 'Tom Whitaker',
        roles: ['finance'],
        councilId,
        description:
          'A finance officer at North Dales Council: pays money into accounts and checks the ledger.',
      },
      {
        userId: demoUserIds.auditor,
        name: 'Margaret Ellis',
        roles: ['auditor'],
        councilId,
        description: 'An auditor for North Dales Council: can see everything, and change nothing.',
      },
      {
        userId: demoUserIds.councilAdmin,
        name: 'Nadia Brooks',
        roles: ['council_admin'],
        councilId,
        description:
          "Runs North Dales Council's accounts on Carepool: invites and removes staff, sets the council's settings.",
      },
      {
        userId: demoUserIds.wvHolder,
        name: 'Ruth Dobson',
        roles: ['holder'],
        councilId: wv,
        personId: demoPersonIds.wvHolder,
        description:
          'Ruth, 71, lives in Malton and is getting back on her feet after a stroke; her Wolds and Vale budget pays for a PA, a stroke club and transport.',
      },
      {
        userId: demoUserIds.wvCareManager,
        name: 'Callum Reid',
        roles: ['care_manager'],
        councilId: wv,
        description:
          'A care manager at Wolds and Vale Council, next door to North Dales: agrees budgets and plans in York, Ryedale and the Wolds.',
      },
      {
        userId: demoUserIds.wvCareManager2,
        name: 'Aisha Rahman',
        roles: ['care_manager'],
        councilId: wv,
        description:
          'Another care manager at Wolds and Vale Council: decides the plans her colleague Callum drafts, and the other way round.',
      },
      {
        userId: demoUserIds.wvFinance,
        name: 'Gemma Thornton',
        roles: ['finance'],
        councilId: wv,
        description:
          "A finance officer at Wolds and Vale Council: pays money into its holders' accounts and checks its ledger.",
      },
      {
        userId: demoUserIds.wvAuditor,
        name: 'Peter Lund',
        roles: ['auditor'],
        councilId: wv,
        description:
          'An auditor for Wolds and Vale Council: sees everything in his council, changes nothing, and sees nothing of North Dales.',
      },
      {
        userId: demoUserIds.wvCouncilAdmin,
        name: 'Linda Moss',
        roles: ['council_admin'],
        councilId: wv,
        description:
          "Runs Wolds and Vale Council's accounts on Carepool: invites and removes its staff, sets its settings.",
      },
      {
        userId: demoUserIds.platformAdmin,
        name: 'Olive Grant',
        roles: ['platform_admin'],
        description:
          "Operates this Carepool deployment: adds councils and invites each one's first administrator. Sees no budgets.",
      },
    ];
    demo.forEach((user, index) => {
      this.users.push({ ...user, demoOrder: index + 1 });
    });
  }

  private archetypeOf(kind: Archetype['kind']): Archetype {
    return this.rng.weighted(archetypes.filter((a) => a.kind === kind).map((a) => [a, a.weight] as const));
  }

  private offers(archetype: Archetype): ListingTemplate[] {
    return archetype.offers.map((key) => templates[key]);
  }

  /** Two random choices, keeping the rarer category: spreads listings evenly across categories. */
  private chooseTemplate(archetype: Archetype): ListingTemplate {
    const offers = this.offers(archetype);
    const a = this.rng.pick(offers);
    const b = this.rng.pick(offers);
    return this.count(a.category) <= this.count(b.category) ? a : b;
  }

  private count(category: Category): number {
    return this.categoryCounts.get(category) ?? 0;
  }

  private topUpCouncil(): void {
    const generated = this.drafts.filter((d) => !d.fixed);
    for (const category of categoryCodes) {
      const offering = generated.filter((d) =>
        d.archetype.offers.some((k) => templates[k].category === category),
      );
      while (this.count(category) < councilCategoryMinimum && offering.length > 0) {
        const draft = this.rng.pick(offering);
        const choices = this.offers(draft.archetype).filter((t) => t.category === category);
        this.addListing(draft, this.rng.pick(choices));
      }
    }
    while (this.listings.length < councilListingTarget) {
      const draft = this.rng.pick(generated);
      this.addListing(draft, this.chooseTemplate(draft.archetype));
    }
  }

  private person(culture?: NameCulture): { first: string; last: string; culture: NameCulture } {
    const chosen = culture ?? this.rng.weighted(cultures.map((c) => [c, c.weight] as const));
    return {
      first: this.rng.pick(chosen.firstNames),
      last: this.rng.pick(chosen.lastNames),
      culture: chosen,
    };
  }

  private nameFor(spec: ProviderSpec, person: { first: string; last: string }, councilArea: boolean): string {
    if (spec.name) return spec.name;
    const fill = () =>
      this.rng
        .pick(spec.archetype.names)
        .replace('{warm}', this.rng.pick(warmWords))
        .replace('{colour}', this.rng.pick(colours))
        .replace('{first}', person.first)
        .replace('{last}', person.last);
    if (!councilArea)
      return spec.archetype.kind === 'personal_assistant'
        ? fill()
        : `${fill()} ${spec.place.town.replace(/^the /, '')}`;
    for (let attempt = 0; attempt < 8; attempt++) {
      const name = fill();
      if (!this.usedNames.has(name)) return name;
    }
    return `${fill()} (${spec.place.town})`;
  }

  private addProvider(spec: ProviderSpec, councilArea: boolean): Draft {
    const rng = this.rng;
    const number = this.drafts.length + 1;
    const providerId = `prv_demo_${String(number).padStart(4, '0')}`;
    const { archetype, place } = spec;
    const person = spec.person ?? this.person();
    const name = this.nameFor(spec, person, councilArea).slice(0, 120);
    this.usedNames.add(name);

    let ownerUserId = spec.ownerUserId;
    if (!ownerUserId) {
      ownerUserId = `usr_prv_${String(number).padStart(4, '0')}`;
      const owner = archetype.kind === 'personal_assistant' ? person : this.person();
      this.users.push({
        userId: ownerUserId,
        name: `${owner.first} ${owner.last}`,
        roles: [archetype.kind === 'broker' ? 'broker' : 'provider'],
      });
    }

    const status: ProviderStatus =
      spec.status ??
      rng.weighted<ProviderStatus>([
        ['verified', 85],
        ['pending', 11],
        ['suspended', 4],
      ]);
    const suspension = status === 'suspended' ? rng.pick(suspensionReasons) : undefined;
    const statusReason = suspension ?? (status === 'verified' ? rng.pick(verificationReasons) : undefined);

    const slug = name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60);
    const handle = `${slug}-${String(number).padStart(4, '0')}`;
    const domain = rng.chance(0.6) ? 'example.org' : 'example.com';
    const mobile =
      archetype.kind === 'personal_assistant' || (archetype.kind === 'micro_enterprise' && rng.chance(0.4));
    const phone = mobile
      ? `07700 900${String(rng.int(0, 999)).padStart(3, '0')}`
      : place.dialling
        ? `${place.dialling} 5${String(rng.int(0, 99_999)).padStart(5, '0')}`
        : `01632 960${String(rng.int(0, 999)).padStart(3, '0')}`;

    const workers =
      spec.workers ??
      (archetype.kind === 'personal_assistant'
        ? rng.chance(0.7)
          ? 1
          : undefined
        : archetype.workers
          ? rng.int(archetype.workers[0], archetype.workers[1])
          : undefined);

    const oneOrTwo = archetype.kind === 'personal_assistant' || archetype.kind === 'micro_enterprise';
    const language = oneOrTwo || rng.chance(0.3) ? person.culture.language : undefined;
    const about = rng.sample(archetype.about, rng.int(2, Math.min(4, archetype.about.length)));
    if (archetype.kind === 'personal_assistant') about.unshift(`Hello, I'm ${person.first}.`);
    if (language && rng.chance(0.6)) {
      about.push(
        oneOrTwo
          ? `I also speak ${languageName(language)}.`
          : `Some of our team speak ${languageName(language)}.`,
      );
    }

    const record: ProviderRecord = {
      providerId,
      ownerUserId,
      kind: archetype.kind,
      name,
      description: about.join(' ').replaceAll('{place}', place.town),
      ...(workers === undefined ? {} : { workers }),
      serviceArea: {
        postcode: this.postcodeIn(place.outcode),
        radiusKm: rng.int(archetype.radiusKm[0], archetype.radiusKm[1]),
      },
      contact: {
        email: `${handle}@${domain}`,
        phone,
        ...(rng.chance(archetype.website) ? { website: `https://www.${domain}/${handle}` } : {}),
      },
      evidence: this.evidence(archetype, suspension),
      regulatedPersonalCare: archetype.regulatedPersonalCare ?? false,
      categories: [],
      ...(archetype.kind === 'broker' ? { broker: spec.broker ?? this.brokerFee() } : {}),
      status,
      ...(statusReason === undefined ? {} : { statusReason }),
      outcode: place.outcode,
      latitude: place.latitude,
      longitude: place.longitude,
      createdAt: this.nowIso,
      updatedAt: this.nowIso,
      version: 1,
    };
    const draft: Draft = {
      record,
      archetype,
      place,
      language,
      councilArea,
      fixed: spec.fixed ?? false,
      categories: new Set(),
    };
    this.drafts.push(draft);
    return draft;
  }

  private evidence(archetype: Archetype, suspension: string | undefined): Evidence {
    const rng = this.rng;
    const level = rng.weighted(archetype.dbs);
    const insured = rng.chance(archetype.insured) || suspension?.includes('insurance') === true;
    const lapsed = suspension?.includes('insurance') === true;
    return {
      ...(archetype.regulatedPersonalCare
        ? { cqcRegistrationId: `1-${rng.int(100_000_000, 999_999_999)}` }
        : {}),
      dbsCheck: level === 'none' ? { level } : { level, checkedOn: this.day(-rng.int(30, 1000)) },
      ...(insured
        ? {
            publicLiabilityInsurance: {
              insurer: rng.pick(insurers),
              coverPence: rng.pick([1, 2, 5, 5, 5, 10]) * 100_000_000,
              expiresOn: this.day(lapsed ? -rng.int(5, 60) : rng.int(20, 360)),
            },
          }
        : {}),
      ...(rng.chance(archetype.safeguarding) ? { safeguardingTrainingOn: this.day(-rng.int(20, 900)) } : {}),
    };
  }

  private brokerFee(): BrokerDisclosure {
    const rng = this.rng;
    const fee: BrokerDisclosure['fee'] = rng.chance(0.5)
      ? { kind: 'percent', basisPoints: rng.pick([250, 300, 500, 600, 750, 800, 1000, 1200]) }
      : rng.weighted<BrokerDisclosure['fee']>([
          [{ kind: 'fixed', amountPence: rng.int(25, 45) * 100, per: 'hour' }, 2],
          [{ kind: 'fixed', amountPence: rng.int(50, 120) * 500, per: 'plan' }, 2],
          [{ kind: 'fixed', amountPence: rng.int(30, 90) * 1000, per: 'year' }, 1],
        ]);
    return { fee, interests: [] };
  }

  /** A listing from the template; at `venue`, if given, it meets there whatever the template says. */
  private addListing(draft: Draft, template: ListingTemplate, venue?: Place): void {
    const rng = this.rng;
    const provider = draft.record;
    const number = this.listings.length + 1;
    const listingId = `lst_demo_${String(number).padStart(5, '0')}`;
    const mode = venue ? 'venue' : rng.weighted(template.where);

    let location: Place = venue ?? draft.place;
    let where: Where;
    if (mode === 'venue') {
      const ownPremises =
        provider.kind === 'mainstream_business' || (provider.kind === 'organisation' && rng.chance(0.7));
      if (draft.councilArea && !ownPremises && !venue && rng.chance(0.35))
        location = rng.pick(this.councilPlaces);
      const venueName =
        ownPremises && location === draft.place
          ? provider.name
          : rng.pick(venueNames).replace('{place}', location.town).replace('{warm}', rng.pick(warmWords));
      where = {
        mode: 'venue',
        postcode: this.postcodeIn(location.outcode),
        venueName: venueName.slice(0, 120),
      };
    } else {
      where = { mode };
    }

    const [low, high] = template.pounds;
    const pricePence = Math.max(template.step, roundTo(rng.int(low * 100, high * 100), template.step));
    let capacity = rng.int(template.capacity[0], template.capacity[1]);
    const groupTiers =
      template.groupChance !== undefined && rng.chance(template.groupChance)
        ? this.tiers(pricePence, template.step)
        : [];
    const largest = groupTiers.at(-1);
    if (largest) capacity = Math.max(capacity, largest.minParticipants + rng.int(0, 6));
    const councilRatePence = rng.chance(0.3) ? this.councilRate(pricePence, template.step) : undefined;

    let title = rng.pick(template.titles);
    if (mode === 'venue' && rng.chance(0.3)) title = `${title} in ${location.town}`;
    const sentences = rng.sample(template.about, 2);
    sentences.push(
      where.mode === 'at_home'
        ? `We come to you at home, anywhere within ${provider.serviceArea.radiusKm} km of ${draft.place.town}.`
        : where.mode === 'venue'
          ? `At ${where.venueName}, ${where.postcode}.`
          : 'By video call or phone, so you can take part from home.',
    );
    const firstTier = groupTiers[0];
    if (firstTier)
      sentences.push(
        `Coming as a group? The price per person drops from ${firstTier.minParticipants} people.`,
      );

    const listing: ListingRecord = {
      listingId,
      providerId: provider.providerId,
      providerName: provider.name,
      providerKind: provider.kind,
      providerStatus: provider.status,
      title: title.slice(0, 120),
      description: sentences.join(' '),
      category: template.category,
      pricePence,
      priceUnit: template.unit,
      groupTiers,
      capacity,
      where,
      availability: this.availability(template.schedule),
      accessibility: this.accessibility(template, mode),
      languages: this.languages(draft),
      ...(councilRatePence === undefined ? {} : { councilRatePence }),
      status: rng.chance(0.03) ? 'withdrawn' : 'active',
      outcode: location.outcode,
      latitude: location.latitude,
      longitude: location.longitude,
      serviceRadiusKm: provider.serviceArea.radiusKm,
      createdAt: this.nowIso,
      updatedAt: this.nowIso,
      version: 1,
    };
    this.listings.push(listing);
    this.categoryCounts.set(template.category, this.count(template.category) + 1);
    draft.categories.add(template.category);
  }

  /** Each larger group pays less per person; the first tier is already a little under the single price. */
  private tiers(pricePence: number, step: number): GroupTier[] {
    const rng = this.rng;
    const sizes = rng.pick([
      [2, 4],
      [3, 6],
      [3, 6, 10],
      [4, 8],
      [4, 8, 12],
      [5, 10, 15],
      [2, 5, 8],
    ]);
    const tiers: GroupTier[] = [];
    let previous = pricePence;
    for (const minParticipants of sizes) {
      const factor = tiers.length === 0 ? 0.8 + rng.next() * 0.15 : 0.78 + rng.next() * 0.14;
      const price = Math.min(
        previous - (tiers.length === 0 ? 0 : step),
        Math.floor((previous * factor) / step) * step,
      );
      if (price <= 0) break;
      tiers.push({ minParticipants, pricePerPersonPence: price });
      previous = price;
    }
    return tiers;
  }

  private councilRate(pricePence: number, step: number): number {
    const rng = this.rng;
    const relation = rng.weighted([
      ['same', 4],
      ['council_pays_more', 3],
      ['council_pays_less', 3],
    ] as const);
    if (relation === 'same') return pricePence;
    if (relation === 'council_pays_more') {
      return Math.max(pricePence + step, roundTo(pricePence * (1.03 + rng.next() * 0.15), step));
    }
    const lower = Math.min(pricePence - step, roundTo(pricePence * (0.82 + rng.next() * 0.15), step));
    return lower > 0 ? lower : pricePence;
  }

  private availability(schedule: Schedule): Slot[] {
    const rng = this.rng;
    const slots: Slot[] = [];
    const add = (day: Weekday, from: number, to: number) =>
      slots.push({ day, from: clock(from), to: clock(to) });
    const weekdaysOnly = weekdays.slice(0, 5);
    switch (schedule) {
      case 'care': {
        const days = rng.chance(0.8) ? weekdays : weekdaysOnly;
        const start = rng.pick([390, 420, 450]);
        const end = rng.pick([1260, 1290, 1320]);
        for (const day of days) {
          add(day, start, 630);
          if (rng.chance(0.5)) add(day, 720, 840);
          add(day, 990, end);
        }
        break;
      }
      case 'office': {
        const start = rng.pick([510, 540, 570]);
        const end = rng.pick([990, 1020, 1050]);
        for (const day of weekdaysOnly) add(day, start, end);
        if (rng.chance(0.25)) add('sat', 600, 780);
        break;
      }
      case 'class': {
        const days = rng.sample(weekdays.slice(0, 6), rng.int(1, 2));
        const start = rng.pick([600, 630, 810, 840, 1110, 1140]);
        const length = rng.pick([60, 90, 120]);
        for (const day of sortDays(days)) add(day, start, start + length);
        break;
      }
      case 'open': {
        for (const day of weekdaysOnly) add(day, rng.pick([360, 390, 420]), rng.pick([1260, 1290, 1320]));
        add('sat', 480, 1080);
        add('sun', 480, rng.pick([960, 1020, 1080]));
        break;
      }
      case 'flexible': {
        const days = sortDays(rng.sample(weekdays, rng.int(3, 6)));
        for (const day of days) add(day, rng.int(16, 20) * 30, rng.int(28, 38) * 30);
        break;
      }
      case 'evening': {
        for (const day of sortDays(rng.sample(weekdays, rng.int(2, 4)))) add(day, 1080, 1320);
        break;
      }
      case 'daytime': {
        const days = rng.chance(0.7) ? weekdaysOnly : sortDays(rng.sample(weekdaysOnly, rng.int(2, 4)));
        for (const day of days) add(day, rng.pick([540, 570, 600]), rng.pick([900, 930, 960]));
        break;
      }
      case 'always': {
        for (const day of weekdays) add(day, 0, 1439);
        break;
      }
      case 'weekend': {
        add('fri', 900, 1439);
        add('sat', 0, 1439);
        add('sun', 0, rng.pick([960, 1020]));
        break;
      }
    }
    return slots;
  }

  private accessibility(
    template: ListingTemplate,
    mode: 'at_home' | 'venue' | 'online',
  ): AccessibilityFeature[] {
    const rng = this.rng;
    const pool = template.accessibility ?? accessibilityFor[mode];
    const howMany = mode === 'venue' ? rng.int(1, 5) : rng.int(0, 2);
    return rng
      .sample(pool, howMany)
      .sort((a, b) => (accessibilityOrder.get(a) ?? 0) - (accessibilityOrder.get(b) ?? 0));
  }

  private languages(draft: Draft): string[] {
    const rng = this.rng;
    const languages = ['en'];
    const add = (language: string) => {
      if (!languages.includes(language)) languages.push(language);
    };
    if (draft.language && rng.chance(0.75)) add(draft.language);
    if (welshAreas.has(draft.place.outcode.replace(/[0-9].*$/, '')) && rng.chance(0.5)) add('cy');
    if (rng.chance(0.04)) add(rng.pick(otherLanguages));
    return languages;
  }

  private setCategories(draft: Draft): void {
    draft.record = { ...draft.record, categories: categoryCodes.filter((c) => draft.categories.has(c)) };
  }

  /** A full postcode in the district: real outward code, plausible inward code. */
  private postcodeIn(outcode: string): string {
    const rng = this.rng;
    return `${outcode} ${rng.int(1, 9)}${rng.pick(inwardLetters)}${rng.pick(inwardLetters)}`;
  }

  private day(offsetDays: number): string {
    return new Date(this.now.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
  }
}

function roundTo(value: number, step: number): number {
  return Math.round(value / step) * step;
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function sortDays(days: Weekday[]): Weekday[] {
  return [...days].sort((a, b) => weekdays.indexOf(a) - weekdays.indexOf(b));
}

function languageName(code: string): string {
  const names: Record<string, string> = {
    cy: 'Welsh',
    pl: 'Polish',
    ur: 'Urdu',
    pa: 'Punjabi',
    bn: 'Bengali',
  };
  return names[code] ?? code;
}
