import {
  type AuditEntityType,
  type AuditEvent,
  type AuditRecord,
  type Budget,
  type Category,
  type DelegateScope,
  DelegationRecord,
  type Deployment,
  type FundingSource,
  type FundingSourceKind,
  nextAuditRecord,
  PersonRecord,
  type PlanContent,
  type PlanLine,
  type PlanLineInput,
  type PlanPeriod,
  PlanRecord,
  periodsPerYear,
  planProblems,
  type Role,
  UserRecord,
} from '@carepool/domain';
import type { DemoCouncilSpec } from './councils.ts';
import { demoPersonIds, demoUserIds } from './demo-ids.ts';
import {
  achievements,
  contingencyNote,
  dailyCareNotes,
  type Gender,
  type Generation,
  type HolderCulture,
  holderCultures,
  lineNotes,
  type Profile,
  referralReasons,
  relationships,
  sameFamilyName,
  whatMatters,
} from './people-catalogue.ts';
import { Random } from './random.ts';

export const demoPlanYearStart = '2026-04-01';
export const demoPlanYearEnd = '2027-03-31';

export interface PeoplePlace {
  outcode: string;
  town: string;
  weight: number;
}

export interface PeopleContext {
  seed: number;
  now: Date;
  /** Whose people: how many, their care managers and the ids their records are given. */
  council: DemoCouncilSpec;
  places: readonly PeoplePlace[];
  /** Every user so far, to give audit records their actors' roles. */
  users: readonly UserRecord[];
  /** The council's other verified brokers (they all publish a fee), as their owners. */
  brokers: ReadonlyArray<{ userId: string; name: string }>;
}

export interface PeopleData {
  people: PersonRecord[];
  plans: PlanRecord[];
  delegations: DelegationRecord[];
  /** New users: representatives and the demo care manager's colleagues. */
  users: UserRecord[];
  audit: AuditRecord[];
}

const allScopes: DelegateScope[] = [
  'plan:read',
  'plan:write',
  'order:create',
  'order:confirm',
  'account:read',
  'group:join',
];
const brokerScopes: DelegateScope[] = ['plan:read', 'plan:write'];

/** Ages of adults with social care budgets: mostly older people, a good third of working age. */
const ageBands: ReadonlyArray<readonly [readonly [number, number], number]> = [
  [[18, 24], 8],
  [[25, 40], 11],
  [[41, 64], 17],
  [[65, 79], 25],
  [[80, 89], 28],
  [[90, 98], 11],
];

/** How a plan line of each kind is usually capped, and how much of the budget it tends to take. */
const lineShape: Record<Category, { periods: ReadonlyArray<readonly [PlanPeriod, number]>; weight: number }> =
  {
    personal_care: { periods: [['week', 1]], weight: 10 },
    pa_support: { periods: [['week', 1]], weight: 10 },
    day_and_community: { periods: [['week', 1]], weight: 4 },
    household_help: {
      periods: [
        ['week', 4],
        ['month', 1],
      ],
      weight: 3,
    },
    learning_and_work: {
      periods: [
        ['week', 2],
        ['month', 1],
      ],
      weight: 3,
    },
    short_breaks: { periods: [['year', 1]], weight: 4 },
    transport: { periods: [['month', 1]], weight: 1.5 },
    equipment_and_technology: { periods: [['year', 1]], weight: 1 },
    advice_and_brokerage: { periods: [['year', 1]], weight: 1 },
    health_and_therapy: { periods: [['month', 1]], weight: 3 },
  };

/** The first line of a plan (the main support), then the others that often go with it. */
const profileLines: Record<
  Profile,
  {
    primary: ReadonlyArray<readonly [Category, number]>;
    others: ReadonlyArray<readonly [Category, number]>;
  }
> = {
  older: {
    primary: [
      ['personal_care', 7],
      ['household_help', 2],
      ['day_and_community', 2],
    ],
    others: [
      ['day_and_community', 4],
      ['household_help', 3],
      ['transport', 2],
      ['short_breaks', 2],
      ['equipment_and_technology', 2],
      ['personal_care', 2],
    ],
  },
  middle: {
    primary: [
      ['pa_support', 4],
      ['personal_care', 3],
      ['day_and_community', 1],
      ['household_help', 1],
    ],
    others: [
      ['day_and_community', 4],
      ['transport', 2],
      ['equipment_and_technology', 2],
      ['household_help', 2],
      ['learning_and_work', 1],
      ['personal_care', 1],
      ['pa_support', 1],
    ],
  },
  younger: {
    primary: [
      ['pa_support', 5],
      ['day_and_community', 3],
      ['short_breaks', 1],
    ],
    others: [
      ['day_and_community', 4],
      ['learning_and_work', 3],
      ['transport', 2],
      ['short_breaks', 3],
      ['pa_support', 1],
      ['household_help', 1],
    ],
  },
};

/** What a person's plans look like by the demo's "now". */
type PlanState =
  | 'none'
  | 'approved'
  /** Version 1 superseded by an approved version 2. */
  | 'revised'
  /** An approved version 1 and a submitted revision awaiting approval. */
  | 'revision_submitted'
  | 'submitted'
  | 'draft'
  | 'referred';
const planStates: ReadonlyArray<readonly [PlanState, number]> = [
  ['approved', 75],
  ['revised', 7],
  ['revision_submitted', 3],
  ['submitted', 5],
  ['draft', 2],
  ['referred', 1.5],
  ['none', 6.5],
];
/** People with a representative or broker revise their plans more often: someone is on the case. */
const delegatedPlanStates: ReadonlyArray<readonly [PlanState, number]> = [
  ['approved', 68],
  ['revised', 7],
  ['revision_submitted', 7],
  ['submitted', 9],
  ['draft', 2],
  ['referred', 1.5],
  ['none', 5.5],
];

const inwardLetters = [...'ABDEFGHJLNPQRSTUWXYZ'];
const day = 86_400_000;

