import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey } from '../../packages/local/src/jwt.ts';
import { type Runtime, startRuntime } from '../../packages/local/src/runtime.ts';
import { microEnterprise, walkingGroup } from '../support/fixtures.ts';
import { startTestApi, type TestApi } from '../support/runtime.ts';

/**
 * Search from the in-memory index, over HTTP: words with no place, no parameters at all, counts,
 * what a page reads from the table, and how soon another instance sees a change.
 */

type Hit = { listingId: string; title: string; category: string; pricePence: number; distanceKm?: number };
type SearchPage = {
  items: Hit[];
  nextCursor?: string;
  total?: number;
  categoryCounts?: Array<{ category: string; count: number }>;
};

let api: TestApi;
let token: string;
let providerId: string;
const commands: string[] = [];
const tableReads = new Set(['QueryCommand', 'GetCommand', 'BatchGetCommand', 'ScanCommand']);

async function search(query: string): Promise<SearchPage> {
  const response = await api.call('GET', `/v1/listings${query}`);
  expect(response.status).toBe(200);
  return response.body as SearchPage;
}

async function addListing(body: Record<string, unknown>): Promise<string> {
  const response = await api.call('POST', `/v1/providers/${providerId}/listings`, {
    token,
    body: { ...walkingGroup, groupTiers: [], ...body },
  });
  expect(response.status).toBe(201);
  return (response.body as { listingId: string }).listingId;
}

const listings = [
  {
    title: 'Walking support',
    description: 'Someone to walk with you to the shops or the park.',
    category: 'pa_support',
    pricePence: 1600,
    where: { mode: 'venue', postcode: 'HG1 1AA' },
  },
  {
    title: 'Garden tidy-up',
    description: 'Weeding and mowing; paths made safe to walk on.',
    category: 'household_help',
    pricePence: 2000,
    where: { mode: 'venue', postcode: 'HG2 7AA' },
  },
  {
    title: 'Personal assistant for days out',
    description: 'A friendly PA for trips and appointments.',
    category: 'pa_support',
    pricePence: 1400,
    where: { mode: 'venue', postcode: 'LS1 1AA' },
  },
  {
    title: 'Swimming lessons for adults',
    description: 'Small classes in a warm pool.',
    category: 'day_and_community',
    pricePence: 1200,
    where: { mode: 'venue', postcode: 'SW1A 1AA' },
  },
  {
    title: 'Physiotherapy at the clinic',
    description: 'Exercises after a fall or an operation.',
    category: 'health_and_therapy',
    pricePence: 4500,
    where: { mode: 'venue', postcode: 'M1 1AA' },
  },
  {
    title: 'Accessible taxi to appointments',
    description: 'Wheelchair accessible vehicle, booked ahead.',
    category: 'transport',
    pricePence: 900,
    where: { mode: 'venue', postcode: 'EH1 1AA' },
  },
];

beforeAll(async () => {
  api = await startTestApi({ observe: (name) => commands.push(name) });
  token = await api.tokenFor({ userId: 'usr_search_live', roles: ['provider'] });
  // A provider whose name says nothing the searches below look for.
  const provider = await api.call('POST', '/v1/providers', {
    token,
    body: { ...microEnterprise, name: 'Harrogate Helpers', description: 'Local help.' },
  });
  providerId = (provider.body as { providerId: string }).providerId;
  for (const listing of listings) await addListing(listing);
});
afterAll(async () => api?.close());

describe('words alone, and nothing at all', () => {
  it('searches the whole country for words with no place, best match first', async () => {
    const page = await search('?q=personal%20assistant');
    expect(page.items.map((h) => h.title)).toEqual(['Personal assistant for days out', 'Walking support']);
    expect(page.items.every((h) => h.distanceKm === undefined)).toBe(true);
  });

  it('ranks walking support above a garden tidy-up that is only safe to walk on', async () => {
    const titles = (await search('?q=walk')).items.map((h) => h.title);
    expect(titles.indexOf('Walking support')).toBe(0);
    expect(titles).toContain('Garden tidy-up');
  });

  it('knows synonyms and forgives typos', async () => {
    expect((await search('?q=carer')).items.map((h) => h.title)).toContain('Personal assistant for days out');
    expect((await search('?q=swim')).items.map((h) => h.title)).toEqual(['Swimming lessons for adults']);
    expect((await search('?q=physiotherpy')).items.map((h) => h.title)).toEqual([
      'Physiotherapy at the clinic',
    ]);
  });

  it('answers no parameters at all with a first page of everything, cheapest first, and the counts', async () => {
    const page = await search('');
    expect(page.items).toHaveLength(listings.length);
    const prices = page.items.map((h) => h.pricePence);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(page.total).toBe(listings.length);
    expect(page.categoryCounts).toEqual([
      { category: 'pa_support', count: 2 },
      { category: 'day_and_community', count: 1 },
      { category: 'transport', count: 1 },
      { category: 'health_and_therapy', count: 1 },
      { category: 'household_help', count: 1 },
    ]);
  });

  it('treats an empty or stop-word-only query as no words', async () => {
    expect((await search('?q=')).total).toBe(listings.length);
    expect((await search('?q=the')).total).toBe(listings.length);
  });
});

