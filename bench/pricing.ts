/**
 * Prices assumed for the cost estimate: AWS eu-west-2 (London), on-demand, standard table class,
 * no free tier, no reserved capacity. Written down on 2026-11-23 from memory of the public price
 * pages, NOT fetched from the AWS price list: check them at https://aws.amazon.com/dynamodb/pricing/,
 * https://aws.amazon.com/lambda/pricing/ and https://aws.amazon.com/api-gateway/pricing/ before
 * quoting a figure.
 *
 * DynamoDB: AWS halved on-demand throughput prices on 1 November 2024. London's earlier prices were
 * $1.4125 per million write request units and $0.2825 per million read request units; the figures
 * below are those halved. The estimate is also given at the earlier prices, as an upper bound.
 */
export const prices = {
  assumedOn: '2026-11-23',
  region: 'eu-west-2',
  source: 'assumed (not fetched): check against the AWS price list',
  dynamoDb: {
    usdPerMillionWriteRequestUnits: 0.70625,
    usdPerMillionReadRequestUnits: 0.14125,
    usdPerMillionWriteRequestUnitsBeforeNov2024: 1.4125,
    usdPerMillionReadRequestUnitsBeforeNov2024: 0.2825,
    usdPerGbMonthStorage: 0.29,
  },
  lambda: {
    architecture: 'arm64',
    memoryMb: 512,
    usdPerGbSecond: 0.0000133334,
    usdPerMillionRequests: 0.2,
  },
  apiGateway: { kind: 'HTTP API', usdPerMillionRequests: 1.11 },
} as const;

/**
 * What one budget holder does in a month, for the estimate. Every booking runs the whole journey
 * (book, the provider accepts and delivers, the holder confirms, the provider is paid out).
 */
export const activityModel = {
  bookingsPerMonth: 12,
  accountViewsPerMonth: 15,
  statementViewsPerMonth: 15,
  searchesPerMonth: 20,
  /** The council deposits every four weeks: 13 a year. */
  depositsPerMonth: 13 / 12,
  /**
   * A statement's opening balance sums every earlier entry of the account, so its reads grow with
   * the account's age: priced here at an average of 6 months of history.
   */
  statementHistoryMonths: 6,
} as const;
