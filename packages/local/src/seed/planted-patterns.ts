/**
 * The alert patterns of DESIGN 3.8, planted in the demo seed inside ordinary activity, so that on
 * a fresh start the care manager finds each one explained (issue 12, "Proof"). Everything moves
 * through the real use cases (invoices, bookings, deliveries, the auto-confirm job, deposits) on
 * the seed's own client, and the seed's client carries the local stand-in for the table's stream
 * (`attachSeedAlerts`), so the same alert handler sees every seeded money event as it would in AWS.
 *
 * Ordinary activity: a hundred-odd holders who are in no plant pay their usual weekly bills
 * (timesheets, within their plan lines) over the last four weeks, next to the group purchases. The
 * false-alarm rate is measured over the ordinary holders (`ordinaryAlertRate`).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  accountClaimItems,
  createAlertDeps,
  DynamoDepositStore,
  DynamoDirectoryStore,
  DynamoLedger,
  DynamoOrderStore,
  DynamoPeopleStore,
  DynamoSimulatedRailStore,
  delegationItem,
  personItem,
  planItem,
  providerItem,
  userItem,
} from '@carepool/db';
import {
  type Actor,
  type AlertRule,
  acceptOrder,
  autoConfirmDue,
  type Clock,
  confirmOrder,
  type DelegationRecord,
  DomainError,
  defaultPaymentApprovalAbovePence,
  deliverOrder,
  firstAvailableStart,
  type ListingRecord,
  LiveListingIndex,
  type OrderDeps,
  type PersonRecord,
  type PlanLine,
  type PlanRecord,
  type ProviderRecord,
  payInvoice,
  placeOrder,
  postFunding,
  postScheduledDeposits,
  type UserRecord,
  updateProvider,
} from '@carepool/domain';
import { postcodeDistricts } from '@carepool/functions/deps';
import { handleStreamRecords } from '@carepool/functions/oversight/alert-stream';
import { attachLocalAlertStream } from '@carepool/functions/oversight/local-stream';
import { SimulatedRail } from '@carepool/payments';
import type { DemoData } from './demo-data.ts';
import { demoPersonIds, demoUserIds } from './demo-ids.ts';
import { demoPlanYearStart } from './people.ts';
import { activityDay } from './seed-activity.ts';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
const lanesWide = 6;
const surgeHolders = 40;
const ordinaryPayers = 120;
/** Written last: a seed run again after the plants leaves them as they are. */
const plantedMarker = { pk: 'SEED#PLANTED', sk: 'SEED#PLANTED' };

const withAlerts = new WeakSet<DynamoDBDocumentClient>();

/**
 * Puts the local stand-in for the table's stream on the seed's client (once per client): every
 * seeded transfer reaches the same alert handler as a request's would.
 */
export function attachSeedAlerts(db: DynamoDBDocumentClient, tableName: string, clock: Clock): void {
  if (withAlerts.has(db)) return;
  withAlerts.add(db);
  const alerts = createAlertDeps(db, tableName, clock);
  attachLocalAlertStream(db, (records) => handleStreamRecords(records, alerts));
}

/** One planted case: which rule should raise it, and about whom. */
export interface PlantedCase {
  rule: AlertRule;
  what: string;
  councilId: string;
  personIds: string[];
  providerId?: string;
}

interface Cast {
  day: number;
  cases: PlantedCase[];
  planted: Set<string>;
}

/**
 * The day the plants happen around: the activity's day, but at least 200 days into the plan year,
 * so that an account can have been dormant for the council's six months inside it.
 */
export function plantDay(now: Date): number {
  return Math.max(activityDay(now).getTime(), Date.parse(demoPlanYearStart) + 200 * dayMs);
}

const verifiedOf = (data: Pick<DemoData, 'providers'>, kind: ProviderRecord['kind']) =>
  data.providers
    .filter((p) => p.kind === kind && p.status === 'verified' && !p.changedSinceCheck)
    .sort((a, b) => a.providerId.localeCompare(b.providerId));

/**
 * Who is in which plant and who pays ordinary bills: a deterministic choice among the holders with
 * an approved plan and an account the council pays into, who are in no group or request.
 */
