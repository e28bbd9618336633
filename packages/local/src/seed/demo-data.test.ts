import {
  type AuditRecord,
  type Category,
  CouncilRecord,
  categoryCodes,
  DelegationRecord,
  distanceKm,
  isActive,
  ListingRecord,
  listingProblems,
  outwardCode,
  PersonRecord,
  PlanRecord,
  ProviderRecord,
  planProblems,
  priceParity,
  profileProblems,
  roles,
  UserRecord,
  ukOutcodes,
  verifyAuditChain,
  yearlyEquivalent,
} from '@carepool/domain';
import { describe, expect, it } from 'vitest';
import { northDales, woldsAndVale } from './councils.ts';
import { type DemoData, defaultDemoNow, demoPersonIds, demoUserIds, generateDemoData } from './demo-data.ts';
import { Random } from './random.ts';

const demo = generateDemoData({});
const centres = new Map(
  ukOutcodes.map(([outcode, latitude, longitude]) => [outcode, { latitude, longitude }]),
);
const fullPostcode = /^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][ABD-HJLNP-UW-Z]{2}$/;

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** Rules every dataset keeps, demo or national. */
function expectConsistent(data: DemoData): void {
  const providers = new Map(data.providers.map((p) => [p.providerId, p]));
  const users = new Map(data.users.map((u) => [u.userId, u]));
  expect(providers.size).toBe(data.providers.length);
  expect(users.size).toBe(data.users.length);
  expect(new Set(data.listings.map((l) => l.listingId)).size).toBe(data.listings.length);

  for (const provider of data.providers) {
    expect(provider.providerId).toMatch(/^prv_demo_[0-9]{4,}$/);
    expect(profileProblems(provider)).toEqual([]);
    expect(users.get(provider.ownerUserId)?.roles).toContain(
      provider.kind === 'broker' ? 'broker' : 'provider',
    );
    expect(provider.serviceArea.postcode).toMatch(fullPostcode);
    expect(outwardCode(provider.serviceArea.postcode)).toBe(provider.outcode);
    expect(centres.get(provider.outcode)).toEqual({
      latitude: provider.latitude,
      longitude: provider.longitude,
    });
    expect(provider.serviceArea.radiusKm).toBeGreaterThanOrEqual(5);
    expect(provider.serviceArea.radiusKm).toBeLessThanOrEqual(40);
    expect(provider.contact.email).toMatch(/@example\.(org|com)$/);
    expect(provider.categories.length).toBeGreaterThan(0);
    if (provider.regulatedPersonalCare) expect(provider.evidence.cqcRegistrationId).toMatch(/^1-[0-9]{9}$/);
    if (provider.status === 'suspended') expect(provider.statusReason).toBeTruthy();
    for (const interest of provider.broker?.interests ?? []) {
      if (interest.providerId) expect(providers.has(interest.providerId)).toBe(true);
    }
  }

  for (const listing of data.listings) {
    expect(listing.listingId).toMatch(/^lst_demo_[0-9]{5,}$/);
    expect(listingProblems(listing)).toEqual([]);
    const provider = providers.get(listing.providerId);
    if (!provider) throw new Error(`Listing ${listing.listingId} has no provider`);
    expect(provider.categories).toContain(listing.category);
    expect(listing.providerName).toBe(provider.name);
    expect(listing.providerKind).toBe(provider.kind);
    expect(listing.providerStatus).toBe(provider.status);
    expect(listing.serviceRadiusKm).toBe(provider.serviceArea.radiusKm);
    if (listing.where.mode === 'venue') {
      expect(listing.where.postcode).toMatch(fullPostcode);
      expect(outwardCode(listing.where.postcode)).toBe(listing.outcode);
    } else {
      expect(listing.outcode).toBe(provider.outcode);
    }
    expect(centres.get(listing.outcode)).toEqual({
      latitude: listing.latitude,
      longitude: listing.longitude,
    });
  }
}

