import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  areaOf,
  conflict,
  notFound,
  type QuoteRecord,
  QuoteRecord as QuoteSchema,
  SupportRequestRecord as RequestSchema,
  type RequestStore,
  type SupportRequestRecord,
  shareOf,
  type UnmetCounts,
  type UnmetShare,
} from '@carepool/domain';
import { queryDistricts, stripKeys } from './items.ts';
import { keys } from './keys.ts';
import { queryAll } from './query.ts';
import { cancellationCodes, type TransactItem } from './transact.ts';

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
    const item = { ...requestItem(request), unmetTracked: true };
    await this.send(() => [
      {
        Put: { TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
      },
      ...unmetCounterUpdates(this.tableName, request, shareOf(request), { created: true }),
    ]);
  }

  async addInterest(requestId: string, personId: string): Promise<boolean> {
    return this.change(requestId, (current) => [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...keys.interest(requestId, personId), entity: 'interest', requestId, personId },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      requestUpdate(this.tableName, current, { add: { interestedCount: 1 } }),
      // Interest in an accepted request (a race with the accept) is not unmet demand.
      ...(current.status === 'open' && current.tracked
        ? unmetCounterUpdates(this.tableName, current.record, { requests: 0, people: 1, quotes: 0 })
        : []),
    ]).then(
      () => true,
      (error: unknown) => {
        if (cancellationCodes(error)[0] === 'ConditionalCheckFailed') return false;
        throw error;
      },
    );
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
    await this.change(quote.requestId, (current) => {
      if (current.status !== 'open') throw closed();
      return [
        {
          Put: {
            TableName: this.tableName,
            Item: { ...keys.quote(quote.requestId, quote.quoteId), entity: 'quote', ...quote },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        requestUpdate(this.tableName, current, { add: { quoteCount: 1 } }),
        ...(current.tracked
          ? unmetCounterUpdates(this.tableName, current.record, { requests: 0, people: 0, quotes: 1 })
          : []),
      ];
    });
  }

  /** Accepting closes the request to quotes and takes it out of the providers' search. */
  async markAccepted(requestId: string, quoteId: string, expectedVersion: number): Promise<void> {
    await this.change(requestId, (current) => {
      if (current.status !== 'open' || current.record.version !== expectedVersion) throw closed();
      return [
        requestUpdate(this.tableName, current, {
          set: { status: 'accepted', acceptedQuoteId: quoteId, version: expectedVersion + 1 },
          remove: ['gsi1pk', 'gsi1sk'],
          exactCounts: true,
        }),
        // It stops being unmet demand with the counts it has now (the condition above pins them).
        ...(current.tracked
          ? unmetCounterUpdates(this.tableName, current.record, negate(shareOf(current.record)))
          : []),
      ];
    });
  }

  async reopen(request: SupportRequestRecord, quoteId: string, claimedVersion: number): Promise<void> {
    const district = keys.requestByDistrict(request.outcode, request.category, request.requestId);
    await this.change(request.requestId, (current) => {
      // Someone else already changed it: nothing of ours to hand back.
      if (
        current.status !== 'accepted' ||
        current.record.acceptedQuoteId !== quoteId ||
        current.record.version !== claimedVersion
      )
        return undefined;
      return [
        requestUpdate(this.tableName, current, {
          set: { status: 'open', version: claimedVersion + 1, ...district },
          remove: ['acceptedQuoteId'],
          exactCounts: true,
        }),
        ...(current.tracked
          ? unmetCounterUpdates(this.tableName, current.record, shareOf(current.record))
          : []),
      ];
    });
  }

  async unmetCounts(councilId: string, fromDay: string, toDay: string, today: string): Promise<UnmetCounts> {
    const [days, marker, closing] = await Promise.all([
      queryAll(this.db, {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': keys.unmetDay(councilId, '').pk,
          ':from': keys.unmetDay(councilId, fromDay).sk,
          ':to': keys.unmetDay(councilId, toDay).sk,
        },
      }),
      this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.unmetTracked(councilId) })),
      this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.unmetClosing(councilId, today) })),
    ]);
    return {
      trackedFrom: typeof marker.Item?.trackedFrom === 'string' ? marker.Item.trackedFrom : undefined,
      days: days.map((item) => ({
        day: String(item.day),
        created: Number(item.created ?? 0),
        open: counterEntries(item).map(({ path: [closesDay = '', area = '', category = ''], share }) => ({
          closesDay,
          area,
          category,
          ...share,
        })),
      })),
      closingToday: closing.Item
        ? counterEntries(closing.Item).map(
            ({ path: [respondBy = '', createdDay = '', area = '', category = ''], share }) => ({
              respondBy,
              createdDay,
              area,
              category,
              ...share,
            }),
          )
        : [],
    };
  }

  /** Sends a transaction, again after a conflict with another transaction on the same counters. */
  private async send(build: () => TransactItem[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.db.send(new TransactWriteCommand({ TransactItems: build() }));
        return;
      } catch (error) {
        if (!cancellationCodes(error).includes('TransactionConflict') || attempt >= maxAttempts) throw error;
        await backOff(attempt);
      }
    }
  }

  /**
   * Changes a request in one transaction built from what it is now (read first, consistently):
   * the request's update is conditioned on that state, so its counters move exactly when it does.
   * If the request changed in between, or another transaction held the same counters, it is read
   * again and the change rebuilt. `build` returns undefined when there is nothing to do.
   */
  private async change(requestId: string, build: (current: CurrentRequest) => TransactItem[] | undefined) {
    for (let attempt = 1; ; attempt++) {
      const { Item } = await this.db.send(
        new GetCommand({
          TableName: this.tableName,
          Key: keys.supportRequest(requestId),
          ConsistentRead: true,
        }),
      );
      if (!Item) throw notFound('request');
      const record = RequestSchema.parse(stripKeys(Item));
      const items = build({ record, status: record.status, tracked: Item.unmetTracked === true });
      if (!items) return;
      try {
        await this.db.send(new TransactWriteCommand({ TransactItems: items }));
        return;
      } catch (error) {
        const codes = cancellationCodes(error);
        const at = items.findIndex((i) => i.Update?.Key?.pk === keys.supportRequest(requestId).pk);
        // Only the request's own condition failing means "read it again"; any other item's (an
        // interest or quote already there) is the caller's answer.
        const requestChanged =
          codes[at] === 'ConditionalCheckFailed' &&
          codes.every((code, i) => i === at || code !== 'ConditionalCheckFailed');
        const retry = requestChanged || codes.includes('TransactionConflict');
        if (!retry || attempt >= maxAttempts) throw error;
        if (!requestChanged) await backOff(attempt);
      }
    }
  }
}

