import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/runtime.ts';
import { fundedHolder } from '../support/world.ts';

type Json = Record<string, unknown>;
const asJson = (body: unknown) => body as Json;
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => api?.close());

const roomyLine = [{ category: 'day_and_community', capPence: 1_000_000, period: 'year' }];

async function holderWithOrders(count: number) {
  const world = await fundedHolder(api, { lines: roomyLine, fundPence: 500_000 });
  for (let i = 0; i < count; i++) {
    const booked = await api.call('POST', '/v1/orders', {
      token: world.tokens.holder,
      body: {
        personId: world.personId,
        listingId: world.listingId,
        lineId: world.lineId,
        quantity: 1,
        scheduledFor: `2026-06-${String(i + 2).padStart(2, '0')}T10:00:00Z`,
      },
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  }
  return world;
}

/** Follows nextCursor to the end, as a client showing the whole list would. */
async function walk(path: string, token: string, limit: number) {
  const pages: Json[][] = [];
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
    const response = await api.call('GET', `${path}?${query}`, { token });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const body = asJson(response.body);
    pages.push(body.items as Json[]);
    cursor = body.nextCursor as string | undefined;
  } while (cursor !== undefined && pages.length < 50);
  return pages;
}

let world: Awaited<ReturnType<typeof holderWithOrders>>;
let everyOrder: string[];

beforeAll(async () => {
  world = await holderWithOrders(7);
  const whole = await api.call('GET', `/v1/people/${world.personId}/orders?limit=100`, {
    token: world.tokens.holder,
  });
  everyOrder = (asJson(whole.body).items as Json[]).map((order) => String(order.orderId));
});

describe('lists that grow come in pages', () => {
  it("walks a holder's orders a page at a time, newest first, with nothing repeated or left out", async () => {
    expect(everyOrder).toHaveLength(7);
    const pages = await walk(`/v1/people/${world.personId}/orders`, world.tokens.holder, 3);
    expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
    expect(pages.flat().map((order) => String(order.orderId))).toEqual(everyOrder);
    const created = pages.flat().map((order) => String(order.createdAt));
    expect(created).toEqual([...created].sort().reverse());
  });

  it('ends exactly on a full page without promising an empty one', async () => {
    const pages = await walk(`/v1/people/${world.personId}/orders`, world.tokens.holder, 7);
    expect(pages.map((page) => page.length)).toEqual([7]);
  });

  it("walks a provider's incoming orders the same way", async () => {
    const pages = await walk(`/v1/providers/${world.providerId}/orders`, world.tokens.provider, 2);
    expect(pages.map((page) => page.length)).toEqual([2, 2, 2, 1]);
    expect(new Set(pages.flat().map((order) => String(order.orderId)))).toEqual(new Set(everyOrder));
  });

  it('gives 50 a page when no limit is asked for, and refuses a limit outside 1 to 100', async () => {
    const plain = await api.call('GET', `/v1/people/${world.personId}/orders`, {
      token: world.tokens.holder,
    });
    expect(asJson(plain.body).items).toHaveLength(7);
    expect(asJson(plain.body).nextCursor).toBeUndefined();
    for (const limit of ['0', '101', 'ten', '2.5']) {
      const refused = await api.call('GET', `/v1/people/${world.personId}/orders?limit=${limit}`, {
        token: world.tokens.holder,
      });
      expect(refused.status, limit).toBe(400);
      expect(JSON.stringify(refused.body)).toContain('limit');
    }
  });

  it('refuses a cursor it did not give out with a 400 naming the cursor', async () => {
    const first = asJson(
      (
        await api.call('GET', `/v1/people/${world.personId}/orders?limit=2`, {
          token: world.tokens.holder,
        })
      ).body,
    );
    const genuine = String(first.nextCursor);
    const decoded = JSON.parse(Buffer.from(genuine, 'base64url').toString('utf8')) as Json;
    const tampered = Buffer.from(
      JSON.stringify({ ...decoded, k: { ...(decoded.k as Json), gsi3pk: 'PERSON#someone-else#ORDERS' } }),
    ).toString('base64url');
    for (const cursor of ['not-a-cursor', Buffer.from('{"l":1}').toString('base64url'), tampered]) {
      const refused = await api.call(
        'GET',
        `/v1/people/${world.personId}/orders?limit=2&cursor=${encodeURIComponent(cursor)}`,
        { token: world.tokens.holder },
      );
      expect(refused.status, cursor).toBe(400);
      expect(asJson(refused.body).errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
    }
  });

  it("does not let one person's cursor reveal another person's orders", async () => {
    const other = await holderWithOrders(2);
    const theirs = asJson(
      (await api.call('GET', `/v1/people/${other.personId}/orders?limit=1`, { token: other.tokens.holder }))
        .body,
    );
    const theirCursor = String(theirs.nextCursor);
    // Their cursor on my list is refused rather than used as a starting point.
    const onMine = await api.call(
      'GET',
      `/v1/people/${world.personId}/orders?limit=5&cursor=${encodeURIComponent(theirCursor)}`,
      { token: world.tokens.holder },
    );
    expect(onMine.status).toBe(400);
    // Their list stays theirs, cursor or not.
    const onTheirs = await api.call(
      'GET',
      `/v1/people/${other.personId}/orders?limit=5&cursor=${encodeURIComponent(theirCursor)}`,
      { token: world.tokens.holder },
    );
    expect(onTheirs.status).toBe(404);
    // A provider's cursor is no key to the holder's list either.
    const providerPage = asJson(
      (
        await api.call('GET', `/v1/providers/${world.providerId}/orders?limit=1`, {
          token: world.tokens.provider,
        })
      ).body,
    );
    const crossed = await api.call(
      'GET',
      `/v1/people/${world.personId}/orders?cursor=${encodeURIComponent(String(providerPage.nextCursor))}`,
      { token: world.tokens.holder },
    );
    expect(crossed.status).toBe(400);
  });

  it("walks a statement's lines a page at a time; the balances are the whole period's and the CSV is whole", async () => {
    const period = 'from=2026-01-01&to=2027-12-31';
    const path = `/v1/people/${world.personId}/statement`;
    const whole = asJson(
      (await api.call('GET', `${path}?${period}&limit=100`, { token: world.tokens.holder })).body,
    );
    const everyLine = whole.lines as Json[];
    expect(everyLine.length).toBeGreaterThanOrEqual(8);
    const lines: Json[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const response = await api.call(
        'GET',
        `${path}?${period}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { token: world.tokens.holder },
      );
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      const page = asJson(response.body);
      expect(page.lines as Json[]).toHaveLength(Math.min(3, everyLine.length - lines.length));
      expect(page.closingBalancePence).toBe(whole.closingBalancePence);
      lines.push(...(page.lines as Json[]));
      cursor = page.nextCursor as string | undefined;
      pages++;
    } while (cursor !== undefined && pages < 20);
    expect(lines).toEqual(everyLine);

    const csv = await api.call('GET', `${path}?${period}&format=csv&limit=1`, { token: world.tokens.holder });
    // A header, the opening balance, and every line.
    expect(String(csv.body).trim().split('\r\n')).toHaveLength(everyLine.length + 2);

    const first = asJson(
      (await api.call('GET', `${path}?${period}&limit=2`, { token: world.tokens.holder })).body,
    );
    const otherPeriod = await api.call(
      'GET',
      `${path}?from=2026-02-01&to=2027-12-31&cursor=${encodeURIComponent(String(first.nextCursor))}`,
      { token: world.tokens.holder },
    );
    expect(otherPeriod.status).toBe(400);
    expect(asJson(otherPeriod.body).errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
  });

  it('walks the requests found near a place a page at a time, and refuses that cursor on another search', async () => {
    const respondBy = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const posted: string[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await api.call('POST', '/v1/requests', {
        token: world.tokens.holder,
        body: {
          personId: world.personId,
          description: `A singing group for people with dementia, number ${i + 1}`,
          category: 'day_and_community',
          postcode: 'HG1 2AB',
          radiusKm: 10,
          participants: 1,
          when: 'Thursday afternoons',
          budgetCeilingPerPersonPence: 2_500,
          respondBy,
        },
      });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      posted.push(String(asJson(response.body).requestId));
    }
    const found: string[] = [];
    let cursor: string | undefined;
    let first: string | undefined;
    do {
      const response = await api.call(
        'GET',
        `/v1/requests?near=HG1&radiusKm=20&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { token: world.tokens.provider },
      );
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      const page = asJson(response.body);
      expect((page.items as Json[]).length).toBeLessThanOrEqual(2);
      found.push(...(page.items as Json[]).map((request) => String(request.requestId)));
      cursor = page.nextCursor as string | undefined;
      first ??= cursor;
    } while (cursor !== undefined && found.length < 100);
    expect(new Set(found).size).toBe(found.length);
    expect(found).toEqual(expect.arrayContaining(posted));

    const elsewhere = await api.call(
      'GET',
      `/v1/requests?near=HG1&radiusKm=5&cursor=${encodeURIComponent(String(first))}`,
      { token: world.tokens.provider },
    );
    expect(elsewhere.status).toBe(400);
  });
});
