/** The provider journey: what other journeys and the route table use from it. */
export { ProviderHomePage, useMyProviders } from './my-services.tsx';
export { NewListingPage } from './new-listing.tsx';
export { ProviderGroups } from './provider-groups.tsx';
export { RegisterProviderPage } from './register/task-list.tsx';
export { providerRoutes } from './routes.tsx';
