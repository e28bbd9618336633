import {
  canBePaid,
  distanceKm,
  memberShares,
  reservationFor,
  SupportRequestInput,
  ukOutcodes,
} from '@carepool/domain';
import { describe, expect, it } from 'vitest';
import { planDemoActivity } from './activity.ts';
import { northDales, woldsAndVale } from './councils.ts';
import { demoPersonIds, demoUserIds, generateDemoData } from './demo-data.ts';
import { activityDay, activitySteps, instant } from './seed-activity.ts';

const demo = generateDemoData({});
const inCouncil = (councilId: string) => ({
  groups: demo.activity.groups.filter((g) => g.councilId === councilId),
  requests: demo.activity.requests.filter((r) => r.councilId === councilId),
});
/** North Dales' story, with the demo users in it. */
const activity = inCouncil(northDales.councilId);
const outcodesOf = (councilId: string) =>
  demo.councils.find((c) => c.councilId === councilId)?.districts ?? [];
const people = new Map(demo.people.map((p) => [p.personId, p]));
const plans = new Map(demo.plans.map((p) => [p.planId, p]));
const listings = new Map(demo.listings.map((l) => [l.listingId, l]));
const providers = new Map(demo.providers.map((p) => [p.providerId, p]));
const users = new Map(demo.users.map((u) => [u.userId, u]));
const centres = new Map(ukOutcodes.map(([o, latitude, longitude]) => [o, { latitude, longitude }]));
function count<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