interface Delegate {
  userId: string;
  name: string;
  relationship: string;
  kind: 'representative' | 'broker';
}

interface Holder {
  person: PersonRecord;
  town: string;
  profile: Profile;
  gender: Gender;
  /** Who writes their plans: an active delegate, or one of the council's care managers. */
  author: { userId: string; name: string; relationship: string };
  delegates: Delegate[];
}

/** What a plan says; every demo plan covers the plan year. */
type Content = Omit<PlanContent, 'startDate' | 'endDate'>;

/** One step in a plan's life, newest last. */
interface Step {
  action: 'submitted' | 'approved' | 'referred' | 'superseded';
  by: string;
  at: Date;
  reason?: string;
}

/**
 * Builds a council's budget holders, their support plans, delegations and first audit records.
 * Uses its own random stream (from the same seed and the council), so adding people changes none
 * of the providers or listings, one council's people never change another's, and the national
 * dataset never changes the people.
 */
export function generatePeople(context: PeopleContext): PeopleData {
  return new PeopleGenerator(context).generate();
}

class PeopleGenerator {
  private readonly rng: Random;
  private readonly now: Date;
  private readonly people: PersonRecord[] = [];
  private readonly plans: PlanRecord[] = [];
  private readonly delegations: DelegationRecord[] = [];
  private readonly users: UserRecord[] = [];
  private readonly audit: AuditRecord[] = [];
  private readonly roles = new Map<string, Role[]>();
  private readonly usedNames = new Set<string>();
  private readonly places: ReadonlyArray<readonly [PeoplePlace, number]>;
  private readonly council: DemoCouncilSpec;
  /** Registers the council's people and decides their plans. */
  private readonly careManager: string;

  constructor(private readonly context: PeopleContext) {
    this.council = context.council;
    this.careManager = context.council.careManager;
    this.rng = new Random((context.seed ^ 0x5eed_1e5 ^ context.council.stream) >>> 0);
    this.now = context.now;
    this.places = context.places.map((p) => [p, p.weight] as const);
    for (const user of context.users) this.roles.set(user.userId, user.roles);
    for (const colleague of this.council.colleagues) {
      this.addUser({ ...colleague, roles: ['care_manager'], councilId: this.council.councilId });
    }
  }

  generate(): PeopleData {
    if (this.council.councilId === 'north-dales') this.addDemoPeople();
    else this.addWoldsAndValePeople();
    const rng = this.rng;
    const count = this.council.people;
    const others = count - this.people.length;
    const deployments = this.deployments(others);
    const numbers = rng.shuffle(Array.from({ length: others }, (_, i) => i + this.people.length + 1));
    // A few people each: the demo broker's clients, other brokers' clients, a representative who
    // was removed, and one whose time-limited access has run out.
    const demoBrokerFor = new Set(numbers.slice(0, 5));
    const otherBrokerFor = new Set(this.context.brokers.length > 0 ? numbers.slice(5, 17) : []);
    const revokedFor = new Set(numbers.slice(17, 21));
    const expiredFor = new Set(numbers.slice(21, 22));
    const firstNumber = this.people.length + 1;
    for (let number = firstNumber; number <= count; number++) {
      this.addPerson(number, deployments[number - firstNumber] ?? 'managed_account', {
        demoBroker: demoBrokerFor.has(number),
        otherBroker: otherBrokerFor.has(number),
        revoked: revokedFor.has(number),
        expired: expiredFor.has(number),
        // The demo broker has drafted one client's revision, waiting for the demo care manager.
        ...(number === numbers[0] ? { state: 'revision_submitted' as const } : {}),
      });
    }
    return this.finish();
  }

  /** Exact shares, shuffled: about half managed accounts, a third mixed, a sixth direct payments. */
  private deployments(count: number): Deployment[] {
    const councilManaged = 14;
    const serviceFund = 10;
    const direct = Math.round(count / 6);
    const mixed = Math.round(count / 3);
    const managed = count - councilManaged - serviceFund - direct - mixed;
    const all: Deployment[] = [
      ...Array<Deployment>(managed).fill('managed_account'),
      ...Array<Deployment>(mixed).fill('mixed'),
      ...Array<Deployment>(direct).fill('direct_payment'),
      ...Array<Deployment>(councilManaged).fill('council_managed'),
      ...Array<Deployment>(serviceFund).fill('individual_service_fund'),
    ];
    return this.rng.shuffle(all);
  }

  private finish(): PeopleData {
    const budgets = new Map(this.people.map((p) => [p.personId, p.budget]));
    const plans = this.plans.map((plan) => {
      const parsed = PlanRecord.parse(plan);
      const budget = budgets.get(parsed.personId);
      if (!budget || planProblems(parsed, budget).length > 0)
        throw new Error(`Demo plan ${parsed.planId} does not fit its budget`);
      return parsed;
    });
    const people = this.people.map((person) => {
      const parsed = PersonRecord.parse(person);
      const budget = parsed.budget;
      if (
        budget &&
        budget.fundingSources.reduce((sum, s) => sum + s.amountPence, 0) !== budget.allocationPence
      )
        throw new Error(`Demo person ${parsed.personId}'s funding sources do not add up`);
      return parsed;
    });
    return {
      people,
      plans,
      delegations: this.delegations.map((d) => DelegationRecord.parse(d)),
      users: this.users.map((u) => UserRecord.parse(u)),
      audit: this.audit,
    };
  }

  private addUser(user: UserRecord): void {
    this.users.push(user);
    this.roles.set(user.userId, user.roles);
  }

  // ---------------------------------------------------------------- the demo users' own people

