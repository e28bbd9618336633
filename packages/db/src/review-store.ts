import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type ReviewRecord, ReviewRecord as ReviewSchema, type ReviewStore } from '@carepool/domain';
import { keys } from './keys.ts';
import { queryAll } from './query.ts';

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
                Item: { ...keys.review(review.providerId, review.reviewId), entity: 'review', ...review },
                ConditionExpression: 'attribute_not_exists(pk)',
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

  async ofProvider(providerId: string): Promise<ReviewRecord[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :r)',
      ExpressionAttributeValues: { ':pk': keys.review(providerId, '').pk, ':r': 'REVIEW#' },
    });
    return items.map(({ pk, sk, entity, ...rest }) => ReviewSchema.parse(rest));
  }
}
