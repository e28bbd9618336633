/**
 * A provider's money (issue 15): what it is owed, has booked and was paid, its payouts with short
 * references, and a remittance for its accountant, JSON or CSV. Plus pausing a listing and the
 * owner's list of every listing, paused ones too.
 */
import { shortReference } from '@carepool/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiftableClock } from '../support/clock.ts';
import { startTestApi, type TestApi } from '../support/runtime.ts';
import { fundedHolder } from '../support/world.ts';

type Json = Record<string, unknown>;
const clock = shiftableClock();
let api: TestApi;
let world: Awaited<ReturnType<typeof fundedHolder>>;
const today = () => clock.now().toISOString().slice(0, 10);

async function book(quantity = 1): Promise<string> {
  const booked = await world.call('POST', '/v1/orders', world.tokens.holder, {
    personId: world.personId,
    listingId: world.listingId,
    lineId: world.lineId,
    quantity,
    scheduledFor: clock.now().toISOString(),
  });
  return String(((booked.orders as Json[])[0] as Json).orderId);
}

async function deliverAndConfirm(orderId: string, quantity = 1): Promise<void> {
  await world.call('POST', `/v1/orders/${orderId}/accept`, world.tokens.provider);
  await world.call('POST', `/v1/orders/${orderId}/deliver`, world.tokens.provider, {
    quantity,
    notes: 'Done',
  });
  await world.call('POST', `/v1/orders/${orderId}/confirm`, world.tokens.holder);
}

let paidOrderId: string;

beforeAll(async () => {
  api = await startTestApi({ clock });
  world = await fundedHolder(api, { label: 'money' });
  // One booking paid out (£18), one delivered and waiting for the person (£18), one just booked (£36).
  paidOrderId = await book();
  await deliverAndConfirm(paidOrderId);
  const delivered = await book();
  await world.call('POST', `/v1/orders/${delivered}/accept`, world.tokens.provider);
  await world.call('POST', `/v1/orders/${delivered}/deliver`, world.tokens.provider, {
    quantity: 1,
    notes: 'Done',
  });
  await book(2);
});
afterAll(async () => api?.close());

describe("a provider's payouts", () => {
  it('says what is owed, booked and paid, and lists the payout with what it paid for, naming nobody', async () => {
    const response = await api.call('GET', `/v1/providers/${world.providerId}/payouts`, {
      token: world.tokens.provider,
    });
    expect(response.status).toBe(200);
    const body = response.body as Json;
    expect(body).toMatchObject({ owedPence: 0, pendingPence: 1_800 + 3_600, paidPence: 1_800 });
    const items = body.items as Json[];
    expect(items).toHaveLength(1);
    const [payout] = items as [Json];
    expect(payout).toMatchObject({ amountPence: 1_800, status: 'sent' });
    // The one short reference everywhere: the same the web app shows for the booking.
    expect(payout.reference).toBe(shortReference(String(payout.payoutId)));
    expect(String(payout.reference)).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect((payout.paidFor as Json).reference).toBe(shortReference(paidOrderId));
    expect(payout.paidFor).toMatchObject({ kind: 'booking', id: paidOrderId, title: 'Gentle group walk' });
    const words = String((payout.paidFor as Json).words);
    expect(words).toContain('Gentle group walk: 1 session on');
    expect(JSON.stringify(payout)).not.toContain(world.personId);
    expect(JSON.stringify(payout)).not.toContain('Holder money');
  });

  it('pages newest first with a cursor that works only for this provider', async () => {
    const second = await book();
    await deliverAndConfirm(second);
    const first = await api.call('GET', `/v1/providers/${world.providerId}/payouts?limit=1`, {
      token: world.tokens.provider,
    });
    const page = first.body as Json;
    expect(((page.items as Json[])[0] as Json).paidFor).toMatchObject({ id: second });
    expect(page.nextCursor).toBeTypeOf('string');
    const next = await api.call(
      'GET',
      `/v1/providers/${world.providerId}/payouts?limit=1&cursor=${encodeURIComponent(String(page.nextCursor))}`,
      { token: world.tokens.provider },
    );
    expect(((next.body as Json).items as Json[]).map((p) => (p.paidFor as Json).id)).toEqual([paidOrderId]);
    expect((next.body as Json).nextCursor).toBeUndefined();

    const other = await fundedHolder(api, { label: 'cursor' });
    const elsewhere = await api.call(
      'GET',
      `/v1/providers/${other.providerId}/payouts?cursor=${encodeURIComponent(String(page.nextCursor))}`,
      { token: other.tokens.provider },
    );
    expect(elsewhere.status).toBe(400);
    expect((elsewhere.body as Json).code).toBe('bad_cursor');
  });

  it("is a 404 for another provider's user and a refusal for a holder", async () => {
    const other = await fundedHolder(api, { label: 'other' });
    for (const path of [
      `/v1/providers/${world.providerId}/payouts`,
      `/v1/providers/${world.providerId}/remittance`,
      `/v1/providers/${world.providerId}/all-listings`,
    ]) {
      const stranger = await api.call('GET', path, { token: other.tokens.provider });
      expect(stranger.status, path).toBe(404);
      const holder = await api.call('GET', path, { token: world.tokens.holder });
      expect(holder.status, path).toBe(403);
      const finance = await api.call('GET', path, { token: world.tokens.finance });
      expect(finance.status, path).toBe(403);
    }
  });
});

