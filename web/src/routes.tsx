import { createBrowserRouter } from 'react-router';
import { Layout } from './components/layout.tsx';
import {
  AcceptInvitationPage,
  InviteHolderPage,
  SentMessagesPage,
  SignUpPage,
} from './journeys/accounts/accounts.tsx';
import { AuditTrailPage } from './journeys/auditor/audit-trail.tsx';
import { AuditorHomePage } from './journeys/auditor/home.tsx';
import { BookingCheckPage, BookPage } from './journeys/booking/booking.tsx';
import { PayInvoicePage, PayInvoiceStartPage } from './journeys/booking/invoice.tsx';
import { MyBudgetPage, ReviewPage, TopUpPage } from './journeys/budget/money.tsx';
import { ActingForPage, PersonHomePage, StatementPage } from './journeys/budget/person.tsx';
import { PlanDecisionPage, PlanEditPage, PlanPage, PlanVersionPage } from './journeys/budget/plan.tsx';
import { CaseloadPage } from './journeys/council/caseload.tsx';
import { CouncilHomePage } from './journeys/council/home.tsx';
import { OrderQueuePage, ProviderQueuePage } from './journeys/council/queues.tsx';
import { RegisterPersonPage } from './journeys/council/register-person.tsx';
import { SetBudgetPage } from './journeys/council/set-budget.tsx';
import { VerifyProviderPage } from './journeys/council/verify-provider.tsx';
import {
  CouncilInvitationsPage,
  CouncilSettingsPage,
  InviteStaffPage,
  RemoveAccessPage,
  StaffAndAccountsPage,
} from './journeys/council-admin/council-admin.tsx';
import {
  DelegationsPage,
  GrantDelegationPage,
  RevokeDelegationPage,
} from './journeys/delegations/delegations.tsx';
import { FinancePage } from './journeys/finance/deposit.tsx';
import { ReconciliationExceptionsPage } from './journeys/finance/exceptions.tsx';
import { CloseGroupPage } from './journeys/groups/close-group-page.tsx';
import { DeliverGroupPage } from './journeys/groups/deliver-group-page.tsx';
import { GroupPage } from './journeys/groups/group-page.tsx';
import { GroupsPage } from './journeys/groups/groups-page.tsx';
import { JoinGroupPage } from './journeys/groups/join-group-page.tsx';
import { LeaveGroupPage } from './journeys/groups/leave-group-page.tsx';
import { PersonGroupsPage } from './journeys/groups/person-groups-page.tsx';
import { StartGroupPage } from './journeys/groups/start-group-page.tsx';
import { AddCouncilPage, CouncilsPage, InviteCouncilAdminPage } from './journeys/operator/operator.tsx';
import {
  DeliverPage,
  OrderPage,
  OrderReasonPage,
  PersonOrdersPage,
  ProviderOrdersPage,
  ResolveDisputePage,
} from './journeys/orders/orders.tsx';
import { alertRoutes } from './journeys/oversight/alerts.tsx';
import { MonitoringPage, OutcomeSurveyPage } from './journeys/oversight/monitoring.tsx';
import { OversightPage } from './journeys/oversight/oversight-level.tsx';
import {
  NewListingPage,
  ProviderHomePage,
  providerRoutes,
  RegisterProviderPage,
} from './journeys/provider/index.ts';
import { ContactPage, CookiesPage, HelpPage, PrivacyPage } from './journeys/public/about.tsx';
import { AccessibilityPage, HomePage, NotFoundPage } from './journeys/public/public.tsx';
import { SignedInPage, SignedOutPage, SignInPage } from './journeys/public/sign-in.tsx';
import { AcceptQuotePage } from './journeys/requests/accept-quote-page.tsx';
import { FindRequestsPage } from './journeys/requests/find-requests-page.tsx';
import { NewRequestPage } from './journeys/requests/new-request-page.tsx';
import { QuotePage } from './journeys/requests/quote-page.tsx';
import { RequestPage } from './journeys/requests/request-page.tsx';
import { UnmetDemandPage } from './journeys/requests/unmet-demand-page.tsx';
import { FindSupportPage, ListingPage, ProviderPage, ResultsPage } from './journeys/search/search.tsx';

