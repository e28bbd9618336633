/**
 * The spend check's stable codes turned into plain sentences, said to the person using the page:
 * the budget holder ("your plan") or someone acting for them ("Frank's plan").
 */
import type { SpendFailureCode } from '@carepool/domain';
import { formatPence } from './money.ts';

export interface Who {
  /** True when the person signed in is the budget holder. */
  self: boolean;
  /** The holder's first name, for someone acting for them. */
  firstName: string;
}

export const you: Who = { self: true, firstName: '' };

const possessive = (who: Who) => (who.self ? 'your' : `${who.firstName}’s`);
const subject = (who: Who) => (who.self ? 'you' : who.firstName);

type Facts = Record<string, unknown> | undefined;
const num = (facts: Facts, key: string): number | undefined =>
  typeof facts?.[key] === 'number' ? (facts[key] as number) : undefined;

const sentences: Record<SpendFailureCode, (who: Who, facts: Facts) => string> = {
  plan_not_approved: (who) =>
    `There is no approved support plan to pay from yet. The council has to approve ${possessive(who)} plan before ${subject(who)} can book support.`,
  plan_expired: (who) =>
    `${capitalise(possessive(who))} support plan does not cover that date. Choose a date inside the plan, or ask the care manager about a new plan.`,
  line_not_found: (who) =>
    `That part of the plan no longer exists. Choose one of the parts of ${possessive(who)} current plan.`,
  category_mismatch: () =>
    'This kind of support is not covered by the part of the plan you chose. Choose the part of the plan that covers it.',
  provider_not_allowed: () =>
    'That part of the plan can only pay the providers named in the plan. Choose another part of the plan, or another provider.',
  provider_not_verified: () =>
    'The council has not checked this provider yet, so they cannot be paid from a personal budget. Choose a provider with a “Checked by the council” label.',
  line_cap_exceeded: (who, facts) => {
    const left = num(facts, 'leftPence');
    const asked = num(facts, 'requestedPence');
    return left !== undefined && asked !== undefined
      ? `This costs ${formatPence(asked)} but only ${formatPence(left)} is left on that part of ${possessive(who)} plan now. Book less, or choose a later date.`
      : `This costs more than is left on that part of ${possessive(who)} plan now. Book less, or choose a later date.`;
  },
  insufficient_funds: (who, facts) => {
    const free = num(facts, 'availablePence');
    const asked = num(facts, 'requestedPence');
    return free !== undefined && asked !== undefined
      ? `This costs ${formatPence(asked)} but there is only ${formatPence(free)} free to spend in ${possessive(who)} account. Book less, or wait for the next payment from the council.`
      : `There is not enough money free to spend in ${possessive(who)} account. Book less, or wait for the next payment from the council.`;
  },
  funding_source_restricted: () =>
    'The money for that part of the plan can only pay for certain kinds of support, and this is not one of them. Choose another part of the plan.',
  delegate_scope_missing: (who) =>
    who.self
      ? 'You do not have permission to do this.'
      : `${who.firstName} has not given you permission to do this. Ask ${who.firstName} (or their care manager) to change what you can do for them.`,
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function isSpendFailureCode(code: string): code is SpendFailureCode {
  return Object.hasOwn(sentences, code);
}

/** A plain sentence for a spend-check code, or undefined when the code is not a spend-check code. */
export function spendSentence(code: string, who: Who, facts?: Record<string, unknown>): string | undefined {
  return isSpendFailureCode(code) ? sentences[code](who, facts) : undefined;
}

/** Every spend-check code, for tests that prove none is left without a sentence. */
export const spendCodesCovered = Object.keys(sentences) as SpendFailureCode[];

/** What the spend check will find, worked out from the account before anything is reserved. */
export function previewSpendCheck(
  input: { costPence: number; listingCategory: string; providerVerified: boolean },
  line: { category: string; leftNowPence?: number | undefined } | undefined,
  account: { availablePence: number } | undefined,
  who: Who,
): string[] {
  const problems: string[] = [];
  if (!line) return [spendSentence('line_not_found', who) ?? ''];
  if (line.category !== input.listingCategory) problems.push(spendSentence('category_mismatch', who) ?? '');
  if (!input.providerVerified) problems.push(spendSentence('provider_not_verified', who) ?? '');
  if (line.leftNowPence !== undefined && input.costPence > line.leftNowPence) {
    problems.push(
      spendSentence('line_cap_exceeded', who, {
        leftPence: Math.max(0, line.leftNowPence),
        requestedPence: input.costPence,
      }) ?? '',
    );
  }
  if (account && input.costPence > account.availablePence) {
    problems.push(
      spendSentence('insufficient_funds', who, {
        availablePence: Math.max(0, account.availablePence),
        requestedPence: input.costPence,
      }) ?? '',
    );
  }
  return problems.filter(Boolean);
}
