import type { TransferRequest } from '../ledger/ledger.ts';
import type { Movement } from '../orders/ports.ts';
import type { Page, PageRequest } from '../paging.ts';
import type { GroupRecord, MemberRecord } from './group.ts';

export interface GroupSummary {
  groupId: string;
  title: string;
  status: GroupRecord['status'];
  deadline: string;
}

export interface GroupStore {
  get(groupId: string): Promise<GroupRecord | undefined>;
  member(groupId: string, personId: string): Promise<MemberRecord | undefined>;
  members(groupId: string): Promise<MemberRecord[]>;
  /** One page of a person's memberships, newest joined first. */
  groupsOf(personId: string, page: PageRequest): Promise<Page<MemberRecord>>;
  /** One page of a provider's groups, newest first. */
  ofProvider(providerId: string, page: PageRequest): Promise<Page<GroupRecord>>;
  /** What a list shows of these groups, read together (absent ids are left out). */
  summaries(groupIds: readonly string[]): Promise<Map<string, GroupSummary>>;
  /** Open groups located in these districts (optionally one category). */
  openInDistricts(outcodes: readonly string[], category?: string): Promise<GroupRecord[]>;
  /** Groups whose joining deadline has passed and that still need settling. */
  dueForSettlement(now: Date): Promise<GroupRecord[]>;
  /** Delivered groups whose seven days for a dispute are up. */
  dueForAutoConfirm(now: Date): Promise<GroupRecord[]>;
  /** Paid groups whose payout to the provider has not gone out yet (due, failed or held). */
  /** Oldest first; with a batch, at most `limit` after the queue position `after` (see payoutQueuePosition). */
  duePayouts(batch?: { limit: number; after?: string | undefined }): Promise<GroupRecord[]>;
  create(group: GroupRecord): Promise<void>;
  /**
   * One transaction: the member's reservation, the member record (not already a member) and one
   * more place taken (only while the group is open and has room). Capacity can never be exceeded.
   */
  join(group: GroupRecord, member: MemberRecord, reservation: TransferRequest): Promise<void>;
  /** One transaction: the member's money moves (released or posted) and their record changes; `places` frees places. */
  changeMember(
    member: MemberRecord,
    expectedVersion: number,
    movement: Movement,
    places?: { groupId: string; release: number },
  ): Promise<void>;
  /** Changes the group's state (not its member count) if it is still at `expectedVersion`. */
  update(group: GroupRecord, expectedVersion: number): Promise<void>;
}
