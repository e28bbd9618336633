/**
 * Brings a table written by earlier releases up to this one's stored shapes (docs/migrations.md):
 *
 *   CAREPOOL_TABLE=<TableName> [AWS_REGION=eu-west-2] npm run backfill -- [--payouts-since 2026-11-25]
 *   CAREPOOL_TABLE=carepool DYNAMODB_ENDPOINT=http://localhost:8000 npm run backfill   (local)
 *
 * Steps, each idempotent and resumable (every write is conditioned on what it found, so a second
 * run, or a run after an interrupted one, changes nothing that is already done), each logging
 * what it saw and what it wrote:
 *
 *   exceptions  reconciliation exceptions under the old single key → their council's partition
 *   payouts     payouts made before the payout index (since --payouts-since) → indexed by day
 *   ledger      accounts' per-month movement items for closed months → `trackedFrom` moved back
 *   deposits    people with budgets set before the deposits-due index → their due items
 *   unmet       requests made before the unmet-demand counters → counted, `trackedFrom` moved back
 *
 * Reads are Queries per council or per partition, except `ledger`, which finds accounts with one
 * Scan: there is no index of every account, and this is a one-off maintenance script, never a
 * request path (the API's client refuses Scan; this script makes its own client for that one).
 * Run it after the release is fully deployed (old code still running could write old shapes).
 */

import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, keys, queryAll, stripKeys, unmetCounterUpdates } from '@carepool/db';
import {
  accountId,
  indexDueDeposits,
  SupportRequestRecord as RequestSchema,
  shareOf,
  systemClock,
} from '@carepool/domain';
import { buildDeps, type Deps, readEnv } from '../functions/src/deps.ts';

export const backfillSteps = ['exceptions', 'payouts', 'ledger', 'deposits', 'unmet'] as const;
export type BackfillStep = (typeof backfillSteps)[number];

export interface BackfillContext {
  /** The application's client (it refuses Scan). */
  db: DynamoDBDocumentClient;
  /** A client that may Scan, for the one step with no index to Query. */
  scanDb: DynamoDBDocumentClient;
  tableName: string;
  deps: Deps;
  now: Date;
  /** Payouts made from this instant on are indexed for reconciliation (default: its first window). */
  payoutsSince: string;
  log: (line: string) => void;
  only?: readonly BackfillStep[];
}

/** `trackedFrom` once every earlier request or movement is counted: before any real one. */
export const trackedSinceTheStart = { unmet: '0000-01-01T00:00:00.000Z', ledger: '0000-00' } as const;

type Item = Record<string, unknown>;
type Counts = Record<string, number>;

const codes = (error: unknown) =>
  error instanceof TransactionCanceledException
    ? (error.CancellationReasons ?? []).map((r) => r.Code ?? 'None')
    : [];
const conditionFailed = (error: unknown) =>
  codes(error).includes('ConditionalCheckFailed') ||
  (error as { name?: string }).name === 'ConditionalCheckFailedException';
const monthOf = (at: string) => at.slice(0, 7);

export async function backfill(ctx: BackfillContext): Promise<Record<BackfillStep, Counts>> {
  const steps: Record<BackfillStep, (ctx: BackfillContext) => Promise<Counts>> = {
    exceptions,
    payouts,
    ledger,
    deposits,
    unmet,
  };
  const out = {} as Record<BackfillStep, Counts>;
  for (const step of backfillSteps) {
    if (ctx.only && !ctx.only.includes(step)) continue;
    out[step] = await steps[step](ctx);
    ctx.log(
      `${step}: ${Object.entries(out[step])
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')}`,
    );
  }
  return out;
}

