/** Plain words for the API's codes. Nothing here changes meaning; it only says it for people. */
import type {
  AccessibilityFeature,
  DelegateScope,
  Deployment,
  FundingSourceKind,
  InvitationStatus,
  MaterialChange,
  OrderStatus,
  PlanStatus,
  PriceUnit,
  ProviderKind,
  ProviderStatus,
  Role,
  StaffRole,
  TransferCode,
  Weekday,
} from '@carepool/domain';
import { transferCodeWords } from '@carepool/domain';

export const weekdays: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

export const accessibilityFeatures: Record<AccessibilityFeature, string> = {
  step_free: 'Step-free access',
  accessible_toilet: 'Accessible toilet',
  hearing_loop: 'Hearing loop',
  bsl: 'British Sign Language',
  easy_read: 'Easy read information',
  quiet_space: 'A quiet space',
  changing_places: 'Changing Places toilet',
  assistance_dogs: 'Assistance dogs welcome',
  large_print: 'Large print',
  wheelchair_accessible_vehicle: 'Wheelchair accessible vehicle',
};

export const priceUnits: Record<PriceUnit, string> = {
  hour: 'an hour',
  session: 'a session',
  day: 'a day',
  week: 'a week',
  item: 'each',
};

export const priceUnitNouns: Record<PriceUnit, [string, string]> = {
  hour: ['hour', 'hours'],
  session: ['session', 'sessions'],
  day: ['day', 'days'],
  week: ['week', 'weeks'],
  item: ['item', 'items'],
};

export function quantityWords(quantity: number, unit: PriceUnit): string {
  const [one, many] = priceUnitNouns[unit];
  return `${quantity} ${quantity === 1 ? one : many}`;
}

export const providerKinds: Record<ProviderKind, string> = {
  organisation: 'Care organisation',
  micro_enterprise: 'Small local business (micro-enterprise)',
  personal_assistant: 'Self-employed personal assistant',
  mainstream_business: 'Local business',
  broker: 'Support broker',
};

export const providerStatuses: Record<ProviderStatus, { text: string; colour: string }> = {
  verified: { text: 'Checked by the council', colour: 'green' },
  pending: { text: 'Not checked yet', colour: 'yellow' },
  suspended: { text: 'Suspended', colour: 'red' },
};

export const delegateScopes: Record<DelegateScope, string> = {
  'plan:read': 'See the support plan',
  'plan:write': 'Write and change the support plan',
  'order:create': 'Book support',
  'order:confirm': 'Confirm or dispute support that was delivered',
  'account:read': 'See the money in the account',
  'group:join': 'Join group purchases',
};

export const planStatuses: Record<PlanStatus, { text: string; colour: string }> = {
  draft: { text: 'Draft', colour: 'grey' },
  submitted: { text: 'Waiting for approval', colour: 'blue' },
  referred: { text: 'Referred to the panel', colour: 'purple' },
  approved: { text: 'Approved', colour: 'green' },
  rejected: { text: 'Not approved', colour: 'red' },
  superseded: { text: 'Replaced by a newer plan', colour: 'grey' },
  ended: { text: 'Ended', colour: 'grey' },
};

export const orderStatuses: Record<OrderStatus, { text: string; colour: string }> = {
  requested: { text: 'Waiting for the provider', colour: 'blue' },
  accepted: { text: 'Accepted', colour: 'turquoise' },
  declined: { text: 'Declined', colour: 'red' },
  delivered: { text: 'Delivered: please confirm', colour: 'yellow' },
  awaiting_approval: { text: 'Waiting for the care manager to approve', colour: 'purple' },
  confirmed: { text: 'Paid', colour: 'green' },
  disputed: { text: 'Disputed', colour: 'orange' },
  cancelled: { text: 'Cancelled', colour: 'grey' },
};

/** One set of words for ledger codes, shared with the CSV statement. */
export const transferCodes: Record<TransferCode, string> = transferCodeWords;

export const deployments: Record<Deployment, string> = {
  direct_payment: 'Direct payment (the person manages the money)',
  managed_account: 'Managed account (Carepool holds the money)',
  council_managed: 'Council managed',
  individual_service_fund: 'Individual service fund (a provider holds it)',
  mixed: 'A mix of these',
};

export const fundingSources: Record<FundingSourceKind, string> = {
  council_social_care: 'Council social care',
  nhs_personal_health_budget: 'NHS personal health budget',
  family_contribution: 'Family contribution',
};

export const priceParity: Record<string, string | undefined> = {
  same_as_council: 'Same price as the council pays',
  below_council: 'Cheaper than the council pays',
  above_council: 'Costs more than the council pays',
  unknown: undefined,
};

export const dbsLevels: Record<string, string> = {
  none: 'No DBS check',
  basic: 'Basic DBS check',
  standard: 'Standard DBS check',
  enhanced: 'Enhanced DBS check',
};

