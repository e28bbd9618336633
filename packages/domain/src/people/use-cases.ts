import { type Actor, type AuditEntityType, type AuditEntry, auditEntry as audit } from '../audit/audit.ts';
import { categoryLabel } from '../categories.ts';
import type { Clock } from '../clock.ts';
import type { PostcodeDistricts } from '../directory/geo.ts';
import type { IdGenerator } from '../directory/ports.ts';
import { conflict, DomainError, type FieldIssue, invalid, notFound } from '../errors.ts';
import type { Ledger } from '../ledger/ledger.ts';
import { depositDueFrom } from '../money/scheduled-deposits.ts';
import { poundsText } from '../money.ts';
import type { PageRequest } from '../paging.ts';
import { type Caller, hasRole } from '../roles.ts';
import { accessPerson, assertCouncilStaff, type PersonAction } from './access.ts';
import { type SelfAssessmentAnswers, type SelfAssessmentRecord, scoreSelfAssessment } from './allocation.ts';
import { type DelegationGrant, type DelegationRecord, delegationFits, isActive } from './delegation.ts';
import { type OversightRequest, oversightLevelOf } from './oversight.ts';
import type { Budget, Deployment, PersonDetails, PersonRecord } from './person.ts';
import {
  assertPlanCan,
  assertPlanFits,
  type PlanContent,
  type PlanLine,
  type PlanRecord,
  yearlyEquivalent,
} from './plan.ts';
import type { BrokerDirectory, PeopleStore } from './ports.ts';
import { type PersonSeen, personView } from './visibility.ts';

export interface PeopleDeps {
  people: PeopleStore;
  brokers: BrokerDirectory;
  districts: PostcodeDistricts;
  clock: Clock;
  newId: IdGenerator;
  /** What has been spent and reserved on each plan line, so a revision cannot strand or free it. */
  lines: Pick<Ledger, 'lineTotals'>;
}

/**
 * What the audit keeps of a person: never the date of birth or the home postcode, which the trail
 * does not need and auditors may not see (README, "Who may read what"); the district is enough.
 */
const personSummary = (person: PersonRecord) => ({
  name: person.name,
  outcode: person.outcode,
  councilId: person.councilId,
  ...(person.budget ? { budget: person.budget } : {}),
});

const planSummary = (plan: PlanRecord) => ({
  status: plan.status,
  planVersion: plan.planVersion,
  lines: plan.lines.map((l) => `${l.category} ${l.capPence}p/${l.period}`),
});

async function access(deps: PeopleDeps, actor: Actor, personId: string, action: PersonAction) {
  return accessPerson({ people: deps.people, clock: deps.clock }, actor.caller, personId, action);
}

export async function registerPerson(
  deps: PeopleDeps,
  actor: Actor,
  details: PersonDetails,
): Promise<PersonRecord> {
  const councilId = actor.caller.councilId;
  if (!hasRole(actor.caller, 'care_manager') || councilId === undefined) {
    throw new DomainError(
      'forbidden',
      'role_not_allowed',
      'Only a care manager can register a budget holder.',
    );
  }
  const district = deps.districts.locate(details.postcode);
  if (!district)
    throw invalid('postcode', `We do not recognise the postcode '${details.postcode}'`, 'unknown_postcode');
  const now = deps.clock.now();
  if (Date.parse(details.dateOfBirth) > now.getTime())
    throw invalid('dateOfBirth', 'The date of birth must be in the past');
  const person: PersonRecord = {
    ...details,
    postcode: details.postcode.toUpperCase(),
    personId: deps.newId('per'),
    councilId,
    outcode: district.outcode,
    createdBy: actor.caller.userId,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
  };
  await deps.people.write({
    persons: [{ record: person, expectedVersion: 0 }],
    audit: [
      audit('person', person.personId, actor, 'person.registered', {
        after: personSummary(person),
        councilId,
      }),
    ],
  });
  return person;
}

export async function getPerson(deps: PeopleDeps, actor: Actor, personId: string): Promise<PersonSeen> {
  return personView(actor.caller, await access(deps, actor, personId, 'read'));
}

