import { categoryList } from '@carepool/contracts';
import {
  createListing,
  getListing,
  getProvider,
  listingsOfProvider,
  ownListings,
  providerReviews,
  providersOwnedBy,
  providersToCheck,
  registerProvider,
  searchListings,
  setProviderStatus,
  updateListing,
  updateProvider,
} from '@carepool/domain';
import type { Implementations } from '../http/lambda.ts';
import { hitView, listingView, providerView } from './views.ts';

export const directoryHandlers: Implementations<'directory'> = {
  listCategories: async () => categoryList,

  registerProvider: async ({ body, caller, requestId }, { directory }) =>
    providerView(await registerProvider(directory, { caller, requestId }, body)),

  getProvider: async ({ params }, { directory }) => providerView(await getProvider(directory, params.id)),

  updateProvider: async ({ params, body, caller, requestId }, { directory }) =>
    providerView(await updateProvider(directory, { caller, requestId }, params.id, body)),

  verifyProvider: async ({ params, body, caller, requestId }, { directory }) =>
    providerView(
      await setProviderStatus(
        directory,
        { caller, requestId },
        params.id,
        body.status,
        body.reason,
        body.version,
      ),
    ),

  listProviderListings: async ({ params }, { directory }) => ({
    items: (await listingsOfProvider(directory, params.id)).map((listing) => listingView(listing)),
  }),

  listProviderReviews: async ({ params }, { directory, reviews }) => {
    await getProvider(directory, params.id);
    return providerReviews({ reviews }, params.id);
  },
  listMyProviders: async ({ caller }, { directory }) => ({
    items: (await providersOwnedBy(directory, caller)).map(providerView),
  }),
  listProvidersToCheck: async ({ params, query, caller }, { directory }) =>
    providersToCheck(directory, caller, params.councilId, query),
  createListing: async ({ params, body, caller }, { directory }) =>
    listingView(await createListing(directory, caller, params.id, body)),

  searchListings: async ({ query }, { directory }) => {
    const { hits, nextCursor, total, categoryCounts } = await searchListings(directory, query);
    return { items: hits.map(hitView), ...(nextCursor ? { nextCursor } : {}), total, categoryCounts };
  },

  getListing: async ({ params }, { directory }) => listingView(await getListing(directory, params.id)),

  updateListing: async ({ params, body, caller }, { directory }) =>
    listingView(await updateListing(directory, caller, params.id, body)),

  listOwnListings: async ({ params, caller }, { directory }) => ({
    items: (await ownListings(directory, caller, params.id)).map((listing) => listingView(listing)),
  }),
};
