import * as z from 'zod';
import { AlertThresholds } from '../oversight/thresholds.ts';
import { Id, IsoDateTime, ShortText, WholePence } from '../values.ts';

/**
 * Above this a council deposit waits for a second finance user (four eyes on large payments).
 * £10,000: more than any routine four-weekly deposit, far less than the £100m one call could post.
 */
export const defaultDepositApprovalAbovePence = 1_000_000;

/**
 * £25: a taxi or a lunch club goes through; a week of care waits for the care manager. Applies only
 * to holders a care manager has put on "confirm every payment".
 */
export const defaultPaymentApprovalAbovePence = 2_500;

/** Council ids appear in URLs and keys: short, lower-case words joined by hyphens. */
export const CouncilId = Id.regex(/^[a-z][a-z0-9-]{1,40}$/, {
  error: 'Use lower-case letters, numbers and hyphens, starting with a letter, like north-dales',
});

/** Postcode districts ("outcodes") a council covers, such as HG1 or DL8. */
export const CouncilDistrict = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{1,2}[0-9][0-9A-Z]?$/, { error: 'Use a postcode district like HG1 or DL8' });

/** How often the council pays each holder's share of their budget into their account. */
export const FundingSchedule = z.object({
  /** 28: the four-weekly cycle most councils pay on; 7 and 14 for weekly or fortnightly. */
  everyDays: z.union([z.literal(7), z.literal(14), z.literal(28)], {
    error: 'Pay every 7, 14 or 28 days',
  }),
});
export type FundingSchedule = z.infer<typeof FundingSchedule>;

/** The settings other features read; each has a default a council may change. */
export const CouncilSettings = z.object({
  /** Deposits above this wait for a second finance user. */
  depositApprovalAbovePence: WholePence.optional(),
  /** For holders whose oversight is "confirm every payment": payments above this wait for a care manager. */
  paymentApprovalAbovePence: WholePence.optional(),
  /** The alert rules' thresholds (oversight/thresholds.ts explains each); defaults where unset. */
  alerts: AlertThresholds.optional(),
});
export type CouncilSettings = z.infer<typeof CouncilSettings>;

export const CouncilRecord = z.object({
  councilId: CouncilId,
  name: ShortText(120),
  districts: z.array(CouncilDistrict).max(400),
  fundingSchedule: FundingSchedule,
  settings: CouncilSettings,
  createdAt: IsoDateTime,
  createdBy: Id,
  updatedAt: IsoDateTime,
  version: z.number().int().min(1),
});
export type CouncilRecord = z.infer<typeof CouncilRecord>;

/** The settings with every default filled in, as features read them. */
export function effectiveSettings(council: Pick<CouncilRecord, 'settings'> | undefined) {
  return {
    depositApprovalAbovePence:
      council?.settings.depositApprovalAbovePence ?? defaultDepositApprovalAbovePence,
    paymentApprovalAbovePence:
      council?.settings.paymentApprovalAbovePence ?? defaultPaymentApprovalAbovePence,
  };
}
