import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  type AuditEntry,
  type Clock,
  Deployment,
  DomainError,
  GroupPricing,
  accountId as ledgerAccount,
  type MonitoringStore,
  type MonthFacts,
  MonthlyAggregate,
  type OutcomeSurveyRecord,
  OutcomeSurveyRecord as OutcomeSurveySchema,
  type OutcomeSurveyStore,
  ProviderKind,
  sessionCount,
  tierFor,
} from '@carepool/domain';
import { auditPuts } from './audit-log.ts';
import { stripKeys } from './items.ts';
import { keys } from './keys.ts';
import { queryAll } from './query.ts';
import { transactWithAudit } from './transact.ts';

/**
 * Keys of the monitoring report and outcome surveys, kept beside the only code that uses them.
 * One aggregate item per council-month: the report reads a handful of these, nothing else.
 */
export const monitoringKeys = {
  month: (councilId: string, month: string) => ({
    pk: `COUNCIL#${councilId}#MONITORING`,
    sk: `MONTH#${month}`,
  }),
  /** One survey per person per review period: the key itself refuses a second one. */
  survey: (personId: string, reviewPeriod: string) => ({
    pk: `PERSON#${personId}`,
    sk: `OUTCOME_SURVEY#${reviewPeriod}`,
  }),
  /** A council's surveys by time, so the monthly job reads one month's and no more. */
  surveyByCouncil: (councilId: string, submittedAt: string, personId: string) => ({
    gsi2pk: `COUNCIL#${councilId}#SURVEYS`,
    gsi2sk: `${submittedAt}#${personId}`,
  }),
} as const;

/** Money out of a holder's account that paid for support (a reservation is not spend until posted). */
const spendCodes = new Set(['order_payment', 'invoice_payment', 'group_payment']);

