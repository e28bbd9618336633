import { Link } from 'react-router';
import { ButtonLink } from '../../components/govuk.tsx';
import { homeFor, PageTitle } from '../../components/layout.tsx';
import { useMe, useSession } from '../../session.tsx';

export function HomePage() {
  const { token } = useSession();
  const me = useMe();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title="Find and pay for support with your personal budget" />
        <h1 className="govuk-heading-xl">Find and pay for support with your personal budget</h1>
        <p className="govuk-body-l">
          Carepool helps people who have a personal budget for social care find support near them, book it,
          and see what they have left to spend.
        </p>
        <p className="govuk-body">Use Carepool to:</p>
        <ul className="govuk-list govuk-list--bullet">
          <li>find care, personal assistants, clubs, transport and other support near you</li>
          <li>book support and pay for it from your personal budget</li>
          <li>see what you can still spend on each part of your support plan</li>
          <li>let a family member or friend help you manage your budget</li>
        </ul>
        <ButtonLink to="/find-support" start>
          Find support
        </ButtonLink>
        {token && me.data ? (
          <p className="govuk-body">
            <Link className="govuk-link" to={homeFor(me.data)}>
              Go to your Carepool home page
            </Link>
          </p>
        ) : (
          <>
            <h2 className="govuk-heading-m">Already use Carepool?</h2>
            <p className="govuk-body">
              <Link className="govuk-link" to="/sign-in">
                Sign in
              </Link>{' '}
              to see your budget, your bookings and your support plan.
            </p>
            <h2 className="govuk-heading-m">Offer support?</h2>
            <p className="govuk-body">
              <Link className="govuk-link" to="/sign-up">
                Sign up as a provider
              </Link>{' '}
              to list your services for people with a personal budget.
            </p>
          </>
        )}
      </div>
    </div>
  );
}

export function AccessibilityPage() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title="Accessibility statement" />
        <h1 className="govuk-heading-l">Accessibility statement</h1>
        <p className="govuk-body">
          Carepool is for everyone, including people who use screen readers, switches, voice control or only a
          keyboard, and people who use a phone.
        </p>
        <p className="govuk-body">
          We aim to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA:
        </p>
        <ul className="govuk-list govuk-list--bullet">
          <li>every page works with a keyboard alone, and shows where you are</li>
          <li>every page works on a screen 320 pixels wide without scrolling sideways</li>
          <li>charts always have the same figures written out in words and in a table</li>
          <li>every form says what went wrong and links to the question to fix</li>
        </ul>
        <p className="govuk-body">
          Every release is checked in a real browser with automated accessibility tests. If something does not
          work for you, tell your council so they can tell us.
        </p>
      </div>
    </div>
  );
}

export function NotFoundPage() {
  return (
    <>
      <PageTitle title="Page not found" />
      <h1 className="govuk-heading-l">Page not found</h1>
      <p className="govuk-body">If you typed the web address, check it is correct.</p>
      <p className="govuk-body">
        You can{' '}
        <Link className="govuk-link" to="/">
          go to the Carepool home page
        </Link>
        .
      </p>
    </>
  );
}
