import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  type ReviewRecord,
  ReviewRecord as ReviewSchema,
  type ReviewStore,
  type ReviewSummary,
} from '@carepool/domain';
import { keys } from './keys.ts';

export class DynamoReviewStore implements ReviewStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The review and the order's "reviewed" mark in one transaction, so one order gives one review. */
  async add(review: ReviewRecord, orderId: string, orderVersion: number): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...keys.review(review.providerId, review.date, review.reviewId),
                  entity: 'review',
                  ...review,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              // The provider's count and rating total move with the review, so the average is
              // one read however many reviews there are.
              Update: {
                TableName: this.tableName,
                Key: keys.reviewSummary(review.providerId),
                UpdateExpression: 'ADD #count :one, ratingSum :rating SET entity = :entity',
                ExpressionAttributeNames: { '#count': 'count' },
                ExpressionAttributeValues: {
                  ':one': 1,
                  ':rating': review.rating,
                  ':entity': 'review_summary',
                },
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: keys.order(orderId),
                // The order's mark is what keeps it to one review (the review's key says nothing of the order).
                // The version is not bumped, so the provider's view of the order does not change.
                UpdateExpression: 'SET reviewed = :yes',
                ConditionExpression:
                  'version = :version AND (attribute_not_exists(reviewed) OR reviewed = :no)',
                ExpressionAttributeValues: { ':yes': true, ':no': false, ':version': orderVersion },
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException) return false;
      throw error;
    }
  }

  async summaryOf(providerId: string): Promise<ReviewSummary> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.reviewSummary(providerId) }),
    );
    return { count: Number(Item?.count ?? 0), ratingSum: Number(Item?.ratingSum ?? 0) };
  }

  /** The newest reviews, one Query: the sort key starts with the day. */
  async newestOf(providerId: string, limit: number): Promise<ReviewRecord[]> {
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :r)',
        ExpressionAttributeValues: { ':pk': keys.reviewSummary(providerId).pk, ':r': 'REVIEW#' },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (Items ?? []).map(({ pk, sk, entity, ...rest }) => ReviewSchema.parse(rest));
  }
}