/** Funding sources must add up to the allocation, so every penny has a source. */
function assertBudgetAddsUp(budget: Budget): void {
  const total = budget.fundingSources.reduce((sum, s) => sum + s.amountPence, 0);
  if (total !== budget.allocationPence) {
    throw new DomainError(
      'invalid',
      'funding_sources_do_not_add_up',
      'The funding sources must add up to the allocation.',
      {
        issues: [
          {
            field: 'fundingSources',
            message: `The sources add up to ${total}p but the allocation is ${budget.allocationPence}p: make them equal`,
            code: 'funding_sources_do_not_add_up',
          },
        ],
        facts: { sourcesTotalPence: total, allocationPence: budget.allocationPence },
      },
    );
  }
  const kinds = budget.fundingSources.map((s) => s.source);
  if (new Set(kinds).size !== kinds.length)
    throw invalid('fundingSources', 'Give each kind of funding source once');
}

export async function setBudget(
  deps: PeopleDeps,
  actor: Actor,
  personId: string,
  budget: Budget,
): Promise<PersonRecord> {
  const { person } = await access(deps, actor, personId, 'budget:write');
  assertBudgetAddsUp(budget);
  const updated: PersonRecord = {
    ...person,
    budget,
    updatedAt: deps.clock.now().toISOString(),
    version: person.version + 1,
  };
  await deps.people.write({
    persons: [{ record: updated, expectedVersion: person.version }],
    // The deposit schedule moves with the budget, in the same transaction.
    depositSchedules: [{ personId, due: depositDueFrom(updated, deps.clock.now()) }],
    audit: [
      audit('person', personId, actor, 'budget.set', {
        ...(person.budget ? { before: { budget: person.budget } } : {}),
        after: { budget },
        onBehalfOf: personId,
        councilId: person.councilId,
      }),
    ],
  });
  return updated;
}

/**
 * A care manager raises or lowers how closely the council watches a budget, always with a reason:
 * the holder and their delegates see the level and the reason, and the audit keeps both.
 */
export async function setOversightLevel(
  deps: PeopleDeps,
  actor: Actor,
  personId: string,
  request: OversightRequest,
): Promise<PersonRecord> {
  const { person } = await access(deps, actor, personId, 'oversight:set');
  const before = oversightLevelOf(person);
  if (before === request.level) {
    throw conflict(
      'oversight_unchanged',
      `The oversight level is already ${request.level.replaceAll('_', ' ')}.`,
    );
  }
  const now = deps.clock.now().toISOString();
  const updated: PersonRecord = {
    ...person,
    oversight: { level: request.level, reason: request.reason, setBy: actor.caller.userId, setAt: now },
    updatedAt: now,
    version: person.version + 1,
  };
  await deps.people.write({
    persons: [{ record: updated, expectedVersion: person.version }],
    audit: [
      audit('person', personId, actor, 'oversight.changed', {
        before: { level: before },
        after: { level: request.level, reason: request.reason },
        onBehalfOf: personId,
        councilId: person.councilId,
      }),
    ],
  });
  return updated;
}

function requireBudget(person: PersonRecord): Budget {
  if (!person.budget) {
    throw new DomainError(
      'rule',
      'budget_not_set',
      'A care manager has to set the budget before a plan can be written.',
    );
  }
  return person.budget;
}

/**
 * Gives every line of a draft its id. A line carries on from the plan being revised (`origin`)
 * when it names that line's id, or, if it names none, when it is for the same category as an
 * origin line not already carried: spending on a line is counted per person and line id, so a
 * line re-added under a fresh id in the same plan year would hand back what was already spent.
 * Lines new to this draft keep their ids across edits (`draft`); anything else gets a new id.
 */