/** Old `RECONCILIATION / EXCEPTION#id` items, copied to `RECONCILIATION#<council> / OPEN#id`. */
async function exceptions({ db, tableName }: BackfillContext): Promise<Counts> {
  const counts = { seen: 0, moved: 0, 'already moved': 0 };
  let start: Item | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :old)',
        ExpressionAttributeValues: { ':pk': 'RECONCILIATION', ':old': 'EXCEPTION#' },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      counts.seen += 1;
      const { pk: _pk, sk: _sk, ...exception } = item;
      const councilId = typeof exception.councilId === 'string' ? exception.councilId : undefined;
      const id = String(exception.exceptionId);
      const open = keys.reconciliationException(councilId, id);
      const resolved = keys.resolvedReconciliationException(councilId, id);
      const [target, other] = exception.status === 'open' ? [open, resolved] : [resolved, open];
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              // Once moved, it may have been resolved (or reopened): either key means done.
              {
                ConditionCheck: {
                  TableName: tableName,
                  Key: other,
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: { ...target, ...exception },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ],
          }),
        );
        counts.moved += 1;
      } catch (error) {
        if (!conditionFailed(error)) throw error;
        counts['already moved'] += 1;
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return counts;
}

/**
 * Payout entries on the single payouts-in-transit account from before the payout index: given its
 * keys so reconciliation walks them. If reconciliation has already moved past the earliest one, its
 * checkpoint is moved back to it (re-checking is harmless: an exception's id is fixed by what it is).
 */
async function payouts({ db, tableName, deps, payoutsSince }: BackfillContext): Promise<Counts> {
  const counts = { seen: 0, indexed: 0, 'already indexed': 0, 'checkpoint moved back': 0 };
  let earliest: string | undefined;
  let start: Item | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': keys.account(accountId.payoutsInTransitAccounts()[0] as string).pk,
          ':from': `ENTRY#${payoutsSince}`,
          ':to': 'ENTRY#~',
        },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      if (item.code !== 'provider_payout' || Number(item.amountPence) <= 0) continue;
      counts.seen += 1;
      const index = keys.payoutByDay(String(item.at), String(item.transferId));
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: item.pk, sk: item.sk },
            UpdateExpression: 'SET gsi1pk = :pk, gsi1sk = :sk',
            ConditionExpression: 'attribute_not_exists(gsi1pk)',
            ExpressionAttributeValues: { ':pk': index.gsi1pk, ':sk': index.gsi1sk },
          }),
        );
        counts.indexed += 1;
        if (earliest === undefined || String(item.at) < earliest) earliest = String(item.at);
      } catch (error) {
        if (!conditionFailed(error)) throw error;
        counts['already indexed'] += 1;
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);
  const checkpoint = await deps.payments.payments.reconciliationCheckpoint();
  if (earliest !== undefined && checkpoint !== undefined && checkpoint >= earliest) {
    // A position just before the earliest payout indexed now: the next run starts there.
    await deps.payments.payments.saveReconciliationCheckpoint(earliest);
    counts['checkpoint moved back'] += 1;
  }
  return counts;
}

/**
 * For each ledger account: a month item for every closed month with entries, equal to what its
 * entries moved (closed months get no new entries, so this cannot race a movement), then, if the
 * open month's item already agrees with its entries, `trackedFrom` back to the start.
 */
