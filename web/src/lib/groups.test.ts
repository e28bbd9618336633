import { describe, expect, it } from 'vitest';
import { demandBars } from './demand.ts';
import {
  isSimulatedRail,
  joinedWords,
  nextPrice,
  nextPriceWords,
  priceEach,
  priceSteps,
  scheduleWords,
  sessionsWords,
  stepWords,
  tierWords,
} from './groups.ts';

describe('group purchases in words', () => {
  const tiers = [
    { minParticipants: 6, pricePerPersonPence: 1100 },
    { minParticipants: 3, pricePerPersonPence: 1500 },
  ];

  it('writes tiers as ranges of people, up to the most the group takes', () => {
    expect(tierWords(tiers)).toEqual(['3 to 5 people: £15 each', '6 or more people: £11 each']);
    expect(tierWords(tiers, 8)).toEqual([
      '3 to 5 people: £15 each',
      '6 to 8 people (the most it takes): £11 each',
    ]);
    // A tier the group can never reach is not offered.
    expect(tierWords(tiers, 5)).toEqual(['3 to 5 people (the most it takes): £15 each']);
    expect(tierWords([{ minParticipants: 1, pricePerPersonPence: 3000 }, ...tiers])).toEqual([
      '1 to 2 people: £30 each',
      '3 to 5 people: £15 each',
      '6 or more people: £11 each',
    ]);
    expect(tierWords([{ minParticipants: 6, pricePerPersonPence: 1100 }], 6)).toEqual(['6 people: £11 each']);
  });

  it('says how many have joined and how many more are needed, never who', () => {
    expect(joinedWords(0, 3)).toBe('0 people have joined. 3 more are needed for it to go ahead.');
    expect(joinedWords(1, 3)).toBe('1 person has joined. 2 more are needed for it to go ahead.');
    expect(joinedWords(2, 3)).toBe('2 people have joined. 1 more is needed for it to go ahead.');
    expect(joinedWords(6, 3)).toBe('6 people have joined. That is enough for it to go ahead.');
  });

  it('writes one-off and weekly sessions in UK time', () => {
    expect(scheduleWords({ kind: 'one_off', at: '2026-06-02T09:30:00Z' })).toBe(
      'Tuesday 2 June 2026 at 10:30am',
    );
    expect(scheduleWords({ kind: 'weekly', firstAt: '2026-01-06T10:00:00Z', occurrences: 6 })).toBe(
      'Every week for 6 weeks, starting Tuesday 6 January 2026 at 10:00am',
    );
  });

  it('knows the simulated payment rail by its ids and pages', () => {
    expect(isSimulatedRail('sim_tr_0001')).toBe(true);
    expect(isSimulatedRail('/simulated-checkout/sim_cs_1')).toBe(true);
    expect(isSimulatedRail('http://localhost:3000/simulated-onboarding/sim_acct_1')).toBe(true);
    expect(isSimulatedRail('https://checkout.stripe.com/c/pay/cs_live_1')).toBe(false);
    expect(isSimulatedRail('tr_1Nabc')).toBe(false);
    expect(isSimulatedRail(undefined)).toBe(false);
  });
});

describe('what the next price is, and for what', () => {
  const walk = {
    pricing: {
      kind: 'per_person' as const,
      tiers: [
        { minParticipants: 3, pricePerPersonPence: 1500 },
        { minParticipants: 6, pricePerPersonPence: 1100 },
      ],
    },
    minParticipants: 3,
    maxParticipants: 8,
    sessions: 1,
  };
  const series = { ...walk, sessions: 6 };
  const minibus = {
    pricing: { kind: 'shared_total' as const, totalPence: 6000 },
    minParticipants: 2,
    maxParticipants: 4,
    sessions: 1,
  };

  it('prices each member for every session, and below the fewest it needs at that size', () => {
    expect(priceEach(walk, 0)).toBe(1500);
    expect(priceEach(walk, 5)).toBe(1500);
    expect(priceEach(walk, 6)).toBe(1100);
    expect(priceEach(series, 6)).toBe(6600);
    // A shared total: the largest share, a penny more than some when it does not divide exactly.
    expect(priceEach(minibus, 3)).toBe(2000);
    expect(priceEach({ ...minibus, pricing: { kind: 'shared_total', totalPence: 1000 } }, 3)).toBe(334);
  });

  it('makes one step for each run of sizes with the same price, from the fewest to the most', () => {
    expect(priceSteps(walk)).toEqual([
      { from: 3, to: 5, eachPence: 1500 },
      { from: 6, to: 8, eachPence: 1100 },
    ]);
    expect(priceSteps(minibus)).toEqual([
      { from: 2, to: 2, eachPence: 3000 },
      { from: 3, to: 3, eachPence: 2000 },
      { from: 4, to: 4, eachPence: 1500 },
    ]);
    expect(stepWords(priceSteps(walk))).toEqual(['3 to 5 people: £15 each', '6 to 8 people: £11 each']);
    expect(stepWords(priceSteps(minibus))[0]).toBe('2 people: £30 each');
  });

  it('says how many more bring the next lower price, not what one or two more would pay', () => {
    expect(nextPrice(walk, 1)).toEqual({ more: 5, eachPence: 1100 });
    expect(nextPrice(walk, 3)).toEqual({ more: 3, eachPence: 1100 });
    expect(nextPrice(walk, 6)).toBeUndefined();
    expect(nextPriceWords({ ...walk, memberCount: 3, placesLeft: 5 })).toBe('3 more and it is £11 each');
    expect(nextPriceWords({ ...minibus, memberCount: 2, placesLeft: 2 })).toBe('1 more and it is £20 each');
    expect(nextPriceWords({ ...walk, memberCount: 6, placesLeft: 2 })).toBe(
      'This is the lowest price: it stays the same if more people join.',
    );
    expect(nextPriceWords({ ...walk, memberCount: 8, placesLeft: 0 })).toBe(
      'The group is full, so the price will not change.',
    );
  });

  it('says whether a price is for one session or the whole series', () => {
    expect(nextPriceWords({ ...series, memberCount: 4, placesLeft: 4 })).toBe(
      '2 more and it is £66 each, for all 6 sessions (£11 a session)',
    );
    expect(sessionsWords(1500, 1)).toBe('for the one session');
  });
});

describe('the unmet-demand chart', () => {
  it('makes one bar per area and kind of support, longest first, with the figures written out', () => {
    const bars = demandBars([
      { area: 'YO', category: 'transport', requests: 1, people: 2, quotesReceived: 0 },
      { area: 'HG', category: 'day_and_community', requests: 2, people: 8, quotesReceived: 1 },
    ]);
    expect(bars.map((b) => [b.label, b.percent, b.figures])).toEqual([
      ['HG: Day and community activities', 100, '8 people in 2 requests, 1 quote received'],
      ['YO: Transport', 25, '2 people in 1 request, 0 quotes received'],
    ]);
    expect(demandBars([])).toEqual([]);
  });
});