function withLineIds(
  deps: PeopleDeps,
  content: PlanContent,
  origin: readonly PlanLine[],
  draft: readonly PlanLine[] = [],
): PlanLine[] {
  const issues: FieldIssue[] = [];
  const known = new Map([...draft, ...origin].map((line) => [line.lineId, line]));
  const originIds = new Set(origin.map((line) => line.lineId));
  const taken = new Set<string>();
  for (const [index, line] of content.lines.entries()) {
    if (line.lineId === undefined) continue;
    const before = known.get(line.lineId);
    if (!before) {
      issues.push({
        field: `lines.${index}.lineId`,
        message: 'This line is not in the plan being changed: leave lineId out for a new line',
        code: 'unknown_line',
      });
    } else if (taken.has(line.lineId)) {
      issues.push({
        field: `lines.${index}.lineId`,
        message: 'Two lines have the same lineId: each line can carry on only once',
        code: 'duplicate_line',
      });
    } else if (originIds.has(line.lineId) && before.category !== line.category) {
      issues.push({
        field: `lines.${index}.category`,
        message: `A line carried on keeps its category (${categoryLabel(before.category)}): add a new line for ${categoryLabel(line.category)} instead`,
        code: 'line_category_fixed',
      });
    } else if (
      originIds.has(line.lineId) &&
      (before.period !== line.period || before.carryForward !== (line.carryForward ?? true))
    ) {
      // What was spent is counted per period (or over the plan year with carry-forward); changing
      // how a line is counted part-way through the year would start its counter again from zero.
      issues.push({
        field: `lines.${index}.period`,
        message: `A line carried on keeps its period (a ${before.period}) and carry-forward (${before.carryForward ? 'on' : 'off'}), so what was spent stays counted: change only its cap, or add a new line`,
        code: 'line_terms_fixed',
      });
    }
    taken.add(line.lineId);
  }
  if (issues.length)
    throw new DomainError('invalid', 'invalid_plan', 'Some parts of the plan need changing.', { issues });
  // A client that names no line ids (an older client, or a form that shows categories only) has
  // its lines matched to the earlier ones by category, so nothing committed is lost. A client
  // that names any id means exactly what it says: lines without an id are new.
  const namesIds = content.lines.some((line) => line.lineId !== undefined);
  const adopt = (category: string, from: readonly PlanLine[]) => {
    if (namesIds) return undefined;
    const match = from.find((l) => l.category === category && !taken.has(l.lineId));
    if (match) taken.add(match.lineId);
    return match?.lineId;
  };
  return content.lines.map((line) => ({
    ...line,
    lineId: line.lineId ?? adopt(line.category, origin) ?? adopt(line.category, draft) ?? deps.newId('line'),
  }));
}

/** A revision stays in its plan year: line periods are counted from the start date. */
function assertSamePlanYear(content: PlanContent, origin: PlanRecord | undefined) {
  if (origin && content.startDate !== origin.startDate) {
    throw invalid(
      'startDate',
      `A revision keeps the plan year, which starts on ${origin.startDate}. For a new plan year, write a new plan once this one ends.`,
      'plan_year_fixed',
    );
  }
}

async function planOrUndefined(deps: PeopleDeps, planId: string | undefined) {
  return planId ? deps.people.getPlan(planId) : undefined;
}

export async function draftPlan(
  deps: PeopleDeps,
  actor: Actor,
  personId: string,
  content: PlanContent,
  revisionOf?: string,
): Promise<PlanRecord> {
  const { person } = await access(deps, actor, personId, 'plan:write');
  assertPlanFits(content, requireBudget(person));
  const origin = await planOrUndefined(deps, revisionOf);
  assertSamePlanYear(content, origin);
  const existing = await deps.people.plansOf(personId);
  const now = deps.clock.now().toISOString();
  const plan: PlanRecord = {
    ...content,
    lines: withLineIds(deps, content, origin?.lines ?? []),
    planId: deps.newId('pln'),
    personId,
    councilId: person.councilId,
    planVersion: Math.max(0, ...existing.map((p) => p.planVersion)) + 1,
    ...(revisionOf ? { revisionOf } : {}),
    status: 'draft',
    history: [],
    createdBy: actor.caller.userId,
    contributors: [],
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  await deps.people.write({
    plans: [{ record: plan, expectedVersion: 0 }],
    audit: [
      audit('plan', plan.planId, actor, 'plan.drafted', {
        after: planSummary(plan),
        onBehalfOf: personId,
        councilId: person.councilId,
      }),
    ],
  });
  return plan;
}

/** Plans are read through their person, so plan access follows the person's rules exactly. */
async function planWithAccess(deps: PeopleDeps, actor: Actor, planId: string, action: PersonAction) {
  const plan = await deps.people.getPlan(planId);
  if (!plan) throw notFound('plan');
  try {
    const granted = await access(deps, actor, plan.personId, action);
    return { plan, ...granted };
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'not_found') throw notFound('plan');
    throw error;
  }
}

export async function getPlan(deps: PeopleDeps, actor: Actor, planId: string): Promise<PlanRecord> {
  return (await planWithAccess(deps, actor, planId, 'plan:read')).plan;
}

export async function plansOf(deps: PeopleDeps, actor: Actor, personId: string): Promise<PlanRecord[]> {
  await access(deps, actor, personId, 'plan:read');
  return (await deps.people.plansOf(personId)).sort((a, b) => b.planVersion - a.planVersion);
}

