import {
  CategoryCode,
  GroupRecord,
  GroupSetup,
  Id,
  MemberRecord,
  Postcode,
  ShortText,
} from '@carepool/domain';
import * as z from 'zod';
import { Page, PageQuery } from './common.ts';

export const GroupIdParams = z.object({ id: Id });

export const CreateGroupRequest = GroupSetup.extend({ listingId: Id })
  .strict()
  .meta({ id: 'CreateGroupRequest' });

export const GroupView = GroupRecord.omit({ organiserUserId: true, invitedPersonIds: true })
  .extend({
    youAreOrganiser: z.boolean(),
    invitedCount: z.number().int(),
    /** True when you were invited because you asked for this, or said you would like it too. */
    youAreInvited: z.boolean(),
    /** Sessions the group runs (weeks of a weekly series, else 1); every price here covers them all. */
    sessions: z.number().int(),
    /** What each person pays now for all the sessions. */
    pricePerPersonNowPence: z.number().int(),
    /** The same, per session. */
    pricePerSessionNowPence: z.number().int(),
    ifOneMoreJoinsPence: z.number().int().optional(),
    ifTwoMoreJoinPence: z.number().int().optional(),
    placesLeft: z.number().int(),
    minimumMet: z.boolean(),
    /** What joining reserves: the most a member could pay. */
    reservationPence: z.number().int(),
    distanceKm: z.number().optional(),
    yourMembership: z
      .object({
        status: MemberRecord.shape.status,
        reservedPence: z.number().int(),
        paidPence: z.number().int().optional(),
      })
      .optional(),
    /** Only for the organiser, only if the group shows first names, only of members who agreed. */
    memberFirstNames: z.array(z.string()).optional(),
  })
  .meta({ id: 'GroupPurchase' });

export const GroupList = Page(GroupView).meta({ id: 'GroupPurchaseList' });

export const SearchGroupsQuery = z
  .object({
    near: Postcode,
    radiusKm: z.coerce.number().positive().max(50, { error: 'Search within 50 km or less' }).default(10),
    category: CategoryCode.optional(),
    ...PageQuery.shape,
  })
  .strict();

export const JoinGroupRequest = z
  .object({ personId: Id, lineId: Id, firstName: ShortText(40).optional() })
  .strict()
  .meta({ id: 'JoinGroupRequest' });
export const LeaveGroupRequest = z.object({ personId: Id }).strict().meta({ id: 'LeaveGroupRequest' });
export const DeliverGroupRequest = z
  .object({ notes: z.string().trim().max(2000).default('') })
  .strict()
  .meta({ id: 'DeliverGroupRequest' });

/** A delegate says which member they confirm for; a holder confirming for themselves sends nothing. */
export const ConfirmGroupRequest = z
  .object({ personId: Id.optional() })
  .strict()
  .default({})
  .meta({ id: 'ConfirmGroupRequest' });

export const MemberView = MemberRecord.meta({ id: 'GroupMembership' });
export const MembershipList = Page(
  MemberRecord.extend({ title: z.string(), groupStatus: GroupRecord.shape.status, deadline: z.string() }),
).meta({ id: 'GroupMembershipList' });
export const GroupQuery = z.object({ personId: Id.optional() }).strict();