export class DynamoMonitoringStore implements MonitoringStore, OutcomeSurveyStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
    /** Parallel reads while the job gathers a month: enough to be quick, few enough not to throttle. */
    private readonly concurrency = 16,
  ) {}

  async months(councilId: string, months: readonly string[]): Promise<MonthlyAggregate[]> {
    const first = months[0];
    const last = months.at(-1);
    if (!first || !last) return [];
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': monitoringKeys.month(councilId, first).pk,
        ':from': monitoringKeys.month(councilId, first).sk,
        ':to': monitoringKeys.month(councilId, last).sk,
      },
    });
    return items.map((item) => MonthlyAggregate.parse(stripKeys(item)));
  }

  async put(aggregate: MonthlyAggregate): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...monitoringKeys.month(aggregate.councilId, aggregate.month),
          entity: 'monitoring_month',
          ...aggregate,
        },
      }),
    );
  }

  async facts(councilId: string, month: { from: string; to: string }): Promise<MonthFacts> {
    const people = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.personByCouncil(councilId, '', '').gsi3pk },
      ProjectionExpression: 'personId, budget',
    });
    const holders = people.flatMap((p) => {
      const deployment = Deployment.safeParse((p.budget as { deployment?: unknown } | undefined)?.deployment);
      return deployment.success ? [{ personId: String(p.personId), deployment: deployment.data }] : [];
    });

    const cache = new Map<string, Promise<Record<string, unknown> | undefined>>();
    const get = (key: { pk: string; sk: string }) => {
      const id = `${key.pk}|${key.sk}`;
      let found = cache.get(id);
      if (!found) {
        found = this.db
          .send(new GetCommand({ TableName: this.tableName, Key: key }))
          .then((r) => r.Item as Record<string, unknown> | undefined);
        cache.set(id, found);
      }
      return found;
    };
    const providerKind = async (providerId: unknown) => {
      const provider = await get(keys.provider(String(providerId)));
      const kind = ProviderKind.safeParse(provider?.kind);
      return kind.success ? kind.data : ('unknown' as const);
    };

    const spends: MonthFacts['spends'] = [];
    const queue = [...holders];
    const worker = async () => {
      for (let holder = queue.shift(); holder; holder = queue.shift()) {
        const { pk } = keys.account(ledgerAccount.holderCash(holder.personId));
        const entries = await queryAll(this.db, {
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': pk,
            ':from': `ENTRY#${month.from}`,
            ':to': `ENTRY#${month.to}~`,
          },
          ProjectionExpression: 'amountPence, code, #ref',
          ExpressionAttributeNames: { '#ref': 'reference' },
        });
        for (const entry of entries) {
          const amount = -Number(entry.amountPence ?? 0);
          if (!spendCodes.has(String(entry.code)) || amount <= 0 || entry.reference === undefined) continue;
          const reference = String(entry.reference);
          if (entry.code === 'group_payment') {
            const group = await get(keys.group(reference));
            if (!group) continue;
            spends.push({
              personId: holder.personId,
              amountPence: amount,
              category: String(group.category),
              providerKind: await providerKind(group.providerId),
              individualPricePence: await this.individualPrice(group, get),
            });
          } else {
            const order = await get(keys.order(reference));
            if (!order) continue;
            spends.push({
              personId: holder.personId,
              amountPence: amount,
              category: String(order.category),
              providerKind: await providerKind(order.providerId),
            });
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, holders.length) }, worker));

    const surveyItems = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': monitoringKeys.surveyByCouncil(councilId, '', '').gsi2pk,
        ':from': month.from,
        ':to': `${month.to}~`,
      },
    });
    return {
      holders,
      spends,
      surveys: surveyItems.map((item) => OutcomeSurveySchema.parse(stripKeys(item))),
    };
  }

  /**
   * What one member would have paid for the group's sessions alone: the listing's own price, or
   * (a group made from a quote) the quote's price for one person. A shared total without either
   * has no individual price, so it adds nothing to the savings.
   */
  private async individualPrice(
    group: Record<string, unknown>,
    get: (key: { pk: string; sk: string }) => Promise<Record<string, unknown> | undefined>,
  ): Promise<number | undefined> {
    const sessions = sessionCount(group.schedule as Parameters<typeof sessionCount>[0]);
    if (typeof group.listingId === 'string') {
      const listing = await get(keys.listing(group.listingId));
      if (typeof listing?.pricePence === 'number' && listing.quoteId === undefined)
        return listing.pricePence * sessions;
    }
    const pricing = GroupPricing.safeParse(group.pricing);
    if (pricing.success && pricing.data.kind === 'per_person') {
      const alone = tierFor(pricing.data.tiers, 1);
      if (alone) return alone.pricePerPersonPence * sessions;
    }
    return undefined;
  }

  async add(survey: OutcomeSurveyRecord, audit: AuditEntry): Promise<boolean> {
    try {
      await transactWithAudit(
        this.db,
        [
          {
            Put: {
              TableName: this.tableName,
              Item: {
                ...monitoringKeys.survey(survey.personId, survey.reviewPeriod),
                ...monitoringKeys.surveyByCouncil(survey.councilId, survey.submittedAt, survey.personId),
                entity: 'outcome_survey',
                ...survey,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
        () => auditPuts(this.db, this.tableName, [audit], this.clock.now()),
      );
      return true;
    } catch (error) {
      // transactWithAudit answers a failed condition on the survey itself as a conflict: the period is taken.
      if (error instanceof DomainError && error.code === 'version_conflict') {
        const existing = await this.db.send(
          new GetCommand({
            TableName: this.tableName,
            Key: monitoringKeys.survey(survey.personId, survey.reviewPeriod),
            ConsistentRead: true,
          }),
        );
        if (existing.Item) return false;
      }
      throw error;
    }
  }

  async surveysOf(personId: string): Promise<OutcomeSurveyRecord[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.person(personId).pk, ':prefix': 'OUTCOME_SURVEY#' },
      ConsistentRead: true,
    });
    return items.map((item) => OutcomeSurveySchema.parse(stripKeys(item)));
  }
}