export async function editPlan(
  deps: PeopleDeps,
  actor: Actor,
  planId: string,
  content: PlanContent,
): Promise<PlanRecord> {
  const { plan, person } = await planWithAccess(deps, actor, planId, 'plan:write');
  assertPlanCan('edit', plan);
  assertPlanFits(content, requireBudget(person));
  const origin = await planOrUndefined(deps, plan.revisionOf);
  assertSamePlanYear(content, origin);
  const editor = actor.caller.userId;
  const updated: PlanRecord = {
    ...plan,
    ...content,
    lines: withLineIds(deps, content, origin?.lines ?? [], plan.lines),
    contributors:
      editor === plan.createdBy || plan.contributors.includes(editor)
        ? plan.contributors
        : [...plan.contributors, editor],
    updatedAt: deps.clock.now().toISOString(),
    version: plan.version + 1,
  };
  await deps.people.write({
    plans: [{ record: updated, expectedVersion: plan.version }],
    audit: [
      audit('plan', planId, actor, 'plan.edited', {
        before: planSummary(plan),
        after: planSummary(updated),
        onBehalfOf: plan.personId,
        councilId: plan.councilId,
      }),
    ],
  });
  return updated;
}

type Decision = 'submit' | 'approve' | 'reject' | 'refer' | 'end';
const decisionStatus = {
  submit: 'submitted',
  approve: 'approved',
  reject: 'rejected',
  refer: 'referred',
  end: 'ended',
} as const;

/**
 * Moves a plan through its lifecycle. Approval is one transaction: the plan becomes approved, the
 * previous approved plan becomes superseded, and the person points at the new current plan.
 */
export async function decidePlan(
  deps: PeopleDeps,
  actor: Actor,
  planId: string,
  decision: Decision,
  reason?: string,
): Promise<PlanRecord> {
  const needed: PersonAction = decision === 'submit' ? 'plan:write' : 'plan:decide';
  const { plan, person } = await planWithAccess(deps, actor, planId, needed);
  assertPlanCan(decision, plan);
  if (decision !== 'submit' && decision !== 'approve' && !reason) {
    throw invalid('reason', 'Give a reason the person can read');
  }
  if (
    decision === 'approve' &&
    (plan.createdBy === actor.caller.userId || plan.contributors.includes(actor.caller.userId))
  ) {
    throw new DomainError(
      'forbidden',
      'own_draft',
      'You wrote or changed part of this version, so another care manager has to approve it.',
    );
  }
  if (decision === 'submit' || decision === 'approve') await assertCanReplaceCurrent(deps, plan, person);
  const now = deps.clock.now().toISOString();
  const status = decisionStatus[decision];
  const updated: PlanRecord = {
    ...plan,
    status,
    history: [
      ...plan.history,
      { action: status, by: actor.caller.userId, at: now, ...(reason ? { reason } : {}) },
    ],
    updatedAt: now,
    version: plan.version + 1,
  };
  const entries: AuditEntry[] = [
    audit('plan', planId, actor, `plan.${status}`, {
      before: { status: plan.status },
      after: { status, ...(reason ? { reason } : {}) },
      onBehalfOf: plan.personId,
      councilId: plan.councilId,
    }),
  ];
  const plans = [{ record: updated, expectedVersion: plan.version }];
  const persons: Array<{ record: PersonRecord; expectedVersion: number }> = [];

  if (decision === 'approve') {
    assertPlanFits(plan, requireBudget(person));
    const previous = person.currentPlanId ? await deps.people.getPlan(person.currentPlanId) : undefined;
    if (previous && previous.status === 'approved') {
      plans.push({
        record: {
          ...previous,
          status: 'superseded',
          history: [
            ...previous.history,
            {
              action: 'superseded',
              by: actor.caller.userId,
              at: now,
              reason: `Replaced by version ${plan.planVersion}`,
            },
          ],
          updatedAt: now,
          version: previous.version + 1,
        },
        expectedVersion: previous.version,
      });
      entries.push(
        audit('plan', previous.planId, actor, 'plan.superseded', {
          before: { status: 'approved' },
          after: { status: 'superseded', by: planId },
          onBehalfOf: plan.personId,
          councilId: plan.councilId,
        }),
      );
    }
    persons.push({
      record: { ...person, currentPlanId: planId, updatedAt: now, version: person.version + 1 },
      expectedVersion: person.version,
    });
    entries.push(
      audit('person', person.personId, actor, 'plan.current', {
        ...(person.currentPlanId ? { before: { currentPlanId: person.currentPlanId } } : {}),
        after: { currentPlanId: planId },
        onBehalfOf: person.personId,
        councilId: person.councilId,
      }),
    );
  }
  if (decision === 'end' && person.currentPlanId === planId) {
    const { currentPlanId: _ended, ...rest } = person;
    persons.push({
      record: { ...rest, updatedAt: now, version: person.version + 1 },
      expectedVersion: person.version,
    });
  }
  await deps.people.write({ plans, persons, audit: entries });
  return updated;
}

