import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { microEnterprise, walkingGroup } from '../support/fixtures.ts';
import { startTestApi, type TestApi } from '../support/runtime.ts';
import { fundedHolder } from '../support/world.ts';

type Json = Record<string, unknown>;
const asJson = (body: unknown) => body as Json;

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => api?.close());

describe('an order from booking to payout', () => {
  it('funds, books, delivers, confirms and pays, and the statement shows it to the penny', async () => {
    const world = await fundedHolder(api, { fundPence: 100_000 });
    const { holder, provider } = world.tokens;
    const booked = await api.call('POST', '/v1/orders', {
      token: holder,
      body: {
        personId: world.personId,
        listingId: world.listingId,
        lineId: world.lineId,
        quantity: 2,
        scheduledFor: '2026-06-02T10:00:00Z',
      },
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const order = (asJson(booked.body).orders as Json[])[0] as Json;
    expect(order).toMatchObject({ status: 'requested', amountPence: 3_600 });
    const orderId = String(order.orderId);

    let account = asJson(
      (await api.call('GET', `/v1/people/${world.personId}/account`, { token: holder })).body,
    );
    expect(account).toMatchObject({ balancePence: 100_000, reservedPence: 3_600, availablePence: 96_400 });

    expect((await api.call('POST', `/v1/orders/${orderId}/accept`, { token: provider })).status).toBe(200);
    const delivered = await api.call('POST', `/v1/orders/${orderId}/deliver`, {
      token: provider,
      body: { quantity: 1, notes: 'One walk; rain stopped the second' },
    });
    expect(delivered.body).toMatchObject({
      status: 'delivered',
      delivery: { quantity: 1, amountPence: 1_800 },
    });
    const confirmed = await api.call('POST', `/v1/orders/${orderId}/confirm`, { token: holder });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({
      status: 'confirmed',
      paidPence: 1_800,
      payout: { status: 'sent' },
    });

    account = asJson((await api.call('GET', `/v1/people/${world.personId}/account`, { token: holder })).body);
    expect(account).toMatchObject({ balancePence: 98_200, reservedPence: 0, availablePence: 98_200 });
    expect((account.lines as Json[])[0]).toMatchObject({ committedPence: 1_800, spentPence: 1_800 });

    const statement = asJson(
      (
        await api.call('GET', `/v1/people/${world.personId}/statement?from=2026-01-01&to=2026-12-31`, {
          token: holder,
        })
      ).body,
    );
    expect(statement).toMatchObject({ openingBalancePence: 0, closingBalancePence: 98_200 });
    expect(
      (statement.lines as Json[]).map((l) => [l.code, l.amountPence, l.pendingPence, l.balanceAfterPence]),
    ).toEqual([
      ['council_deposit', 100_000, 0, 100_000],
      ['order_reservation', 0, -3_600, 100_000],
      // Posting the reservation is a payment, and says so (it used to keep the reservation's code).
      ['order_payment', -1_800, 3_600, 98_200],
    ]);
    // Without dates the statement runs from the first of this month to today, and says so.
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
    const thisMonth = asJson(
      (await api.call('GET', `/v1/people/${world.personId}/statement`, { token: holder })).body,
    );
    expect(thisMonth).toMatchObject({
      from: `${today.slice(0, 8)}01`,
      to: today,
      closingBalancePence: 98_200,
    });
    expect((thisMonth.lines as Json[]).length).toBe(3);
    const toOnly = asJson(
      (await api.call('GET', `/v1/people/${world.personId}/statement?to=2026-02-14`, { token: holder })).body,
    );
    expect(toOnly).toMatchObject({ from: '2026-02-01', to: '2026-02-14', lines: [] });
    const backwards = await api.call('GET', `/v1/people/${world.personId}/statement?from=2099-01-01`, {
      token: holder,
    });
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body)).toContain('"to"');
    const csv = await api.call(
      'GET',
      `/v1/people/${world.personId}/statement?from=2026-01-01&to=2026-12-31&format=csv`,
      { token: holder },
    );
    expect(csv.headers.get('content-type'), JSON.stringify(csv.body)).toContain('text/csv');
    expect(String(csv.body)).toContain('Opening balance');
    expect(String(csv.body)).toContain('982.00');
    expect(String(csv.body)).toMatch(/Payment for support,Gentle group walk/);

    // Only now, with the booking delivered and confirmed, may the holder review it, once.
    const review = await api.call('POST', `/v1/orders/${orderId}/review`, {
      token: holder,
      body: { rating: 4, comment: 'Lovely walk' },
    });
    expect(review.status).toBe(201);
    const twice = await api.call('POST', `/v1/orders/${orderId}/review`, {
      token: holder,
      body: { rating: 1 },
    });
    expect(asJson(twice.body).code).toBe('already_reviewed');
    const reviews = asJson((await api.call('GET', `/v1/providers/${world.providerId}/reviews`)).body);
    expect(reviews).toMatchObject({ count: 1, averageRating: 4 });
    expect(JSON.stringify(reviews)).not.toContain(world.personId);
  });

  it('refuses a review before the booking is delivered and confirmed', async () => {
    const world = await fundedHolder(api);
    const booked = asJson(
      (
        await api.call('POST', '/v1/orders', {
          token: world.tokens.holder,
          body: {
            personId: world.personId,
            listingId: world.listingId,
            lineId: world.lineId,
            quantity: 1,
            scheduledFor: '2026-06-02T10:00:00Z',
          },
        })
      ).body,
    );
    const orderId = String(((booked.orders as Json[])[0] as Json).orderId);
    const early = await api.call('POST', `/v1/orders/${orderId}/review`, {
      token: world.tokens.holder,
      body: { rating: 5 },
    });
    expect(early.status).toBe(409);
    expect(asJson(early.body).code).toBe('not_reviewable');
  });

  it('releases the money when the provider declines or the holder cancels', async () => {
    const world = await fundedHolder(api);
    const { holder, provider } = world.tokens;
    const book = async () =>
      String(
        (
          (
            asJson(
              (
                await api.call('POST', '/v1/orders', {
                  token: holder,
                  body: {
                    personId: world.personId,
                    listingId: world.listingId,
                    lineId: world.lineId,
                    quantity: 1,
                    scheduledFor: '2026-06-02T10:00:00Z',
                  },
                })
              ).body,
            ).orders as Json[]
          )[0] as Json
        ).orderId,
      );
    const declined = await book();
    expect(
      (
        await api.call('POST', `/v1/orders/${declined}/decline`, {
          token: provider,
          body: { reason: 'Full' },
        })
      ).body,
    ).toMatchObject({
      status: 'declined',
    });
    const cancelled = await book();
    expect(
      (await api.call('POST', `/v1/orders/${cancelled}/cancel`, { token: holder, body: {} })).body,
    ).toMatchObject({ status: 'cancelled' });
    const account = asJson(
      (await api.call('GET', `/v1/people/${world.personId}/account`, { token: holder })).body,
    );
    expect(account).toMatchObject({ reservedPence: 0, availablePence: 100_000 });
    expect((account.lines as Json[])[0]).toMatchObject({ committedPence: 0 });
    const statement = asJson(
      (
        await api.call('GET', `/v1/people/${world.personId}/statement?from=2026-01-01&to=2026-12-31`, {
          token: holder,
        })
      ).body,
    );
    // A released reservation is a release on the statement, not another reservation.
    expect((statement.lines as Json[]).map((l) => [l.code, l.pendingPence])).toEqual([
      ['council_deposit', 0],
      ['order_reservation', -1_800],
      ['order_release', 1_800],
      ['order_reservation', -1_800],
      ['order_release', 1_800],
    ]);
  });

  it('holds a disputed payment for the care manager, who can part-pay', async () => {
    const world = await fundedHolder(api);
    const { holder, provider, priya } = world.tokens;
    const booked = asJson(
      (
        await api.call('POST', '/v1/orders', {
          token: holder,
          body: {
            personId: world.personId,
            listingId: world.listingId,
            lineId: world.lineId,
            quantity: 2,
            scheduledFor: '2026-06-02T10:00:00Z',
          },
        })
      ).body,
    );
    const orderId = String(((booked.orders as Json[])[0] as Json).orderId);
    await api.call('POST', `/v1/orders/${orderId}/accept`, { token: provider });
    await api.call('POST', `/v1/orders/${orderId}/deliver`, {
      token: provider,
      body: { quantity: 2, notes: 'Two walks' },
    });
    expect(
      (
        await api.call('POST', `/v1/orders/${orderId}/dispute`, {
          token: holder,
          body: { reason: 'Only one walk happened' },
        })
      ).body,
    ).toMatchObject({
      status: 'disputed',
    });
    expect(
      (
        await api.call('POST', `/v1/orders/${orderId}/resolve`, {
          token: provider,
          body: { outcome: 'pay', reason: 'x' },
        })
      ).status,
    ).toBe(403);
    const tooMuch = await api.call('POST', `/v1/orders/${orderId}/resolve`, {
      token: priya,
      body: { outcome: 'part_pay', amountPence: 999_999, reason: 'Too much' },
    });
    expect(tooMuch.status).toBe(400);
    // Money in messages is in pounds, like every other message.
    expect(JSON.stringify(tooMuch.body)).toMatch(/between £0 and £\d/);
    const resolved = await api.call('POST', `/v1/orders/${orderId}/resolve`, {
      token: priya,
      body: { outcome: 'part_pay', amountPence: 1_800, reason: 'One walk evidenced' },
    });
    expect(resolved.body).toMatchObject({ status: 'confirmed', paidPence: 1_800 });
    const account = asJson(
      (await api.call('GET', `/v1/people/${world.personId}/account`, { token: holder })).body,
    );
    expect(account).toMatchObject({ balancePence: 98_200, reservedPence: 0 });
  });
});

