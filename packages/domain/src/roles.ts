import { z } from 'zod';

export const Role = z.enum([
  'holder',
  'representative',
  'broker',
  'provider',
  'care_manager',
  'finance',
  'auditor',
]);
export type Role = z.infer<typeof Role>;
export const roles = Role.options;

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