/**
 * A draft may replace only the plan it was made from, and only while that plan is in force: an
 * old draft approved after later versions would silently undo them. A plan that is not a
 * revision may only start a person's first plan, or a new plan year after the last one ends.
 * Lines dropped by the draft must have nothing reserved on them, or the reserved money would be
 * stranded outside any plan line.
 */
async function assertCanReplaceCurrent(deps: PeopleDeps, draft: PlanRecord, person: PersonRecord) {
  const current = await planOrUndefined(deps, person.currentPlanId);
  const inForce = current?.status === 'approved' ? current : undefined;
  if (draft.revisionOf !== undefined && draft.revisionOf !== inForce?.planId) {
    throw conflict(
      'stale_revision',
      inForce
        ? `Version ${draft.planVersion} was made from a plan that is no longer in force. Start a new revision from version ${inForce.planVersion}, the plan in force.`
        : `Version ${draft.planVersion} was made from a plan that is no longer in force, and there is no plan in force now: write a new plan instead.`,
    );
  }
  if (draft.revisionOf === undefined && inForce && inForce.endDate >= draft.startDate) {
    throw conflict(
      'plan_in_force',
      `Version ${inForce.planVersion} is in force until ${inForce.endDate}: revise it instead of starting a new plan, so what has been spent this plan year stays counted.`,
    );
  }
  if (!inForce || draft.revisionOf !== inForce.planId) return;
  const kept = new Set(draft.lines.map((line) => line.lineId));
  let spentOnDropped = 0;
  for (const line of inForce.lines.filter((l) => !kept.has(l.lineId))) {
    const totals = await deps.lines.lineTotals(person.personId, line.lineId);
    const reserved = totals.committedPence - totals.spentPence;
    spentOnDropped += totals.spentPence;
    if (reserved > 0) {
      throw new DomainError(
        'conflict',
        'line_has_reservations',
        `This version drops the ${categoryLabel(line.category)} line, which has ${poundsText(reserved)} reserved for bookings not yet paid. Keep the line, or cancel or settle those bookings first.`,
        { facts: { lineId: line.lineId, reservedPence: reserved } },
      );
    }
  }
  // Money paid on a dropped line stays spent this plan year, so the lines that remain may only
  // share what is left of the allocation; otherwise dropping a spent line and adding a new one
  // would hand the same money out twice.
  const allocation = requireBudget(person).allocationPence;
  const caps = draft.lines.reduce((sum, line) => sum + yearlyEquivalent(line), 0);
  if (spentOnDropped > 0 && caps + spentOnDropped > allocation) {
    const over = caps + spentOnDropped - allocation;
    throw new DomainError(
      'rule',
      'plan_exceeds_allocation',
      `${poundsText(spentOnDropped)} has already been paid this plan year on lines this version drops, so the lines that remain can share only ${poundsText(Math.max(0, allocation - spentOnDropped))} a year. Lower the caps by ${poundsText(over)} in all.`,
      {
        issues: [
          {
            field: 'lines',
            message: `Lower the caps by ${poundsText(over)} a year in all`,
            code: 'plan_exceeds_allocation',
          },
        ],
        facts: { spentOnDroppedLinesPence: spentOnDropped, allocationPence: allocation, capsPence: caps },
      },
    );
  }
}

/**
 * A revision starts a new draft from the plan in force (or from a rejected or referred draft of
 * it, to try again); the original stays as it was, in the history. Lines keep their ids so what
 * was spent and reserved on them stays counted against the new caps.
 */
