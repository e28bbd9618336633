import { accountId, type GroupRecord, postScheduledDeposits } from '@carepool/domain';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestTable, type TestTable } from '../../../../test/support/dynamo.ts';
import { generateSigningKey } from '../jwt.ts';
import { type Runtime, startRuntime } from '../runtime.ts';
import { demoPersonIds, demoUserIds, generateDemoData } from './demo-data.ts';
import { readSeedMarker, seedTable } from './seed-table.ts';

type Json = Record<string, unknown>;

/**
 * The whole demo seed, activity and all, into DynamoDB Local through the runtime (as `npm start`
 * does on a first start), then looked at through the API as the demo users see it.
 */
const { activity } = generateDemoData({});
let table: TestTable;
let runtime: Runtime;
let seedSeconds = 0;

beforeAll(async () => {
  table = await createTestTable();
  const started = performance.now();
  runtime = await startRuntime({
    endpoint: table.endpoint,
    tableName: table.tableName,
    signingKey: await generateSigningKey(),
    port: 0,
    seed: 'demo',
    handlers: 'in-process',
  });
  seedSeconds = (performance.now() - started) / 1000;
}, 300_000);
afterAll(async () => {
  await runtime?.close();
  table?.db.destroy();
});

async function call(method: string, path: string, userId?: string, body?: unknown) {
  const headers: Record<string, string> = {};
  if (userId) headers.authorization = `Bearer ${await token(userId)}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${runtime.url}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json()) as Json;
  if (response.status >= 300)
    throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

const tokens = new Map<string, string>();
async function token(userId: string): Promise<string> {
  const known = tokens.get(userId);
  if (known) return known;
  const response = await fetch(`${runtime.url}/v1/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  const { token: issued } = (await response.json()) as { token: string };
  tokens.set(userId, issued);
  return issued;
}

const escrow = (groupId: string) => runtime.deps.ledger.account(accountId.groupEscrow(groupId));

