import {
  Id,
  IsoDate,
  IsoDateTime,
  MonitoringReport as MonitoringReportSchema,
  OutcomeSurveyInput,
  OutcomeSurveyRecord,
} from '@carepool/domain';
import * as z from 'zod';

export const MonitoringReportQuery = z
  .object({
    from: IsoDate,
    to: IsoDate,
    /** Optional: staff read their own council's report; naming another council is a 404. */
    councilId: Id.optional(),
    format: z.enum(['json', 'csv'], { error: 'Use format=json or format=csv' }).default('json'),
  })
  .strict();

export const MonitoringReportView = MonitoringReportSchema.meta({ id: 'MonitoringReport' });

export const OutcomeSurveyRequest = OutcomeSurveyInput.strict().meta({ id: 'OutcomeSurveyRequest' });
export const OutcomeSurveyView = OutcomeSurveyRecord.meta({ id: 'OutcomeSurvey' });
export const OutcomeSurveyList = z
  .object({
    personId: Id,
    /** The period a survey answers for: since the plan now in force was approved. Null with no approved plan. */
    reviewPeriod: z.object({ planId: Id, since: IsoDateTime }).nullable(),
    /** True when the holder has not given a survey for this review period yet. */
    due: z.boolean(),
    items: z.array(OutcomeSurveyRecord),
  })
  .meta({ id: 'OutcomeSurveyList' });
