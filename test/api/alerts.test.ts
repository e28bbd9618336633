/**
 * Alerts through the local runtime: real money events (invoices paid through the API) reach the
 * rules through the runtime's stand-in for the table's stream, and the care manager works them.
 */
import { defaultAlertThresholds } from '@carepool/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/runtime.ts';
import { fundedHolder } from '../support/world.ts';

type Json = Record<string, unknown>;
let api: TestApi;
let world: Awaited<ReturnType<typeof fundedHolder>>;
let auditor: string;
let otherCouncil: string;

beforeAll(async () => {
  api = await startTestApi();
  world = await fundedHolder(api, {
    lines: [{ category: 'pa_support', capPence: 200_000, period: 'week' }],
    allocationPence: 10_400_000,
    fundPence: 1_000_000,
  });
  auditor = await api.tokenFor({ userId: 'usr_audrey', roles: ['auditor'], councilId: 'north-dales' });
  otherCouncil = await api.tokenFor({
    userId: 'usr_carl',
    roles: ['care_manager'],
    councilId: 'south-fells',
  });
});
afterAll(async () => {
  await api?.close();
});

const invoice = (reference: string, amountPence: number) =>
  world.call('POST', `/v1/people/${world.personId}/invoices`, world.tokens.holder, {
    providerId: world.providerId,
    lineId: world.lineId,
    category: 'pa_support',
    amountPence,
    reference,
    description: 'PA timesheet',
  });

async function alerts(query: string, token = world.tokens.priya) {
  const response = await api.call('GET', `/v1/alerts?${query}`, { token });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return (response.body as { items: Json[] }).items;
}

describe('alerts raised by money events', () => {
  it('raises a first large payment to a new provider as the invoice is paid, without blocking it', async () => {
    const paid = await invoice('INV/077', 60_000);
    expect(paid.status).toBe('confirmed');
    const found = await alerts(`rule=first_payment_new_provider&personId=${world.personId}`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      status: 'open',
      figures: { amountPence: 60_000, thresholdPence: 50_000 },
      links: { personIds: [world.personId], providerId: world.providerId, orderIds: [paid.orderId] },
    });
    expect(String(found[0]?.summary)).toContain('£600');
  });

  it('raises a repeated invoice reference once per situation, however often it repeats', async () => {
    await invoice('inv 77', 10_000);
    await invoice('INV-0077', 10_000);
    const found = await alerts(`rule=duplicate_invoice&personId=${world.personId}`);
    expect(found).toHaveLength(1);
    expect(found[0]?.links).toMatchObject({ providerId: world.providerId });
    // A later payment does not add a second first-payment alert either.
    expect(await alerts(`rule=first_payment_new_provider&personId=${world.personId}`)).toHaveLength(1);
  });
});

describe('the care manager works an alert', () => {
  it('goes open → acknowledged → resolved, each step in the audit trail; auditors only read', async () => {
    const [alert] = await alerts(`rule=duplicate_invoice&personId=${world.personId}`);
    const path = `/v1/alerts/${alert?.alertId}`;

    const read = await api.call('GET', path, { token: auditor });
    expect(read.status).toBe(200);
    const refused = await api.call('POST', `${path}/acknowledge`, { token: auditor });
    expect(refused.status).toBe(403);
    expect((await api.call('GET', path, { token: otherCouncil })).status).toBe(404);
    expect((await api.call('POST', `${path}/acknowledge`, { token: otherCouncil })).status).toBe(404);

    const acknowledged = await api.call('POST', `${path}/acknowledge`, { token: world.tokens.priya });
    expect(acknowledged.body).toMatchObject({ status: 'acknowledged', acknowledged: { by: 'usr_priya' } });
    const again = await api.call('POST', `${path}/acknowledge`, { token: world.tokens.priya });
    expect(again.status).toBe(200);

    const resolved = await api.call('POST', `${path}/resolve`, {
      token: world.tokens.priya,
      body: { outcome: 'action_taken', note: 'The provider refunded the repeat.' },
    });
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      resolution: { outcome: 'action_taken', note: 'The provider refunded the repeat.', by: 'usr_priya' },
    });
    const twice = await api.call('POST', `${path}/resolve`, {
      token: world.tokens.priya,
      body: { outcome: 'no_concern', note: 'Again' },
    });
    expect(twice.status).toBe(409);
    expect((twice.body as Json).code).toBe('alert_resolved');

    expect((await alerts(`status=resolved&personId=${world.personId}`)).map((a) => a.alertId)).toEqual([
      alert?.alertId,
    ]);
    expect(await alerts(`status=open&rule=duplicate_invoice&personId=${world.personId}`)).toEqual([]);

    const trail = await api.call('GET', `/v1/audit/alert/${alert?.alertId}`, { token: auditor });
    expect(trail.status).toBe(200);
    const body = trail.body as {
      verified: boolean;
      records: Array<{ action: string; actor: { userId: string } }>;
    };
    expect(body.verified).toBe(true);
    expect(body.records.map((r) => [r.action, r.actor.userId])).toEqual([
      ['alert.raised', 'system_alerts'],
      ['alert.acknowledged', 'usr_priya'],
      ['alert.resolved', 'usr_priya'],
    ]);
    expect((await api.call('GET', `/v1/audit/alert/${alert?.alertId}`, { token: otherCouncil })).status).toBe(
      404,
    );
  });

  it('refuses a resolution without an outcome or a note', async () => {
    const [alert] = await alerts(`rule=first_payment_new_provider&personId=${world.personId}`);
    const response = await api.call('POST', `/v1/alerts/${alert?.alertId}/resolve`, {
      token: world.tokens.priya,
      body: { outcome: 'fine' },
    });
    expect(response.status).toBe(400);
  });
});

describe('the council’s alert thresholds', () => {
  it('are shown on the council with every default filled in', async () => {
    const admin = await api.tokenFor({
      userId: 'usr_ada',
      roles: ['council_admin'],
      councilId: 'north-dales',
    });
    const response = await api.call('GET', '/v1/councils/north-dales', { token: admin });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect((response.body as { settings: Json }).settings.alerts).toEqual(defaultAlertThresholds);
  });
});
