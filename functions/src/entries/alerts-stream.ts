import type { DynamoDBStreamEvent } from 'aws-lambda';
import { defaultDeps } from '../deps.ts';
import { handleStreamRecords } from '../oversight/alert-stream.ts';

/**
 * Lambda entry point for the table's DynamoDB stream (new images, filtered to ledger transfers by
 * the event source mapping): runs the alert rules on every money event. Partial batch responses
 * let the stream retry only from a record that failed.
 */
export const handler = (event: DynamoDBStreamEvent) =>
  handleStreamRecords(event.Records, defaultDeps().alerts);
