import type { ListingView, ProviderView } from '@carepool/contracts';
import {
  canBePaid,
  isGroupFriendly,
  type ListingRecord,
  type ProviderRecord,
  priceParity,
  type SearchHit,
} from '@carepool/domain';

/** What the public sees of a provider: never the owner's user id or internal coordinates. */
export function providerView(provider: ProviderRecord): ProviderView {
  const { ownerUserId: _owner, latitude: _lat, longitude: _lng, payouts, ...published } = provider;
  return {
    ...published,
    canBePaid: canBePaid(provider.status),
    payoutsEnabled: payouts?.payoutsEnabled ?? false,
  };
}

export function listingView(listing: ListingRecord, distanceKm?: number): ListingView {
  const {
    providerId,
    providerName,
    providerKind,
    providerStatus,
    latitude: _lat,
    longitude: _lng,
    serviceRadiusKm: _radius,
    ...published
  } = listing;
  return {
    ...published,
    provider: {
      providerId,
      name: providerName,
      kind: providerKind,
      status: providerStatus,
      verified: providerStatus === 'verified',
    },
    groupFriendly: isGroupFriendly(listing),
    priceParity: priceParity(listing),
    ...(distanceKm === undefined ? {} : { distanceKm }),
  };
}

export const hitView = (hit: SearchHit): ListingView => listingView(hit.listing, hit.distanceKm);