describe('the spend check', () => {
  it('refuses a booking past the line’s limit this week, naming the line, the limit and the amount', async () => {
    const world = await fundedHolder(api, {
      lines: [{ category: 'day_and_community', capPence: 3_000, period: 'week', carryForward: false }],
    });
    const response = await api.call('POST', '/v1/orders', {
      token: world.tokens.holder,
      body: {
        personId: world.personId,
        listingId: world.listingId,
        lineId: world.lineId,
        quantity: 2,
        scheduledFor: '2026-06-02T10:00:00Z',
      },
    });
    expect(response.status).toBe(422);
    const problem = asJson(response.body);
    expect(problem.code).toBe('line_cap_exceeded');
    expect(problem.errors).toEqual([
      expect.objectContaining({ field: 'quantity', code: 'line_cap_exceeded' }),
    ]);
    expect(JSON.stringify(problem.facts)).toContain('"limitNowPence":3000');
    expect(JSON.stringify(problem.facts)).toContain('"requestedPence":3600');
  });

  it('returns every failure at once: wrong category and not enough money', async () => {
    const world = await fundedHolder(api, {
      fundPence: 1_000,
      lines: [{ category: 'transport', capPence: 50_000, period: 'month' }],
    });
    const response = await api.call('POST', '/v1/orders', {
      token: world.tokens.holder,
      body: {
        personId: world.personId,
        listingId: world.listingId,
        lineId: world.lineId,
        quantity: 1,
        scheduledFor: '2026-06-02T10:00:00Z',
      },
    });
    expect(response.status).toBe(422);
    expect((asJson(response.body).errors as Json[]).map((e) => e.code).sort()).toEqual([
      'category_mismatch',
      'insufficient_funds',
    ]);
  });

  it('refuses a plan line from somebody else’s plan, and a provider trying to start a charge', async () => {
    const world = await fundedHolder(api);
    const response = await api.call('POST', '/v1/orders', {
      token: world.tokens.holder,
      body: {
        personId: world.personId,
        listingId: world.listingId,
        lineId: 'line_not_mine',
        quantity: 1,
        scheduledFor: '2026-06-02T10:00:00Z',
      },
    });
    expect(asJson(response.body).code).toBe('line_not_found');
    const byProvider = await api.call('POST', '/v1/orders', {
      token: world.tokens.provider,
      body: {
        personId: world.personId,
        listingId: world.listingId,
        lineId: world.lineId,
        quantity: 1,
        scheduledFor: '2026-06-02T10:00:00Z',
      },
    });
    expect(byProvider.status).toBe(403);
  });

  it('books a weekly repeat, reserving and checking each week on its own', async () => {
    const world = await fundedHolder(api, {
      lines: [{ category: 'day_and_community', capPence: 1_800, period: 'week', carryForward: false }],
    });
    const response = await api.call('POST', '/v1/orders', {
      token: world.tokens.holder,
      body: {
        personId: world.personId,
        listingId: world.listingId,
        lineId: world.lineId,
        quantity: 1,
        scheduledFor: '2026-06-02T10:00:00Z',
        weeklyOccurrences: 4,
      },
    });
    expect(response.status).toBe(201);
    const body = asJson(response.body);
    expect((body.orders as Json[]).map((o) => o.occurrence)).toEqual([1, 2, 3, 4]);
    expect(new Set((body.orders as Json[]).map((o) => o.periodKey)).size).toBe(4);
    const account = asJson(
      (await api.call('GET', `/v1/people/${world.personId}/account`, { token: world.tokens.holder })).body,
    );
    expect(account.reservedPence).toBe(4 * 1_800);
    expect(body.outcome).toBe('booked');

    // Six more weeks from the same day: the four already booked are full, the last two fit.
    const partly = await api.call('POST', '/v1/orders', {
      token: world.tokens.holder,
      body: {
        personId: world.personId,
        listingId: world.listingId,
        lineId: world.lineId,
        quantity: 1,
        scheduledFor: '2026-06-02T10:00:00Z',
        weeklyOccurrences: 6,
      },
    });
    expect(partly.status).toBe(201);
    const partlyBody = asJson(partly.body);
    expect(partlyBody.outcome).toBe('partly_booked');
    expect((partlyBody.orders as Json[]).map((o) => o.occurrence)).toEqual([5, 6]);
    expect((partlyBody.refused as Json[]).map((r) => r.occurrence)).toEqual([1, 2, 3, 4]);
  });
});

