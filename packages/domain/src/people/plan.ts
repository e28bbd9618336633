import * as z from 'zod';
import { type Category, CategoryCode, categoryLabel } from '../categories.ts';
import { conflict, DomainError, type FieldIssue } from '../errors.ts';
import { poundsText } from '../money.ts';
import { Id, IsoDate, IsoDateTime, LongText, ShortText, WholePence } from '../values.ts';
import { type Budget, FundingSourceKind } from './person.ts';

export const PlanPeriod = z.enum(['week', 'month', 'year'], { error: 'Use week, month or year' });
export type PlanPeriod = z.infer<typeof PlanPeriod>;

export const PlanLineInput = z.object({
  /**
   * Set to carry a line on from the plan being revised (or to keep a draft's line when editing it):
   * what was spent and reserved on it stays counted. Leave it out for a new line.
   */
  lineId: Id.optional(),
  category: CategoryCode,
  capPence: WholePence.refine((p) => p > 0, { error: 'A cap must be more than 0p' }),
  period: PlanPeriod,
  /** If set, only these providers can be paid from the line. */
  allowedProviderIds: z.array(Id).max(20).optional(),
  fundingSource: FundingSourceKind.optional(),
  /** Money set aside for when things go wrong; alerted on use. */
  contingency: z.boolean().default(false),
  /** Unspent money carries forward within the plan year unless this is switched off. */
  carryForward: z.boolean().default(true),
  notes: LongText(500).default(''),
});
export type PlanLineInput = z.infer<typeof PlanLineInput>;

export const PlanLine = PlanLineInput.extend({ lineId: Id });
export type PlanLine = z.infer<typeof PlanLine>;

export const Outcomes = z.object({
  /** The first question: what matters to you, where do you want to be in life? */
  whatMatters: ShortText(2000),
  whatIWantToAchieve: z.array(ShortText(500)).max(20).default([]),
});

export const PlanContent = z.object({
  outcomes: Outcomes,
  /** Who helped write it: family, a broker, a care manager… */
  helpedBy: z
    .array(z.object({ name: ShortText(120), relationship: ShortText(80) }))
    .max(10)
    .default([]),
  startDate: IsoDate,
  endDate: IsoDate,
  lines: z.array(PlanLineInput).min(1, { error: 'A plan needs at least one line' }).max(40),
});
export type PlanContent = z.infer<typeof PlanContent>;

export const PlanStatus = z.enum([
  'draft',
  'submitted',
  'referred',
  'approved',
  'rejected',
  'superseded',
  'ended',
]);
export type PlanStatus = z.infer<typeof PlanStatus>;

export const PlanDecision = z.object({
  action: z.enum(['submitted', 'approved', 'rejected', 'referred', 'superseded', 'ended']),
  by: Id,
  at: IsoDateTime,
  reason: z.string().optional(),
});

export const PlanRecord = PlanContent.omit({ lines: true }).extend({
  planId: Id,
  personId: Id,
  councilId: Id,
  /** 1 for the first plan, then 2, 3…: a revision is a new version, the old one is kept. */
  planVersion: z.number().int().min(1),
  revisionOf: Id.optional(),
  status: PlanStatus,
  lines: z.array(PlanLine),
  history: z.array(PlanDecision),
  createdBy: Id,
  /** Everyone else who changed this version's content: none of them may approve it either. */
  contributors: z.array(Id).default([]),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  /** Optimistic-locking counter for the stored item (not the plan version). */
  version: z.number().int().min(1),
});
export type PlanRecord = z.infer<typeof PlanRecord>;

/** How many of a period fit in a plan year, for the yearly equivalent of a cap. */
export const periodsPerYear: Record<PlanPeriod, number> = { week: 52, month: 12, year: 1 };

export function yearlyEquivalent(line: Pick<PlanLineInput, 'capPence' | 'period'>): number {
  return line.capPence * periodsPerYear[line.period];
}

const pounds = poundsText;

/** "Personal care £100 a week × 52 = £5,200": the arithmetic shown to people, not just the total. */
export function lineWorking(line: Pick<PlanLineInput, 'capPence' | 'period' | 'category'>): string {
  const label = categoryLabel(line.category as Category);
  const times = periodsPerYear[line.period];
  return times === 1
    ? `${label} ${pounds(line.capPence)} a year`
    : `${label} ${pounds(line.capPence)} a ${line.period} × ${times} = ${pounds(yearlyEquivalent(line))}`;
}

/**
 * Checks a plan against the budget: dates in order and within about a year, lines that fit the
 * allocation (and each funding source's amount and restrictions). Returns every problem, with
 * the arithmetic, so a person can see what to change.
 */