describe('the remittance', () => {
  it('lists the payouts between two dates with their total', async () => {
    const response = await api.call(
      'GET',
      `/v1/providers/${world.providerId}/remittance?from=${today()}&to=${today()}`,
      { token: world.tokens.provider },
    );
    expect(response.status).toBe(200);
    const body = response.body as Json;
    expect(body).toMatchObject({ from: today(), to: today(), providerName: 'Provider money' });
    expect((body.items as Json[]).length).toBeGreaterThanOrEqual(1);
    expect(body.totalPence).toBe((body.items as Json[]).reduce((sum, i) => sum + Number(i.amountPence), 0));
  });

  it('answers CSV for format=csv and for Accept: text/csv, with a row a payout and the total', async () => {
    const path = `/v1/providers/${world.providerId}/remittance?from=${today()}&to=${today()}`;
    const json = (await api.call('GET', path, { token: world.tokens.provider })).body as Json;
    for (const [url, headers] of [
      [`${path}&format=csv`, {}],
      [path, { accept: 'text/csv' }],
    ] as const) {
      const response = await api.call('GET', url, { token: world.tokens.provider, headers });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/csv');
      expect(response.headers.get('content-disposition')).toContain(
        `remittance-${today()}-to-${today()}.csv`,
      );
      const rows = String(response.body).trim().split('\r\n');
      expect(rows[0]).toBe(
        'Date paid,Payout reference,Paid for,Booking or group reference,Service date,Amount (£),Status',
      );
      const items = json.items as Json[];
      expect(rows).toHaveLength(items.length + 2);
      expect(rows[1]).toContain(String((items[0] as Json).reference));
      expect(rows[1]).toContain(String(((items[0] as Json).paidFor as Json).reference));
      expect(rows[1]).toContain('Sent to your bank');
      expect(rows.at(-1)).toContain((Number(json.totalPence) / 100).toFixed(2));
      expect(String(response.body)).not.toContain(world.personId);
    }
  });

  it('refuses an end before the start and more than a year', async () => {
    const backwards = await api.call(
      'GET',
      `/v1/providers/${world.providerId}/remittance?from=2026-06-02&to=2026-06-01`,
      { token: world.tokens.provider },
    );
    expect(backwards.status).toBe(400);
    const tooLong = await api.call(
      'GET',
      `/v1/providers/${world.providerId}/remittance?from=2024-01-01&to=2026-06-01`,
      { token: world.tokens.provider },
    );
    expect(tooLong.status).toBe(400);
  });
});

describe('pausing a listing', () => {
  it('takes it out of search and booking until it is active again, and its owner still sees it', async () => {
    const paused = await api.call('PATCH', `/v1/listings/${world.listingId}`, {
      token: world.tokens.provider,
      body: { status: 'paused' },
    });
    expect(paused.status).toBe(200);
    expect((paused.body as Json).status).toBe('paused');

    const shown = await api.call('GET', `/v1/providers/${world.providerId}/listings`);
    expect((shown.body as Json).items).toEqual([]);
    const own = await api.call('GET', `/v1/providers/${world.providerId}/all-listings`, {
      token: world.tokens.provider,
    });
    expect(((own.body as Json).items as Json[]).map((l) => [l.listingId, l.status])).toEqual([
      [world.listingId, 'paused'],
    ]);
    const refused = await api.call('POST', '/v1/orders', {
      token: world.tokens.holder,
      body: {
        personId: world.personId,
        listingId: world.listingId,
        lineId: world.lineId,
        quantity: 1,
        scheduledFor: clock.now().toISOString(),
      },
    });
    expect(refused.status).toBe(404);

    const back = await api.call('PATCH', `/v1/listings/${world.listingId}`, {
      token: world.tokens.provider,
      body: { status: 'active' },
    });
    expect((back.body as Json).status).toBe('active');
    const again = await api.call('GET', `/v1/providers/${world.providerId}/listings`);
    expect(((again.body as Json).items as Json[]).map((l) => l.listingId)).toEqual([world.listingId]);
  });

  it('refuses a status that is not one of the three', async () => {
    const response = await api.call('PATCH', `/v1/listings/${world.listingId}`, {
      token: world.tokens.provider,
      body: { status: 'on_holiday' },
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('Use status active, paused or withdrawn');
  });
});
