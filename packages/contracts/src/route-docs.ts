/**
 * What the OpenAPI document says about each operation beyond its schemas: the problem codes it can
 * answer with, examples, and prose. Kept apart from the route table (functions/src/routes.ts) so
 * routing and documentation change independently; keyed by operation id, and a test checks every
 * key names a real route.
 */

/** Statuses an operation's own problem codes can come with (the common ones are added for every route). */
export type ProblemStatus = 400 | 403 | 404 | 409 | 422 | 429;

export interface OperationDoc {
  /** More than the summary: what happens, and what a caller should know. */
  description?: string;
  /** Problem codes this operation can answer with, beyond the ones every route of its kind has. */
  errors?: Partial<Record<ProblemStatus, readonly string[]>>;
  requestExample?: unknown;
  responseExample?: unknown;
  responseDescription?: string;
  /** Other media types the success response can come as, e.g. the CSV statement. */
  alsoAnswers?: Record<string, string>;
}

/** Every problem `code`, in words a developer can act on. */
export const problemCodes: Record<string, string> = {
  // Every route
  invalid_request: 'Some fields need changing: `errors` names each field and how to fix it',
  invalid_field: 'A field breaks a rule: `errors` names it and says how to fix it',
  malformed_json: 'The body is not valid JSON',
  body_too_large: 'The body is larger than 64 KB',
  unsupported_media_type: 'Send the body with `Content-Type: application/json`',
  invalid_idempotency_key: 'Use an Idempotency-Key of 1 to 128 letters, digits or - _ . :',
  idempotency_key_reused: 'That Idempotency-Key was used with a different request: use a new key',
  idempotency_in_progress: 'The first request with this Idempotency-Key is still running: retry shortly',
  unauthenticated: 'Sign in: send a valid, unexpired bearer token',
  account_not_active: 'The token is good but its account was removed, or never existed here',
  council_exists: 'A council with that id already exists',
  council_managed:
    "The council manages this budget's payments for now: a care manager books, confirms and pays",
  oversight_unchanged: 'The budget is already at that oversight level',
  own_payment: 'Whoever confirmed a payment cannot also approve it',
  council_changed: 'The council changed since you read it: read it again and resend with its version',
  unknown_district: 'A postcode district that does not exist',
  platform_invites_admins_only: "The operator invites a council's administrators; they invite their staff",
  email_in_use: 'An account already uses this email address',
  person_has_account: 'This budget holder already has an account',
  invitation_used: 'The invitation was accepted already: sign in instead',
  invitation_withdrawn: 'The invitation was withdrawn: ask for a new one',
  invitation_expired: 'The invitation is more than 7 days old: ask for a new one',
  invitation_not_pending: 'The invitation was accepted or withdrawn already',
  own_account: 'Nobody removes their own account: another administrator must',
  already_removed: 'The account was removed already',
  user_exists: 'That account already exists',
  role_not_allowed: 'None of your roles may do this',
  not_found: "Absent, or not yours to see: another person's or council's object is a 404",
  internal_error: 'Something went wrong on our side; quote the request id',
  try_again: 'Too much at once on the same account: retry shortly',
  // Spend check: every reservation and payment runs the same check and answers every failure at once
  plan_not_approved: 'The person has no approved support plan in force',
  plan_expired: 'The date is outside the plan',
  line_not_found: 'Choose a line from the current support plan',
  category_mismatch: "The support is not in the plan line's category",
  provider_not_allowed: 'The plan line names other providers',
  provider_not_verified: 'The provider has not been verified by the council yet',
  line_cap_exceeded: 'It would take the plan line over its cap for the period (`facts` give the figures)',
  insufficient_funds: 'Not enough money in the account for it',
  funding_source_restricted: "The line's funding source cannot pay for this category",
  delegate_scope_missing: 'Your delegation from the holder does not cover this',
  outside_availability:
    "The time (or a week of the repeat) is outside the listing's days and times: `facts.outside` lists each date, `facts.availability` when they work",
  spend_check_failed: 'The spend check refused it: `errors` and `facts.failures` say why',
  // State and versions
  invalid_transition: 'Not possible in its current state',
  version_conflict: 'Someone changed it since you read it: read it again and retry',
  already_exists: 'It exists already',
  // People and plans
  budget_not_set: 'Set the budget before drafting a plan',
  funding_sources_do_not_add_up: 'The funding sources must add up to the allocation',
  funding_source_not_in_budget: "The line's funding source is not one of the budget's",
  invalid_plan: 'The plan is not valid: `errors` says which line',
  plan_exceeds_allocation: 'The plan costs more a year than the allocation',
  plan_exceeds_funding_source: 'The plan spends more from a funding source than it provides',
  plan_too_long: 'A plan covers at most a year',
  dates_out_of_order: 'The end date is before the start date',
  duplicate_line: 'Two lines share an id',
  unknown_line: 'There is no line with that id in the plan',
  line_has_reservations: 'The line has money reserved against it: it cannot be removed',
  line_category_fixed: 'A line with spending against it keeps its category',
  line_terms_fixed: 'A line with spending against it keeps its funding terms',
  own_draft: 'A care manager may not approve a plan they drafted or changed (four eyes)',
  plan_in_force: 'The person already has a plan in force',
  plan_year_fixed: 'The plan year cannot change while a plan is in force',
  plan_changed: 'The plan changed since it was checked',
  stale_revision: 'The plan was revised since you read it',
  broker_not_disclosed: "The broker's interests must be disclosed first",
  unknown_question: 'There is no such question: remove it',
  unanswered: 'Answer every question',
  unknown_postcode: 'We do not recognise the postcode',
  own_person_record: 'Staff may not decide or fund their own record: another member of staff must',
  delegate_kind_mismatch:
    'Someone with the broker role acts for people only as a broker (so their fee is shown)',
  not_yet_due: 'Delivery cannot be recorded before the booked day',
  own_deposit: 'A deposit above the approval amount needs a different finance user to approve it',
  deposit_decided: 'The deposit was already approved or rejected',
  alert_resolved: 'The alert has already been resolved: it stays resolved, with its outcome',
  body_too_deep: 'The body nests more than 32 levels deep',
  // Directory
  role_mismatch: 'That kind of provider is registered by a different role',
  provider_changed: 'The provider changed since the version you checked',
  bad_cursor: 'The cursor is not one we gave out',
  // Orders and money
  duplicate_invoice: 'That invoice has already been paid',
  already_reviewed: 'You have already reviewed this order',
  not_reviewable: 'Only a confirmed order can be reviewed',
  transfer_id_reused: 'That transfer id was used for a different deposit',
  post_exceeds_reservation: 'The amount is more than was reserved',
  top_up_id_reused: 'That top-up id was used for a different top-up',
  account_not_onboarded: 'The provider has not finished payout onboarding',
  // Groups
  already_member: 'The person is already in the group',
  group_full: 'The group is full',
  group_closed: 'The group is closed to joining',
  minimum_not_met: 'The group has fewer members than its minimum',
  // Requests
  request_closed: 'The request is closed',
  out_of_area: "The provider does not cover the request's area",
  // Webhooks
  invalid_signature: 'The webhook signature does not verify',
  // Outcomes
  survey_already_given: 'A survey was already given for this review period (the plan now in force)',
  no_review_period: 'There is no approved plan in force yet, so no survey is due',
};

