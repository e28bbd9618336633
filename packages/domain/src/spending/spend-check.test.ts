import { describe, expect, it } from 'vitest';
import type { PlanRecord } from '../people/plan.ts';
import { type SpendRequest, spendCheck } from './spend-check.ts';

const plan: PlanRecord = {
  planId: 'pln_1',
  personId: 'per_1',
  councilId: 'north-dales',
  planVersion: 1,
  status: 'approved',
  outcomes: { whatMatters: 'Friends', whatIWantToAchieve: [] },
  helpedBy: [],
  contributors: [],
  startDate: '2026-04-06',
  endDate: '2027-04-04',
  lines: [
    {
      lineId: 'line_day',
      category: 'day_and_community',
      capPence: 5_000,
      period: 'week',
      contingency: false,
      carryForward: false,
      notes: '',
    },
    {
      lineId: 'line_health',
      category: 'health_and_therapy',
      capPence: 20_000,
      period: 'month',
      contingency: false,
      carryForward: true,
      notes: '',
      fundingSource: 'nhs_personal_health_budget',
      allowedProviderIds: ['prv_physio'],
    },
  ],
  history: [],
  createdBy: 'usr_1',
  createdAt: '2026-04-01T00:00:00Z',
  updatedAt: '2026-04-01T00:00:00Z',
  version: 2,
};

function request(overrides: Partial<SpendRequest> = {}): SpendRequest {
  return {
    plan,
    budget: {
      allocationPence: 1_000_000,
      fundingSources: [
        { source: 'council_social_care', amountPence: 700_000 },
        {
          source: 'nhs_personal_health_budget',
          amountPence: 300_000,
          restrictedToCategories: ['health_and_therapy'],
        },
      ],
      deployment: 'managed_account',
      planYearStart: '2026-04-06',
    },
    lineId: 'line_day',
    category: 'day_and_community',
    providerId: 'prv_1',
    providerVerified: true,
    amountPence: 1_800,
    at: new Date('2026-06-02T10:00:00Z'),
    committedPence: 0,
    availablePence: 100_000,
    ...overrides,
  };
}

const codes = (r: SpendRequest) => spendCheck(r).map((f) => f.code);

describe('the spend check', () => {
  it('passes a booking that meets the plan', () => {
    expect(spendCheck(request())).toEqual([]);
  });

  it('refuses spending with no approved plan, and outside the plan dates', () => {
    expect(codes(request({ plan: { ...plan, status: 'submitted' } }))).toEqual(['plan_not_approved']);
    expect(codes(request({ plan: undefined }))).toEqual(['plan_not_approved']);
    expect(codes(request({ at: new Date('2027-05-01T10:00:00Z') }))).toContain('plan_expired');
  });

  it('refuses a booking that would take the line past its limit this week, with the figures', () => {
    const [failure] = spendCheck(request({ committedPence: 4_000, amountPence: 1_800 }));
    expect(failure).toMatchObject({
      code: 'line_cap_exceeded',
      facts: { limitNowPence: 5_000, committedPence: 4_000, leftPence: 1_000, requestedPence: 1_800 },
    });
  });

  it('lets exactly the limit through', () => {
    expect(spendCheck(request({ committedPence: 3_200, amountPence: 1_800 }))).toEqual([]);
  });

  it('returns every failure at once', () => {
    expect(
      codes(
        request({
          lineId: 'line_health',
          category: 'transport',
          providerVerified: false,
          availablePence: 10,
          delegate: { scopes: ['plan:read'], needs: 'order:create' },
        }),
      ).sort(),
    ).toEqual(
      [
        'category_mismatch',
        'delegate_scope_missing',
        'funding_source_restricted',
        'insufficient_funds',
        'provider_not_allowed',
        'provider_not_verified',
      ].sort(),
    );
  });

  it('says which line is missing', () => {
    expect(codes(request({ lineId: 'line_gone' }))).toEqual(['line_not_found']);
  });

  it('judges a mainstream purchase by the plan, not by whether it is a care service', () => {
    expect(spendCheck(request({ providerId: 'prv_gym', category: 'day_and_community' }))).toEqual([]);
  });
});
