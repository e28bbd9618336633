import * as z from 'zod';

/**
 * The chart of accounts. Holders' cash and money owed to providers or held in escrow must never go
 * below zero; the platform's source accounts (council funding, family top-ups) may, because they
 * represent money that came in from outside.
 */
export const AccountKind = z.enum([
  'holder_cash',
  'provider_payable',
  'group_escrow',
  'council_funding',
  'family_topups',
  'payouts_in_transit',
  'platform_fees',
]);
export type AccountKind = z.infer<typeof AccountKind>;

export const noOverdraftKinds: ReadonlySet<AccountKind> = new Set([
  'holder_cash',
  'provider_payable',
  'group_escrow',
]);

/**
 * Payouts in transit is spread over this many accounts: every payout updates its account item,
 * and one item takes about 1,000 small writes a second (less under transactions' contention), so
 * a single item would be the ledger's hot spot. A payout's shard is fixed by its transfer id.
 */
export const payoutShardCount = 16;

/** FNV-1a: a stable, even spread of ids over shards, the same in every process and release. */
function shardOf(key: string, shards: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shards;
}

export const accountId = {
  holderCash: (personId: string) => `holder_cash:${personId}`,
  providerPayable: (providerId: string) => `provider_payable:${providerId}`,
  groupEscrow: (groupId: string) => `group_escrow:${groupId}`,
  councilFunding: (councilId: string) => `council_funding:${councilId}`,
  familyTopups: () => 'family_topups',
  /** The payouts-in-transit shard a payout goes through, chosen by its (ledger) transfer id. */
  payoutsInTransit: (payoutTransferId: string) =>
    `payouts_in_transit:${shardOf(payoutTransferId, payoutShardCount)}`,
  /**
   * Every account that holds payouts in transit, for a total: the shards, and the single account
   * every payout went through before the shards (its balance still counts).
   */
  payoutsInTransitAccounts: () => [
    'payouts_in_transit',
    ...Array.from({ length: payoutShardCount }, (_, n) => `payouts_in_transit:${n}`),
  ],
  platformFees: () => 'platform_fees',
} as const;

export function kindOfAccount(id: string): AccountKind {
  return AccountKind.parse(id.split(':')[0]);
}

/** Balances in the TigerBeetle style: four running totals, all integer pence. */
export const AccountBalances = z.object({
  accountId: z.string(),
  kind: AccountKind,
  debitsPosted: z.number().int(),
  creditsPosted: z.number().int(),
  debitsPending: z.number().int(),
  creditsPending: z.number().int(),
  noOverdraft: z.boolean(),
});
export type AccountBalances = z.infer<typeof AccountBalances>;

/** What the account holder can see as "money in the account": credits less debits, posted only. */
export const postedBalance = (a: Pick<AccountBalances, 'creditsPosted' | 'debitsPosted'>) =>
  a.creditsPosted - a.debitsPosted;

/** What can still be reserved or spent: posted balance less what is already reserved. */
export const availableBalance = (
  a: Pick<AccountBalances, 'creditsPosted' | 'debitsPosted' | 'debitsPending'>,
) => a.creditsPosted - a.debitsPosted - a.debitsPending;

export const TransferCode = z.enum([
  'council_deposit',
  'family_topup',
  'order_reservation',
  'order_payment',
  'order_release',
  'invoice_payment',
  'provider_payout',
  'group_reservation',
  'group_payment',
  'group_release',
  'correction',
]);
export type TransferCode = z.infer<typeof TransferCode>;

/** What each code means, in the words a holder's statement (web and CSV) uses. */
export const transferCodeWords: Record<TransferCode, string> = {
  council_deposit: 'Payment from the council',
  family_topup: 'Top-up from family',
  order_reservation: 'Money set aside for a booking',
  order_payment: 'Payment for support',
  order_release: 'Money set aside, now released',
  invoice_payment: 'Invoice paid',
  provider_payout: 'Paid to provider',
  group_reservation: 'Money set aside for a group purchase',
  group_payment: 'Payment for a group purchase',
  group_release: 'Group purchase money released',
  correction: 'Correction',
};

/** What a reservation becomes when it is resolved: which kind of money, paid or released. */
const resolutions: Partial<Record<TransferCode, { paid: TransferCode; released: TransferCode }>> = {
  order_reservation: { paid: 'order_payment', released: 'order_release' },
  group_reservation: { paid: 'group_payment', released: 'group_release' },
};

/**
 * The code of the transfer that posts or voids a pending one. A statement line must say what
 * happened to the money: a posted reservation is a payment (even if for less than was set aside),
 * a void or a post of nothing is a release, never another "reservation".
 */
