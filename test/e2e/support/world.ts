/**
 * A small, made-up North Dales for the browser tests, built through the API as a council and a
 * provider would build it. Its people are written as "demo users", so the web app's own
 * "Sign in as" page lists them and the tests sign in exactly as a person would.
 */
import { batchPut, userItem } from '@carepool/db';
import type { UserRecord } from '@carepool/domain';
import { expect } from 'vitest';
import { microEnterprise, walkingGroup } from '../../support/fixtures.ts';
import type { App } from './app.ts';

type Json = Record<string, unknown>;

export const council = 'north-dales';

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A plan year that started four weeks ago, so every weekly line has money available now. */
export function planYear(now = new Date()) {
  const start = new Date(now.getTime() - 28 * 86_400_000);
  const end = new Date(start.getTime() + 364 * 86_400_000);
  return { startDate: isoDay(start), endDate: isoDay(end) };
}

export interface World {
  users: {
    jean: UserRecord;
    helen: UserRecord;
    asha: UserRecord;
    priya: UserRecord;
    tom: UserRecord;
    daniel: UserRecord;
  };
  jean: { personId: string; lineIds: string[] };
  frank: { personId: string };
  daniel: { personId: string; planId: string };
  provider: { providerId: string; listingId: string; name: string; listingTitle: string };
  pendingProvider: { providerId: string; listingId: string; name: string };
  /** Calls the API as one of the world's users, for steps a test does not need to click through. */
  as(userId: string): (method: string, path: string, body?: unknown) => Promise<Json>;
}