describe('booking within the provider’s days and times', () => {
  const thursdayToSunday = {
    ...walkingGroup,
    availability: (['thu', 'fri', 'sat', 'sun'] as const).map((day) => ({ day, from: '09:00', to: '17:00' })),
  };

  it('refuses 3am on a Monday with a Thursday-to-Sunday provider, naming the field and their times', async () => {
    const world = await fundedHolder(api, { listing: thursdayToSunday });
    // 2026-06-08 is a Monday; 02:00Z is 3am in the UK (BST).
    const refused = await api.call('POST', '/v1/orders', {
      token: world.tokens.holder,
      body: {
        personId: world.personId,
        listingId: world.listingId,
        lineId: world.lineId,
        quantity: 1,
        scheduledFor: '2026-06-08T02:00:00Z',
      },
    });
    expect(refused.status).toBe(400);
    const body = asJson(refused.body);
    expect(body.code).toBe('outside_availability');
    expect(body.errors).toEqual([
      expect.objectContaining({ field: 'scheduledFor', code: 'outside_availability' }),
    ]);
    expect(String(body.detail)).toContain('Thursday 9am to 5pm');
    const account = asJson(
      (await api.call('GET', `/v1/people/${world.personId}/account`, { token: world.tokens.holder })).body,
    );
    expect(account.reservedPence).toBe(0);

    // Thursday at 10am UK time is fine.
    const booked = await api.call('POST', '/v1/orders', {
      token: world.tokens.holder,
      body: {
        personId: world.personId,
        listingId: world.listingId,
        lineId: world.lineId,
        quantity: 1,
        scheduledFor: '2026-06-04T09:00:00Z',
      },
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  });

  it('keeps each week of a repeat at the same UK time across the clock change, and checks every week', async () => {
    const world = await fundedHolder(api, {
      listing: { ...walkingGroup, availability: [{ day: 'thu', from: '09:00', to: '10:00' }] },
      lines: [{ category: 'day_and_community', capPence: 5_000, period: 'week' }],
    });
    // Thursday 22 October 2026 at 9:30am BST; the clocks go back on Sunday 25 October.
    const booked = await api.call('POST', '/v1/orders', {
      token: world.tokens.holder,
      body: {
        personId: world.personId,
        listingId: world.listingId,
        lineId: world.lineId,
        quantity: 1,
        scheduledFor: '2026-10-22T08:30:00Z',
        weeklyOccurrences: 2,
      },
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect((asJson(booked.body).orders as Json[]).map((o) => o.scheduledFor)).toEqual([
      '2026-10-22T08:30:00.000Z',
      '2026-10-29T09:30:00.000Z',
    ]);

    // A Wednesday start is outside for every week, and the refusal names each date.
    const refused = await api.call('POST', '/v1/orders', {
      token: world.tokens.holder,
      body: {
        personId: world.personId,
        listingId: world.listingId,
        lineId: world.lineId,
        quantity: 1,
        scheduledFor: '2026-11-04T09:30:00Z',
        weeklyOccurrences: 3,
      },
    });
    expect(refused.status).toBe(400);
    expect(asJson(refused.body).facts).toMatchObject({
      outside: ['2026-11-04T09:30:00.000Z', '2026-11-11T09:30:00.000Z', '2026-11-18T09:30:00.000Z'],
    });
  });
});

describe('invoices', () => {
  it('names the provider, not a listing, when an invoice is to a provider nobody has checked', async () => {
    const world = await fundedHolder(api, {
      lines: [{ category: 'pa_support', capPence: 20_000, period: 'week' }],
    });
    const newcomerToken = await api.tokenFor({ userId: 'usr_prov_unchecked', roles: ['provider'] });
    const newcomer = await api.call('POST', '/v1/providers', {
      token: newcomerToken,
      body: { ...microEnterprise, name: 'Unchecked PA' },
    });
    const refused = await api.call('POST', `/v1/people/${world.personId}/invoices`, {
      token: world.tokens.holder,
      body: {
        providerId: String(asJson(newcomer.body).providerId),
        lineId: world.lineId,
        category: 'pa_support',
        amountPence: 1_000,
        reference: 'TS-1',
        description: 'PA timesheet',
      },
    });
    expect(refused.status).toBe(422);
    expect(asJson(refused.body).errors).toEqual([
      expect.objectContaining({ field: 'providerId', code: 'provider_not_verified' }),
    ]);
  });

  it('pays a PA’s timesheet against a line once; the same invoice again is refused', async () => {
    const world = await fundedHolder(api, {
      lines: [{ category: 'pa_support', capPence: 20_000, period: 'week' }],
    });
    const invoice = {
      providerId: world.providerId,
      lineId: world.lineId,
      category: 'pa_support',
      amountPence: 12_600,
      reference: 'TS-2026-06-01',
      description: 'PA timesheet, 9 hours',
    };
    const paid = await api.call('POST', `/v1/people/${world.personId}/invoices`, {
      token: world.tokens.holder,
      body: invoice,
    });
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    expect(paid.body).toMatchObject({
      kind: 'invoice',
      status: 'confirmed',
      paidPence: 12_600,
      payout: { status: 'sent' },
    });
    const again = await api.call('POST', `/v1/people/${world.personId}/invoices`, {
      token: world.tokens.holder,
      body: invoice,
    });
    expect(again.status).toBe(409);
    expect(asJson(again.body).code).toBe('duplicate_invoice');
    const account = asJson(
      (await api.call('GET', `/v1/people/${world.personId}/account`, { token: world.tokens.holder })).body,
    );
    expect(account.balancePence).toBe(100_000 - 12_600);
  });
  it('keeps each holder’s invoices apart and compares whole references', async () => {
    const paLine = [{ category: 'pa_support', capPence: 20_000, period: 'week' }];
    const first = await fundedHolder(api, { lines: paLine });
    const other = await fundedHolder(api, { lines: paLine });
    const pay = (world: typeof first, reference: string) =>
      api.call('POST', `/v1/people/${world.personId}/invoices`, {
        token: world.tokens.holder,
        body: {
          providerId: first.providerId,
          lineId: world.lineId,
          category: 'pa_support',
          amountPence: 1_000,
          reference,
          description: 'PA timesheet',
        },
      });
    expect((await pay(first, 'INV/77')).status).toBe(201);
    // Another holder's invoice from the same provider, with a number that only looks alike…
    const alike = await pay(other, 'INV_77');
    expect(alike.status, JSON.stringify(alike.body)).toBe(201);
    // …or even the same number: a provider's numbering is theirs, the key is provider and person.
    expect((await pay(other, 'INV/77')).status).toBe(201);
    // Long timesheet references that differ only at the end are different invoices.
    const long = `Timesheet for personal assistant support, week beginning 2026-06-0`;
    expect((await pay(first, `${long}1`)).status).toBe(201);
    expect((await pay(first, `${long}8`)).status).toBe(201);
    const again = await pay(first, `${long}8`);
    expect(again.status).toBe(409);
    expect(asJson(again.body).code).toBe('duplicate_invoice');
    const account = asJson(
      (await api.call('GET', `/v1/people/${first.personId}/account`, { token: first.tokens.holder })).body,
    );
    expect(account.balancePence).toBe(100_000 - 3 * 1_000);
  });
});

describe('funding', () => {
  it('posts a council deposit once however often it is sent', async () => {
    const world = await fundedHolder(api, { fundPence: 0 });
    const body = { transferId: 'june-deposit', amountPence: 40_000, reference: 'June' };
    for (let i = 0; i < 3; i++) {
      expect(
        (
          await api.call('POST', `/v1/people/${world.personId}/funding`, {
            token: world.tokens.finance,
            body,
          })
        ).status,
      ).toBe(201);
    }
    const account = asJson(
      (await api.call('GET', `/v1/people/${world.personId}/account`, { token: world.tokens.holder })).body,
    );
    expect(account.balancePence).toBe(40_000);
    const reused = await api.call('POST', `/v1/people/${world.personId}/funding`, {
      token: world.tokens.finance,
      body: { ...body, amountPence: 1 },
    });
    expect(reused.status).toBe(409);
  });
});