  private addDemoPeople(): void {
    const careManager = this.careManager;

    const jean = this.register({
      personId: demoPersonIds.holder,
      name: 'Jean Barker',
      dateOfBirth: '1948-05-14',
      postcode: 'HG4 2RF',
      registeredAt: new Date('2024-09-12T10:20:00Z'),
      budget: {
        allocationPence: 240 * 5200,
        fundingSources: [{ source: 'council_social_care', amountPence: 240 * 5200 }],
        deployment: 'managed_account',
        planYearStart: demoPlanYearStart,
      },
    });
    this.addPlan(jean, {
      createdBy: demoUserIds.holder,
      createdAt: new Date('2026-03-02T10:15:00Z'),
      content: {
        outcomes: {
          whatMatters:
            'Staying in my own home in Ripon, near my friends from church, and keeping my garden nice.',
          whatIWantToAchieve: [
            'I want to be up, washed and dressed by nine every morning.',
            'I want to get to the lunch club on Tuesdays and Thursdays.',
            'I want help keeping the house clean now my hands are stiff.',
          ],
        },
        helpedBy: [{ name: 'Priya Shah', relationship: 'Care manager' }],
        lines: [
          line(
            'personal_care',
            16_800,
            'week',
            'Morning call to help me get up, washed and dressed, every day',
          ),
          line('day_and_community', 2_000, 'week', 'Lunch club on Tuesdays and Thursdays'),
          line('household_help', 2_500, 'week', 'Cleaning and a big shop once a week'),
          line('transport', 4_000, 'month', "Taxis to the lunch club and the doctor's"),
        ],
      },
      steps: [
        { action: 'submitted', by: demoUserIds.holder, at: new Date('2026-03-02T10:40:00Z') },
        { action: 'approved', by: careManager, at: new Date('2026-03-09T14:05:00Z') },
      ],
    });

    const daniel = this.register({
      personId: demoPersonIds.holder2,
      name: 'Daniel Okafor',
      dateOfBirth: '2002-03-09',
      postcode: 'HG1 5LP',
      registeredAt: new Date('2020-07-01T11:00:00Z'),
      budget: {
        allocationPence: 380 * 5200,
        fundingSources: [
          { source: 'council_social_care', amountPence: 350 * 5200 },
          {
            source: 'nhs_personal_health_budget',
            amountPence: 30 * 5200,
            restrictedToCategories: ['health_and_therapy'],
          },
        ],
        deployment: 'mixed',
        planYearStart: demoPlanYearStart,
      },
    });
    this.delegate(daniel, {
      userId: demoUserIds.broker,
      kind: 'broker',
      name: 'Gareth Hughes',
      relationship: 'Support broker',
      scopes: brokerScopes,
      grantedBy: demoUserIds.holder2,
      grantedAt: new Date('2025-11-10T15:30:00Z'),
    });
    const danielLines = [
      {
        ...line(
          'pa_support',
          21_600,
          'week',
          'About 14 hours a week with Kasia, my PA',
          'council_social_care',
        ),
        allowedProviderIds: ['prv_demo_0003'],
      },
      line(
        'day_and_community',
        3_000,
        'week',
        'Art group on Wednesdays, and materials',
        'council_social_care',
      ),
      line('transport', 6_000, 'month', 'Taxis home in the evenings', 'council_social_care'),
      line(
        'health_and_therapy',
        13_000,
        'month',
        'Physiotherapy, every other week',
        'nhs_personal_health_budget',
      ),
    ];
    const danielOutcomes = {
      whatMatters: 'Having my own place and my own friends, and doing the things people my age do.',
      whatIWantToAchieve: [
        'I want my PA to help me get to the shops and the gym.',
        'I want to keep going to the art group on Wednesdays.',
        'I want to walk further without pain.',
      ],
    };
    const danielFirst = this.addPlan(daniel, {
      createdBy: demoUserIds.holder2,
      createdAt: new Date('2026-02-16T13:00:00Z'),
      content: {
        outcomes: danielOutcomes,
        helpedBy: [{ name: 'Gareth Hughes', relationship: 'Support broker' }],
        lines: danielLines,
      },
      steps: [
        { action: 'submitted', by: demoUserIds.holder2, at: new Date('2026-02-17T09:30:00Z') },
        { action: 'approved', by: careManager, at: new Date('2026-02-27T11:45:00Z') },
      ],
    });
    // A revision waiting for the demo care manager: Daniel wants to start a college course.
    this.addPlan(daniel, {
      createdBy: demoUserIds.holder2,
      createdAt: new Date('2026-10-27T16:20:00Z'),
      revisionOf: danielFirst.planId,
      content: {
        outcomes: {
          ...danielOutcomes,
          whatIWantToAchieve: [
            ...danielOutcomes.whatIWantToAchieve,
            'I want to start a pottery course at college in January.',
          ],
        },
        helpedBy: [{ name: 'Gareth Hughes', relationship: 'Support broker' }],
        lines: [
          ...danielLines,
          line(
            'learning_and_work',
            4_500,
            'week',
            'Pottery course at college, from January',
            'council_social_care',
          ),
        ],
      },
      steps: [{ action: 'submitted', by: demoUserIds.holder2, at: new Date('2026-10-28T09:10:00Z') }],
    });

    const frank = this.register({
      personId: demoPersonIds.represented,
      name: 'Frank Metcalfe',
      dateOfBirth: '1940-08-21',
      postcode: 'YO7 1HS',
      registeredAt: new Date('2023-05-18T14:30:00Z'),
      budget: {
        allocationPence: 430 * 5200,
        fundingSources: [
          { source: 'council_social_care', amountPence: 410 * 5200 },
          { source: 'family_contribution', amountPence: 20 * 5200 },
        ],
        deployment: 'managed_account',
        planYearStart: demoPlanYearStart,
      },
    });
    this.delegate(frank, {
      userId: demoUserIds.representative,
      kind: 'representative',
      name: 'Helen Metcalfe',
      relationship: 'Daughter',
      scopes: allScopes,
      grantedBy: careManager,
      grantedAt: new Date('2023-05-25T10:30:00Z'),
    });
    this.addPlan(frank, {
      createdBy: demoUserIds.representative,
      createdAt: new Date('2026-03-05T19:10:00Z'),
      content: {
        outcomes: {
          whatMatters:
            'Staying in my own home in Thirsk with my things around me, and seeing Helen and the grandchildren.',
          whatIWantToAchieve: [
            'I want help getting up and ready for bed so I stay safe at home.',
            'I want to get to the memory café in Thirsk.',
            'I want Helen to have a proper break now and then.',
          ],
        },
        helpedBy: [{ name: 'Helen Metcalfe', relationship: 'Daughter' }],
        lines: [
          line(
            'personal_care',
            25_000,
            'week',
            'Morning and evening calls (about 10 hours a week)',
            'council_social_care',
          ),
          line(
            'day_and_community',
            3_500,
            'week',
            'Memory café and a day centre on Fridays',
            'council_social_care',
          ),
          line(
            'short_breaks',
            250_000,
            'year',
            'Respite stays so Helen can have a break',
            'council_social_care',
          ),
          line(
            'equipment_and_technology',
            40_000,
            'year',
            'Pendant alarm, door sensor and a talking clock',
            'council_social_care',
          ),
          line('household_help', 2_000, 'week', 'Help with the weekly shop', 'family_contribution'),
        ],
      },
      steps: [
        { action: 'submitted', by: demoUserIds.representative, at: new Date('2026-03-05T19:25:00Z') },
        { action: 'approved', by: careManager, at: new Date('2026-03-16T10:00:00Z') },
      ],
    });
  }

