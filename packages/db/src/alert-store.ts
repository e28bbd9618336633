import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  type AlertCountRow,
  type AlertDeps,
  type AlertFacts,
  type AlertRecord,
  AlertRecord as AlertSchema,
  type AlertStore,
  type AuditEntry,
  type Clock,
  type InvoiceFact,
  type NewHolderFact,
  nextAuditRecord,
  type PaymentFact,
  type SteerFact,
} from '@carepool/domain';
import { DynamoAccountStore } from './account-store.ts';
import { auditPuts } from './audit-log.ts';
import { DynamoDirectoryStore } from './directory-store.ts';
import { stripKeys } from './items.ts';
import { keys } from './keys.ts';
import { DynamoLedger } from './ledger-store.ts';
import { DynamoOrderStore } from './order-store.ts';
import { DynamoPeopleStore } from './people-store.ts';
import { queryAll, queryPage } from './query.ts';
import { transactWithAudit, versionedPut } from './transact.ts';

/**
 * Keys of alerts and of the rules' projections. They live here, beside the only code that reads
 * them, rather than in keys.ts; the shapes follow the same generic pk/sk/gsiN scheme.
 */
export const alertKeys = {
  alert: (alertId: string) => ({ pk: `ALERT#${alertId}`, sk: 'ALERT' }),
  /** A council's alerts, newest first. */
  alertByCouncil: (councilId: string, raisedAt: string, alertId: string) => ({
    gsi3pk: `COUNCIL#${councilId}#ALERTS`,
    gsi3sk: `${raisedAt}#${alertId}`,
  }),
  /** A council's alerts in one status (moves as the alert is worked). */
  alertByStatus: (councilId: string, status: string, raisedAt: string, alertId: string) => ({
    gsi2pk: `COUNCIL#${councilId}#ALERTS#${status}`,
    gsi2sk: `${raisedAt}#${alertId}`,
  }),
  /** A holder's first money to a provider (and first payment): one item per pair. */
  pair: (providerId: string, personId: string) => ({
    pk: `ALERTFACT#PROVIDER#${providerId}`,
    sk: `HOLDER#${personId}`,
  }),
  /** A provider's new holders in one council, by when they first paid. */
  newHolders: (providerId: string, councilId: string) =>
    `ALERTFACT#PROVIDER#${providerId}#${councilId}#NEW_HOLDERS`,
  payment: (personId: string, at: string, transferId: string) => ({
    pk: `ALERTFACT#PAYMENTS#${personId}`,
    sk: `${at}#${transferId}`,
  }),
  invoiceByReference: (providerId: string, normalised: string, orderId: string) => ({
    pk: `ALERTFACT#INVOICEREF#${providerId}#${normalised}`,
    sk: orderId,
  }),
  invoiceOfPerson: (providerId: string, personId: string, at: string, orderId: string) => ({
    pk: `ALERTFACT#INVOICES#${providerId}#${personId}`,
    sk: `${at}#${orderId}`,
  }),
  steer: (brokerUserId: string, providerId: string, at: string, transferId: string) => ({
    pk: `ALERTFACT#STEER#${brokerUserId}#${providerId}`,
    sk: `${at}#${transferId}`,
  }),
} as const;

/** Upper bounds on what one rule reads per event: a projection query never walks a history. */
const readCaps = { payments: 500, invoices: 100, steers: 200, accountEntries: 1_000 } as const;

export function alertItem(alert: AlertRecord) {
  return {
    ...alertKeys.alert(alert.alertId),
    ...alertKeys.alertByCouncil(alert.councilId, alert.raisedAt, alert.alertId),
    ...alertKeys.alertByStatus(alert.councilId, alert.status, alert.raisedAt, alert.alertId),
    entity: 'alert',
    ...alert,
  };
}

const parseAlert = (item: Record<string, unknown>) => AlertSchema.parse(stripKeys(item));

const str = (value: unknown) => String(value);
const num = (value: unknown) => Number(value);

