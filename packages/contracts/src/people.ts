import {
  AuditEntityType,
  AuditRecord,
  Budget,
  DelegationGrant,
  DelegationGrantByEmail,
  DelegationRecord,
  Deployment,
  Id,
  IsoDate,
  OversightRequest,
  PersonDetails,
  PersonRecord,
  PlanContent,
  PlanRecord,
  Questionnaire,
  SelfAssessmentAnswers,
  SelfAssessmentRecord,
  ShortText,
  WholePence,
} from '@carepool/domain';
import * as z from 'zod';
import { Page, PageQuery } from './common.ts';
import { InvitationView } from './identity.ts';

export const PersonIdParams = z.object({ id: Id });
export const PlanIdParams = z.object({ id: Id });
export const DelegateParams = z.object({ id: Id, userId: Id });
export const AssessmentParams = z.object({ id: Id, assessmentId: Id });
export const CouncilParams = z.object({ councilId: Id });
export const AuditParams = z.object({ entityType: AuditEntityType, id: Id });

export const RegisterPersonRequest = PersonDetails.strict().meta({ id: 'RegisterPersonRequest' });
/** Date of birth and full postcode appear only for readers who need them (README, "Who may read what"). */
export const PersonView = PersonRecord.extend({
  dateOfBirth: PersonRecord.shape.dateOfBirth.optional(),
  postcode: PersonRecord.shape.postcode.optional(),
}).meta({ id: 'Person' });

export const SetBudgetRequest = Budget.strict().meta({ id: 'SetBudgetRequest' });
export const OversightLevelRequest = OversightRequest.meta({ id: 'OversightLevelRequest' });

export const PlanRequest = PlanContent.strict().meta({ id: 'PlanRequest' });
export const PlanView = PlanRecord.meta({ id: 'Plan' });
export const PlanList = z.object({ items: z.array(PlanRecord) }).meta({ id: 'PlanList' });

export const DecisionRequest = z
  .object({ reason: ShortText(1000).optional() })
  .strict()
  .meta({ id: 'DecisionRequest' });
export const ReasonRequest = z
  .object({ reason: ShortText(1000) })
  .strict()
  .meta({ id: 'ReasonRequest' });

/**
 * Either the person's name and email address (what the web app sends: nobody types an id), or, as
 * before, their user id and kind. By email the answer is the grant waiting for that address, the
 * same whether or not an account uses it, so it tells nobody who has an account.
 */
export const GrantDelegationRequest = z
  .union([DelegationGrantByEmail.strict(), DelegationGrant.strict()])
  .meta({ id: 'GrantDelegationRequest' });
export const DelegationView = DelegationRecord.meta({ id: 'Delegation' });
/** By user id: the delegation, active now. By email: the invitation it waits as until someone signs in with that address. */
export const GrantDelegationResponse = z
  .union([DelegationView, InvitationView])
  .meta({ id: 'GrantDelegationResponse' });
export const DelegationList = z.object({ items: z.array(DelegationRecord) }).meta({ id: 'DelegationList' });

export const QuestionnaireView = Questionnaire.meta({ id: 'Questionnaire' });
export const SelfAssessmentRequest = SelfAssessmentAnswers.strict().meta({ id: 'SelfAssessmentRequest' });
export const SelfAssessmentView = SelfAssessmentRecord.meta({ id: 'SelfAssessment' });
export const ConfirmAssessmentRequest = z
  .object({
    allocationPence: WholePence.refine((p) => p > 0, { error: 'An allocation must be more than 0p' }),
    reason: ShortText(1000).optional(),
    deployment: Deployment.optional(),
    planYearStart: IsoDate.optional(),
  })
  .strict()
  .meta({ id: 'ConfirmAssessmentRequest' });
export const ConfirmAssessmentResponse = z
  .object({ assessment: SelfAssessmentRecord, person: PersonRecord })
  .meta({ id: 'ConfirmAssessmentResponse' });

export const AuditTrailView = z
  .object({
    entityType: AuditEntityType,
    entityId: Id,
    /** False when a record was changed, removed or reordered since it was written. */
    verified: z.boolean(),
    brokenAtSeq: z.number().int().optional(),
    records: z.array(AuditRecord),
    /** The names of the accounts that acted, by user id, so the trail says who; jobs have none. */
    actorNames: z.record(z.string(), z.string()).optional(),
  })
  .meta({ id: 'AuditTrail' });

export const PlanQueueQuery = z
  .object({
    status: z
      .enum(['submitted', 'referred'], { error: 'Use status=submitted or status=referred' })
      .default('submitted'),
  })
  .strict();
export const PlanQueue = z
  .object({
    items: z.array(
      z.object({
        planId: Id,
        personId: Id,
        personName: z.string(),
        planVersion: z.number().int(),
        status: z.string(),
        updatedAt: z.string(),
        totalYearlyPence: z.number().int(),
        allocationPence: z.number().int().optional(),
      }),
    ),
  })
  .meta({ id: 'PlanQueue' });
export const FindPeopleQuery = z
  .object({
    /** The start of their name; without it, everyone in the council in name order (the caseload). */
    q: z
      .string()
      .trim()
      .min(1, { error: 'Type the start of a name' })
      .max(60, { error: 'Use 60 characters or fewer' })
      .optional(),
    ...PageQuery.shape,
  })
  .strict();
export const PeopleFound = Page(
  z.object({
    personId: Id,
    name: z.string(),
    /** For care managers only; auditors and finance see the name and district. */
    dateOfBirth: z.string().optional(),
    outcode: z.string(),
    currentPlanId: Id.optional(),
  }),
).meta({ id: 'PeopleFound' });
