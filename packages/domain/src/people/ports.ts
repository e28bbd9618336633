import type { AuditEntityType, AuditEntry, AuditRecord } from '../audit/audit.ts';
import type { DepositDue } from '../money/scheduled-deposits.ts';
import type { Page, PageRequest } from '../paging.ts';
import type { Questionnaire, SelfAssessmentRecord } from './allocation.ts';
import type { DelegationRecord } from './delegation.ts';
import type { PersonRecord } from './person.ts';
import type { PlanRecord } from './plan.ts';

/** A conditional write of one record at a known version (0 means "must not exist yet"). */
export interface Versioned<T> {
  record: T;
  expectedVersion: number;
}

/**
 * Storage for people, budgets, plans and delegations. Every write method is one atomic
 * transaction that includes its audit records; a version mismatch is a `conflict` DomainError.
 */
export interface PeopleStore {
  getPerson(personId: string): Promise<PersonRecord | undefined>;
  getPlan(planId: string): Promise<PlanRecord | undefined>;
  plansOf(personId: string): Promise<PlanRecord[]>;
  getDelegation(personId: string, userId: string): Promise<DelegationRecord | undefined>;
  delegationsOf(personId: string): Promise<DelegationRecord[]>;
  /** Every person this user is (or was) a delegate for. */
  delegationsHeldBy(userId: string): Promise<DelegationRecord[]>;
  questionnaire(councilId: string): Promise<Questionnaire | undefined>;
  getAssessment(personId: string, assessmentId: string): Promise<SelfAssessmentRecord | undefined>;
  auditTrail(entityType: AuditEntityType, entityId: string): Promise<AuditRecord[]>;
  /** Plans of a council in one status, oldest change first. */
  plansInCouncil(councilId: string, status: string): Promise<PlanRecord[]>;
  /**
   * People of a council whose name starts with a (lower-case) prefix, in name order, a page at a
   * time; an empty prefix is everyone (the caseload).
   */
  peopleByName(
    councilId: string,
    namePrefix: string,
    page: PageRequest,
  ): Promise<
    Page<{
      personId: string;
      name: string;
      dateOfBirth: string;
      outcode: string;
      currentPlanId?: string | undefined;
    }>
  >;

  write(changes: {
    persons?: Versioned<PersonRecord>[];
    plans?: Versioned<PlanRecord>[];
    delegations?: DelegationRecord[];
    assessments?: Versioned<SelfAssessmentRecord>[];
    /** Where each person's four-weekly deposits stand now (cleared when `due` is undefined). */
    depositSchedules?: Array<{ personId: string; due: DepositDue | undefined }>;
    audit: AuditEntry[];
  }): Promise<void>;
}

/** What people use-cases need to know about brokers from the directory. */
export interface BrokerDirectory {
  /** True when this user owns a broker profile that discloses a fee. */
  hasDisclosedBroker(userId: string): Promise<boolean>;
  /** True when this user owns any broker profile, disclosed or not, suspended or not. */
  ownsBrokerProfile(userId: string): Promise<boolean>;
}
