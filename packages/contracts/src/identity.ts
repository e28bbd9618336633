import {
  AlertThresholds,
  CouncilId,
  CouncilRecord,
  CouncilSettings,
  DelegateScope,
  Email,
  FundingSchedule,
  Id,
  InvitationKind,
  InvitationStatus,
  IsoDateTime,
  PersonInvitationRequest,
  Role,
  SelfSignUpRole,
  ShortText,
  StaffInvitationRequest as StaffInvitation,
  UserStatus,
} from '@carepool/domain';
import * as z from 'zod';
import { Page } from './common.ts';

export const CouncilIdParams = z.object({ councilId: Id });
export const InvitationIdParams = z.object({ invitationId: Id });
export const UserIdParams = z.object({ userId: Id });

/** A council as the API shows it: every setting filled in, defaults included. */
export const CouncilView = CouncilRecord.omit({ settings: true })
  .extend({
    settings: z.object({
      /** Deposits above this (pence) wait for a second finance user. Default £10,000. */
      depositApprovalAbovePence: z.number().int(),
      /** For holders on "confirm every payment": payments above this (pence) wait for a care manager. Default £25. */
      paymentApprovalAbovePence: z.number().int(),
      /** The alert rules' thresholds as they apply: the council's own, or the default (see AlertThresholds). */
      alerts: AlertThresholds.required().meta({ id: 'EffectiveAlertThresholds' }),
    }),
  })
  .meta({ id: 'Council' });
export const CouncilList = z.object({ items: z.array(CouncilView) }).meta({ id: 'CouncilList' });

export const CreateCouncilRequest = z
  .object({
    councilId: CouncilId,
    name: ShortText(120),
    districts: CouncilRecord.shape.districts,
    fundingSchedule: FundingSchedule.strict(),
    settings: CouncilSettings.strict().optional(),
  })
  .strict()
  .meta({ id: 'CreateCouncilRequest' });

export const UpdateCouncilRequest = z
  .object({
    /** The version you read: a change made meanwhile by someone else is a 409, not overwritten. */
    version: z.number().int().min(1),
    name: ShortText(120).optional(),
    districts: CouncilRecord.shape.districts.optional(),
    fundingSchedule: FundingSchedule.strict().optional(),
    settings: CouncilSettings.strict().optional(),
  })
  .strict()
  .meta({ id: 'UpdateCouncilRequest' });

export const StaffInvitationRequest = StaffInvitation.meta({ id: 'StaffInvitationRequest' });
export const InvitePersonRequest = PersonInvitationRequest.meta({ id: 'InvitePersonRequest' });

/** An invitation as its sender and the council see it: never the code, which only the invitee has. */
export const InvitationView = z
  .object({
    invitationId: Id,
    kind: InvitationKind,
    councilId: Id,
    email: z.string(),
    name: z.string(),
    roles: z.array(Role),
    personId: Id.optional(),
    scopes: z.array(DelegateScope).optional(),
    relationship: z.string().optional(),
    delegationExpiresAt: IsoDateTime.optional(),
    status: InvitationStatus,
    /** True once `expiresAt` has passed while it was still pending. */
    expired: z.boolean(),
    invitedBy: Id,
    invitedAt: IsoDateTime,
    expiresAt: IsoDateTime,
    acceptedAt: IsoDateTime.optional(),
    acceptedUserId: Id.optional(),
    withdrawnAt: IsoDateTime.optional(),
    withdrawnBy: Id.optional(),
  })
  .meta({ id: 'Invitation' });
export const InvitationPage = Page(InvitationView).meta({ id: 'InvitationPage' });
export const InvitationList = z.object({ items: z.array(InvitationView) }).meta({ id: 'InvitationList' });

export const OpenInvitationQuery = z
  .object({ code: z.string().min(1).max(200, { error: 'That code is not one we sent' }) })
  .strict();

/** What the person opening the link sees before they accept. */
export const OpenInvitationView = z
  .object({
    invitationId: Id,
    kind: InvitationKind,
    councilName: z.string(),
    name: z.string(),
    email: z.string(),
    roles: z.array(Role),
    status: InvitationStatus,
    expiresAt: IsoDateTime,
    /** False when it was used, withdrawn or has expired; `reason` says which. */
    usable: z.boolean(),
    reason: z.string().optional(),
  })
  .meta({ id: 'OpenInvitation' });

export const AcceptInvitationRequest = z
  .object({ code: z.string().min(1).max(200, { error: 'That code is not one we sent' }) })
  .strict()
  .meta({ id: 'AcceptInvitationRequest' });

export const UserView = z
  .object({
    userId: Id,
    name: z.string(),
    roles: z.array(Role),
    councilId: Id.optional(),
    personId: Id.optional(),
    status: UserStatus,
    email: z.string().optional(),
    createdAt: IsoDateTime.optional(),
    joinedBy: z.enum(['invitation', 'self_sign_up', 'platform_bootstrap']).optional(),
    removedAt: IsoDateTime.optional(),
    removedBy: Id.optional(),
    removalReason: z.string().optional(),
  })
  .meta({ id: 'User' });
export const UserPage = Page(UserView).meta({ id: 'UserPage' });

/** The new account, and how its owner signs in from here. */
export const AcceptedInvitationView = z
  .object({
    user: UserView,
    /** `local_demo`: choose yourself on the "Sign in as" page. `cognito`: a temporary password is on its way by email. */
    signIn: z.enum(['local_demo', 'cognito']),
  })
  .meta({ id: 'AcceptedInvitation' });

export const RemoveUserRequest = z
  .object({ reason: ShortText(500) })
  .strict()
  .meta({ id: 'RemoveUserRequest' });

export const RenameMeRequest = z
  .object({ name: ShortText(120) })
  .strict()
  .meta({ id: 'RenameMeRequest' });

export const SignUpRequest = z
  .object({ name: ShortText(120), email: Email, role: SelfSignUpRole })
  .strict()
  .meta({ id: 'SignUpRequest' });

export const SentMessageList = z
  .object({
    items: z.array(
      z.object({
        to: z.string(),
        subject: z.string(),
        text: z.string(),
        link: z.string(),
        sentAt: IsoDateTime,
      }),
    ),
  })
  .meta({ id: 'SentMessageList' });