  /** Ruth, who signs in herself: Wolds and Vale's named holder. */
  private addWoldsAndValePeople(): void {
    const ruth = this.register({
      personId: demoPersonIds.wvHolder,
      name: 'Ruth Dobson',
      dateOfBirth: '1955-06-02',
      postcode: 'YO17 7LX',
      registeredAt: new Date('2025-02-10T11:15:00Z'),
      budget: {
        allocationPence: 290 * 5200,
        fundingSources: [{ source: 'council_social_care', amountPence: 290 * 5200 }],
        deployment: 'managed_account',
        planYearStart: demoPlanYearStart,
      },
    });
    const outcomes = {
      whatMatters:
        'Getting my confidence back after my stroke, staying in my own house in Malton and getting to the market on Saturdays.',
      whatIWantToAchieve: [
        'I want help in the mornings until my left hand is stronger.',
        'I want to keep going to the stroke club on Wednesdays.',
        'I want to get into town on my own again, a bit at a time.',
      ],
    };
    const lines = [
      line('pa_support', 14_400, 'week', 'About 8 hours a week with a personal assistant, mornings'),
      line('day_and_community', 3_000, 'week', 'Stroke club on Wednesdays, and lunch there'),
      line('transport', 5_000, 'month', 'Community transport to the market and the stroke club'),
      line('health_and_therapy', 6_000, 'month', 'Speech and language therapy, twice a month'),
    ];
    const first = this.addPlan(ruth, {
      createdBy: demoUserIds.wvHolder,
      createdAt: new Date('2026-03-03T14:00:00Z'),
      content: {
        outcomes,
        helpedBy: [{ name: 'Joanne Harland', relationship: 'Care manager' }],
        lines,
      },
      steps: [
        { action: 'submitted', by: demoUserIds.wvHolder, at: new Date('2026-03-03T14:30:00Z') },
        { action: 'approved', by: this.careManager, at: new Date('2026-03-12T10:20:00Z') },
      ],
    });
    // A revision waiting for a Wolds and Vale care manager: Ruth wants to try a gentle exercise class.
    this.addPlan(ruth, {
      createdBy: demoUserIds.wvHolder,
      createdAt: new Date('2026-10-26T15:05:00Z'),
      revisionOf: first.planId,
      content: {
        outcomes: {
          ...outcomes,
          whatIWantToAchieve: [
            ...outcomes.whatIWantToAchieve,
            'I want to try the chair-based exercise class at the leisure centre.',
          ],
        },
        helpedBy: [{ name: 'Joanne Harland', relationship: 'Care manager' }],
        lines: [
          ...lines.slice(0, 3),
          line('health_and_therapy', 8_000, 'month', 'Speech therapy twice a month, and an exercise class'),
        ],
      },
      steps: [{ action: 'submitted', by: demoUserIds.wvHolder, at: new Date('2026-10-27T09:40:00Z') }],
    });
  }

  // ---------------------------------------------------------------- generated people