describe('counts', () => {
  it('says how many matched, and counts every category for the search whichever one is chosen', async () => {
    const page = await search('?q=walk&category=pa_support');
    expect(page.total).toBe(1);
    expect(page.items.map((h) => h.title)).toEqual(['Walking support']);
    expect(page.categoryCounts).toEqual([
      { category: 'pa_support', count: 1 },
      { category: 'household_help', count: 1 },
    ]);
  });
});

describe('every sort with or without a place', () => {
  for (const sort of ['relevance', 'distance', 'price', 'name']) {
    it(`sorts by ${sort} with and without near`, async () => {
      const everywhere = await search(`?sort=${sort}&q=walk`);
      expect(everywhere.total).toBe(2);
      const near = await search(`?sort=${sort}&near=HG1&radiusKm=20`);
      expect(near.total).toBe(2);
    });
  }

  it('orders by name and by price across the country', async () => {
    const byName = (await search('?sort=name')).items.map((h) => h.title.toLowerCase());
    expect(byName).toEqual([...byName].sort());
  });
});

describe('what a page costs', () => {
  it('reads the table at most once for every page, first or last, and never scans', async () => {
    await search('?limit=1'); // the index is loaded
    let cursor: string | undefined;
    const readsPerPage: number[] = [];
    const seen: string[] = [];
    do {
      const before = commands.length;
      const page = await search(`?limit=1&sort=name${cursor ? `&cursor=${cursor}` : ''}`);
      readsPerPage.push(commands.slice(before).filter((name) => tableReads.has(name)).length);
      seen.push(...page.items.map((h) => h.listingId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(listings.length);
    expect(new Set(seen).size).toBe(listings.length);
    expect(Math.max(...readsPerPage)).toBeLessThanOrEqual(1);
    expect(commands).not.toContain('ScanCommand');
  });
});

describe('freshness from the change feed', () => {
  let other: Runtime;
  const otherReads: string[] = [];
  beforeAll(async () => {
    // A second instance on the same table, as another Lambda would be: it learns of changes only
    // through the change feed, not from the write.
    other = await startRuntime({
      endpoint: api.endpoint,
      tableName: api.tableName,
      signingKey: await generateSigningKey(),
      port: 0,
      seed: 'none',
      handlers: 'in-process',
      observe: (name) => otherReads.push(name),
    });
  });
  afterAll(async () => other?.close());

  const searchOther = async (query: string) =>
    (await (await fetch(`${other.url}/v1/listings${query}`)).json()) as SearchPage;

  /** Polls the other instance until the condition holds; returns how long it took. */
  async function within(ms: number, condition: () => Promise<boolean>): Promise<number> {
    const started = Date.now();
    while (!(await condition())) {
      if (Date.now() - started > ms) throw new Error(`not seen within ${ms} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return Date.now() - started;
  }

  it('shows a listing created, changed and withdrawn elsewhere within a few seconds', async () => {
    expect((await searchOther('?q=kayaking')).total).toBe(0);
    const listingId = await addListing({ title: 'Adaptive kayaking', category: 'day_and_community' });
    await within(5000, async () =>
      (await searchOther('?q=kayaking')).items.some((h) => h.listingId === listingId),
    );

    const changed = await api.call('PATCH', `/v1/listings/${listingId}`, {
      token,
      body: { title: 'Adaptive canoeing', pricePence: 700 },
    });
    expect(changed.status).toBe(200);
    await within(5000, async () => {
      const page = await searchOther('?q=canoeing');
      return page.items[0]?.listingId === listingId && page.items[0]?.pricePence === 700;
    });
    expect((await searchOther('?q=kayaking')).total).toBe(0);

    const withdrawn = await api.call('PATCH', `/v1/listings/${listingId}`, {
      token,
      body: { status: 'withdrawn' },
    });
    expect(withdrawn.status).toBe(200);
    await within(5000, async () => (await searchOther('?q=canoeing')).total === 0);
    expect(otherReads).not.toContain('ScanCommand');
  });
});
