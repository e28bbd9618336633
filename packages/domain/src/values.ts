import * as z from 'zod';

/** Integer pence, never negative: money in the API is always whole pence. */
export const WholePence = z
  .number({ error: 'Enter an amount in whole pence, for example 1250 for £12.50' })
  .int({ error: 'Money is whole pence: use 1250 for £12.50, not 12.5' })
  .min(0, { error: 'Money cannot be negative' })
  .max(100_000_000_00, { error: 'That amount is more than £100 million: check it' });

export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, { error: 'Use only letters, numbers, hyphens and underscores' });

export const IsoDate = z.iso.date({ error: 'Use a date like 2026-04-01' });
export const IsoDateTime = z.iso.datetime({ offset: true });

/** Short free text: trimmed, not empty, bounded so oversize input is a 400, not a stored blob. */
export const ShortText = (max = 120) =>
  z
    .string()
    .trim()
    .min(1, { error: 'Enter some text' })
    .max(max, { error: `Use ${max} characters or fewer` });

export const LongText = (max = 2000) =>
  z
    .string()
    .trim()
    .max(max, { error: `Use ${max} characters or fewer` });

export const Postcode = z
  .string()
  .trim()
  .min(2, { error: 'Enter a UK postcode, like HG1 2AB, or its first half, like HG1' })
  .max(10, { error: 'Enter a UK postcode, like HG1 2AB, or its first half, like HG1' });