export function plantedCast(data: Pick<DemoData, 'people' | 'plans' | 'activity' | 'providers'>) {
  const busy = new Set<string>([
    ...Object.values(demoPersonIds),
    ...data.activity.groups.flatMap((g) => g.members.map((m) => m.personId)),
    ...data.activity.requests.flatMap((r) => [
      r.personId,
      ...r.interest.map((i) => i.personId),
      ...(r.accepted?.members ?? []).map((m) => m.personId),
    ]),
  ]);
  const plans = new Map(data.plans.map((p) => [p.planId, p]));
  const pool = data.people
    .filter(
      (p) =>
        p.councilId === 'north-dales' &&
        !busy.has(p.personId) &&
        p.budget?.deployment === 'managed_account' &&
        p.currentPlanId &&
        plans.get(p.currentPlanId)?.status === 'approved',
    )
    .sort((a, b) => a.personId.localeCompare(b.personId));
  const take = (n: number) => pool.splice(0, n);
  const organisations = verifiedOf(data, 'organisation');
  const micro = verifiedOf(data, 'micro_enterprise').filter((p) => p.providerId !== 'prv_demo_0001');
  const pick = <T>(list: T[], i: number): T => {
    const found = list[i % list.length];
    if (found === undefined) throw new Error('The demo has too few verified providers to plant alerts');
    return found;
  };
  return {
    surge: { people: take(surgeHolders), provider: pick(micro, 3) },
    dormant: { person: take(1), provider: pick(micro, 11) },
    duplicates: { people: take(2), provider: pick(organisations, 5) },
    steering: { people: take(3), provider: 'prv_demo_0001' },
    firstPayment: { person: take(1), provider: pick(organisations, 9) },
    pace: { person: take(1), provider: pick(organisations, 13) },
    concentration: { person: take(1), provider: pick(organisations, 17) },
    materialChange: { person: take(1), provider: pick(micro, 23) },
    autoConfirm: { person: take(1), provider: pick(micro, 29) },
    representativeOwner: { template: pick(micro, 31) },
    ordinary: take(ordinaryPayers),
    providers: [...organisations, ...micro],
  };
}

interface Lane {
  at: number;
  ids: number;
  key: string;
}

/**
 * Carries out the planted patterns and the ordinary bills beside them. Deterministic (fixed ids,
 * times planned from `plantDay`), and done once: a seed run again finds the marker and stops.
 */