export const tagDescriptions: Record<string, string> = {
  platform: 'The document itself, who you are, how to sign in',
  councils: 'Councils, their staff accounts and invitations',
  dev: 'Local runtime only: demo users, tokens and jobs',
  directory: 'Providers, their listings and reviews: finding support',
  people: 'Budget holders, their budgets, assessments, delegations and support plans',
  orders: 'Booking support, delivery, confirmation, disputes and invoices',
  accounts: 'Managed accounts: deposits, statements, top-ups and payouts',
  groups: 'Group purchases: people pooling to buy support together',
  requests: 'Requests for support that providers quote for',
  reports: 'Reports for the council',
  outcomes: "Outcome surveys: how life has changed since the plan, in the holder's own view",
  webhooks: 'Payment rail callbacks',
};

const spendCheck = [
  'plan_not_approved',
  'plan_expired',
  'line_not_found',
  'category_mismatch',
  'provider_not_allowed',
  'provider_not_verified',
  'line_cap_exceeded',
  'insufficient_funds',
  'funding_source_restricted',
  'spend_check_failed',
] as const;

const planChecks = [
  'invalid_plan',
  'plan_too_long',
  'dates_out_of_order',
  'duplicate_line',
  'funding_source_not_in_budget',
] as const;

/** A new version replaces the plan in force only if it was made from it and keeps what is reserved. */
const replacingPlanInForce = ['stale_revision', 'plan_in_force', 'line_has_reservations'] as const;

