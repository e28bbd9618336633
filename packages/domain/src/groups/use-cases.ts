import { type Actor, jobActor, transferActor } from '../audit/audit.ts';
import type { Category } from '../categories.ts';
import type { Clock } from '../clock.ts';
import type { PostcodeDistricts } from '../directory/geo.ts';
import { distanceKm, roundKm } from '../directory/geo.ts';
import type { ListingRecord } from '../directory/listing.ts';
import type { DirectoryStore, IdGenerator } from '../directory/ports.ts';
import { canBePaid } from '../directory/provider.ts';
import { conflict, DomainError, invalid, notFound } from '../errors.ts';
import { accountId, type Ledger } from '../ledger/ledger.ts';
import { assertDeliveryDue, autoConfirmDate } from '../orders/order.ts';
import { payoutHeldReason, spendRefusal, systemActor } from '../orders/use-cases.ts';
import type { PageRequest } from '../paging.ts';
import type { PaymentRail } from '../payments/rail.ts';
import { accessPerson } from '../people/access.ts';
import type { PeopleStore } from '../people/ports.ts';
import { hasRole } from '../roles.ts';
import { checkSpend } from '../spending/check-for-person.ts';
import {
  assertGroupOpen,
  assertGroupSetup,
  firstSessionAt,
  type GroupPricing,
  type GroupRecord,
  type GroupSetup,
  lastSessionAt,
  type MemberRecord,
  memberShares,
  priceOutlook,
  reservationFor,
  sessionCount,
} from './group.ts';
import type { GroupStore } from './ports.ts';

export interface GroupDeps {
  groups: GroupStore;
  ledger: Ledger;
  people: PeopleStore;
  directory: DirectoryStore;
  districts: PostcodeDistricts;
  rail: PaymentRail;
  clock: Clock;
  newId: IdGenerator;
}

/**
 * An organiser (holder, delegate, broker, or the provider for its own listing) starts a group from
 * a listing with group prices.
 */
export async function createGroup(
  deps: GroupDeps,
  actor: Actor,
  request: GroupSetup & { listingId: string; invitedPersonIds?: string[] | undefined },
  /** A listing made from an accepted quote: used as given, never stored. */
  quoted?: ListingRecord,
  /** Runs after the checks pass and before the group is written (accepting a quote claims it here). */
  claim?: () => Promise<void>,
): Promise<GroupRecord> {
  const { caller } = actor;
  const listing = quoted ?? (await deps.directory.getListing(request.listingId));
  if (listing?.status !== 'active') throw invalid('listingId', 'Choose an active listing');
  if (listing.groupTiers.length === 0)
    throw invalid('listingId', 'This listing has no group prices: choose one that does');
  const provider = await deps.directory.getProvider(listing.providerId);
  if (!provider) throw invalid('listingId', 'Choose an active listing');
  const isOwner = provider.ownerUserId === caller.userId;
  if (!isOwner && !hasRole(caller, 'holder', 'representative', 'broker')) {
    throw new DomainError(
      'forbidden',
      'role_not_allowed',
      'A provider can only start groups for its own listings.',
    );
  }
  const pricing: GroupPricing = { kind: 'per_person', tiers: listing.groupTiers };
  const now = deps.clock.now();
  assertGroupSetup(request, pricing, now, listing.capacity);
  const group: GroupRecord = {
    groupId: deps.newId('grp'),
    title: request.title,
    description: request.description,
    category: listing.category,
    ...(quoted?.quoteId ? { quoteId: quoted.quoteId } : { listingId: listing.listingId }),
    providerId: provider.providerId,
    providerName: provider.name,
    organiserUserId: caller.userId,
    pricing,
    minParticipants: request.minParticipants,
    maxParticipants: request.maxParticipants,
    // Stored in UTC so the deadline queue sorts and compares correctly whatever offset was sent.
    deadline: new Date(request.deadline).toISOString(),
    schedule:
      request.schedule.kind === 'one_off'
        ? { kind: 'one_off', at: new Date(request.schedule.at).toISOString() }
        : { ...request.schedule, firstAt: new Date(request.schedule.firstAt).toISOString() },
    where: listing.where,
    outcode: listing.outcode,
    latitude: listing.latitude,
    longitude: listing.longitude,
    showFirstNames: request.showFirstNames,
    status: 'open',
    memberCount: 0,
    invitedPersonIds: request.invitedPersonIds ?? [],
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
  };
  await claim?.();
  await deps.groups.create(group);
  return group;
}

