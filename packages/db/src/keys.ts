/**
 * Key builders for every entity, in one place. Items use generic key names (pk, sk, gsiNpk, gsiNsk)
 * so one table holds every entity; these functions are the only code that knows the shapes.
 */

/** Prices sort as text in a sort key, so pad them to a fixed width (up to £99,999,999.99). */
export const padPence = (pence: number): string => String(pence).padStart(10, '0');

export const keys = {
  provider: (providerId: string) => ({ pk: `PROVIDER#${providerId}`, sk: 'PROFILE' }),
  providerByOwner: (ownerUserId: string, providerId: string) => ({
    gsi3pk: `OWNER#${ownerUserId}`,
    gsi3sk: `PROVIDER#${providerId}`,
  }),

  listing: (listingId: string) => ({ pk: `LISTING#${listingId}`, sk: 'LISTING' }),
  /** Sparse: only active listings carry search keys, so search never reads withdrawn ones. */
  listingByDistrict: (outcode: string, category: string, listingId: string) => ({
    gsi1pk: `LOC#${outcode}`,
    gsi1sk: `${category}#${listingId}`,
  }),
  listingByCategoryPrice: (category: string, pricePence: number, listingId: string) => ({
    gsi2pk: `CAT#${category}`,
    gsi2sk: `${padPence(pricePence)}#${listingId}`,
  }),
  listingByProvider: (providerId: string, listingId: string) => ({
    gsi3pk: `PROVIDER#${providerId}`,
    gsi3sk: `LISTING#${listingId}`,
  }),

  user: (userId: string) => ({ pk: `USER#${userId}`, sk: 'USER' }),
  demoUser: (order: number, userId: string) => ({
    gsi1pk: 'DEMO_USERS',
    gsi1sk: `${String(order).padStart(4, '0')}#${userId}`,
  }),

  idempotency: (scope: string, key: string) => ({ pk: `IDEMPOTENCY#${scope}#${key}`, sk: 'RECORD' }),
  seedMarker: () => ({ pk: 'META', sk: 'SEED' }),
} as const;