describe('the seeded demo activity', () => {
  it('seeds every group and request, with the marker last', async () => {
    expect(runtime.seeded).toBe('seeded');
    const marker = await readSeedMarker(table.db, table.tableName);
    // North Dales' 13 groups (one from an accepted request) and Wolds and Vale's 4.
    expect(marker?.counts).toMatchObject({
      groups: 17,
      groupsByStatus: { open: 9, settled: 1, delivered: 1, paid: 3, missed: 3 },
      groupMembers:
        activity.groups.reduce((n, g) => n + g.members.length, 0) +
        activity.requests.reduce((n, r) => n + (r.accepted?.members.length ?? 0), 0),
      requests: 13,
      quotes: activity.requests.reduce((n, r) => n + r.quotes.length, 0),
    });
    // How long it took is a figure for the README, not a pass mark: timings belong in the bench.
    console.log(`Seeded the two demo councils with their activity in ${seedSeconds.toFixed(1)} s`);
  });

  it('shows Jean her open group near Ripon, and her reservation in her account', async () => {
    const planned = activity.groups.find((g) => g.members.some((m) => m.personId === demoPersonIds.holder));
    if (!planned) throw new Error('Jean has no group');
    const found = await call('GET', '/v1/group-purchases?near=HG4&radiusKm=30', demoUserIds.holder);
    const items = found.items as Json[];
    expect(items.length).toBeGreaterThanOrEqual(3);
    for (const item of items) expect(item.status).toBe('open');
    const jeans = items.find((g) => g.groupId === planned.groupId);
    expect(jeans).toMatchObject({
      youAreOrganiser: true,
      memberCount: planned.members.length,
      minimumMet: false,
      yourMembership: { status: 'joined', reservedPence: planned.reservationPence },
    });
    const account = await call('GET', `/v1/people/${demoPersonIds.holder}/account`, demoUserIds.holder);
    expect(account.reservedPence).toBe(planned.reservationPence);
    expect(Number(account.balancePence)).toBeGreaterThan(0);
    expect(account.availablePence).toBe(Number(account.balancePence) - planned.reservationPence);
  });

  it('shows Daniel the group he paid for, at the price the group reached', async () => {
    const planned = activity.groups.find((g) => g.members.some((m) => m.personId === demoPersonIds.holder2));
    if (!planned) throw new Error('Daniel has no group');
    const mine = await call(
      'GET',
      `/v1/people/${demoPersonIds.holder2}/group-purchases`,
      demoUserIds.holder2,
    );
    const membership = (mine.items as Json[]).find((m) => m.groupId === planned.groupId);
    expect(membership).toMatchObject({ status: 'settled' });
    const group = await call('GET', `/v1/group-purchases/${planned.groupId}`, demoUserIds.holder2);
    expect(group).toMatchObject({
      status: 'paid',
      payout: { status: 'sent' },
      settlement: { members: planned.members.length },
      yourMembership: { status: 'settled', paidPence: membership?.paidPence },
    });
    expect(Number(membership?.paidPence)).toBeLessThanOrEqual(planned.reservationPence);
  });

  it('leaves every escrow as its group stands: reserved, held, paid out or released', async () => {
    const groups = [
      ...activity.groups.map((g) => ({ ...g, quoted: false })),
      ...activity.requests.flatMap((r) =>
        r.accepted ? [{ ...r.accepted, outcome: 'open' as const, quoted: true }] : [],
      ),
    ];
    for (const planned of groups) {
      const group = (await runtime.deps.groups.groups.get(planned.groupId)) as GroupRecord;
      const account = await escrow(planned.groupId);
      const held = account.creditsPosted - account.debitsPosted;
      switch (planned.outcome) {
        case 'open':
        case 'filling':
          expect(account.creditsPending).toBe(planned.members.length * planned.reservationPence);
          expect(held).toBe(0);
          break;
        case 'settled':
        case 'delivered':
          expect(account.creditsPending).toBe(0);
          expect(held).toBe(group.settlement?.totalPence);
          expect(group.settlement?.members).toBe(planned.members.length);
          break;
        case 'paid':
          expect(account.creditsPending).toBe(0);
          expect(account.creditsPosted).toBe(group.settlement?.totalPence);
          expect(held).toBe(0);
          break;
        case 'missed':
          expect(account.creditsPending).toBe(0);
          expect(account.creditsPosted).toBe(0);
          break;
      }
      if (planned.quoted) expect(group.quoteId).toBeDefined();
    }
  });

  it('has requests the demo provider can quote on, and unmet demand for the care manager', async () => {
    const household = activity.requests.find((r) =>
      r.quotes.some((q) => q.byUserId === demoUserIds.provider),
    );
    if (!household) throw new Error('No request quoted by the demo provider');
    const open = await call('GET', '/v1/requests?near=HG5&radiusKm=15', demoUserIds.provider);
    expect((open.items as Json[]).map((r) => r.requestId)).toContain(household.requestId);
    const seen = await call('GET', `/v1/requests/${household.requestId}`, demoUserIds.provider);
    expect(seen).toMatchObject({ youAsked: false, quoteCount: household.quotes.length });
    expect((seen.quotes as Json[]).map((q) => q.providerId)).toEqual(['prv_demo_0001']);

    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10);
    const report = await call(
      'GET',
      `/v1/reports/unmet-demand?from=${from}&to=${today}`,
      demoUserIds.careManager,
    );
    const unmet = activity.requests.filter((r) => r.outcome === 'unmet' && r.councilId === 'north-dales');
    expect(report).toMatchObject({ totalRequests: 10, unmetRequests: unmet.length });
    const rows = report.rows as Array<{ requests: number; quotesReceived: number; people: number }>;
    expect(rows.reduce((n, r) => n + r.requests, 0)).toBe(unmet.length);
    expect(rows.reduce((n, r) => n + r.quotesReceived, 0)).toBe(
      unmet.reduce((n, r) => n + r.quotes.length, 0),
    );
  });

  it('gives Wolds and Vale its own people, groups and unmet demand, and shows North Dales none of them', async () => {
    const ruthsGroup = activity.groups.find((g) =>
      g.members.some((m) => m.personId === demoPersonIds.wvHolder),
    );
    if (!ruthsGroup) throw new Error('Ruth has no group');
    const found = await call('GET', '/v1/group-purchases?near=YO17&radiusKm=20', demoUserIds.wvHolder);
    expect((found.items as Json[]).map((g) => g.groupId)).toContain(ruthsGroup.groupId);
    const ruth = await call('GET', `/v1/people/${demoPersonIds.wvHolder}`, demoUserIds.wvCareManager2);
    expect(ruth).toMatchObject({ name: 'Ruth Dobson', councilId: 'wolds-and-vale' });
    // Another council's person is a 404 to North Dales' care manager.
    const notHers = await fetch(`${runtime.url}/v1/people/${demoPersonIds.wvHolder}`, {
      headers: { authorization: `Bearer ${await token(demoUserIds.careManager)}` },
    });
    expect(notHers.status).toBe(404);

    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10);
    const report = await call(
      'GET',
      `/v1/reports/unmet-demand?from=${from}&to=${today}`,
      demoUserIds.wvCareManager,
    );
    const theirs = activity.requests.filter((r) => r.councilId === 'wolds-and-vale');
    expect(report).toMatchObject({
      totalRequests: theirs.length,
      unmetRequests: theirs.filter((r) => r.outcome === 'unmet').length,
    });
  });

  it('gives each seeded holder the one account their person may have', async () => {
    const second = await fetch(`${runtime.url}/v1/people/${demoPersonIds.holder}/invitations`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await token(demoUserIds.careManager)}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ kind: 'holder', email: 'jean.again@example.com' }),
    });
    expect(second.status).toBe(409);
    expect(((await second.json()) as Json).code).toBe('person_has_account');
  });

  it('leaves nothing for the jobs to redo: no group due, no deposit paid twice, no payout astray', async () => {
    const before = await call('GET', `/v1/people/${demoPersonIds.holder}/account`, demoUserIds.holder);
    expect((await call('POST', '/v1/dev/jobs/groups')).summary).toEqual({ settled: 0, missed: 0, paid: 0 });
    // The deposits job, for Jean alone (the whole council takes a while): her deposits are the
    // job's own transfers, so it posts nothing again.
    const deposits = await postScheduledDeposits(
      { ...runtime.deps.money, peopleInCouncil: async () => [{ personId: demoPersonIds.holder }] },
      'north-dales',
    );
    expect(deposits.posted).toBe(0);
    expect(deposits.alreadyPosted + deposits.skipped).toBe(1);
    // The seed's payouts are older than reconciliation looks back, so none is missing from the rail.
    expect((await call('POST', '/v1/dev/jobs/reconcile')).summary).toMatchObject({ exceptions: 0 });
    const after = await call('GET', `/v1/people/${demoPersonIds.holder}/account`, demoUserIds.holder);
    expect(after.balancePence).toBe(before.balancePence);
  });

  it('picks up where it left off when seeded again, changing nothing', async () => {
    const before = await Promise.all(activity.groups.map((g) => escrow(g.groupId)));
    // On a table seeded before, a failing activity only warns: here it must not fail at all.
    const warn = vi.spyOn(console, 'warn');
    await seedTable(table.db, table.tableName, generateDemoData({}));
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
    expect(await Promise.all(activity.groups.map((g) => escrow(g.groupId)))).toEqual(before);
    const jean = await call('GET', `/v1/people/${demoPersonIds.holder}/account`, demoUserIds.holder);
    expect(jean.reservedPence).toBe(
      activity.groups.find((g) => g.members.some((m) => m.personId === demoPersonIds.holder))
        ?.reservationPence,
    );
  }, 120_000);
});
