/**
 * The monitoring report (DESIGN 3.8): what personal budgets buy and achieve in a council, broken
 * down by how each budget is deployed, with small cells suppressed so no one can be picked out.
 *
 * How it stays cheap. The report never reads holders, transfers or surveys: a scheduled job
 * (`rebuildMonitoring`) folds one council-month at a time into ONE aggregate item, and a request
 * reads one item per month in range. Counting distinct people per cell is what needs care: the job
 * counts them exactly within a month (it holds that month's payer ids in memory, never in the
 * table), and over several months the report uses the most in any one month. That is a lower
 * bound of the distinct people over the range, so suppression can only err towards hiding a cell,
 * never towards showing one about fewer than five people. We chose a monthly rebuild over keeping
 * a set of person ids per cell (a set grows with the council and an item stops at 400 KB) and over
 * a membership item per (cell, person) (the report would then read one item per person, which is
 * the whole-table read we are avoiding). A month is final once it has been rebuilt after it ended:
 * transfers are immutable and stamped when they are made, so a closed month never changes.
 */
import * as z from 'zod';
import type { Actor } from '../audit/audit.ts';
import { CategoryCode } from '../categories.ts';
import type { Clock } from '../clock.ts';
import { ProviderKind } from '../directory/provider.ts';
import { DomainError, invalid, notFound } from '../errors.ts';
import { Deployment } from '../people/person.ts';
import { type RequestDeps, unmetDemand } from '../requests/use-cases.ts';
import { hasRole } from '../roles.ts';
import { ukDate } from '../spending/periods.ts';
import { OutcomeDomain, type OutcomeSurveyRecord } from './outcomes.ts';

/** No published cell may describe fewer people than this. */
export const minimumCellSize = 5;

export const DeploymentOrAll = z.union([Deployment, z.literal('all')]);
export type DeploymentOrAll = z.infer<typeof DeploymentOrAll>;

export const MonthKey = z.string().regex(/^\d{4}-\d{2}$/);

/** One council-month, as the job stores it. People counts are distinct within the month. */
export const MonthlyAggregate = z.object({
  councilId: z.string(),
  month: MonthKey,
  builtAt: z.string(),
  /** Built after the month ended: final, never rebuilt. */
  closed: z.boolean(),
  /** Holders with a budget at the time of the build, by deployment. */
  holders: z.array(z.object({ deployment: Deployment, people: z.number().int() })),
  spend: z.array(
    z.object({
      dimension: z.enum(['total', 'category', 'provider_kind']),
      value: z.string(),
      deployment: DeploymentOrAll,
      amountPence: z.number().int(),
      people: z.number().int(),
    }),
  ),
  groupSavings: z.array(
    z.object({
      deployment: DeploymentOrAll,
      people: z.number().int(),
      paidPence: z.number().int(),
      individualPricePence: z.number().int(),
    }),
  ),
  outcomes: z.array(
    z.object({
      deployment: DeploymentOrAll,
      domain: OutcomeDomain,
      better: z.number().int(),
      same: z.number().int(),
      worse: z.number().int(),
    }),
  ),
});
export type MonthlyAggregate = z.infer<typeof MonthlyAggregate>;

/** What the job reads about one council-month (the store gathers it; the fold below is pure). */
export interface MonthFacts {
  holders: Array<{ personId: string; deployment: Deployment }>;
  /** Money that left holders' accounts to pay for support in the month (posted, not reservations). */
  spends: Array<{
    personId: string;
    amountPence: number;
    category: string;
    providerKind: ProviderKind | 'unknown';
    /** For group payments: what the member would have paid alone, for the same sessions. */
    individualPricePence?: number | undefined;
  }>;
  surveys: OutcomeSurveyRecord[];
}

export interface MonitoringStore {
  /** The stored aggregates for these months (missing months are simply absent). */
  months(councilId: string, months: readonly string[]): Promise<MonthlyAggregate[]>;
  put(aggregate: MonthlyAggregate): Promise<void>;
  /** Reads one council-month's holders, spend and surveys: the job's cost, never a request's. */
  facts(councilId: string, month: { from: string; to: string }): Promise<MonthFacts>;
}