async function ledger({ db, scanDb, tableName, now }: BackfillContext): Promise<Counts> {
  const counts = {
    accounts: 0,
    'month items written': 0,
    'moved back': 0,
    'already done': 0,
    'open month incomplete': 0,
  };
  // Movements a little before now may still be committing: their month counts as open.
  const openFrom = monthOf(new Date(now.getTime() - 3_600_000).toISOString());
  let start: Item | undefined;
  do {
    const page = await scanDb.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'entity = :account',
        ProjectionExpression: 'pk, trackedFrom',
        ExpressionAttributeValues: { ':account': 'account' },
        ExclusiveStartKey: start,
      }),
    );
    for (const account of page.Items ?? []) {
      counts.accounts += 1;
      if (account.trackedFrom === trackedSinceTheStart.ledger) {
        counts['already done'] += 1;
        continue;
      }
      const pk = String(account.pk);
      const moved = async (month: string) => {
        const { Item } = await db.send(
          new GetCommand({ TableName: tableName, Key: { pk, sk: `MONTH#${month}` }, ConsistentRead: true }),
        );
        return Item ? Number(Item.moved ?? 0) : undefined;
      };
      const entries = await queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :entry)',
        ExpressionAttributeValues: { ':pk': pk, ':entry': 'ENTRY#' },
        ProjectionExpression: 'amountPence, #at',
        ExpressionAttributeNames: { '#at': 'at' },
        ConsistentRead: true,
      });
      const byMonth = new Map<string, number>();
      for (const e of entries)
        byMonth.set(monthOf(String(e.at)), (byMonth.get(monthOf(String(e.at))) ?? 0) + Number(e.amountPence));
      for (const [month, sum] of byMonth) {
        if (month >= openFrom) continue;
        const seen = await moved(month);
        if ((seen ?? 0) === sum) continue;
        await db.send(
          new PutCommand({
            TableName: tableName,
            Item: { pk, sk: `MONTH#${month}`, entity: 'account_month', moved: sum },
            ...(seen === undefined
              ? { ConditionExpression: 'attribute_not_exists(pk)' }
              : { ConditionExpression: 'moved = :seen', ExpressionAttributeValues: { ':seen': seen } }),
          }),
        );
        counts['month items written'] += 1;
      }
      // The open months: complete only if their items already say what their entries do (read the
      // item, the entries, the item again: a movement in between shows as a difference).
      let complete = true;
      for (const month of new Set([openFrom, monthOf(now.toISOString())])) {
        const before = (await moved(month)) ?? 0;
        const inMonth = await queryAll(db, {
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :entry)',
          ExpressionAttributeValues: { ':pk': pk, ':entry': `ENTRY#${month}` },
          ProjectionExpression: 'amountPence',
          ConsistentRead: true,
        });
        const after = (await moved(month)) ?? 0;
        if (before !== after || before !== inMonth.reduce((n, e) => n + Number(e.amountPence), 0))
          complete = false;
      }
      if (!complete) {
        counts['open month incomplete'] += 1;
        continue;
      }
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk, sk: 'ACCOUNT' },
            UpdateExpression: 'SET trackedFrom = :start',
            ConditionExpression: 'attribute_not_exists(trackedFrom) OR trackedFrom = :seen',
            ExpressionAttributeValues: {
              ':start': trackedSinceTheStart.ledger,
              ':seen': account.trackedFrom ?? trackedSinceTheStart.ledger,
            },
          }),
        );
        counts['moved back'] += 1;
      } catch (error) {
        if (!conditionFailed(error)) throw error;
        counts['open month incomplete'] += 1;
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return counts;
}

/** Each council's people with a budget and no due item get one (once per council, as the daily run does). */
async function deposits({ deps }: BackfillContext): Promise<Counts> {
  const counts = { councils: 0, 'people given a due item': 0, 'councils already indexed': 0 };
  for (const { councilId } of await deps.accounts.accounts.listCouncils()) {
    counts.councils += 1;
    const indexed = await indexDueDeposits(
      {
        ...deps.money,
        schedule: deps.deposits.schedule,
        peopleInCouncil: (id) => deps.peopleStore.peopleInCouncil(id),
      },
      councilId,
    );
    if (indexed === undefined) counts['councils already indexed'] += 1;
    else counts['people given a due item'] += indexed;
  }
  return counts;
}

/**
 * Each council's requests not yet in the unmet-demand counters are added, each in one transaction
 * with its flag (conditioned on the request as read, so a change meanwhile is read again); once a
 * council's are all in, its `trackedFrom` moves back to the start and reports read only counters.
 */
