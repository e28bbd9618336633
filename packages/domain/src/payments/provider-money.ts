/**
 * A provider's money: what it is owed, what is booked and what reached its bank, each payout with
 * what it paid for, and a remittance a small business can hand its accountant. Every figure comes
 * from the provider's own ledger account (`provider_payable`), so the totals and the payouts agree
 * to the penny with what the ledger moved.
 */
import type { Actor } from '../audit/audit.ts';
import type { Clock } from '../clock.ts';
import type { DirectoryStore } from '../directory/ports.ts';
import type { ProviderRecord } from '../directory/provider.ts';
import { invalid, notFound } from '../errors.ts';
import type { GroupStore } from '../groups/ports.ts';
import { accountId, type Ledger, type StatementEntry } from '../ledger/ledger.ts';
import { type CsvCell, csvCell, statementPeriod } from '../money/accounts.ts';
import type { OrderStore } from '../orders/ports.ts';
import type { Page, PageRequest } from '../paging.ts';
import { shortReference } from '../short-reference.ts';

/** Reads the payouts out of a provider's ledger account. */
export interface ProviderPayoutReader {
  /** Payouts from the provider's account, newest first, a page at a time. */
  payouts(providerId: string, page: PageRequest): Promise<Page<StatementEntry>>;
  /** Payouts made on the days `from` to `to` (ISO dates, both included), oldest first. */
  payoutsBetween(providerId: string, from: string, to: string): Promise<StatementEntry[]>;
}

export interface ProviderMoneyDeps {
  ledger: Ledger;
  payouts: ProviderPayoutReader;
  orders: Pick<OrderStore, 'get'>;
  groups: Pick<GroupStore, 'get'>;
  directory: Pick<DirectoryStore, 'getProvider'>;
  clock: Clock;
}

export type PayoutStatus = 'sent' | 'failed' | 'due' | 'held';

export interface PayoutView {
  payoutId: string;
  /** What the provider quotes about this payout. */
  reference: string;
  paidAt: string;
  amountPence: number;
  /** Whether the payment rail has sent it to the bank (`failed` is tried again by the payouts job). */
  status: PayoutStatus;
  paidFor: {
    kind: 'booking' | 'invoice' | 'group';
    /** The order or group purchase, to open it; never a person. */
    id: string;
    reference: string;
    title: string;
    /** The service date (a booking's slot, a group's first session); absent for an invoice. */
    serviceDate?: string;
    /** What it was for, in words a provider's accountant understands, with nothing about the person. */
    words: string;
  };
}

const dayWords = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});

const unitNouns: Record<string, [string, string]> = {
  hour: ['hour', 'hours'],
  session: ['session', 'sessions'],
  day: ['day', 'days'],
  week: ['week', 'weeks'],
  item: ['item', 'items'],
};

function quantityWords(quantity: number, unit: string): string {
  const [one, many] = unitNouns[unit] ?? [unit, unit];
  return `${quantity} ${quantity === 1 ? one : many}`;
}

/** What a payout paid for: the order or group purchase it names, read to say so in words. */
async function paidFor(
  deps: ProviderMoneyDeps,
  entry: StatementEntry,
): Promise<{ status: PayoutStatus; paidFor: PayoutView['paidFor'] }> {
  const id = entry.reference ?? entry.transferId.replace(/^payout-/, '');
  if (id.startsWith('grp_')) {
    const group = await deps.groups.get(id);
    const first = group
      ? group.schedule.kind === 'one_off'
        ? group.schedule.at
        : group.schedule.firstAt
      : undefined;
    const sessions = group?.schedule.kind === 'weekly' ? `${group.schedule.occurrences} weekly sessions` : '';
    return {
      status: group?.payout?.status ?? 'sent',
      paidFor: {
        kind: 'group',
        id,
        reference: shortReference(id),
        title: group?.title ?? 'Group purchase',
        ...(first ? { serviceDate: first } : {}),
        words: group
          ? `${group.title}: group purchase for ${group.settlement?.members ?? group.memberCount} people${
              sessions ? `, ${sessions}` : ''
            }${first ? ` from ${dayWords.format(new Date(first))}` : ''}`
          : 'Group purchase',
      },
    };
  }
  const order = await deps.orders.get(id);
  if (order?.kind === 'invoice') {
    return {
      status: order.payout?.status ?? 'sent',
      paidFor: {
        kind: 'invoice',
        id,
        reference: shortReference(id),
        title: order.title,
        words: `Your invoice ${order.invoiceReference ?? ''}: ${order.title}`.replace('  ', ' '),
      },
    };
  }
  const quantity = order?.delivery?.quantity ?? order?.quantity;
  return {
    status: order?.payout?.status ?? 'sent',
    paidFor: {
      kind: 'booking',
      id,
      reference: shortReference(id),
      title: order?.title ?? 'Booking',
      ...(order ? { serviceDate: order.scheduledFor } : {}),
      words: order
        ? `${order.title}: ${quantityWords(quantity ?? 1, order.priceUnit)} on ${dayWords.format(
            new Date(order.scheduledFor),
          )} for a Carepool budget holder`
        : 'Booking',
    },
  };
}