/** What anyone signed in sees of a group: counts, prices and places, never who the members are. */
export async function groupView(deps: GroupDeps, actor: Actor, group: GroupRecord, forPersonId?: string) {
  const { caller } = actor;
  // A delegate may look at the group through the eyes of the person they act for.
  const viewer = forPersonId ?? caller.personId;
  const members =
    caller.userId === group.organiserUserId && group.showFirstNames
      ? await deps.groups.members(group.groupId)
      : [];
  const mine = viewer ? await deps.groups.member(group.groupId, viewer) : undefined;
  // Who organised it, or who was invited, is not shown: a group shows counts, never people.
  const { organiserUserId, invitedPersonIds, ...published } = group;
  return {
    ...published,
    youAreOrganiser: organiserUserId === caller.userId,
    invitedCount: invitedPersonIds.length,
    youAreInvited: viewer !== undefined && invitedPersonIds.includes(viewer),
    ...priceOutlook(group),
    reservationPence: reservationFor(group),
    ...(mine && mine.status !== 'left' && mine.status !== 'released'
      ? {
          yourMembership: {
            status: mine.status,
            reservedPence: mine.reservedPence,
            ...(mine.paidPence !== undefined ? { paidPence: mine.paidPence } : {}),
          },
        }
      : {}),
    ...(members.length
      ? {
          memberFirstNames: members
            .filter((m) => m.status === 'joined' || m.status === 'settled')
            .flatMap((m) => (m.firstName ? [m.firstName] : [])),
        }
      : {}),
  };
}

export async function getGroup(deps: GroupDeps, actor: Actor, groupId: string, forPersonId?: string) {
  const group = await deps.groups.get(groupId);
  if (!group) throw notFound('group purchase');
  if (forPersonId !== undefined) await accessPerson(deps, actor.caller, forPersonId, 'groups:read');
  return groupView(deps, actor, group, forPersonId);
}

/** A page of the groups a provider runs (newest first), for the provider who owns it. */
export async function providerGroups(deps: GroupDeps, actor: Actor, providerId: string, page: PageRequest) {
  const provider = await deps.directory.getProvider(providerId);
  if (!provider || provider.ownerUserId !== actor.caller.userId) throw notFound('provider');
  const groups = await deps.groups.ofProvider(providerId, page);
  return { ...groups, items: await Promise.all(groups.items.map((group) => groupView(deps, actor, group))) };
}

export async function searchGroups(
  deps: GroupDeps,
  actor: Actor,
  query: { near: string; radiusKm: number; category?: Category | undefined },
) {
  const centre = deps.districts.locate(query.near);
  if (!centre) throw invalid('near', `We do not recognise the postcode '${query.near}'`, 'unknown_postcode');
  const districts = deps.districts.within(centre, query.radiusKm).map((d) => d.outcode);
  const groups = await deps.groups.openInDistricts(districts, query.category);
  const withDistance = groups
    .map((g) => ({ group: g, km: distanceKm(centre, g) }))
    .filter((g) => g.km <= query.radiusKm)
    .sort((a, b) => a.group.deadline.localeCompare(b.group.deadline) || a.km - b.km);
  return Promise.all(
    withDistance.map(async ({ group, km }) => ({
      ...(await groupView(deps, actor, group)),
      distanceKm: roundKm(km),
    })),
  );
}

/**
 * Joining reserves the most the member could pay (the price at the smallest group that can go
 * ahead), checked against their own plan line with the same spend check as an order. The place,
 * the member record and the reservation are one transaction.
 */
