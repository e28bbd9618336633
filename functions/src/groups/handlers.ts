import {
  acceptQuote,
  closeGroup,
  confirmGroup,
  createGroup,
  deliverGroup,
  findRequests,
  getGroup,
  getRequest,
  groupView,
  joinGroup,
  leaveGroup,
  myGroups,
  pageByPosition,
  postRequest,
  providerGroups,
  publicRequest,
  registerInterest,
  searchGroups,
  submitQuote,
  unmetDemand,
} from '@carepool/domain';
import type { Implementations } from '../http/lambda.ts';

/**
 * A search's cursor is bound to the search it came from: the same cursor on a different place or
 * category is refused rather than read as a position in a different list.
 */
const listName = (kind: string, query: { near: string; radiusKm: number; category?: string | undefined }) =>
  `${kind}#${query.near}#${query.radiusKm}#${query.category ?? ''}`;

export const groupHandlers: Implementations<'groups'> = {
  createGroup: async ({ body, caller, requestId }, { groups }) =>
    groupView(groups, { caller }, await createGroup(groups, { caller, requestId }, body)),
  searchGroups: async ({ query, caller }, { groups }) =>
    pageByPosition(await searchGroups(groups, { caller }, query), listName('GROUPS', query), query),
  getGroup: async ({ params, query, caller }, { groups }) =>
    getGroup(groups, { caller }, params.id, query.personId),
  listProviderGroups: async ({ params, query, caller }, { groups }) =>
    providerGroups(groups, { caller }, params.id, query),
  joinGroup: async ({ params, body, caller, requestId }, { groups }) =>
    joinGroup(groups, { caller, requestId }, params.id, body),
  leaveGroup: async ({ params, body, caller, requestId }, { groups }) =>
    leaveGroup(groups, { caller, requestId }, params.id, body.personId),
  closeGroup: async ({ params, caller, requestId }, { groups }) =>
    groupView(groups, { caller }, await closeGroup(groups, { caller, requestId }, params.id)),
  deliverGroup: async ({ params, body, caller, requestId }, { groups }) =>
    groupView(groups, { caller }, await deliverGroup(groups, { caller, requestId }, params.id, body.notes)),
  confirmGroup: async ({ params, body, caller, requestId }, { groups }) =>
    groupView(
      groups,
      { caller },
      await confirmGroup(groups, { caller, requestId }, params.id, body.personId),
      body.personId,
    ),
  postRequest: async ({ body, caller, requestId }, { requests }) =>
    publicRequest(await postRequest(requests, { caller, requestId }, body)),
  findRequests: async ({ query }, { requests }) =>
    pageByPosition(await findRequests(requests, query), listName('REQUESTS', query), query),
  getRequest: async ({ params, caller }, { requests }) => getRequest(requests, { caller }, params.id),
  registerInterest: async ({ params, body, caller }, { requests }) =>
    registerInterest(requests, { caller }, params.id, body.personId),
  submitQuote: async ({ params, body, caller, requestId }, { requests }) =>
    submitQuote(requests, { caller, requestId }, params.id, body),
  acceptQuote: async ({ params, body, caller, requestId }, { requests }) =>
    acceptQuote(requests, { caller, requestId }, params.id, params.quoteId, body),
  unmetDemand: async ({ query, caller }, { requests }) =>
    unmetDemand(requests, { caller }, query.from, query.to),
  listPersonGroups: async ({ params, query, caller }, { groups }) =>
    myGroups(groups, { caller }, params.id, query),
};
