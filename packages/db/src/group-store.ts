import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  conflict,
  DomainError,
  type GroupRecord,
  GroupRecord as GroupSchema,
  type GroupStore,
  type GroupSummary,
  type MemberRecord,
  MemberRecord as MemberSchema,
  type Movement,
  type Page,
  type PageRequest,
  type TransferRequest,
} from '@carepool/domain';
import { queryDistricts, stripKeys } from './items.ts';
import { keys } from './keys.ts';
import type { DynamoLedger } from './ledger-store.ts';
import { queryAll, queryListPage } from './query.ts';
import type { TransactItem } from './transact.ts';

/** The index keys a group carries in its current state: found by place and deadline only while open. */
function groupIndexKeys(group: GroupRecord): Record<string, string> {
  if (group.status === 'open') {
    return {
      ...keys.groupByDistrict(group.outcode, group.category, group.groupId),
      ...keys.groupDeadline(group.deadline, group.groupId),
    };
  }
  if (group.status === 'settling') return keys.groupDeadline(group.deadline, group.groupId);
  if (group.status === 'delivered' && group.autoConfirmAt)
    return keys.groupAutoConfirm(group.autoConfirmAt, group.groupId);
  if (group.status === 'paid' && group.payout && group.payout.status !== 'sent')
    return keys.groupPayoutDue(group.updatedAt, group.groupId);
  return {};
}

const indexNames = ['gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'] as const;

function memberItem(member: MemberRecord) {
  return {
    ...keys.groupMember(member.groupId, member.personId),
    ...keys.memberByPerson(member.personId, member.joinedAt, member.groupId),
    entity: 'group_member',
    ...member,
  };
}

/**
 * Group purchases. The member count lives on the group item and is changed only by ADD inside the
 * join/leave transactions, guarded by `memberCount < max`; state changes use UpdateItem on named
 * fields so they never overwrite a count that moved meanwhile.
 */
