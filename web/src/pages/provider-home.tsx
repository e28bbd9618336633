/**
 * Moved to the provider journey (web/src/journeys/provider). Kept while other pages still import
 * from here; import from the journey instead.
 */
export { ProviderGroups, ProviderHomePage, useMyProviders } from '../journeys/provider/index.ts';
