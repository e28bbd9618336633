import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type GroupPricing, memberShares, priceOutlook, reservationFor, tierFor } from './group.ts';

const tiers = [
  { minParticipants: 3, pricePerPersonPence: 1_500 },
  { minParticipants: 6, pricePerPersonPence: 1_100 },
  { minParticipants: 10, pricePerPersonPence: 900 },
];

describe('group prices', () => {
  it('picks the tier with the largest minimum not above the group size', () => {
    expect(tierFor(tiers, 3)?.pricePerPersonPence).toBe(1_500);
    expect(tierFor(tiers, 5)?.pricePerPersonPence).toBe(1_500);
    expect(tierFor(tiers, 6)?.pricePerPersonPence).toBe(1_100);
    expect(tierFor(tiers, 40)?.pricePerPersonPence).toBe(900);
    expect(tierFor(tiers, 2)).toBeUndefined();
  });

  it('reserves the most anyone could pay: the price at the smallest group that goes ahead', () => {
    expect(reservationFor({ pricing: { kind: 'per_person', tiers }, minParticipants: 3 })).toBe(1_500);
    expect(reservationFor({ pricing: { kind: 'per_person', tiers }, minParticipants: 6 })).toBe(1_100);
    expect(
      reservationFor({ pricing: { kind: 'shared_total', totalPence: 10_000 }, minParticipants: 3 }),
    ).toBe(3_334);
  });

  it('shows the price now and if one or two more join', () => {
    const outlook = priceOutlook({
      pricing: { kind: 'per_person', tiers },
      minParticipants: 3,
      maxParticipants: 12,
      memberCount: 4,
    });
    expect(outlook).toMatchObject({
      pricePerPersonNowPence: 1_500,
      ifOneMoreJoinsPence: 1_500,
      ifTwoMoreJoinPence: 1_100,
      placesLeft: 8,
      minimumMet: true,
    });
  });

  it('splits a shared total to the penny, nobody paying more than they reserved (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5_000_000 }),
        fc.integer({ min: 2, max: 30 }),
        fc.integer({ min: 0, max: 30 }),
        (total, min, extra) => {
          const pricing: GroupPricing = { kind: 'shared_total', totalPence: total };
          const reserved = reservationFor({ pricing, minParticipants: min });
          const shares = memberShares(pricing, min + extra);
          expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
          expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
          expect(shares.every((s) => s <= reserved)).toBe(true);
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('never charges a member of a bigger group more than they reserved with tiers (property)', () => {
    const tierList = fc
      .uniqueArray(fc.integer({ min: 2, max: 40 }), { minLength: 1, maxLength: 5 })
      .chain((mins) =>
        fc
          .array(fc.integer({ min: 1, max: 50_000 }), { minLength: mins.length, maxLength: mins.length })
          .map((prices) => {
            const sortedMins = [...mins].sort((a, b) => a - b);
            const sortedPrices = [...prices].sort((a, b) => b - a);
            return sortedMins.map((m, i) => ({
              minParticipants: m,
              pricePerPersonPence: sortedPrices[i] ?? 1,
            }));
          }),
      );
    fc.assert(
      fc.property(tierList, fc.integer({ min: 0, max: 60 }), (generated, extra) => {
        const min = generated[0]?.minParticipants ?? 2;
        const pricing: GroupPricing = { kind: 'per_person', tiers: generated };
        const reserved = reservationFor({ pricing, minParticipants: min });
        const shares = memberShares(pricing, min + extra);
        expect(shares).toHaveLength(min + extra);
        expect(shares.every((s) => s <= reserved)).toBe(true);
      }),
      { numRuns: 1_000 },
    );
  });
});
