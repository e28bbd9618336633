import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  type AuditEntry,
  type Clock,
  categoryCodes,
  conflict,
  type DirectoryStore,
  type ListingFeed,
  type ListingRecord,
  ListingRecord as ListingSchema,
  type Page,
  type PageRequest,
  type ProviderRecord,
  ProviderRecord as ProviderSchema,
  systemClock,
} from '@carepool/domain';
import { auditPuts } from './audit-log.ts';
import { stripKeys } from './items.ts';
import { keys } from './keys.ts';
import { queryAll, queryListPage } from './query.ts';
import { transactWithAudit, versionedPut } from './transact.ts';

export const parseProvider = (item: Record<string, unknown>): ProviderRecord =>
  ProviderSchema.parse(stripKeys(item));
const parseListing = (item: Record<string, unknown>): ListingRecord => ListingSchema.parse(stripKeys(item));

export function providerItem(provider: ProviderRecord) {
  return {
    ...keys.provider(provider.providerId),
    ...keys.providerByOwner(provider.ownerUserId, provider.providerId),
    ...(provider.payouts ? keys.providerByRailAccount(provider.payouts.railAccountId) : {}),
    ...(provider.status === 'pending'
      ? keys.providerAwaitingCheck(provider.updatedAt, provider.providerId)
      : {}),
    entity: 'provider',
    ...provider,
  };
}

export function listingItem(listing: ListingRecord) {
  return {
    ...keys.listing(listing.listingId),
    ...keys.listingByProvider(listing.providerId, listing.listingId),
    // Every listing, withdrawn too, is in the change feed, so search indexes learn of withdrawals.
    ...keys.listingChange(listing.updatedAt, listing.listingId),
    ...(listing.status === 'active'
      ? keys.listingByCategoryPrice(listing.category, listing.pricePence, listing.listingId)
      : {}),
    entity: 'listing',
    ...listing,
  };
}

/** The UTC days from one instant to another, as the change feed's partitions name them. */
function daysBetween(since: Date, until: Date): string[] {
  const days: string[] = [];
  const day = new Date(Date.UTC(since.getUTCFullYear(), since.getUTCMonth(), since.getUTCDate()));
  while (day.getTime() <= until.getTime()) {
    days.push(day.toISOString().slice(0, 10));
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return days;
}

export class DynamoDirectoryStore implements DirectoryStore, ListingFeed {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock = systemClock,
  ) {}

  async getProvider(providerId: string): Promise<ProviderRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.provider(providerId) }),
    );
    return Item ? parseProvider(Item) : undefined;
  }

  async insertProvider(provider: ProviderRecord, audit: AuditEntry[]): Promise<void> {
    await this.writeProvider(provider, 0, audit);
  }

  async replaceProvider(
    provider: ProviderRecord,
    expectedVersion: number,
    audit: AuditEntry[],
  ): Promise<void> {
    await this.writeProvider(provider, expectedVersion, audit);
  }

  /** A provider change and its audit records land together or not at all. */
  private async writeProvider(
    provider: ProviderRecord,
    expectedVersion: number,
    audit: AuditEntry[],
  ): Promise<void> {
    await transactWithAudit(
      this.db,
      [versionedPut(this.tableName, providerItem(provider), expectedVersion)],
      () => auditPuts(this.db, this.tableName, audit, this.clock.now()),
    );
  }

  async providersOwnedBy(userId: string): Promise<ProviderRecord[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.providerByOwner(userId, '').gsi3pk },
    });
    return items.map(parseProvider);
  }

  async providersAwaitingCheck(page: PageRequest): Promise<Page<ProviderRecord>> {
    const { gsi1pk } = keys.providerAwaitingCheck('', '');
    return queryListPage(
      this.db,
      { tableName: this.tableName, index: 'gsi1', list: gsi1pk },
      page,
      parseProvider,
      { newestFirst: false },
    );
  }

  async hasDisclosedBroker(userId: string): Promise<boolean> {
    return (await this.providersOwnedBy(userId)).some(
      (p) => p.kind === 'broker' && p.broker !== undefined && p.status !== 'suspended',
    );
  }

  async ownsBrokerProfile(userId: string): Promise<boolean> {
    return (await this.providersOwnedBy(userId)).some((p) => p.kind === 'broker');
  }

  async getListing(listingId: string): Promise<ListingRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.listing(listingId) }),
    );
    return Item ? parseListing(Item) : undefined;
  }

  async insertListing(listing: ListingRecord): Promise<void> {
    await this.putNew(listingItem(listing), 'listing');
  }

  async replaceListing(listing: ListingRecord, expectedVersion: number): Promise<void> {
    await this.putVersioned(listingItem(listing), expectedVersion, 'listing');
  }

  async listingsOfProvider(providerId: string): Promise<ListingRecord[]> {
    const { gsi3pk } = keys.listingByProvider(providerId, '');
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': gsi3pk },
    });
    return items.map(parseListing);
  }

  /**
   * The snapshot a search index starts from: each category's partition of the sparse index of
   * active listings, read in parallel (ten Queries, each followed to its end). It runs once per
   * instance, at start, never per search.
   */
  async activeListings(): Promise<ListingRecord[]> {
    const perCategory = await Promise.all(
      categoryCodes.map((category) =>
        queryAll(this.db, {
          TableName: this.tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.listingByCategoryPrice(category, 0, '').gsi2pk },
        }),
      ),
    );
    return perCategory.flat().map(parseListing);
  }

  /**
   * What changed since a moment: one Query per UTC day partition touched (normally one), reading
   * only the listings changed since then.
   */
  async listingsChangedSince(since: Date, until: Date): Promise<ListingRecord[]> {
    const listings: ListingRecord[] = [];
    for (const day of daysBetween(since, until)) {
      const items = await queryAll(this.db, {
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk >= :since',
        ExpressionAttributeValues: {
          ':pk': keys.listingChange(day, '').gsi1pk,
          ':since': since.toISOString(),
        },
      });
      listings.push(...items.map(parseListing));
    }
    return listings;
  }

  private async putNew(item: Record<string, unknown>, what: string): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw conflict('already_exists', `That ${what} already exists.`);
      throw error;
    }
  }

  /** Optimistic locking: the write lands only if nobody else changed the item since we read it. */
  private async putVersioned(
    item: Record<string, unknown>,
    expectedVersion: number,
    what: string,
  ): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': expectedVersion },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw conflict(
          'version_conflict',
          `Someone else changed this ${what} at the same time. Reload it and try again.`,
        );
      }
      throw error;
    }
  }
}
