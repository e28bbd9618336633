import { z } from 'zod';
import { Role } from './roles.ts';
import { Id } from './values.ts';

/** A person who signs in. In AWS the identity lives in Cognito; this record mirrors its claims. */
export const UserRecord = z.object({
  userId: Id,
  name: z.string().min(1).max(120),
  roles: z.array(Role).min(1),
  councilId: Id.optional(),
  personId: Id.optional(),
  /** Demo users only: a line for the local sign-in-as page, and their place in its list. */
  description: z.string().optional(),
  demoOrder: z.number().int().optional(),
});
export type UserRecord = z.infer<typeof UserRecord>;
