/**
 * Outcome surveys for the demo council, so the monitoring report has outcomes to show on a fresh
 * start: about two in five holders with an approved plan have answered, with answers that lean a
 * little differently by how the budget is managed (the background's surveys found people with more
 * control over their budget tended to report better outcomes). Then the monitoring figures are
 * built once, so the report is there before the hourly job first runs.
 */
import { createHash } from 'node:crypto';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoMonitoringStore, monitoringKeys } from '@carepool/db';
import {
  type Deployment,
  type OutcomeAnswer,
  OutcomeDomain,
  type OutcomeSurveyRecord,
  rebuildMonitoring,
} from '@carepool/domain';
import type { DemoData } from './demo-data.ts';

/** A number in [0, 1) fixed by the text: the same demo every time, no shared random state. */
function unit(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0) / 2 ** 32;
}

/** Chance of "better" and of "worse" by deployment; the rest is "the same". */
const lean: Record<Deployment, { better: number; worse: number }> = {
  direct_payment: { better: 0.55, worse: 0.1 },
  managed_account: { better: 0.5, worse: 0.12 },
  individual_service_fund: { better: 0.45, worse: 0.12 },
  mixed: { better: 0.42, worse: 0.15 },
  council_managed: { better: 0.35, worse: 0.18 },
};

export function plannedSurveys(data: Pick<DemoData, 'people' | 'plans'>, now: Date): OutcomeSurveyRecord[] {
  const approved = new Set(data.plans.filter((p) => p.status === 'approved').map((p) => p.planId));
  return data.people.flatMap((person) => {
    const planId = person.currentPlanId;
    const deployment = person.budget?.deployment;
    if (!planId || !approved.has(planId) || !deployment || unit(`answers?${person.personId}`) >= 0.4)
      return [];
    const answers = Object.fromEntries(
      OutcomeDomain.options.map((domain) => {
        const roll = unit(`${domain}#${person.personId}`);
        const { better, worse } = lean[deployment];
        const answer: OutcomeAnswer = roll < better ? 'better' : roll < better + worse ? 'worse' : 'same';
        return [domain, { answer }];
      }),
    ) as OutcomeSurveyRecord['answers'];
    // Spread over the last three weeks.
    const submittedAt = new Date(
      now.getTime() - Math.floor(unit(`when#${person.personId}`) * 21 * 86_400_000),
    );
    return [
      {
        surveyId: `srv_seed_${person.personId}`,
        personId: person.personId,
        councilId: person.councilId,
        reviewPeriod: planId,
        deployment,
        answers,
        submittedBy: person.personId,
        submittedAt: submittedAt.toISOString(),
      },
    ];
  });
}

export async function seedSurveys(
  db: DynamoDBDocumentClient,
  tableName: string,
  data: Pick<DemoData, 'people' | 'plans' | 'councils'>,
  now: Date,
): Promise<void> {
  const surveys = plannedSurveys(data, now);
  for (let i = 0; i < surveys.length; i += 25) {
    let pending: Array<Record<string, unknown>> = surveys.slice(i, i + 25).map((survey) => ({
      PutRequest: {
        Item: {
          ...monitoringKeys.survey(survey.personId, survey.reviewPeriod),
          ...monitoringKeys.surveyByCouncil(survey.councilId, survey.submittedAt, survey.personId),
          entity: 'outcome_survey',
          ...survey,
        },
      },
    }));
    while (pending.length > 0) {
      const result = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (result.UnprocessedItems?.[tableName] ?? []) as Array<Record<string, unknown>>;
    }
  }
  for (const council of data.councils) {
    await rebuildMonitoring(
      { monitoring: new DynamoMonitoringStore(db, tableName, { now: () => now }), clock: { now: () => now } },
      council.councilId,
    );
  }
}