export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/signed-in', element: <SignedInPage /> },
      { path: '/signed-out', element: <SignedOutPage /> },
      { path: '/accessibility', element: <AccessibilityPage /> },
      { path: '/help', element: <HelpPage /> },
      { path: '/contact', element: <ContactPage /> },
      { path: '/privacy', element: <PrivacyPage /> },
      { path: '/cookies', element: <CookiesPage /> },
      { path: '/sign-up', element: <SignUpPage /> },
      { path: '/dev/messages', element: <SentMessagesPage /> },
      { path: '/invitations/:invitationId', element: <AcceptInvitationPage /> },
      { path: '/find-support', element: <FindSupportPage /> },
      { path: '/find-support/results', element: <ResultsPage /> },
      { path: '/listings/:listingId', element: <ListingPage /> },
      { path: '/listings/:listingId/start-group', element: <StartGroupPage /> },
      { path: '/providers/:providerId', element: <ProviderPage /> },
      { path: '/providers/:providerId/verify', element: <VerifyProviderPage /> },
      { path: '/book/:listingId', element: <BookPage /> },
      { path: '/book/:listingId/check', element: <BookingCheckPage /> },
      { path: '/acting-for', element: <ActingForPage /> },
      { path: '/my-budget', element: <MyBudgetPage /> },
      { path: '/groups', element: <GroupsPage /> },
      { path: '/groups/:groupId', element: <GroupPage /> },
      { path: '/groups/:groupId/join', element: <JoinGroupPage /> },
      { path: '/groups/:groupId/leave', element: <LeaveGroupPage /> },
      { path: '/groups/:groupId/close', element: <CloseGroupPage /> },
      { path: '/groups/:groupId/deliver', element: <DeliverGroupPage /> },
      { path: '/requests', element: <FindRequestsPage /> },
      { path: '/requests/new', element: <NewRequestPage /> },
      { path: '/requests/:requestId', element: <RequestPage /> },
      { path: '/requests/:requestId/quote', element: <QuotePage /> },
      { path: '/requests/:requestId/quotes/:quoteId/accept', element: <AcceptQuotePage /> },
      { path: '/people/:personId', element: <PersonHomePage /> },
      { path: '/people/:personId/statement', element: <StatementPage /> },
      { path: '/people/:personId/orders', element: <PersonOrdersPage /> },
      { path: '/people/:personId/groups', element: <PersonGroupsPage /> },
      { path: '/people/:personId/top-up', element: <TopUpPage /> },
      { path: '/people/:personId/plan', element: <PlanPage /> },
      { path: '/people/:personId/plans/new', element: <PlanEditPage /> },
      { path: '/people/:personId/invoices/new', element: <PayInvoicePage /> },
      { path: '/people/:personId/delegations', element: <DelegationsPage /> },
      { path: '/people/:personId/delegations/new', element: <GrantDelegationPage /> },
      // The old "Invite someone by email" address: granting access is by email now, one page.
      { path: '/people/:personId/delegations/invite', element: <GrantDelegationPage /> },
      { path: '/people/:personId/invite', element: <InviteHolderPage /> },
      { path: '/people/:personId/delegations/:userId/remove', element: <RevokeDelegationPage /> },
      { path: '/people/:personId/budget/edit', element: <SetBudgetPage /> },
      { path: '/pay-invoice', element: <PayInvoiceStartPage /> },
      { path: '/plans/:planId', element: <PlanVersionPage /> },
      { path: '/plans/:planId/edit', element: <PlanEditPage /> },
      { path: '/plans/:planId/approve', element: <PlanDecisionPage decision="approve" /> },
      { path: '/plans/:planId/reject', element: <PlanDecisionPage decision="reject" /> },
      { path: '/plans/:planId/refer', element: <PlanDecisionPage decision="refer" /> },
      { path: '/orders/:orderId', element: <OrderPage /> },
      { path: '/orders/:orderId/deliver', element: <DeliverPage /> },
      { path: '/orders/:orderId/dispute', element: <OrderReasonPage action="dispute" /> },
      { path: '/orders/:orderId/cancel', element: <OrderReasonPage action="cancel" /> },
      { path: '/orders/:orderId/decline', element: <OrderReasonPage action="decline" /> },
      { path: '/orders/:orderId/decline-payment', element: <OrderReasonPage action="decline-payment" /> },
      { path: '/people/:personId/oversight', element: <OversightPage /> },
      { path: '/orders/:orderId/resolve', element: <ResolveDisputePage /> },
      { path: '/orders/:orderId/review', element: <ReviewPage /> },
      { path: '/provider', element: <ProviderHomePage /> },
      { path: '/provider/register', element: <RegisterProviderPage /> },
      { path: '/provider/:providerId', element: <ProviderOrdersPage /> },
      { path: '/provider/:providerId/orders', element: <ProviderOrdersPage /> },
      { path: '/provider/:providerId/listings/new', element: <NewListingPage /> },
      { path: '/council', element: <CouncilHomePage /> },
      { path: '/council/register', element: <RegisterPersonPage /> },
      { path: '/council/unmet-demand', element: <UnmetDemandPage /> },
      { path: '/council/monitoring', element: <MonitoringPage /> },
      ...alertRoutes,
      ...providerRoutes,
      { path: '/people/:personId/outcome-survey', element: <OutcomeSurveyPage /> },
      { path: '/finance', element: <FinancePage /> },
      { path: '/admin', element: <StaffAndAccountsPage /> },
      { path: '/admin/invite', element: <InviteStaffPage /> },
      { path: '/admin/invitations', element: <CouncilInvitationsPage /> },
      { path: '/admin/accounts/:userId/remove', element: <RemoveAccessPage /> },
      { path: '/admin/settings', element: <CouncilSettingsPage /> },
      { path: '/operator', element: <CouncilsPage /> },
      { path: '/operator/councils/new', element: <AddCouncilPage /> },
      { path: '/operator/councils/:councilId/invite', element: <InviteCouncilAdminPage /> },
      { path: '/council/people', element: <CaseloadPage /> },
      { path: '/council/payments', element: <OrderQueuePage status="awaiting_approval" /> },
      { path: '/council/disputes', element: <OrderQueuePage status="disputed" /> },
      { path: '/council/providers-to-check', element: <ProviderQueuePage /> },
      { path: '/audit', element: <AuditorHomePage /> },
      { path: '/audit/people', element: <CaseloadPage /> },
      { path: '/audit/:entityType/:id', element: <AuditTrailPage /> },
      { path: '/finance/exceptions', element: <ReconciliationExceptionsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
