import {
  CategoryCode,
  Id,
  IsoDate,
  IsoDateTime,
  Postcode,
  QuoteInput,
  QuoteRecord,
  ShortText,
  SupportRequestInput,
  SupportRequestRecord,
} from '@carepool/domain';
import * as z from 'zod';
import { Page, PageQuery } from './common.ts';

export const RequestIdParams = z.object({ id: Id });
export const QuoteParams = z.object({ id: Id, quoteId: Id });

export const PostRequestRequest = SupportRequestInput.strict().meta({ id: 'PostSupportRequest' });
export const PublicRequestView = SupportRequestRecord.omit({
  personId: true,
  createdBy: true,
  postcode: true,
})
  .extend({ distanceKm: z.number().optional() })
  .meta({ id: 'SupportRequest' });
export const RequestList = Page(PublicRequestView).meta({ id: 'SupportRequestList' });
export const RequestDetail = PublicRequestView.extend({
  quotes: z.array(QuoteRecord),
  youAsked: z.boolean(),
}).meta({
  id: 'SupportRequestDetail',
});
export const FindRequestsQuery = z
  .object({
    near: Postcode,
    radiusKm: z.coerce.number().positive().max(50, { error: 'Search within 50 km or less' }).default(15),
    category: CategoryCode.optional(),
    ...PageQuery.shape,
  })
  .strict();
export const InterestRequest = z.object({ personId: Id }).strict().meta({ id: 'InterestRequest' });
export const InterestView = z
  .object({ requestId: Id, interested: z.literal(true), alreadyInterested: z.boolean() })
  .meta({ id: 'Interest' });
export const SubmitQuoteRequest = QuoteInput.strict().meta({ id: 'SubmitQuoteRequest' });
export const QuoteView = QuoteRecord.meta({ id: 'Quote' });

export const AcceptQuoteRequest = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('order'),
      lineId: Id,
      quantity: z.number().int().min(1).max(1000),
      scheduledFor: IsoDateTime,
    }),
    z.object({
      kind: z.literal('group'),
      title: ShortText(120),
      minParticipants: z.number().int().min(2).max(500),
      maxParticipants: z.number().int().min(2).max(500),
      deadline: IsoDateTime,
      schedule: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('one_off'), at: IsoDateTime }),
        z.object({
          kind: z.literal('weekly'),
          firstAt: IsoDateTime,
          occurrences: z.number().int().min(2).max(52),
        }),
      ]),
    }),
  ])
  .meta({ id: 'AcceptQuoteRequest' });
export const AcceptQuoteView = z
  .object({ requestId: Id, quoteId: Id, orderId: Id.optional(), groupId: Id.optional() })
  .meta({ id: 'AcceptedQuote' });

export const UnmetDemandQuery = z.object({ from: IsoDate, to: IsoDate }).strict();
export const UnmetDemandView = z
  .object({
    councilId: Id,
    from: z.string(),
    to: z.string(),
    totalRequests: z.number().int(),
    unmetRequests: z.number().int(),
    rows: z.array(
      z.object({
        area: z.string(),
        category: CategoryCode,
        requests: z.number().int(),
        people: z.number().int(),
        quotesReceived: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'UnmetDemandReport' });
