import {
  acceptOrder,
  approvePayment,
  cancelOrder,
  confirmOrder,
  councilOrderQueue,
  declineOrder,
  declinePayment,
  deliverOrder,
  disputeOrder,
  getOrder,
  incomingOrders,
  ordersOf,
  payInvoice,
  placeOrder,
  resolveDispute,
  reviewOrder,
} from '@carepool/domain';
import type { Implementations } from '../http/lambda.ts';

export const orderHandlers: Implementations<'orders'> = {
  createOrder: async ({ body, caller, requestId }, { orders }) =>
    placeOrder(orders, { caller, requestId }, body),
  getOrder: async ({ params, caller }, { orders }) => getOrder(orders, { caller }, params.id),
  acceptOrder: async ({ params, caller, requestId }, { orders }) =>
    acceptOrder(orders, { caller, requestId }, params.id),
  declineOrder: async ({ params, body, caller, requestId }, { orders }) =>
    declineOrder(orders, { caller, requestId }, params.id, body.reason),
  deliverOrder: async ({ params, body, caller, requestId }, { orders }) =>
    deliverOrder(orders, { caller, requestId }, params.id, body),
  confirmOrder: async ({ params, caller, requestId }, { orders }) =>
    confirmOrder(orders, { caller, requestId }, params.id),
  disputeOrder: async ({ params, body, caller, requestId }, { orders }) =>
    disputeOrder(orders, { caller, requestId }, params.id, body.reason),
  cancelOrder: async ({ params, body, caller, requestId }, { orders }) =>
    cancelOrder(orders, { caller, requestId }, params.id, body.reason),
  approvePayment: async ({ params, caller, requestId }, { orders }) =>
    approvePayment(orders, { caller, requestId }, params.id),
  declinePayment: async ({ params, body, caller, requestId }, { orders }) =>
    declinePayment(orders, { caller, requestId }, params.id, body.reason),
  resolveDispute: async ({ params, body, caller, requestId }, { orders }) =>
    resolveDispute(orders, { caller, requestId }, params.id, body),
  listPersonOrders: async ({ params, query, caller }, { orders }) =>
    ordersOf(orders, { caller }, params.id, query),
  listProviderOrders: async ({ params, query, caller }, { orders }) =>
    incomingOrders(orders, { caller }, params.id, query),
  reviewOrder: async ({ params, body, caller }, { orders, reviews }) =>
    reviewOrder({ ...orders, reviews }, { caller }, params.id, body),
  listCouncilOrders: async ({ params, query, caller }, { orders }) =>
    councilOrderQueue(orders, { caller }, params.councilId, query.status, query),
  payInvoice: async ({ params, body, caller, requestId }, { orders }) =>
    payInvoice(orders, { caller, requestId }, params.id, body),
};
