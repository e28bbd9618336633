import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  type AccountBalances,
  type Clock,
  conflict,
  DomainError,
  kindOfAccount,
  type Ledger,
  nextAuditRecord,
  noOverdraftKinds,
  Role,
  resolutionCode,
  type StatementEntry,
  sameTransfer,
  type Transfer,
  type TransferActor,
  type TransferRequest,
  Transfer as TransferSchema,
} from '@carepool/domain';
import { keys } from './keys.ts';
import { queryAll } from './query.ts';
import { cancellationCodes, type TransactItem } from './transact.ts';

/** Errors after which the same request may safely be sent again: the transfer id keeps it exactly-once. */
const transientErrorNames = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
  'RequestTimeout',
  'ECONNRESET',
]);

function isTransient(error: unknown): boolean {
  if (error instanceof TransactionCanceledException) {
    return (error.CancellationReasons ?? []).some(
      (r) => r.Code === 'TransactionConflict' || r.Code === 'ThrottlingError',
    );
  }
  const name = (error as { name?: string; code?: string }).name ?? (error as { code?: string }).code ?? '';
  return transientErrorNames.has(name) || (error as { $retryable?: unknown }).$retryable !== undefined;
}

/** The calendar month (UTC) of an ISO instant or date, as entries' sort keys use it: `2026-11`. */
const monthOf = (at: string) => at.slice(0, 7);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface LedgerRetryPolicy {
  attempts: number;
  baseDelayMs: number;
}

type Side = 'debit' | 'credit';

/** A movement's transaction items, built but not sent, and how to explain its refusals. */
export interface PreparedMovement {
  transfer: Transfer;
  items: TransactItem[];
  explain: (codes: string[]) => Promise<DomainError | undefined>;
}

/**
 * The double-entry ledger on DynamoDB. Every movement is ONE TransactWriteItems: the immutable
 * transfer (claimed with attribute_not_exists, so an id applies once, forever), both account
 * balance updates (a no-overdraft account carries `available` and the debit is conditioned on it,
 * because condition expressions cannot add), an entry per side for statements, and the plan
 * line's counter with its limit. Nothing is read-modified-written outside the transaction.
 */