  private addPerson(
    number: number,
    deployment: Deployment,
    ties: {
      demoBroker: boolean;
      otherBroker: boolean;
      revoked: boolean;
      expired: boolean;
      state?: PlanState;
    },
  ): void {
    const rng = this.rng;
    const [low, high] = rng.weighted(ageBands);
    const age = rng.int(low, high);
    const profile: Profile = age >= 65 ? 'older' : age >= 41 ? 'middle' : 'younger';
    const gender: Gender = rng.chance(age >= 80 ? 0.64 : 0.52) ? 'female' : 'male';
    const culture = rng.weighted(
      holderCultures.map((c) => [c, age >= 65 ? c.olderWeight : c.weight] as const),
    );
    const dateOfBirth = this.birthday(age);
    const name = this.uniqueName(culture, generationOf(Number(dateOfBirth.slice(0, 4))), gender);
    const place = rng.weighted(this.places);
    // Representatives: most often for the oldest people and for young adults, by their families.
    const represented = rng.chance(age >= 80 ? 0.09 : age < 31 ? 0.08 : 0.025);
    const chosen = rng.weighted(
      represented || ties.demoBroker || ties.otherBroker ? delegatedPlanStates : planStates,
    );
    const state = ties.state ?? chosen;
    const longStanding =
      ties.revoked || ties.expired || !(state === 'submitted' || state === 'draft' || state === 'none');
    const registeredAt = longStanding
      ? this.between(new Date('2017-01-09T00:00:00Z'), new Date('2025-11-28T00:00:00Z'))
      : this.between(new Date('2026-05-01T00:00:00Z'), this.daysAgo(45));

    const person = this.register({
      personId: `${this.council.ids.person}${String(number).padStart(4, '0')}`,
      name,
      dateOfBirth,
      postcode: this.postcodeIn(place.outcode),
      registeredAt,
      budget: this.budget(profile, deployment),
    });
    const holder: Holder = {
      person,
      town: place.town,
      profile,
      gender,
      author: { ...rng.pick(this.council.colleagues), relationship: 'Care manager' },
      delegates: [],
    };
    // Delegations follow registration, one after another, so the person's audit trail reads in order.
    let lastGrant = registeredAt.getTime();
    const grantedAt = () => {
      lastGrant += rng.int(1, 10) * day + rng.int(10, 240) * 60_000;
      return new Date(lastGrant);
    };

    if (represented) {
      const rep = this.addRepresentative(holder, culture);
      const scopes = rng.weighted<DelegateScope[]>([
        [allScopes, 6],
        [['plan:read', 'plan:write', 'order:create', 'order:confirm', 'account:read'], 2],
        [['plan:read', 'account:read'], 1],
      ]);
      this.delegate(person, { ...rep, scopes, grantedBy: this.careManager, grantedAt: grantedAt() });
      holder.delegates.push(rep);
      if (scopes.includes('plan:write')) holder.author = rep;
    }
    if (ties.demoBroker || ties.otherBroker) {
      const broker = ties.demoBroker
        ? { userId: demoUserIds.broker, name: 'Gareth Hughes' }
        : rng.pick(this.context.brokers);
      const delegate = { ...broker, kind: 'broker' as const, relationship: 'Support broker' };
      this.delegate(person, {
        ...delegate,
        scopes: brokerScopes,
        grantedBy: this.careManager,
        grantedAt: grantedAt(),
      });
      holder.delegates.push(delegate);
      holder.author = delegate;
    }
    if (ties.revoked) {
      const rep = this.addRepresentative(holder, culture);
      const granted = grantedAt();
      this.delegate(person, {
        ...rep,
        scopes: allScopes,
        grantedBy: this.careManager,
        grantedAt: granted,
        revokedBy: this.careManager,
        revokedAt: new Date(
          Math.min(granted.getTime() + rng.int(60, 600) * day, this.daysAgo(rng.int(5, 30)).getTime()),
        ),
      });
    }
    if (ties.expired) {
      // A neighbour who kept an eye on things for a few months, until their access ran out.
      const rep = this.addRepresentative(holder, culture, [
        'Neighbour',
        rng.pick(['female', 'male']),
        'middle',
      ]);
      const expiresAt = this.daysAgo(rng.int(5, 30));
      lastGrant = Math.max(lastGrant, expiresAt.getTime() - rng.int(60, 180) * day);
      this.delegate(person, {
        ...rep,
        scopes: ['plan:read', 'account:read'],
        grantedBy: this.careManager,
        grantedAt: new Date(lastGrant),
        expiresAt,
      });
    }

    this.addPlans(holder, state);
  }

  /** A representative user (a relative or friend) for this person, with their relationship. */
  private addRepresentative(
    holder: Holder,
    culture: HolderCulture,
    fixed?: readonly [string, Gender, Generation],
  ): Delegate {
    const rng = this.rng;
    const [relationship, gender, generation] =
      fixed ?? rng.weighted(relationships[holder.profile].map((r) => [r, r[3]] as const));
    const familyName = holder.person.name.split(' ').at(-1) ?? '';
    const last = sameFamilyName.has(relationship) && rng.chance(0.8) ? familyName : rng.pick(culture.last);
    const name = `${rng.pick(culture.first[generation][gender])} ${last}`;
    const number = this.users.length - this.council.colleagues.length + 1;
    const userId = `${this.council.ids.representative}${String(number).padStart(4, '0')}`;
    this.addUser({ userId, name, roles: ['representative'], councilId: this.council.councilId });
    return { userId, name, relationship, kind: 'representative' };
  }

  private addPlans(holder: Holder, state: PlanState): void {
    if (state === 'none') return;
    const rng = this.rng;
    const { author } = holder;
    const cm = this.careManager;
    const categories = this.categoriesFor(holder);
    const content = (spend: number) => this.content(holder, categories, spend);
    const at = (from: Date, minDays: number, maxDays: number) =>
      new Date(from.getTime() + rng.int(minDays, maxDays) * day + rng.int(20, 300) * 60_000);
    /** An approved first version, written before the plan year began. */
    const approvedFirst = () => {
      const createdAt = this.between(new Date('2026-01-12T09:00:00Z'), new Date('2026-03-12T09:00:00Z'));
      const submittedAt = at(createdAt, 0, 3);
      return {
        createdAt,
        steps: [
          { action: 'submitted', by: author.userId, at: submittedAt },
          { action: 'approved', by: cm, at: at(submittedAt, 2, 14) },
        ] satisfies Step[],
      };
    };

    if (state === 'submitted' || state === 'draft' || state === 'referred') {
      const createdAt =
        state === 'referred'
          ? this.daysAgo(rng.int(20, 45))
          : this.daysAgo(rng.int(state === 'draft' ? 1 : 2, 28));
      const submittedAt = at(createdAt, 0, 1);
      const steps: Step[] =
        state === 'draft' ? [] : [{ action: 'submitted', by: author.userId, at: submittedAt }];
      if (state === 'referred')
        steps.push({
          action: 'referred',
          by: cm,
          at: at(submittedAt, 3, 10),
          reason: rng.pick(referralReasons),
        });
      this.addPlan(holder.person, {
        createdBy: author.userId,
        createdAt,
        content: content(this.spend()),
        steps,
      });
      return;
    }

    const first = approvedFirst();
    const v1 = this.addPlan(holder.person, {
      createdBy: author.userId,
      createdAt: first.createdAt,
      content: content(this.spend() - 0.1),
      steps: first.steps,
    });
    if (state === 'revised') {
      const createdAt = this.between(new Date('2026-05-04T09:00:00Z'), new Date('2026-09-21T09:00:00Z'));
      const submittedAt = at(createdAt, 0, 3);
      const approvedAt = at(submittedAt, 2, 14);
      this.addPlan(holder.person, {
        createdBy: author.userId,
        createdAt,
        revisionOf: v1.planId,
        content: content(this.spend()),
        steps: [
          { action: 'submitted', by: author.userId, at: submittedAt },
          { action: 'approved', by: cm, at: approvedAt },
        ],
      });
    }
    if (state === 'revision_submitted') {
      const createdAt = this.daysAgo(rng.int(2, 25));
      this.addPlan(holder.person, {
        createdBy: author.userId,
        createdAt,
        revisionOf: v1.planId,
        content: content(this.spend()),
        steps: [{ action: 'submitted', by: author.userId, at: at(createdAt, 0, 1) }],
      });
    }
  }

