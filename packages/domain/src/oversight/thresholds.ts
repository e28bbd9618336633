import * as z from 'zod';
import type { CouncilRecord } from '../identity/council.ts';

const count = (min: number, max: number) => z.number().int().min(min).max(max);

/**
 * The alert rules' thresholds, one council setting each (`settings.alerts` on the council). Every
 * one is optional: what a council leaves out takes the default in `defaultAlertThresholds`. The
 * rules raise a flag for a person to look at; none of them stops a payment.
 */
export const AlertThresholds = z
  .object({
    /**
     * A provider starts being paid by this many of the council's holders it had never served
     * before, within `newHoldersWindowDays`. The Individual Learning Accounts collapsed when 13
     * providers signed up more than 10,000 accounts and nobody noticed. Default 20.
     */
    newHoldersPerProvider: count(2, 10_000).optional(),
    /** The window, in days, for `newHoldersPerProvider`. Default 7 (a week). */
    newHoldersWindowDays: count(1, 90).optional(),
    /**
     * A holder's account pays out after this many days in which nothing left it (money coming in,
     * like the council's deposits, does not count as use). Dormant accounts were the other way the
     * ILA scheme was robbed. Default 180 (about six months).
     */
    dormantDays: count(14, 3_650).optional(),
    /**
     * What a holder has spent this plan year, as a percentage of what the plan would have spent by
     * now at an even pace, above which it is "far above the plan's pace". Default 200 (twice the pace).
     */
    pacePercent: count(110, 10_000).optional(),
    /**
     * …and only when the spending is at least this many pence ahead of the pace, so a few early
     * bookings in a new plan year do not count. Default 50000 (£500).
     */
    paceMinimumExcessPence: count(0, 100_000_000).optional(),
    /**
     * Two invoices from one provider to one holder for the same amount within this many days are
     * "near duplicates" even with different references (a weekly timesheet for the same hours is
     * not). Invoices whose references match after ignoring case, punctuation and leading zeros are
     * always duplicates, across all of the council's holders. Default 3.
     */
    nearDuplicateDays: count(1, 60).optional(),
    /**
     * One provider received at least this percentage of what a holder paid out in
     * `concentrationWindowDays`… Default 90.
     */
    concentrationPercent: count(50, 100).optional(),
    /** …counting this many days back. Default 90. */
    concentrationWindowDays: count(7, 366).optional(),
    /** …and only when the holder paid at least this many pence in that time. Default 200000 (£2,000). */
    concentrationMinimumPence: count(0, 100_000_000).optional(),
    /** …in at least this many payments. Default 4. */
    concentrationMinimumPayments: count(2, 1_000).optional(),
    /**
     * A broker booked support for this many different people they act for with a provider the
     * broker declared an interest in, within `brokerSteeringWindowDays`. Declaring the interest
     * is right; steering everyone to it is what the council should see. Default 3.
     */
    brokerSteeringHolders: count(1, 1_000).optional(),
    /** The window, in days, for `brokerSteeringHolders`. Default 90. */
    brokerSteeringWindowDays: count(7, 366).optional(),
    /**
     * The first payment a holder makes to a provider they have never paid before, when it is more
     * than this many pence. Default 50000 (£500).
     */
    firstPaymentAbovePence: count(0, 100_000_000).optional(),
    /**
     * Deliveries are being confirmed only by the seven-day auto-confirm for a holder whose own
     * account has not been used for this many days: nobody may be checking that the support
     * happened. Default 90.
     */
    absentDays: count(14, 3_650).optional(),
    /** …once at least this many such payments fell in that time, and none was confirmed by a person. Default 2. */
    autoConfirmedPayments: count(1, 100).optional(),
  })
  .strict()
  .meta({ id: 'AlertThresholds' });
export type AlertThresholds = z.infer<typeof AlertThresholds>;
export type EffectiveAlertThresholds = Required<AlertThresholds>;

export const defaultAlertThresholds: EffectiveAlertThresholds = {
  newHoldersPerProvider: 20,
  newHoldersWindowDays: 7,
  dormantDays: 180,
  pacePercent: 200,
  paceMinimumExcessPence: 50_000,
  nearDuplicateDays: 3,
  concentrationPercent: 90,
  concentrationWindowDays: 90,
  concentrationMinimumPence: 200_000,
  concentrationMinimumPayments: 4,
  brokerSteeringHolders: 3,
  brokerSteeringWindowDays: 90,
  firstPaymentAbovePence: 50_000,
  absentDays: 90,
  autoConfirmedPayments: 2,
};

/** The council's alert thresholds with every default filled in, as the rules read them (beside `effectiveSettings`). */
export function effectiveAlertThresholds(
  council: { settings: Pick<CouncilRecord['settings'], 'alerts'> } | undefined,
): EffectiveAlertThresholds {
  const set = council?.settings.alerts ?? {};
  const chosen = Object.fromEntries(Object.entries(set).filter(([, value]) => value !== undefined));
  return { ...defaultAlertThresholds, ...chosen };
}
