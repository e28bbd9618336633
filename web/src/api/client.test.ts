import { routeList } from '@carepool/functions/routes';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { issuesFromError } from '../lib/problems.ts';
import { ApiError, callApi, callApiText, checkBody, noContentRoutes, urlFor } from './client.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

function answer(status: number, body: unknown, type = 'application/json') {
  return vi.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(typeof body === 'string' ? body : JSON.stringify(body), {
        status,
        headers: { 'content-type': type },
      }),
  );
}

const listing = {
  listingId: 'lst_1',
  title: 'Gentle group walk',
  description: '',
  category: 'day_and_community',
  pricePence: 1800,
  priceUnit: 'session',
  groupTiers: [],
  capacity: 10,
  where: { mode: 'online' },
  availability: [],
  accessibility: [],
  languages: ['en'],
  status: 'active',
  provider: {
    providerId: 'prv_1',
    name: 'Nidd Valley',
    kind: 'micro_enterprise',
    status: 'verified',
    verified: true,
  },
  outcode: 'HG1',
  groupFriendly: false,
  priceParity: 'unknown',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
};

describe('the typed API client', () => {
  it('knows which routes answer with no content, from the route table', () => {
    expect([...noContentRoutes].sort()).toEqual(
      routeList
        .filter((r) => r.status === 204)
        .map((r) => r.id)
        .sort(),
    );
  });

  it('builds relative URLs from the route table, so it works on the API’s own origin', () => {
    expect(urlFor('getListing', { params: { id: 'lst 1/2' } })).toBe('/v1/listings/lst%201%2F2');
    expect(
      urlFor('searchListings', {
        query: { near: 'HG1 2AB', radiusKm: 8, maxPricePence: undefined, groupFriendly: 'true', q: '' },
      }),
    ).toBe('/v1/listings?near=HG1+2AB&radiusKm=8&groupFriendly=true');
    expect(
      urlFor('getStatement', { params: { id: 'per_1' }, query: { from: '2026-04-01', to: '2026-05-01' } }),
    ).toBe('/v1/people/per_1/statement?from=2026-04-01&to=2026-05-01');
  });

  it('sends the method, token, body and idempotency key the route calls for', async () => {
    const fetch = answer(201, { outcome: 'booked', orders: [], refused: [] });
    vi.stubGlobal('fetch', fetch);
    const body = {
      personId: 'per_1',
      listingId: 'lst_1',
      lineId: 'lin_1',
      quantity: 2,
      scheduledFor: '2026-06-02T10:30:00+01:00',
    };
    await callApi('createOrder', { body }, { token: 'tok', idempotencyKey: 'key-1' });
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('/v1/orders');
    expect(init?.method).toBe('POST');
    expect(init?.headers).toMatchObject({
      authorization: 'Bearer tok',
      'idempotency-key': 'key-1',
      'content-type': 'application/json',
    });
    expect(JSON.parse(String(init?.body))).toEqual(body);
  });

  it('does not send an idempotency key to a route that does not take one', async () => {
    const fetch = answer(200, listing);
    vi.stubGlobal('fetch', fetch);
    await callApi('getListing', { params: { id: 'lst_1' } }, { idempotencyKey: 'key-1' });
    expect(fetch.mock.calls[0]?.[1]?.headers).not.toHaveProperty('idempotency-key');
  });

  it('checks answers against the contract', async () => {
    vi.stubGlobal('fetch', answer(200, listing));
    expect((await callApi('getListing', { params: { id: 'lst_1' } })).title).toBe('Gentle group walk');
    vi.stubGlobal('fetch', answer(200, { ...listing, pricePence: 'eighteen pounds' }));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(callApi('getListing', { params: { id: 'lst_1' } })).rejects.toMatchObject({
      code: 'contract_mismatch',
    });
  });

  it('turns problem documents into errors with their codes and fields', async () => {
    vi.stubGlobal(
      'fetch',
      answer(
        422,
        {
          type: 'https://carepool.org.uk/problems/line_cap_exceeded',
          title: 'This cannot go ahead',
          status: 422,
          detail: 'This costs £36.00 but only £14.00 is left on this plan line now.',
          code: 'line_cap_exceeded',
          errors: [{ field: 'quantity', message: 'raw', code: 'line_cap_exceeded' }],
          facts: { failures: [{ code: 'line_cap_exceeded', leftPence: 1400, requestedPence: 3600 }] },
        },
        'application/problem+json',
      ),
    );
    const error = await callApi('createOrder', {
      body: { personId: 'p', listingId: 'l', lineId: 'x', quantity: 2, scheduledFor: '2026-06-02T10:30:00Z' },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('line_cap_exceeded');
    expect(issuesFromError(error, { fields: { quantity: 'how-many' } })).toEqual([
      {
        message:
          'This costs £36 but only £14 is left on that part of your plan now. Book less, or choose a later date.',
        fieldId: 'how-many',
      },
    ]);
  });

  it('says what to do when the answer is not a problem document, or there is no answer', async () => {
    vi.stubGlobal('fetch', answer(401, '{"message":"Unauthorized"}'));
    const unauthorised = await callApi('getMe', {}).catch((e: unknown) => e);
    expect(unauthorised).toMatchObject({ status: 401 });
    expect(issuesFromError(unauthorised)).toEqual([
      { message: 'Your sign-in has ended. Sign out and sign in again.' },
    ]);
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const offline = await callApi('getMe', {}).catch((e: unknown) => e);
    expect(issuesFromError(offline)).toEqual([{ message: 'Check your internet connection and try again.' }]);
  });

  it('hands back text for the CSV statement', async () => {
    vi.stubGlobal('fetch', answer(200, 'date,amount\n2026-06-02,-36.00\n', 'text/csv'));
    const csv = await callApiText('getStatement', {
      params: { id: 'per_1' },
      query: { from: '2026-04-01', to: '2026-06-30', format: 'csv' },
    });
    expect(csv).toContain('-36.00');
  });

  it('checks a body with the route’s own schema, with the API’s own messages', () => {
    expect(checkBody('deliverOrder', { quantity: 2, notes: 'fine' })).toEqual([]);
    expect(checkBody('postFunding', { transferId: 'dep 1', amountPence: 12.5, reference: '' })).toEqual([
      { field: 'transferId', message: 'Use only letters, numbers, hyphens and underscores' },
      { field: 'amountPence', message: 'Money is whole pence: use 1250 for £12.50, not 12.5' },
      { field: 'reference', message: 'Enter some text' },
    ]);
  });
});
