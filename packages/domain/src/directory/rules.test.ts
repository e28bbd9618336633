import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { isGroupFriendly, ListingDetails, listingProblems, priceParity } from './listing.ts';
import {
  canBePaid,
  materialChanges,
  nextProviderStatus,
  ProviderProfile,
  profileProblems,
  statusAfterChange,
} from './provider.ts';

const baseProfile = {
  kind: 'micro_enterprise',
  name: 'Dales Days Out',
  workers: 3,
  serviceArea: { postcode: 'HG1 2AB', radiusKm: 15 },
  contact: { email: 'hello@example.org' },
};

const fields = (problems: DomainError[]) => problems.flatMap((p) => p.issues.map((i) => i.field));

describe('provider profiles', () => {
  it('accepts a micro-enterprise of 1 to 8 workers and refuses a larger one', () => {
    expect(profileProblems(ProviderProfile.parse(baseProfile))).toEqual([]);
    expect(fields(profileProblems(ProviderProfile.parse({ ...baseProfile, workers: 9 })))).toEqual([
      'workers',
    ]);
    expect(fields(profileProblems(ProviderProfile.parse({ ...baseProfile, workers: undefined })))).toEqual([
      'workers',
    ]);
  });

  it('requires a broker to disclose their fee, and only a broker', () => {
    const broker = { ...baseProfile, kind: 'broker', workers: undefined };
    expect(fields(profileProblems(ProviderProfile.parse(broker)))).toEqual(['broker']);
    const disclosed = { ...broker, broker: { fee: { kind: 'percent', basisPoints: 500 } } };
    expect(profileProblems(ProviderProfile.parse(disclosed))).toEqual([]);
    expect(
      fields(profileProblems(ProviderProfile.parse({ ...baseProfile, broker: disclosed.broker }))),
    ).toEqual(['broker']);
  });

  it('expects a CQC registration for regulated personal care', () => {
    const care = { ...baseProfile, regulatedPersonalCare: true };
    expect(fields(profileProblems(ProviderProfile.parse(care)))).toEqual(['evidence.cqcRegistrationId']);
    const registered = { ...care, evidence: { cqcRegistrationId: '1-123456789' } };
    expect(profileProblems(ProviderProfile.parse(registered))).toEqual([]);
  });

  it('moves pending → verified → suspended → verified, and refuses a no-op', () => {
    expect(nextProviderStatus('pending', 'verified')).toBe('verified');
    expect(nextProviderStatus('verified', 'suspended')).toBe('suspended');
    expect(nextProviderStatus('suspended', 'verified')).toBe('verified');
    expect(() => nextProviderStatus('verified', 'verified')).toThrow(DomainError);
    expect(() => nextProviderStatus('suspended', 'pending')).toThrow(DomainError);
  });

  it('pays only verified providers', () => {
    expect(canBePaid('verified')).toBe(true);
    expect(canBePaid('pending')).toBe(false);
    expect(canBePaid('suspended')).toBe(false);
  });
});

const baseListing = {
  title: 'Chair yoga',
  category: 'day_and_community',
  pricePence: 1200,
  priceUnit: 'session',
  where: { mode: 'online' },
};

describe('listings', () => {
  it('refuses group tiers that do not get cheaper as the group grows', () => {
    const tiers = ListingDetails.parse({
      ...baseListing,
      capacity: 12,
      groupTiers: [
        { minParticipants: 3, pricePerPersonPence: 1000 },
        { minParticipants: 6, pricePerPersonPence: 1000 },
      ],
    });
    expect(fields(listingProblems(tiers))).toEqual(['groupTiers.1.pricePerPersonPence']);
  });

  it('refuses tiers out of order and a capacity too small for the largest tier', () => {
    const tiers = ListingDetails.parse({
      ...baseListing,
      capacity: 5,
      groupTiers: [
        { minParticipants: 6, pricePerPersonPence: 1000 },
        { minParticipants: 3, pricePerPersonPence: 900 },
      ],
    });
    expect(fields(listingProblems(tiers))).toEqual(['groupTiers.1.minParticipants', 'capacity']);
  });

  it('is group-friendly only with tiers and room for more than one', () => {
    const single = ListingDetails.parse(baseListing);
    expect(isGroupFriendly(single)).toBe(false);
    expect(
      isGroupFriendly({ capacity: 8, groupTiers: [{ minParticipants: 3, pricePerPersonPence: 900 }] }),
    ).toBe(true);
  });

  it('says whether a holder pays the same as the council', () => {
    expect(priceParity({ pricePence: 1200 })).toBe('unknown');
    expect(priceParity({ pricePence: 1200, councilRatePence: 1200 })).toBe('same_as_council');
    expect(priceParity({ pricePence: 1100, councilRatePence: 1200 })).toBe('below_council');
    expect(priceParity({ pricePence: 1300, councilRatePence: 1200 })).toBe('above_council');
  });

  it('refuses fractional and negative pence with a message about whole pence', () => {
    const fractional = ListingDetails.safeParse({ ...baseListing, pricePence: 12.5 });
    expect(fractional.success).toBe(false);
    expect(fractional.error?.issues[0]?.message).toMatch(/whole number of pence|whole pence/i);
    expect(ListingDetails.safeParse({ ...baseListing, pricePence: -1 }).success).toBe(false);
  });
});

describe('changes to a checked provider', () => {
  const checked = ProviderProfile.parse({
    ...baseProfile,
    evidence: { dbsCheck: { level: 'enhanced', checkedOn: '2026-03-01' } },
    categories: ['day_and_community', 'personal_care'],
  });

  it('counts what widens or replaces what the council checked', () => {
    expect(
      materialChanges(checked, {
        ...checked,
        name: 'Dales Care Ltd',
        evidence: { dbsCheck: { level: 'basic' } },
        regulatedPersonalCare: true,
        serviceArea: { postcode: 'HG1 2AB', radiusKm: 40 },
      }),
    ).toEqual(['name', 'evidence.dbsCheck', 'regulatedPersonalCare', 'serviceArea']);
  });

  it('ignores what narrows it or was never checked: spacing, a dropped category, a smaller radius', () => {
    expect(
      materialChanges(checked, {
        ...checked,
        name: ' dales  days out ',
        categories: ['day_and_community'],
        serviceArea: { postcode: 'hg12ab', radiusKm: 5 },
      }),
    ).toEqual([]);
  });

  it('sends only a verified provider back to pending', () => {
    expect(statusAfterChange('verified', ['name'])).toBe('pending');
    expect(statusAfterChange('verified', [])).toBe('verified');
    expect(statusAfterChange('suspended', ['name'])).toBe('suspended');
  });
});
