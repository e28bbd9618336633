import * as z from 'zod';
import { CategoryCode } from '../categories.ts';
import { Id, IsoDate, IsoDateTime, Postcode, ShortText, WholePence } from '../values.ts';
import { OversightSetting } from './oversight.ts';

export const Deployment = z.enum(
  ['direct_payment', 'managed_account', 'council_managed', 'individual_service_fund', 'mixed'],
  { error: 'Choose direct_payment, managed_account, council_managed, individual_service_fund or mixed' },
);
export type Deployment = z.infer<typeof Deployment>;

export const FundingSourceKind = z.enum(
  ['council_social_care', 'nhs_personal_health_budget', 'family_contribution'],
  {
    error: 'Choose council_social_care, nhs_personal_health_budget or family_contribution',
  },
);
export type FundingSourceKind = z.infer<typeof FundingSourceKind>;

export const FundingSource = z.object({
  source: FundingSourceKind,
  /** Yearly amount from this source, in pence. */
  amountPence: WholePence,
  /** When set, money from this source may only pay for these categories (e.g. NHS money for health). */
  restrictedToCategories: z.array(CategoryCode).max(10).optional(),
});
export type FundingSource = z.infer<typeof FundingSource>;

/** The yearly personal budget a council sets. */
export const Budget = z.object({
  allocationPence: WholePence.refine((p) => p > 0, { error: 'An allocation must be more than 0p' }),
  fundingSources: z.array(FundingSource).min(1, { error: 'Give at least one funding source' }).max(3),
  deployment: Deployment,
  /** The first day of the plan year; caps accrue from here. */
  planYearStart: IsoDate,
});
export type Budget = z.infer<typeof Budget>;

/** Minimal personal data, as the design asks: name, date of birth, postcode, council. */
export const PersonDetails = z.object({
  name: ShortText(120),
  dateOfBirth: IsoDate,
  postcode: Postcode,
});
export type PersonDetails = z.infer<typeof PersonDetails>;

export const PersonRecord = PersonDetails.extend({
  personId: Id,
  councilId: Id,
  outcode: z.string(),
  budget: Budget.optional(),
  currentPlanId: Id.optional(),
  /** How closely the council watches this budget; absent means standard. */
  oversight: OversightSetting.optional(),
  /** Who registered them (a care manager) and when. */
  createdBy: Id,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int().min(1),
});
export type PersonRecord = z.infer<typeof PersonRecord>;