async function payoutView(deps: ProviderMoneyDeps, entry: StatementEntry): Promise<PayoutView> {
  const about = await paidFor(deps, entry);
  return {
    payoutId: entry.transferId,
    reference: shortReference(entry.transferId),
    paidAt: entry.at,
    // A payout leaves the provider's account: a debit there, shown as the positive sum paid.
    amountPence: -entry.amountPence,
    ...about,
  };
}

/** Someone else's provider is "not found", never "forbidden": we do not confirm it exists. */
async function ownProvider(
  deps: ProviderMoneyDeps,
  actor: Actor,
  providerId: string,
): Promise<ProviderRecord> {
  const provider = await deps.directory.getProvider(providerId);
  if (!provider || provider.ownerUserId !== actor.caller.userId) throw notFound('provider');
  return provider;
}

/**
 * The provider's money now, from its ledger account in one read, and a page of its payouts.
 * `owed`: paid by the person's side, not yet sent to the bank (due, held or being retried).
 * `pending`: set aside for bookings not confirmed yet (booked, accepted, delivered but waiting for
 * the person to confirm, waiting for a care manager's approval or disputed): still the person's
 * money until then. `paid`: everything sent to the provider's bank so far.
 */
export async function providerPayouts(
  deps: ProviderMoneyDeps,
  actor: Actor,
  providerId: string,
  page: PageRequest,
) {
  const provider = await ownProvider(deps, actor, providerId);
  const [account, found] = await Promise.all([
    deps.ledger.account(accountId.providerPayable(providerId)),
    deps.payouts.payouts(providerId, page),
  ]);
  const items = await Promise.all(found.items.map((entry) => payoutView(deps, entry)));
  return {
    providerId,
    providerName: provider.name,
    owedPence: account.creditsPosted - account.debitsPosted,
    pendingPence: account.creditsPending,
    paidPence: account.debitsPosted,
    items,
    ...(found.nextCursor === undefined ? {} : { nextCursor: found.nextCursor }),
  };
}

/** A remittance covers at most a year: an accountant's year end, never the whole history at once. */
const longestRemittanceDays = 366;

export async function providerRemittance(
  deps: ProviderMoneyDeps,
  actor: Actor,
  providerId: string,
  requestedFrom?: string,
  requestedTo?: string,
) {
  const { from, to } = statementPeriod(deps.clock.now(), requestedFrom, requestedTo);
  if (to < from) throw invalid('to', 'The end date must be on or after the start date');
  if (Date.parse(to) - Date.parse(from) > longestRemittanceDays * 86_400_000)
    throw invalid('from', 'Ask for a year or less at a time');
  const provider = await ownProvider(deps, actor, providerId);
  const entries = await deps.payouts.payoutsBetween(providerId, from, to);
  const items = await Promise.all(entries.map((entry) => payoutView(deps, entry)));
  return {
    providerId,
    providerName: provider.name,
    from,
    to,
    totalPence: items.reduce((sum, item) => sum + item.amountPence, 0),
    items,
  };
}

const pounds = (pence: number): CsvCell => ({ amount: (pence / 100).toFixed(2) });
const words = (text: string): CsvCell => ({ text });

/** The remittance as CSV: one payout a row, pounds with two decimals, and the total. */
export function remittanceCsv(remittance: Awaited<ReturnType<typeof providerRemittance>>): string {
  const rows: CsvCell[][] = [
    [
      'Date paid',
      'Payout reference',
      'Paid for',
      'Booking or group reference',
      'Service date',
      'Amount (£)',
      'Status',
    ].map(words),
    ...remittance.items.map((item) => [
      words(item.paidAt.slice(0, 10)),
      words(item.reference),
      words(item.paidFor.words),
      words(item.paidFor.reference),
      words(item.paidFor.serviceDate?.slice(0, 10) ?? ''),
      pounds(item.amountPence),
      words(item.status === 'sent' ? 'Sent to your bank' : 'Not sent yet: being retried'),
    ]),
    [
      words(''),
      words(''),
      words(`Total paid to ${remittance.providerName}, ${remittance.from} to ${remittance.to}`),
      words(''),
      words(''),
      pounds(remittance.totalPence),
      words(''),
    ],
  ];
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
