/**
 * Key builders for every entity, in one place. Items use generic key names (pk, sk, gsiNpk, gsiNsk)
 * so one table holds every entity; these functions are the only code that knows the shapes.
 */

/** Prices sort as text in a sort key, so pad them to a fixed width (up to £99,999,999.99). */
export const padPence = (pence: number): string => String(pence).padStart(10, '0');

export const keys = {
  provider: (providerId: string) => ({ pk: `PROVIDER#${providerId}`, sk: 'PROFILE' }),
  providerByOwner: (ownerUserId: string, providerId: string) => ({
    gsi3pk: `OWNER#${ownerUserId}`,
    gsi3sk: `PROVIDER#${providerId}`,
  }),
  /**
   * Sparse: a provider is in this queue only while it waits for a council's check (`pending`),
   * oldest change first. Providers are national, so there is one queue, not one per council.
   */
  providerAwaitingCheck: (updatedAt: string, providerId: string) => ({
    gsi1pk: 'PROVIDERS#AWAITING_CHECK',
    gsi1sk: `${updatedAt}#${providerId}`,
  }),

  listing: (listingId: string) => ({ pk: `LISTING#${listingId}`, sk: 'LISTING' }),
  /**
   * The listings change feed: every listing, of any status, sits in the partition of the UTC day
   * of its latest change, ordered by that time. Each write moves it to the newest place, so a
   * search index asks "what changed since I last looked" with one Query that reads only those
   * listings (see LiveListingIndex). Listings change far less often than a GSI partition's write
   * limit (1,000 items a second), so one partition a day is enough.
   */
  listingChange: (updatedAt: string, listingId: string) => ({
    gsi1pk: `LISTING_CHANGES#${updatedAt.slice(0, 10)}`,
    gsi1sk: `${updatedAt}#${listingId}`,
  }),
  /** Sparse: only active listings carry it; the snapshot a search index starts from reads it. */
  listingByCategoryPrice: (category: string, pricePence: number, listingId: string) => ({
    gsi2pk: `CAT#${category}`,
    gsi2sk: `${padPence(pricePence)}#${listingId}`,
  }),
  listingByProvider: (providerId: string, listingId: string) => ({
    gsi3pk: `PROVIDER#${providerId}`,
    gsi3sk: `LISTING#${listingId}`,
  }),

  user: (userId: string) => ({ pk: `USER#${userId}`, sk: 'USER' }),
  demoUser: (order: number, userId: string) => ({
    gsi1pk: 'DEMO_USERS',
    gsi1sk: `${String(order).padStart(4, '0')}#${userId}`,
  }),

  person: (personId: string) => ({ pk: `PERSON#${personId}`, sk: 'PROFILE' }),
  personByCouncil: (councilId: string, name: string, personId: string) => ({
    gsi3pk: `COUNCIL#${councilId}#PEOPLE`,
    gsi3sk: `${name.toLowerCase()}#${personId}`,
  }),
  plan: (planId: string) => ({ pk: `PLAN#${planId}`, sk: 'PLAN' }),
  planByPerson: (personId: string, planVersion: number) => ({
    gsi3pk: `PERSON#${personId}#PLANS`,
    gsi3sk: String(planVersion).padStart(6, '0'),
  }),
  /** A council's plans by status, so care managers see what waits for a decision. */
  planByCouncilStatus: (councilId: string, status: string, updatedAt: string, planId: string) => ({
    gsi2pk: `COUNCIL#${councilId}#PLANS#${status}`,
    gsi2sk: `${updatedAt}#${planId}`,
  }),
  delegation: (personId: string, userId: string) => ({ pk: `PERSON#${personId}`, sk: `DELEGATE#${userId}` }),
  delegationByDelegate: (userId: string, personId: string) => ({
    gsi3pk: `DELEGATE#${userId}`,
    gsi3sk: `PERSON#${personId}`,
  }),
  assessment: (personId: string, assessmentId: string) => ({
    pk: `PERSON#${personId}`,
    sk: `ASSESSMENT#${assessmentId}`,
  }),
  questionnaire: (councilId: string) => ({ pk: `COUNCIL#${councilId}`, sk: 'QUESTIONNAIRE' }),
  /** A council: its name, area, funding schedule and settings. */
  council: (councilId: string) => ({ pk: `COUNCIL#${councilId}`, sk: 'COUNCIL' }),
  /** Every council, in id order: a short list (one per council), read by the operator and jobs. */
  councilInList: (councilId: string) => ({ gsi1pk: 'COUNCILS', gsi1sk: councilId }),
  /** A council's accounts (staff and holders), by name. */
  userByCouncil: (councilId: string, name: string, userId: string) => ({
    gsi3pk: `COUNCIL#${councilId}#USERS`,
    gsi3sk: `${name.toLowerCase()}#${userId}`,
  }),
  /** Accounts made by invitation or sign-up, newest first: the local "Sign in as" page lists them. */
  userByJoined: (createdAt: string, userId: string) => ({
    gsi2pk: 'USERS#JOINED',
    gsi2sk: `${createdAt}#${userId}`,
  }),
  /** One account per email address: claimed in the transaction that makes the account. */
  emailClaim: (email: string) => ({ pk: `EMAIL#${email.toLowerCase()}`, sk: 'EMAIL' }),
  /** One account per budget holder. */
  personAccount: (personId: string) => ({ pk: `PERSON#${personId}`, sk: 'ACCOUNT' }),
  invitation: (invitationId: string) => ({ pk: `INVITATION#${invitationId}`, sk: 'INVITATION' }),
  invitationByCouncil: (councilId: string, invitedAt: string, invitationId: string) => ({
    gsi3pk: `COUNCIL#${councilId}#INVITATIONS`,
    gsi3sk: `${invitedAt}#${invitationId}`,
  }),
  invitationByPerson: (personId: string, invitedAt: string, invitationId: string) => ({
    gsi2pk: `PERSON#${personId}#INVITATIONS`,
    gsi2sk: `${invitedAt}#${invitationId}`,
  }),
  /**
   * Sparse: only a pending invitation to act for someone carries it, under the lower-cased address
   * it waits for, so a sign-in reads just the grants waiting for that person.
   */
  invitationByEmail: (email: string, invitedAt: string, invitationId: string) => ({
    gsi1pk: `EMAIL#${email.toLowerCase()}#DELEGATE_INVITATIONS`,
    gsi1sk: `${invitedAt}#${invitationId}`,
  }),
  /** Messages the local runtime "sent" (invitations), for its sent-messages page. Local only. */
  outboxMessage: (at: string, messageId: string) => ({ pk: 'OUTBOX', sk: `${at}#${messageId}` }),
  /** A council deposit and its approval state; shares the partition of its ledger transfer id. */
  deposit: (depositId: string) => ({ pk: `DEPOSIT#${depositId}`, sk: 'DEPOSIT' }),
  /**
   * A person's next four-weekly council deposit (one item per person, moved on in the transaction
   * that posts each deposit): the daily run reads only the council's people due by today.
   */
  depositDue: (personId: string) => ({ pk: `PERSON#${personId}`, sk: 'DEPOSIT_DUE' }),
  depositDueByCouncil: (councilId: string, dueOn: string, personId: string) => ({
    gsi2pk: `COUNCIL#${councilId}#DEPOSITS_DUE`,
    gsi2sk: `${dueOn}#${personId}`,
  }),
  /** Set once a council's people registered before the due index existed have their due items. */
  depositScheduleIndexed: (councilId: string) => ({ pk: `COUNCIL#${councilId}`, sk: 'DEPOSIT_SCHEDULE' }),
  /** Audit chains: one partition per entity, records in sequence order. */
  audit: (entityType: string, entityId: string, seq: number) => ({
    pk: `AUDIT#${entityType}#${entityId}`,
    sk: `SEQ#${String(seq).padStart(8, '0')}`,
  }),

  account: (accountId: string) => ({ pk: `ACCOUNT#${accountId}`, sk: 'ACCOUNT' }),
  /** Statement lines sort by time within the account's partition. */
  accountEntry: (accountId: string, at: string, transferId: string) => ({
    pk: `ACCOUNT#${accountId}`,
    sk: `ENTRY#${at}#${transferId}`,
  }),
  /**
   * What an account's posted balance moved by in one calendar month (UTC, the month of each
   * entry's `at`), kept in the same transaction as the entries: a statement works out its opening
   * balance from these and the balance now, without reading earlier entries.
   */
  accountMonth: (accountId: string, month: string) => ({ pk: `ACCOUNT#${accountId}`, sk: `MONTH#${month}` }),
  /**
   * Payouts by the UTC day they were made, oldest first: reconciliation walks this from its
   * checkpoint instead of re-reading every payout ever made. Carried by the payout's entry on the
   * payouts-in-transit shard, so it is written in the payout's own transaction.
   */
  payoutByDay: (createdAt: string, transferId: string) => ({
    gsi1pk: `PAYOUTS#${createdAt.slice(0, 10)}`,
    gsi1sk: `${createdAt}#${transferId}`,
  }),
  transfer: (transferId: string) => ({ pk: `TRANSFER#${transferId}`, sk: 'TRANSFER' }),
  /** Claimed once when a pending transfer is posted or voided: it can never be resolved twice. */
  pendingResolution: (pendingId: string) => ({ pk: `TRANSFER#${pendingId}`, sk: 'RESOLVED' }),
  /** A plan line's counters, one per period, kept per person so they outlive plan versions. */
  lineUsage: (personId: string, lineId: string, periodKey: string) => ({
    pk: `LINE#${personId}#${lineId}`,
    sk: `PERIOD#${periodKey}`,
  }),

  order: (orderId: string) => ({ pk: `ORDER#${orderId}`, sk: 'ORDER' }),
  orderByPerson: (personId: string, createdAt: string, orderId: string) => ({
    gsi3pk: `PERSON#${personId}#ORDERS`,
    gsi3sk: `${createdAt}#${orderId}`,
  }),
  orderByProvider: (providerId: string, createdAt: string, orderId: string) => ({
    gsi1pk: `PROVIDER#${providerId}#ORDERS`,
    gsi1sk: `${createdAt}#${orderId}`,
  }),
  /** Sparse work queues for jobs: an order is in one only while it has that work to do. */
  orderAutoConfirm: (autoConfirmAt: string, orderId: string) => ({
    gsi2pk: 'ORDERS#AUTO_CONFIRM',
    gsi2sk: `${autoConfirmAt}#${orderId}`,
  }),
  orderPayoutDue: (updatedAt: string, orderId: string) => ({
    gsi2pk: 'ORDERS#PAYOUT_DUE',
    gsi2sk: `${updatedAt}#${orderId}`,
  }),
  /**
   * Sparse queues for care managers: an order is in its council's queue only while it waits for
   * their decision (a held payment, or a dispute), oldest first. The order's own write keeps it.
   */
  orderByCouncilStatus: (councilId: string, status: string, updatedAt: string, orderId: string) => ({
    gsi2pk: `COUNCIL#${councilId}#ORDERS#${status}`,
    gsi2sk: `${updatedAt}#${orderId}`,
  }),

  providerByRailAccount: (railAccountId: string) => ({
    gsi2pk: `RAIL_ACCOUNT#${railAccountId}`,
    gsi2sk: 'PROVIDER',
  }),
  webhookEvent: (eventId: string) => ({ pk: `WEBHOOK#${eventId}`, sk: 'EVENT' }),
  simulatedRailTransfer: (ledgerTransferId: string) => ({
    pk: 'SIMULATED_RAIL#TRANSFERS',
    sk: `TRANSFER#${ledgerTransferId}`,
  }),
  topUp: (topUpId: string) => ({ pk: `TOPUP#${topUpId}`, sk: 'TOPUP' }),
  /**
   * Open exceptions, one partition per council (`-` for those that belong to none yet), so finance
   * pages its own with a Query bounded by the page. Resolved ones move to `RESOLVED#…` keys.
   */
  reconciliationException: (councilId: string | undefined, exceptionId: string) => ({
    pk: `RECONCILIATION#${councilId ?? '-'}`,
    sk: `OPEN#${exceptionId}`,
  }),
  resolvedReconciliationException: (councilId: string | undefined, exceptionId: string) => ({
    pk: `RECONCILIATION#${councilId ?? '-'}`,
    sk: `RESOLVED#${exceptionId}`,
  }),
  /** Where reconciliation stopped: the last payout it checked (its payout index position). */
  reconciliationCheckpoint: () => ({ pk: 'RECONCILIATION', sk: 'CHECKPOINT' }),
  /** Where the payout retry job stopped in each due queue, so held payouts never starve newer ones. */
  payoutRetryCheckpoint: () => ({ pk: 'PAYOUT_RETRY', sk: 'CHECKPOINT' }),

  group: (groupId: string) => ({ pk: `GROUP#${groupId}`, sk: 'GROUP' }),
  /** Sparse: only open groups are found by place. */
  groupByDistrict: (outcode: string, category: string, groupId: string) => ({
    gsi1pk: `GROUPLOC#${outcode}`,
    gsi1sk: `${category}#${groupId}`,
  }),
  groupDeadline: (deadline: string, groupId: string) => ({
    gsi2pk: 'GROUPS#DEADLINE',
    gsi2sk: `${deadline}#${groupId}`,
  }),
  groupAutoConfirm: (autoConfirmAt: string, groupId: string) => ({
    gsi2pk: 'GROUPS#AUTO_CONFIRM',
    gsi2sk: `${autoConfirmAt}#${groupId}`,
  }),
  groupPayoutDue: (updatedAt: string, groupId: string) => ({
    gsi2pk: 'GROUPS#PAYOUT_DUE',
    gsi2sk: `${updatedAt}#${groupId}`,
  }),
  groupByProvider: (providerId: string, createdAt: string, groupId: string) => ({
    gsi3pk: `PROVIDER#${providerId}#GROUPS`,
    gsi3sk: `${createdAt}#${groupId}`,
  }),
  groupMember: (groupId: string, personId: string) => ({ pk: `GROUP#${groupId}`, sk: `MEMBER#${personId}` }),
  /** A person's memberships, newest joined first when read backwards (one page is one Query). */
  memberByPerson: (personId: string, joinedAt: string, groupId: string) => ({
    gsi3pk: `PERSON#${personId}#GROUPS`,
    gsi3sk: `${joinedAt}#${groupId}`,
  }),

  supportRequest: (requestId: string) => ({ pk: `REQUEST#${requestId}`, sk: 'REQUEST' }),
  requestByDistrict: (outcode: string, category: string, requestId: string) => ({
    gsi1pk: `REQLOC#${outcode}`,
    gsi1sk: `${category}#${requestId}`,
  }),
  requestByCouncil: (councilId: string, createdAt: string, requestId: string) => ({
    gsi3pk: `COUNCIL#${councilId}#REQUESTS`,
    gsi3sk: `${createdAt}#${requestId}`,
  }),
  /** Unmet-demand counters for the requests a council's people made on one UTC day (see requests/unmet.ts). */
  unmetDay: (councilId: string, day: string) => ({ pk: `COUNCIL#${councilId}`, sk: `UNMET#${day}` }),
  /** Unmet-demand counters for a council's requests whose window closes on one UTC day, by instant. */
  unmetClosing: (councilId: string, day: string) => ({
    pk: `COUNCIL#${councilId}`,
    sk: `UNMET_CLOSES#${day}`,
  }),
  /** From when a council's requests are all in its unmet-demand counters (`trackedFrom`). */
  unmetTracked: (councilId: string) => ({ pk: `COUNCIL#${councilId}`, sk: 'UNMET_TRACKED' }),
  quote: (requestId: string, quoteId: string) => ({ pk: `REQUEST#${requestId}`, sk: `QUOTE#${quoteId}` }),
  interest: (requestId: string, personId: string) => ({
    pk: `REQUEST#${requestId}`,
    sk: `INTEREST#${personId}`,
  }),

  /** Newest first by day within the provider's partition, so a page of reviews is one Query. */
  review: (providerId: string, date: string, reviewId: string) => ({
    pk: `PROVIDER#${providerId}`,
    sk: `REVIEW#${date}#${reviewId}`,
  }),
  /** How many reviews a provider has and the sum of their ratings, kept as each review is added. */
  reviewSummary: (providerId: string) => ({ pk: `PROVIDER#${providerId}`, sk: 'REVIEWS' }),

  idempotency: (scope: string, key: string) => ({ pk: `IDEMPOTENCY#${scope}#${key}`, sk: 'RECORD' }),
  seedMarker: () => ({ pk: 'META', sk: 'SEED' }),
} as const;