export class DynamoAlertStore implements AlertStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async raise(alert: AlertRecord, audit: AuditEntry): Promise<boolean> {
    // A new alert's chain starts here, so its first link needs no read of a head.
    const record = nextAuditRecord(
      undefined,
      { entityType: audit.entityType, entityId: audit.entityId },
      audit.event,
      new Date(alert.raisedAt),
    );
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: alertItem(alert),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: { ...keys.audit('alert', alert.alertId, 1), entity: 'audit', ...record },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      // The situation already has its alert: that is the point of the deterministic id.
      if (
        error instanceof TransactionCanceledException &&
        (error.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed')
      )
        return false;
      throw error;
    }
  }

  async get(alertId: string) {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: alertKeys.alert(alertId), ConsistentRead: true }),
    );
    return Item ? parseAlert(Item) : undefined;
  }

  async list(
    councilId: string,
    filter: { status?: string | undefined; rule?: string | undefined; personId?: string | undefined },
    page: { limit: number; cursor?: string | undefined },
  ) {
    const [index, list] = filter.status
      ? (['gsi2', alertKeys.alertByStatus(councilId, filter.status, '', '').gsi2pk] as const)
      : (['gsi3', alertKeys.alertByCouncil(councilId, '', '').gsi3pk] as const);
    const conditions: string[] = [];
    const values: Record<string, unknown> = { ':pk': list };
    if (filter.rule) {
      conditions.push('#rule = :rule');
      values[':rule'] = filter.rule;
    }
    if (filter.personId) {
      conditions.push('contains(links.personIds, :person)');
      values[':person'] = filter.personId;
    }
    const found = await queryPage(
      this.db,
      {
        TableName: this.tableName,
        IndexName: index,
        KeyConditionExpression: `${index}pk = :pk`,
        ExpressionAttributeValues: values,
        ...(conditions.length
          ? {
              FilterExpression: conditions.join(' AND '),
              ...(filter.rule ? { ExpressionAttributeNames: { '#rule': 'rule' } } : {}),
            }
          : {}),
      },
      list,
      page,
    );
    return { ...found, items: found.items.map(parseAlert) };
  }

  /**
   * Alerts raised in a council between two days, counted by rule and outcome for the monitoring
   * report. Reads only that period's alerts (they are few: one per situation), never the table.
   */
  async countsBetween(councilId: string, from: string, to: string): Promise<AlertCountRow[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': alertKeys.alertByCouncil(councilId, '', '').gsi3pk,
        ':from': from,
        // '~' sorts after the '#' between the time and the id, so an alert raised at `to` counts.
        ':to': `${to}~`,
      },
    });
    const rows = new Map<string, { row: AlertCountRow; people: Set<string> }>();
    for (const alert of items.map(parseAlert)) {
      const outcome = alert.resolution?.outcome ?? 'open';
      const key = `${alert.rule}#${outcome}`;
      const entry = rows.get(key) ?? {
        row: { rule: alert.rule, outcome, raised: 0, resolved: 0, people: 0 },
        people: new Set<string>(),
      };
      entry.row.raised += 1;
      if (alert.status === 'resolved') entry.row.resolved += 1;
      for (const personId of alert.links.personIds ?? []) entry.people.add(personId);
      entry.row.people = entry.people.size;
      rows.set(key, entry);
    }
    return [...rows.values()].map((entry) => entry.row);
  }

  async save(alert: AlertRecord, expectedVersion: number, audit: AuditEntry): Promise<void> {
    await transactWithAudit(this.db, [versionedPut(this.tableName, alertItem(alert), expectedVersion)], () =>
      auditPuts(this.db, this.tableName, [audit], new Date(alert.updatedAt)),
    );
  }

  async recordPair(fact: Parameters<AlertStore['recordPair']>[0]) {
    const { Attributes } = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: alertKeys.pair(fact.providerId, fact.personId),
        UpdateExpression: [
          'SET entity = :entity, councilId = if_not_exists(councilId, :council)',
          'firstTransferId = if_not_exists(firstTransferId, :transfer)',
          'firstAt = if_not_exists(firstAt, :at)',
          'firstAmountPence = if_not_exists(firstAmountPence, :amount)',
          'gsi1pk = if_not_exists(gsi1pk, :list)',
          'gsi1sk = if_not_exists(gsi1sk, :position)',
          ...(fact.payment
            ? ['firstPaymentTransferId = if_not_exists(firstPaymentTransferId, :transfer)']
            : []),
        ].join(', '),
        ExpressionAttributeValues: {
          ':entity': 'alert_fact',
          ':council': fact.councilId,
          ':transfer': fact.transferId,
          ':at': fact.at,
          ':amount': fact.amountPence,
          ':list': alertKeys.newHolders(fact.providerId, fact.councilId),
          ':position': `${fact.at}#${fact.personId}`,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return {
      firstTransferId: str(Attributes?.firstTransferId),
      ...(Attributes?.firstPaymentTransferId
        ? { firstPaymentTransferId: str(Attributes.firstPaymentTransferId) }
        : {}),
    };
  }

  async newHoldersOfProvider(providerId: string, councilId: string, since: string, limit: number) {
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk >= :since',
        ExpressionAttributeValues: { ':pk': alertKeys.newHolders(providerId, councilId), ':since': since },
        Limit: limit,
      }),
    );
    return (Items ?? []).map(
      (item): NewHolderFact => ({
        personId: str(item.sk).slice('HOLDER#'.length),
        at: str(item.firstAt),
        transferId: str(item.firstTransferId),
        amountPence: num(item.firstAmountPence),
      }),
    );
  }

  async recordPayment(personId: string, payment: PaymentFact) {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...alertKeys.payment(personId, payment.at, payment.transferId),
          entity: 'alert_fact',
          ...payment,
        },
      }),
    );
  }

  private async capped(input: QueryCommandInput, cap: number) {
    const items: Array<Record<string, unknown>> = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({ ...input, Limit: cap - items.length, ExclusiveStartKey: start }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start && items.length < cap);
    return items;
  }

  async paymentsOf(personId: string, since: string, until: string) {
    const items = await this.capped(
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': alertKeys.payment(personId, '', '').pk,
          ':from': since,
          ':to': `${until}#~`,
        },
        ScanIndexForward: false,
        ConsistentRead: true,
      },
      readCaps.payments,
    );
    return items.map(
      (item): PaymentFact => ({
        transferId: str(item.transferId),
        ...(item.orderId ? { orderId: str(item.orderId) } : {}),
        providerId: str(item.providerId),
        amountPence: num(item.amountPence),
        at: str(item.at),
        confirmedBy: item.confirmedBy === 'auto' ? 'auto' : 'person',
      }),
    );
  }

  async recordInvoice(invoice: InvoiceFact, normalised: string) {
    const item = { entity: 'alert_fact', ...invoice };
    await Promise.all([
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...alertKeys.invoiceByReference(invoice.providerId, normalised, invoice.orderId), ...item },
        }),
      ),
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...alertKeys.invoiceOfPerson(invoice.providerId, invoice.personId, invoice.at, invoice.orderId),
            ...item,
          },
        }),
      ),
    ]);
  }

  private parseInvoice = (item: Record<string, unknown>): InvoiceFact => ({
    orderId: str(item.orderId),
    transferId: str(item.transferId),
    councilId: str(item.councilId),
    personId: str(item.personId),
    providerId: str(item.providerId),
    reference: str(item.reference),
    amountPence: num(item.amountPence),
    at: str(item.at),
  });

  async invoicesByReference(providerId: string, normalised: string, councilId: string) {
    const items = await this.capped(
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        FilterExpression: 'councilId = :council',
        ExpressionAttributeValues: {
          ':pk': alertKeys.invoiceByReference(providerId, normalised, '').pk,
          ':council': councilId,
        },
        ConsistentRead: true,
      },
      readCaps.invoices,
    );
    return items.map(this.parseInvoice);
  }

  async invoicesOfPerson(providerId: string, personId: string, since: string) {
    const items = await this.capped(
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk >= :since',
        ExpressionAttributeValues: {
          ':pk': alertKeys.invoiceOfPerson(providerId, personId, '', '').pk,
          ':since': since,
        },
        ConsistentRead: true,
      },
      readCaps.invoices,
    );
    return items.map(this.parseInvoice);
  }

  async recordSteer(brokerUserId: string, providerId: string, booking: SteerFact) {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...alertKeys.steer(brokerUserId, providerId, booking.at, booking.transferId),
          entity: 'alert_fact',
          ...booking,
        },
      }),
    );
  }

  async steeredBookings(brokerUserId: string, providerId: string, since: string) {
    const items = await this.capped(
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk >= :since',
        ExpressionAttributeValues: {
          ':pk': alertKeys.steer(brokerUserId, providerId, '', '').pk,
          ':since': since,
        },
        ConsistentRead: true,
      },
      readCaps.steers,
    );
    return items.map(
      (item): SteerFact => ({
        personId: str(item.personId),
        ...(item.orderId ? { orderId: str(item.orderId) } : {}),
        transferId: str(item.transferId),
        at: str(item.at),
      }),
    );
  }

  /**
   * Notes that a user signed in (a token was issued), for the "holder not signed in" rule. At most
   * one write an hour per user: the condition makes the other calls in that hour a no-op, so a
   * busy user's token refreshes cost one conditional update an hour, never more.
   */
  async noteSeen(userId: string, at: Date): Promise<void> {
    const hourAgo = new Date(at.getTime() - 3_600_000).toISOString();
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.user(userId),
          UpdateExpression: 'SET lastSeenAt = :at',
          ConditionExpression:
            'attribute_exists(pk) AND (attribute_not_exists(lastSeenAt) OR lastSeenAt <= :hourAgo)',
          ExpressionAttributeValues: { ':at': at.toISOString(), ':hourAgo': hourAgo },
        }),
      );
    } catch (error) {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
    }
  }
}

