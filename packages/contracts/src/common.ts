import * as z from 'zod';

export const Money = z.object({ amount: z.number().int(), currency: z.literal('GBP') }).meta({ id: 'Money' });

/** RFC 9457 problem details, plus a stable `code` and the fields at fault. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    requestId: z.string().optional(),
    errors: z
      .array(z.object({ field: z.string(), message: z.string(), code: z.string().optional() }))
      .default([]),
    facts: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;

export const Page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    /** Opaque; pass it back as `cursor` to get the next page. Absent on the last page. */
    nextCursor: z.string().optional(),
  });

/** `?limit&cursor` for every list that grows without bound; answered with `Page(item)`. */
export const PageQuery = z
  .object({
    limit: z.coerce
      .number()
      .int()
      .min(1, { error: 'Ask for at least 1 item' })
      .max(100, { error: 'Ask for 100 items or fewer a page' })
      .default(50),
    cursor: z.string().max(2_000, { error: 'That cursor is not one we gave out' }).optional(),
  })
  .strict();
export type PageQuery = z.infer<typeof PageQuery>;
