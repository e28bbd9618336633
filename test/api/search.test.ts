import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { microEnterprise, walkingGroup } from '../support/fixtures.ts';
import { startTestApi, type TestApi } from '../support/runtime.ts';

type Hit = {
  listingId: string;
  title: string;
  distanceKm?: number;
  pricePence: number;
  outcode: string;
  category: string;
};
const itemsOf = (body: unknown) => (body as { items: Hit[] }).items;
const fieldsOf = (body: unknown) =>
  ((body as { errors?: Array<{ field: string }> }).errors ?? []).map((e) => e.field);

let api: TestApi;
const commands: string[] = [];

/** Venues at real districts: Harrogate centre, its neighbours, Thirsk (≈30 km) and central London. */
const places = [
  { title: 'Harrogate art club', postcode: 'HG1 1AA', pricePence: 2500, category: 'day_and_community' },
  { title: 'Starbeck swim session', postcode: 'HG2 7AA', pricePence: 1500, category: 'day_and_community' },
  { title: 'Knaresborough lunch club', postcode: 'HG5 0AA', pricePence: 900, category: 'day_and_community' },
  { title: 'Thirsk market trip', postcode: 'YO7 1AA', pricePence: 1200, category: 'transport' },
  {
    title: 'London theatre companion',
    postcode: 'SW1A 1AA',
    pricePence: 4000,
    category: 'day_and_community',
  },
];

beforeAll(async () => {
  api = await startTestApi({ observe: (name) => commands.push(name) });
  const token = await api.tokenFor({ userId: 'usr_search_provider', roles: ['provider'] });
  const provider = await api.call('POST', '/v1/providers', { token, body: microEnterprise });
  const providerId = (provider.body as { providerId: string }).providerId;
  for (const place of places) {
    const response = await api.call('POST', `/v1/providers/${providerId}/listings`, {
      token,
      body: {
        ...walkingGroup,
        title: place.title,
        category: place.category,
        pricePence: place.pricePence,
        groupTiers: [],
        where: { mode: 'venue', postcode: place.postcode },
      },
    });
    expect(response.status).toBe(201);
  }
  // Someone who visits people at home within 15 km of HG1, and an online service.
  for (const body of [
    {
      ...walkingGroup,
      title: 'Home help with shopping',
      category: 'household_help',
      groupTiers: [],
      where: { mode: 'at_home' },
    },
    {
      ...walkingGroup,
      title: 'Online budgeting advice',
      category: 'advice_and_brokerage',
      groupTiers: [],
      where: { mode: 'online' },
    },
  ]) {
    expect((await api.call('POST', `/v1/providers/${providerId}/listings`, { token, body })).status).toBe(
      201,
    );
  }
});
afterAll(async () => api?.close());

