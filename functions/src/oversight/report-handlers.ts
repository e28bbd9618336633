import { monitoringCsv, monitoringReport, outcomeSurveysOf, submitOutcomeSurvey } from '@carepool/domain';
import { type ImplementationsOf, RawResponse } from '../http/lambda.ts';
import type { reportRoutes } from './report-routes.ts';

export const reportHandlers: ImplementationsOf<typeof reportRoutes> = {
  monitoringReport: async ({ query, caller }, { monitoring, requests }) => {
    const { format, ...period } = query;
    // Unmet requests come from the unmet-demand report itself, so the two always agree.
    const report = await monitoringReport({ ...monitoring, requests }, { caller }, period);
    return format === 'csv'
      ? new RawResponse(
          'text/csv; charset=utf-8',
          monitoringCsv(report),
          `monitoring-${report.councilId}-${report.from}-to-${report.to}.csv`,
        )
      : report;
  },
  submitOutcomeSurvey: async ({ params, body, caller, requestId }, { outcomes }) =>
    submitOutcomeSurvey(outcomes, { caller, requestId }, params.id, body),
  listOutcomeSurveys: async ({ params, caller }, { outcomes }) =>
    outcomeSurveysOf(outcomes, { caller }, params.id),
};