export class DynamoGroupStore implements GroupStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly ledger: DynamoLedger,
  ) {}

  async get(groupId: string) {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.group(groupId), ConsistentRead: true }),
    );
    return Item ? GroupSchema.parse(stripKeys(Item)) : undefined;
  }

  async member(groupId: string, personId: string) {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.groupMember(groupId, personId),
        ConsistentRead: true,
      }),
    );
    return Item ? MemberSchema.parse(stripKeys(Item)) : undefined;
  }

  async members(groupId: string) {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :member)',
      ExpressionAttributeValues: { ':pk': keys.group(groupId).pk, ':member': 'MEMBER#' },
      ConsistentRead: true,
    });
    return items.map((item) => MemberSchema.parse(stripKeys(item)));
  }

  /** One page of a provider's groups, newest first: one Query, whatever the provider's history. */
  async ofProvider(providerId: string, page: PageRequest): Promise<Page<GroupRecord>> {
    const list = keys.groupByProvider(providerId, '', '').gsi3pk;
    return queryListPage(this.db, { tableName: this.tableName, index: 'gsi3', list }, page, (item) =>
      GroupSchema.parse(stripKeys(item)),
    );
  }

  /** One page of a person's memberships, newest joined first: one Query. */
  async groupsOf(personId: string, page: PageRequest): Promise<Page<MemberRecord>> {
    const list = keys.memberByPerson(personId, '', '').gsi3pk;
    return queryListPage(this.db, { tableName: this.tableName, index: 'gsi3', list }, page, (item) =>
      MemberSchema.parse(stripKeys(item)),
    );
  }

  /** What a list shows of some groups (title, state, deadline): one BatchGetItem for a page of them. */
  async summaries(groupIds: readonly string[]): Promise<Map<string, GroupSummary>> {
    const found = new Map<string, GroupSummary>();
    const unique = [...new Set(groupIds)];
    // BatchGetItem takes at most 100 keys; a page holds at most 100 memberships.
    for (let i = 0; i < unique.length; i += 100) {
      let keysLeft: Array<Record<string, unknown>> = unique.slice(i, i + 100).map((id) => keys.group(id));
      while (keysLeft.length > 0) {
        const out = await this.db.send(
          new BatchGetCommand({
            RequestItems: {
              [this.tableName]: {
                Keys: keysLeft,
                ProjectionExpression: 'groupId, title, #status, deadline',
                ExpressionAttributeNames: { '#status': 'status' },
              },
            },
          }),
        );
        for (const item of out.Responses?.[this.tableName] ?? []) {
          found.set(String(item.groupId), {
            groupId: String(item.groupId),
            title: String(item.title),
            status: GroupSchema.shape.status.parse(item.status),
            deadline: String(item.deadline),
          });
        }
        keysLeft = (out.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Array<Record<string, unknown>>;
      }
    }
    return found;
  }

  async openInDistricts(outcodes: readonly string[], category?: string) {
    const items = await queryDistricts(
      this.db,
      this.tableName,
      (outcode) => keys.groupByDistrict(outcode, '', '').gsi1pk,
      outcodes,
      category,
    );
    return items.map((item) => GroupSchema.parse(stripKeys(item)));
  }

  private async queue(pk: string, upTo: string) {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :upTo',
      ExpressionAttributeValues: { ':pk': pk, ':upTo': upTo },
    });
    return items.map((item) => GroupSchema.parse(stripKeys(item)));
  }

  dueForSettlement(now: Date) {
    return this.queue(keys.groupDeadline('', '').gsi2pk, `${now.toISOString()}#~`);
  }

  dueForAutoConfirm(now: Date) {
    return this.queue(keys.groupAutoConfirm('', '').gsi2pk, `${now.toISOString()}#~`);
  }

  /** Oldest first; with a batch, at most `limit` of them after the queue position `after`. */
  async duePayouts(batch?: { limit: number; after?: string | undefined }) {
    const pk = keys.groupPayoutDue('', '').gsi2pk;
    if (!batch) return this.queue(pk, '~');
    const found = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi2',
        // A key condition may not compare with an empty string: no position, no lower bound.
        KeyConditionExpression: batch.after ? 'gsi2pk = :pk AND gsi2sk > :after' : 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': pk, ...(batch.after ? { ':after': batch.after } : {}) },
        Limit: batch.limit,
      }),
    );
    return (found.Items ?? []).map((item) => GroupSchema.parse(stripKeys(item)));
  }

  async create(group: GroupRecord): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.group(group.groupId),
          ...groupIndexKeys(group),
          ...keys.groupByProvider(group.providerId, group.createdAt, group.groupId),
          entity: 'group',
          ...group,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async join(group: GroupRecord, member: MemberRecord, reservation: TransferRequest): Promise<void> {
    const extra: TransactItem[] = [
      {
        Update: {
          TableName: this.tableName,
          Key: keys.group(group.groupId),
          UpdateExpression: 'ADD memberCount :one',
          ConditionExpression: 'memberCount < :max AND #status = :open',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':one': 1, ':max': group.maxParticipants, ':open': 'open' },
        },
      },
      {
        Put: {
          TableName: this.tableName,
          Item: memberItem(member),
          // New, or rejoining after leaving: never a second place for someone already in.
          ConditionExpression: 'attribute_not_exists(pk) OR #status IN (:left, :released)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':left': 'left', ':released': 'released' },
        },
      },
    ];
    try {
      await this.ledger.commitPrepared(this.ledger.prepareTransfer(reservation), extra);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'version_conflict') {
        const [now, mine] = await Promise.all([
          this.get(group.groupId),
          this.member(group.groupId, member.personId),
        ]);
        if (mine && (mine.status === 'joined' || mine.status === 'settled'))
          throw conflict('already_member', 'You are already in this group.');
        if (now?.status !== 'open') throw conflict('group_closed', 'This group is no longer taking members.');
        throw conflict('group_full', 'This group is full.');
      }
      throw error;
    }
  }

  async changeMember(
    member: MemberRecord,
    expectedVersion: number,
    movement: Movement,
    places?: { groupId: string; release: number },
  ) {
    const prepared =
      movement.kind === 'transfer'
        ? this.ledger.prepareTransfer(movement.request)
        : await this.ledger.prepareResolve(
            movement.kind === 'post'
              ? { ...movement, flags: 'post_pending' }
              : { ...movement, amountPence: 0, flags: 'void_pending' },
          );
    const extra: TransactItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: memberItem(member),
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': expectedVersion },
        },
      },
    ];
    if (places) {
      extra.push({
        Update: {
          TableName: this.tableName,
          Key: keys.group(places.groupId),
          UpdateExpression: 'ADD memberCount :minus',
          ExpressionAttributeValues: { ':minus': -places.release },
        },
      });
    }
    await this.ledger.commitPrepared(prepared, extra);
  }

  async update(group: GroupRecord, expectedVersion: number): Promise<void> {
    const indexes = groupIndexKeys(group);
    const fields: Record<string, unknown> = {
      status: group.status,
      updatedAt: group.updatedAt,
      version: group.version,
      ...(group.settlement ? { settlement: group.settlement } : {}),
      ...(group.delivery ? { delivery: group.delivery } : {}),
      ...(group.autoConfirmAt ? { autoConfirmAt: group.autoConfirmAt } : {}),
      ...(group.payout ? { payout: group.payout } : {}),
      ...indexes,
    };
    const names: Record<string, string> = { '#expectedVersion': 'version' };
    const values: Record<string, unknown> = { ':expectedVersion': expectedVersion };
    const sets = Object.entries(fields).map(([name, value], i) => {
      names[`#f${i}`] = name;
      values[`:v${i}`] = value;
      return `#f${i} = :v${i}`;
    });
    const removes = [
      ...indexNames.filter((name) => !(name in indexes)),
      ...(group.autoConfirmAt ? [] : ['autoConfirmAt']),
    ].map((name, i) => {
      names[`#r${i}`] = name;
      return `#r${i}`;
    });
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.group(group.groupId),
          UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: '#expectedVersion = :expectedVersion',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw conflict('version_conflict', 'This group changed at the same time. Try again.');
      throw error;
    }
  }
}