describe('Random', () => {
  it('repeats its sequence for a seed and stays in range', () => {
    const a = new Random(7);
    const b = new Random(7);
    const first = Array.from({ length: 50 }, () => a.int(3, 9));
    expect(Array.from({ length: 50 }, () => b.int(3, 9))).toEqual(first);
    expect(Math.min(...first)).toBe(3);
    expect(Math.max(...first)).toBe(9);
    expect(new Random(8).next()).not.toBe(new Random(7).next());
    const shuffled = new Random(1).shuffle([1, 2, 3, 4, 5]);
    expect([...shuffled].sort()).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('generateDemoData', () => {
  it('gives the same data for the same options, and different data for another seed', () => {
    expect(generateDemoData({})).toEqual(demo);
    expect(generateDemoData({ seed: demo.seed })).toEqual(demo);
    const other = generateDemoData({ seed: 7 });
    expect(other.listings).not.toEqual(demo.listings);
    expect(other.providers.length).toBe(demo.providers.length);
    expect(other.people).not.toEqual(demo.people);
    expect(other.people.length).toBe(demo.people.length);
    const later = generateDemoData({ now: new Date('2027-01-01T00:00:00Z') });
    expect(later.listings[0]?.createdAt).toBe('2027-01-01T00:00:00.000Z');
  });

  it('has two fictional, neighbouring councils over real postcode districts that do not overlap', () => {
    expect(demo.councils.map((c) => [c.councilId, c.name])).toEqual([
      ['north-dales', 'North Dales Council'],
      ['wolds-and-vale', 'Wolds and Vale Council'],
    ]);
    for (const council of demo.councils) {
      expect(CouncilRecord.parse(council)).toEqual(council);
      expect(council).toMatchObject({
        fundingSchedule: { everyDays: 28 },
        settings: {},
        createdBy: demoUserIds.platformAdmin,
        version: 1,
      });
      expect(council.districts.length).toBeGreaterThanOrEqual(12);
      for (const outcode of council.districts) expect(centres.has(outcode)).toBe(true);
    }
    const [north, wolds] = demo.councils.map((c) => new Set(c.districts));
    if (!north || !wolds) throw new Error('Two councils expected');
    expect([...north].filter((d) => wolds.has(d))).toEqual([]);
    // Neighbours: some North Dales district is within 25 km of some Wolds and Vale district.
    const near = [...north].some((a) =>
      [...wolds].some(
        (b) =>
          distanceKm(
            centres.get(a) ?? { latitude: 0, longitude: 0 },
            centres.get(b) ?? { latitude: 90, longitude: 0 },
          ) < 25,
      ),
    );
    expect(near).toBe(true);
    const inCouncils = new Set([...north, ...wolds]);
    for (const p of demo.providers) expect(inCouncils.has(p.outcode)).toBe(true);
    for (const l of demo.listings) expect(inCouncils.has(l.outcode)).toBe(true);
  });

  it('has providers that work across both councils, and support to find near Malton and Helmsley', () => {
    const [north, wolds] = demo.councils.map((c) => new Set(c.districts));
    if (!north || !wolds) throw new Error('Two councils expected');
    const across = demo.providers.filter((p) => {
      const where = demo.listings.filter((l) => l.providerId === p.providerId).map((l) => l.outcode);
      return where.some((o) => north.has(o)) && where.some((o) => wolds.has(o));
    });
    expect(across.length).toBeGreaterThanOrEqual(10);
    expect(across.map((p) => p.name)).toContain('Vale and Dales Community Transport');
    for (const town of ['YO17', 'YO62']) {
      const centre = centres.get(town);
      if (!centre) throw new Error(`${town} has no centre`);
      const nearby = demo.listings.filter((l) => l.status === 'active' && distanceKm(centre, l) <= 10);
      expect(nearby.length, town).toBeGreaterThanOrEqual(20);
    }
  });

  it('has enough providers of every kind, status and category', () => {
    const kinds = countBy(demo.providers, (p) => p.kind);
    expect(demo.providers.length).toBeGreaterThanOrEqual(300);
    expect(kinds.get('micro_enterprise')).toBeGreaterThanOrEqual(100);
    expect(kinds.get('broker')).toBeGreaterThanOrEqual(10);
    expect(kinds.get('personal_assistant')).toBeGreaterThanOrEqual(20);
    expect(kinds.get('organisation')).toBeGreaterThanOrEqual(20);
    expect(kinds.get('mainstream_business')).toBeGreaterThanOrEqual(20);
    for (const p of demo.providers) {
      if (p.kind === 'micro_enterprise') expect(p.workers).toBeGreaterThanOrEqual(1);
      if (p.kind === 'micro_enterprise') expect(p.workers).toBeLessThanOrEqual(8);
      if (p.kind === 'personal_assistant') expect(p.workers ?? 1).toBe(1);
    }
    const brokers = demo.providers.filter((p) => p.kind === 'broker');
    for (const broker of brokers) expect(broker.broker).toBeDefined();
    expect(new Set(brokers.map((b) => b.broker?.fee.kind))).toEqual(new Set(['percent', 'fixed']));
    expect(brokers.some((b) => b.broker?.interests.some((i) => i.providerId !== undefined))).toBe(true);

    const statuses = countBy(demo.providers, (p) => p.status);
    expect(statuses.get('verified')).toBeGreaterThan(demo.providers.length / 2);
    expect(statuses.get('pending')).toBeGreaterThan(0);
    expect(statuses.get('suspended')).toBeGreaterThan(0);
    expect(demo.providers.some((p) => p.regulatedPersonalCare)).toBe(true);

    expect(demo.listings.length).toBeGreaterThanOrEqual(1000);
    const categories = countBy(demo.listings, (l) => l.category);
    for (const category of categoryCodes) expect(categories.get(category)).toBeGreaterThanOrEqual(40);
  });

  it('has group prices, council rates, places, accessibility and languages in the mix', () => {
    const listings = demo.listings;
    const grouped = listings.filter((l) => l.groupTiers.length > 0);
    expect(grouped.length).toBeGreaterThan(listings.length * 0.1);
    expect(grouped.some((l) => l.groupTiers.length >= 3)).toBe(true);
    const parity = countBy(listings, (l) => priceParity(l));
    expect(parity.get('same_as_council')).toBeGreaterThan(0);
    expect(parity.get('below_council')).toBeGreaterThan(0);
    expect(parity.get('above_council')).toBeGreaterThan(0);
    expect(listings.length - (parity.get('unknown') ?? 0)).toBeGreaterThan(listings.length * 0.2);
    const modes = countBy(listings, (l) => l.where.mode);
    for (const mode of ['at_home', 'venue', 'online']) expect(modes.get(mode)).toBeGreaterThan(20);
    for (const l of listings) {
      if (l.category === 'personal_care') expect(l.where.mode).toBe('at_home');
      if (l.category === 'pa_support' && l.priceUnit === 'hour') {
        expect(l.pricePence).toBeGreaterThanOrEqual(1200);
        expect(l.pricePence).toBeLessThanOrEqual(2200);
      }
      if (l.category === 'personal_care' && l.priceUnit === 'hour') {
        expect(l.pricePence).toBeGreaterThanOrEqual(1800);
        expect(l.pricePence).toBeLessThanOrEqual(3000);
      }
      expect(l.languages[0]).toBe('en');
      expect(l.availability.length).toBeGreaterThan(0);
    }
    expect(listings.some((l) => l.accessibility.includes('step_free'))).toBe(true);
    const languages = new Set(listings.flatMap((l) => l.languages));
    for (const language of ['cy', 'pl', 'ur', 'pa', 'bn']) expect(languages.has(language)).toBe(true);
  });

  it('makes records that parse back unchanged and survive JSON (no undefined fields)', () => {
    expectConsistent(demo);
    for (const p of demo.providers) expect(ProviderRecord.parse(p)).toEqual(p);
    for (const l of demo.listings) expect(ListingRecord.parse(l)).toEqual(l);
    for (const u of demo.users) expect(UserRecord.parse(u)).toEqual(u);
    expect(JSON.parse(JSON.stringify(demo))).toStrictEqual(demo);
  });

  it('has demo users for every role, in order, owning the demo providers', () => {
    const demoUsers = demo.users.filter((u) => u.demoOrder !== undefined);
    expect(demoUsers.map((u) => u.demoOrder)).toEqual(demoUsers.map((_, i) => i + 1));
    for (const user of demoUsers) expect(user.description).toBeTruthy();
    for (const role of roles) expect(demoUsers.some((u) => u.roles.includes(role))).toBe(true);
    // Each council has a holder, two care managers, finance, an auditor and an administrator, in
    // order: North Dales' people, then Wolds and Vale's, then the operator, who has no council.
    for (const council of [northDales.councilId, woldsAndVale.councilId]) {
      const theirs = demoUsers.filter((u) => u.councilId === council);
      const withRole = (role: string) => theirs.filter((u) => u.roles.includes(role as never)).length;
      expect(withRole('care_manager')).toBeGreaterThanOrEqual(2);
      for (const role of ['holder', 'finance', 'auditor', 'council_admin'])
        expect(withRole(role)).toBeGreaterThanOrEqual(1);
    }
    const councilOrder = demoUsers.map(
      (u) => u.councilId ?? (u.roles.includes('platform_admin') ? 'operator' : ''),
    );
    const lastNorth = councilOrder.lastIndexOf('north-dales');
    const firstWolds = councilOrder.indexOf('wolds-and-vale');
    expect(lastNorth).toBeLessThan(firstWolds);
    expect(councilOrder.slice(firstWolds).every((c) => c === 'wolds-and-vale' || c === 'operator')).toBe(
      true,
    );
    expect(demoUsers.at(-1)?.userId).toBe(demoUserIds.platformAdmin);
    for (const role of [
      'care_manager',
      'finance',
      'auditor',
      'holder',
      'representative',
      'council_admin',
    ] as const) {
      for (const user of demoUsers.filter((u) => u.roles.includes(role)))
        expect(['north-dales', 'wolds-and-vale']).toContain(user.councilId);
    }
    // Holders are budget holders themselves; a representative acts for someone through a delegation.
    for (const user of demoUsers.filter((u) => u.roles.includes('holder'))) {
      expect(user.personId).toMatch(/^per_(demo|wv)_[0-9]{4}$/);
      expect(demo.people.find((p) => p.personId === user.personId)?.councilId).toBe(user.councilId);
    }
    for (const user of demoUsers.filter((u) => u.roles.includes('representative'))) {
      expect(user.personId).toBeUndefined();
    }
    expect(demo.users.find((u) => u.userId === 'usr_demo_care_manager')?.roles).toEqual(['care_manager']);

    const owned = (userId: string) => demo.providers.filter((p) => p.ownerUserId === userId);
    expect(owned(demoUserIds.provider).length).toBeGreaterThanOrEqual(2);
    expect(owned(demoUserIds.provider).some((p) => p.kind === 'micro_enterprise')).toBe(true);
    expect(owned(demoUserIds.personalAssistant).length).toBeGreaterThanOrEqual(2);
    expect(owned(demoUserIds.personalAssistant).some((p) => p.kind === 'personal_assistant')).toBe(true);
    expect(owned(demoUserIds.broker).some((p) => p.kind === 'broker')).toBe(true);
    // Other users run providers, or work for or with the council: care managers and representatives;
    // and holders who join groups or ask for support themselves (the demo activity) have accounts.
    for (const user of demo.users.filter((u) => u.demoOrder === undefined)) {
      if (user.councilId === undefined) expect(owned(user.userId).length).toBeGreaterThan(0);
      else if (user.roles.includes('holder')) {
        expect(user).toMatchObject({ roles: ['holder'] });
        expect(user.userId).toBe(
          user.councilId === 'north-dales'
            ? `usr_hld_${user.personId?.replace('per_demo_', '')}`
            : `usr_hld_wv_${user.personId?.replace('per_wv_', '')}`,
        );
        expect(demo.people.find((p) => p.personId === user.personId)?.councilId).toBe(user.councilId);
      } else {
        expect(['north-dales', 'wolds-and-vale']).toContain(user.councilId);
        expect([['care_manager'], ['representative']]).toContainEqual(user.roles);
      }
    }
    expect(demo.users.filter((u) => u.userId.startsWith('usr_hld_'))).toEqual(demo.activity.users);
  });

  it('adds a national dataset at scale, quickly, without changing the council', () => {
    const started = performance.now();
    const data = generateDemoData({ scale: true });
    const seconds = (performance.now() - started) / 1000;
    expect(seconds).toBeLessThan(10);
    expect(data.listings.length).toBeGreaterThanOrEqual(25_000);
    expect(data.providers.length).toBeGreaterThanOrEqual(7_000);
    expect(data.providers.slice(0, demo.providers.length)).toEqual(demo.providers);
    expect(data.listings.slice(0, demo.listings.length)).toEqual(demo.listings);
    expect(data.users.slice(0, demo.users.length)).toEqual(demo.users);
    expect(data.people).toEqual(demo.people);
    expect(data.plans).toEqual(demo.plans);
    expect(data.delegations).toEqual(demo.delegations);
    expect(data.audit).toEqual(demo.audit);

    const perDistrict = countBy(data.listings, (l) => l.outcode);
    for (const [outcode] of ukOutcodes) expect(perDistrict.get(outcode) ?? 0).toBeGreaterThanOrEqual(2);
    const categories = countBy(data.listings, (l) => l.category);
    for (const category of categoryCodes as Category[]) expect(categories.get(category)).toBeGreaterThan(500);
    expectConsistent(data);
  });
});

/** Whole years old on a day (both ISO dates). */
function ageOn(dateOfBirth: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return on.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

describe('the demo council budget holders', () => {
  /** North Dales' part: the council the demo users live in. */
  const nd = {
    people: demo.people.filter((p) => p.councilId === northDales.councilId),
    plans: demo.plans.filter((p) => p.councilId === northDales.councilId),
    delegations: demo.delegations.filter((d) => d.councilId === northDales.councilId),
  };
  const people = new Map(nd.people.map((p) => [p.personId, p]));
  const users = new Map(demo.users.map((u) => [u.userId, u]));
  const plansOf = (personId: string) => nd.plans.filter((p) => p.personId === personId);
  const share = (predicate: (p: PersonRecord) => boolean) =>
    nd.people.filter(predicate).length / nd.people.length;
  const today = defaultDemoNow.toISOString().slice(0, 10);
  const fullScopes = [
    'plan:read',
    'plan:write',
    'order:create',
    'order:confirm',
    'account:read',
    'group:join',
  ];

  it('has over a thousand people in the council, with plausible details', () => {
    expect(nd.people.length).toBeGreaterThanOrEqual(1000);
    expect(people.size).toBe(nd.people.length);
    const inCouncil = new Set(northDales.districts.map(([outcode]) => outcode));
    nd.people.forEach((person, index) => {
      expect(person.personId).toBe(`per_demo_${String(index + 1).padStart(4, '0')}`);
      expect(person.councilId).toBe('north-dales');
      expect(person.name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
      const age = ageOn(person.dateOfBirth, today);
      expect(age).toBeGreaterThanOrEqual(18);
      expect(age).toBeLessThanOrEqual(98);
      expect(person.postcode).toMatch(fullPostcode);
      expect(outwardCode(person.postcode)).toBe(person.outcode);
      expect(inCouncil.has(person.outcode)).toBe(true);
      expect(person.createdBy).toBe(demoUserIds.careManager);
      expect(person.createdAt <= person.updatedAt).toBe(true);
      expect(PersonRecord.parse(person)).toEqual(person);
    });
    const ages = nd.people.map((p) => ageOn(p.dateOfBirth, today));
    expect(ages.filter((a) => a >= 65).length / ages.length).toBeGreaterThan(0.5);
    expect(ages.filter((a) => a < 30).length).toBeGreaterThan(50);
    expect(new Set(nd.people.map((p) => p.name)).size).toBeGreaterThan(nd.people.length * 0.9);
  });

  it('mixes deployments about half managed, a third mixed and a sixth direct payments, with every kind', () => {
    expect(share((p) => p.budget?.deployment === 'managed_account')).toBeGreaterThan(0.44);
    expect(share((p) => p.budget?.deployment === 'managed_account')).toBeLessThan(0.54);
    expect(share((p) => p.budget?.deployment === 'mixed')).toBeGreaterThan(0.29);
    expect(share((p) => p.budget?.deployment === 'mixed')).toBeLessThan(0.37);
    expect(share((p) => p.budget?.deployment === 'direct_payment')).toBeGreaterThan(0.13);
    expect(share((p) => p.budget?.deployment === 'direct_payment')).toBeLessThan(0.2);
    const kinds = countBy(nd.people, (p) => p.budget?.deployment ?? 'none');
    for (const kind of ['council_managed', 'individual_service_fund'])
      expect(kinds.get(kind)).toBeGreaterThanOrEqual(5);
    expect(kinds.has('none')).toBe(false);
  });

  it('gives budgets from about £40 a week to about £40,000 a year, every penny from a source', () => {
    const allocations = nd.people.map((p) => p.budget?.allocationPence ?? 0).sort((a, b) => a - b);
    expect(allocations[0]).toBeGreaterThanOrEqual(2_000_00);
    expect(allocations.at(-1)).toBeLessThanOrEqual(41_000_00);
    expect(allocations.filter((a) => a < 3_000_00).length).toBeGreaterThan(50);
    expect(allocations.filter((a) => a > 30_000_00).length).toBeGreaterThan(10);
    const median = allocations[Math.floor(allocations.length / 2)] ?? 0;
    const mean = allocations.reduce((sum, a) => sum + a, 0) / allocations.length;
    expect(median).toBeLessThan(mean);
    for (const person of nd.people) {
      const budget = person.budget;
      if (!budget) throw new Error(`${person.personId} has no budget`);
      expect(budget.planYearStart).toBe('2026-04-01');
      expect(budget.fundingSources.reduce((sum, s) => sum + s.amountPence, 0)).toBe(budget.allocationPence);
      expect(new Set(budget.fundingSources.map((s) => s.source)).size).toBe(budget.fundingSources.length);
      for (const source of budget.fundingSources) {
        expect(source.amountPence).toBeGreaterThan(0);
        if (source.source === 'nhs_personal_health_budget')
          expect(source.restrictedToCategories).toEqual(['health_and_therapy']);
      }
    }
    const has = (kind: string) => (p: PersonRecord) =>
      p.budget?.fundingSources.some((s) => s.source === kind) === true;
    expect(share(has('nhs_personal_health_budget'))).toBeGreaterThan(0.1);
    expect(share(has('nhs_personal_health_budget'))).toBeLessThan(0.2);
    expect(nd.people.filter(has('family_contribution')).length).toBeGreaterThanOrEqual(5);
  });

  it('gives most people an approved plan that fits their budget, and keeps every version', () => {
    expect(new Set(nd.plans.map((p) => p.planId)).size).toBe(nd.plans.length);
    // A line keeps its id across a person's versions (what was spent on it carries on), but
    // no two lines of one version, and no two people, share an id.
    const ownerOfLine = new Map<string, string>();
    for (const plan of nd.plans) {
      const ids = plan.lines.map((l) => l.lineId);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) {
        expect(ownerOfLine.get(id) ?? plan.personId).toBe(plan.personId);
        ownerOfLine.set(id, plan.personId);
      }
    }
    for (const plan of nd.plans) {
      const person = people.get(plan.personId);
      if (!person?.budget) throw new Error(`Plan ${plan.planId} has no person with a budget`);
      expect(PlanRecord.parse(plan)).toEqual(plan);
      expect(planProblems(plan, person.budget)).toEqual([]);
      expect(plan.lines.reduce((sum, l) => sum + yearlyEquivalent(l), 0)).toBeLessThanOrEqual(
        person.budget.allocationPence,
      );
      expect(plan.lines.length).toBeGreaterThanOrEqual(1);
      expect(plan.lines.length).toBeLessThanOrEqual(5);
      expect([plan.startDate, plan.endDate]).toEqual(['2026-04-01', '2027-03-31']);
      expect(plan.outcomes.whatMatters).toBeTruthy();
      expect(plan.outcomes.whatIWantToAchieve.length).toBeGreaterThan(0);
      for (const want of plan.outcomes.whatIWantToAchieve) expect(want).toMatch(/^I want .*\.$/);
      expect(plan.version).toBe(plan.history.length + 1);
      expect(plan.history.map((h) => h.at)).toEqual([...plan.history.map((h) => h.at)].sort());
      for (const step of plan.history)
        expect(step.at > plan.createdAt && step.at <= defaultDemoNow.toISOString()).toBe(true);
      if (plan.status === 'approved') {
        expect(person.currentPlanId).toBe(plan.planId);
        expect(plan.history.map((h) => h.action)).toEqual(['submitted', 'approved']);
        expect(plan.history[1]?.by).toBe(demoUserIds.careManager);
        expect(plan.createdBy).not.toBe(demoUserIds.careManager);
      }
      if (plan.status === 'superseded')
        expect(plan.history.map((h) => h.action)).toEqual(['submitted', 'approved', 'superseded']);
      if (plan.revisionOf) {
        const original = nd.plans.find((p) => p.planId === plan.revisionOf);
        expect(original?.personId).toBe(plan.personId);
        expect(original?.planVersion).toBeLessThan(plan.planVersion);
      }
    }
    for (const person of nd.people) {
      const plans = plansOf(person.personId);
      expect(plans.map((p) => p.planVersion)).toEqual(plans.map((_, i) => i + 1));
      expect(plans.filter((p) => p.status === 'approved').length).toBe(person.currentPlanId ? 1 : 0);
      if (person.currentPlanId)
        expect(person.updatedAt).toBe(plans.find((p) => p.status === 'approved')?.updatedAt);
    }
    expect(share((p) => p.currentPlanId !== undefined)).toBeGreaterThan(0.8);
    expect(share((p) => p.currentPlanId !== undefined)).toBeLessThan(0.9);
    const statuses = countBy(nd.plans, (p) => p.status);
    expect(statuses.get('superseded')).toBeGreaterThan(20);
    expect(statuses.get('draft')).toBeGreaterThan(5);
    expect(statuses.get('referred')).toBeGreaterThan(3);
    const categories = countBy(
      nd.plans.flatMap((p) => p.lines),
      (l) => l.category,
    );
    for (const category of categoryCodes) expect(categories.get(category)).toBeGreaterThan(5);
    const periods = countBy(
      nd.plans.flatMap((p) => p.lines),
      (l) => l.period,
    );
    for (const period of ['week', 'month', 'year']) expect(periods.get(period)).toBeGreaterThan(100);
    expect(nd.plans.some((p) => p.lines.some((l) => l.contingency))).toBe(true);
  });

  it('leaves plans awaiting approval that the demo care manager may approve', () => {
    const submitted = nd.plans.filter((p) => p.status === 'submitted');
    expect(submitted.length / nd.people.length).toBeGreaterThan(0.05);
    expect(submitted.length / nd.people.length).toBeLessThan(0.12);
    for (const plan of submitted) {
      expect(plan.createdBy).not.toBe(demoUserIds.careManager);
      expect(users.has(plan.createdBy)).toBe(true);
    }
    expect(submitted.some((p) => users.get(p.createdBy)?.roles.includes('representative'))).toBe(true);
    expect(submitted.some((p) => p.revisionOf !== undefined)).toBe(true);
    expect(submitted.some((p) => p.createdBy === demoUserIds.broker)).toBe(true);
    for (const plan of nd.plans) expect(users.has(plan.createdBy)).toBe(true);
  });

  it("has the demo users' own people, matching their descriptions", () => {
    const jean = people.get(demoPersonIds.holder);
    const daniel = people.get(demoPersonIds.holder2);
    const frank = people.get(demoPersonIds.represented);
    if (!jean || !daniel || !frank) throw new Error('A demo person is missing');
    expect(jean.name).toBe('Jean Barker');
    expect(users.get(demoUserIds.holder)?.description).toContain(`Jean, ${ageOn(jean.dateOfBirth, today)},`);
    expect(jean.outcode).toBe('HG4');
    expect(daniel.name).toBe('Daniel Okafor');
    expect(users.get(demoUserIds.holder2)?.description).toContain(
      `Daniel, ${ageOn(daniel.dateOfBirth, today)},`,
    );
    expect(['HG1', 'HG2']).toContain(daniel.outcode);
    expect(frank.name).toMatch(/^Frank /);
    expect(frank.outcode).toBe('YO7');

    const current = (person: PersonRecord) => nd.plans.find((p) => p.planId === person.currentPlanId);
    const weekly = (plan: PlanRecord | undefined, category: string) =>
      plan?.lines.some((l) => l.category === category && l.period === 'week');
    expect(weekly(current(jean), 'personal_care')).toBe(true);
    expect(weekly(current(jean), 'day_and_community')).toBe(true);
    expect(current(daniel)?.lines.map((l) => l.category)).toEqual(
      expect.arrayContaining(['pa_support', 'day_and_community']),
    );
    const waiting = plansOf(daniel.personId).find((p) => p.status === 'submitted');
    expect(waiting?.revisionOf).toBe(daniel.currentPlanId);
    expect(waiting?.createdBy).toBe(demoUserIds.holder2);
    expect(current(frank)?.createdBy).toBe(demoUserIds.representative);
  });

  it('has delegates: Helen for her dad, the demo broker for a few people, and family for some others', () => {
    const delegations = nd.delegations;
    for (const d of delegations) {
      expect(DelegationRecord.parse(d)).toEqual(d);
      expect(people.has(d.personId)).toBe(true);
      expect(users.get(d.userId)?.roles).toContain(d.kind);
    }
    const keys = delegations.map((d) => `${d.personId}|${d.userId}`);
    expect(new Set(keys).size).toBe(keys.length);

    const helen = delegations.filter((d) => d.userId === demoUserIds.representative);
    expect(helen).toHaveLength(1);
    expect(helen[0]?.personId).toBe(demoPersonIds.represented);
    expect(helen[0]?.kind).toBe('representative');
    expect(helen[0] && isActive(helen[0], defaultDemoNow)).toBe(true);
    expect(helen[0]?.scopes).toEqual(fullScopes);

    const broker = delegations.filter((d) => d.userId === demoUserIds.broker);
    expect(broker.length).toBeGreaterThanOrEqual(3);
    for (const d of broker) {
      expect(d.kind).toBe('broker');
      expect(isActive(d, defaultDemoNow)).toBe(true);
      expect(d.scopes).toEqual(['plan:read', 'plan:write']);
    }
    // Every broker with access has published a fee (the demo broker's firm too).
    for (const d of delegations.filter((x) => x.kind === 'broker')) {
      const firm = demo.providers.find((p) => p.ownerUserId === d.userId && p.kind === 'broker');
      expect(firm?.broker?.fee).toBeDefined();
      expect(firm?.status).toBe('verified');
    }

    const represented = new Set(
      delegations.filter((d) => d.kind === 'representative' && d.status === 'active').map((d) => d.personId),
    );
    expect(represented.size / nd.people.length).toBeGreaterThan(0.03);
    expect(represented.size / nd.people.length).toBeLessThan(0.08);
    for (const d of delegations.filter(
      (x) => x.kind === 'representative' && x.userId !== demoUserIds.representative,
    )) {
      expect(d.userId).toMatch(/^usr_rep_[0-9]{4}$/);
      expect(users.get(d.userId)).toMatchObject({ roles: ['representative'], councilId: 'north-dales' });
      expect(d.relationship).toBeTruthy();
    }
    const revoked = delegations.filter((d) => d.status === 'revoked');
    expect(revoked.length).toBeGreaterThanOrEqual(2);
    for (const d of revoked) expect(d.revokedAt && d.revokedAt > d.grantedAt).toBe(true);
    const expired = delegations.filter((d) => d.status === 'active' && !isActive(d, defaultDemoNow));
    expect(expired).toHaveLength(1);
  });

  it('starts a verifiable audit chain for every person and every plan', () => {
    const chains = new Map<string, AuditRecord[]>();
    for (const record of demo.audit) {
      const key = `${record.entityType}#${record.entityId}`;
      const chain = chains.get(key);
      if (chain) chain.push(record);
      else chains.set(key, [record]);
    }
    expect(chains.size).toBe(demo.people.length + demo.plans.length);
    for (const chain of chains.values()) {
      chain.sort((a, b) => a.seq - b.seq);
      expect(verifyAuditChain(chain)).toEqual({ verified: true });
      expect(chain.map((r) => r.at)).toEqual([...chain.map((r) => r.at)].sort());
      for (const record of chain) expect(users.get(record.actor.userId)?.roles).toEqual(record.actor.roles);
    }
    for (const person of demo.people) {
      const first = chains.get(`person#${person.personId}`)?.[0];
      expect(first?.action).toBe('person.registered');
      expect(first?.actor.userId).toBe(
        person.councilId === northDales.councilId ? demoUserIds.careManager : demoUserIds.wvCareManager,
      );
      expect(first?.at).toBe(person.createdAt);
    }
    for (const plan of demo.plans) {
      const chain = chains.get(`plan#${plan.planId}`) ?? [];
      expect(chain.map((r) => r.action)).toEqual([
        'plan.drafted',
        ...plan.history.filter((h) => h.action !== 'submitted').map((h) => `plan.${h.action}`),
      ]);
      expect(chain[0]?.actor.userId).toBe(plan.createdBy);
    }
    const helenGranted = chains
      .get(`person#${demoPersonIds.represented}`)
      ?.find((r) => r.action === 'delegation.granted');
    expect(helenGranted?.after?.userId).toBe(demoUserIds.representative);
  });

  it('includes each council questionnaire', () => {
    expect(demo.questionnaires.map((q) => q.councilId)).toEqual(['north-dales', 'wolds-and-vale']);
    for (const questionnaire of demo.questionnaires)
      expect(questionnaire.questions.length).toBeGreaterThan(0);
  });
});

describe('the Wolds and Vale budget holders', () => {
  const wv = woldsAndVale.councilId;
  const people = demo.people.filter((p) => p.councilId === wv);
  const plans = demo.plans.filter((p) => p.councilId === wv);
  const users = new Map(demo.users.map((u) => [u.userId, u]));
  const districts = new Set(woldsAndVale.districts.map(([outcode]) => outcode));

  it('has a few hundred people in its own districts, with budgets and plans that fit them', () => {
    expect(people.length).toBe(300);
    people.forEach((person, index) => {
      expect(person.personId).toBe(`per_wv_${String(index + 1).padStart(4, '0')}`);
      expect(districts.has(person.outcode)).toBe(true);
      expect(person.createdBy).toBe(demoUserIds.wvCareManager);
      expect(person.budget).toBeDefined();
    });
    const budgets = new Map(people.map((p) => [p.personId, p.budget]));
    for (const plan of plans) {
      expect(plan.planId).toMatch(/^pln_wv_[0-9]{4}$/);
      const budget = budgets.get(plan.personId);
      if (!budget) throw new Error(`${plan.planId} is not a Wolds and Vale person's`);
      expect(planProblems(plan, budget)).toEqual([]);
      for (const line of plan.lines) expect(line.lineId).toMatch(/^line_wv_/);
      if (plan.status === 'approved') expect(plan.history[1]?.by).toBe(demoUserIds.wvCareManager);
    }
    expect(people.filter((p) => p.currentPlanId).length / people.length).toBeGreaterThan(0.75);
    const reps = demo.delegations.filter((d) => d.councilId === wv && d.kind === 'representative');
    for (const d of reps) expect(users.get(d.userId)).toMatchObject({ councilId: wv });
    expect(reps.some((d) => /^usr_rep_wv_[0-9]{4}$/.test(d.userId))).toBe(true);
  });

  it('leaves plans waiting for a Wolds and Vale care manager, none drafted by them', () => {
    const waiting = plans.filter((p) => p.status === 'submitted');
    expect(waiting.length).toBeGreaterThanOrEqual(10);
    for (const plan of waiting) {
      expect([demoUserIds.wvCareManager, demoUserIds.wvCareManager2]).not.toContain(plan.createdBy);
      expect(users.has(plan.createdBy)).toBe(true);
    }
  });

  it('has Ruth, who signs in herself, matching her description', () => {
    const ruth = people.find((p) => p.personId === demoPersonIds.wvHolder);
    expect(ruth).toMatchObject({ name: 'Ruth Dobson', outcode: 'YO17' });
    const user = users.get(demoUserIds.wvHolder);
    expect(user).toMatchObject({ councilId: wv, personId: demoPersonIds.wvHolder, roles: ['holder'] });
    expect(user?.description).toContain(
      `Ruth, ${ageOn(ruth?.dateOfBirth ?? '', defaultDemoNow.toISOString().slice(0, 10))},`,
    );
    expect(user?.description).toContain('Malton');
    const hers = plans.filter((p) => p.personId === demoPersonIds.wvHolder);
    expect(hers.map((p) => p.status)).toEqual(['approved', 'submitted']);
    expect(ruth?.currentPlanId).toBe(hers[0]?.planId);
  });
});