  /** How much of the budget a plan commits: most of it, rarely all of it. */
  private spend(): number {
    return 0.86 + this.rng.next() * 0.14;
  }

  /** The kinds of support in a person's plans: bigger budgets pay for more kinds. */
  private categoriesFor(holder: Holder): Category[] {
    const rng = this.rng;
    const budget = holder.person.budget as Budget;
    const weekly = budget.allocationPence / 5200;
    const [min, max] = weekly < 60 ? [1, 2] : weekly < 150 ? [1, 3] : weekly < 300 ? [2, 4] : [3, 5];
    let count = rng.int(min, max);
    const reserved =
      (budget.fundingSources.some((s) => s.source === 'nhs_personal_health_budget') ? 1 : 0) +
      (holder.delegates.some((d) => d.kind === 'broker') ? 1 : 0);
    count = Math.max(1, Math.min(count, 5 - reserved));
    const { primary, others } = profileLines[holder.profile];
    const chosen: Category[] = [rng.weighted(primary)];
    const pool = others.filter(([c]) => !chosen.includes(c));
    while (chosen.length < count && pool.length > 0) {
      const next = rng.weighted(pool);
      chosen.push(next);
      pool.splice(
        pool.findIndex(([c]) => c === next),
        1,
      );
    }
    return chosen;
  }

  /**
   * Plan lines that fit the budget by construction: each funding source's lines share at most
   * `spend` of that source's money, and caps round down to whole pounds (tens of pounds a year).
   */
  private content(holder: Holder, categories: readonly Category[], spend: number): Content {
    const rng = this.rng;
    const budget = holder.person.budget as Budget;
    const amount = (kind: FundingSourceKind) =>
      budget.fundingSources.find((s) => s.source === kind)?.amountPence ?? 0;
    const several = budget.fundingSources.length > 1;
    const council: FundingSourceKind = 'council_social_care';
    const drafts: Array<{
      category: Category;
      source: FundingSourceKind;
      weight: number;
      contingency: boolean;
    }> = categories.map((category, index) => ({
      category,
      source: council,
      weight: lineShape[category].weight * (index === 0 ? 2.5 : 1),
      contingency: false,
    }));
    if (holder.delegates.some((d) => d.kind === 'broker')) {
      drafts.push({ category: 'advice_and_brokerage', source: council, weight: 0.6, contingency: false });
    }
    if (amount('nhs_personal_health_budget') > 0) {
      drafts.push({
        category: 'health_and_therapy',
        source: 'nhs_personal_health_budget',
        weight: 1,
        contingency: false,
      });
    }
    if (amount('family_contribution') > 0) {
      const candidates = drafts.filter((d, index) => index > 0 && d.source === council);
      const chosen = candidates.length > 0 ? rng.pick(candidates) : undefined;
      if (chosen) chosen.source = 'family_contribution';
      else if (drafts.length < 5)
        drafts.push({
          category: 'short_breaks',
          source: 'family_contribution',
          weight: 1,
          contingency: false,
        });
    }
    if (drafts.length < 5 && budget.allocationPence >= 150 * 5200 && rng.chance(0.15)) {
      const category = drafts[0]?.category === 'pa_support' ? 'pa_support' : 'personal_care';
      drafts.push({ category, source: council, weight: 0.5, contingency: true });
    }

    const lines: PlanLineInput[] = [];
    for (const source of budget.fundingSources) {
      const group = drafts.filter((d) => d.source === source.source);
      const total = group.reduce((sum, d) => sum + d.weight, 0);
      for (const draft of group) {
        const share = (source.amountPence * spend * draft.weight) / total;
        const period: PlanPeriod = draft.contingency
          ? 'year'
          : rng.weighted(lineShape[draft.category].periods);
        const step = period === 'year' ? 1000 : 100;
        const capPence = Math.floor(share / periodsPerYear[period] / step) * step;
        if (capPence <= 0) continue;
        lines.push({
          category: draft.category,
          capPence,
          period,
          ...(several ? { fundingSource: draft.source } : {}),
          contingency: draft.contingency,
          carryForward: !draft.contingency,
          notes: draft.contingency ? contingencyNote : this.note(draft.category, capPence),
        });
      }
    }

    const wanted = [...new Set(lines.filter((l) => !l.contingency).map((l) => l.category))];
    const town = (text: string) => text.replaceAll('{town}', holder.town);
    const helpedBy =
      holder.author.relationship === 'Care manager' && rng.chance(0.6)
        ? []
        : [{ name: holder.author.name, relationship: holder.author.relationship }];
    return {
      outcomes: {
        whatMatters: town(rng.pick(whatMatters[holder.profile])),
        whatIWantToAchieve: rng
          .sample(wanted, rng.int(1, 3))
          .map((category) => town(rng.pick(achievements[category]))),
      },
      helpedBy,
      lines,
    };
  }

