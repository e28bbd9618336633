import { batchPut, listingItem, personItem, planItem, providerItem } from '@carepool/db';
import {
  accountId,
  DomainError,
  joinGroup,
  type ListingRecord,
  type PersonRecord,
  type PlanRecord,
  type ProviderRecord,
} from '@carepool/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentRail } from '../../functions/src/adapters/payment-rail.ts';
import { buildDeps, type Deps, readEnv } from '../../functions/src/deps.ts';
import { createTestTable, type TestTable } from '../support/dynamo.ts';
import { type Fault, injectFaults } from '../support/faults.ts';

const people = 1_000;
const places = 20;
let table: TestTable;
let deps: Deps;
let injected: Record<Fault, number>;
const now = new Date('2026-06-01T09:00:00Z');
const created = now.toISOString();

beforeAll(async () => {
  table = await createTestTable();
  let call = 0;
  deps = buildDeps(readEnv({ CAREPOOL_TABLE: table.tableName, DYNAMODB_ENDPOINT: table.endpoint }), {
    clock: { now: () => now },
    adapters: { paymentRail },
    // One transaction in ten hits an injected conflict or throttle: retries must stay exactly-once.
    decorateClient: (db) => {
      injected = injectFaults(db, () =>
        ++call % 10 === 0 ? 'conflict' : call % 10 === 5 ? 'throttle' : undefined,
      ).injected;
    },
  });
  const provider: ProviderRecord = {
    providerId: 'prv_cap',
    ownerUserId: 'usr_cap',
    kind: 'micro_enterprise',
    name: 'Capacity Classes',
    description: '',
    workers: 2,
    serviceArea: { postcode: 'HG1 1AA', radiusKm: 10 },
    contact: { email: 'cap@example.org' },
    evidence: { dbsCheck: { level: 'enhanced' } },
    regulatedPersonalCare: false,
    categories: [],
    status: 'verified',
    outcode: 'HG1',
    latitude: 53.99,
    longitude: -1.54,
    createdAt: created,
    updatedAt: created,
    version: 1,
  };
  const listing: ListingRecord = {
    listingId: 'lst_cap',
    providerId: provider.providerId,
    providerName: provider.name,
    providerKind: provider.kind,
    providerStatus: 'verified',
    title: 'Seated exercise class',
    description: '',
    category: 'day_and_community',
    pricePence: 2_000,
    priceUnit: 'session',
    groupTiers: [
      { minParticipants: 5, pricePerPersonPence: 1_500 },
      { minParticipants: 15, pricePerPersonPence: 1_000 },
    ],
    capacity: 30,
    where: { mode: 'venue', postcode: 'HG1 1AA' },
    availability: [],
    accessibility: [],
    languages: ['en'],
    status: 'active',
    outcode: 'HG1',
    latitude: 53.99,
    longitude: -1.54,
    serviceRadiusKm: 10,
    createdAt: created,
    updatedAt: created,
    version: 1,
  };
  const persons: PersonRecord[] = [];
  const plans: PlanRecord[] = [];
  for (let i = 0; i < people; i++) {
    const personId = `per_cap_${i}`;
    const planId = `pln_cap_${i}`;
    persons.push({
      personId,
      councilId: 'north-dales',
      name: `Person ${i}`,
      dateOfBirth: '1950-01-01',
      postcode: 'HG1 1AA',
      outcode: 'HG1',
      budget: {
        allocationPence: 500_000,
        fundingSources: [{ source: 'council_social_care', amountPence: 500_000 }],
        deployment: 'managed_account',
        planYearStart: '2026-04-01',
      },
      currentPlanId: planId,
      createdBy: 'usr_cm',
      createdAt: created,
      updatedAt: created,
      version: 1,
    });
    plans.push({
      planId,
      personId,
      councilId: 'north-dales',
      planVersion: 1,
      status: 'approved',
      contributors: [],
      outcomes: { whatMatters: 'Keeping active', whatIWantToAchieve: [] },
      helpedBy: [],
      startDate: '2026-04-01',
      endDate: '2027-03-31',
      lines: [
        {
          lineId: 'line_1',
          category: 'day_and_community',
          capPence: 5_000,
          period: 'month',
          contingency: false,
          carryForward: true,
          notes: '',
        },
      ],
      history: [],
      createdBy: 'usr_cm',
      createdAt: created,
      updatedAt: created,
      version: 1,
    });
  }
  await batchPut(table.db, table.tableName, [
    providerItem(provider),
    listingItem(listing),
    ...persons.map(personItem),
    ...plans.map(planItem),
  ]);
  const queue = persons.map((p) => p.personId);
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let personId = queue.shift(); personId; personId = queue.shift()) {
        await deps.ledger.transfer({
          transferId: `fund-${personId}`,
          debitAccountId: accountId.councilFunding('north-dales'),
          creditAccountId: accountId.holderCash(personId),
          amountPence: 10_000,
          flags: 'single',
          code: 'council_deposit',
          description: 'Deposit',
          actor: { userId: 'usr_test', roles: ['finance'] },
        });
      }
    }),
  );
}, 300_000);
afterAll(() => table?.db.destroy());

