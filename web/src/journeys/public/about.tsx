/**
 * The footer's pages: help, contact, privacy and cookies. Plain English, and true to what the app
 * does: it sets no cookies of its own and tracks nobody; the sign-in is kept in this browser tab.
 */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { PageTitle } from '../../components/layout.tsx';

function Page({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title={title} />
        <h1 className="govuk-heading-l">{title}</h1>
        {children}
      </div>
    </div>
  );
}

export function HelpPage() {
  return (
    <Page title="Help using Carepool">
      <p className="govuk-body">
        Carepool is for people who have a personal budget for social care, the family and friends who help
        them, the people and organisations who provide support, and council staff.
      </p>
      <h2 className="govuk-heading-m">Finding and booking support</h2>
      <p className="govuk-body">
        <Link className="govuk-link" to="/find-support">
          Find support
        </Link>{' '}
        near a postcode or a town. You do not need to sign in to look. To book, sign in: Carepool shows which
        part of your support plan pays, checks that it fits, and sets the money aside until the support has
        happened.
      </p>
      <h2 className="govuk-heading-m">Your budget and your plan</h2>
      <p className="govuk-body">
        Your home page shows what you can spend now, what you have booked and what you have paid. Your care
        manager at the council agrees your support plan with you; ask them if something in it needs to change.
      </p>
      <h2 className="govuk-heading-m">Quoting a reference</h2>
      <p className="govuk-body">
        Bookings and payments have a short reference in capital letters, like <strong>REF 4KD8Q2ZB</strong>.
        Quote it if you contact your council or a provider about it.
      </p>
      <h2 className="govuk-heading-m">If you need more help</h2>
      <p className="govuk-body">
        <Link className="govuk-link" to="/contact">
          Contact us
        </Link>{' '}
        or your council.
      </p>
    </Page>
  );
}

export function ContactPage() {
  return (
    <Page title="Contact">
      <p className="govuk-body">
        <strong>About your budget, your support plan or a payment:</strong> contact your council’s adult
        social care team. Your care manager can change your plan, and the council’s finance team can answer
        questions about money paid into your account.
      </p>
      <p className="govuk-body">
        <strong>About a booking:</strong> contact the provider first. If you cannot agree, you can say the
        support was not delivered as booked from the booking’s page, and a care manager will decide what is
        paid.
      </p>
      <p className="govuk-body">
        <strong>About this website:</strong> if something does not work for you, or you find it hard to use,
        tell your council so they can tell us. Say which page you were on and what you were trying to do.
      </p>
      <p className="govuk-body">
        This is a demonstration of Carepool with made-up people and money: nobody reads messages sent from it.
      </p>
    </Page>
  );
}

export function PrivacyPage() {
  return (
    <Page title="Privacy">
      <p className="govuk-body">
        Carepool holds information about people who have a personal budget so they can find, book and pay for
        support. Your council decides what is held and why; it is responsible for your information.
      </p>
      <h2 className="govuk-heading-m">What we hold</h2>
      <ul className="govuk-list govuk-list--bullet">
        <li>your name, date of birth and postcode</li>
        <li>your budget, your support plan and the outcomes you agreed with your care manager</li>
        <li>what you book, what is delivered and every payment in and out of your account</li>
        <li>who may act for you, and what they may do</li>
        <li>a record of who looked at or changed your information, and when</li>
      </ul>
      <h2 className="govuk-heading-m">Who can see it</h2>
      <ul className="govuk-list govuk-list--bullet">
        <li>you, and the people you have allowed to act for you (only what you allowed)</li>
        <li>your council’s care managers, finance team and auditors</li>
        <li>a provider sees only the bookings made with them, not your plan or your money</li>
      </ul>
      <p className="govuk-body">
        Reviews of providers do not show who wrote them. Nothing is sold or shared for advertising.
      </p>
      <h2 className="govuk-heading-m">Your rights</h2>
      <p className="govuk-body">
        You can ask your council for a copy of your information, to correct it, or how long it is kept. You
        can also complain to the Information Commissioner’s Office.
      </p>
    </Page>
  );
}

export function CookiesPage() {
  return (
    <Page title="Cookies">
      <p className="govuk-body">
        Carepool does not set any cookies, and does not use analytics or any other tracking. There is nothing
        to accept or turn off.
      </p>
      <h2 className="govuk-heading-m">What is kept in your browser</h2>
      <p className="govuk-body">
        To keep you signed in, Carepool keeps your sign-in in this browser tab (session storage). It goes when
        you close the tab or sign out. While you fill in a booking or a top-up, what you have entered is kept
        the same way, so you can go back and change it.
      </p>
      <p className="govuk-body">
        Some pages remember the last few references you used in this browser (local storage), so you do not
        have to type them again. Nothing kept in your browser is sent anywhere else.
      </p>
      <h2 className="govuk-heading-m">Signing in through your council’s sign-in page</h2>
      <p className="govuk-body">
        Where your council uses a separate sign-in page, that page may set a cookie of its own to remember
        that you signed in. It is needed for signing in and is not used for tracking.
      </p>
    </Page>
  );
}