export const routeDocs: Record<string, OperationDoc> = {
  createCouncil: {
    errors: { 400: ['unknown_district'], 409: ['council_exists'] },
    requestExample: {
      councilId: 'wolds-and-vale',
      name: 'Wolds and Vale Council',
      districts: ['YO17', 'YO61', 'YO62'],
      fundingSchedule: { everyDays: 28 },
    },
  },
  updateCouncil: {
    description:
      'Send the `version` you read: if someone changed the council since, the answer is 409 `council_changed`.',
    errors: { 400: ['unknown_district'], 409: ['council_changed'] },
    requestExample: { version: 3, settings: { depositApprovalAbovePence: 500000 } },
  },
  inviteStaff: {
    description:
      'Sends a single-use link that expires in 7 days. The roles are fixed now; whoever accepts cannot choose others.',
    errors: { 403: ['platform_invites_admins_only'], 409: ['email_in_use'] },
    requestExample: { email: 'sam.jones@council.example', name: 'Sam Jones', roles: ['care_manager'] },
  },
  invitePerson: {
    description:
      '`kind: holder` (a care manager) lets the holder sign in as themselves; `kind: representative` (the holder) is the same as granting access by email (`POST /v1/people/{id}/delegations`): it waits for whoever signs in with that address, and never says whether an account uses it.',
    errors: { 409: ['email_in_use', 'person_has_account', 'invitation_not_pending'] },
    requestExample: {
      kind: 'representative',
      email: 'helen@example.com',
      name: 'Helen Metcalfe',
      relationship: 'Daughter',
      scopes: ['plan:read', 'order:create'],
    },
  },
  withdrawInvitation: { errors: { 409: ['invitation_not_pending'] } },
  acceptInvitation: {
    description:
      'Makes the account the invitation describes. Locally you then sign in on the "Sign in as" page; in AWS a temporary password arrives by email.',
    errors: {
      409: [
        'invitation_used',
        'invitation_withdrawn',
        'invitation_expired',
        'invitation_not_pending',
        'email_in_use',
        'person_has_account',
      ],
    },
  },
  removeUser: { errors: { 403: ['own_account'], 409: ['already_removed'] } },
  setOversightLevel: {
    errors: { 409: ['oversight_unchanged', 'version_conflict'] },
    requestExample: {
      level: 'confirm_every_payment',
      reason: 'Two payments we could not match to support; checking for three months',
    },
  },
  approvePayment: { errors: { 403: ['own_payment'], 409: ['invalid_transition', 'version_conflict'] } },
  declinePayment: { errors: { 409: ['invalid_transition', 'version_conflict'] } },
  signUp: { errors: { 409: ['email_in_use', 'user_exists'] } },
  issueDevToken: {
    description:
      'Signs a token for a demo user or anyone who has joined, with the claims Cognito would issue.',
    requestExample: { userId: 'usr_demo_care_manager' },
    errors: { 409: ['account_not_active'] },
  },
  registerProvider: { errors: { 400: ['unknown_postcode'], 403: ['role_mismatch'] } },
  updateProvider: { errors: { 400: ['unknown_postcode'], 409: ['version_conflict'] } },
  verifyProvider: { errors: { 409: ['invalid_transition', 'provider_changed'] } },
  createListing: { errors: { 400: ['unknown_postcode'] } },
  updateListing: {
    description:
      'Send only what changes. `status` `paused` takes the listing out of search and stops new bookings and group purchases until it is `active` again (a holiday, a full diary); `withdrawn` says it is no longer offered. Bookings already made stand either way.',
    errors: { 409: ['version_conflict'] },
    requestExample: { status: 'paused' },
  },
  searchListings: { errors: { 400: ['unknown_postcode', 'bad_cursor'] } },
  registerPerson: {
    description: 'Registers a budget holder in your council. The person starts with no budget.',
    errors: { 400: ['unknown_postcode'] },
    requestExample: { name: 'Alex Morgan', dateOfBirth: '1961-04-12', postcode: 'DL8 1AA' },
    responseExample: {
      name: 'Alex Morgan',
      dateOfBirth: '1961-04-12',
      postcode: 'DL8 1AA',
      personId: 'per_7Hq2',
      councilId: 'north-dales',
      outcode: 'DL8',
      createdBy: 'usr_priya',
      createdAt: '2026-12-01T09:00:00.000Z',
      updatedAt: '2026-12-01T09:00:00.000Z',
      version: 1,
    },
  },
  setBudget: {
    description:
      'Sets the yearly allocation and how it is funded and deployed. The funding sources must add up to the allocation.',
    errors: { 403: ['own_person_record'], 400: ['funding_sources_do_not_add_up'], 409: ['version_conflict'] },
    requestExample: {
      allocationPence: 1_200_000,
      fundingSources: [{ source: 'council_social_care', amountPence: 1_200_000 }],
      deployment: 'managed_account',
      planYearStart: '2026-04-01',
    },
  },
  submitSelfAssessment: {
    errors: { 400: ['unknown_question', 'unanswered'], 403: ['delegate_scope_missing'] },
  },
  confirmSelfAssessment: {
    errors: { 403: ['own_person_record'], 409: ['invalid_transition'], 422: ['budget_not_set'] },
  },
  grantDelegation: {
    description:
      "Send the person's `name` and `email` (what the web app does: nobody needs a Carepool id). The answer is the same whether or not an account uses that address, so it reveals nobody's account: a grant waiting for the address (an invitation, emailed to it), which becomes a delegation when someone signs in with that confirmed address (an existing account, at its next sign-in) or makes an account from the link. The account decides the kind: a broker acts as a broker, once their fee is published. Sending the same grant again while it waits changes nothing; different terms replace it. Staff accounts never claim one. The older form, `userId` and `kind`, grants to a known account at once.",
    errors: {
      409: ['already_exists', 'invitation_not_pending'],
      422: ['broker_not_disclosed', 'delegate_kind_mismatch'],
    },
    requestExample: {
      name: 'Kasia Nowak',
      email: 'kasia@example.com',
      relationship: 'Neighbour',
      scopes: ['plan:read', 'order:create'],
    },
  },
  draftPlan: {
    description: 'Drafts a support plan: outcomes, and lines of spending each with a cap per period.',
    errors: {
      400: planChecks,
      403: ['delegate_scope_missing'],
      409: ['plan_in_force'],
      422: [
        'budget_not_set',
        'plan_exceeds_allocation',
        'plan_exceeds_funding_source',
        'broker_not_disclosed',
      ],
    },
    requestExample: {
      outcomes: {
        whatMatters: 'Getting out to the market on Thursdays',
        whatIWantToAchieve: ['Cook for myself'],
      },
      startDate: '2026-04-01',
      endDate: '2027-03-31',
      lines: [{ lineId: 'care', category: 'personal_care', capPence: 60_000, period: 'month' }],
    },
  },
  editPlan: {
    errors: {
      400: [...planChecks, 'plan_year_fixed'],
      403: ['delegate_scope_missing'],
      409: ['invalid_transition', 'version_conflict'],
      422: ['plan_exceeds_allocation', 'plan_exceeds_funding_source'],
    },
  },
  submitPlan: {
    errors: {
      403: ['delegate_scope_missing'],
      409: ['invalid_transition', 'version_conflict', ...replacingPlanInForce],
      422: ['plan_exceeds_allocation', 'plan_exceeds_funding_source'],
    },
  },
  approvePlan: {
    description:
      'Approves a submitted plan, which then governs spending. Four eyes: the care manager who drafted or last changed it may not approve it.',
    errors: {
      403: ['own_draft', 'own_person_record'],
      409: ['invalid_transition', 'version_conflict', 'plan_changed', ...replacingPlanInForce],
      422: ['plan_exceeds_allocation', 'plan_exceeds_funding_source'],
    },
    requestExample: { reason: 'Meets the assessed needs' },
  },
  rejectPlan: { errors: { 403: ['own_person_record'], 409: ['invalid_transition', 'version_conflict'] } },
  referPlan: { errors: { 403: ['own_person_record'], 409: ['invalid_transition', 'version_conflict'] } },
  endPlan: { errors: { 409: ['invalid_transition', 'version_conflict'] } },
  revisePlan: {
    errors: {
      400: [...planChecks, 'unknown_line', 'plan_year_fixed'],
      403: ['delegate_scope_missing'],
      409: [
        'invalid_transition',
        'stale_revision',
        'line_has_reservations',
        'line_category_fixed',
        'line_terms_fixed',
      ],
      422: ['plan_exceeds_allocation', 'plan_exceeds_funding_source'],
    },
  },
  createOrder: {
    description:
      "Books support from a listing against a line of the holder's approved plan. The spend check runs first and answers every failure at once; the cost is then reserved on the holder's account until delivery is confirmed. With `weeklyOccurrences` it books a weekly series at the same UK time each week: occurrences the check refuses are listed in `refused`. A time outside the listing's `availability` (UK wall-clock days and times), for any week, refuses the whole booking with `outside_availability`.",
    errors: {
      400: ['outside_availability'],
      403: ['delegate_scope_missing'],
      409: ['invalid_transition', 'plan_changed'],
      422: spendCheck,
      429: ['try_again'],
    },
    requestExample: {
      personId: 'per_7Hq2',
      listingId: 'lst_home_care',
      lineId: 'care',
      quantity: 2,
      scheduledFor: '2026-12-02T10:00:00Z',
    },
    responseExample: {
      outcome: 'booked',
      orders: [
        {
          orderId: 'ord_Zk81',
          kind: 'order',
          personId: 'per_7Hq2',
          councilId: 'north-dales',
          listingId: 'lst_home_care',
          providerId: 'prv_dales_care',
          providerName: 'Dales Home Care',
          title: 'Help at home',
          category: 'personal_care',
          planId: 'pln_4Rt9',
          lineId: 'care',
          periodKey: '2026-12',
          quantity: 2,
          priceUnit: 'hour',
          unitPricePence: 1_800,
          amountPence: 3_600,
          scheduledFor: '2026-12-02T10:00:00.000Z',
          notes: '',
          status: 'requested',
          reservationId: 'reserve-ord_Zk81',
          reviewed: false,
          createdBy: 'usr_alex',
          history: [{ action: 'requested', by: 'usr_alex', at: '2026-12-01T09:30:00.000Z' }],
          createdAt: '2026-12-01T09:30:00.000Z',
          updatedAt: '2026-12-01T09:30:00.000Z',
          version: 1,
        },
      ],
      refused: [],
    },
  },
  acceptOrder: { errors: { 409: ['invalid_transition'] } },
  declineOrder: { errors: { 409: ['invalid_transition'] } },
  deliverOrder: {
    description: 'The provider records what was delivered; the holder then confirms it.',
    errors: { 409: ['invalid_transition', 'not_yet_due'] },
    requestExample: { quantity: 2, notes: 'Two hours, as booked' },
  },
  confirmOrder: {
    description: 'The holder confirms delivery: the reserved money is paid to the provider.',
    errors: {
      403: ['delegate_scope_missing'],
      409: ['invalid_transition'],
      422: ['post_exceeds_reservation'],
    },
  },
  disputeOrder: { errors: { 403: ['delegate_scope_missing'], 409: ['invalid_transition'] } },
  cancelOrder: { errors: { 403: ['delegate_scope_missing'], 409: ['invalid_transition'] } },
  resolveDispute: { errors: { 403: ['own_person_record'], 409: ['invalid_transition'] } },
  payInvoice: {
    description:
      "Pays a provider's invoice from the holder's account, after the same spend check as a booking.",
    errors: {
      403: ['delegate_scope_missing'],
      409: ['duplicate_invoice', 'plan_changed'],
      422: spendCheck,
      429: ['try_again'],
    },
  },
  getStatement: {
    description:
      "The holder's account between two dates: opening and closing balance and every movement. `format=csv` answers the same as a CSV file.",
    alsoAnswers: { 'text/csv': 'The statement as CSV, one movement a row' },
    responseExample: {
      personId: 'per_7Hq2',
      from: '2026-12-01',
      to: '2026-12-31',
      openingBalancePence: 0,
      closingBalancePence: 296_400,
      lines: [
        {
          transferId: 'funding-dep-2026-12-alex',
          at: '2026-12-01T09:00:00.000Z',
          amountPence: 300_000,
          pendingPence: 0,
          balanceAfterPence: 300_000,
          code: 'council_deposit',
          description: 'December allocation',
          reference: 'December allocation',
        },
        {
          transferId: 'pay-ord_Zk81',
          at: '2026-12-02T16:20:00.000Z',
          amountPence: -3_600,
          pendingPence: 0,
          balanceAfterPence: 296_400,
          code: 'order_payment',
          description: 'Home care, 2 hours',
          lineId: 'care',
        },
      ],
    },
  },
  postFunding: {
    description:
      "Pays council money into the holder's managed account. The `transferId` is yours and comes back as you sent it: repeating it with the same amount returns the same deposit, with a different amount a 409. A deposit above the council's approval amount (default £10,000) is answered with `status: pending_approval` and posts only when a second finance user approves it (`POST /v1/deposits/{depositId}/approve`).",
    errors: { 403: ['own_person_record'], 409: ['transfer_id_reused'], 429: ['try_again'] },
    requestExample: {
      transferId: 'dep-2026-12-alex',
      amountPence: 300_000,
      reference: 'December allocation',
    },
    responseExample: {
      depositId: 'funding-dep-2026-12-alex',
      transferId: 'dep-2026-12-alex',
      personId: 'per_7Hq2',
      amountPence: 300_000,
      reference: 'December allocation',
      status: 'posted',
      requestedBy: 'usr_tom',
      requestedAt: '2026-12-01T09:00:00.000Z',
    },
  },
  createGroup: { errors: { 400: ['unknown_postcode'] } },
  joinGroup: {
    description: 'Joins a group purchase, reserving the per-person price after the spend check.',
    errors: {
      403: ['delegate_scope_missing'],
      409: ['already_member', 'group_full', 'group_closed', 'plan_changed'],
      422: spendCheck,
      429: ['try_again'],
    },
  },
  leaveGroup: { errors: { 409: ['invalid_transition', 'group_closed'] } },
  closeGroup: { errors: { 409: ['invalid_transition', 'minimum_not_met'] } },
  deliverGroup: { errors: { 409: ['invalid_transition', 'not_yet_due'] } },
  confirmGroup: { errors: { 403: ['delegate_scope_missing'], 409: ['invalid_transition'] } },
  reviewOrder: { errors: { 409: ['already_reviewed', 'not_reviewable'] } },
  postRequest: { errors: { 400: ['unknown_postcode'] } },
  registerInterest: { errors: { 409: ['request_closed'] } },
  submitQuote: { errors: { 409: ['request_closed'], 422: ['out_of_area'] } },
  acceptQuote: {
    description: 'Accepts a quote: books it as an order after the spend check.',
    errors: {
      403: ['delegate_scope_missing'],
      409: ['request_closed', 'invalid_transition', 'plan_changed'],
      422: spendCheck,
    },
  },
  findRequests: { errors: { 400: ['unknown_postcode'] } },
  searchGroups: { errors: { 400: ['unknown_postcode'] } },
  approveDeposit: {
    description:
      'A second finance user of the council approves a deposit above the approval amount; it posts once, however often this is sent.',
    errors: { 403: ['own_deposit'], 409: ['deposit_decided'] },
  },
  rejectDeposit: {
    description:
      'A second finance user of the council rejects a deposit waiting for approval: nothing posts.',
    errors: { 403: ['own_deposit'], 409: ['deposit_decided'] },
  },
  findPeople: {
    description:
      "The caller's council's budget holders in name order, a page at a time; with `q`, only those whose name starts with it (any case). Care managers see dates of birth; auditors and finance see names and districts. Another council is a 404.",
  },
  listCouncilOrders: {
    description:
      "The caller's council's payments held for a care manager's approval (`status=awaiting_approval`) or its disputes to decide (`status=disputed`), oldest first, with the holder's and provider's names. Each page reads one page of an index the order's own writes keep, whatever the council's size. Another council is a 404.",
  },
  listProvidersToCheck: {
    description:
      'Providers waiting for a check (`pending`), oldest first. Providers are national: a check by any council holds everywhere, so every council sees the same queue. The council in the path must be your own, or it is a 404.',
  },
  listAlerts: {
    description:
      "The alerts the rules raised for the caller's council, newest first. Rules look at every money event as it happens and at patterns nightly; each situation is raised once. An alert never stops a payment.",
  },
  getAlert: { description: "One alert of the caller's council; another council's alert is not found." },
  acknowledgeAlert: {
    description: 'Marks an open alert as being looked into. Acknowledging again answers the same.',
    errors: { 409: ['alert_resolved'] },
  },
  resolveAlert: {
    description:
      'Closes an open or acknowledged alert with an outcome (no concern, action taken, referred to safeguarding) and a note; both go in the audit trail.',
    errors: { 409: ['alert_resolved'] },
    requestExample: {
      outcome: 'referred_to_safeguarding',
      note: 'Spoke to Jean: she did not know. Passed to the safeguarding team.',
    },
  },
  startTopUp: { errors: { 409: ['top_up_id_reused'] } },
  startPayoutOnboarding: { errors: { 409: ['invalid_transition'] } },
  stripeWebhook: { errors: { 400: ['invalid_signature'] } },
  listReconciliationExceptions: {
    description:
      "Open reconciliation exceptions of the caller's council, then those that belong to no council yet, a page at a time (`limit`, `cursor`). Each page reads only what it shows.",
  },
  monitoringReport: {
    description:
      "Holders, spend, group savings, unmet requests, alerts and outcomes for the caller's council, by deployment type, over whole UK calendar months from `from`'s month to `to`'s (at most 24). Figures come from monthly aggregates a scheduled job builds (`monthsNotBuilt` lists any it has not built yet), never from reading every holder. Any cell about fewer than five people is `null` with `suppressed` saying why, and so is a cell that would let it be worked out from a total; `suppressedCells` lists them all. `format=csv` answers the same as a CSV file. Naming another council in `councilId` is a 404.",
    errors: { 400: ['invalid_field'], 403: ['role_not_allowed'], 404: ['not_found'] },
    alsoAnswers: { 'text/csv': 'The report as CSV, one table after another; hidden cells say "suppressed"' },
  },
  submitOutcomeSurvey: {
    description:
      'The holder, or a delegate with `plan:write`, answers eight questions (better, the same or worse, each with an optional comment) once per review period. We take the review period to be the plan now in force: a new one opens each time a plan is approved.',
    errors: {
      403: ['delegate_scope_missing', 'role_not_allowed'],
      409: ['survey_already_given'],
      422: ['no_review_period'],
    },
  },
  listOutcomeSurveys: {
    description:
      'The surveys given, newest first, the review period now open and whether a survey is `due` for it (the web app offers the form when it is).',
    errors: { 403: ['delegate_scope_missing', 'role_not_allowed'] },
  },
  listProviderPayouts: {
    description:
      "From the provider's own ledger account, in one read: `owedPence` (paid by the person's side, not yet sent to the bank), `pendingPence` (set aside for bookings nobody has confirmed yet: booked, accepted, delivered and waiting for the person, waiting for a care manager, or disputed) and `paidPence` (sent to the bank so far). Then its payouts, newest first, each with a short `reference` and what it paid for in words, never naming the person. Only the provider's owner sees it: anyone else's provider is a 404.",
    responseExample: {
      providerId: 'prv_Kw3',
      providerName: 'Kindlewood Home Help',
      owedPence: 0,
      pendingPence: 3_600,
      paidPence: 1_800,
      items: [
        {
          payoutId: 'payout-ord_9Tq',
          reference: 'K7QF2M9X',
          paidAt: '2026-12-02T10:15:00.000Z',
          amountPence: 1_800,
          status: 'sent',
          paidFor: {
            kind: 'booking',
            id: 'ord_9Tq',
            reference: 'B3RT6WNA',
            title: 'Gentle group walk',
            serviceDate: '2026-12-01T10:00:00.000Z',
            words: 'Gentle group walk: 1 session on 1 December 2026 for a Carepool budget holder',
          },
        },
      ],
    },
  },
  getProviderRemittance: {
    description:
      "Every payout to the provider made on the days `from` to `to` (UK dates; at most a year; without them, this month to today), with the total, for the provider's accountant. `format=csv`, or `Accept: text/csv`, answers it as a CSV file: date paid, payout reference, what it paid for in words, booking or group reference, service date, amount and whether it reached the bank, then the total. Nothing in it names the person the support was for. Only the provider's owner sees it: anyone else's provider is a 404.",
    alsoAnswers: { 'text/csv': 'The remittance as CSV, one payout a row and the total last' },
  },
  listOwnListings: {
    description:
      "The provider's owner sees every listing it has made, active, paused and withdrawn, to change, pause or bring back. The public list (`GET /v1/providers/{id}/listings`) shows only active ones. Anyone else's provider is a 404.",
  },
};