export async function joinGroup(
  deps: GroupDeps,
  actor: Actor,
  groupId: string,
  request: { personId: string; lineId: string; firstName?: string | undefined },
): Promise<MemberRecord> {
  const granted = await accessPerson(deps, actor.caller, request.personId, 'group:join');
  const { person } = granted;
  const group = await deps.groups.get(groupId);
  if (!group) throw notFound('group purchase');
  assertGroupOpen(group);
  if (group.memberCount >= group.maxParticipants) throw conflict('group_full', 'This group is full.');
  const existing = await deps.groups.member(groupId, person.personId);
  if (existing && (existing.status === 'joined' || existing.status === 'settled')) {
    throw conflict('already_member', 'You are already in this group.');
  }
  const provider = await deps.directory.getProvider(group.providerId);
  const plan = person.currentPlanId ? await deps.people.getPlan(person.currentPlanId) : undefined;
  const amount = reservationFor(group);
  const at = new Date(firstSessionAt(group.schedule));
  const { failures, lineCharge } = await checkSpend(deps, {
    person,
    plan,
    lineId: request.lineId,
    category: group.category,
    providerId: group.providerId,
    providerVerified: provider ? canBePaid(provider.status) : false,
    amountPence: amount,
    at,
    delegation: granted.delegation,
    needs: 'group:join',
  });
  if (failures.length || !plan || !lineCharge) throw spendRefusal(failures);
  const now = deps.clock.now().toISOString();
  const attempt = (existing?.version ?? 0) + 1;
  const member: MemberRecord = {
    groupId,
    personId: person.personId,
    councilId: person.councilId,
    planId: plan.planId,
    lineId: request.lineId,
    periodKey: lineCharge.periodKey,
    reservationId: `join-${groupId}-${person.personId}-${attempt}`,
    reservedPence: amount,
    status: 'joined',
    ...(request.firstName && group.showFirstNames ? { firstName: request.firstName } : {}),
    joinedBy: actor.caller.userId,
    joinedAt: now,
    version: attempt,
  };
  await deps.groups.join(group, member, {
    transferId: member.reservationId,
    debitAccountId: accountId.holderCash(person.personId),
    creditAccountId: accountId.groupEscrow(groupId),
    amountPence: amount,
    flags: 'pending',
    code: 'group_reservation',
    description: `${group.title} (group), reserved at the most you could pay`,
    reference: groupId,
    lineCharge,
    actor: transferActor(actor, person.personId),
  });
  return member;
}

export async function leaveGroup(
  deps: GroupDeps,
  actor: Actor,
  groupId: string,
  personId: string,
): Promise<MemberRecord> {
  await accessPerson(deps, actor.caller, personId, 'group:leave');
  const group = await deps.groups.get(groupId);
  const member = await deps.groups.member(groupId, personId);
  if (!group || !member) throw notFound('membership');
  // The membership is theirs to see, so say why it cannot be left rather than pretend it is gone.
  if (member.status !== 'joined')
    throw conflict(
      'invalid_transition',
      member.status === 'settled'
        ? 'The group has settled and your share is set aside for it, so you can no longer leave. If it is not delivered, the provider is not paid.'
        : 'You have already left this group, or it ended and your money was released.',
    );
  assertGroupOpen(group);
  const left: MemberRecord = { ...member, status: 'left', version: member.version + 1 };
  await deps.groups.changeMember(
    left,
    member.version,
    {
      kind: 'void',
      transferId: `leave-${member.reservationId}`,
      pendingId: member.reservationId,
      description: `${group.title}: left the group, money released`,
      actor: transferActor(actor, personId),
    },
    { groupId, release: 1 },
  );
  return left;
}

/** The organiser may settle early once the minimum has joined. */
export async function closeGroup(deps: GroupDeps, actor: Actor, groupId: string) {
  const group = await deps.groups.get(groupId);
  if (!group || group.organiserUserId !== actor.caller.userId) throw notFound('group purchase');
  assertGroupOpen(group);
  if (group.memberCount < group.minParticipants) {
    throw conflict(
      'minimum_not_met',
      `${group.minParticipants} people are needed before the group can go ahead; ${group.memberCount} have joined.`,
    );
  }
  return settleGroup(deps, group, actor);
}

/**
 * Settles a group: closes it to new members, releases anyone whose plan changed, and then either
 * voids every reservation (minimum not met) or posts each member's share of the final price,
 * releasing the rest. Resumable: each member's movement has a fixed id, so a re-run finishes the job.
 */