export async function revisePlan(deps: PeopleDeps, actor: Actor, planId: string): Promise<PlanRecord> {
  const { plan, person } = await planWithAccess(deps, actor, planId, 'plan:write');
  if (plan.status === 'draft')
    throw conflict('invalid_transition', 'This plan is still a draft: edit it instead.');
  const originId = plan.status === 'approved' ? plan.planId : plan.revisionOf;
  // A first plan that was turned down, with nothing in force yet, is rewritten as a new first plan.
  const firstPlanAgain = originId === undefined && person.currentPlanId === undefined;
  if (!firstPlanAgain && (!originId || originId !== person.currentPlanId)) {
    const current = await planOrUndefined(deps, person.currentPlanId);
    throw conflict(
      'stale_revision',
      current
        ? `Version ${plan.planVersion} is not the plan in force: revise version ${current.planVersion} instead.`
        : `Version ${plan.planVersion} is not in force and there is no plan in force now: write a new plan instead.`,
    );
  }
  const origin = originId === plan.planId ? plan : await planOrUndefined(deps, originId);
  const originIds = new Set(origin?.lines.map((l) => l.lineId));
  const content: PlanContent = {
    outcomes: plan.outcomes,
    helpedBy: plan.helpedBy,
    startDate: plan.startDate,
    endDate: plan.endDate,
    lines: plan.lines.map(({ lineId, ...line }) => (originIds.has(lineId) ? { ...line, lineId } : line)),
  };
  return draftPlan(deps, actor, plan.personId, content, originId);
}

export async function grantDelegation(
  deps: PeopleDeps,
  actor: Actor,
  personId: string,
  grant: DelegationGrant,
): Promise<DelegationRecord> {
  const { person } = await access(deps, actor, personId, 'delegations:manage');
  const now = deps.clock.now();
  if (grant.expiresAt !== undefined && Date.parse(grant.expiresAt) <= now.getTime()) {
    throw invalid('expiresAt', 'The expiry must be in the future');
  }
  if (grant.userId === actor.caller.userId)
    throw invalid('userId', 'You cannot make yourself your own delegate');
  // Closed by what the grantee is, not by the kind asked for: someone with a broker profile is
  // given access as a broker, so the holder always sees their fee. (A broker who signs up later
  // finds a representative grant no longer works: see delegationFits.)
  if (grant.kind !== 'broker' && (await deps.brokers.ownsBrokerProfile(grant.userId))) {
    throw new DomainError(
      'rule',
      'delegate_kind_mismatch',
      'This person works as a broker: give them access as a broker, so you see their fee and any interest in a provider.',
      { issues: [{ field: 'kind', message: 'Choose broker for a broker', code: 'delegate_kind_mismatch' }] },
    );
  }
  if (grant.kind === 'broker' && !(await deps.brokers.hasDisclosedBroker(grant.userId))) {
    throw new DomainError(
      'rule',
      'broker_not_disclosed',
      'A broker must publish their fee (and any interest in a provider) before you can give them access.',
    );
  }
  const delegation: DelegationRecord = {
    ...grant,
    personId,
    councilId: person.councilId,
    status: 'active',
    grantedBy: actor.caller.userId,
    grantedAt: now.toISOString(),
  };
  await deps.people.write({
    delegations: [delegation],
    audit: [
      audit('person', personId, actor, 'delegation.granted', {
        after: {
          userId: grant.userId,
          kind: grant.kind,
          scopes: grant.scopes,
          ...(grant.expiresAt ? { expiresAt: grant.expiresAt } : {}),
        },
        onBehalfOf: personId,
        councilId: person.councilId,
      }),
    ],
  });
  return delegation;
}

export async function revokeDelegation(
  deps: PeopleDeps,
  actor: Actor,
  personId: string,
  userId: string,
): Promise<void> {
  const { person } = await access(deps, actor, personId, 'delegations:revoke');
  const delegation = await deps.people.getDelegation(personId, userId);
  if (!delegation || delegation.status === 'revoked') throw notFound('delegate');
  const now = deps.clock.now().toISOString();
  await deps.people.write({
    delegations: [{ ...delegation, status: 'revoked', revokedBy: actor.caller.userId, revokedAt: now }],
    audit: [
      audit('person', personId, actor, 'delegation.revoked', {
        before: { userId, scopes: delegation.scopes },
        onBehalfOf: personId,
        councilId: person.councilId,
      }),
    ],
  });
}

export async function listDelegations(
  deps: PeopleDeps,
  actor: Actor,
  personId: string,
): Promise<DelegationRecord[]> {
  await access(deps, actor, personId, 'delegations:read');
  return deps.people.delegationsOf(personId);
}

