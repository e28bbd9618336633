import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  type AccountStore,
  type Clock,
  type CouncilRecord,
  CouncilRecord as CouncilSchema,
  conflict,
  DomainError,
  type InvitationRecord,
  InvitationRecord as InvitationSchema,
  type PageRequest,
  type UserRecord,
} from '@carepool/domain';
import { auditPuts } from './audit-log.ts';
import { stripKeys } from './items.ts';
import { keys } from './keys.ts';
import { delegationItem } from './people-store.ts';
import { queryAll, queryListPage } from './query.ts';
import { type TransactItem, versionedPut } from './transact.ts';
import { parseUser, userItem } from './user-store.ts';

export function councilItem(council: CouncilRecord) {
  return {
    ...keys.council(council.councilId),
    ...keys.councilInList(council.councilId),
    entity: 'council',
    ...council,
  };
}

export function invitationItem(invitation: InvitationRecord) {
  return {
    ...keys.invitation(invitation.invitationId),
    ...keys.invitationByCouncil(invitation.councilId, invitation.invitedAt, invitation.invitationId),
    ...(invitation.personId
      ? keys.invitationByPerson(invitation.personId, invitation.invitedAt, invitation.invitationId)
      : {}),
    ...(invitation.kind === 'representative' && invitation.status === 'pending'
      ? keys.invitationByEmail(invitation.email, invitation.invitedAt, invitation.invitationId)
      : {}),
    entity: 'invitation',
    ...invitation,
  };
}

/** The claims a new account makes, so no two accounts share an email or a budget holder. */
export function accountClaimItems(user: UserRecord) {
  return [
    ...(user.email ? [{ ...keys.emailClaim(user.email), entity: 'email_claim', userId: user.userId }] : []),
    ...(user.personId && user.roles.includes('holder')
      ? [{ ...keys.personAccount(user.personId), entity: 'person_account', userId: user.userId }]
      : []),
  ];
}

/** Attempts at appending audit links when another writer took the next one first. */
const auditAttempts = 5;

export class DynamoAccountStore implements AccountStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
  ) {}

  private async get(key: Record<string, string>) {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return Item;
  }

  async getCouncil(councilId: string) {
    const item = await this.get(keys.council(councilId));
    return item ? CouncilSchema.parse(stripKeys(item)) : undefined;
  }

  async listCouncils() {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': 'COUNCILS' },
    });
    return items.map((item) => CouncilSchema.parse(stripKeys(item)));
  }

  async getUser(userId: string) {
    const item = await this.get(keys.user(userId));
    return item ? parseUser(item) : undefined;
  }

  async userIdByEmail(email: string) {
    const item = await this.get(keys.emailClaim(email));
    return typeof item?.userId === 'string' ? item.userId : undefined;
  }

  async accountOfPerson(personId: string) {
    const item = await this.get(keys.personAccount(personId));
    return typeof item?.userId === 'string' ? item.userId : undefined;
  }

  async usersOfCouncil(councilId: string, page: PageRequest) {
    const list = keys.userByCouncil(councilId, '', '').gsi3pk;
    return queryListPage(this.db, { tableName: this.tableName, index: 'gsi3', list }, page, parseUser, {
      newestFirst: false,
    });
  }

  async getInvitation(invitationId: string) {
    const item = await this.get(keys.invitation(invitationId));
    return item ? InvitationSchema.parse(stripKeys(item)) : undefined;
  }

  async invitationsOfCouncil(councilId: string, page: PageRequest) {
    const list = keys.invitationByCouncil(councilId, '', '').gsi3pk;
    return queryListPage(this.db, { tableName: this.tableName, index: 'gsi3', list }, page, (item) =>
      InvitationSchema.parse(stripKeys(item)),
    );
  }

  async pendingDelegationInvitations(email: string) {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.invitationByEmail(email, '', '').gsi1pk },
    });
    return items.map((item) => InvitationSchema.parse(stripKeys(item)));
  }

  async invitationsOfPerson(personId: string) {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.invitationByPerson(personId, '', '').gsi2pk },
      ScanIndexForward: false,
    });
    return items.map((item) => InvitationSchema.parse(stripKeys(item)));
  }

  async write(changes: Parameters<AccountStore['write']>[0]): Promise<void> {
    // Each change is paired with the refusal to give if its condition fails.
    const items: Array<{ item: TransactItem; refusal: DomainError }> = [];
    const changed = () =>
      conflict('version_conflict', 'Someone else changed this at the same time. Reload it and try again.');
    for (const { record, expectedVersion } of changes.councils ?? []) {
      items.push({
        item: versionedPut(this.tableName, councilItem(record), expectedVersion),
        refusal:
          expectedVersion === 0
            ? conflict('council_exists', `There is already a council with the id '${record.councilId}'.`)
            : conflict(
                'council_changed',
                'Someone changed these settings since you read them: reload and try again.',
              ),
      });
    }
    for (const { record, expectedVersion } of changes.invitations ?? []) {
      items.push({
        item: versionedPut(this.tableName, invitationItem(record), expectedVersion),
        refusal: conflict('invitation_not_pending', 'This invitation was used or withdrawn a moment ago.'),
      });
    }
    for (const user of changes.newUsers ?? []) {
      items.push({
        item: {
          Put: {
            TableName: this.tableName,
            Item: userItem(user),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        refusal: conflict('user_exists', 'That account already exists.'),
      });
      for (const claim of accountClaimItems(user)) {
        items.push({
          item: {
            Put: { TableName: this.tableName, Item: claim, ConditionExpression: 'attribute_not_exists(pk)' },
          },
          refusal:
            claim.entity === 'email_claim'
              ? new DomainError('conflict', 'email_in_use', 'An account already uses this email address.', {
                  issues: [{ field: 'email', message: 'Use another email address', code: 'email_in_use' }],
                })
              : conflict('person_has_account', 'This person already has an account: sign in with it.'),
        });
      }
    }
    for (const { record, expectedStatus } of changes.changedUsers ?? []) {
      items.push({
        item: {
          Put: {
            TableName: this.tableName,
            Item: userItem(record),
            ConditionExpression: '#status = :status OR (attribute_not_exists(#status) AND :status = :active)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':status': expectedStatus, ':active': 'active' },
          },
        },
        refusal: changed(),
      });
    }
    for (const personId of changes.releasePersons ?? []) {
      items.push({
        item: { Delete: { TableName: this.tableName, Key: keys.personAccount(personId) } },
        refusal: changed(),
      });
    }
    for (const delegation of changes.delegations ?? []) {
      items.push({
        item: { Put: { TableName: this.tableName, Item: delegationItem(delegation) } },
        refusal: changed(),
      });
    }

    for (let attempt = 1; ; attempt++) {
      const audit = await auditPuts(this.db, this.tableName, changes.audit, this.clock.now());
      try {
        await this.db.send(
          new TransactWriteCommand({ TransactItems: [...items.map((i) => i.item), ...audit] }),
        );
        return;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = error.CancellationReasons ?? [];
        const failed = items.findIndex((_, index) => {
          const code = reasons[index]?.Code;
          return code !== undefined && code !== 'None';
        });
        if (failed >= 0) throw items[failed]?.refusal ?? changed();
        if (attempt >= auditAttempts) throw changed();
      }
    }
  }
}