export async function settleGroup(
  deps: GroupDeps,
  group: GroupRecord,
  actor: Actor = jobActor('settle_groups'),
): Promise<GroupRecord> {
  let current = group;
  if (current.status === 'open') {
    current = {
      ...current,
      status: 'settling',
      updatedAt: deps.clock.now().toISOString(),
      version: current.version + 1,
    };
    await deps.groups.update(current, group.version);
  }
  if (current.status !== 'settling') return current;
  const members = (await deps.groups.members(current.groupId))
    .filter((m) => m.status === 'joined')
    .sort((a, b) => a.personId.localeCompare(b.personId));
  const eligible: MemberRecord[] = [];
  for (const member of members) {
    const person = await deps.people.getPerson(member.personId);
    const plan = person?.currentPlanId ? await deps.people.getPlan(person.currentPlanId) : undefined;
    // A revision that kept their line keeps them in: the reservation is still counted on it.
    if (plan?.status === 'approved' && plan.lines.some((line) => line.lineId === member.lineId)) {
      eligible.push(member);
      continue;
    }
    // Their plan ended or dropped the line since they joined: release them, and the group recomputes.
    await release(deps, actor, current, member, 'your support plan changed');
  }
  if (eligible.length < current.minParticipants) {
    for (const member of eligible)
      await release(deps, actor, current, member, 'the group did not reach its minimum');
    const missed: GroupRecord = {
      ...current,
      status: 'missed',
      updatedAt: deps.clock.now().toISOString(),
      version: current.version + 1,
    };
    await deps.groups.update(missed, current.version);
    return missed;
  }
  const shares = memberShares(current.pricing, eligible.length, sessionCount(current.schedule));
  for (const [index, member] of eligible.entries()) {
    const share = shares[index] ?? 0;
    await deps.groups.changeMember(
      { ...member, status: 'settled', paidPence: share, version: member.version + 1 },
      member.version,
      {
        kind: 'post',
        transferId: `settle-${current.groupId}-${member.personId}`,
        pendingId: member.reservationId,
        amountPence: share,
        description: `${current.title} (group of ${eligible.length}), your share`,
        actor: transferActor(actor, member.personId),
      },
    );
  }
  const total = shares.reduce((sum, s) => sum + s, 0);
  const settled: GroupRecord = {
    ...current,
    status: 'settled',
    settlement: {
      members: eligible.length,
      pricePerPersonPence: Math.max(...shares),
      totalPence: total,
      at: deps.clock.now().toISOString(),
    },
    updatedAt: deps.clock.now().toISOString(),
    version: current.version + 1,
  };
  await deps.groups.update(settled, current.version);
  return settled;
}

async function release(deps: GroupDeps, actor: Actor, group: GroupRecord, member: MemberRecord, why: string) {
  await deps.groups.changeMember(
    { ...member, status: 'released', version: member.version + 1 },
    member.version,
    {
      kind: 'void',
      transferId: `release-${member.reservationId}`,
      pendingId: member.reservationId,
      description: `${group.title}: ${why}, money released`,
      actor: transferActor(actor, member.personId),
    },
  );
}

export async function deliverGroup(deps: GroupDeps, actor: Actor, groupId: string, notes: string) {
  const group = await deps.groups.get(groupId);
  const provider = group ? await deps.directory.getProvider(group.providerId) : undefined;
  if (!group || provider?.ownerUserId !== actor.caller.userId) throw notFound('group purchase');
  if (group.status !== 'settled')
    throw conflict('invalid_transition', `A ${group.status} group cannot be marked delivered.`);
  const now = deps.clock.now();
  assertDeliveryDue(firstSessionAt(group.schedule), now);
  const delivered: GroupRecord = {
    ...group,
    status: 'delivered',
    delivery: { notes, at: now.toISOString(), by: actor.caller.userId },
    autoConfirmAt: autoConfirmDate(now, lastSessionAt(group.schedule)),
    updatedAt: now.toISOString(),
    version: group.version + 1,
  };
  await deps.groups.update(delivered, group.version);
  return delivered;
}

/**
 * A member, or a delegate with `order:confirm` for one, confirms delivery for the whole group (or
 * the job does, 7 days after the later of delivery and the last session): the escrow pays the
 * provider. Only the holder side can release money; organising the group gives no say over that,
 * so a provider that organised a group on its own listing still cannot confirm its own delivery.
 */
export async function confirmGroup(deps: GroupDeps, actor: Actor, groupId: string, forPersonId?: string) {
  const group = await deps.groups.get(groupId);
  if (!group) throw notFound('group purchase');
  if (actor === systemActor) {
    if (group.status !== 'delivered')
      throw conflict('invalid_transition', `A ${group.status} group cannot be confirmed.`);
    return payGroup(deps, group);
  }
  const personId = forPersonId ?? actor.caller.personId;
  if (!personId) throw notFound('group purchase');
  try {
    await accessPerson(deps, actor.caller, personId, 'order:confirm');
  } catch (error) {
    // Not allowed to confirm for this person: the group is none of the caller's business.
    if (error instanceof DomainError && error.kind === 'not_found') throw notFound('group purchase');
    throw error;
  }
  const member = await deps.groups.member(groupId, personId);
  if (member?.status !== 'settled') throw notFound('group purchase');
  if (group.status !== 'delivered')
    throw conflict('invalid_transition', `A ${group.status} group cannot be confirmed.`);
  return payGroup(deps, group, actor);
}