export class DynamoLedger implements Ledger {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
    private readonly retry: LedgerRetryPolicy = { attempts: 10, baseDelayMs: 15 },
  ) {}

  async transfer(request: TransferRequest): Promise<Transfer> {
    return this.commitPrepared(this.prepareTransfer(request));
  }

  /** Builds (without sending) the transaction items of a single-phase or pending transfer. */
  prepareTransfer(request: TransferRequest): PreparedMovement {
    if (request.flags !== 'single' && request.flags !== 'pending') {
      throw new RangeError('Use postPending or voidPending to resolve a pending transfer');
    }
    if (request.debitAccountId === request.creditAccountId)
      throw new RangeError('A transfer needs two different accounts');
    if (!Number.isSafeInteger(request.amountPence) || request.amountPence <= 0) {
      throw new RangeError('A transfer moves a whole, positive number of pence');
    }
    const charge = request.lineCharge;
    if (charge && request.amountPence > charge.limitPence) {
      throw this.capExceeded(charge.limitPence, 0, request.amountPence);
    }
    const transfer: Transfer = { ...request, createdAt: this.clock.now().toISOString() };
    const pending = request.flags === 'pending';
    const items: TransactItem[] = [
      this.putTransfer(transfer),
      this.accountUpdate(
        request.debitAccountId,
        'debit',
        transfer.createdAt,
        pending ? { pending: transfer.amountPence } : { posted: transfer.amountPence },
        {
          guard: noOverdraftKinds.has(kindOfAccount(request.debitAccountId))
            ? transfer.amountPence
            : undefined,
        },
      ),
      this.accountUpdate(
        request.creditAccountId,
        'credit',
        transfer.createdAt,
        pending ? { pending: transfer.amountPence } : { posted: transfer.amountPence },
      ),
      ...this.entries(
        transfer,
        pending ? { posted: 0, pending: transfer.amountPence } : { posted: transfer.amountPence, pending: 0 },
      ),
      ...this.monthMovements(transfer, pending ? 0 : transfer.amountPence),
    ];
    if (charge) {
      items.push({
        Update: {
          TableName: this.tableName,
          Key: keys.lineUsage(charge.personId, charge.lineId, charge.periodKey),
          UpdateExpression: pending
            ? 'ADD committed :a SET entity = :e'
            : 'ADD committed :a, spent :a SET entity = :e',
          ConditionExpression: 'attribute_not_exists(committed) OR committed <= :max',
          ExpressionAttributeValues: {
            ':a': transfer.amountPence,
            ':max': charge.limitPence - transfer.amountPence,
            ':e': 'line_usage',
          },
        },
      });
    }
    const lineIndex = charge ? items.length - 1 : -1;
    if (charge?.planId) {
      // The spend was checked against this plan version's caps; if an approval replaced it in the
      // meantime the check is stale, so the write must not go through on the old caps.
      items.push({
        ConditionCheck: {
          TableName: this.tableName,
          Key: keys.person(charge.personId),
          ConditionExpression: 'currentPlanId = :plan',
          ExpressionAttributeValues: { ':plan': charge.planId },
        },
      });
    }
    const planIndex = charge?.planId ? items.length - 1 : -1;
    items.push(this.auditTransfer(transfer));
    return {
      transfer,
      items,
      explain: async (codes) => {
        if (planIndex >= 0 && codes[planIndex] === 'ConditionalCheckFailed') {
          return conflict(
            'plan_changed',
            'The support plan changed while this was being checked. Try again to check it against the plan now in force.',
          );
        }
        if (codes[1] === 'ConditionalCheckFailed') {
          const account = await this.account(request.debitAccountId);
          return new DomainError(
            'rule',
            'insufficient_funds',
            'There is not enough money free in the account for this.',
            {
              facts: {
                availablePence: account.creditsPosted - account.debitsPosted - account.debitsPending,
                requestedPence: request.amountPence,
              },
            },
          );
        }
        if (charge && codes[lineIndex] === 'ConditionalCheckFailed') {
          const usage = await this.lineUsage(charge.personId, charge.lineId, charge.periodKey);
          return this.capExceeded(charge.limitPence, usage.committedPence, request.amountPence);
        }
        return undefined;
      },
    };
  }

  async postPending(request: {
    transferId: string;
    pendingId: string;
    amountPence: number;
    description: string;
    actor: TransferActor;
  }): Promise<Transfer> {
    return this.commitPrepared(await this.prepareResolve({ ...request, flags: 'post_pending' }));
  }

  async voidPending(request: {
    transferId: string;
    pendingId: string;
    description: string;
    actor: TransferActor;
  }): Promise<Transfer> {
    return this.commitPrepared(
      await this.prepareResolve({ ...request, amountPence: 0, flags: 'void_pending' }),
    );
  }

  /** Builds (without sending) the items that post or void a pending transfer. */
  async prepareResolve(request: {
    transferId: string;
    pendingId: string;
    amountPence: number;
    description: string;
    flags: 'post_pending' | 'void_pending';
    actor: TransferActor;
  }): Promise<PreparedMovement> {
    const pending = await this.getTransfer(request.pendingId);
    if (pending?.flags !== 'pending')
      throw new DomainError('not_found', 'pending_not_found', 'There is no such reservation.');
    if (
      !Number.isSafeInteger(request.amountPence) ||
      request.amountPence < 0 ||
      request.amountPence > pending.amountPence
    ) {
      throw new DomainError(
        'rule',
        'post_exceeds_reservation',
        'A payment can be at most what was reserved.',
        {
          facts: { reservedPence: pending.amountPence, requestedPence: request.amountPence },
        },
      );
    }
    const posted = request.amountPence;
    const released = pending.amountPence - posted;
    const transfer: Transfer = {
      transferId: request.transferId,
      debitAccountId: pending.debitAccountId,
      creditAccountId: pending.creditAccountId,
      amountPence: posted,
      flags: request.flags,
      pendingId: pending.transferId,
      code: resolutionCode(pending.code, posted),
      description: request.description,
      ...(pending.lineCharge ? { lineCharge: pending.lineCharge } : {}),
      ...(pending.reference ? { reference: pending.reference } : {}),
      actor: request.actor,
      createdAt: this.clock.now().toISOString(),
    };
    const items: TransactItem[] = [
      this.putTransfer(transfer),
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.pendingResolution(pending.transferId),
            entity: 'resolution',
            resolvedBy: transfer.transferId,
            flags: transfer.flags,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      this.accountUpdate(pending.debitAccountId, 'debit', transfer.createdAt, {
        pending: -pending.amountPence,
        posted,
      }),
      this.accountUpdate(pending.creditAccountId, 'credit', transfer.createdAt, {
        pending: -pending.amountPence,
        posted,
      }),
      ...this.entries(transfer, { posted, pending: -pending.amountPence }),
      ...this.monthMovements(transfer, posted),
    ];
    const charge = pending.lineCharge;
    if (charge) {
      items.push({
        Update: {
          TableName: this.tableName,
          Key: keys.lineUsage(charge.personId, charge.lineId, charge.periodKey),
          UpdateExpression: 'ADD committed :release, spent :posted',
          ExpressionAttributeValues: { ':release': -released, ':posted': posted },
        },
      });
    }
    items.push(this.auditTransfer(transfer));
    return {
      transfer,
      items,
      explain: async (codes) =>
        codes[1] === 'ConditionalCheckFailed'
          ? conflict('pending_already_resolved', 'This reservation has already been paid or released.')
          : undefined,
    };
  }

  /**
   * Commits a prepared movement, optionally with other items in the same transaction (an order's
   * new state, say), so the money and the thing it pays for change together or not at all.
   */
  async commitPrepared(prepared: PreparedMovement, extra: TransactItem[] = []): Promise<Transfer> {
    const items = [...prepared.items, ...extra];
    return this.commit(prepared.transfer, items, async (codes) => {
      const own = await prepared.explain(codes.slice(0, prepared.items.length));
      if (own) return own;
      if (codes.slice(prepared.items.length).some((code) => code === 'ConditionalCheckFailed')) {
        return conflict(
          'version_conflict',
          'Someone else changed this at the same time. Reload it and try again.',
        );
      }
      return undefined;
    });
  }

  /**
   * Sends the transaction, retrying transient failures with backoff. If the transfer id already
   * exists (an earlier attempt landed, or a client retried), the stored transfer is the answer
   * when it is the same request, and a 409 when the id was reused for something else.
   */
  private async commit(
    transfer: Transfer,
    items: TransactItem[],
    explain: (codes: string[]) => Promise<DomainError | undefined>,
  ): Promise<Transfer> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.db.send(new TransactWriteCommand({ TransactItems: items }));
        return transfer;
      } catch (error) {
        const codes = cancellationCodes(error);
        if (codes[0] === 'ConditionalCheckFailed') return this.replay(transfer);
        if (isTransient(error)) {
          if (attempt < this.retry.attempts) {
            // Full jitter, capped: many writers on one hot item (a group's places) spread out.
            await sleep(Math.min(1_000, this.retry.baseDelayMs * 2 ** (attempt - 1)) * (0.5 + Math.random()));
            continue;
          }
          throw new DomainError(
            'throttled',
            'try_again',
            'Many people are doing this at once. Nothing was taken: try again in a moment.',
          );
        }
        const explained = codes.length ? await explain(codes) : undefined;
        if (explained) throw explained;
        throw error;
      }
    }
  }

  private async replay(transfer: Transfer): Promise<Transfer> {
    const existing = await this.getTransfer(transfer.transferId);
    if (existing && sameTransfer(existing, transfer)) return existing;
    throw conflict('transfer_id_reused', 'That transfer id was already used for a different transfer.');
  }

  private capExceeded(limitPence: number, committedPence: number, requestedPence: number): DomainError {
    return new DomainError('rule', 'line_cap_exceeded', 'This would take the plan line past its limit.', {
      facts: {
        limitNowPence: limitPence,
        committedPence,
        leftPence: Math.max(0, limitPence - committedPence),
        requestedPence,
      },
    });
  }

  private putTransfer(transfer: Transfer): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: { ...keys.transfer(transfer.transferId), entity: 'transfer', ...transfer },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  /**
   * The movement's own tamper-evident audit record, written in the same transaction. A transfer
   * id is used once forever, so its chain has one link and needs no read of a chain head: a
   * movement can never post without saying who caused it, and editing either breaks the hash.
   */
  private auditTransfer(transfer: Transfer): TransactItem {
    const { actor } = transfer;
    const record = nextAuditRecord(
      undefined,
      { entityType: 'transfer', entityId: transfer.transferId },
      {
        actor: { userId: actor.userId, roles: actor.roles.flatMap((r) => Role.safeParse(r).data ?? []) },
        ...(actor.onBehalfOf ? { onBehalfOf: actor.onBehalfOf } : {}),
        ...(actor.councilId ? { councilId: actor.councilId } : {}),
        ...(actor.requestId ? { requestId: actor.requestId } : {}),
        action: `transfer.${transfer.flags}`,
        after: {
          debitAccountId: transfer.debitAccountId,
          creditAccountId: transfer.creditAccountId,
          amountPence: transfer.amountPence,
          code: transfer.code,
          ...(transfer.pendingId ? { pendingId: transfer.pendingId } : {}),
          ...(transfer.reference ? { reference: transfer.reference } : {}),
        },
      },
      new Date(transfer.createdAt),
    );
    return {
      Put: {
        TableName: this.tableName,
        Item: { ...keys.audit('transfer', transfer.transferId, 1), entity: 'audit', ...record },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  /**
   * `available` = credits posted − debits posted − debits pending. Keeping it on the item lets a
   * condition (which cannot do arithmetic) refuse an overdraft: `available >= :amount`.
   */
  private accountUpdate(
    accountId: string,
    side: Side,
    at: string,
    change: { posted?: number; pending?: number },
    options: { guard?: number | undefined } = {},
  ): TransactItem {
    const posted = change.posted ?? 0;
    const pending = change.pending ?? 0;
    const availableDelta = side === 'debit' ? -(posted + pending) : posted;
    const kind = kindOfAccount(accountId);
    const prefix = side === 'debit' ? 'debits' : 'credits';
    return {
      Update: {
        TableName: this.tableName,
        Key: keys.account(accountId),
        // `trackedFrom`: the first month whose movements are all in month items (see statement).
        UpdateExpression: `ADD ${prefix}Posted :posted, ${prefix}Pending :pending SET available = if_not_exists(available, :zero) + :delta, kind = if_not_exists(kind, :kind), noOverdraft = if_not_exists(noOverdraft, :flag), trackedFrom = if_not_exists(trackedFrom, :month), entity = :entity`,
        ...(options.guard !== undefined ? { ConditionExpression: 'available >= :guard' } : {}),
        ExpressionAttributeValues: {
          ':posted': posted,
          ':pending': pending,
          ':delta': availableDelta,
          ':zero': 0,
          ':kind': kind,
          ':flag': noOverdraftKinds.has(kind),
          ':entity': 'account',
          ':month': monthOf(at),
          ...(options.guard !== undefined ? { ':guard': options.guard } : {}),
        },
      },
    };
  }

  /**
   * What each side's posted balance moved by this month, added up in one small item per account
   * and month. The two accounts of a movement always differ, so the two items do too (one
   * transaction may not touch an item twice); a pending or void movement posts nothing and adds
   * none. Two items more per movement: at most 11 of the 100 a transaction may hold, with extras.
   */
  private monthMovements(transfer: Transfer, postedPence: number): TransactItem[] {
    if (postedPence === 0) return [];
    return (['debit', 'credit'] as const).map((side) => ({
      Update: {
        TableName: this.tableName,
        Key: keys.accountMonth(
          side === 'debit' ? transfer.debitAccountId : transfer.creditAccountId,
          monthOf(transfer.createdAt),
        ),
        UpdateExpression: 'ADD moved :moved SET entity = :entity',
        ExpressionAttributeValues: {
          ':moved': side === 'debit' ? -postedPence : postedPence,
          ':entity': 'account_month',
        },
      },
    }));
  }

  /** One entry per side, for statements: money in is positive for the credited account. */
  private entries(transfer: Transfer, amounts: { posted: number; pending: number }): TransactItem[] {
    return (['debit', 'credit'] as const).map((side) => {
      const accountId = side === 'debit' ? transfer.debitAccountId : transfer.creditAccountId;
      const sign = side === 'debit' ? -1 : 1;
      return {
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.accountEntry(accountId, transfer.createdAt, transfer.transferId),
            entity: 'entry',
            transferId: transfer.transferId,
            at: transfer.createdAt,
            amountPence: sign * amounts.posted,
            pendingPence: sign * amounts.pending,
            code: transfer.code,
            description: transfer.description,
            ...(transfer.reference ? { reference: transfer.reference } : {}),
            ...(transfer.lineCharge ? { lineId: transfer.lineCharge.lineId } : {}),
            // A payout's arrival in transit is indexed by day, for reconciliation to walk.
            ...(side === 'credit' &&
            transfer.code === 'provider_payout' &&
            amounts.posted > 0 &&
            kindOfAccount(accountId) === 'payouts_in_transit'
              ? keys.payoutByDay(transfer.createdAt, transfer.transferId)
              : {}),
          },
        },
      };
    });
  }

  async account(accountId: string): Promise<AccountBalances> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.account(accountId), ConsistentRead: true }),
    );
    const kind = kindOfAccount(accountId);
    return {
      accountId,
      kind,
      debitsPosted: Number(Item?.debitsPosted ?? 0),
      creditsPosted: Number(Item?.creditsPosted ?? 0),
      debitsPending: Number(Item?.debitsPending ?? 0),
      creditsPending: Number(Item?.creditsPending ?? 0),
      noOverdraft: noOverdraftKinds.has(kind),
    };
  }

  async getTransfer(transferId: string): Promise<Transfer | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.transfer(transferId), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const { pk, sk, entity, ...record } = Item;
    return TransferSchema.parse(record);
  }

  async lineTotals(personId: string, lineId: string) {
    const { pk } = keys.lineUsage(personId, lineId, '');
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ConsistentRead: true,
    });
    return items.reduce<{ committedPence: number; spentPence: number }>(
      (sum, item) => ({
        committedPence: sum.committedPence + Number(item.committed ?? 0),
        spentPence: sum.spentPence + Number(item.spent ?? 0),
      }),
      { committedPence: 0, spentPence: 0 },
    );
  }

  async lineUsage(personId: string, lineId: string, periodKey: string) {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.lineUsage(personId, lineId, periodKey),
        ConsistentRead: true,
      }),
    );
    return { committedPence: Number(Item?.committed ?? 0), spentPence: Number(Item?.spent ?? 0) };
  }

  async statement(accountId: string, from: string, to: string) {
    const { pk } = keys.account(accountId);
    const [openingBalancePence, within] = await Promise.all([
      this.openingBalance(accountId, from),
      queryAll(this.db, {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :start AND :end',
        ExpressionAttributeValues: { ':pk': pk, ':start': `ENTRY#${from}`, ':end': `ENTRY#${to}~` },
      }),
    ]);
    const entries: StatementEntry[] = within.map((item) => ({
      transferId: String(item.transferId),
      at: String(item.at),
      amountPence: Number(item.amountPence),
      pendingPence: Number(item.pendingPence),
      code: item.code as StatementEntry['code'],
      description: String(item.description),
      reference: item.reference === undefined ? undefined : String(item.reference),
      lineId: item.lineId === undefined ? undefined : String(item.lineId),
    }));
    return { openingBalancePence, entries };
  }

  /**
   * The posted balance just before `from`, without reading the entries before it:
   *
   *   balance now − what moved in month(from) and every month since + entries of month(from) before `from`.
   *
   * Why this way round (and not closing-balance snapshots or a sum of every earlier month): the
   * month items are added to in the movement's own transaction and keyed by the month of the
   * entry's own `at`, so they agree with the entries exactly, whatever order concurrent movements
   * commit in (a snapshot taken at commit time would not, near a month's end); the cost is a
   * statement's own period plus one small item per month since, not the account's history; and an
   * account from before month items existed works unchanged: `trackedFrom` (set by the first
   * movement that wrote month items) says after which month they are complete, and a period
   * starting in or before that month falls back to adding up the entries before it, as every
   * statement used to (the backfill script fills closed months and moves `trackedFrom` back).
   *
   * The balance and the month items are two reads, so a movement committed between them would be
   * counted in one and not the other: the account is read again after, and if its totals moved
   * the sum is redone (a few times, then the old full sum, which needs no agreement).
   */
  private async openingBalance(accountId: string, from: string): Promise<number> {
    const { pk } = keys.account(accountId);
    const fromMonth = monthOf(from);
    for (let attempt = 0; attempt < 3; attempt++) {
      const before = await this.accountTotals(accountId);
      // trackedFrom's own month may hold entries written before month items (an account's first
      // movement after the change lands mid-month), so only the months after it are complete.
      if (before.trackedFrom === undefined || before.trackedFrom >= fromMonth) break;
      const [months, earlierThisMonth] = await Promise.all([
        queryAll(this.db, {
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :start AND :end',
          ExpressionAttributeValues: { ':pk': pk, ':start': `MONTH#${fromMonth}`, ':end': 'MONTH#~' },
          ConsistentRead: true,
        }),
        // A period that starts on the 1st has nothing of its month before it: no read.
        from <= `${fromMonth}-01`
          ? Promise.resolve([])
          : queryAll(this.db, {
              TableName: this.tableName,
              KeyConditionExpression: 'pk = :pk AND sk BETWEEN :start AND :end',
              ExpressionAttributeValues: {
                ':pk': pk,
                ':start': `ENTRY#${fromMonth}`,
                ':end': `ENTRY#${from}`,
              },
              ProjectionExpression: 'amountPence',
              ConsistentRead: true,
            }),
      ]);
      const after = await this.accountTotals(accountId);
      if (after.postedPence !== before.postedPence || after.movements !== before.movements) continue;
      const sum = (items: Array<Record<string, unknown>>, name: string) =>
        items.reduce((total, item) => total + Number(item[name] ?? 0), 0);
      return before.postedPence - sum(months, 'moved') + sum(earlierThisMonth, 'amountPence');
    }
    const earlier = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :start AND :end',
      ExpressionAttributeValues: { ':pk': pk, ':start': 'ENTRY#', ':end': `ENTRY#${from}` },
      ProjectionExpression: 'amountPence',
    });
    return earlier.reduce((sum, item) => sum + Number(item.amountPence), 0);
  }

  /** The account item's posted balance, a change marker and the month its month items start. */
  private async accountTotals(accountId: string) {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.account(accountId),
        ConsistentRead: true,
        ProjectionExpression: 'creditsPosted, debitsPosted, debitsPending, creditsPending, trackedFrom',
      }),
    );
    return {
      postedPence: Number(Item?.creditsPosted ?? 0) - Number(Item?.debitsPosted ?? 0),
      // Any movement changes one of the four totals (a post of nothing still releases pending).
      movements: [Item?.creditsPosted, Item?.debitsPosted, Item?.debitsPending, Item?.creditsPending]
        .map((n) => Number(n ?? 0))
        .join(','),
      trackedFrom: typeof Item?.trackedFrom === 'string' ? Item.trackedFrom : undefined,
    };
  }

  /** Every account's totals, for invariant checks in tests (a Query per account: never a Scan). */
  async accounts(accountIds: readonly string[]): Promise<AccountBalances[]> {
    return Promise.all(accountIds.map((id) => this.account(id)));
  }
}