describe('the demo activity plan', () => {
  it('is the same for the same seed, and another for another seed', () => {
    expect(generateDemoData({}).activity).toEqual(demo.activity);
    expect(generateDemoData({ scale: false, now: new Date('2027-01-01T00:00:00Z') }).activity).toEqual(
      demo.activity,
    );
    const other = generateDemoData({ seed: 7 }).activity;
    expect(other.groups.map((g) => g.listingId)).not.toEqual(demo.activity.groups.map((g) => g.listingId));
    expect(other.groups.length).toBe(demo.activity.groups.length);
    // Planned from the council alone: the national dataset changes none of it.
    expect(
      planDemoActivity({
        seed: demo.seed,
        council: northDales,
        councilOutcodes: outcodesOf(northDales.councilId),
        towns: {},
        users: demo.users.filter((u) => !u.userId.startsWith('usr_hld_')),
        providers: demo.providers,
        listings: demo.listings,
        people: demo.people.filter((p) => p.councilId === northDales.councilId),
        plans: demo.plans.filter((p) => p.councilId === northDales.councilId),
        delegations: demo.delegations,
      }).groups.map((g) => g.members),
    ).toEqual(activity.groups.map((g) => g.members));
  });

  it('has a dozen group purchases from listings: open, filling, settled, delivered, paid and missed', () => {
    expect(activity.groups).toHaveLength(12);
    expect(count(activity.groups, (g) => g.outcome)).toEqual({
      open: 3,
      filling: 3,
      settled: 1,
      delivered: 1,
      paid: 2,
      missed: 2,
    });
    expect(new Set(activity.groups.map((g) => g.listingId)).size).toBe(12);
    expect(
      new Set(activity.groups.map((g) => listings.get(g.listingId)?.category)).size,
    ).toBeGreaterThanOrEqual(3);
    for (const group of activity.groups) {
      const listing = listings.get(group.listingId);
      if (!listing) throw new Error(`${group.groupId} has no listing`);
      expect(group.groupId).toMatch(/^grp_demo_[0-9]{4}$/);
      expect(listing.status).toBe('active');
      expect(outcodesOf(northDales.councilId)).toContain(listing.outcode);
      expect(canBePaid(providers.get(listing.providerId)?.status ?? 'pending')).toBe(true);
      const tiers = [...listing.groupTiers].sort((a, b) => a.minParticipants - b.minParticipants);
      expect(group.minParticipants).toBe(tiers[0]?.minParticipants);
      expect(group.maxParticipants).toBeLessThanOrEqual(listing.capacity);
      expect(group.maxParticipants).toBeGreaterThanOrEqual(group.members.length);
      const pricing = { kind: 'per_person' as const, tiers };
      expect(group.reservationPence).toBe(
        reservationFor({ pricing, minParticipants: group.minParticipants }) * (group.occurrences ?? 1),
      );

      const members = group.members.length;
      const min = group.minParticipants;
      if (group.outcome === 'open') expect(members).toBeLessThan(min);
      if (group.outcome === 'missed') expect(members).toBeLessThan(min);
      if (['settled', 'delivered', 'paid'].includes(group.outcome))
        expect(members).toBeGreaterThanOrEqual(min);
      // A group that went ahead charged each member no more than they reserved.
      if (members >= min)
        expect(Math.max(...memberShares(pricing, members, group.occurrences ?? 1))).toBeLessThanOrEqual(
          group.reservationPence,
        );

      // The past is before the seed's day and the future after it; joins come before the deadline.
      expect(group.createdAt).toBeLessThan(0);
      for (const m of group.members) {
        expect(m.joinAt).toBeGreaterThan(group.createdAt);
        expect(m.joinAt).toBeLessThan(Math.min(group.deadline, 0));
      }
      expect(group.sessionAt).toBeGreaterThan(group.deadline);
      const open = group.outcome === 'open' || group.outcome === 'filling';
      expect(group.deadline > 24).toBe(open);
      expect(group.settleAt !== undefined).toBe(!open);
      if (group.deliveredAt !== undefined) expect(group.deliveredAt).toBeGreaterThan(group.sessionAt);
      if (group.confirmedAt !== undefined) expect(group.confirmedAt).toBeGreaterThan(group.deliveredAt ?? 0);
      expect(group.deliveredAt !== undefined).toBe(['delivered', 'paid'].includes(group.outcome));
      expect(group.confirmedAt !== undefined).toBe(group.outcome === 'paid');
      if (group.confirmedAt !== undefined) {
        // Paid out more than the reconciliation job's seven days ago: the simulated rail of this
        // run never saw those payouts, so they must not look missing from it.
        expect(group.confirmedAt).toBeLessThan(-7 * 24);
      }
      const organiser = users.get(group.organiserUserId);
      expect(
        organiser?.userId === providers.get(listing.providerId)?.ownerUserId ||
          group.members[0]?.byUserId === group.organiserUserId,
      ).toBe(true);
    }
  });

  it('has real people with approved plans as members, each paying from a line of the group’s category', () => {
    const memberships = new Map<string, number>();
    const groups = [
      ...activity.groups.map((g) => ({
        ...g,
        category: listings.get(g.listingId)?.category,
        providerId: listings.get(g.listingId)?.providerId,
        place: listings.get(g.listingId),
      })),
    ];
    for (const group of groups) {
      expect(new Set(group.members.map((m) => m.personId)).size).toBe(group.members.length);
      for (const member of group.members) {
        memberships.set(member.personId, (memberships.get(member.personId) ?? 0) + 1);
        const person = people.get(member.personId);
        const plan = person?.currentPlanId ? plans.get(person.currentPlanId) : undefined;
        expect(plan?.status).toBe('approved');
        expect(['managed_account', 'mixed']).toContain(person?.budget?.deployment);
        const line = plan?.lines.find((l) => l.lineId === member.lineId);
        expect(line?.category).toBe(group.category);
        if (line?.allowedProviderIds) expect(line.allowedProviderIds).toContain(group.providerId);
        const user = users.get(member.byUserId);
        if (user?.roles.includes('holder')) expect(user.personId).toBe(member.personId);
        else {
          const delegation = demo.delegations.find(
            (d) => d.personId === member.personId && d.userId === member.byUserId,
          );
          expect(delegation?.status).toBe('active');
          expect(delegation?.scopes).toContain('group:join');
        }
        const home = centres.get(person?.outcode ?? '');
        if (home && group.place && !Object.values(demoPersonIds).includes(member.personId as never))
          expect(distanceKm(home, group.place)).toBeLessThanOrEqual(20);
        if (member.firstName) {
          expect(group.showFirstNames).toBe(true);
          expect(person?.name.startsWith(`${member.firstName} `)).toBe(true);
        }
      }
    }
    for (const n of memberships.values()) expect(n).toBeLessThanOrEqual(2);
    expect(memberships.size).toBeGreaterThanOrEqual(30);

    const jean = activity.groups.filter((g) => g.members.some((m) => m.personId === demoPersonIds.holder));
    expect(jean.map((g) => g.outcome)).toEqual(['open']);
    expect(jean[0]?.organiserUserId).toBe(demoUserIds.holder);
    const daniel = activity.groups.filter((g) => g.members.some((m) => m.personId === demoPersonIds.holder2));
    expect(daniel.map((g) => g.outcome)).toEqual(['paid']);
    expect(daniel[0]?.confirmedBy).toBe(demoUserIds.holder2);
    const frank = activity.groups.find((g) =>
      g.members.some((m) => m.personId === demoPersonIds.represented),
    );
    expect(frank?.members.find((m) => m.personId === demoPersonIds.represented)?.byUserId).toBe(
      demoUserIds.representative,
    );
  });

  it('has ten requests for support: some quoted, some with interest, some unmet, one accepted as a group', () => {
    const { requests } = activity;
    expect(requests).toHaveLength(10);
    expect(count(requests, (r) => r.outcome)).toEqual({ open: 4, accepted: 1, unmet: 5 });
    expect(requests.filter((r) => r.quotes.length > 0).length).toBeGreaterThanOrEqual(5);
    expect(requests.filter((r) => r.interest.length > 0).length).toBeGreaterThanOrEqual(5);
    const unmet = requests.filter((r) => r.outcome === 'unmet');
    expect(new Set(unmet.map((r) => r.category)).size).toBeGreaterThanOrEqual(4);
    expect(unmet.some((r) => r.quotes.length > 0)).toBe(true);
    const quoteIds = requests.flatMap((r) => r.quotes.map((q) => q.quoteId));
    expect(new Set(quoteIds).size).toBe(quoteIds.length);
    for (const id of quoteIds) expect(id).toMatch(/^quo_demo_[0-9]{4}$/);
    // The demo provider has a quote to look at.
    expect(requests.some((r) => r.quotes.some((q) => q.byUserId === demoUserIds.provider))).toBe(true);

    for (const request of requests) {
      const {
        personId,
        byUserId,
        postedAt,
        respondBy,
        interest,
        quotes,
        accepted,
        outcome,
        requestId,
        ...input
      } = request;
      expect(
        SupportRequestInput.parse({ ...input, personId, respondBy: '2026-12-01T18:00:00Z' }),
      ).toBeTruthy();
      expect(people.get(personId)?.postcode).toBe(request.postcode);
      expect(postedAt).toBeLessThan(0);
      expect(respondBy > 0).toBe(outcome !== 'unmet');
      for (const i of interest) {
        expect(i.personId).not.toBe(personId);
        expect(i.at).toBeGreaterThan(postedAt);
        expect(i.at).toBeLessThan(Math.min(respondBy, 0));
      }
      for (const q of quotes) {
        const provider = providers.get(q.providerId);
        expect(provider?.ownerUserId).toBe(q.byUserId);
        expect(provider?.categories).toContain(request.category);
        expect(q.at).toBeGreaterThan(postedAt);
        expect(q.at).toBeLessThan(Math.min(respondBy, accepted?.at ?? 0));
        const place = centres.get(people.get(personId)?.outcode ?? '');
        if (provider && place)
          expect(distanceKm(provider, place)).toBeLessThanOrEqual(
            provider.serviceArea.radiusKm + request.radiusKm,
          );
      }
      if (outcome === 'accepted') {
        expect(accepted?.quoteId).toBe(quotes[0]?.quoteId);
        expect(accepted?.groupId).toBe('grp_demo_0013');
        expect(accepted?.members[0]?.personId).toBe(personId);
        expect(accepted?.deadline).toBeGreaterThan(24);
      } else expect(accepted).toBeUndefined();
    }
  });

  it('gives Wolds and Vale groups and requests of its own, among its own people, with ids of its own', () => {
    const wv = inCouncil(woldsAndVale.councilId);
    const districts = new Set(outcodesOf(woldsAndVale.councilId));
    expect(count(wv.groups, (g) => g.outcome)).toEqual({ open: 1, filling: 1, paid: 1, missed: 1 });
    expect(count(wv.requests, (r) => r.outcome)).toEqual({ open: 1, unmet: 2 });
    for (const group of wv.groups) {
      expect(group.groupId).toMatch(/^grp_wv_[0-9]{4}$/);
      expect(districts.has(listings.get(group.listingId)?.outcode ?? '')).toBe(true);
      for (const m of group.members) expect(people.get(m.personId)?.councilId).toBe(woldsAndVale.councilId);
    }
    for (const request of wv.requests) {
      expect(request.requestId).toMatch(/^req_wv_[0-9]{4}$/);
      expect(people.get(request.personId)?.councilId).toBe(woldsAndVale.councilId);
      for (const q of request.quotes) expect(q.quoteId).toMatch(/^quo_wv_[0-9]{4}$/);
    }
    const ruth = wv.groups.find((g) => g.members.some((m) => m.personId === demoPersonIds.wvHolder));
    expect(ruth).toMatchObject({ outcome: 'open', organiserUserId: demoUserIds.wvHolder });
    for (const user of demo.activity.users.filter((u) => u.councilId === woldsAndVale.councilId))
      expect(user.userId).toBe(`usr_hld_wv_${user.personId?.replace('per_wv_', '')}`);
  });

  it('keeps its day inside the plan year, and counts its steps', () => {
    expect(activityDay(new Date('2026-11-23T04:32:15Z')).toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(activityDay(new Date('2026-04-02T12:00:00Z')).toISOString()).toBe('2026-05-27T00:00:00.000Z');
    expect(activityDay(new Date('2027-06-01T12:00:00Z')).toISOString()).toBe('2027-03-03T00:00:00.000Z');
    expect(instant(new Date('2026-11-23T00:00:00Z'), -24 + 10.5).toISOString()).toBe(
      '2026-11-22T10:30:00.000Z',
    );
    const all = demo.activity;
    const steps = activitySteps(all, new Date('2026-11-23T04:32:15Z'));
    const members = all.groups.reduce((n, g) => n + g.members.length, 0);
    expect(steps).toBeGreaterThan(members + all.groups.length + all.requests.length);
  });
});