describe('searching near a postcode', () => {
  it('finds what is within the radius, nearest first, each with its distance', async () => {
    const response = await api.call('GET', '/v1/listings?near=HG1%202AB&radiusKm=6');
    expect(response.status).toBe(200);
    const hits = itemsOf(response.body);
    const titles = hits.map((h) => h.title);
    expect(titles).toContain('Harrogate art club');
    expect(titles).toContain('Starbeck swim session');
    expect(titles).not.toContain('Thirsk market trip');
    expect(titles).not.toContain('London theatre companion');
    const distances = hits.map((h) => h.distanceKm ?? Number.NaN);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(hits[0]?.distanceKm).toBe(0);
  });

  it('reaches Thirsk with a wider radius', async () => {
    const titles = itemsOf((await api.call('GET', '/v1/listings?near=HG1&radiusKm=40')).body).map(
      (h) => h.title,
    );
    expect(titles).toContain('Thirsk market trip');
    expect(titles).not.toContain('London theatre companion');
  });

  it('shows home visits only within the provider’s own service area', async () => {
    const near = itemsOf((await api.call('GET', '/v1/listings?near=HG1&category=household_help')).body);
    expect(near.map((h) => h.title)).toEqual(['Home help with shopping']);
    const beyond = itemsOf(
      (await api.call('GET', '/v1/listings?near=YO7&radiusKm=50&category=household_help')).body,
    );
    expect(beyond).toEqual([]);
  });

  it('sorts by price or by name when asked', async () => {
    const byPrice = itemsOf((await api.call('GET', '/v1/listings?near=HG1&radiusKm=10&sort=price')).body);
    expect(byPrice.map((h) => h.pricePence)).toEqual(
      [...byPrice.map((h) => h.pricePence)].sort((a, b) => a - b),
    );
    const byName = itemsOf((await api.call('GET', '/v1/listings?near=HG1&radiusKm=10&sort=name')).body).map(
      (h) => h.title,
    );
    expect(byName).toEqual([...byName].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  });

  it('filters by free text, maximum price and category', async () => {
    const cheap = itemsOf(
      (await api.call('GET', '/v1/listings?near=HG1&radiusKm=10&maxPricePence=1000')).body,
    );
    expect(cheap.every((h) => h.pricePence <= 1000)).toBe(true);
    expect(cheap.map((h) => h.title)).toContain('Knaresborough lunch club');
    const swim = itemsOf((await api.call('GET', '/v1/listings?near=HG1&q=SWIM')).body);
    expect(swim.map((h) => h.title)).toEqual(['Starbeck swim session']);
  });

  it('pages through every result exactly once with the cursor', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const query = `/v1/listings?near=HG1&radiusKm=50&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const body = (await api.call('GET', query)).body as { items: Hit[]; nextCursor?: string };
      seen.push(...body.items.map((h) => h.listingId));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    const all = itemsOf((await api.call('GET', '/v1/listings?near=HG1&radiusKm=50&limit=50')).body).map(
      (h) => h.listingId,
    );
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages).toBeGreaterThan(2);
  });
});

describe('searching near a town by name', () => {
  it('searches from the town’s central district, whatever the case and spacing', async () => {
    const byDistrict = (await api.call('GET', '/v1/listings?near=HG1&radiusKm=10')).body as { items: Hit[] };
    const byTown = await api.call('GET', '/v1/listings?near=%20harrogate%20&radiusKm=10');
    expect(byTown.status).toBe(200);
    expect((byTown.body as { items: Hit[] }).items).toEqual(byDistrict.items);
    expect(byDistrict.items.length).toBeGreaterThan(0);
  });
});

describe('searching by category without a place', () => {
  it('lists the category cheapest first across the whole country, in pages', async () => {
    const first = (await api.call('GET', '/v1/listings?category=day_and_community&limit=2')).body as {
      items: Hit[];
      nextCursor?: string;
    };
    expect(first.items.map((h) => h.pricePence)).toEqual([900, 1500]);
    expect(first.items.every((h) => h.distanceKm === undefined)).toBe(true);
    const second = (
      await api.call('GET', `/v1/listings?category=day_and_community&limit=2&cursor=${first.nextCursor}`)
    ).body as { items: Hit[]; nextCursor?: string };
    expect(second.items.map((h) => h.pricePence)).toEqual([2500, 4000]);
    expect(second.nextCursor).toBeUndefined();
  });
});

describe('bad searches', () => {
  const cases: Array<[string, string]> = [
    ['/v1/listings?near=ZZ9%209ZZ', 'near'],
    ['/v1/listings?near=Atlantis', 'near'],
    ['/v1/listings?near=HG1&radiusKm=0', 'radiusKm'],
    ['/v1/listings?near=HG1&radiusKm=51', 'radiusKm'],
    ['/v1/listings?near=HG1&radiusKm=far', 'radiusKm'],
    ['/v1/listings?near=HG1&cursor=abc', 'cursor'],
    ['/v1/listings?near=HG1&category=spa_days', 'category'],
    [`/v1/listings?near=HG1&q=${'a'.repeat(101)}`, 'q'],
    ['/v1/listings?near=HG1&colour=blue', 'colour'],
    ['/v1/listings?near=HG1&limit=0', 'limit'],
    ['/v1/listings?near=HG1&limit=51', 'limit'],
    ['/v1/listings?near=HG1&maxPricePence=12.5', 'maxPricePence'],
    ['/v1/listings?near=HG1&time=10:00', 'day'],
    ['/v1/listings?near=HG1&day=funday', 'day'],
    ['/v1/listings?near=HG1&accessibility=lift,step_free', 'accessibility.0'],
    ['/v1/listings?sort=nearest', 'sort'],
  ];
  it.each(cases)('%s is a 400 problem naming %s', async (path, field) => {
    const response = await api.call('GET', path);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(fieldsOf(response.body)).toContain(field);
  });
});

describe('cursors', () => {
  it('refuses a cursor from another search, naming cursor, rather than skipping results', async () => {
    const first = (await api.call('GET', '/v1/listings?near=HG1&radiusKm=50&limit=1')).body as {
      nextCursor?: string;
    };
    expect(first.nextCursor).toBeDefined();
    const elsewhere = await api.call(
      'GET',
      `/v1/listings?near=YO7&radiusKm=50&limit=1&cursor=${first.nextCursor}`,
    );
    expect(elsewhere.status).toBe(400);
    expect(fieldsOf(elsewhere.body)).toContain('cursor');
  });
});

describe('no table scans', () => {
  it('answers every search above from the index (loaded with Query) and never Scan', () => {
    expect(commands).toContain('QueryCommand');
    expect(commands).not.toContain('ScanCommand');
  });
});
