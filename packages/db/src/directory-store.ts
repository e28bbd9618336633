import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  type AuditEntry,
  type Clock,
  conflict,
  type DirectoryStore,
  type ListingRecord,
  ListingRecord as ListingSchema,
  type ProviderRecord,
  ProviderRecord as ProviderSchema,
  systemClock,
} from '@carepool/domain';
import { auditPuts } from './audit-log.ts';
import { queryDistricts, stripKeys } from './items.ts';
import { keys, padPence } from './keys.ts';
import { queryAll } from './query.ts';
import { transactWithAudit, versionedPut } from './transact.ts';

export const parseProvider = (item: Record<string, unknown>): ProviderRecord =>
  ProviderSchema.parse(stripKeys(item));
const parseListing = (item: Record<string, unknown>): ListingRecord => ListingSchema.parse(stripKeys(item));

export function providerItem(provider: ProviderRecord) {
  return {
    ...keys.provider(provider.providerId),
    ...keys.providerByOwner(provider.ownerUserId, provider.providerId),
    ...(provider.payouts ? keys.providerByRailAccount(provider.payouts.railAccountId) : {}),
    entity: 'provider',
    ...provider,
  };
}

export function listingItem(listing: ListingRecord) {
  const searchable =
    listing.status === 'active'
      ? {
          ...keys.listingByDistrict(listing.outcode, listing.category, listing.listingId),
          ...keys.listingByCategoryPrice(listing.category, listing.pricePence, listing.listingId),
        }
      : {};
  return {
    ...keys.listing(listing.listingId),
    ...keys.listingByProvider(listing.providerId, listing.listingId),
    ...searchable,
    entity: 'listing',
    ...listing,
  };
}

/** DynamoDB caps a request's in-flight fan-out only by our patience; keep district queries bounded. */
const districtQueryConcurrency = 16;

export class DynamoDirectoryStore implements DirectoryStore {
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

  async activeListingsInDistricts(outcodes: readonly string[], category?: string): Promise<ListingRecord[]> {
    const items = await queryDistricts(
      this.db,
      this.tableName,
      (outcode) => keys.listingByDistrict(outcode, '', '').gsi1pk,
      outcodes,
      category,
      districtQueryConcurrency,
    );
    return items.map(parseListing);
  }

  async activeListingsByPrice(
    category: string,
    options: { after?: { pricePence: number; listingId: string }; maxPricePence?: number; maxRead: number },
  ): Promise<{ listings: ListingRecord[]; exhausted: boolean }> {
    const { gsi2pk } = keys.listingByCategoryPrice(category, 0, '');
    const upper = options.maxPricePence === undefined ? '~' : `${padPence(options.maxPricePence)}#~`;
    const lower = options.after
      ? `${padPence(options.after.pricePence)}#${options.after.listingId}`
      : undefined;
    const listings: ListingRecord[] = [];
    let exclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: lower
            ? 'gsi2pk = :pk AND gsi2sk BETWEEN :lower AND :upper'
            : 'gsi2pk = :pk AND gsi2sk <= :upper',
          ExpressionAttributeValues: {
            ':pk': gsi2pk,
            ':upper': upper,
            ...(lower ? { ':lower': lower } : {}),
          },
          Limit: options.maxRead - listings.length,
          ExclusiveStartKey: exclusiveStartKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const listing = parseListing(item);
        // BETWEEN is inclusive; the cursor's own item was on the previous page.
        if (options.after && listing.listingId === options.after.listingId) continue;
        listings.push(listing);
      }
      exclusiveStartKey = page.LastEvaluatedKey;
    } while (exclusiveStartKey && listings.length < options.maxRead);
    return { listings, exhausted: exclusiveStartKey === undefined };
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
