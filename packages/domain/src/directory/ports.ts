import type { AuditEntry } from '../audit/audit.ts';
import type { Page, PageRequest } from '../paging.ts';
import type { ListingRecord } from './listing.ts';
import type { ProviderRecord } from './provider.ts';

/** What the directory needs from storage. The db package implements it; tests may too. */
export interface DirectoryStore {
  getProvider(providerId: string): Promise<ProviderRecord | undefined>;
  /** Fails with a `conflict` DomainError if the id exists. Writes the audit records in the same transaction. */
  insertProvider(provider: ProviderRecord, audit: AuditEntry[]): Promise<void>;
  /** Optimistic: fails with a `conflict` DomainError unless the stored version is `expectedVersion`. */
  replaceProvider(provider: ProviderRecord, expectedVersion: number, audit: AuditEntry[]): Promise<void>;
  providersOwnedBy(userId: string): Promise<ProviderRecord[]>;
  /** Providers waiting for a council's check (`pending`), oldest change first. */
  providersAwaitingCheck(page: PageRequest): Promise<Page<ProviderRecord>>;
  /** True when this user owns a broker profile that discloses its fee. */
  hasDisclosedBroker(userId: string): Promise<boolean>;

  getListing(listingId: string): Promise<ListingRecord | undefined>;
  insertListing(listing: ListingRecord): Promise<void>;
  replaceListing(listing: ListingRecord, expectedVersion: number): Promise<void>;
  listingsOfProvider(providerId: string): Promise<ListingRecord[]>;
}

/**
 * Where search's in-memory index gets its listings (see `LiveListingIndex`). Neither call scans:
 * the snapshot reads the sparse index of active listings, the changes read a time-ordered index.
 */
export interface ListingFeed {
  /** Every active listing: what a new index starts from. */
  activeListings(): Promise<ListingRecord[]>;
  /** Listings of any status whose latest change was at or after `since` (up to `until`). */
  listingsChangedSince(since: Date, until: Date): Promise<ListingRecord[]>;
}

/** Makes a new unique, URL-safe id with a readable prefix, e.g. `prv_…`. */
export type IdGenerator = (prefix: string) => string;
