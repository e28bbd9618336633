/**
 * Routes for the monitoring report and outcome surveys (issue 12), spread into THE route table in
 * ../routes.ts.
 */
import {
  defineRoute,
  MonitoringReportQuery,
  MonitoringReportView,
  OutcomeSurveyList,
  OutcomeSurveyRequest,
  OutcomeSurveyView,
  PersonIdParams,
  type RouteSpec,
} from '@carepool/contracts';

export const reportRoutes = {
  monitoringReport: defineRoute({
    method: 'GET',
    path: '/v1/reports/monitoring',
    function: 'oversight',
    auth: 'jwt',
    roles: ['care_manager', 'auditor'],
    summary:
      'What budgets bought and achieved in a period, by deployment type, with small cells hidden (format=csv for a spreadsheet)',
    tags: ['reports'],
    query: MonitoringReportQuery,
    response: MonitoringReportView,
    status: 200,
  }),
  submitOutcomeSurvey: defineRoute({
    method: 'POST',
    path: '/v1/people/{id}/outcome-surveys',
    function: 'oversight',
    auth: 'jwt',
    roles: ['holder', 'representative', 'broker'],
    summary:
      'Give the outcome survey for this review period: eight areas of life, each better, the same or worse',
    tags: ['outcomes'],
    params: PersonIdParams,
    body: OutcomeSurveyRequest,
    response: OutcomeSurveyView,
    status: 201,
  }),
  listOutcomeSurveys: defineRoute({
    method: 'GET',
    path: '/v1/people/{id}/outcome-surveys',
    function: 'oversight',
    auth: 'jwt',
    roles: ['holder', 'representative', 'broker', 'care_manager', 'auditor'],
    summary: 'The outcome surveys a holder has given, and whether one is due for this review period',
    tags: ['outcomes'],
    params: PersonIdParams,
    response: OutcomeSurveyList,
    status: 200,
  }),
} satisfies Record<string, RouteSpec>;
