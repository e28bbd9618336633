import {
  closeGroup,
  confirmGroup,
  createGroup,
  deliverGroup,
  getGroup,
  groupView,
  joinGroup,
  leaveGroup,
  myGroups,
  searchGroups,
} from '@carepool/domain';
import type { Implementations } from '../http/lambda.ts';

export const groupHandlers: Implementations<'groups'> = {
  createGroup: async ({ body, caller, requestId }, { groups }) =>
    groupView(groups, { caller }, await createGroup(groups, { caller, requestId }, body)),
  searchGroups: async ({ query, caller }, { groups }) => ({
    items: await searchGroups(groups, { caller }, query),
  }),
  getGroup: async ({ params, caller }, { groups }) => getGroup(groups, { caller }, params.id),
  joinGroup: async ({ params, body, caller, requestId }, { groups }) =>
    joinGroup(groups, { caller, requestId }, params.id, body),
  leaveGroup: async ({ params, body, caller, requestId }, { groups }) =>
    leaveGroup(groups, { caller, requestId }, params.id, body.personId),
  closeGroup: async ({ params, caller, requestId }, { groups }) =>
    groupView(groups, { caller }, await closeGroup(groups, { caller, requestId }, params.id)),
  deliverGroup: async ({ params, body, caller, requestId }, { groups }) =>
    groupView(groups, { caller }, await deliverGroup(groups, { caller, requestId }, params.id, body.notes)),
  confirmGroup: async ({ params, caller, requestId }, { groups }) =>
    groupView(groups, { caller }, await confirmGroup(groups, { caller, requestId }, params.id)),
  listPersonGroups: async ({ params, caller }, { groups }) => ({
    items: await myGroups(groups, { caller }, params.id),
  }),
};
