import {
  type Category,
  categoryCodes,
  ListingRecord,
  listingProblems,
  outwardCode,
  ProviderRecord,
  priceParity,
  profileProblems,
  roles,
  UserRecord,
  ukOutcodes,
} from '@carepool/domain';
import { describe, expect, it } from 'vitest';
import { type DemoData, demoUserIds, generateDemoData } from './demo-data.ts';
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
    const later = generateDemoData({ now: new Date('2027-01-01T00:00:00Z') });
    expect(later.listings[0]?.createdAt).toBe('2027-01-01T00:00:00.000Z');
  });

  it('has the fictional council over real, neighbouring postcode districts', () => {
    expect(demo.council.councilId).toBe('north-dales');
    expect(demo.council.name).toBe('North Dales Council');
    expect(demo.council.outcodes.length).toBeGreaterThanOrEqual(18);
    for (const outcode of demo.council.outcodes) expect(centres.has(outcode)).toBe(true);
    const inCouncil = new Set(demo.council.outcodes);
    for (const p of demo.providers) expect(inCouncil.has(p.outcode)).toBe(true);
    for (const l of demo.listings) expect(inCouncil.has(l.outcode)).toBe(true);
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
    for (const role of ['care_manager', 'finance', 'auditor', 'holder', 'representative'] as const) {
      for (const user of demoUsers.filter((u) => u.roles.includes(role)))
        expect(user.councilId).toBe('north-dales');
    }
    // Holders are budget holders themselves; a representative acts for someone through a delegation.
    for (const user of demoUsers.filter((u) => u.roles.includes('holder'))) {
      expect(user.personId).toMatch(/^per_demo_[0-9]{4}$/);
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
    for (const user of demo.users.filter((u) => u.demoOrder === undefined)) {
      expect(user.councilId).toBeUndefined();
      expect(owned(user.userId).length).toBeGreaterThan(0);
    }
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

    const perDistrict = countBy(data.listings, (l) => l.outcode);
    for (const [outcode] of ukOutcodes) expect(perDistrict.get(outcode) ?? 0).toBeGreaterThanOrEqual(2);
    const categories = countBy(data.listings, (l) => l.category);
    for (const category of categoryCodes as Category[]) expect(categories.get(category)).toBeGreaterThan(500);
    expectConsistent(data);
  });
});