export function resolutionCode(pendingCode: TransferCode, postedPence: number): TransferCode {
  const resolved = resolutions[pendingCode];
  if (!resolved) return pendingCode;
  return postedPence > 0 ? resolved.paid : resolved.released;
}

/**
 * Where a spend counts against a plan line, so reservations and releases hit the same counter.
 * The counter belongs to the person and the line, not to a plan version: a line keeps its id when
 * a plan is revised, so what was spent or reserved on it stays counted against the new cap.
 */
export const LineCharge = z.object({
  personId: z.string(),
  /**
   * The plan version the spend was checked against. When set, the ledger refuses the transfer if
   * that version stopped being the person's plan in force between the check and the write.
   */
  planId: z.string().optional(),
  lineId: z.string(),
  /** `plan-year` for carry-forward lines; otherwise the period, e.g. `week-7`. */
  periodKey: z.string(),
  /** The most this counter may reach once this transfer is applied (the line's limit for that period). */
  limitPence: z.number().int().min(0),
});
export type LineCharge = z.infer<typeof LineCharge>;

/**
 * Who caused a movement of money: the user (or `system_<job>`, `<rail>_webhook`), whom they acted
 * for, their council and the request. Stored on the immutable transfer so every penny is traceable.
 */
export const TransferActor = z.object({
  userId: z.string().min(1),
  roles: z.array(z.string()),
  onBehalfOf: z.string().optional(),
  councilId: z.string().optional(),
  requestId: z.string().optional(),
});
export type TransferActor = z.infer<typeof TransferActor>;

export const TransferFlags = z.enum(['single', 'pending', 'post_pending', 'void_pending']);

/** An immutable movement of money between two accounts. Corrections are new transfers, never edits. */
export const Transfer = z.object({
  transferId: z.string().min(1).max(128),
  debitAccountId: z.string(),
  creditAccountId: z.string(),
  amountPence: z.number().int().min(0),
  flags: TransferFlags,
  /** For post/void: the pending transfer being resolved. */
  pendingId: z.string().optional(),
  code: TransferCode,
  /** Plain words for statements: "Lunch club, 3 sessions (Kindlewood)". */
  description: z.string().max(300),
  lineCharge: LineCharge.optional(),
  /** Order, group purchase, deposit… that the transfer belongs to. */
  reference: z.string().optional(),
  actor: TransferActor,
  createdAt: z.string(),
});
export type Transfer = z.infer<typeof Transfer>;
export type TransferRequest = Omit<Transfer, 'createdAt'>;

/** The fields that make two requests "the same transfer", for idempotent replays. */
export function sameTransfer(a: TransferRequest, b: TransferRequest): boolean {
  return (
    a.transferId === b.transferId &&
    a.debitAccountId === b.debitAccountId &&
    a.creditAccountId === b.creditAccountId &&
    a.amountPence === b.amountPence &&
    a.flags === b.flags &&
    a.pendingId === b.pendingId &&
    a.code === b.code
  );
}

/** The ledger port: every method is one atomic transaction, idempotent by transfer id forever. */
export interface Ledger {
  /** Applies a single-phase or pending transfer. A repeat with the same id and fields returns the first. */
  transfer(request: TransferRequest): Promise<Transfer>;
  /** Posts a pending transfer for `amountPence` ≤ the reserved amount; the rest is released. */
  postPending(request: {
    transferId: string;
    pendingId: string;
    amountPence: number;
    description: string;
    actor: TransferActor;
  }): Promise<Transfer>;
  voidPending(request: {
    transferId: string;
    pendingId: string;
    description: string;
    actor: TransferActor;
  }): Promise<Transfer>;
  account(accountId: string): Promise<AccountBalances>;
  getTransfer(transferId: string): Promise<Transfer | undefined>;
  /** What is committed (posted + pending) and spent (posted) on a person's plan line in one period. */
  lineUsage(
    personId: string,
    lineId: string,
    periodKey: string,
  ): Promise<{ committedPence: number; spentPence: number }>;
  /** The same, added up over every period of the line: what a revision that drops it would strand. */
  lineTotals(personId: string, lineId: string): Promise<{ committedPence: number; spentPence: number }>;
  /** Entries on one account between two instants, oldest first, with the balance before `from`. */
  statement(
    accountId: string,
    from: string,
    to: string,
  ): Promise<{ openingBalancePence: number; entries: StatementEntry[] }>;
}

export interface StatementEntry {
  transferId: string;
  at: string;
  /** Positive money in, negative money out, from this account's point of view (posted only). */
  amountPence: number;
  /** Reservations appear with their amount here and 0 in amountPence until posted. */
  pendingPence: number;
  code: TransferCode;
  description: string;
  reference?: string | undefined;
  lineId?: string | undefined;
}
