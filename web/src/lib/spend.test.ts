import { spendFailureCodes } from '@carepool/domain';
import { describe, expect, it } from 'vitest';
import { previewSpendCheck, spendCodesCovered, spendSentence, type Who, you } from './spend.ts';

const helen: Who = { self: false, firstName: 'Frank' };

describe('spend-check codes in plain words', () => {
  it('has a sentence for every code the spend check can return', () => {
    expect([...spendCodesCovered].sort()).toEqual([...spendFailureCodes].sort());
    for (const code of spendFailureCodes) {
      for (const who of [you, helen]) {
        const sentence = spendSentence(code, who);
        expect(sentence, code).toMatch(/^[A-Z].*\.$/);
        expect(sentence, code).not.toMatch(/_/);
      }
    }
  });

  it('speaks to the holder, or about the person someone acts for', () => {
    expect(spendSentence('plan_not_approved', you)).toContain('your plan before you can book');
    expect(spendSentence('plan_not_approved', helen)).toContain('Frank’s plan before Frank can book');
    expect(spendSentence('delegate_scope_missing', helen)).toBe(
      'Frank has not given you permission to do this. Ask Frank (or their care manager) to change what you can do for them.',
    );
    expect(spendSentence('plan_expired', helen)).toMatch(/^Frank’s support plan/);
  });

  it('uses the figures the API gives', () => {
    expect(spendSentence('line_cap_exceeded', you, { leftPence: 1_400, requestedPence: 3_600 })).toBe(
      'This costs £36 but only £14 is left on that part of your plan now. Book less, or choose a later date.',
    );
    expect(
      spendSentence('insufficient_funds', you, { availablePence: 2_050, requestedPence: 3_600 }),
    ).toContain('only £20.50 free to spend in your account');
    expect(spendSentence('line_cap_exceeded', you)).toContain('more than is left');
  });

  it('leaves codes that are not spend-check codes to the API’s own message', () => {
    expect(spendSentence('invalid_transition', you)).toBeUndefined();
    expect(spendSentence('toString', you)).toBeUndefined();
  });
});

describe('previewing the spend check before a booking is confirmed', () => {
  const input = { costPence: 3_600, listingCategory: 'day_and_community', providerVerified: true };

  it('finds nothing wrong with a booking that fits', () => {
    expect(
      previewSpendCheck(
        input,
        { category: 'day_and_community', leftNowPence: 25_000 },
        { availablePence: 100_000 },
        you,
      ),
    ).toEqual([]);
  });

  it('finds every problem at once, in plain words', () => {
    const problems = previewSpendCheck(
      { ...input, providerVerified: false },
      { category: 'household_help', leftNowPence: 1_000 },
      { availablePence: 2_000 },
      you,
    );
    expect(problems).toEqual([
      spendSentence('category_mismatch', you),
      spendSentence('provider_not_verified', you),
      spendSentence('line_cap_exceeded', you, { leftPence: 1_000, requestedPence: 3_600 }),
      spendSentence('insufficient_funds', you, { availablePence: 2_000, requestedPence: 3_600 }),
    ]);
  });

  it('says when the chosen line is not in the plan', () => {
    expect(previewSpendCheck(input, undefined, undefined, you)).toEqual([
      spendSentence('line_not_found', you),
    ]);
  });
});
