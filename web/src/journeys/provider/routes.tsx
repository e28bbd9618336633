import type { RouteObject } from 'react-router';
import { EditListingPage } from './edit-listing.tsx';
import { EditProfilePage } from './edit-profile.tsx';
import { ListingStatusPage } from './listing-status.tsx';
import { ProviderMoneyPage } from './money.tsx';
import { RegisterCheckPage } from './register/check-answers.tsx';
import { RegisterTaskPage } from './register/task-page.tsx';

/** The provider journey's pages beyond those the main route table already lists. */
export const providerRoutes: RouteObject[] = [
  { path: '/provider/register/check', element: <RegisterCheckPage /> },
  { path: '/provider/register/:task', element: <RegisterTaskPage /> },
  { path: '/provider/:providerId/money', element: <ProviderMoneyPage /> },
  { path: '/provider/:providerId/profile', element: <EditProfilePage /> },
  { path: '/provider/listings/:listingId/edit', element: <EditListingPage /> },
  { path: '/provider/listings/:listingId/status', element: <ListingStatusPage /> },
];
