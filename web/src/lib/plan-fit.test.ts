import { describe, expect, it } from 'vitest';
import { planFitWords } from './plan-fit.ts';

const lines = [
  { category: 'transport', title: 'Transport', leftNowPence: 1_000 },
  { category: 'day_and_community', title: 'Day and community activities', leftNowPence: 5_000 },
];

describe('whether support fits a holder’s plan', () => {
  it('says it fits, with what is left on the part of the plan that pays', () => {
    expect(planFitWords(lines, { category: 'day_and_community', pricePence: 1_800 })).toBe(
      'Fits your plan: £50 left on day and community activities now',
    );
  });

  it('says when there is not enough left, or no part of the plan for it', () => {
    expect(planFitWords(lines, { category: 'transport', pricePence: 1_200 })).toBe(
      'Not enough left in your plan: £10 left on transport now',
    );
    expect(planFitWords(lines, { category: 'personal_care', pricePence: 1_200 })).toBe(
      'Your plan does not cover this kind of support',
    );
  });

  it('says nothing for someone whose plan it cannot see', () => {
    expect(planFitWords(undefined, { category: 'transport', pricePence: 1 })).toBeUndefined();
  });
});
