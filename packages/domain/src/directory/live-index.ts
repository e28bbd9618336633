import type { Clock } from '../clock.ts';
import type { ListingRecord } from './listing.ts';
import { ListingIndex } from './listing-index.ts';
import type { ListingFeed } from './ports.ts';

export interface LiveIndexOptions {
  /** How often a search checks the change feed; also the most a change from elsewhere waits. */
  refreshEveryMs?: number;
  /**
   * How far before the last check each check reads again. Index reads are eventually consistent
   * and writers' clocks differ by a little: re-reading a short overlap catches a change that
   * became visible late; copies already seen are ignored by version.
   */
  overlapMs?: number;
  /** Past this gap (an instance idle for a long time, a clock moved), load everything again. */
  reloadAfterMs?: number;
  /** A monotonic clock for the refresh cadence (the injected clock may stand still in tests). */
  elapsedMs?: () => number;
}

/**
 * Search's in-memory index, kept current by the listings change feed.
 *
 * Each directory function instance (a Lambda, or the local runtime) loads every active listing
 * once, at start, then before answering a search at most once every `refreshEveryMs` asks the
 * feed for what changed since its last check: one Query of a small, time-ordered index partition
 * (see `keys.listingChange`), costing what changed, not what exists. Writes made through this
 * instance are applied at once (`noteWritten`), so a provider sees their own change immediately;
 * other instances see it within `refreshEveryMs`.
 */
export class LiveListingIndex {
  private index: ListingIndex | undefined;
  private loading: Promise<ListingIndex> | undefined;
  private refreshing: Promise<void> | undefined;
  /** Feed time (the writers' clock) up to which changes have been applied. */
  private appliedUpTo = 0;
  private lastCheckedAt = Number.NEGATIVE_INFINITY;
  private readonly refreshEveryMs: number;
  private readonly overlapMs: number;
  private readonly reloadAfterMs: number;
  private readonly elapsedMs: () => number;

  constructor(
    private readonly feed: ListingFeed,
    private readonly clock: Clock,
    options: LiveIndexOptions = {},
  ) {
    this.refreshEveryMs = options.refreshEveryMs ?? 1000;
    this.overlapMs = options.overlapMs ?? 10_000;
    this.reloadAfterMs = options.reloadAfterMs ?? 24 * 3600_000;
    this.elapsedMs = options.elapsedMs ?? (() => performance.now());
  }

  /** Starts loading now (a Lambda's init phase) so the first search need not wait as long. */
  warm(): Promise<void> {
    return this.current().then(() => undefined);
  }

  /**
   * The index to answer from. The first call loads it; later calls check the feed when a check is
   * due. Only the search that starts a check waits for it: others answer from what is held.
   */
  async current(): Promise<ListingIndex> {
    if (!this.index) {
      this.loading ??= this.load().finally(() => {
        this.loading = undefined;
      });
      return this.loading;
    }
    if (!this.refreshing && this.elapsedMs() - this.lastCheckedAt >= this.refreshEveryMs) {
      // A failed check is tried again at the next one, from the same point: answering from an
      // index a second or two older is better than failing the search.
      this.refreshing = this.refresh()
        .catch(() => undefined)
        .finally(() => {
          this.refreshing = undefined;
        });
      await this.refreshing;
    }
    return this.index;
  }

  /** A listing this instance has just written: searchable here at once. */
  noteWritten(listing: ListingRecord): void {
    this.index?.upsert(listing);
  }

  private async load(): Promise<ListingIndex> {
    const startedAt = this.clock.now().getTime();
    this.lastCheckedAt = this.elapsedMs();
    const index = new ListingIndex(await this.feed.activeListings());
    // Anything written while the snapshot was read is picked up by the next check.
    this.appliedUpTo = startedAt;
    this.index = index;
    return index;
  }

  private async refresh(): Promise<void> {
    const index = this.index;
    if (!index) return;
    const now = this.clock.now().getTime();
    this.lastCheckedAt = this.elapsedMs();
    const since = this.appliedUpTo - this.overlapMs;
    if (now - since > this.reloadAfterMs || now < since) {
      this.index = undefined;
      await this.current();
      return;
    }
    const changed = await this.feed.listingsChangedSince(new Date(since), new Date(now));
    for (const listing of changed) index.upsert(listing);
    this.appliedUpTo = now;
  }
}
