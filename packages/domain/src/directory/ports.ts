import type { AuditEntry } from '../audit/audit.ts';
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
  /** True when this user owns a broker profile that discloses its fee. */
  hasDisclosedBroker(userId: string): Promise<boolean>;

  getListing(listingId: string): Promise<ListingRecord | undefined>;
  insertListing(listing: ListingRecord): Promise<void>;
  replaceListing(listing: ListingRecord, expectedVersion: number): Promise<void>;
  listingsOfProvider(providerId: string): Promise<ListingRecord[]>;

  /** Active listings located in any of these postcode districts (optionally one category). */
  activeListingsInDistricts(outcodes: readonly string[], category?: string): Promise<ListingRecord[]>;
  /**
   * Active listings of one category in ascending price order, starting after a position, reading
   * at most `maxRead` items. Returns where it stopped so search can page without a scan.
   */
  activeListingsByPrice(
    category: string,
    options: { after?: { pricePence: number; listingId: string }; maxPricePence?: number; maxRead: number },
  ): Promise<{ listings: ListingRecord[]; exhausted: boolean }>;
}

/** Makes a new unique, URL-safe id with a readable prefix, e.g. `prv_…`. */
export type IdGenerator = (prefix: string) => string;
