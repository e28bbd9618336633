import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.ts';
import type { ListingRecord } from './listing.ts';
import { LiveListingIndex } from './live-index.ts';
import type { ListingFeed } from './ports.ts';

const base: Omit<ListingRecord, 'listingId' | 'title' | 'status' | 'updatedAt' | 'version'> = {
  description: '',
  category: 'transport',
  pricePence: 1000,
  priceUnit: 'item',
  groupTiers: [],
  capacity: 1,
  where: { mode: 'online' },
  availability: [],
  accessibility: [],
  languages: ['en'],
  providerId: 'prv_1',
  providerName: 'Dales Transport',
  providerKind: 'organisation',
  providerStatus: 'verified',
  outcode: 'HG1',
  latitude: 53.99,
  longitude: -1.54,
  serviceRadiusKm: 10,
  createdAt: '2026-11-01T09:00:00.000Z',
};

const listing = (
  listingId: string,
  title: string,
  version = 1,
  status: 'active' | 'withdrawn' = 'active',
): ListingRecord => ({ ...base, listingId, title, status, updatedAt: '2026-11-01T09:00:00.000Z', version });

/** A change feed kept in memory, recording what it was asked. */
function memoryFeed(initial: ListingRecord[]) {
  const calls: Array<{ kind: 'snapshot' } | { kind: 'changes'; since: Date }> = [];
  const changes: ListingRecord[] = [];
  const feed: ListingFeed = {
    activeListings: async () => {
      calls.push({ kind: 'snapshot' });
      return initial;
    },
    listingsChangedSince: async (since) => {
      calls.push({ kind: 'changes', since });
      return changes;
    },
  };
  return { feed, calls, changes };
}

const search = { radiusKm: 10, accessibility: [], sort: 'name' as const, limit: 20 };

describe('the live search index', () => {
  it('loads the snapshot once, however many searches arrive together', async () => {
    const { feed, calls } = memoryFeed([listing('a', 'Taxi')]);
    const live = new LiveListingIndex(feed, fixedClock('2026-12-01T10:00:00Z'), { elapsedMs: () => 0 });
    const indexes = await Promise.all([live.current(), live.current(), live.current()]);
    expect(calls).toEqual([{ kind: 'snapshot' }]);
    expect(indexes[0]?.size).toBe(1);
  });

  it('asks the feed for changes only when a check is due, from a little before the last one', async () => {
    const { feed, calls, changes } = memoryFeed([listing('a', 'Taxi')]);
    let elapsed = 0;
    const clock = fixedClock('2026-12-01T10:00:00Z');
    const live = new LiveListingIndex(feed, clock, {
      refreshEveryMs: 1000,
      overlapMs: 5000,
      elapsedMs: () => elapsed,
    });
    await live.current();
    elapsed = 500;
    await live.current();
    expect(calls).toHaveLength(1);
    changes.push(listing('b', 'Minibus'), listing('a', 'Taxi', 2, 'withdrawn'));
    elapsed = 1000;
    clock.advanceMs(1000);
    const index = await live.current();
    expect(calls.at(-1)).toEqual({ kind: 'changes', since: new Date('2026-12-01T09:59:55Z') });
    expect(index.search(search).hits.map((h) => h.listing.title)).toEqual(['Minibus']);
  });

  it('applies this instance’s own writes at once', async () => {
    const { feed } = memoryFeed([]);
    const live = new LiveListingIndex(feed, fixedClock('2026-12-01T10:00:00Z'), { elapsedMs: () => 0 });
    await live.current();
    live.noteWritten(listing('c', 'Community bus'));
    expect((await live.current()).size).toBe(1);
  });

  it('loads everything again after a long gap rather than reading days of changes', async () => {
    const { feed, calls } = memoryFeed([listing('a', 'Taxi')]);
    let elapsed = 0;
    const clock = fixedClock('2026-12-01T10:00:00Z');
    const live = new LiveListingIndex(feed, clock, { elapsedMs: () => elapsed });
    await live.current();
    clock.advanceMs(3 * 24 * 3600_000);
    elapsed = 10_000;
    await live.current();
    expect(calls.map((c) => c.kind)).toEqual(['snapshot', 'snapshot']);
  });

  it('answers from what it holds when a check fails, and tries again at the next one', async () => {
    const { feed, calls } = memoryFeed([listing('a', 'Taxi')]);
    let elapsed = 0;
    let failing = true;
    const flaky: ListingFeed = {
      activeListings: feed.activeListings,
      listingsChangedSince: async (since, until) => {
        if (failing) throw new Error('throttled');
        return feed.listingsChangedSince(since, until);
      },
    };
    const live = new LiveListingIndex(flaky, fixedClock('2026-12-01T10:00:00Z'), {
      elapsedMs: () => elapsed,
    });
    await live.current();
    elapsed = 2000;
    expect((await live.current()).size).toBe(1);
    failing = false;
    elapsed = 4000;
    await live.current();
    expect(calls.map((c) => c.kind)).toEqual(['snapshot', 'changes']);
  });
});
