import * as z from 'zod';
import { type Actor, auditEntry } from '../audit/audit.ts';
import type { Clock } from '../clock.ts';
import { conflict, DomainError } from '../errors.ts';
import { accessPerson } from '../people/access.ts';
import { Deployment } from '../people/person.ts';
import type { PeopleStore } from '../people/ports.ts';
import { Id, IsoDateTime, LongText } from '../values.ts';

/** The eight domains of the outcome survey (DESIGN 3.8), in the order the form asks them. */
export const OutcomeDomain = z.enum([
  'health_and_wellbeing',
  'time_with_people_you_like',
  'quality_of_life',
  'community_participation',
  'feeling_safe',
  'choice_and_control',
  'dignity',
  'economic_wellbeing',
]);
export type OutcomeDomain = z.infer<typeof OutcomeDomain>;

/** What the form and the report call each domain. */
export const outcomeDomainWords: Record<OutcomeDomain, string> = {
  health_and_wellbeing: 'Health and wellbeing',
  time_with_people_you_like: 'Time with people you like',
  quality_of_life: 'Quality of life',
  community_participation: 'Taking part in your community',
  feeling_safe: 'Feeling safe',
  choice_and_control: 'Choice and control',
  dignity: 'Dignity',
  economic_wellbeing: 'Money and work',
};

export const OutcomeAnswer = z.enum(['better', 'same', 'worse'], { error: 'Choose better, same or worse' });
export type OutcomeAnswer = z.infer<typeof OutcomeAnswer>;

export const DomainAnswer = z.object({
  answer: OutcomeAnswer,
  comment: LongText(500).optional(),
});

/** Every domain must be answered: "the same" is an answer, and a gap would skew the percentages. */
export const OutcomeSurveyInput = z.object({
  answers: z.object(
    Object.fromEntries(OutcomeDomain.options.map((d) => [d, DomainAnswer])) as Record<
      OutcomeDomain,
      typeof DomainAnswer
    >,
    { error: 'Answer every question' },
  ),
});
export type OutcomeSurveyInput = z.infer<typeof OutcomeSurveyInput>;

export const OutcomeSurveyRecord = OutcomeSurveyInput.extend({
  surveyId: Id,
  personId: Id,
  councilId: Id,
  /** The plan in force when it was given: the review period it answers for (see `reviewPeriodOf`). */
  reviewPeriod: z.string(),
  /** How the budget was deployed when the survey was given: the report groups by this. */
  deployment: Deployment.optional(),
  submittedBy: Id,
  submittedAt: IsoDateTime,
});
export type OutcomeSurveyRecord = z.infer<typeof OutcomeSurveyRecord>;

/** Storage for surveys: the put claims the person's review period, so a second one is refused. */
export interface OutcomeSurveyStore {
  /** Writes the survey and its audit record in one transaction; false if the period was already answered. */
  add(survey: OutcomeSurveyRecord, audit: ReturnType<typeof auditEntry>): Promise<boolean>;
  surveysOf(personId: string): Promise<OutcomeSurveyRecord[]>;
}

export interface OutcomeDeps {
  people: PeopleStore;
  surveys: OutcomeSurveyStore;
  clock: Clock;
  newId: (prefix: string) => string;
}

/**
 * The review period a survey answers for. We take it to be "since the plan now in force was
 * approved": a plan approval is the council's review, so a holder is asked once per approved plan
 * (the first plan of the year, and again after a revision is approved). Without an approved plan in
 * force there is nothing to review yet, so no survey is due.
 */
export async function reviewPeriodOf(
  people: PeopleStore,
  person: { currentPlanId?: string | undefined },
): Promise<{ planId: string; since: string } | undefined> {
  if (!person.currentPlanId) return undefined;
  const plan = await people.getPlan(person.currentPlanId);
  if (plan?.status !== 'approved') return undefined;
  const approval = [...plan.history].reverse().find((h) => h.action === 'approved');
  return { planId: plan.planId, since: approval?.at ?? plan.updatedAt };
}

export async function submitOutcomeSurvey(
  deps: OutcomeDeps,
  actor: Actor,
  personId: string,
  input: OutcomeSurveyInput,
): Promise<OutcomeSurveyRecord> {
  const { person, via } = await accessPerson(deps, actor.caller, personId, 'outcomes:write');
  const period = await reviewPeriodOf(deps.people, person);
  if (!period) {
    throw new DomainError(
      'rule',
      'no_review_period',
      'There is no approved support plan yet, so there is nothing to look back on. The survey opens when a plan is approved.',
    );
  }
  const survey: OutcomeSurveyRecord = {
    surveyId: deps.newId('srv'),
    personId,
    councilId: person.councilId,
    reviewPeriod: period.planId,
    ...(person.budget ? { deployment: person.budget.deployment } : {}),
    answers: input.answers,
    submittedBy: actor.caller.userId,
    submittedAt: deps.clock.now().toISOString(),
  };
  // The answers are the person's own view: the audit trail records that a survey was given, not what it said.
  const audit = auditEntry('person', personId, actor, 'outcome_survey.submitted', {
    councilId: person.councilId,
    ...(via === 'self' ? {} : { onBehalfOf: personId }),
    after: { surveyId: survey.surveyId, reviewPeriod: survey.reviewPeriod },
  });
  if (!(await deps.surveys.add(survey, audit))) {
    throw conflict(
      'survey_already_given',
      'A survey has already been given for this plan. The next one opens when a new plan is approved.',
    );
  }
  return survey;
}

export async function outcomeSurveysOf(deps: OutcomeDeps, actor: Actor, personId: string) {
  const { person } = await accessPerson(deps, actor.caller, personId, 'outcomes:read');
  const [period, surveys] = await Promise.all([
    reviewPeriodOf(deps.people, person),
    deps.surveys.surveysOf(personId),
  ]);
  const answeredThisPeriod = period ? surveys.some((s) => s.reviewPeriod === period.planId) : false;
  return {
    personId,
    reviewPeriod: period ?? null,
    due: period !== undefined && !answeredThisPeriod,
    items: surveys.sort((a, b) => b.submittedAt.localeCompare(a.submittedAt)),
  };
}