/** What a provider changed since the council last checked it, for the care manager checking again. */
export const materialChangeLabels: Record<MaterialChange, string> = {
  name: 'Its name',
  'evidence.cqcRegistrationId': 'Its CQC registration',
  'evidence.dbsCheck': 'Its DBS check',
  'evidence.publicLiabilityInsurance': 'Its public liability insurance',
  'evidence.safeguardingTrainingOn': 'Its safeguarding training',
  regulatedPersonalCare: 'It now says it does regulated personal care',
  regulatedCategories: 'It now offers personal care',
  serviceArea: 'Where it works: a new base or a wider area',
};

/** Roles as people say them, for lists of staff and invitations. */
export const roleNames: Record<Role, string> = {
  holder: 'Budget holder',
  representative: 'Representative',
  broker: 'Support broker',
  provider: 'Provider',
  care_manager: 'Care manager',
  finance: 'Finance officer',
  auditor: 'Auditor',
  council_admin: 'Council administrator',
  platform_admin: 'Carepool operator',
};

/** "a care manager", for "… has invited you to join as a care manager". */
export const roleWithArticle: Record<Role, string> = {
  holder: 'a budget holder',
  representative: 'a representative',
  broker: 'a support broker',
  provider: 'a provider',
  care_manager: 'a care manager',
  finance: 'a finance officer',
  auditor: 'an auditor',
  council_admin: 'a council administrator',
  platform_admin: 'the Carepool operator',
};

/** "care manager and auditor": a short list of roles in a sentence. */
export function rolesInWords(roles: readonly Role[], names: Record<Role, string> = roleWithArticle): string {
  const words = roles.map((role) => names[role]);
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** Roles a council administrator may give its staff, in the order they are offered. */
export const staffRoleOptions: Array<{ role: StaffRole; hint: string }> = [
  { role: 'care_manager', hint: 'Registers people, sets budgets, approves plans and checks providers.' },
  { role: 'finance', hint: 'Pays council money into people’s accounts and approves large deposits.' },
  { role: 'auditor', hint: 'Sees records and the audit trail, and changes nothing.' },
  { role: 'council_admin', hint: 'Invites and removes staff, and changes the council’s settings.' },
];

/** Where an invitation has got to, with `expired` folded in (the API keeps it pending). */
export function invitationState(invitation: { status: InvitationStatus; expired: boolean }): {
  text: string;
  colour: string;
} {
  if (invitation.status === 'accepted') return { text: 'Accepted', colour: 'green' };
  if (invitation.status === 'withdrawn') return { text: 'Withdrawn', colour: 'grey' };
  if (invitation.expired) return { text: 'Expired', colour: 'red' };
  return { text: 'Waiting for them to accept', colour: 'blue' };
}

/** "paid_out" → "Paid out": the last resort for a code with no words of its own yet. */
export function codeWords(code: string): string {
  const words = code.replace(/[_:-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What happened to an order, for its history: "Paid to Kasia", not `paid_out`. */
export function orderHistoryWords(action: string, providerName: string): string {
  const words: Record<string, string> = {
    requested: 'Booked',
    accepted: `Accepted by ${providerName}`,
    declined: `Declined by ${providerName}`,
    cancelled: 'Cancelled',
    delivered: `${providerName} said the support was delivered`,
    disputed: 'Disputed: a care manager will decide what is paid',
    payment_declined: 'Payment declined by a care manager: now disputed',
    confirmed: 'Confirmed as delivered, and paid',
    confirmed_awaiting_approval: 'Confirmed as delivered: the payment waits for a care manager',
    auto_confirmed: 'Confirmed automatically 7 days after delivery, and paid',
    auto_confirmed_awaiting_approval: 'Confirmed automatically: the payment waits for a care manager',
    payment_approved: 'Payment approved by a care manager',
    payment_approved_awaiting_approval: 'Payment waits for a care manager',
    dispute_released: 'Dispute decided: nothing paid, the money set aside is back in the account',
    dispute_paid: 'Dispute decided: paid in full',
    dispute_part_paid: 'Dispute decided: part paid',
    dispute_paid_awaiting_approval: 'Dispute decided: the payment waits for a care manager',
    dispute_part_paid_awaiting_approval: 'Dispute decided: the payment waits for a care manager',
    paid_out: `Paid to ${providerName}`,
    payout_failed: `The payment to ${providerName} did not go through: it will be tried again`,
    payout_held: `Payment to ${providerName} held until the council checks them again`,
    invoice_paid: 'Invoice paid',
    invoice_awaiting_approval: 'Invoice paid: the payment waits for a care manager',
  };
  return words[action] ?? codeWords(action);
}

/**
 * The price unit in words for this kind of support: "a journey" for a taxi, not a bare "each".
 * Hours, sessions, days and weeks say themselves.
 */
export function priceUnitWords(unit: PriceUnit, category?: string): string {
  if (unit !== 'item') return priceUnits[unit];
  if (category === 'transport') return 'a journey';
  if (category === 'equipment_and_technology') return 'for each item or job';
  return 'each (one ticket, visit or item)';
}
