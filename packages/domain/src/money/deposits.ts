import * as z from 'zod';
import { type Actor, type AuditEntry, auditEntry, transferActor } from '../audit/audit.ts';
import { conflict, forbidden, notFound } from '../errors.ts';
import { accountId, TransferActor, type TransferRequest } from '../ledger/ledger.ts';
import { accessPerson } from '../people/access.ts';
import { hasRole } from '../roles.ts';
import type { MoneyDeps } from './accounts.ts';

export const DepositStatus = z.enum(['posted', 'pending_approval', 'rejected']);
export type DepositStatus = z.infer<typeof DepositStatus>;

/** A council deposit and who asked for and decided it; `depositId` is also its ledger transfer id. */
export const DepositRecord = z.object({
  depositId: z.string(),
  /** The id finance sent: sending it again never pays twice. */
  transferId: z.string(),
  councilId: z.string(),
  personId: z.string(),
  amountPence: z.number().int().positive(),
  reference: z.string(),
  status: DepositStatus,
  requestedBy: TransferActor,
  requestedAt: z.string(),
  decidedBy: TransferActor.optional(),
  decidedAt: z.string().optional(),
  reason: z.string().optional(),
});
export type DepositRecord = z.infer<typeof DepositRecord>;

export interface DepositStore {
  /** The council's `depositApprovalAbovePence`, or the default when it has set none. */
  approvalAbovePence(councilId: string): Promise<number>;
  get(depositId: string): Promise<DepositRecord | undefined>;
  /**
   * Writes the deposit (new when `expected` is undefined, else only if it is still in that status),
   * its ledger transfer when there is one, and the audit entries, in ONE transaction. A deposit that
   * changed meanwhile is a `deposit_decided` conflict; a transfer already posted is not posted again.
   */
  save(
    deposit: DepositRecord,
    expected: DepositStatus | undefined,
    transfer: TransferRequest | undefined,
    audit: AuditEntry[],
  ): Promise<void>;
}

export interface DepositDeps extends MoneyDeps {
  deposits: DepositStore;
}

export const depositIdFor = (transferId: string) => `funding-${transferId}`;

function depositTransfer(deposit: DepositRecord, actor: TransferActor): TransferRequest {
  return {
    transferId: deposit.depositId,
    debitAccountId: accountId.councilFunding(deposit.councilId),
    creditAccountId: accountId.holderCash(deposit.personId),
    amountPence: deposit.amountPence,
    flags: 'single',
    code: 'council_deposit',
    description: `Council deposit: ${deposit.reference}`,
    reference: deposit.reference,
    actor,
  };
}

/** What the holder's audit chain says about a deposit: money joins the tamper-evident trail. */
function depositAudit(actor: Actor, deposit: DepositRecord, action: string): AuditEntry {
  return auditEntry('person', deposit.personId, actor, action, {
    councilId: deposit.councilId,
    onBehalfOf: deposit.personId,
    after: {
      depositId: deposit.depositId,
      transferId: deposit.transferId,
      amountPence: deposit.amountPence,
      reference: deposit.reference,
      status: deposit.status,
      requestedBy: deposit.requestedBy.userId,
      ...(deposit.decidedBy ? { decidedBy: deposit.decidedBy.userId } : {}),
    },
  });
}

export function depositView(deposit: DepositRecord) {
  return {
    depositId: deposit.depositId,
    transferId: deposit.transferId,
    personId: deposit.personId,
    amountPence: deposit.amountPence,
    reference: deposit.reference,
    status: deposit.status,
    requestedBy: deposit.requestedBy.userId,
    requestedAt: deposit.requestedAt,
    ...(deposit.decidedBy ? { decidedBy: deposit.decidedBy.userId } : {}),
    ...(deposit.decidedAt ? { decidedAt: deposit.decidedAt } : {}),
    ...(deposit.reason ? { reason: deposit.reason } : {}),
  };
}
export type DepositView = ReturnType<typeof depositView>;

/**
 * Finance posts a council deposit into a holder's managed account; the id makes it once-only.
 * Above the council's approval amount it is recorded as `pending_approval` and posts only when a
 * different finance user of the council approves it.
 */
export async function postFunding(
  deps: DepositDeps,
  actor: Actor,
  personId: string,
  request: { transferId: string; amountPence: number; reference: string },
): Promise<DepositView> {
  const { person } = await accessPerson(deps, actor.caller, personId, 'funding:post');
  const depositId = depositIdFor(request.transferId);
  const existing = await deps.deposits.get(depositId);
  if (existing) return replayed(existing, personId, request);
  const threshold = await deps.deposits.approvalAbovePence(person.councilId);
  const by = transferActor(actor, personId);
  const deposit: DepositRecord = {
    depositId,
    transferId: request.transferId,
    councilId: person.councilId,
    personId,
    amountPence: request.amountPence,
    reference: request.reference,
    status: request.amountPence > threshold ? 'pending_approval' : 'posted',
    requestedBy: by,
    requestedAt: deps.clock.now().toISOString(),
  };
  const posts = deposit.status === 'posted';
  try {
    await deps.deposits.save(deposit, undefined, posts ? depositTransfer(deposit, by) : undefined, [
      depositAudit(actor, deposit, posts ? 'deposit_posted' : 'deposit_requested'),
    ]);
  } catch (error) {
    // A parallel request with the same id got there first: answer as a replay would.
    const raced = await deps.deposits.get(depositId);
    if (raced) return replayed(raced, personId, request);
    throw error;
  }
  return depositView(deposit);
}

function replayed(
  existing: DepositRecord,
  personId: string,
  request: { amountPence: number; reference: string },
): DepositView {
  if (
    existing.personId !== personId ||
    existing.amountPence !== request.amountPence ||
    existing.reference !== request.reference
  ) {
    throw conflict('transfer_id_reused', 'That transfer id was already used for a different transfer.');
  }
  return depositView(existing);
}

/** A second finance user of the same council approves (posts) or rejects a pending deposit. */
export async function decideDeposit(
  deps: DepositDeps,
  actor: Actor,
  depositId: string,
  decision: { outcome: 'approve' | 'reject'; reason?: string | undefined },
): Promise<DepositView> {
  const deposit = await deps.deposits.get(depositId);
  if (!deposit || deposit.councilId !== actor.caller.councilId || !hasRole(actor.caller, 'finance'))
    throw notFound('deposit');
  if (deposit.requestedBy.userId === actor.caller.userId)
    throw forbidden('own_deposit', 'Another finance user must approve or reject a deposit you asked for.');
  const wanted: DepositStatus = decision.outcome === 'approve' ? 'posted' : 'rejected';
  // Approving (or rejecting) again is a no-op, so a retried click is safe; the opposite is refused.
  if (deposit.status === wanted) return depositView(deposit);
  if (deposit.status !== 'pending_approval')
    throw conflict('deposit_decided', `This deposit has already been ${deposit.status.replace('_', ' ')}.`);
  const by = transferActor(actor, deposit.personId);
  const decided: DepositRecord = {
    ...deposit,
    status: wanted,
    decidedBy: by,
    decidedAt: deps.clock.now().toISOString(),
    ...(decision.reason ? { reason: decision.reason } : {}),
  };
  await deps.deposits.save(
    decided,
    'pending_approval',
    wanted === 'posted' ? depositTransfer(decided, by) : undefined,
    [depositAudit(actor, decided, wanted === 'posted' ? 'deposit_approved' : 'deposit_rejected')],
  );
  return depositView(decided);
}
