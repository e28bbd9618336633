import { expect } from 'vitest';
import { microEnterprise, walkingGroupAnyDay } from './fixtures.ts';
import type { TestApi } from './runtime.ts';

type Json = Record<string, unknown>;

export const planYear = { startDate: '2026-04-01', endDate: '2027-03-31' };

/**
 * A funded budget holder with an approved plan, a verified provider and a listing: the starting
 * point of every money journey. Built through the API, as a council and a provider would.
 */
export async function fundedHolder(
  api: TestApi,
  options: {
    allocationPence?: number;
    fundPence?: number;
    lines?: Json[];
    label?: string;
    listing?: Json;
  } = {},
) {
  const label = options.label ?? Math.random().toString(36).slice(2, 8);
  const priya = await api.tokenFor({
    userId: 'usr_priya',
    roles: ['care_manager'],
    councilId: 'north-dales',
  });
  const sam = await api.tokenFor({ userId: 'usr_sam', roles: ['care_manager'], councilId: 'north-dales' });
  const finance = await api.tokenFor({ userId: 'usr_tom', roles: ['finance'], councilId: 'north-dales' });
  const providerToken = await api.tokenFor({ userId: `usr_prov_${label}`, roles: ['provider'] });
  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const response = await api.call(method, path, { token, ...(body === undefined ? {} : { body }) });
    expect(response.status, `${method} ${path}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
    return response.body as Json;
  };
  const provider = await call('POST', '/v1/providers', providerToken, {
    ...microEnterprise,
    name: `Provider ${label}`,
  });
  const providerId = String(provider.providerId);
  await call('POST', `/v1/providers/${providerId}/verify`, priya, {
    status: 'verified',
    reason: 'Evidence seen',
  });
  const listing = await call(
    'POST',
    `/v1/providers/${providerId}/listings`,
    providerToken,
    options.listing ?? walkingGroupAnyDay,
  );
  const allocationPence = options.allocationPence ?? 2_000_000;
  const person = await call('POST', '/v1/people', priya, {
    name: `Holder ${label}`,
    dateOfBirth: '1950-05-05',
    postcode: 'HG1 2AB',
  });
  const personId = String(person.personId);
  await call('PUT', `/v1/people/${personId}/budget`, priya, {
    allocationPence,
    fundingSources: [{ source: 'council_social_care', amountPence: allocationPence }],
    deployment: 'managed_account',
    planYearStart: planYear.startDate,
  });
  const holder = await api.tokenFor({
    userId: `usr_holder_${label}`,
    roles: ['holder'],
    councilId: 'north-dales',
    personId,
  });
  const plan = await call('POST', `/v1/people/${personId}/plans`, holder, {
    outcomes: { whatMatters: 'Getting out with friends' },
    ...planYear,
    lines: options.lines ?? [{ category: 'day_and_community', capPence: 5_000, period: 'week' }],
  });
  await call('POST', `/v1/plans/${plan.planId}/submit`, holder);
  const approved = await call('POST', `/v1/plans/${plan.planId}/approve`, sam, {});
  if ((options.fundPence ?? 100_000) > 0) {
    await call('POST', `/v1/people/${personId}/funding`, finance, {
      transferId: `fund-${label}`,
      amountPence: options.fundPence ?? 100_000,
      reference: 'First deposit',
    });
  }
  const lines = approved.lines as Array<{ lineId: string; category: string }>;
  return {
    personId,
    providerId,
    listingId: String(listing.listingId),
    planId: String(plan.planId),
    lineId: lines[0]?.lineId ?? '',
    lines,
    tokens: { holder, provider: providerToken, priya, sam, finance },
    call,
  };
}