/**
 * Alerts raised and resolved, counted by rule and outcome. A port, because alerts are built
 * separately: until they land, `noAlertCounts` answers that there is nothing to count.
 */
export interface AlertCountRow {
  rule: string;
  outcome: string;
  raised: number;
  resolved: number;
  /** Distinct people the alerts were about, for suppression. */
  people: number;
}
export interface AlertCounts {
  /** False until alerts exist: the report says so rather than showing zeros as a finding. */
  readonly available: boolean;
  byRuleAndOutcome(councilId: string, from: string, to: string): Promise<AlertCountRow[]>;
}
export const noAlertCounts: AlertCounts = {
  available: false,
  byRuleAndOutcome: async () => [],
};

export interface MonitoringDeps {
  monitoring: MonitoringStore;
  alerts: AlertCounts;
  requests: RequestDeps;
  clock: Clock;
}

// ---------------------------------------------------------------------------------------------
// Months in UK time

const monthKeyOf = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}`;

function shiftMonth(key: string, by: number): string {
  const [y, m] = key.split('-').map(Number);
  const index = (y ?? 0) * 12 + ((m ?? 1) - 1) + by;
  return monthKeyOf(Math.floor(index / 12), (index % 12) + 1);
}

/** The instant a UK calendar month starts (midnight Europe/London, in UTC). */
export function ukMonthStart(key: string): Date {
  const [y, m] = key.split('-').map(Number);
  const midnightUtc = Date.UTC(y ?? 0, (m ?? 1) - 1, 1);
  // In British Summer Time the month starts at 23:00 UTC the day before.
  for (const offsetHours of [1, 0]) {
    const at = new Date(midnightUtc - offsetHours * 3_600_000);
    const d = ukDate(at);
    if (d.day === 1 && monthKeyOf(d.year, d.month) === key) return at;
  }
  return new Date(midnightUtc);
}

export function ukMonthOf(at: Date): string {
  const d = ukDate(at);
  return monthKeyOf(d.year, d.month);
}

export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let key = from; key <= to && out.length < 1000; key = shiftMonth(key, 1)) out.push(key);
  return out;
}

/** The most months one report covers: two plan years. */
export const maxReportMonths = 24;

// ---------------------------------------------------------------------------------------------
// The fold: one council-month of facts into one aggregate

class Cells<V> {
  private readonly cells = new Map<string, { value: V; people: Set<string> }>();
  add(key: string, personId: string, start: () => V, update: (value: V) => void) {
    let cell = this.cells.get(key);
    if (!cell) {
      cell = { value: start(), people: new Set() };
      this.cells.set(key, cell);
    }
    cell.people.add(personId);
    update(cell.value);
  }
  entries() {
    return [...this.cells.entries()].map(([key, cell]) => ({ key, ...cell }));
  }
}

export function foldMonth(
  councilId: string,
  month: string,
  facts: MonthFacts,
  builtAt: Date,
): MonthlyAggregate {
  const deploymentOf = new Map(facts.holders.map((h) => [h.personId, h.deployment]));
  const holders = new Map<Deployment, number>();
  for (const h of facts.holders) holders.set(h.deployment, (holders.get(h.deployment) ?? 0) + 1);

  const spend = new Cells<{ amountPence: number }>();
  const savings = new Cells<{ paidPence: number; individualPricePence: number }>();
  for (const s of facts.spends) {
    const deployment = deploymentOf.get(s.personId);
    if (!deployment) continue;
    for (const d of [deployment, 'all'] as const) {
      for (const [dimension, value] of [
        ['total', 'all'],
        ['category', s.category],
        ['provider_kind', s.providerKind],
      ] as const) {
        spend.add(
          `${dimension}|${value}|${d}`,
          s.personId,
          () => ({ amountPence: 0 }),
          (c) => {
            c.amountPence += s.amountPence;
          },
        );
      }
      if (s.individualPricePence !== undefined) {
        const individual = s.individualPricePence;
        savings.add(
          d,
          s.personId,
          () => ({ paidPence: 0, individualPricePence: 0 }),
          (c) => {
            c.paidPence += s.amountPence;
            c.individualPricePence += individual;
          },
        );
      }
    }
  }

  // One answer per person per month: if someone answered twice (two plans approved in a month), the later counts.
  const latest = new Map<string, OutcomeSurveyRecord>();
  for (const s of facts.surveys) {
    const seen = latest.get(s.personId);
    if (!seen || seen.submittedAt < s.submittedAt) latest.set(s.personId, s);
  }
  const outcomes = new Map<string, { better: number; same: number; worse: number }>();
  for (const s of latest.values()) {
    const deployment = s.deployment ?? deploymentOf.get(s.personId);
    if (!deployment) continue;
    for (const d of [deployment, 'all'] as const) {
      for (const domain of OutcomeDomain.options) {
        const key = `${d}|${domain}`;
        const counts = outcomes.get(key) ?? { better: 0, same: 0, worse: 0 };
        counts[s.answers[domain].answer] += 1;
        outcomes.set(key, counts);
      }
    }
  }

  const monthEnd = ukMonthStart(shiftMonth(month, 1));
  return {
    councilId,
    month,
    builtAt: builtAt.toISOString(),
    closed: builtAt.getTime() >= monthEnd.getTime(),
    holders: Deployment.options.map((deployment) => ({ deployment, people: holders.get(deployment) ?? 0 })),
    spend: spend.entries().map(({ key, value, people }) => {
      const [dimension, v, d] = key.split('|') as [
        'total' | 'category' | 'provider_kind',
        string,
        DeploymentOrAll,
      ];
      return { dimension, value: v, deployment: d, amountPence: value.amountPence, people: people.size };
    }),
    groupSavings: savings.entries().map(({ key, value, people }) => ({
      deployment: key as DeploymentOrAll,
      people: people.size,
      ...value,
    })),
    outcomes: [...outcomes.entries()].map(([key, counts]) => {
      const [d, domain] = key.split('|') as [DeploymentOrAll, OutcomeDomain];
      return { deployment: d, domain, ...counts };
    }),
  };
}

/**
 * The scheduled job: rebuilds this month, and any of the last twelve that is missing or was last
 * built before it ended. Its cost grows with one month's holders and transfers; a closed month is
 * never read again.
 */
export async function rebuildMonitoring(
  deps: { monitoring: MonitoringStore; clock: Clock },
  councilId: string,
  options: { backfillMonths?: number } = {},
): Promise<{ rebuilt: string[] }> {
  const now = deps.clock.now();
  const current = ukMonthOf(now);
  const candidates = monthsBetween(shiftMonth(current, -(options.backfillMonths ?? 12)), current);
  const stored = new Map((await deps.monitoring.months(councilId, candidates)).map((m) => [m.month, m]));
  const rebuilt: string[] = [];
  for (const month of candidates) {
    if (month !== current && stored.get(month)?.closed) continue;
    // Months before the council had any activity stay unbuilt rather than stored empty, except the current one.
    const facts = await deps.monitoring.facts(councilId, {
      from: ukMonthStart(month).toISOString(),
      to: new Date(ukMonthStart(shiftMonth(month, 1)).getTime() - 1).toISOString(),
    });
    if (month !== current && !stored.has(month) && facts.spends.length === 0 && facts.surveys.length === 0)
      continue;
    await deps.monitoring.put(foldMonth(councilId, month, facts, now));
    rebuilt.push(month);
  }
  return { rebuilt };
}

// ---------------------------------------------------------------------------------------------
// Suppression

export type SuppressionReason = 'fewer_than_five_people' | 'protects_another_cell';

export const suppressionWords: Record<SuppressionReason, string> = {
  fewer_than_five_people: `It describes fewer than ${minimumCellSize} people, so someone could be picked out.`,
  protects_another_cell:
    'Hidden as well, so a hidden cell in the same row or column cannot be worked out by subtracting from the total.',
};

interface Suppressible {
  people: number;
  /** Groups of cells that add up to a published total: hiding one alone would not hide it. */
  siblingGroups: string[];
  suppressed?: SuppressionReason;
  /** Used to pick which sibling to hide as well: the smallest. */
  size: number;
}

/**
 * Primary suppression (fewer than five people, but not zero: an empty cell describes no one), then
 * secondary: in any group of siblings adding up to a shown total where exactly one cell is hidden,
 * hide the smallest other non-empty one too, until nothing changes.
 */
export function suppress<T extends Suppressible>(input: T[]): Array<T & { suppressed?: SuppressionReason }> {
  const cells: Array<T & { suppressed?: SuppressionReason }> = input;
  for (const cell of cells) {
    if (cell.people > 0 && cell.people < minimumCellSize) cell.suppressed = 'fewer_than_five_people';
  }
  for (let changed = true; changed; ) {
    changed = false;
    const groups = new Map<string, typeof cells>();
    for (const cell of cells)
      for (const g of cell.siblingGroups) groups.set(g, [...(groups.get(g) ?? []), cell]);
    for (const members of groups.values()) {
      if (members.filter((c) => c.suppressed).length !== 1) continue;
      const next = members
        .filter((c) => !c.suppressed && c.size > 0)
        .sort((a, b) => a.size - b.size || a.people - b.people)[0];
      if (next) {
        next.suppressed = 'protects_another_cell';
        changed = true;
      }
    }
  }
  return cells;
}

// ---------------------------------------------------------------------------------------------
// The report

export const MonitoringQuery = z.object({
  from: z.iso.date({ error: 'Use a date like 2026-04-01' }),
  to: z.iso.date({ error: 'Use a date like 2026-04-30' }),
  councilId: z.string().optional(),
});
export type MonitoringQuery = z.infer<typeof MonitoringQuery>;

const Suppressed = z.enum(['fewer_than_five_people', 'protects_another_cell']).nullable();
const Count = z.number().int().nullable();

export const MonitoringReport = z.object({
  councilId: z.string(),
  from: z.string(),
  to: z.string(),
  /** The report is built from whole UK calendar months: these are the ones it covers. */
  months: z.array(MonthKey),
  /** Months in range the job has not built yet: their figures are missing, not zero. */
  monthsNotBuilt: z.array(MonthKey),
  /** When the oldest month shown was last rebuilt: the figures are as fresh as this. */
  builtAt: z.string().nullable(),
  minimumCellSize: z.number().int(),
  /** How people are counted over several months. */
  peopleCounting: z.string(),
  holders: z.array(z.object({ deployment: DeploymentOrAll, people: Count, suppressed: Suppressed })),
  spendByDeployment: z.array(
    z.object({ deployment: DeploymentOrAll, amountPence: Count, people: Count, suppressed: Suppressed }),
  ),
  spendByCategory: z.array(
    z.object({
      category: CategoryCode,
      deployment: DeploymentOrAll,
      amountPence: Count,
      people: Count,
      suppressed: Suppressed,
    }),
  ),
  spendByProviderKind: z.array(
    z.object({
      providerKind: z.union([ProviderKind, z.literal('unknown')]),
      deployment: DeploymentOrAll,
      amountPence: Count,
      people: Count,
      suppressed: Suppressed,
    }),
  ),
  /** The share of spend that went to micro-enterprises, in tenths of a percent (e.g. 412 = 41.2%). */
  microEnterpriseShare: z.array(
    z.object({ deployment: DeploymentOrAll, perMille: Count, suppressed: Suppressed }),
  ),
  groupSavings: z.array(
    z.object({
      deployment: DeploymentOrAll,
      people: Count,
      paidPence: Count,
      individualPricePence: Count,
      savedPence: Count,
      suppressed: Suppressed,
    }),
  ),
  unmetRequests: z.array(
    z.object({
      area: z.string(),
      category: CategoryCode,
      requests: Count,
      people: Count,
      quotesReceived: Count,
      suppressed: Suppressed,
    }),
  ),
  alerts: z.object({
    /** False until alerts are built: the rows are then empty, not a finding of "no alerts". */
    available: z.boolean(),
    rows: z.array(
      z.object({
        rule: z.string(),
        outcome: z.string(),
        raised: Count,
        resolved: Count,
        people: Count,
        suppressed: Suppressed,
      }),
    ),
  }),
  outcomes: z.array(
    z.object({
      deployment: DeploymentOrAll,
      domain: OutcomeDomain,
      respondents: Count,
      betterPercent: Count,
      samePercent: Count,
      worsePercent: Count,
      suppressed: Suppressed,
    }),
  ),
  /** Every hidden cell, in words: which table, which cell, and why. */
  suppressedCells: z.array(z.object({ table: z.string(), cell: z.string(), reason: z.string() })),
});
export type MonitoringReport = z.infer<typeof MonitoringReport>;

/** Percentages of a whole that add up to exactly 100 (largest remainder). */
export function wholePercents(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return counts.map(() => 0);
  const exact = counts.map((c) => (c * 100) / total);
  const floors = exact.map(Math.floor);
  let left = 100 - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    left--;
  }
  return floors;
}

const deploymentOrder: DeploymentOrAll[] = [...Deployment.options, 'all'];
const byDeployment = (a: { deployment: DeploymentOrAll }, b: { deployment: DeploymentOrAll }) =>
  deploymentOrder.indexOf(a.deployment) - deploymentOrder.indexOf(b.deployment);

function hide<T extends Record<string, unknown>>(
  row: T & { suppressed?: SuppressionReason },
  figures: readonly (keyof T)[],
): T & { suppressed: SuppressionReason | null } {
  const out: Record<string, unknown> = { ...row, suppressed: row.suppressed ?? null };
  if (row.suppressed) for (const f of figures) out[f as string] = null;
  delete out.siblingGroups;
  delete out.size;
  return out as T & { suppressed: SuppressionReason | null };
}

export async function monitoringReport(
  deps: MonitoringDeps,
  actor: Actor,
  query: MonitoringQuery,
): Promise<MonitoringReport> {
  const { caller } = actor;
  if (!caller.councilId || !hasRole(caller, 'care_manager', 'auditor')) {
    // Council staff who may not see it are told why; anyone else learns nothing about the council.
    if (caller.councilId && query.councilId && query.councilId !== caller.councilId)
      throw notFound('council');
    throw new DomainError('forbidden', 'role_not_allowed', 'Care managers and auditors of the council only.');
  }
  if (query.councilId && query.councilId !== caller.councilId) throw notFound('council');
  if (query.to < query.from) throw invalid('to', 'The end date must be on or after the start date');
  const councilId = caller.councilId;
  const months = monthsBetween(query.from.slice(0, 7), query.to.slice(0, 7));
  if (months.length > maxReportMonths)
    throw invalid('to', `A report covers at most ${maxReportMonths} months: choose a shorter period`);
  const periodFrom = ukMonthStart(months[0] ?? query.from.slice(0, 7));

  const [aggregates, unmet, alertRows] = await Promise.all([
    deps.monitoring.months(councilId, months),
    unmetDemand(deps.requests, actor, query.from, query.to),
    deps.alerts.byRuleAndOutcome(
      councilId,
      periodFrom.toISOString(),
      new Date(
        ukMonthStart(shiftMonth(months.at(-1) ?? query.to.slice(0, 7), 1)).getTime() - 1,
      ).toISOString(),
    ),
  ]);
  const built = new Set(aggregates.map((a) => a.month));
  const suppressedCells: MonitoringReport['suppressedCells'] = [];
  const note = (table: string, cell: string, reason: SuppressionReason | undefined) => {
    if (reason) suppressedCells.push({ table, cell, reason: suppressionWords[reason] });
  };

  // Holders: the latest month's snapshot.
  const latest = [...aggregates].sort((a, b) => b.month.localeCompare(a.month))[0];
  const holderCells = suppress(
    (latest
      ? [
          ...latest.holders,
          { deployment: 'all' as const, people: latest.holders.reduce((sum, h) => sum + h.people, 0) },
        ]
      : []
    ).map((h) => ({
      deployment: h.deployment as DeploymentOrAll,
      people: h.people,
      size: h.people,
      siblingGroups: h.deployment === 'all' ? [] : ['holders'],
    })),
  );

  // Spend: amounts add up over months; people are the most in any one month (a lower bound).
  const spendCells = new Map<
    string,
    { dimension: string; value: string; deployment: DeploymentOrAll; amountPence: number; people: number }
  >();
  for (const a of aggregates) {
    for (const s of a.spend) {
      const key = `${s.dimension}|${s.value}|${s.deployment}`;
      const cell = spendCells.get(key) ?? { ...s, amountPence: 0, people: 0 };
      cell.amountPence += s.amountPence;
      cell.people = Math.max(cell.people, s.people);
      spendCells.set(key, cell);
    }
  }
  const spend = suppress(
    [...spendCells.values()].map((c) => ({
      ...c,
      size: c.amountPence,
      siblingGroups:
        c.dimension === 'total'
          ? c.deployment === 'all'
            ? []
            : ['total']
          : [
              ...(c.deployment === 'all' ? [] : [`${c.dimension}|by-deployment|${c.value}`]),
              `${c.dimension}|within|${c.deployment}`,
            ],
    })),
  );
  const spendRows = (dimension: string) =>
    spend
      .filter((c) => c.dimension === dimension)
      .sort((a, b) => a.value.localeCompare(b.value) || byDeployment(a, b));

  const totalByDeployment = new Map(spendRows('total').map((c) => [c.deployment, c]));
  const microEnterpriseShare = deploymentOrder.flatMap((deployment) => {
    const total = totalByDeployment.get(deployment);
    if (!total) return [];
    const micro = spend.find(
      (c) => c.dimension === 'provider_kind' && c.value === 'micro_enterprise' && c.deployment === deployment,
    );
    const reason = total.suppressed ?? micro?.suppressed;
    return [
      {
        deployment,
        perMille:
          reason || total.amountPence === 0
            ? null
            : Math.round(((micro?.amountPence ?? 0) * 1000) / total.amountPence),
        suppressed: reason ?? null,
      },
    ];
  });

  const savingsCells = new Map<
    string,
    { deployment: DeploymentOrAll; people: number; paidPence: number; individualPricePence: number }
  >();
  for (const a of aggregates) {
    for (const s of a.groupSavings) {
      const cell = savingsCells.get(s.deployment) ?? {
        deployment: s.deployment,
        people: 0,
        paidPence: 0,
        individualPricePence: 0,
      };
      cell.people = Math.max(cell.people, s.people);
      cell.paidPence += s.paidPence;
      cell.individualPricePence += s.individualPricePence;
      savingsCells.set(s.deployment, cell);
    }
  }
  const savings = suppress(
    [...savingsCells.values()].map((c) => ({
      ...c,
      savedPence: c.individualPricePence - c.paidPence,
      size: c.paidPence,
      siblingGroups: c.deployment === 'all' ? [] : ['savings'],
    })),
  ).sort(byDeployment);

  const unmetCells = suppress(unmet.rows.map((r) => ({ ...r, size: r.people, siblingGroups: ['unmet'] })));

  const alertCells = suppress(
    alertRows.map((r) => ({ ...r, size: r.raised, siblingGroups: [`rule|${r.rule}`] })),
  );

  const outcomeCells = new Map<
    string,
    { deployment: DeploymentOrAll; domain: OutcomeDomain; better: number; same: number; worse: number }
  >();
  for (const a of aggregates) {
    for (const o of a.outcomes) {
      const key = `${o.deployment}|${o.domain}`;
      const cell = outcomeCells.get(key) ?? {
        deployment: o.deployment,
        domain: o.domain,
        better: 0,
        same: 0,
        worse: 0,
      };
      cell.better += o.better;
      cell.same += o.same;
      cell.worse += o.worse;
      outcomeCells.set(key, cell);
    }
  }
  // A person answers once per plan, so summed over months they could count twice: suppression uses
  // the most respondents in any one month, a lower bound of the distinct people, like spend.
  const mostInAMonth = (c: { deployment: DeploymentOrAll; domain: OutcomeDomain }) =>
    Math.max(
      0,
      ...aggregates.flatMap((a) =>
        a.outcomes
          .filter((o) => o.deployment === c.deployment && o.domain === c.domain)
          .map((o) => o.better + o.same + o.worse),
      ),
    );
  const outcomes = suppress(
    [...outcomeCells.values()].map((c) => {
      const respondents = c.better + c.same + c.worse;
      return {
        ...c,
        respondents,
        people: mostInAMonth(c),
        size: respondents,
        siblingGroups: c.deployment === 'all' ? [] : [`outcomes|${c.domain}`],
      };
    }),
  );

  const words = (d: DeploymentOrAll) => (d === 'all' ? 'all deployments' : d);
  for (const c of holderCells) note('Holders by deployment', words(c.deployment), c.suppressed);
  for (const c of spend)
    note(`Spend by ${c.dimension.replace('_', ' ')}`, `${c.value}, ${words(c.deployment)}`, c.suppressed);
  for (const c of savings) note('Group-purchase savings', words(c.deployment), c.suppressed);
  for (const c of unmetCells) note('Unmet requests', `${c.area}, ${c.category}`, c.suppressed);
  for (const c of alertCells) note('Alerts', `${c.rule}, ${c.outcome}`, c.suppressed);
  for (const c of outcomes) note('Outcomes', `${c.domain}, ${words(c.deployment)}`, c.suppressed);

  return {
    councilId,
    from: query.from,
    to: query.to,
    months,
    monthsNotBuilt: months.filter((m) => !built.has(m)),
    builtAt: aggregates.map((a) => a.builtAt).sort()[0] ?? null,
    minimumCellSize,
    peopleCounting:
      'People are counted once per cell within a month. Over several months a cell shows the most people in any one month, which may be fewer than the distinct people over the whole period; cells are hidden on that figure, so a cell about fewer than five people is never shown.',
    holders: holderCells.map((c) =>
      hide({ deployment: c.deployment, people: c.people, suppressed: c.suppressed }, ['people']),
    ),
    spendByDeployment: spendRows('total').map((c) =>
      hide(
        { deployment: c.deployment, amountPence: c.amountPence, people: c.people, suppressed: c.suppressed },
        ['amountPence', 'people'],
      ),
    ),
    spendByCategory: spendRows('category').map((c) =>
      hide(
        {
          category: CategoryCode.parse(c.value),
          deployment: c.deployment,
          amountPence: c.amountPence,
          people: c.people,
          suppressed: c.suppressed,
        },
        ['amountPence', 'people'],
      ),
    ),
    spendByProviderKind: spendRows('provider_kind').map((c) =>
      hide(
        {
          providerKind: z.union([ProviderKind, z.literal('unknown')]).parse(c.value),
          deployment: c.deployment,
          amountPence: c.amountPence,
          people: c.people,
          suppressed: c.suppressed,
        },
        ['amountPence', 'people'],
      ),
    ),
    microEnterpriseShare,
    groupSavings: savings.map((c) =>
      hide(
        {
          deployment: c.deployment,
          people: c.people,
          paidPence: c.paidPence,
          individualPricePence: c.individualPricePence,
          savedPence: c.savedPence,
          suppressed: c.suppressed,
        },
        ['people', 'paidPence', 'individualPricePence', 'savedPence'],
      ),
    ),
    unmetRequests: unmetCells.map((c) =>
      hide(
        {
          area: c.area,
          category: c.category,
          requests: c.requests,
          people: c.people,
          quotesReceived: c.quotesReceived,
          suppressed: c.suppressed,
        },
        ['requests', 'people', 'quotesReceived'],
      ),
    ),
    alerts: {
      available: deps.alerts.available,
      rows: alertCells.map((c) =>
        hide(
          {
            rule: c.rule,
            outcome: c.outcome,
            raised: c.raised,
            resolved: c.resolved,
            people: c.people,
            suppressed: c.suppressed,
          },
          ['raised', 'resolved', 'people'],
        ),
      ),
    },
    outcomes: outcomes
      .sort(
        (a, b) =>
          OutcomeDomain.options.indexOf(a.domain) - OutcomeDomain.options.indexOf(b.domain) ||
          byDeployment(a, b),
      )
      .map((c) => {
        const [better, same, worse] = wholePercents([c.better, c.same, c.worse]);
        return hide(
          {
            deployment: c.deployment,
            domain: c.domain,
            respondents: c.respondents,
            betterPercent: better ?? 0,
            samePercent: same ?? 0,
            worsePercent: worse ?? 0,
            suppressed: c.suppressed,
          },
          ['respondents', 'betterPercent', 'samePercent', 'worsePercent'],
        );
      }),
    suppressedCells,
  };
}

// ---------------------------------------------------------------------------------------------
// CSV: one table after another, each with a heading row, so a spreadsheet opens it as it is.

function csvField(value: string | number | null): string {
  if (value === null) return 'suppressed';
  const text = String(value);
  // A leading = + - @ would be a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const pounds = (p: number | null) => (p === null ? null : (p / 100).toFixed(2));

export function monitoringCsv(report: MonitoringReport): string {
  const rows: Array<Array<string | number | null>> = [
    [
      'Monitoring report',
      report.councilId,
      `${report.from} to ${report.to}`,
      `months: ${report.months.join(' ')}`,
    ],
    [`Cells about fewer than ${report.minimumCellSize} people are shown as "suppressed"`],
    [],
    ['Holders by deployment', 'deployment', 'people'],
    ...report.holders.map((r) => ['', r.deployment, r.people]),
    [],
    ['Spend by deployment', 'deployment', 'amount (£)', 'people'],
    ...report.spendByDeployment.map((r) => ['', r.deployment, pounds(r.amountPence), r.people]),
    [],
    ['Spend by category', 'category', 'deployment', 'amount (£)', 'people'],
    ...report.spendByCategory.map((r) => ['', r.category, r.deployment, pounds(r.amountPence), r.people]),
    [],
    ['Spend by provider kind', 'provider kind', 'deployment', 'amount (£)', 'people'],
    ...report.spendByProviderKind.map((r) => [
      '',
      r.providerKind,
      r.deployment,
      pounds(r.amountPence),
      r.people,
    ]),
    [],
    ['Micro-enterprise share', 'deployment', 'percent'],
    ...report.microEnterpriseShare.map((r) => [
      '',
      r.deployment,
      r.perMille === null ? null : (r.perMille / 10).toFixed(1),
    ]),
    [],
    ['Group-purchase savings', 'deployment', 'people', 'paid (£)', 'at individual price (£)', 'saved (£)'],
    ...report.groupSavings.map((r) => [
      '',
      r.deployment,
      r.people,
      pounds(r.paidPence),
      pounds(r.individualPricePence),
      pounds(r.savedPence),
    ]),
    [],
    ['Unmet requests', 'area', 'category', 'requests', 'people', 'quotes received'],
    ...report.unmetRequests.map((r) => ['', r.area, r.category, r.requests, r.people, r.quotesReceived]),
    [],
    ['Alerts', 'rule', 'outcome', 'raised', 'resolved', 'people'],
    ...(report.alerts.available ? [] : [['', 'Alerts are not counted yet']]),
    ...report.alerts.rows.map((r) => ['', r.rule, r.outcome, r.raised, r.resolved, r.people]),
    [],
    ['Outcomes', 'domain', 'deployment', 'respondents', 'better %', 'same %', 'worse %'],
    ...report.outcomes.map((r) => [
      '',
      r.domain,
      r.deployment,
      r.respondents,
      r.betterPercent,
      r.samePercent,
      r.worsePercent,
    ]),
    [],
    ['Suppressed cells', 'table', 'cell', 'why'],
    ...report.suppressedCells.map((c) => ['', c.table, c.cell, c.reason]),
  ];
  return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