/** The escrow pays what the provider is owed, then the payout to the provider is attempted. */
async function payGroup(
  deps: GroupDeps,
  group: GroupRecord,
  actor: Actor = jobActor('settle_groups'),
): Promise<GroupRecord> {
  const total = group.settlement?.totalPence ?? 0;
  await deps.ledger.transfer({
    transferId: `group-pay-${group.groupId}`,
    debitAccountId: accountId.groupEscrow(group.groupId),
    creditAccountId: accountId.providerPayable(group.providerId),
    amountPence: total,
    flags: 'single',
    code: 'group_payment',
    description: `${group.title}: group of ${group.settlement?.members ?? 0}`,
    reference: group.groupId,
    actor: transferActor(actor),
  });
  const { autoConfirmAt: _done, ...rest } = group;
  const paid: GroupRecord = {
    ...rest,
    status: 'paid',
    payout: { status: 'due' },
    updatedAt: deps.clock.now().toISOString(),
    version: group.version + 1,
  };
  await deps.groups.update(paid, group.version);
  return payOutGroup(deps, paid, actor);
}

/**
 * Pays a paid group's money out to the provider: a ledger transfer from what the provider is owed
 * to payouts in transit, then the rail transfer with the ledger transfer id as its idempotency key,
 * so the payouts job can repeat it safely. Held while the provider is not verified, as for orders.
 */
export async function payOutGroup(
  deps: GroupDeps,
  group: GroupRecord,
  actor: Actor = jobActor('retry_payouts'),
): Promise<GroupRecord> {
  if (group.status !== 'paid' || !group.payout || group.payout.status === 'sent') return group;
  const total = group.settlement?.totalPence ?? 0;
  const provider = await deps.directory.getProvider(group.providerId);
  let payout: GroupRecord['payout'];
  if (!provider || !canBePaid(provider.status)) {
    // Saved once, so the job running every few minutes does not rewrite the group each time.
    if (group.payout.status === 'held') return group;
    payout = { status: 'held', failure: payoutHeldReason(provider?.status) };
  } else {
    try {
      const account = provider.payouts?.payoutsEnabled
        ? provider.payouts.railAccountId
        : deps.rail.kind === 'simulated'
          ? `sim_acct_${provider.providerId}`
          : undefined;
      if (!account) throw new Error('The provider has not finished setting up payouts');
      await deps.ledger.transfer({
        transferId: `payout-${group.groupId}`,
        debitAccountId: accountId.providerPayable(group.providerId),
        creditAccountId: accountId.payoutsInTransit(`payout-${group.groupId}`),
        amountPence: total,
        flags: 'single',
        code: 'provider_payout',
        description: `Paid out to ${group.providerName}`,
        reference: group.groupId,
        actor: transferActor(actor),
      });
      const sent = await deps.rail.payout({
        ledgerTransferId: `payout-${group.groupId}`,
        accountId: account,
        amountPence: total,
        transferGroup: group.groupId,
        description: `${group.title} (Carepool group purchase)`,
      });
      payout = { status: 'sent', railTransferId: sent.railTransferId };
    } catch (error) {
      payout = { status: 'failed', failure: (error as Error).message.slice(0, 300) };
    }
  }
  const updated: GroupRecord = {
    ...group,
    payout,
    updatedAt: deps.clock.now().toISOString(),
    version: group.version + 1,
  };
  await deps.groups.update(updated, group.version);
  return updated;
}

/** Job: sends group payouts that failed or were held, once the provider can be paid. */
export async function retryGroupPayouts(deps: GroupDeps): Promise<GroupRecord[]> {
  return Promise.all((await deps.groups.duePayouts()).map((group) => payOutGroup(deps, group)));
}

/** Job: settles every group whose deadline has passed; confirms delivered groups after 7 days. */
export async function settleDueGroups(deps: GroupDeps) {
  const now = deps.clock.now();
  const settled = [];
  for (const group of await deps.groups.dueForSettlement(now)) settled.push(await settleGroup(deps, group));
  const paid = [];
  for (const group of await deps.groups.dueForAutoConfirm(now))
    if (group.status === 'delivered') paid.push(await payGroup(deps, group));
  return {
    settled: settled.filter((g) => g.status === 'settled').length,
    missed: settled.filter((g) => g.status === 'missed').length,
    paid: paid.length,
  };
}

/** A page of a person's memberships, newest first, each with what the list shows of its group. */
export async function myGroups(deps: GroupDeps, actor: Actor, personId: string, page: PageRequest) {
  await accessPerson(deps, actor.caller, personId, 'groups:read');
  const memberships = await deps.groups.groupsOf(personId, page);
  const groups = await deps.groups.summaries(memberships.items.map((m) => m.groupId));
  return {
    ...memberships,
    items: memberships.items.flatMap((membership) => {
      const group = groups.get(membership.groupId);
      return group
        ? [{ ...membership, title: group.title, groupStatus: group.status, deadline: group.deadline }]
        : [];
    }),
  };
}
