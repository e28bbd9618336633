import {
  auditTrail,
  confirmSelfAssessment,
  decidePlan,
  draftPlan,
  editPlan,
  findPeople,
  getPerson,
  getPlan,
  getQuestionnaire,
  listDelegations,
  plansAwaitingDecision,
  plansOf,
  registerPerson,
  revisePlan,
  revokeDelegation,
  setBudget,
  setOversightLevel,
  submitSelfAssessment,
  verifyAuditChain,
} from '@carepool/domain';
import type { Implementations } from '../http/lambda.ts';

export const peopleHandlers: Implementations<'people'> = {
  registerPerson: async ({ body, caller, requestId }, { people }) =>
    registerPerson(people, { caller, requestId }, body),

  getPerson: async ({ params, caller }, { people }) => getPerson(people, { caller }, params.id),

  setOversightLevel: async ({ params, body, caller, requestId }, { people }) =>
    getPerson(
      people,
      { caller },
      (await setOversightLevel(people, { caller, requestId }, params.id, body)).personId,
    ),
  setBudget: async ({ params, body, caller, requestId }, { people }) =>
    setBudget(people, { caller, requestId }, params.id, body),

  getQuestionnaire: async ({ params, caller }, { people }) =>
    getQuestionnaire(people, { caller }, params.councilId),

  submitSelfAssessment: async ({ params, body, caller, requestId }, { people }) =>
    submitSelfAssessment(people, { caller, requestId }, params.id, body),

  confirmSelfAssessment: async ({ params, body, caller, requestId }, { people }) =>
    confirmSelfAssessment(people, { caller, requestId }, params.id, params.assessmentId, body),

  listDelegations: async ({ params, caller }, { people }) => ({
    items: await listDelegations(people, { caller }, params.id),
  }),

  revokeDelegation: async ({ params, caller, requestId }, { people }) => {
    await revokeDelegation(people, { caller, requestId }, params.id, params.userId);
    return undefined;
  },

  draftPlan: async ({ params, body, caller, requestId }, { people }) =>
    draftPlan(people, { caller, requestId }, params.id, body),

  listPlans: async ({ params, caller }, { people }) => ({
    items: await plansOf(people, { caller }, params.id),
  }),

  getPlan: async ({ params, caller }, { people }) => getPlan(people, { caller }, params.id),

  editPlan: async ({ params, body, caller, requestId }, { people }) =>
    editPlan(people, { caller, requestId }, params.id, body),

  submitPlan: async ({ params, caller, requestId }, { people }) =>
    decidePlan(people, { caller, requestId }, params.id, 'submit'),

  approvePlan: async ({ params, body, caller, requestId }, { people }) =>
    decidePlan(people, { caller, requestId }, params.id, 'approve', body.reason),

  rejectPlan: async ({ params, body, caller, requestId }, { people }) =>
    decidePlan(people, { caller, requestId }, params.id, 'reject', body.reason),

  referPlan: async ({ params, body, caller, requestId }, { people }) =>
    decidePlan(people, { caller, requestId }, params.id, 'refer', body.reason),

  endPlan: async ({ params, body, caller, requestId }, { people }) =>
    decidePlan(people, { caller, requestId }, params.id, 'end', body.reason),

  revisePlan: async ({ params, caller, requestId }, { people }) =>
    revisePlan(people, { caller, requestId }, params.id),

  listPlanQueue: async ({ params, query, caller }, { people }) => ({
    items: await plansAwaitingDecision(people, { caller }, params.councilId, query.status),
  }),
  findPeople: async ({ params, query, caller }, { people }) =>
    findPeople(people, { caller }, params.councilId, query.q, query),
  getAuditTrail: async ({ params, caller }, { people, users }) => {
    const records = await auditTrail(people, { caller }, params.entityType, params.id);
    // A trail has a handful of distinct actors, each one read.
    const actorIds = [...new Set(records.map((record) => record.actor.userId))];
    const actors = await Promise.all(actorIds.map((userId) => users.get(userId)));
    const actorNames = Object.fromEntries(
      actors.flatMap((user) => (user ? [[user.userId, user.name] as const] : [])),
    );
    return {
      entityType: params.entityType,
      entityId: params.id,
      ...verifyAuditChain(records),
      records,
      actorNames,
    };
  },
};
