/**
 * What a statement row says happened, in words: a reservation is money set aside (not spent); a
 * payment says how much was paid from what was set aside and whether any came back.
 */
import { formatPence } from './money.ts';

export interface StatementRow {
  amountPence: number;
  pendingPence: number;
}

const pounds = (pence: number) => formatPence(pence, { pence: 'always' });

/** The line under the row's description, or undefined when the amount says it all. */
export function statementRowNote(row: StatementRow): string | undefined {
  const { amountPence, pendingPence } = row;
  if (pendingPence < 0) return `${pounds(-pendingPence)} set aside until the support happens: not spent yet`;
  if (pendingPence === 0) return undefined;
  if (amountPence === 0) return `The ${pounds(pendingPence)} set aside is back in the account`;
  const paid = -amountPence;
  if (paid >= pendingPence) return `Paid from the ${pounds(pendingPence)} set aside`;
  return `${pounds(paid)} paid from the ${pounds(pendingPence)} set aside; the other ${pounds(pendingPence - paid)} is back in the account`;
}