/** The people a user may act for right now, with their scopes: for `GET /v1/me`. */
export async function actingFor(deps: PeopleDeps, caller: Caller) {
  if (!hasRole(caller, 'representative', 'broker')) return [];
  const now = deps.clock.now();
  const held = (await deps.people.delegationsHeldBy(caller.userId)).filter(
    (d) => isActive(d, now) && delegationFits(d, caller),
  );
  const people = await Promise.all(held.map((d) => deps.people.getPerson(d.personId)));
  return held.flatMap((d, i) => {
    const person = people[i];
    return person ? [{ personId: d.personId, name: person.name, scopes: d.scopes }] : [];
  });
}

/**
 * A council's questionnaire is for its own people: its staff and holders, and the representatives
 * and brokers acting for someone there. Anyone else gets "not found", as for any council's object.
 */
export async function getQuestionnaire(deps: PeopleDeps, actor: Actor, councilId: string) {
  const { caller } = actor;
  const ownCouncil = caller.councilId === councilId;
  const actsForSomeoneThere =
    !ownCouncil &&
    hasRole(caller, 'representative', 'broker') &&
    (await deps.people.delegationsHeldBy(caller.userId)).some(
      (d) => d.councilId === councilId && isActive(d, deps.clock.now()),
    );
  if (!ownCouncil && !actsForSomeoneThere) throw notFound('questionnaire');
  const questionnaire = await deps.people.questionnaire(councilId);
  if (!questionnaire) throw notFound('questionnaire');
  return questionnaire;
}

export async function submitSelfAssessment(
  deps: PeopleDeps,
  actor: Actor,
  personId: string,
  answers: SelfAssessmentAnswers,
): Promise<SelfAssessmentRecord> {
  const { person } = await access(deps, actor, personId, 'assessment:write');
  const questionnaire = await deps.people.questionnaire(person.councilId);
  if (!questionnaire) throw notFound('questionnaire');
  const score = scoreSelfAssessment(questionnaire, answers);
  const record: SelfAssessmentRecord = {
    assessmentId: deps.newId('asm'),
    personId,
    councilId: person.councilId,
    whatMatters: answers.whatMatters,
    ...score,
    status: 'awaiting_confirmation',
    submittedBy: actor.caller.userId,
    createdAt: deps.clock.now().toISOString(),
    version: 1,
  };
  await deps.people.write({
    assessments: [{ record, expectedVersion: 0 }],
    audit: [
      audit('person', personId, actor, 'assessment.submitted', {
        after: {
          assessmentId: record.assessmentId,
          totalPoints: score.totalPoints,
          indicativePence: score.indicativePence,
        },
        onBehalfOf: personId,
        councilId: person.councilId,
      }),
    ],
  });
  return record;
}

/**
 * A care manager confirms the indicative budget, or adjusts it with a reason; the confirmed figure
 * becomes the allocation (from council social care unless funding sources were already set).
 */
export async function confirmSelfAssessment(
  deps: PeopleDeps,
  actor: Actor,
  personId: string,
  assessmentId: string,
  decision: {
    allocationPence: number;
    reason?: string | undefined;
    deployment?: Deployment | undefined;
    planYearStart?: string | undefined;
  },
): Promise<{ assessment: SelfAssessmentRecord; person: PersonRecord }> {
  const { person } = await access(deps, actor, personId, 'assessment:confirm');
  const assessment = await deps.people.getAssessment(personId, assessmentId);
  if (!assessment) throw notFound('self-assessment');
  if (assessment.status !== 'awaiting_confirmation')
    throw conflict('invalid_transition', 'This assessment is already confirmed.');
  if (decision.allocationPence !== assessment.indicativePence && !decision.reason) {
    throw invalid('reason', 'Say why the allocation differs from the indicative budget');
  }
  const now = deps.clock.now();
  const budget: Budget = {
    allocationPence: decision.allocationPence,
    fundingSources: [{ source: 'council_social_care', amountPence: decision.allocationPence }],
    deployment: decision.deployment ?? person.budget?.deployment ?? 'managed_account',
    planYearStart: decision.planYearStart ?? person.budget?.planYearStart ?? now.toISOString().slice(0, 10),
  };
  const confirmed: SelfAssessmentRecord = {
    ...assessment,
    status: 'confirmed',
    confirmedPence: decision.allocationPence,
    ...(decision.reason ? { confirmReason: decision.reason } : {}),
    confirmedBy: actor.caller.userId,
    version: assessment.version + 1,
  };
  const updated: PersonRecord = {
    ...person,
    budget,
    updatedAt: now.toISOString(),
    version: person.version + 1,
  };
  await deps.people.write({
    assessments: [{ record: confirmed, expectedVersion: assessment.version }],
    persons: [{ record: updated, expectedVersion: person.version }],
    audit: [
      audit('person', personId, actor, 'assessment.confirmed', {
        before: {
          indicativePence: assessment.indicativePence,
          ...(person.budget ? { budget: person.budget } : {}),
        },
        after: {
          allocationPence: decision.allocationPence,
          ...(decision.reason ? { reason: decision.reason } : {}),
        },
        onBehalfOf: personId,
        councilId: person.councilId,
      }),
    ],
  });
  return { assessment: confirmed, person: updated };
}