export async function buildWorld(app: App, options: { extraListings?: number } = {}): Promise<World> {
  let order = 0;
  const demo = (user: Omit<UserRecord, 'demoOrder'>): UserRecord => ({ ...user, demoOrder: ++order });
  const staff = {
    priya: demo({
      userId: 'usr_e2e_priya',
      name: 'Priya Shah',
      roles: ['care_manager'],
      councilId: council,
      description: 'A care manager at North Dales Council.',
    }),
    tom: demo({
      userId: 'usr_e2e_tom',
      name: 'Tom Whitaker',
      roles: ['finance'],
      councilId: council,
      description: 'A finance officer at North Dales Council.',
    }),
    asha: demo({
      userId: 'usr_e2e_asha',
      name: 'Asha Patel',
      roles: ['provider'],
      description: 'Runs Nidd Valley Walking Friends and a lunch club.',
    }),
  };
  await batchPut(app.db, app.tableName, Object.values(staff).map(userItem));

  const tokens = new Map<string, string>();
  const token = async (userId: string) => {
    const known = tokens.get(userId);
    if (known) return known;
    const response = await app.call('POST', '/v1/dev/token', { body: { userId } });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const issued = String((response.body as Json).token);
    tokens.set(userId, issued);
    return issued;
  };
  const call = async (method: string, path: string, userId: string, body?: unknown) => {
    const response = await app.call(method, path, {
      token: await token(userId),
      ...(body === undefined ? {} : { body }),
    });
    expect(response.status, `${method} ${path}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
    return response.body as Json;
  };

  // Providers: one checked by the council, one still waiting.
  const provider = await call('POST', '/v1/providers', staff.asha.userId, microEnterprise);
  const providerId = String(provider.providerId);
  await call('POST', `/v1/providers/${providerId}/verify`, staff.priya.userId, {
    status: 'verified',
    reason: 'DBS, insurance and safeguarding training seen',
  });
  const listing = await call('POST', `/v1/providers/${providerId}/listings`, staff.asha.userId, walkingGroup);
  const pending = await call('POST', '/v1/providers', staff.asha.userId, {
    ...microEnterprise,
    name: 'Kindlewood Lunch Club',
    description: 'A friendly lunch club on Tuesdays and Thursdays.',
  });
  const pendingId = String(pending.providerId);
  for (let n = 1; n <= (options.extraListings ?? 0); n++) {
    await call('POST', `/v1/providers/${providerId}/listings`, staff.asha.userId, {
      ...walkingGroup,
      title: `Riverside walk ${n}`,
      pricePence: 1500 + n * 100,
    });
  }
  const pendingListing = await call('POST', `/v1/providers/${pendingId}/listings`, staff.asha.userId, {
    ...walkingGroup,
    title: 'Lunch club',
    description: 'A hot two-course lunch with company.',
    pricePence: 1200,
    councilRatePence: 1400,
    groupTiers: [],
    capacity: 20,
  });

  // People, each with a budget.
  const register = async (name: string, dateOfBirth: string, postcode: string, allocationPence: number) => {
    const person = await call('POST', '/v1/people', staff.priya.userId, { name, dateOfBirth, postcode });
    const personId = String(person.personId);
    await call('PUT', `/v1/people/${personId}/budget`, staff.priya.userId, {
      allocationPence,
      fundingSources: [{ source: 'council_social_care', amountPence: allocationPence }],
      deployment: 'managed_account',
      planYearStart: planYear().startDate,
    });
    return personId;
  };
  const jeanId = await register('Jean Barker', '1948-05-14', 'HG1 2AB', 1_248_000);
  const frankId = await register('Frank Metcalfe', '1940-08-21', 'HG1 4DJ', 1_500_000);
  const danielId = await register('Daniel Okafor', '2002-03-09', 'HG1 5LP', 1_976_000);

  const people = {
    jean: demo({
      userId: 'usr_e2e_jean',
      name: 'Jean Barker',
      roles: ['holder'],
      councilId: council,
      personId: jeanId,
      description: 'Jean, 78, uses her personal budget for a walking group and help at home.',
    }),
    frank: {
      userId: 'usr_e2e_frank',
      name: 'Frank Metcalfe',
      roles: ['holder'],
      councilId: council,
      personId: frankId,
    } satisfies UserRecord,
    daniel: demo({
      userId: 'usr_e2e_daniel',
      name: 'Daniel Okafor',
      roles: ['holder'],
      councilId: council,
      personId: danielId,
      description: 'Daniel, 24, has just sent a new support plan to the council.',
    }),
    helen: demo({
      userId: 'usr_e2e_helen',
      name: 'Helen Metcalfe',
      roles: ['representative'],
      councilId: council,
      description: 'Helen can see her dad Frank’s plan and money, but not book for him.',
    }),
  };
  await batchPut(app.db, app.tableName, Object.values(people).map(userItem));

  const approvedPlan = async (personId: string, userId: string, lines: Json[]) => {
    const plan = await call('POST', `/v1/people/${personId}/plans`, userId, {
      outcomes: {
        whatMatters: 'Staying in my own home and getting out to see my friends.',
        whatIWantToAchieve: ['Get out for a walk every week', 'Keep the house clean'],
      },
      ...planYear(),
      lines,
    });
    await call('POST', `/v1/plans/${plan.planId}/submit`, userId);
    const approved = await call('POST', `/v1/plans/${plan.planId}/approve`, staff.priya.userId, {});
    return approved.lines as Array<{ lineId: string }>;
  };
  const jeanLines = await approvedPlan(jeanId, people.jean.userId, [
    { category: 'day_and_community', capPence: 5_000, period: 'week', notes: 'Walking group and lunch club' },
    { category: 'household_help', capPence: 2_500, period: 'week', notes: 'Cleaning once a week' },
  ]);
  await approvedPlan(frankId, people.frank.userId, [
    { category: 'personal_care', capPence: 25_000, period: 'week', notes: 'Morning and evening calls' },
    { category: 'day_and_community', capPence: 3_500, period: 'week', notes: 'Memory café' },
  ]);
  await call('POST', `/v1/people/${frankId}/delegations`, people.frank.userId, {
    userId: people.helen.userId,
    kind: 'representative',
    name: 'Helen Metcalfe',
    relationship: 'Daughter',
    scopes: ['plan:read', 'account:read'],
  });
  for (const [personId, amount] of [
    [jeanId, 100_000],
    [frankId, 150_000],
  ] as const) {
    await call('POST', `/v1/people/${personId}/funding`, staff.tom.userId, {
      transferId: `fund-${personId}`,
      amountPence: amount,
      reference: 'Council payment, four weeks in advance',
    });
  }
  const danielPlan = await call('POST', `/v1/people/${danielId}/plans`, people.daniel.userId, {
    outcomes: { whatMatters: 'Having my own place and my own friends.' },
    ...planYear(),
    lines: [
      { category: 'pa_support', capPence: 21_600, period: 'week', notes: 'About 14 hours a week with my PA' },
      { category: 'day_and_community', capPence: 3_000, period: 'week', notes: 'Art group on Wednesdays' },
    ],
  });
  await call('POST', `/v1/plans/${danielPlan.planId}/submit`, people.daniel.userId);

  return {
    users: { ...staff, jean: people.jean, helen: people.helen, daniel: people.daniel },
    jean: { personId: jeanId, lineIds: jeanLines.map((l) => l.lineId) },
    frank: { personId: frankId },
    daniel: { personId: danielId, planId: String(danielPlan.planId) },
    provider: {
      providerId,
      listingId: String(listing.listingId),
      name: String(provider.name),
      listingTitle: String(listing.title),
    },
    pendingProvider: {
      providerId: pendingId,
      listingId: String(pendingListing.listingId),
      name: String(pending.name),
    },
    as: (userId) => (method, path, body) => call(method, path, userId, body),
  };
}

export interface Holder {
  name: string;
  userId: string;
  personId: string;
  /** The plan's day-and-community line. */
  lineId: string;
}

/**
 * More budget holders in HG1 with approved plans and money in their accounts, signed in through
 * the "Sign in as" page like anyone else: for journeys that need a crowd (a group purchase).
 */
export async function addHolders(app: App, world: World, names: string[]): Promise<Holder[]> {
  const priya = world.as(world.users.priya.userId);
  const tom = world.as(world.users.tom.userId);
  const holders: Holder[] = [];
  for (const [index, name] of names.entries()) {
    const person = await priya('POST', '/v1/people', {
      name,
      dateOfBirth: `19${45 + index}-0${(index % 9) + 1}-1${index % 10}`,
      postcode: `HG1 ${index + 1}AB`,
    });
    const personId = String(person.personId);
    await priya('PUT', `/v1/people/${personId}/budget`, {
      allocationPence: 600_000,
      fundingSources: [{ source: 'council_social_care', amountPence: 600_000 }],
      deployment: 'managed_account',
      planYearStart: planYear().startDate,
    });
    const user: UserRecord = {
      userId: `usr_e2e_${name.split(' ')[0]?.toLowerCase()}`,
      name,
      roles: ['holder'],
      councilId: council,
      personId,
      description: `${name.split(' ')[0]} goes on the walks in Valley Gardens.`,
      demoOrder: 100 + index,
    };
    await batchPut(app.db, app.tableName, [userItem(user)]);
    const holder = world.as(user.userId);
    const plan = await holder('POST', `/v1/people/${personId}/plans`, {
      outcomes: { whatMatters: 'Getting out with friends every week.' },
      ...planYear(),
      lines: [{ category: 'day_and_community', capPence: 4_000, period: 'week', notes: 'Walks and clubs' }],
    });
    await holder('POST', `/v1/plans/${plan.planId}/submit`);
    const approved = await priya('POST', `/v1/plans/${plan.planId}/approve`, {});
    await tom('POST', `/v1/people/${personId}/funding`, {
      transferId: `fund-${personId}`,
      amountPence: 20_000,
      reference: 'Council payment, four weeks in advance',
    });
    const lines = approved.lines as Array<{ lineId: string }>;
    holders.push({ name, userId: user.userId, personId, lineId: String(lines[0]?.lineId) });
  }
  return holders;
}
