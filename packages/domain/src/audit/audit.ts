import { createHash } from 'node:crypto';
import * as z from 'zod';
import { type Caller, Role } from '../roles.ts';

export const AuditEntityType = z.enum(
  ['person', 'plan', 'provider', 'transfer', 'council', 'user', 'invitation', 'alert'],
  { error: 'Use person, plan, provider, transfer, council, user, invitation or alert' },
);
export type AuditEntityType = z.infer<typeof AuditEntityType>;

/** One link in an entity's tamper-evident chain: append-only, each hashing the one before. */
export const AuditRecord = z.object({
  entityType: AuditEntityType,
  entityId: z.string(),
  /** 1, 2, 3…: a gap or a repeat is itself evidence of tampering. */
  seq: z.number().int().min(1),
  at: z.string(),
  actor: z.object({ userId: z.string(), roles: z.array(Role) }),
  /** The budget holder a delegate or care manager acted for, when there is one. */
  onBehalfOf: z.string().optional(),
  councilId: z.string().optional(),
  action: z.string(),
  before: z.record(z.string(), z.unknown()).optional(),
  after: z.record(z.string(), z.unknown()).optional(),
  requestId: z.string().optional(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditRecord = z.infer<typeof AuditRecord>;

export type AuditEvent = Omit<AuditRecord, 'seq' | 'prevHash' | 'hash' | 'at' | 'entityType' | 'entityId'>;

/** The hash before the first record of every chain. */
export const genesisHash = '0'.repeat(64);

/** JSON with keys sorted at every level, so the same record always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function auditHash(record: Omit<AuditRecord, 'hash'>): string {
  return createHash('sha256').update(canonical(record)).digest('hex');
}

/** Builds the next link of a chain from its current head (undefined for a new chain). */
export function nextAuditRecord(
  head: Pick<AuditRecord, 'seq' | 'hash'> | undefined,
  entity: { entityType: AuditEntityType; entityId: string },
  event: AuditEvent,
  at: Date,
): AuditRecord {
  const unsigned = {
    ...entity,
    ...event,
    seq: (head?.seq ?? 0) + 1,
    at: at.toISOString(),
    prevHash: head?.hash ?? genesisHash,
  };
  return { ...unsigned, hash: auditHash(unsigned) };
}

/** Checks a whole chain: every hash recomputes, every link points at the one before, no gaps. */
export function verifyAuditChain(records: readonly AuditRecord[]): {
  verified: boolean;
  brokenAtSeq?: number;
} {
  let previous = genesisHash;
  for (const [index, record] of records.entries()) {
    const { hash, ...unsigned } = record;
    if (record.seq !== index + 1 || record.prevHash !== previous || auditHash(unsigned) !== hash) {
      return { verified: false, brokenAtSeq: record.seq };
    }
    previous = hash;
  }
  return { verified: true };
}

/** An audit record to append in the same transaction as the change it describes. */
export interface AuditEntry {
  entityType: AuditEntityType;
  entityId: string;
  event: AuditEvent;
}

/** Who did something, and in which request: every use-case that changes state takes one. */
export interface Actor {
  caller: Caller;
  requestId?: string | undefined;
}

export function auditEntry(
  entityType: AuditEntityType,
  entityId: string,
  actor: Actor,
  action: string,
  details: Pick<AuditEvent, 'before' | 'after' | 'onBehalfOf' | 'councilId'> = {},
): AuditEntry {
  return {
    entityType,
    entityId,
    event: {
      actor: { userId: actor.caller.userId, roles: actor.caller.roles },
      action,
      ...details,
      ...(actor.requestId ? { requestId: actor.requestId } : {}),
    },
  };
}

/**
 * The actor stamped on a transfer: who, in which roles, for whom, in which council and request.
 * `onBehalfOf` is the budget holder when someone else (delegate, care manager, finance) acts.
 */
export function transferActor(
  actor: Actor,
  onBehalfOf?: string,
): { userId: string; roles: string[]; onBehalfOf?: string; councilId?: string; requestId?: string } {
  return {
    userId: actor.caller.userId,
    roles: [...actor.caller.roles],
    ...(onBehalfOf && onBehalfOf !== actor.caller.personId ? { onBehalfOf } : {}),
    ...(actor.caller.councilId ? { councilId: actor.caller.councilId } : {}),
    ...(actor.requestId ? { requestId: actor.requestId } : {}),
  };
}

/** A job or webhook acting on its own: `system_<job>` or `<rail>_webhook`, with no roles. */
export const jobActor = (name: string, requestId?: string): Actor => ({
  caller: {
    userId: name.endsWith('_webhook') ? name : `system_${name}`,
    name,
    roles: [],
    councilId: undefined,
    personId: undefined,
  },
  ...(requestId ? { requestId } : {}),
});