export async function auditTrail(
  deps: PeopleDeps,
  actor: Actor,
  entityType: AuditEntityType,
  entityId: string,
) {
  if (entityType === 'person') await access(deps, actor, entityId, 'audit:read');
  if (entityType === 'plan') await planWithAccess(deps, actor, entityId, 'audit:read');
  if (entityType === 'provider' && !hasRole(actor.caller, 'care_manager', 'auditor'))
    throw notFound('audit trail');
  const records = await deps.people.auditTrail(entityType, entityId);
  if (records.length === 0) throw notFound('audit trail');
  // A money movement's record is council business: its staff read it, nobody else learns it exists.
  if (
    entityType === 'transfer' &&
    !(
      hasRole(actor.caller, 'care_manager', 'auditor') &&
      records[0]?.councilId !== undefined &&
      records[0].councilId === actor.caller.councilId
    )
  )
    throw notFound('audit trail');
  // An alert is council business like a transfer: its care managers and auditors read its trail.
  if (
    entityType === 'alert' &&
    !(
      hasRole(actor.caller, 'care_manager', 'auditor') &&
      records[0]?.councilId !== undefined &&
      records[0].councilId === actor.caller.councilId
    )
  )
    throw notFound('audit trail');
  // Accounts, invitations and council settings: the council's administrators, care managers and
  // auditors read their own council's; the operator reads councils' and those of no council.
  if (entityType === 'council' || entityType === 'user' || entityType === 'invitation') {
    const councilId = records[0]?.councilId;
    const ownCouncil =
      councilId !== undefined &&
      councilId === actor.caller.councilId &&
      hasRole(actor.caller, 'council_admin', 'care_manager', 'auditor');
    const operator =
      hasRole(actor.caller, 'platform_admin') && (entityType === 'council' || councilId === undefined);
    if (!ownCouncil && !operator) throw notFound('audit trail');
  }
  return records;
}

export interface PlanQueueItem {
  planId: string;
  personId: string;
  personName: string;
  planVersion: number;
  status: PlanRecord['status'];
  updatedAt: string;
  totalYearlyPence: number;
  allocationPence: number | undefined;
}

/** Plans waiting for a decision in a council, oldest first: the care manager's work queue. */
export async function plansAwaitingDecision(
  deps: PeopleDeps,
  actor: Actor,
  councilId: string,
  status: 'submitted' | 'referred',
): Promise<PlanQueueItem[]> {
  assertCouncilStaff(actor.caller, councilId, ['care_manager', 'auditor']);
  const plans = await deps.people.plansInCouncil(councilId, status);
  const people = await Promise.all(plans.map((p) => deps.people.getPerson(p.personId)));
  return plans.map((plan, i) => ({
    planId: plan.planId,
    personId: plan.personId,
    personName: people[i]?.name ?? '',
    planVersion: plan.planVersion,
    status: plan.status,
    updatedAt: plan.updatedAt,
    totalYearlyPence: plan.lines.reduce((sum, line) => sum + yearlyEquivalent(line), 0),
    allocationPence: people[i]?.budget?.allocationPence,
  }));
}

/**
 * The council's people in name order, or those whose name starts with `namePrefix`: the care
 * manager's caseload and "find a person", for care managers, auditors and finance (who post
 * deposits to people by name).
 */
export async function findPeople(
  deps: PeopleDeps,
  actor: Actor,
  councilId: string,
  namePrefix: string | undefined,
  page: PageRequest,
) {
  assertCouncilStaff(actor.caller, councilId, ['care_manager', 'auditor', 'finance']);
  const found = await deps.people.peopleByName(councilId, (namePrefix ?? '').trim().toLowerCase(), page);
  // Auditors and finance tell people apart by name and district; the date of birth is for the care manager.
  if (hasRole(actor.caller, 'care_manager')) return found;
  return { ...found, items: found.items.map(({ dateOfBirth: _born, ...seen }) => seen) };
}