  private note(category: Category, capPence: number): string {
    const perHour = category === 'personal_care' ? 2500 : 1600;
    const hours = Math.max(1, Math.round(capPence / perHour));
    const daily = dailyCareNotes.filter(([least]) => hours >= least).map(([, text]) => text);
    const notes = category === 'personal_care' && daily.length > 0 ? daily : lineNotes[category];
    return this.rng.pick(notes).replace('{hours}', hours === 1 ? '1 hour' : `${hours} hours`);
  }

  /**
   * A yearly budget from about £40 a week to about £40,000 a year, skewed low; working-age adults
   * tend to have more. Some have NHS money for therapy, a few a family contribution.
   */
  private budget(profile: Profile, deployment: Deployment): Budget {
    const rng = this.rng;
    const skew = profile === 'older' ? 1.5 : 1.05;
    let weekly = Math.round(40 * (770 / 40) ** (rng.next() ** skew));
    const nhs = rng.chance(0.15);
    if (nhs) weekly = Math.max(weekly, rng.int(70, 140));
    const nhsWeekly = nhs
      ? Math.max(5, Math.min(Math.round(weekly * (0.1 + rng.next() * 0.3)), weekly - 40))
      : 0;
    const familyWeekly =
      weekly - nhsWeekly >= 90 && rng.chance(0.045) ? Math.min(rng.int(10, 40), weekly - nhsWeekly - 50) : 0;
    const fundingSources: FundingSource[] = [
      { source: 'council_social_care', amountPence: (weekly - nhsWeekly - familyWeekly) * 5200 },
    ];
    if (nhsWeekly > 0) {
      fundingSources.push({
        source: 'nhs_personal_health_budget',
        amountPence: nhsWeekly * 5200,
        restrictedToCategories: ['health_and_therapy'],
      });
    }
    if (familyWeekly > 0)
      fundingSources.push({ source: 'family_contribution', amountPence: familyWeekly * 5200 });
    return { allocationPence: weekly * 5200, fundingSources, deployment, planYearStart: demoPlanYearStart };
  }

  // ---------------------------------------------------------------- records and their audit