export async function seedPlantedPatterns(
  db: DynamoDBDocumentClient,
  tableName: string,
  data: DemoData,
  options: { now: Date },
): Promise<PlantedCase[]> {
  const done = await db.send(new GetCommand({ TableName: tableName, Key: plantedMarker }));
  if (done.Item) return (done.Item.cases as PlantedCase[] | undefined) ?? [];
  const cast: Cast = { day: plantDay(options.now), cases: [], planted: new Set() };
  const chosen = plantedCast(data);
  const lanes = new AsyncLocalStorage<Lane>();
  const lane = () => {
    const current = lanes.getStore();
    if (!current) throw new Error('A planted step ran outside its lane');
    return current;
  };
  const clock: Clock = { now: () => new Date(lane().at) };
  const at = (days: number, hours = 10) => cast.day + days * dayMs + hours * hourMs;
  const moveTo = (ms: number) => {
    lane().at = ms;
  };
  const inLane = <T>(key: string, start: number, work: () => Promise<T>) =>
    lanes.run({ at: start, ids: 0, key }, work);

  const ledger = new DynamoLedger(db, tableName, clock);
  const people = new DynamoPeopleStore(db, tableName, clock);
  const directory = new DynamoDirectoryStore(db, tableName, clock);
  const orderDeps: OrderDeps = {
    paymentApprovalAbovePence: async () => defaultPaymentApprovalAbovePence,
    orders: new DynamoOrderStore(db, tableName, ledger),
    ledger,
    people,
    directory,
    // Kept in the table, as the runtime's own rail keeps it: reconciliation finds these recent payouts.
    rail: new SimulatedRail({
      clock,
      runTag: 'seed-plants',
      store: new DynamoSimulatedRailStore(db, tableName),
    }),
    clock,
    newId: (prefix) => {
      const current = lane();
      current.ids += 1;
      return `${prefix}_plant_${current.key}_${current.ids}`;
    },
  };
  const deposits = new DynamoDepositStore(db, tableName, ledger, clock);
  const put = (Item: Record<string, unknown>) => db.send(new PutCommand({ TableName: tableName, Item }));

  const users = new Map(data.users.map((u) => [u.userId, u]));
  const accountOf = new Map(data.users.filter((u) => u.personId).map((u) => [u.personId ?? '', u]));
  const actorOf = (user: UserRecord): Actor => ({
    caller: {
      userId: user.userId,
      name: user.name,
      roles: user.roles,
      councilId: user.councilId,
      personId: user.personId,
    },
  });
  const userActor = (userId: string) => {
    const user = users.get(userId);
    if (!user) throw new Error(`The planted patterns name an unknown user ${userId}`);
    return actorOf(user);
  };
  /** The holder's own account; the seed signs them up if they have none yet. */
  const holderActor = async (person: PersonRecord): Promise<Actor> => {
    const own = accountOf.get(person.personId);
    if (own) return actorOf(own);
    const user: UserRecord = {
      userId: `usr_plant_${person.personId}`,
      name: person.name,
      roles: ['holder'],
      councilId: person.councilId,
      personId: person.personId,
    };
    await put(userItem(user));
    for (const item of accountClaimItems(user)) await put(item);
    accountOf.set(person.personId, user);
    users.set(user.userId, user);
    return actorOf(user);
  };
  const finance = userActor(demoUserIds.finance);

  /** The council's scheduled deposits for each period from `from` to `until`, as the job posts them. */
  const depositFor = async (person: PersonRecord, from: number, until: number) => {
    const start = Date.parse(person.budget?.planYearStart ?? demoPlanYearStart);
    const periodOf = (ms: number) => Math.floor((ms - start) / (28 * dayMs));
    for (let period = periodOf(from); period <= periodOf(until); period++) {
      moveTo(Math.max(start + period * 28 * dayMs, from - 6 * hourMs));
      await postScheduledDeposits(
        { ledger, people, clock, peopleInCouncil: async () => [{ personId: person.personId }] },
        person.councilId,
      );
    }
  };
  /** A one-off council top-up by the finance officer (respite, equipment), under the approval amount. */
  const topUp = (person: PersonRecord, amountPence: number, reference: string) =>
    postFunding({ ledger, people, clock, deposits }, finance, person.personId, {
      transferId: `plant-funding-${person.personId}-${reference}`,
      amountPence,
      reference,
    });
  /** A plan line for what the plant needs, added to the holder's plan in force. */
  const planFor = (person: PersonRecord) => {
    const plan = data.plans.find((p) => p.planId === person.currentPlanId);
    if (!plan) throw new Error(`Planted holder ${person.personId} has no plan`);
    return plan;
  };
  const addLine = async (
    person: PersonRecord,
    line: Pick<PlanLine, 'category' | 'capPence' | 'period'>,
    changes: Partial<PlanRecord> = {},
  ): Promise<PlanLine> => {
    const plan = planFor(person);
    const added: PlanLine = {
      lineId: `line_plant_${person.personId}`,
      contingency: false,
      carryForward: true,
      notes: 'Agreed at the last review',
      ...line,
    };
    await put(planItem({ ...plan, ...changes, lines: [...(changes.lines ?? plan.lines), added] }));
    return added;
  };
  const invoice = (
    actor: Actor,
    person: PersonRecord,
    line: PlanLine,
    providerId: string,
    reference: string,
    amountPence: number,
    description = 'Support as agreed',
  ) =>
    payInvoice(orderDeps, actor, person.personId, {
      providerId,
      lineId: line.lineId,
      category: line.category,
      amountPence,
      reference,
      description,
    });
  const only = <T>(list: T[]): T => {
    const [first] = list;
    if (!first) throw new Error('The demo has too few holders to plant the alert patterns');
    return first;
  };
  const plant = (c: PlantedCase) => {
    cast.cases.push(c);
    for (const id of c.personIds) cast.planted.add(id);
  };
  const listingOf = (providerId: string): ListingRecord => {
    const listing = data.listings.find((l) => l.providerId === providerId && l.status === 'active');
    if (!listing) throw new Error(`Planted provider ${providerId} has no listing`);
    return listing;
  };
  const providerById = new Map(data.providers.map((p) => [p.providerId, p]));
  const nameOf = (providerId: string) => providerById.get(providerId)?.name ?? providerId;

  // 1. A provider signs up forty new holders in a week: one invoice each, a few hours apart.
  const surge = chosen.surge;
  await inLanes(surge.people, lanesWide, (person, i) =>
    inLane(`s${i}`, at(-6), async () => {
      const when = at(-6, 9 + (i * 127) / surge.people.length);
      const line = await addLine(person, { category: 'day_and_community', capPence: 20_000, period: 'week' });
      await depositFor(person, when, when);
      moveTo(when);
      await invoice(
        await holderActor(person),
        person,
        line,
        surge.provider.providerId,
        `SIGNUP-${i + 1}`,
        4_500,
      );
    }),
  );
  plant({
    rule: 'provider_holder_surge',
    what: `${nameOf(surge.provider.providerId)} takes money from ${surgeHolders} holders new to it in a week`,
    councilId: 'north-dales',
    personIds: surge.people.map((p) => p.personId),
    providerId: surge.provider.providerId,
  });

  await inLane('plants', at(-200), async () => {
    // 2. A dormant account: the council's deposits since April, nothing ever spent, then a new provider.
    const dormant = only(chosen.dormant.person);
    const dormantLine = await addLine(dormant, {
      category: 'household_help',
      capPence: 30_000,
      period: 'week',
    });
    await depositFor(dormant, Date.parse(dormant.budget?.planYearStart ?? demoPlanYearStart), at(-3));
    moveTo(at(-3, 11));
    await invoice(
      await holderActor(dormant),
      dormant,
      dormantLine,
      chosen.dormant.provider.providerId,
      'HH-1009',
      18_000,
    );
    plant({
      rule: 'dormant_account_payment',
      what: `${dormant.name}'s account, untouched since April, pays ${nameOf(chosen.dormant.provider.providerId)}`,
      councilId: dormant.councilId,
      personIds: [dormant.personId],
      providerId: chosen.dormant.provider.providerId,
    });

    // 3. A representative pays, from the person's budget, a provider they own.
    const delegation = data.delegations
      .filter(
        (d) =>
          d.kind === 'representative' &&
          d.status === 'active' &&
          d.councilId === 'north-dales' &&
          d.scopes.includes('order:create') &&
          !cast.planted.has(d.personId) &&
          d.userId !== demoUserIds.representative &&
          chosen.ordinary.every((p) => p.personId !== d.personId) &&
          data.people.some((p) => p.personId === d.personId && p.currentPlanId),
      )
      .sort((a, b) => a.personId.localeCompare(b.personId))[0];
    const represented = data.people.find((p) => p.personId === delegation?.personId);
    if (!delegation || !represented) throw new Error('The demo has no representative to plant');
    const representative = userActor(delegation.userId);
    const template = chosen.representativeOwner.template;
    const owned: ProviderRecord = {
      ...template,
      providerId: 'prv_plant_0001',
      ownerUserId: delegation.userId,
      name: `${delegation.name.split(' ').at(-1) ?? 'Family'} Home Help`,
      createdAt: new Date(at(-40)).toISOString(),
      updatedAt: new Date(at(-40)).toISOString(),
      version: 1,
    };
    await put(providerItem(owned));
    const representedLine = await addLine(represented, {
      category: 'household_help',
      capPence: 30_000,
      period: 'week',
    });
    await depositFor(represented, at(-9), at(-2));
    moveTo(at(-2, 15));
    await invoice(representative, represented, representedLine, owned.providerId, 'MHH-001', 16_000);
    plant({
      rule: 'delegate_linked_provider',
      what: `${delegation.name} pays ${owned.name}, which they own, from ${represented.name}'s budget`,
      councilId: represented.councilId,
      personIds: [represented.personId],
      providerId: owned.providerId,
    });

    // 4. Repeated invoices: one reference billed to two holders, and one amount twice in two days.
    const [first, second] = chosen.duplicates.people;
    if (!first || !second) throw new Error('The demo has too few holders to plant duplicates');
    const dupProvider = chosen.duplicates.provider.providerId;
    const firstLine = await addLine(first, { category: 'personal_care', capPence: 60_000, period: 'week' });
    const secondLine = await addLine(second, { category: 'personal_care', capPence: 60_000, period: 'week' });
    await depositFor(first, at(-6), at(-4));
    await depositFor(second, at(-6), at(-4));
    moveTo(at(-5, 9));
    await invoice(await holderActor(first), first, firstLine, dupProvider, 'INV-2231', 24_000);
    moveTo(at(-5, 14));
    await invoice(await holderActor(second), second, secondLine, dupProvider, 'inv 2231', 24_000);
    moveTo(at(-4, 10));
    await invoice(await holderActor(first), first, firstLine, dupProvider, 'TS/0442', 24_000);
    plant({
      rule: 'duplicate_invoice',
      what: `${nameOf(dupProvider)} bills reference INV-2231 to two holders`,
      councilId: first.councilId,
      personIds: [first.personId, second.personId],
      providerId: dupProvider,
    });
    plant({
      rule: 'duplicate_invoice',
      what: `${nameOf(dupProvider)} bills ${first.name} £240 twice within two days`,
      councilId: first.councilId,
      personIds: [first.personId],
      providerId: dupProvider,
    });

    // 5. A broker books the people they act for with the provider they declared an interest in.
    const broker = userActor(demoUserIds.broker);
    for (const [i, person] of chosen.steering.people.entries()) {
      const grant: DelegationRecord = {
        userId: demoUserIds.broker,
        kind: 'broker',
        name: 'Gareth Hughes',
        relationship: 'Support broker',
        scopes: ['plan:read', 'plan:write', 'order:create'],
        personId: person.personId,
        councilId: person.councilId,
        status: 'active',
        grantedBy: (await holderActor(person)).caller.userId,
        grantedAt: new Date(at(-60)).toISOString(),
      };
      await put(delegationItem(grant));
      const line = await addLine(person, { category: 'personal_care', capPence: 30_000, period: 'week' });
      await depositFor(person, at(-20), at(-10 + i * 3));
      moveTo(at(-10 + i * 3, 11));
      await invoice(broker, person, line, chosen.steering.provider, `KHH-${300 + i}`, 12_600);
    }
    plant({
      rule: 'broker_steering',
      what: `Gareth Hughes pays ${nameOf(chosen.steering.provider)} for three people he acts for`,
      councilId: 'north-dales',
      personIds: chosen.steering.people.map((p) => p.personId),
      providerId: chosen.steering.provider,
    });

    // 6. A first payment to a provider the holder never paid, above the council's £500.
    const newcomer = only(chosen.firstPayment.person);
    const newcomerLine = await addLine(newcomer, {
      category: 'equipment_and_technology',
      capPence: 150_000,
      period: 'year',
    });
    await depositFor(newcomer, at(-8), at(-1));
    moveTo(at(-1, 8));
    await topUp(newcomer, 70_000, 'EQUIP-RISER-CHAIR');
    moveTo(at(-1, 12));
    await invoice(
      await holderActor(newcomer),
      newcomer,
      newcomerLine,
      chosen.firstPayment.provider.providerId,
      'Q-7781',
      68_500,
      'Riser recliner chair',
    );
    plant({
      rule: 'first_payment_new_provider',
      what: `${newcomer.name} pays £685 to a provider they never paid before`,
      councilId: newcomer.councilId,
      personIds: [newcomer.personId],
      providerId: chosen.firstPayment.provider.providerId,
    });

    // 7. Spending far above the plan's pace: a plan that began five weeks ago, most of a year's
    //    short breaks spent at once.
    const fast = only(chosen.pace.person);
    const startDate = new Date(at(-35)).toISOString().slice(0, 10);
    const endDate = new Date(at(-35) + 364 * dayMs).toISOString().slice(0, 10);
    const fastPlan = planFor(fast);
    const fastPerson: PersonRecord = fast.budget
      ? { ...fast, budget: { ...fast.budget, planYearStart: startDate } }
      : fast;
    await put(personItem(fastPerson));
    const firstLineOfPlan = fastPlan.lines[0];
    const fastLine = await addLine(
      fastPerson,
      { category: 'short_breaks', capPence: 300_000, period: 'year' },
      { startDate, endDate, lines: firstLineOfPlan ? [firstLineOfPlan] : [] },
    );
    await depositFor(fastPerson, at(-35), at(-2));
    moveTo(at(-2, 9));
    await topUp(fastPerson, 200_000, 'RESPITE-WEEK');
    moveTo(at(-2, 13));
    await invoice(
      await holderActor(fastPerson),
      fastPerson,
      fastLine,
      chosen.pace.provider.providerId,
      'RB-5520',
      260_000,
      'A respite week',
    );
    plant({
      rule: 'spend_pace',
      what: `${fast.name} spends most of a year's short breaks five weeks into the plan`,
      councilId: fast.councilId,
      personIds: [fast.personId],
    });

    // 8. Payments concentrated on one provider: four large monthly bills, nothing else.
    const loyal = only(chosen.concentration.person);
    const loyalLine = await addLine(loyal, { category: 'personal_care', capPence: 80_000, period: 'month' });
    for (let month = 0; month < 4; month++) {
      const when = at(-80 + month * 25, 10);
      await depositFor(loyal, when, when);
      moveTo(when);
      await topUp(loyal, 62_000, `CARE-TOPUP-${month + 1}`);
      await invoice(
        await holderActor(loyal),
        loyal,
        loyalLine,
        chosen.concentration.provider.providerId,
        `MC-${2026}${month + 1}`,
        62_000,
        'Home care, the month',
      );
    }
    plant({
      rule: 'provider_concentration',
      what: `All of ${loyal.name}'s payments for three months go to ${nameOf(chosen.concentration.provider.providerId)}`,
      councilId: loyal.councilId,
      personIds: [loyal.personId],
      providerId: chosen.concentration.provider.providerId,
    });

    // 9. A provider changes its name after it was verified, with a booking already made.
    const changing = chosen.materialChange.provider;
    const booked = only(chosen.materialChange.person);
    const listing = listingOf(changing.providerId);
    const bookedLine = await addLine(booked, {
      category: listing.category,
      capPence: 100_000,
      period: 'month',
    });
    await depositFor(booked, at(-12), at(-10));
    moveTo(at(-10, 9));
    await topUp(booked, 60_000, 'PLANT-BOOKING');
    const holder = await holderActor(booked);
    const { orders } = await placeOrder(orderDeps, holder, {
      personId: booked.personId,
      listingId: listing.listingId,
      lineId: bookedLine.lineId,
      quantity: 1,
      // The first time the provider works after it accepts: bookings fall within a listing's days and times.
      scheduledFor: firstAvailableStart(listing.availability, new Date(at(-9, 11))).toISOString(),
    });
    const order = only(orders);
    const owner = userActor(changing.ownerUserId);
    moveTo(at(-9, 10));
    await acceptOrder(orderDeps, owner, order.orderId);
    moveTo(at(-5, 17));
    // The one use case a provider edits itself with; the seed's search index is never read.
    await updateProvider(
      {
        store: directory,
        districts: postcodeDistricts(),
        clock,
        newId: orderDeps.newId,
        searchIndex: new LiveListingIndex(directory, clock),
      },
      owner,
      changing.providerId,
      { name: `${changing.name} and Partners` },
    );
    const deliveredAt = Math.max(at(-4, 12), Date.parse(order.scheduledFor) + 2 * hourMs);
    moveTo(deliveredAt);
    await deliverOrder(orderDeps, owner, order.orderId, { quantity: 1, notes: 'Done as booked.' });
    moveTo(deliveredAt + dayMs);
    await confirmOrder(orderDeps, holder, order.orderId);
    plant({
      rule: 'provider_material_change',
      what: `${changing.name} renamed itself after it was verified; ${booked.name} still paid it`,
      councilId: booked.councilId,
      personIds: [booked.personId],
      providerId: changing.providerId,
    });

    // 10. Deliveries confirmed only by the seven-day auto-confirm for a holder not seen for months.
    const absent = only(chosen.autoConfirm.person);
    const absentListing = listingOf(chosen.autoConfirm.provider.providerId);
    const absentLine = await addLine(absent, {
      category: absentListing.category,
      capPence: 100_000,
      period: 'month',
    });
    const absentHolder = await holderActor(absent);
    await depositFor(absent, at(-150), at(-30));
    moveTo(at(-150, 10));
    await topUp(absent, Math.max(absentListing.pricePence * 4, 10_000), 'PLANT-WEEKLY');
    // Booked once, in person, months ago; last seen then.
    await createAlertDeps(db, tableName, clock).store.noteSeen(
      absentHolder.caller.userId,
      new Date(at(-150, 10)),
    );
    const weekly = await placeOrder(orderDeps, absentHolder, {
      personId: absent.personId,
      listingId: absentListing.listingId,
      lineId: absentLine.lineId,
      quantity: 1,
      scheduledFor: firstAvailableStart(absentListing.availability, new Date(at(-30, 0))).toISOString(),
      weeklyOccurrences: 3,
    });
    const absentOwner = userActor(chosen.autoConfirm.provider.ownerUserId);
    for (const booking of weekly.orders) await acceptOrder(orderDeps, absentOwner, booking.orderId);
    for (const booking of weekly.orders) {
      moveTo(Date.parse(booking.scheduledFor) + 6 * hourMs);
      await deliverOrder(orderDeps, absentOwner, booking.orderId, { quantity: 1, notes: 'Visit done.' });
    }
    moveTo(at(-1, 3));
    await autoConfirmDue(orderDeps);
    plant({
      rule: 'auto_confirm_absent_holder',
      what: `${absent.name}'s visits are paid only by auto-confirm; ${absent.name} last signed in months ago`,
      councilId: absent.councilId,
      personIds: [absent.personId],
      providerId: chosen.autoConfirm.provider.providerId,
    });
  });

  // Ordinary activity: weekly bills for the usual support, inside each holder's plan line.
  const providers = chosen.providers;
  await inLanes(chosen.ordinary, lanesWide, (person, i) =>
    inLane(`o${i}`, at(-28), async () => {
      const line = planFor(person)
        .lines.filter((l) => !l.contingency)
        .sort((a, b) => b.capPence - a.capPence || a.lineId.localeCompare(b.lineId))[0];
      if (!line) return;
      const share = line.period === 'week' ? 0.7 : line.period === 'month' ? 0.18 : 0.015;
      const amountPence = Math.max(500, Math.floor((line.capPence * share) / 100) * 100);
      const providerId = line.allowedProviderIds?.[0] ?? providers[(i * 37) % providers.length]?.providerId;
      if (!providerId) return;
      const actor = await holderActor(person);
      await depositFor(person, at(-28), at(-1));
      for (let week = 0; week < 4; week++) {
        moveTo(at(-28 + week * 7, 9 + (i % 8)));
        try {
          await invoice(
            actor,
            person,
            line,
            providerId,
            `TS-${i + 1}-${week + 1}`,
            amountPence,
            'Weekly timesheet',
          );
        } catch (error) {
          // A bill the plan cannot take is refused, as it would be for real: the holder pays less.
          if (!(error instanceof DomainError && error.kind === 'rule')) throw error;
        }
      }
    }),
  );
  await put({ ...plantedMarker, entity: 'seed_plants', cases: cast.cases });
  return cast.cases;
}

async function inLanes<T>(
  items: readonly T[],
  width: number,
  work: (item: T, index: number) => Promise<void>,
) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

/** How the alerts raised over the seed fall on the ordinary holders, who are in no plant. */
export function ordinaryAlertRate(
  alerts: ReadonlyArray<{ rule: string; links: { personIds: readonly string[] } }>,
  cases: readonly PlantedCase[],
  holders: readonly { personId: string }[],
): { holders: number; alerted: number; percent: number; byRule: Record<string, number> } {
  const planted = new Set(cases.flatMap((c) => c.personIds));
  const ordinary = new Set(holders.map((h) => h.personId).filter((id) => !planted.has(id)));
  const alerted = new Set<string>();
  const byRule: Record<string, number> = {};
  for (const alert of alerts) {
    const falsely = alert.links.personIds.filter((id) => ordinary.has(id));
    if (falsely.length === 0) continue;
    byRule[alert.rule] = (byRule[alert.rule] ?? 0) + 1;
    for (const id of falsely) alerted.add(id);
  }
  const percent = ordinary.size === 0 ? 0 : (alerted.size * 100) / ordinary.size;
  return { holders: ordinary.size, alerted: alerted.size, percent, byRule };
}
