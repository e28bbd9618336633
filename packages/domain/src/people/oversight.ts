import * as z from 'zod';
import { Id, IsoDateTime, ShortText } from '../values.ts';

/**
 * How closely the council watches a budget (DESIGN 3.8), raised or lowered by a care manager with
 * a reason the holder and their delegates are shown:
 * - `standard`: the holder (and whoever they allow) books, confirms and pays;
 * - `confirm_every_payment`: nothing is confirmed automatically, and each payment above the
 *   council's small amount waits for a care manager's approval before it leaves the account;
 * - `council_managed`: only council staff move the money.
 */
export const OversightLevel = z.enum(['standard', 'confirm_every_payment', 'council_managed'], {
  error: 'Choose standard, confirm_every_payment or council_managed',
});
export type OversightLevel = z.infer<typeof OversightLevel>;

export const OversightSetting = z.object({
  level: OversightLevel,
  reason: z.string(),
  setBy: Id,
  setAt: IsoDateTime,
});
export type OversightSetting = z.infer<typeof OversightSetting>;

export const OversightRequest = z.object({ level: OversightLevel, reason: ShortText(1000) }).strict();
export type OversightRequest = z.infer<typeof OversightRequest>;

export const oversightLevelOf = (person: { oversight?: OversightSetting | undefined }): OversightLevel =>
  person.oversight?.level ?? 'standard';
