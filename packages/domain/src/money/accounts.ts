import { type Actor, jobActor } from '../audit/audit.ts';
import { categoryLabel } from '../categories.ts';
import type { Clock } from '../clock.ts';
import { invalid } from '../errors.ts';
import { accountId, type Ledger, type StatementEntry, transferCodeWords } from '../ledger/ledger.ts';
import { accessPerson } from '../people/access.ts';
import type { PeopleStore } from '../people/ports.ts';
import { lineAllowance, ukDate } from '../spending/periods.ts';
import { type DepositSchedule, postDepositFor } from './scheduled-deposits.ts';

export interface MoneyDeps {
  ledger: Ledger;
  people: PeopleStore;
  clock: Clock;
}

/**
 * "What I can still spend": the account's money and, for each plan line of the current plan,
 * its limit now, what is committed (spent or reserved) and what is left.
 */
export async function accountSummary(deps: MoneyDeps, actor: Actor, personId: string) {
  const { person } = await accessPerson(deps, actor.caller, personId, 'account:read');
  const cash = await deps.ledger.account(accountId.holderCash(personId));
  const plan = person.currentPlanId ? await deps.people.getPlan(person.currentPlanId) : undefined;
  const now = deps.clock.now();
  const lines = plan
    ? await Promise.all(
        plan.lines.map(async (line) => {
          const allowance = lineAllowance(line, plan.startDate, now);
          const usage = await deps.ledger.lineUsage(personId, line.lineId, allowance.periodKey);
          return {
            lineId: line.lineId,
            category: line.category,
            label: categoryLabel(line.category),
            period: line.period,
            capPence: line.capPence,
            carryForward: line.carryForward,
            contingency: line.contingency,
            notes: line.notes,
            periodKey: allowance.periodKey,
            limitNowPence: allowance.limitPence,
            committedPence: usage.committedPence,
            spentPence: usage.spentPence,
            reservedPence: usage.committedPence - usage.spentPence,
            leftNowPence: Math.max(0, allowance.limitPence - usage.committedPence),
          };
        }),
      )
    : [];
  return {
    personId,
    balancePence: cash.creditsPosted - cash.debitsPosted,
    reservedPence: cash.debitsPending,
    availablePence: cash.creditsPosted - cash.debitsPosted - cash.debitsPending,
    ...(plan ? { planId: plan.planId } : {}),
    lines,
  };
}

export interface StatementLine extends StatementEntry {
  balanceAfterPence: number;
}

/** A statement a person can follow: every movement in the period with the running balance. */
/**
 * The period a statement covers when the caller names only part of it (or none): up to today,
 * from the first of that month, as a bank statement runs. Dates are UK calendar days.
 */
export function statementPeriod(now: Date, from: string | undefined, to: string | undefined) {
  const today = ukDate(now);
  const pad = (n: number) => String(n).padStart(2, '0');
  const end = to ?? `${today.year}-${pad(today.month)}-${pad(today.day)}`;
  return { from: from ?? `${end.slice(0, 8)}01`, to: end };
}

export async function statementOf(
  deps: MoneyDeps,
  actor: Actor,
  personId: string,
  requestedFrom?: string,
  requestedTo?: string,
) {
  const { from, to } = statementPeriod(deps.clock.now(), requestedFrom, requestedTo);
  if (to < from) throw invalid('to', 'The end date must be on or after the start date');
  await accessPerson(deps, actor.caller, personId, 'account:read');
  const { openingBalancePence, entries } = await deps.ledger.statement(
    accountId.holderCash(personId),
    from,
    to,
  );
  let balance = openingBalancePence;
  const lines: StatementLine[] = entries.map((entry) => {
    balance += entry.amountPence;
    return { ...entry, balanceAfterPence: balance };
  });
  return { personId, from, to, openingBalancePence, closingBalancePence: balance, lines };
}

const money = (p: number) => (p / 100).toFixed(2);

/**
 * A cell of the CSV: text that came from people (a provider's title, a reference) or an amount we
 * formatted ourselves. Only text is neutralised; amounts stay numbers a spreadsheet can add up.
 */
export type CsvCell = { text: string } | { amount: string };

/**
 * Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (and some start a formula after a
 * tab or carriage return) as a formula, so a provider's title like `=HYPERLINK(…)` would run on a
 * holder's or finance user's computer. OWASP's advice: put a single quote in front, which shows
 * the text as written. Amount cells are `-?digits.dd` made by `money()`, never provider text, so a
 * negative amount (a reservation set aside) stays a number.
 */
const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(cell: CsvCell): string {
  const raw = 'amount' in cell ? cell.amount : formulaStart.test(cell.text) ? `'${cell.text}` : cell.text;
  return /[",\r\n]/.test(raw) ? `"${raw.replace(/"/g, '""')}"` : raw;
}

const text = (value: string): CsvCell => ({ text: value });
const amount = (pence: number | undefined): CsvCell => ({ amount: pence === undefined ? '' : money(pence) });

/** The same statement as CSV for a spreadsheet: pounds with two decimals, one row per movement. */
export function statementCsv(statement: Awaited<ReturnType<typeof statementOf>>): string {
  const rows: CsvCell[][] = [
    [
      'Date',
      'What',
      'Description',
      'Money in (£)',
      'Money out (£)',
      'Reserved (£)',
      'Balance (£)',
      'Reference',
    ].map(text),
    [
      text(statement.from),
      text(''),
      text('Opening balance'),
      amount(undefined),
      amount(undefined),
      amount(undefined),
      amount(statement.openingBalancePence),
      text(''),
    ],
    ...statement.lines.map((line) => [
      text(line.at.slice(0, 10)),
      text(transferCodeWords[line.code]),
      text(line.description),
      amount(line.amountPence > 0 ? line.amountPence : undefined),
      amount(line.amountPence < 0 ? -line.amountPence : undefined),
      amount(line.pendingPence !== 0 ? line.pendingPence : undefined),
      amount(line.balanceAfterPence),
      text(line.reference ?? line.transferId),
    ]),
  ];
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/**
 * Posts the four-weekly deposit now due for each of the people given (the seed and tests call it
 * for one person at a time; the scheduled run queues only who the due index says is due, and its
 * workers call `postDepositFor`). Replays of a period already paid count as `alreadyPosted`.
 */
export async function postScheduledDeposits(
  deps: MoneyDeps & {
    peopleInCouncil: (councilId: string) => Promise<Array<{ personId: string }>>;
    schedule?: DepositSchedule | undefined;
  },
  councilId: string,
): Promise<{ posted: number; alreadyPosted: number; skipped: number }> {
  const counts = { posted: 0, alreadyPosted: 0, skipped: 0 };
  for (const { personId } of await deps.peopleInCouncil(councilId))
    counts[await postDepositFor(deps, personId)] += 1;
  return counts;
}

export const systemJobActor = (jobName: string): Actor => jobActor(jobName);
