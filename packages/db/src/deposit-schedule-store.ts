import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DepositDue, DepositSchedule, Transfer, TransferRequest } from '@carepool/domain';
import { keys } from './keys.ts';
import type { DynamoLedger } from './ledger-store.ts';
import { queryAll } from './query.ts';
import type { TransactItem } from './transact.ts';

/**
 * A person's due item: in the council's due index (gsi2) while a deposit is to come, or just the
 * plan year it was for once the year's thirteen are paid (out of the index, so never read again).
 */
function dueItem(personId: string, due: DepositDue | undefined, planYearStart?: string) {
  return {
    ...keys.depositDue(personId),
    ...(due ? keys.depositDueByCouncil(due.councilId, due.dueOn, personId) : {}),
    entity: 'deposit_due',
    personId,
    ...(due ? { councilId: due.councilId, dueOn: due.dueOn } : {}),
    planYearStart: due?.planYearStart ?? planYearStart ?? '',
  };
}

/** Setting a budget replaces the person's due item outright: the new budget is the schedule. */
export function depositDuePut(
  tableName: string,
  personId: string,
  due: DepositDue | undefined,
): TransactItem {
  return due
    ? { Put: { TableName: tableName, Item: dueItem(personId, due) } }
    : { Delete: { TableName: tableName, Key: keys.depositDue(personId) } };
}

/**
 * A worker moves a person on only if the due item is still for the plan year it posted for: a
 * budget set between the run's read and the worker's write keeps what the budget set.
 */
function movePut(tableName: string, personId: string, planYearStart: string, due: DepositDue | undefined) {
  return {
    TableName: tableName,
    Item: dueItem(personId, due, planYearStart),
    ConditionExpression: 'attribute_not_exists(pk) OR planYearStart = :year',
    ExpressionAttributeValues: { ':year': planYearStart },
  };
}

export class DynamoDepositSchedule implements DepositSchedule {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly ledger: DynamoLedger,
    private readonly clock: { now(): Date },
  ) {}

  async dueIn(councilId: string, onOrBefore: string) {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :upTo',
      ExpressionAttributeValues: {
        ':pk': keys.depositDueByCouncil(councilId, '', '').gsi2pk,
        ':upTo': `${onOrBefore}#~`,
      },
      ProjectionExpression: 'personId',
    });
    return items.map((item) => ({ personId: String(item.personId) }));
  }

  async isIndexed(councilId: string) {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.depositScheduleIndexed(councilId) }),
    );
    return Item !== undefined;
  }

  async markIndexed(councilId: string) {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.depositScheduleIndexed(councilId),
          entity: 'deposit_schedule',
          indexedAt: this.clock.now().toISOString(),
        },
      }),
    );
  }

  async moveOn(personId: string, planYearStart: string, due: DepositDue | undefined) {
    try {
      await this.db.send(new PutCommand(movePut(this.tableName, personId, planYearStart, due)));
    } catch (error) {
      // A budget set meanwhile put its own due item: that one stands.
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
    }
  }

  async postAndMoveOn(
    personId: string,
    transfer: TransferRequest,
    planYearStart: string,
    next: DepositDue | undefined,
  ): Promise<Transfer> {
    const prepared = this.ledger.prepareTransfer(transfer);
    const posted = await this.ledger.commitPrepared(prepared, [
      { Put: movePut(this.tableName, personId, planYearStart, next) },
    ]);
    // A replay (the period was paid before) wrote nothing, the due item included: move it on now.
    if (posted.createdAt !== prepared.transfer.createdAt) await this.moveOn(personId, planYearStart, next);
    return posted;
  }
}
