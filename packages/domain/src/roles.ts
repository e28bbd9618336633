import * as z from 'zod';

export const Role = z.enum([
  'holder',
  'representative',
  'broker',
  'provider',
  'care_manager',
  'finance',
  'auditor',
  /** A council's own administrator: invites and removes its staff, sets its settings. */
  'council_admin',
  /** The operator of a deployment: creates councils and invites each one's first administrator. */
  'platform_admin',
]);
export type Role = z.infer<typeof Role>;
export const roles = Role.options;

/** Roles a council gives its own staff, by invitation only. */
export const StaffRole = z.enum(['care_manager', 'finance', 'auditor', 'council_admin'], {
  error: 'Choose care_manager, finance, auditor or council_admin',
});
export type StaffRole = z.infer<typeof StaffRole>;

/** Roles anyone may take by signing up: they start with a pending provider profile and nothing else. */
export const SelfSignUpRole = z.enum(['provider', 'broker'], { error: 'Choose provider or broker' });
export type SelfSignUpRole = z.infer<typeof SelfSignUpRole>;

/** The authenticated person making a request, built from verified token claims. */
export interface Caller {
  userId: string;
  name: string;
  roles: Role[];
  /** Councils are tenants; providers and brokers work across councils and have none. */
  councilId: string | undefined;
  /** Set when the caller is themselves a budget holder. */
  personId: string | undefined;
}

export function hasRole(caller: Caller, ...wanted: Role[]): boolean {
  return caller.roles.some((r) => wanted.includes(r));
}