async function unmet({ db, tableName, deps }: BackfillContext): Promise<Counts> {
  const counts = { councils: 0, requests: 0, counted: 0, 'already counted': 0, 'left (changed under us)': 0 };
  for (const { councilId } of await deps.accounts.accounts.listCouncils()) {
    counts.councils += 1;
    let left = 0;
    const items = await queryAll(db, {
      TableName: tableName,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.requestByCouncil(councilId, '', '').gsi3pk },
    });
    for (const indexed of items) {
      counts.requests += 1;
      let item: Item | undefined = indexed;
      for (let attempt = 1; item; attempt++) {
        if (item.unmetTracked === true) {
          counts['already counted'] += 1;
          break;
        }
        const request = RequestSchema.parse(stripKeys(item));
        const share = request.status === 'open' ? shareOf(request) : { requests: 0, people: 0, quotes: 0 };
        try {
          await db.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Update: {
                    TableName: tableName,
                    Key: keys.supportRequest(request.requestId),
                    UpdateExpression: 'SET unmetTracked = :true',
                    ConditionExpression:
                      'attribute_not_exists(unmetTracked) AND #status = :status AND interestedCount = :i AND quoteCount = :q',
                    ExpressionAttributeNames: { '#status': 'status' },
                    ExpressionAttributeValues: {
                      ':true': true,
                      ':status': request.status,
                      ':i': request.interestedCount,
                      ':q': request.quoteCount,
                    },
                  },
                },
                ...unmetCounterUpdates(tableName, request, share, { created: true, backfill: true }),
              ],
            }),
          );
          counts.counted += 1;
          break;
        } catch (error) {
          if (!codes(error).some((c) => c === 'ConditionalCheckFailed' || c === 'TransactionConflict'))
            throw error;
          if (attempt >= 5) {
            left += 1;
            break;
          }
          // Changed (or counted) meanwhile: read it again and go round.
          item = (
            await db.send(
              new GetCommand({
                TableName: tableName,
                Key: keys.supportRequest(request.requestId),
                ConsistentRead: true,
              }),
            )
          ).Item;
        }
      }
    }
    counts['left (changed under us)'] += left;
    if (left > 0) continue;
    await db
      .send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.unmetTracked(councilId),
          UpdateExpression: 'SET trackedFrom = :start, entity = :entity, councilId = :council',
          ConditionExpression: 'attribute_not_exists(trackedFrom) OR trackedFrom <> :start',
          ExpressionAttributeValues: {
            ':start': trackedSinceTheStart.unmet,
            ':entity': 'unmet_tracked',
            ':council': councilId,
          },
        }),
      )
      .catch((error: unknown) => {
        if (!conditionFailed(error)) throw error;
      });
  }
  return counts;
}

/** A client that may Scan (the application's refuses): this script's `ledger` step only. */
export function scanningClient(config: { region: string; endpoint?: string | undefined }) {
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: config.region,
      ...(config.endpoint
        ? { endpoint: config.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
        : {}),
    }),
  );
}

async function main() {
  const { values } = parseArgs({
    options: { 'payouts-since': { type: 'string' }, only: { type: 'string' } },
  });
  const tableName = process.env.CAREPOOL_TABLE;
  if (!tableName) {
    console.error(
      'Set CAREPOOL_TABLE (the stack output TableName), and DYNAMODB_ENDPOINT for DynamoDB Local.',
    );
    process.exit(2);
  }
  const region = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'eu-west-2';
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  const deps = buildDeps(
    readEnv({
      CAREPOOL_TABLE: tableName,
      ...(endpoint ? { DYNAMODB_ENDPOINT: endpoint } : {}),
      AWS_REGION: region,
    }),
  );
  const now = systemClock.now();
  const only = values.only?.split(',').map((s) => s.trim()) as BackfillStep[] | undefined;
  const unknown = only?.filter((s) => !backfillSteps.includes(s));
  if (unknown?.length) {
    console.error(`--only: ${unknown.join(', ')} is not one of ${backfillSteps.join(', ')}`);
    process.exit(2);
  }
  await backfill({
    db: createDocumentClient({ tableName, region, ...(endpoint ? { endpoint } : {}) }),
    scanDb: scanningClient({ region, endpoint }),
    tableName,
    deps,
    now,
    // Reconciliation's first run looks back 7 days; older payouts were checked by the old nightly job.
    payoutsSince: values['payouts-since'] ?? new Date(now.getTime() - 7 * 86_400_000).toISOString(),
    log: (line) => console.log(line),
    ...(only ? { only } : {}),
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
