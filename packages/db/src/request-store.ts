import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  conflict,
  type QuoteRecord,
  QuoteRecord as QuoteSchema,
  SupportRequestRecord as RequestSchema,
  type RequestStore,
  type SupportRequestRecord,
} from '@carepool/domain';
import { queryDistricts, stripKeys } from './items.ts';
import { keys } from './keys.ts';
import { queryAll } from './query.ts';

export class DynamoRequestStore implements RequestStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(requestId: string) {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.supportRequest(requestId),
        ConsistentRead: true,
      }),
    );
    return Item ? RequestSchema.parse(stripKeys(Item)) : undefined;
  }

  async quotes(requestId: string) {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :q)',
      ExpressionAttributeValues: { ':pk': keys.supportRequest(requestId).pk, ':q': 'QUOTE#' },
    });
    return items.map((item) => QuoteSchema.parse(stripKeys(item)));
  }

  async openInDistricts(outcodes: readonly string[], category?: string) {
    const items = await queryDistricts(
      this.db,
      this.tableName,
      (outcode) => keys.requestByDistrict(outcode, '', '').gsi1pk,
      outcodes,
      category,
    );
    return items.map((item) => RequestSchema.parse(stripKeys(item)));
  }

  async ofCouncil(councilId: string, from: string, to: string) {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': keys.requestByCouncil(councilId, '', '').gsi3pk,
        ':from': from,
        ':to': `${to}~`,
      },
    });
    return items.map((item) => RequestSchema.parse(stripKeys(item)));
  }

  async create(request: SupportRequestRecord): Promise<void> {
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: {
                ...keys.supportRequest(request.requestId),
                ...keys.requestByDistrict(request.outcode, request.category, request.requestId),
                ...keys.requestByCouncil(request.councilId, request.createdAt, request.requestId),
                entity: 'support_request',
                ...request,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
  }

  async addInterest(requestId: string, personId: string): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...keys.interest(requestId, personId), entity: 'interest', requestId, personId },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: keys.supportRequest(requestId),
                UpdateExpression: 'ADD interestedCount :one',
                ExpressionAttributeValues: { ':one': 1 },
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (
        error instanceof TransactionCanceledException &&
        error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
      )
        return false;
      throw error;
    }
  }

  async interestedPeople(requestId: string): Promise<string[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :i)',
      ExpressionAttributeValues: { ':pk': keys.supportRequest(requestId).pk, ':i': 'INTEREST#' },
    });
    return items.map((item) => String(item.personId));
  }

  async addQuote(quote: QuoteRecord): Promise<void> {
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: { ...keys.quote(quote.requestId, quote.quoteId), entity: 'quote', ...quote },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: this.tableName,
              Key: keys.supportRequest(quote.requestId),
              UpdateExpression: 'ADD quoteCount :one',
              ConditionExpression: '#status = :open',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':one': 1, ':open': 'open' },
            },
          },
        ],
      }),
    );
  }

  /** Accepting closes the request to quotes and takes it out of the providers' search. */
  async markAccepted(requestId: string, quoteId: string, expectedVersion: number): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.supportRequest(requestId),
          UpdateExpression:
            'SET #status = :accepted, acceptedQuoteId = :quote, version = :next REMOVE gsi1pk, gsi1sk',
          ConditionExpression: '#status = :open AND version = :expected',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':accepted': 'accepted',
            ':quote': quoteId,
            ':next': expectedVersion + 1,
            ':open': 'open',
            ':expected': expectedVersion,
          },
        }),
      );
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') {
        throw conflict('request_closed', 'A quote has already been accepted for this request.');
      }
      throw error;
    }
  }

  async reopen(request: SupportRequestRecord, quoteId: string, claimedVersion: number): Promise<void> {
    const district = keys.requestByDistrict(request.outcode, request.category, request.requestId);
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.supportRequest(request.requestId),
          UpdateExpression:
            'SET #status = :open, version = :next, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk REMOVE acceptedQuoteId',
          ConditionExpression: '#status = :accepted AND acceptedQuoteId = :quote AND version = :claimed',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':open': 'open',
            ':accepted': 'accepted',
            ':quote': quoteId,
            ':claimed': claimedVersion,
            ':next': claimedVersion + 1,
            ':gsi1pk': district.gsi1pk,
            ':gsi1sk': district.gsi1sk,
          },
        }),
      );
    } catch (error) {
      // Someone else already changed it: nothing of ours to hand back.
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return;
      throw error;
    }
  }
}