export function planProblems(content: PlanContent, budget: Budget): DomainError[] {
  const problems: DomainError[] = [];
  const issues: FieldIssue[] = [];
  if (content.endDate <= content.startDate) {
    issues.push({
      field: 'endDate',
      message: 'The end date must be after the start date',
      code: 'dates_out_of_order',
    });
  } else {
    const days = (Date.parse(content.endDate) - Date.parse(content.startDate)) / 86_400_000;
    if (days > 366) {
      issues.push({
        field: 'endDate',
        message: 'A plan covers at most one year: end it within a year of the start',
        code: 'plan_too_long',
      });
    }
  }
  for (const [index, line] of content.lines.entries()) {
    if (line.fundingSource === undefined) continue;
    const source = budget.fundingSources.find((s) => s.source === line.fundingSource);
    if (!source) {
      issues.push({
        field: `lines.${index}.fundingSource`,
        message: `This budget has no ${line.fundingSource} money: choose one of ${budget.fundingSources.map((s) => s.source).join(', ')}`,
        code: 'funding_source_not_in_budget',
      });
    } else if (source.restrictedToCategories && !source.restrictedToCategories.includes(line.category)) {
      issues.push({
        field: `lines.${index}.fundingSource`,
        message: `${line.fundingSource} money can only pay for ${source.restrictedToCategories.map((c) => categoryLabel(c)).join(', ')}`,
        code: 'funding_source_restricted',
      });
    }
  }
  if (issues.length)
    problems.push(
      new DomainError('invalid', 'invalid_plan', 'Some parts of the plan need changing.', { issues }),
    );

  const total = content.lines.reduce((sum, line) => sum + yearlyEquivalent(line), 0);
  if (total > budget.allocationPence) {
    const working = content.lines.map(lineWorking);
    problems.push(
      new DomainError(
        'rule',
        'plan_exceeds_allocation',
        `The plan lines add up to ${pounds(total)} a year, which is ${pounds(total - budget.allocationPence)} more than the allocation of ${pounds(budget.allocationPence)}. ${working.join('; ')}.`,
        {
          issues: [
            {
              field: 'lines',
              message: `Lower the caps by ${pounds(total - budget.allocationPence)} a year in all`,
              code: 'plan_exceeds_allocation',
            },
          ],
          facts: {
            totalYearlyPence: total,
            allocationPence: budget.allocationPence,
            overByPence: total - budget.allocationPence,
            working,
          },
        },
      ),
    );
  }
  for (const source of budget.fundingSources) {
    const fromSource = content.lines
      .filter((line) => line.fundingSource === source.source)
      .reduce((sum, line) => sum + yearlyEquivalent(line), 0);
    if (fromSource > source.amountPence) {
      problems.push(
        new DomainError(
          'rule',
          'plan_exceeds_funding_source',
          `Lines paid from ${source.source} add up to ${pounds(fromSource)} a year, more than its ${pounds(source.amountPence)}.`,
          { facts: { source: source.source, totalYearlyPence: fromSource, amountPence: source.amountPence } },
        ),
      );
    }
  }
  return problems;
}

/** Throws the first kind of problem found, merging field issues: invalid (400) before rule (422). */
export function assertPlanFits(content: PlanContent, budget: Budget): void {
  const problems = planProblems(content, budget);
  const invalid = problems.filter((p) => p.kind === 'invalid');
  if (invalid.length) throw invalid[0];
  if (problems.length) {
    const [first, ...rest] = problems;
    if (!first) return;
    if (rest.length === 0) throw first;
    throw new DomainError('rule', first.code, [first.message, ...rest.map((p) => p.message)].join(' '), {
      issues: problems.flatMap((p) => p.issues),
      facts: first.facts ?? {},
    });
  }
}

const transitions: Record<string, PlanStatus[]> = {
  submit: ['draft'],
  approve: ['submitted', 'referred'],
  reject: ['submitted', 'referred'],
  refer: ['submitted'],
  end: ['approved'],
  edit: ['draft'],
};

export function assertPlanCan(action: keyof typeof transitions, plan: Pick<PlanRecord, 'status'>): void {
  const allowed = transitions[action] ?? [];
  if (!allowed.includes(plan.status)) {
    const done: Record<string, string> = {
      submit: 'submitted',
      approve: 'approved',
      reject: 'rejected',
      refer: 'referred to the panel',
      end: 'ended',
      edit: 'edited (revise it instead)',
    };
    throw conflict('invalid_transition', `A ${plan.status} plan cannot be ${done[action] ?? action}.`);
  }
}
