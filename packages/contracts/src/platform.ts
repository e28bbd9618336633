import { Id, Role } from '@carepool/domain';
import * as z from 'zod';

export const MeResponse = z
  .object({
    userId: Id,
    name: z.string(),
    roles: z.array(Role),
    councilId: z.string().optional(),
    personId: z.string().optional(),
    /** People this caller may act for, with what they may do. Filled in by the people context. */
    actsFor: z.array(z.object({ personId: Id, name: z.string(), scopes: z.array(z.string()) })),
    /** Which payment rail moves money here: the web app labels the simulated one. */
    paymentRail: z.enum(['stripe', 'simulated']),
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

/** How the web app signs people in: the local demo page, or Cognito's hosted sign-in (OAuth code + PKCE). */
export const AuthConfig = z
  .discriminatedUnion('mode', [
    z.object({ mode: z.literal('local_demo') }),
    z.object({
      mode: z.literal('cognito'),
      /** The hosted UI's base URL, e.g. https://carepool.auth.eu-west-2.amazoncognito.com */
      domain: z.url(),
      clientId: z.string(),
      scopes: z.array(z.string()),
    }),
  ])
  .meta({ id: 'AuthConfig' });