/** The facts the rules read, each one bounded read from the stores the functions already use. */
export class DynamoAlertFacts implements AlertFacts {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly stores: {
      people: DynamoPeopleStore;
      directory: DynamoDirectoryStore;
      orders: DynamoOrderStore;
      accounts: DynamoAccountStore;
      ledger: DynamoLedger;
    },
  ) {}

  person = (personId: string) => this.stores.people.getPerson(personId);
  plan = (planId: string) => this.stores.people.getPlan(planId);
  provider = (providerId: string) => this.stores.directory.getProvider(providerId);
  providersOwnedBy = (userId: string) => this.stores.directory.providersOwnedBy(userId);
  order = (orderId: string) => this.stores.orders.get(orderId);
  council = (councilId: string) => this.stores.accounts.getCouncil(councilId);

  async spentOnLine(personId: string, lineId: string) {
    return (await this.stores.ledger.lineTotals(personId, lineId)).spentPence;
  }

  async accountUse(personId: string, before: { at: string; transferId: string }) {
    const pk = keys.account(`holder_cash:${personId}`).pk;
    // Newest first from just before this transfer, stopping at the first money that left: the
    // council's deposits in between are skipped by the filter, and the read is capped.
    let lastOutgoingAt: string | undefined;
    let start: Record<string, unknown> | undefined;
    let read = 0;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :before',
          FilterExpression: 'amountPence < :zero OR pendingPence < :zero',
          ExpressionAttributeValues: {
            ':pk': pk,
            ':first': 'ENTRY#',
            ':before': `ENTRY#${before.at}#${before.transferId}`,
            ':zero': 0,
          },
          ScanIndexForward: false,
          Limit: 100,
          ExclusiveStartKey: start,
        }),
      );
      read += page.ScannedCount ?? 0;
      const found = (page.Items ?? []).find((item) => item.transferId !== before.transferId);
      if (found) lastOutgoingAt = str(found.at);
      start = page.LastEvaluatedKey;
    } while (!lastOutgoingAt && start && read < readCaps.accountEntries);
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :entry)',
        ExpressionAttributeValues: { ':pk': pk, ':entry': 'ENTRY#' },
        Limit: 1,
      }),
    );
    const openedAt = Items?.[0]?.at;
    return {
      ...(lastOutgoingAt ? { lastOutgoingAt } : {}),
      ...(openedAt !== undefined && str(openedAt) < before.at ? { openedAt: str(openedAt) } : {}),
    };
  }

  async lastSeen(personId: string) {
    const userId = await this.stores.accounts.accountOfPerson(personId);
    const user = userId ? await this.stores.accounts.getUser(userId) : undefined;
    return user?.lastSeenAt ?? user?.createdAt;
  }
}

/** Everything the alert rules and workflow need, on one client and table. */
export function createAlertDeps(
  db: DynamoDBDocumentClient,
  tableName: string,
  clock: Clock,
): AlertDeps & { store: DynamoAlertStore } {
  const ledger = new DynamoLedger(db, tableName, clock);
  const store = new DynamoAlertStore(db, tableName);
  return {
    alerts: store,
    store,
    clock,
    facts: new DynamoAlertFacts(db, tableName, {
      people: new DynamoPeopleStore(db, tableName, clock),
      directory: new DynamoDirectoryStore(db, tableName, clock),
      orders: new DynamoOrderStore(db, tableName, ledger),
      accounts: new DynamoAccountStore(db, tableName, clock),
      ledger,
    }),
  };
}
