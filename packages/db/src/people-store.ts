import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  SelfAssessmentRecord as AssessmentSchema,
  type AuditEntityType,
  type AuditRecord,
  type Clock,
  type DelegationRecord,
  DelegationRecord as DelegationSchema,
  decodePageCursor,
  invalid,
  type PageRequest,
  type PeopleStore,
  type PersonRecord,
  PersonRecord as PersonSchema,
  type PlanRecord,
  PlanRecord as PlanSchema,
  type Questionnaire,
  Questionnaire as QuestionnaireSchema,
  type SelfAssessmentRecord,
} from '@carepool/domain';
import type { z } from 'zod';
import { auditPuts, readAuditTrail } from './audit-log.ts';
import { depositDuePut } from './deposit-schedule-store.ts';
import { stripKeys } from './items.ts';
import { keys } from './keys.ts';
import { queryAll, queryPage } from './query.ts';
import { type TransactItem, transactWithAudit, versionedPut } from './transact.ts';

/** Stored items carry keys and an entity tag; the domain's schema parses the rest. */
function parseAs<T extends z.ZodType>(schema: T, item: Record<string, unknown>): z.output<T> {
  return schema.parse(stripKeys(item));
}

export function personItem(person: PersonRecord) {
  return {
    ...keys.person(person.personId),
    ...keys.personByCouncil(person.councilId, person.name, person.personId),
    entity: 'person',
    ...person,
  };
}

export function planItem(plan: PlanRecord) {
  return {
    ...keys.plan(plan.planId),
    ...keys.planByPerson(plan.personId, plan.planVersion),
    ...keys.planByCouncilStatus(plan.councilId, plan.status, plan.updatedAt, plan.planId),
    entity: 'plan',
    ...plan,
  };
}

export function delegationItem(delegation: DelegationRecord) {
  return {
    ...keys.delegation(delegation.personId, delegation.userId),
    ...keys.delegationByDelegate(delegation.userId, delegation.personId),
    entity: 'delegation',
    ...delegation,
  };
}

export function assessmentItem(assessment: SelfAssessmentRecord) {
  return {
    ...keys.assessment(assessment.personId, assessment.assessmentId),
    entity: 'assessment',
    ...assessment,
  };
}

export function questionnaireItem(questionnaire: Questionnaire) {
  return { ...keys.questionnaire(questionnaire.councilId), entity: 'questionnaire', ...questionnaire };
}

export class DynamoPeopleStore implements PeopleStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
  ) {}

  private async get(key: Record<string, string>): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return Item;
  }

  async getPerson(personId: string) {
    const item = await this.get(keys.person(personId));
    return item ? parseAs(PersonSchema, item) : undefined;
  }

  async getPlan(planId: string) {
    const item = await this.get(keys.plan(planId));
    return item ? parseAs(PlanSchema, item) : undefined;
  }

  async plansOf(personId: string) {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.planByPerson(personId, 0).gsi3pk },
    });
    return items.map((item) => parseAs(PlanSchema, item));
  }

  async getDelegation(personId: string, userId: string) {
    const item = await this.get(keys.delegation(personId, userId));
    return item ? parseAs(DelegationSchema, item) : undefined;
  }

  async delegationsOf(personId: string) {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.person(personId).pk, ':prefix': 'DELEGATE#' },
    });
    return items.map((item) => parseAs(DelegationSchema, item));
  }

  async delegationsHeldBy(userId: string) {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.delegationByDelegate(userId, '').gsi3pk },
    });
    return items.map((item) => parseAs(DelegationSchema, item));
  }

  async plansInCouncil(councilId: string, status: string) {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.planByCouncilStatus(councilId, status, '', '').gsi2pk },
    });
    return items.map((item) => parseAs(PlanSchema, item));
  }

  async peopleByName(councilId: string, namePrefix: string, page: PageRequest) {
    const list = keys.personByCouncil(councilId, '', '').gsi3pk;
    // A cursor carries the name it stopped at: one from a search for other names is not ours.
    if (page.cursor !== undefined && !decodePageCursor(page.cursor, list).gsi3sk?.startsWith(namePrefix))
      throw invalid('cursor', 'That cursor is not one we gave out for this list', 'bad_cursor');
    const found = await queryPage(
      this.db,
      {
        TableName: this.tableName,
        IndexName: 'gsi3',
        KeyConditionExpression: namePrefix ? 'gsi3pk = :pk AND begins_with(gsi3sk, :prefix)' : 'gsi3pk = :pk',
        ExpressionAttributeValues: { ':pk': list, ...(namePrefix ? { ':prefix': namePrefix } : {}) },
      },
      list,
      page,
      { newestFirst: false },
    );
    return {
      ...found,
      items: found.items.map((item) => {
        const person = parseAs(PersonSchema, item);
        return {
          personId: person.personId,
          name: person.name,
          dateOfBirth: person.dateOfBirth,
          outcode: person.outcode,
          ...(person.currentPlanId ? { currentPlanId: person.currentPlanId } : {}),
        };
      }),
    };
  }

  /** Everyone registered in a council (for jobs such as the four-weekly deposits; never a request path). */
  async peopleInCouncil(councilId: string): Promise<Array<{ personId: string }>> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.personByCouncil(councilId, '', '').gsi3pk },
      ProjectionExpression: 'personId',
    });
    return items.map((item) => ({ personId: String(item.personId) }));
  }

  async questionnaire(councilId: string) {
    const item = await this.get(keys.questionnaire(councilId));
    return item ? parseAs(QuestionnaireSchema, item) : undefined;
  }

  async getAssessment(personId: string, assessmentId: string) {
    const item = await this.get(keys.assessment(personId, assessmentId));
    return item ? parseAs(AssessmentSchema, item) : undefined;
  }

  auditTrail(entityType: AuditEntityType, entityId: string): Promise<AuditRecord[]> {
    return readAuditTrail(this.db, this.tableName, entityType, entityId);
  }

  async write(changes: Parameters<PeopleStore['write']>[0]): Promise<void> {
    const items: TransactItem[] = [
      ...(changes.persons ?? []).map((c) =>
        versionedPut(this.tableName, personItem(c.record), c.expectedVersion),
      ),
      ...(changes.plans ?? []).map((c) =>
        versionedPut(this.tableName, planItem(c.record), c.expectedVersion),
      ),
      ...(changes.assessments ?? []).map((c) =>
        versionedPut(this.tableName, assessmentItem(c.record), c.expectedVersion),
      ),
      ...(changes.depositSchedules ?? []).map(({ personId, due }) =>
        depositDuePut(this.tableName, personId, due),
      ),
      // Delegations are replaced whole (granted again, or revoked); the audit trail keeps each step.
      ...(changes.delegations ?? []).map(
        (d): TransactItem => ({ Put: { TableName: this.tableName, Item: delegationItem(d) } }),
      ),
    ];
    await transactWithAudit(this.db, items, () =>
      auditPuts(this.db, this.tableName, changes.audit, this.clock.now()),
    );
  }
}