  private register(spec: {
    personId: string;
    name: string;
    dateOfBirth: string;
    postcode: string;
    registeredAt: Date;
    budget: Budget;
  }): PersonRecord {
    const at = spec.registeredAt.toISOString();
    const person: PersonRecord = {
      personId: spec.personId,
      name: spec.name,
      dateOfBirth: spec.dateOfBirth,
      postcode: spec.postcode,
      councilId: this.council.councilId,
      outcode: spec.postcode.split(' ')[0] ?? spec.postcode,
      budget: spec.budget,
      createdBy: this.careManager,
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    this.people.push(person);
    this.appendAudit('person', person.personId, spec.registeredAt, this.careManager, 'person.registered', {
      after: {
        name: person.name,
        postcode: person.postcode,
        councilId: person.councilId,
        budget: spec.budget,
      },
      councilId: person.councilId,
    });
    return person;
  }

  private delegate(
    person: PersonRecord,
    spec: Delegate & {
      scopes: DelegateScope[];
      grantedBy: string;
      grantedAt: Date;
      expiresAt?: Date;
      revokedBy?: string;
      revokedAt?: Date;
    },
  ): void {
    const record: DelegationRecord = {
      userId: spec.userId,
      kind: spec.kind,
      name: spec.name,
      relationship: spec.relationship,
      scopes: spec.scopes,
      ...(spec.expiresAt ? { expiresAt: spec.expiresAt.toISOString() } : {}),
      personId: person.personId,
      councilId: person.councilId,
      status: spec.revokedAt ? 'revoked' : 'active',
      grantedBy: spec.grantedBy,
      grantedAt: spec.grantedAt.toISOString(),
      ...(spec.revokedBy && spec.revokedAt
        ? { revokedBy: spec.revokedBy, revokedAt: spec.revokedAt.toISOString() }
        : {}),
    };
    this.delegations.push(record);
    const details = { onBehalfOf: person.personId, councilId: person.councilId };
    this.appendAudit('person', person.personId, spec.grantedAt, spec.grantedBy, 'delegation.granted', {
      after: {
        userId: spec.userId,
        kind: spec.kind,
        scopes: spec.scopes,
        ...(record.expiresAt ? { expiresAt: record.expiresAt } : {}),
      },
      ...details,
    });
    if (spec.revokedBy && spec.revokedAt) {
      this.appendAudit('person', person.personId, spec.revokedAt, spec.revokedBy, 'delegation.revoked', {
        before: { userId: spec.userId, scopes: spec.scopes },
        ...details,
      });
    }
  }

  private addPlan(
    person: PersonRecord,
    spec: { createdBy: string; createdAt: Date; content: Content; revisionOf?: string; steps: Step[] },
  ): PlanRecord {
    const number = String(this.plans.length + 1).padStart(4, '0');
    const ids = this.council.ids;
    const planVersion = this.plans.filter((p) => p.personId === person.personId).length + 1;
    // A revision carries its lines on by category, as the API does, so spending stays counted.
    const origin = this.plans.find((p) => p.planId === spec.revisionOf);
    const carried = new Set<string>();
    const lines: PlanLine[] = spec.content.lines.map((l, index) => {
      const same = origin?.lines.find((o) => o.category === l.category && !carried.has(o.lineId));
      if (same) carried.add(same.lineId);
      return { ...l, lineId: same?.lineId ?? `${ids.line}${number}_${index + 1}` };
    });
    const last = spec.steps.at(-1);
    const status = last?.action ?? 'draft';
    const plan: PlanRecord = {
      ...spec.content,
      startDate: demoPlanYearStart,
      endDate: demoPlanYearEnd,
      lines,
      planId: `${ids.plan}${number}`,
      personId: person.personId,
      councilId: person.councilId,
      planVersion,
      ...(spec.revisionOf ? { revisionOf: spec.revisionOf } : {}),
      status,
      history: spec.steps.map((s) => ({
        action: s.action,
        by: s.by,
        at: s.at.toISOString(),
        ...(s.reason ? { reason: s.reason } : {}),
      })),
      createdBy: spec.createdBy,
      contributors: [],
      createdAt: spec.createdAt.toISOString(),
      updatedAt: (last?.at ?? spec.createdAt).toISOString(),
      version: 1 + spec.steps.length,
    };
    this.plans.push(plan);
    const details = { onBehalfOf: person.personId, councilId: person.councilId };
    this.appendAudit('plan', plan.planId, spec.createdAt, spec.createdBy, 'plan.drafted', {
      after: {
        status: 'draft',
        planVersion,
        lines: lines.map((l) => `${l.category} ${l.capPence}p/${l.period}`),
      },
      ...details,
    });
    // Decisions only: a submission changes nothing but the status, and leaving it out keeps the
    // first seed quick (the history still records it).
    let previous = 'draft';
    for (const step of spec.steps) {
      if (step.action !== 'submitted')
        this.appendAudit('plan', plan.planId, step.at, step.by, `plan.${step.action}`, {
          before: { status: previous },
          after: { status: step.action, ...(step.reason ? { reason: step.reason } : {}) },
          ...details,
        });
      previous = step.action;
    }

    if (status === 'approved') {
      const approvedAt = last?.at ?? spec.createdAt;
      const current = this.plans.find((p) => p.planId === person.currentPlanId);
      if (current) this.supersede(current, plan, approvedAt);
      person.currentPlanId = plan.planId;
      person.updatedAt = approvedAt.toISOString();
      person.version += 1;
    }
    return plan;
  }

  /** What approving a new version does to the old one: superseded, with the reason and its audit. */
  private supersede(old: PlanRecord, replacement: PlanRecord, at: Date): void {
    const by = this.careManager;
    old.status = 'superseded';
    old.history.push({
      action: 'superseded',
      by,
      at: at.toISOString(),
      reason: `Replaced by version ${replacement.planVersion}`,
    });
    old.updatedAt = at.toISOString();
    old.version += 1;
    this.appendAudit('plan', old.planId, at, by, 'plan.superseded', {
      before: { status: 'approved' },
      after: { status: 'superseded', by: replacement.planId },
      onBehalfOf: old.personId,
      councilId: old.councilId,
    });
  }

  private readonly heads = new Map<string, AuditRecord>();

  /** Appends to an entity's chain. Chains are built in time order, so each link follows the last. */
  private appendAudit(
    entityType: AuditEntityType,
    entityId: string,
    at: Date,
    userId: string,
    action: string,
    details: Pick<AuditEvent, 'before' | 'after' | 'onBehalfOf' | 'councilId'>,
  ): void {
    const key = `${entityType}#${entityId}`;
    const head = this.heads.get(key);
    const record = nextAuditRecord(head, { entityType, entityId }, this.event(userId, action, details), at);
    this.heads.set(key, record);
    this.audit.push(record);
  }

  private event(
    userId: string,
    action: string,
    details: Pick<AuditEvent, 'before' | 'after' | 'onBehalfOf' | 'councilId'>,
  ): AuditEvent {
    const roles = this.roles.get(userId);
    if (!roles) throw new Error(`Audit actor ${userId} is not a demo user`);
    return { actor: { userId, roles }, action, ...details };
  }

  // ---------------------------------------------------------------- small helpers

  private uniqueName(culture: HolderCulture, generation: Generation, gender: Gender): string {
    const rng = this.rng;
    const make = () => `${rng.pick(culture.first[generation][gender])} ${rng.pick(culture.last)}`;
    let name = make();
    for (let attempt = 0; attempt < 10 && this.usedNames.has(name); attempt++) name = make();
    this.usedNames.add(name);
    return name;
  }

  /** A date of birth making someone exactly `age` on the demo's "now". */
  private birthday(age: number): string {
    const now = this.now;
    const base = Date.UTC(now.getUTCFullYear() - age - 1, now.getUTCMonth(), now.getUTCDate());
    return new Date(base + this.rng.int(1, 365) * day).toISOString().slice(0, 10);
  }

  /** A full postcode in the district: real outward code, plausible inward code. */
  private postcodeIn(outcode: string): string {
    const rng = this.rng;
    return `${outcode} ${rng.int(1, 9)}${rng.pick(inwardLetters)}${rng.pick(inwardLetters)}`;
  }

  /** A moment in office hours between two dates. */
  private between(from: Date, to: Date): Date {
    const days = Math.max(0, Math.floor((to.getTime() - from.getTime()) / day));
    const date = Math.floor(from.getTime() / day) * day + this.rng.int(0, days) * day;
    return new Date(date + this.rng.int(8 * 60, 17 * 60) * 60_000);
  }

  /** Office hours, some whole days before the demo's "now". */
  private daysAgo(days: number): Date {
    const date = Math.floor(this.now.getTime() / day) * day - days * day;
    return new Date(date + this.rng.int(8 * 60, 17 * 60) * 60_000);
  }
}

function line(
  category: Category,
  capPence: number,
  period: PlanPeriod,
  notes: string,
  fundingSource?: FundingSourceKind,
): PlanLineInput {
  return {
    category,
    capPence,
    period,
    ...(fundingSource ? { fundingSource } : {}),
    contingency: false,
    carryForward: true,
    notes,
  };
}

/** Which names were given when someone was born. */
function generationOf(birthYear: number): Generation {
  return birthYear <= 1960 ? 'older' : birthYear <= 1985 ? 'middle' : 'younger';
}
