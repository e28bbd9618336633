import { jobActor, transferActor } from '../audit/audit.ts';
import { DomainError } from '../errors.ts';
import { accountId, type Transfer, type TransferRequest } from '../ledger/ledger.ts';
import { pence, splitByLargestRemainder } from '../money.ts';
import type { Budget, PersonRecord } from '../people/person.ts';
import type { MoneyDeps } from './accounts.ts';

/** Thirteen four-week periods make a plan year; shares use largest remainder so the year adds up. */
export const depositsPerYear = 13;
const dayMs = 86_400_000;

/** Only money the council holds for the person is deposited by the council on a schedule. */
const scheduled = (budget: Budget | undefined): budget is Budget =>
  budget !== undefined && ['managed_account', 'mixed'].includes(budget.deployment);

/**
 * A person's next four-weekly deposit: the day (UTC, as the period arithmetic is) it falls due and
 * the plan year it belongs to. Kept in the table as one small item per person, indexed by council
 * and day, so the daily run reads only who is due instead of everyone.
 */
export interface DepositDue {
  personId: string;
  councilId: string;
  /** YYYY-MM-DD: due on this day or any day after (a missed run is caught up). */
  dueOn: string;
  planYearStart: string;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Where a person's schedule stands after a budget is set: due today if the plan year has started
 * (the run posts this period, or finds it already paid and moves on), else on its first day.
 * Nothing is due for a budget the council does not deposit into.
 */
export function depositDueFrom(person: PersonRecord, now: Date): DepositDue | undefined {
  const budget = person.budget;
  if (!scheduled(budget)) return undefined;
  const today = isoDay(now.getTime());
  return {
    personId: person.personId,
    councilId: person.councilId,
    dueOn: budget.planYearStart > today ? budget.planYearStart : today,
    planYearStart: budget.planYearStart,
  };
}

/** Once period `period` is paid, the next falls due 28 days after it began; after the 13th, none. */
function dueAfter(person: PersonRecord, budget: Budget, period: number): DepositDue | undefined {
  if (period >= depositsPerYear) return undefined;
  return {
    personId: person.personId,
    councilId: person.councilId,
    dueOn: isoDay(Date.parse(budget.planYearStart) + period * 28 * dayMs),
    planYearStart: budget.planYearStart,
  };
}

/** The due-deposit index: what is due, and moving a person on in the same transaction as the money. */
export interface DepositSchedule {
  /** People of a council due on or before this day (YYYY-MM-DD), oldest first. */
  dueIn(councilId: string, onOrBefore: string): Promise<Array<{ personId: string }>>;
  /** True once a council's existing people have been given their due items (see `backfill`). */
  isIndexed(councilId: string): Promise<boolean>;
  markIndexed(councilId: string): Promise<void>;
  /**
   * Sets (or, with `due` undefined, clears) a person's due item outside a ledger write. Only while
   * the stored item is for `planYearStart` (or absent): a budget set meanwhile wins.
   */
  moveOn(personId: string, planYearStart: string, due: DepositDue | undefined): Promise<void>;
  /**
   * Posts the deposit and moves the person's due item on in ONE transaction (a budget changed in
   * the meantime makes it a `version_conflict`, and nothing is written). A transfer already posted
   * comes back as the first one, and then the due item is moved on by itself.
   */
  postAndMoveOn(
    personId: string,
    transfer: TransferRequest,
    planYearStart: string,
    next: DepositDue | undefined,
  ): Promise<Transfer>;
}

/** The port the daily run hands due people to: SQS in AWS, an in-process queue locally. */
export interface DepositQueue {
  send(messages: DepositMessage[]): Promise<void>;
}
export interface DepositMessage {
  councilId: string;
  personId: string;
}

export type DepositOutcome = 'posted' | 'alreadyPosted' | 'skipped';

/**
 * Posts one person's four-weekly deposit now due, if any. The transfer id names the holder, plan
 * year and period, so running it twice (or on two machines) pays once; a period already paid comes
 * back from the ledger as the first transfer, made before this run started, and counts as
 * `alreadyPosted`. With a `schedule`, the person's due item moves to the next period in the same
 * transaction (or is cleared), so the person is read again only when next due.
 */
export async function postDepositFor(
  deps: MoneyDeps & { schedule?: DepositSchedule | undefined },
  personId: string,
): Promise<DepositOutcome> {
  const now = deps.clock.now();
  const person = await deps.people.getPerson(personId);
  const budget = person?.budget;
  if (!person || !scheduled(budget)) {
    if (person && deps.schedule) await deps.schedule.moveOn(personId, budget?.planYearStart ?? '', undefined);
    return 'skipped';
  }
  const elapsedDays = Math.floor((now.getTime() - Date.parse(budget.planYearStart)) / dayMs);
  if (elapsedDays < 0) {
    await deps.schedule?.moveOn(personId, budget.planYearStart, depositDueFrom(person, now));
    return 'skipped';
  }
  const period = Math.min(depositsPerYear, Math.floor(elapsedDays / 28) + 1);
  const next = dueAfter(person, budget, period);
  const shares = splitByLargestRemainder(
    pence(budget.allocationPence),
    Array.from({ length: depositsPerYear }, () => 1),
  );
  const amount = shares[period - 1] ?? 0;
  if (amount <= 0) {
    await deps.schedule?.moveOn(personId, budget.planYearStart, next);
    return 'skipped';
  }
  const request: TransferRequest = {
    transferId: `deposit-${personId}-${budget.planYearStart}-${period}`,
    debitAccountId: accountId.councilFunding(person.councilId),
    creditAccountId: accountId.holderCash(personId),
    amountPence: amount,
    flags: 'single',
    code: 'council_deposit',
    description: `Council deposit, 4 weeks in advance (${period} of ${depositsPerYear})`,
    reference: `${budget.planYearStart}#${period}`,
    actor: transferActor(jobActor('scheduled_deposits'), personId),
  };
  try {
    const transfer = deps.schedule
      ? await deps.schedule.postAndMoveOn(personId, request, budget.planYearStart, next)
      : await deps.ledger.transfer(request);
    // A period already paid (by an earlier run, or another machine) comes back from the ledger
    // as the first transfer, made before this run started: no read beforehand is needed.
    return Date.parse(transfer.createdAt) < now.getTime() ? 'alreadyPosted' : 'posted';
  } catch (error) {
    if (error instanceof DomainError && error.code === 'transfer_id_reused') {
      // Paid already under another amount (the allocation changed mid-period): nothing to post.
      await deps.schedule?.moveOn(personId, budget.planYearStart, next);
      return 'skipped';
    }
    throw error;
  }
}

/**
 * Gives everyone already in a council a due item, once per council (people registered before the
 * due index existed, or loaded in bulk): the first daily run does it, and so does the backfill
 * script. Undefined if the council was already indexed, else how many people were given one.
 */
export async function indexDueDeposits(
  deps: MoneyDeps & {
    schedule: DepositSchedule;
    peopleInCouncil: (councilId: string) => Promise<Array<{ personId: string }>>;
  },
  councilId: string,
): Promise<number | undefined> {
  if (await deps.schedule.isIndexed(councilId)) return undefined;
  let indexed = 0;
  const now = deps.clock.now();
  for (const { personId } of await deps.peopleInCouncil(councilId)) {
    const person = await deps.people.getPerson(personId);
    if (!person?.budget) continue;
    const due = depositDueFrom(person, now);
    if (!due) continue;
    await deps.schedule.moveOn(personId, due.planYearStart, due);
    indexed += 1;
  }
  await deps.schedule.markIndexed(councilId);
  return indexed;
}

/**
 * The daily run for one council: finds who is due today (or overdue, if a run was missed) from the
 * due index and queues one message per person; workers post them (`postDepositFor`). The first
 * run for a council gives everyone already in it a due item, once (people registered before the
 * index existed, or loaded in bulk).
 */
export async function queueDueDeposits(
  deps: MoneyDeps & {
    schedule: DepositSchedule;
    queue: DepositQueue;
    peopleInCouncil: (councilId: string) => Promise<Array<{ personId: string }>>;
  },
  councilId: string,
): Promise<{ due: number; indexed?: number }> {
  const indexed = await indexDueDeposits(deps, councilId);
  const today = isoDay(deps.clock.now().getTime());
  const due = await deps.schedule.dueIn(councilId, today);
  await deps.queue.send(due.map(({ personId }) => ({ councilId, personId })));
  return { due: due.length, ...(indexed === undefined ? {} : { indexed }) };
}
