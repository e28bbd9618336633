import { AlertLinks, AlertOutcome, AlertRule, AlertStatus, Id, IsoDateTime } from '@carepool/domain';
import * as z from 'zod';
import { Page, PageQuery } from './common.ts';

export const AlertIdParams = z.object({ alertId: Id });

export const AlertQuery = PageQuery.extend({
  status: AlertStatus.optional(),
  rule: AlertRule.optional(),
  personId: Id.optional(),
});

/** An alert as care managers and auditors of its council see it. */
export const AlertView = z
  .object({
    alertId: Id,
    councilId: Id,
    rule: AlertRule,
    /** The rule in a few words. */
    ruleTitle: z.string(),
    status: AlertStatus,
    /** What was seen, in plain English with the figures. */
    summary: z.string(),
    /** The figures behind the summary: pence, days, counts and percentages, as whole numbers. */
    figures: z.record(z.string(), z.number()),
    /** Ids of the people, provider, orders, transfers and users involved. */
    links: AlertLinks,
    raisedAt: IsoDateTime,
    acknowledged: z.object({ by: Id, at: IsoDateTime }).optional(),
    resolution: z.object({ outcome: AlertOutcome, note: z.string(), by: Id, at: IsoDateTime }).optional(),
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'Alert' });
export type AlertView = z.infer<typeof AlertView>;

export const AlertList = Page(AlertView).meta({ id: 'AlertList' });

export const ResolveAlertRequest = z
  .object({
    outcome: AlertOutcome,
    /** What was found or done, for the audit trail and the next person who reads it. */
    note: z
      .string()
      .trim()
      .min(1, { error: 'Say what you found or did' })
      .max(2_000, { error: 'Keep the note to 2,000 characters or fewer' }),
  })
  .strict()
  .meta({ id: 'ResolveAlertRequest' });