const maxAttempts = 8;

const backOff = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));

const closed = () => conflict('request_closed', 'A quote has already been accepted for this request.');

interface CurrentRequest {
  record: SupportRequestRecord;
  status: SupportRequestRecord['status'];
  /** Written with unmet-demand counters (or added to them by the backfill); older requests are not. */
  tracked: boolean;
}

/** A request's stored item, with its indexes (the unmet flag is the caller's to add). */
export function requestItem(request: SupportRequestRecord): Record<string, unknown> {
  return {
    ...keys.supportRequest(request.requestId),
    ...(request.status === 'open'
      ? keys.requestByDistrict(request.outcode, request.category, request.requestId)
      : {}),
    ...keys.requestByCouncil(request.councilId, request.createdAt, request.requestId),
    entity: 'support_request',
    ...request,
  };
}

/**
 * The request's update, conditioned on the state the counters' change was worked out from: its
 * status and whether it is counted, and (for a change that moves its whole share) its counts.
 */
function requestUpdate(
  tableName: string,
  current: CurrentRequest,
  change: {
    add?: Record<string, number>;
    set?: Record<string, unknown>;
    remove?: string[];
    exactCounts?: boolean;
  },
): TransactItem {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':seenStatus': current.status };
  const clauses: string[] = [];
  const named = (kind: string, entries: Array<[string, unknown]>) =>
    entries.map(([name, value], i) => {
      names[`#${kind}${i}`] = name;
      values[`:${kind}${i}`] = value;
      return [`#${kind}${i}`, `:${kind}${i}`] as const;
    });
  const sets = named('s', Object.entries(change.set ?? {}));
  if (sets.length) clauses.push(`SET ${sets.map(([n, v]) => `${n} = ${v}`).join(', ')}`);
  const adds = named('a', Object.entries(change.add ?? {}));
  if (adds.length) clauses.push(`ADD ${adds.map(([n, v]) => `${n} ${v}`).join(', ')}`);
  if (change.remove?.length) clauses.push(`REMOVE ${change.remove.join(', ')}`);
  const conditions = [
    '#status = :seenStatus',
    current.tracked ? 'unmetTracked = :true' : 'attribute_not_exists(unmetTracked)',
  ];
  if (current.tracked) values[':true'] = true;
  if (change.exactCounts) {
    conditions.push('interestedCount = :seenInterest', 'quoteCount = :seenQuotes');
    values[':seenInterest'] = current.record.interestedCount;
    values[':seenQuotes'] = current.record.quoteCount;
  }
  return {
    Update: {
      TableName: tableName,
      Key: keys.supportRequest(current.record.requestId),
      UpdateExpression: clauses.join(' '),
      ConditionExpression: conditions.join(' AND '),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

const negate = (share: UnmetShare): UnmetShare => ({
  requests: -share.requests,
  people: -share.people,
  quotes: -share.quotes,
});

/**
 * The counter updates for a change of `share` in a request's unmet demand: one on the day it was
 * made (by closing day, area and category; `created` also counts it in the day's total), one on the
 * day its window closes (by closing instant), and, for a new request, the council's `trackedFrom`.
 * Counters are ADDed, so concurrent changes commute; each is in the request's own transaction.
 */
export function unmetCounterUpdates(
  tableName: string,
  request: Pick<SupportRequestRecord, 'councilId' | 'createdAt' | 'respondBy' | 'outcode' | 'category'>,
  share: UnmetShare,
  /** `created`: a request counted for the first time; `backfill`: one made before the counters. */
  options: { created?: boolean; backfill?: boolean } = {},
): TransactItem[] {
  const createdDay = request.createdAt.slice(0, 10);
  const closesDay = request.respondBy.slice(0, 10);
  const area = areaOf(request.outcode);
  const counters = (path: string): Array<[string, number]> =>
    (
      [
        [`r|${path}`, share.requests],
        [`p|${path}`, share.people],
        [`q|${path}`, share.quotes],
      ] as Array<[string, number]>
    ).filter(([, n]) => n !== 0);
  const update = (
    key: { pk: string; sk: string },
    fields: Record<string, string>,
    adds: Array<[string, number]>,
  ) => {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':entity': 'unmet_counts', ':council': request.councilId };
    const addClauses = adds.map(([name, n], i) => {
      names[`#c${i}`] = name;
      values[`:c${i}`] = n;
      return `#c${i} :c${i}`;
    });
    const setClauses = ['entity = :entity', 'councilId = :council'];
    for (const [name, value] of Object.entries(fields)) {
      names[`#${name}`] = name;
      values[`:${name}`] = value;
      setClauses.push(`#${name} = :${name}`);
    }
    return {
      Update: {
        TableName: tableName,
        Key: key,
        UpdateExpression: `SET ${setClauses.join(', ')}${addClauses.length ? ` ADD ${addClauses.join(', ')}` : ''}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    } satisfies TransactItem;
  };
  const dayAdds = counters(`${closesDay}|${area}|${request.category}`);
  if (options.created) dayAdds.push(['created', 1]);
  const closingAdds = counters(`${request.respondBy}|${createdDay}|${area}|${request.category}`);
  const items: TransactItem[] = [
    ...(dayAdds.length
      ? [update(keys.unmetDay(request.councilId, createdDay), { day: createdDay }, dayAdds)]
      : []),
    ...(closingAdds.length
      ? [update(keys.unmetClosing(request.councilId, closesDay), { day: closesDay }, closingAdds)]
      : []),
  ];
  if (options.created && !options.backfill) {
    items.push({
      Update: {
        TableName: tableName,
        Key: keys.unmetTracked(request.councilId),
        // The first request written with counters says from when they are complete; the backfill
        // moves it back to the beginning once every older request is in them.
        UpdateExpression:
          'SET trackedFrom = if_not_exists(trackedFrom, :from), entity = :entity, councilId = :council',
        ExpressionAttributeValues: {
          ':from': request.createdAt,
          ':entity': 'unmet_tracked',
          ':council': request.councilId,
        },
      },
    });
  }
  return items;
}

/** The counters of an unmet-demand item, by the path after their kind (`r|`, `p|`, `q|`). */
function counterEntries(item: Record<string, unknown>): Array<{ path: string[]; share: UnmetShare }> {
  const shares = new Map<string, UnmetShare>();
  for (const [name, value] of Object.entries(item)) {
    const kind = name.slice(0, 2);
    if (kind !== 'r|' && kind !== 'p|' && kind !== 'q|') continue;
    const path = name.slice(2);
    const share = shares.get(path) ?? { requests: 0, people: 0, quotes: 0 };
    const n = Number(value);
    if (kind === 'r|') share.requests += n;
    else if (kind === 'p|') share.people += n;
    else share.quotes += n;
    shares.set(path, share);
  }
  return [...shares].map(([path, share]) => ({ path: path.split('|'), share }));
}

/**
 * The counter items a council's requests add up to, built in memory: for filling a fresh table
 * in bulk (the benchmarks), where writing each request in its own transaction would take long.
 * The same attribute names as `unmetCounterUpdates`; the bench checks the report against a full read.
 */
export function unmetCountItems(requests: readonly SupportRequestRecord[]): Array<Record<string, unknown>> {
  const items = new Map<string, Record<string, unknown>>();
  const item = (key: { pk: string; sk: string }, councilId: string, day: string) => {
    const id = `${key.pk}|${key.sk}`;
    const found = items.get(id) ?? { ...key, entity: 'unmet_counts', councilId, day };
    items.set(id, found);
    return found;
  };
  const add = (target: Record<string, unknown>, name: string, n: number) => {
    if (n !== 0) target[name] = Number(target[name] ?? 0) + n;
  };
  const earliest = new Map<string, string>();
  for (const r of requests) {
    const createdDay = r.createdAt.slice(0, 10);
    const closesDay = r.respondBy.slice(0, 10);
    const area = areaOf(r.outcode);
    const day = item(keys.unmetDay(r.councilId, createdDay), r.councilId, createdDay);
    add(day, 'created', 1);
    const first = earliest.get(r.councilId);
    if (first === undefined || r.createdAt < first) earliest.set(r.councilId, r.createdAt);
    if (r.status === 'accepted') continue;
    const share = shareOf(r);
    const closing = item(keys.unmetClosing(r.councilId, closesDay), r.councilId, closesDay);
    for (const [target, path] of [
      [day, `${closesDay}|${area}|${r.category}`],
      [closing, `${r.respondBy}|${createdDay}|${area}|${r.category}`],
    ] as const) {
      add(target, `r|${path}`, share.requests);
      add(target, `p|${path}`, share.people);
      add(target, `q|${path}`, share.quotes);
    }
  }
  for (const [councilId, trackedFrom] of earliest)
    items.set(`tracked|${councilId}`, {
      ...keys.unmetTracked(councilId),
      entity: 'unmet_tracked',
      councilId,
      trackedFrom,
    });
  return [...items.values()];
}
