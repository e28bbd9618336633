import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@carepool/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../functions/src/jobs/run-job.ts';
import { startTestApi, type TestApi, testCouncils } from '../support/runtime.ts';
import { fundedHolder, planYear } from '../support/world.ts';

type Json = Record<string, unknown>;
const asJson = (body: unknown) => body as Json;

let api: TestApi;
let secondFinance: string;

beforeAll(async () => {
  api = await startTestApi();
  secondFinance = await api.tokenFor({ userId: 'usr_fiona', roles: ['finance'], councilId: 'north-dales' });
});
afterAll(async () => api?.close());

const fund = (personId: string, token: string, body: Json) =>
  api.call('POST', `/v1/people/${personId}/funding`, { token, body });

async function balance(world: Awaited<ReturnType<typeof fundedHolder>>) {
  const account = await api.call('GET', `/v1/people/${world.personId}/account`, {
    token: world.tokens.holder,
  });
  return Number(asJson(account.body).balancePence);
}

async function storedTransfer(transferId: string) {
  const { Item } = await api.db.send(
    new GetCommand({ TableName: api.tableName, Key: keys.transfer(transferId) }),
  );
  return Item;
}

describe('who caused a transfer', () => {
  it('records the finance user, the holder and the request on a deposit', async () => {
    const world = await fundedHolder(api, { fundPence: 0 });
    const response = await fund(world.personId, world.tokens.finance, {
      transferId: 'actor-1',
      amountPence: 5_000,
      reference: 'May',
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(asJson(response.body)).toMatchObject({ transferId: 'actor-1', status: 'posted' });
    const transfer = await storedTransfer(String(asJson(response.body).depositId));
    expect(transfer?.actor).toMatchObject({
      userId: 'usr_tom',
      roles: ['finance'],
      onBehalfOf: world.personId,
      councilId: 'north-dales',
    });
    expect(typeof transfer?.actor?.requestId).toBe('string');
  });

  it('writes the movement into the audit trail, which the council’s care managers read and nobody else', async () => {
    const world = await fundedHolder(api, { fundPence: 0 });
    const response = await fund(world.personId, world.tokens.finance, {
      transferId: 'movement-audit-1',
      amountPence: 7_000,
      reference: 'June',
    });
    const depositId = String(asJson(response.body).depositId);
    const trail = await api.call('GET', `/v1/audit/transfer/${depositId}`, { token: world.tokens.priya });
    expect(trail.status, JSON.stringify(trail.body)).toBe(200);
    expect(JSON.stringify(trail.body)).toContain('"userId":"usr_tom"');
    expect(JSON.stringify(trail.body)).toContain('"amountPence":7000');
    expect(asJson(trail.body).verified).toBe(true);
    const elsewhere = await api.tokenFor({
      userId: 'usr_olu',
      roles: ['care_manager'],
      councilId: 'south-vale',
    });
    expect((await api.call('GET', `/v1/audit/transfer/${depositId}`, { token: elsewhere })).status).toBe(404);
  });

  it('records the holder on an order reservation', async () => {
    const world = await fundedHolder(api);
    const booked = await api.call('POST', '/v1/orders', {
      token: world.tokens.holder,
      body: {
        personId: world.personId,
        listingId: world.listingId,
        lineId: world.lineId,
        quantity: 1,
        scheduledFor: '2026-06-02T10:00:00Z',
      },
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const order = (asJson(booked.body).orders as Json[])[0] as Json;
    const transfer = await storedTransfer(String(order.reservationId));
    expect(transfer?.actor?.userId).toMatch(/^usr_holder_/);
  });
});

describe('deposits in the audit trail', () => {
  it("adds each deposit to the holder's chain, which still verifies", async () => {
    const world = await fundedHolder(api, { fundPence: 0 });
    await fund(world.personId, world.tokens.finance, {
      transferId: 'audit-1',
      amountPence: 7_000,
      reference: 'A',
    });
    await fund(world.personId, world.tokens.finance, {
      transferId: 'audit-2',
      amountPence: 8_000,
      reference: 'B',
    });
    const trail = asJson(
      (await api.call('GET', `/v1/audit/person/${world.personId}`, { token: world.tokens.priya })).body,
    );
    expect(trail.verified).toBe(true);
    const deposits = (trail.records as Json[]).filter((r) => r.action === 'deposit_posted');
    expect(deposits.map((r) => asJson(r.after).amountPence)).toEqual([7_000, 8_000]);
    expect(asJson(deposits[0]?.actor).userId).toBe('usr_tom');
  });
});

describe('a deposit above the approval amount', () => {
  const big = { transferId: '', amountPence: 5_000_000, reference: 'Backdated direct payment' };

  it('waits for a second finance user, who posts it once', async () => {
    const world = await fundedHolder(api, { fundPence: 0 });
    const body = { ...big, transferId: 'big-approve' };
    const requested = await fund(world.personId, world.tokens.finance, body);
    expect(requested.status, JSON.stringify(requested.body)).toBe(201);
    const deposit = asJson(requested.body);
    expect(deposit).toMatchObject({ transferId: 'big-approve', status: 'pending_approval' });
    expect(await balance(world)).toBe(0);
    // Sending it again is the same pending deposit, not a second one.
    expect(asJson((await fund(world.personId, world.tokens.finance, body)).body).status).toBe(
      'pending_approval',
    );

    const own = await api.call('POST', `/v1/deposits/${deposit.depositId}/approve`, {
      token: world.tokens.finance,
      body: {},
    });
    expect(own.status).toBe(403);
    expect(asJson(own.body).code).toBe('own_deposit');
    expect(await balance(world)).toBe(0);

    const approved = await api.call('POST', `/v1/deposits/${deposit.depositId}/approve`, {
      token: secondFinance,
      body: {},
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(asJson(approved.body)).toMatchObject({ status: 'posted', decidedBy: 'usr_fiona' });
    const again = await api.call('POST', `/v1/deposits/${deposit.depositId}/approve`, {
      token: secondFinance,
      body: {},
    });
    expect(again.status).toBe(200);
    expect(await balance(world)).toBe(5_000_000);
    const transfer = await storedTransfer(String(deposit.depositId));
    expect(transfer?.actor?.userId).toBe('usr_fiona');

    const trail = asJson(
      (await api.call('GET', `/v1/audit/person/${world.personId}`, { token: world.tokens.priya })).body,
    );
    expect(trail.verified).toBe(true);
    expect((trail.records as Json[]).map((r) => r.action)).toEqual(
      expect.arrayContaining(['deposit_requested', 'deposit_approved']),
    );
    const rejectAfter = await api.call('POST', `/v1/deposits/${deposit.depositId}/reject`, {
      token: secondFinance,
      body: {},
    });
    expect(rejectAfter.status).toBe(409);
  });

  it('posts nothing when rejected', async () => {
    const world = await fundedHolder(api, { fundPence: 0 });
    const deposit = asJson(
      (await fund(world.personId, world.tokens.finance, { ...big, transferId: 'big-reject' })).body,
    );
    const rejected = await api.call('POST', `/v1/deposits/${deposit.depositId}/reject`, {
      token: secondFinance,
      body: { reason: 'No panel decision on file' },
    });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    expect(asJson(rejected.body).status).toBe('rejected');
    const approveAfter = await api.call('POST', `/v1/deposits/${deposit.depositId}/approve`, {
      token: secondFinance,
      body: {},
    });
    expect(approveAfter.status).toBe(409);
    expect(await balance(world)).toBe(0);
    expect(await storedTransfer(String(deposit.depositId))).toBeUndefined();
  });

  it("is another council's business: 404", async () => {
    const world = await fundedHolder(api, { fundPence: 0 });
    const deposit = asJson(
      (await fund(world.personId, world.tokens.finance, { ...big, transferId: 'big-other' })).body,
    );
    const outsider = await api.tokenFor({ userId: 'usr_far', roles: ['finance'], councilId: 'south-fells' });
    const response = await api.call('POST', `/v1/deposits/${deposit.depositId}/approve`, {
      token: outsider,
      body: {},
    });
    expect(response.status).toBe(404);
    expect(await balance(world)).toBe(0);
  });

  it('posts once when several finance users approve at the same moment', async () => {
    const world = await fundedHolder(api, { fundPence: 0 });
    const deposit = asJson(
      (await fund(world.personId, world.tokens.finance, { ...big, transferId: 'big-race' })).body,
    );
    const approvers = await Promise.all(
      [1, 2, 3, 4, 5].map((i) =>
        api.tokenFor({ userId: `usr_fin_${i}`, roles: ['finance'], councilId: 'north-dales' }),
      ),
    );
    const results = await Promise.all(
      approvers.map((token) =>
        api.call('POST', `/v1/deposits/${deposit.depositId}/approve`, { token, body: {} }),
      ),
    );
    for (const result of results) expect([200, 409], JSON.stringify(result.body)).toContain(result.status);
    expect(results.some((r) => r.status === 200)).toBe(true);
    expect(await balance(world)).toBe(5_000_000);
    const trail = asJson(
      (await api.call('GET', `/v1/audit/person/${world.personId}`, { token: world.tokens.priya })).body,
    );
    expect(trail.verified).toBe(true);
    expect((trail.records as Json[]).filter((r) => r.action === 'deposit_approved')).toHaveLength(1);
  });

  it("follows the council's own approval amount, set by its administrator", async () => {
    const world = await fundedHolder(api, { fundPence: 0 });
    const admin = await api.tokenFor({
      userId: 'usr_nd_admin',
      roles: ['council_admin'],
      councilId: 'north-dales',
    });
    const setAmount = async (pence: number) => {
      const council = asJson((await api.call('GET', '/v1/councils/north-dales', { token: admin })).body);
      const changed = await api.call('PATCH', '/v1/councils/north-dales', {
        token: admin,
        body: { version: council.version, settings: { depositApprovalAbovePence: pence } },
      });
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    };
    // Finance cannot raise its own four-eyes limit.
    const byFinance = await api.call('PATCH', '/v1/councils/north-dales', {
      token: world.tokens.finance,
      body: { version: 1, settings: { depositApprovalAbovePence: 100_000_000 } },
    });
    expect(byFinance.status).toBe(403);
    await setAmount(6_000_000);
    try {
      const response = await fund(world.personId, world.tokens.finance, {
        ...big,
        transferId: 'big-setting',
      });
      expect(asJson(response.body).status).toBe('posted');
      expect(await balance(world)).toBe(5_000_000);
    } finally {
      await setAmount(1_000_000);
    }
  });
});

describe('the four-weekly deposits job', () => {
  /** A Wolds and Vale holder with a managed account and nothing in it yet. */
  async function woldsAndValeHolder(name: string) {
    const careManager = await api.tokenFor({
      userId: 'usr_callum',
      roles: ['care_manager'],
      councilId: 'wolds-and-vale',
    });
    const person = await api.call('POST', '/v1/people', {
      token: careManager,
      body: { name, dateOfBirth: '1955-06-02', postcode: 'YO17 7LX' },
    });
    expect(person.status, JSON.stringify(person.body)).toBe(201);
    const personId = String(asJson(person.body).personId);
    const budget = await api.call('PUT', `/v1/people/${personId}/budget`, {
      token: careManager,
      body: {
        allocationPence: 1_300_000,
        fundingSources: [{ source: 'council_social_care', amountPence: 1_300_000 }],
        deployment: 'managed_account',
        planYearStart: planYear.startDate,
      },
    });
    expect(budget.status, JSON.stringify(budget.body)).toBe(200);
    const balanceNow = async () => {
      const account = await api.call('GET', `/v1/people/${personId}/account`, { token: careManager });
      return Number(asJson(account.body).balancePence);
    };
    return { personId, balanceNow };
  }

  it('pays every council in the table, with no list of councils to keep up to date', async () => {
    // Prepare
    const ruth = await woldsAndValeHolder('Ruth Deposit');
    // Act
    const run = await api.call('POST', '/v1/dev/jobs/deposits');
    // Assess
    const summary = asJson(asJson(run.body).summary);
    expect(Object.keys(summary).sort()).toEqual(testCouncils.map((c) => c.councilId).sort());
    expect(await ruth.balanceNow()).toBe(100_000);
  });

  it('pays only the councils CAREPOOL_COUNCILS names, when it is set', async () => {
    // Prepare
    const ruth = await woldsAndValeHolder('Ruth Filtered');
    const deps = api.runtime.deps;
    // Act
    const summary = await runJob('deposits', {
      ...deps,
      env: { ...deps.env, CAREPOOL_COUNCILS: 'north-dales' },
    });
    // Assess
    expect(Object.keys(summary)).toEqual(['north-dales']);
    expect(await ruth.balanceNow()).toBe(0);
  });
});
