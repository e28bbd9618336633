import { Id, Role } from '@carepool/domain';
import { z } from 'zod';

export const MeResponse = z
  .object({
    userId: Id,
    name: z.string(),
    roles: z.array(Role),
    councilId: z.string().optional(),
    personId: z.string().optional(),
    /** People this caller may act for, with what they may do. Filled in by the people context. */
    actsFor: z.array(z.object({ personId: Id, name: z.string(), scopes: z.array(z.string()) })),
  })
  .meta({ id: 'Me' });

export const DemoUser = z.object({
  userId: Id,
  name: z.string(),
  roles: z.array(Role),
  councilId: z.string().optional(),
  personId: z.string().optional(),
  /** One line on who this demo person is, for the sign-in-as page. */
  description: z.string(),
});
export type DemoUser = z.infer<typeof DemoUser>;

export const DemoUserList = z.object({ items: z.array(DemoUser) }).meta({ id: 'DemoUserList' });

export const DevTokenRequest = z.object({ userId: Id }).strict().meta({ id: 'DevTokenRequest' });
export const DevTokenResponse = z
  .object({ token: z.string(), expiresAt: z.string() })
  .meta({ id: 'DevToken' });

/** OpenAPI documents are open-ended JSON. */
export const OpenApiDocument = z.record(z.string(), z.unknown()).meta({ id: 'OpenApiDocument' });