describe('group capacity under a stampede', () => {
  it('gives 1,000 simultaneous joins for 20 places exactly 20 members and 20 reservations, with conflicts injected', async () => {
    const { createGroup } = await import('@carepool/domain');
    const organiser = {
      caller: {
        userId: 'per_cap_0_user',
        name: 'Org',
        roles: ['holder' as const],
        councilId: 'north-dales',
        personId: 'per_cap_0',
      },
    };
    const group = await createGroup(deps.groups, organiser, {
      listingId: 'lst_cap',
      title: 'Seated exercise',
      description: '',
      minParticipants: 5,
      maxParticipants: places,
      deadline: '2026-06-10T09:00:00Z',
      schedule: { kind: 'one_off', at: '2026-06-12T10:00:00Z' },
      showFirstNames: false,
    });
    const outcomes = await Promise.allSettled(
      Array.from({ length: people }, (_, i) =>
        joinGroup(
          deps.groups,
          {
            caller: {
              userId: `usr_cap_${i}`,
              name: `P${i}`,
              roles: ['holder'],
              councilId: 'north-dales',
              personId: `per_cap_${i}`,
            },
          },
          group.groupId,
          { personId: `per_cap_${i}`, lineId: 'line_1' },
        ),
      ),
    );
    const joined = outcomes.filter((o) => o.status === 'fulfilled');
    const unexpected = outcomes.flatMap((o) =>
      o.status === 'rejected' && !(o.reason instanceof DomainError) ? [String(o.reason)] : [],
    );
    expect(unexpected.slice(0, 3)).toEqual([]);
    const refusedCodes = outcomes.flatMap((o) =>
      o.status === 'rejected' ? [(o.reason as DomainError).code] : [],
    );
    expect(joined).toHaveLength(places);
    expect(new Set(refusedCodes)).toEqual(new Set(['group_full']));
    expect(injected.conflict + injected.throttle).toBeGreaterThan(0);

    const stored = await deps.groups.groups.get(group.groupId);
    expect(stored?.memberCount).toBe(places);
    const members = await deps.groups.groups.members(group.groupId);
    expect(members.filter((m) => m.status === 'joined')).toHaveLength(places);
    const escrow = await deps.ledger.account(accountId.groupEscrow(group.groupId));
    expect(escrow.creditsPending).toBe(places * 1_500);
    // Nobody who was refused has anything reserved.
    const reservedTotals = await Promise.all(
      Array.from({ length: people }, (_, i) =>
        deps.ledger.account(accountId.holderCash(`per_cap_${i}`)).then((a) => a.debitsPending),
      ),
    );
    expect(reservedTotals.reduce((a, b) => a + b, 0)).toBe(places * 1_500);
    expect(reservedTotals.filter((r) => r > 0)).toHaveLength(places);
  }, 300_000);
});
