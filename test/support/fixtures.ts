/** Request bodies a real provider might send, for API tests to vary. */
export const microEnterprise = {
  kind: 'micro_enterprise',
  name: 'Nidd Valley Walking Friends',
  description: 'Small local walking groups at an easy pace, with a friendly guide.',
  workers: 3,
  serviceArea: { postcode: 'HG1 2AB', radiusKm: 15 },
  contact: { email: 'hello@example.org', phone: '01423 500600' },
  evidence: {
    dbsCheck: { level: 'enhanced', checkedOn: '2026-03-01' },
    publicLiabilityInsurance: { insurer: 'Dales Mutual', coverPence: 500_000_000, expiresOn: '2027-06-30' },
    safeguardingTrainingOn: '2026-01-15',
  },
  categories: ['day_and_community'],
};

export const brokerProfile = {
  kind: 'broker',
  name: 'Plan With Pat',
  serviceArea: { postcode: 'YO7 1AA', radiusKm: 30 },
  contact: { email: 'pat@example.org' },
  broker: { fee: { kind: 'percent', basisPoints: 500 }, interests: [] },
};

export const walkingGroup = {
  title: 'Gentle group walk',
  description: 'A two-hour walk on level paths with a café stop.',
  category: 'day_and_community',
  pricePence: 1800,
  priceUnit: 'session',
  groupTiers: [
    { minParticipants: 3, pricePerPersonPence: 1500 },
    { minParticipants: 6, pricePerPersonPence: 1100 },
  ],
  capacity: 10,
  where: { mode: 'venue', postcode: 'HG1 1AA', venueName: 'Valley Gardens' },
  availability: [{ day: 'tue' as const, from: '10:00', to: '12:00' }],
  accessibility: ['step_free', 'accessible_toilet'],
  languages: ['en'],
  councilRatePence: 1800,
};

/**
 * The walking group, open every day and all day: for money journeys that book whenever the test
 * needs (often "now"). Tests about days and times use `walkingGroup` (Tuesday mornings) or their own.
 */
export const walkingGroupAnyDay = {
  ...walkingGroup,
  availability: (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((day) => ({
    day,
    from: '00:00',
    to: '23:59',
  })),
};
