/**
 * The page frame: skip link, header, navigation for the signed-in role, the main landmark and the
 * footer. On every navigation the new page's heading takes focus, so screen reader and keyboard
 * users start at the top of the new page, as they would after a full page load.
 */

import { needsSignIn } from '@carepool/contracts/web-paths';
import { type ReactNode, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/client.ts';
import { type Me, useMe, useSession } from '../session.tsx';

const desktop = '(min-width: 40.0625em)';

function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (notify) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', notify);
      return () => list.removeEventListener('change', notify);
    },
    () => window.matchMedia(query).matches,
  );
}

interface NavItem {
  to: string;
  text: string;
  /** Paths that count as this item being current. */
  match: (path: string) => boolean;
}

/** Where each role starts, and what it sees in the navigation. */
export function homeFor(me: Me): string {
  if (me.roles.includes('holder') && me.personId) return `/people/${me.personId}`;
  if (me.roles.includes('representative') || me.roles.includes('broker')) return '/acting-for';
  if (me.roles.includes('provider')) return '/provider';
  if (me.roles.includes('care_manager')) return '/council';
  if (me.roles.includes('auditor')) return '/audit';
  if (me.roles.includes('finance')) return '/finance';
  if (me.roles.includes('council_admin')) return '/admin';
  if (me.roles.includes('platform_admin')) return '/operator';
  return '/';
}

function navFor(me: Me | undefined): NavItem[] {
  const items: NavItem[] = [
    { to: '/find-support', text: 'Find support', match: (p) => p.startsWith('/find-support') },
  ];
  if (!me) return items;
  if (me.roles.includes('holder') && me.personId) {
    const base = `/people/${me.personId}`;
    items.unshift({ to: base, text: 'My budget', match: (p) => p.startsWith(base) });
  }
  if (me.roles.includes('representative') || me.roles.includes('broker')) {
    items.unshift({
      to: '/acting-for',
      text: 'People I help',
      match: (p) =>
        p.startsWith('/acting-for') || (p.startsWith('/people/') && !p.startsWith(`/people/${me.personId}`)),
    });
  }
  if (me.roles.some((r) => r === 'holder' || r === 'representative' || r === 'broker')) {
    items.push({ to: '/groups', text: 'Group purchases', match: (p) => p.startsWith('/groups') });
  }
  if (me.roles.includes('provider') || me.roles.includes('broker')) {
    items.push({ to: '/requests', text: 'Requests for support', match: (p) => p.startsWith('/requests') });
    items.push({ to: '/provider', text: 'My services', match: (p) => p.startsWith('/provider') });
  }
  if (me.roles.includes('care_manager')) {
    items.unshift({ to: '/council', text: 'Council work', match: (p) => p.startsWith('/council') });
  } else if (me.roles.includes('auditor')) {
    items.unshift({
      to: '/audit',
      text: 'Council records',
      match: (p) => p.startsWith('/audit') || p.startsWith('/council'),
    });
  }
  if (me.roles.includes('finance')) {
    items.unshift(
      { to: '/finance', text: 'Deposits', match: (p) => p === '/finance' },
      {
        to: '/finance/exceptions',
        text: 'Payments that do not match',
        match: (p) => p === '/finance/exceptions',
      },
    );
  }
  if (me.roles.includes('council_admin')) {
    items.unshift(
      {
        to: '/admin',
        text: 'Staff and accounts',
        match: (p) => p.startsWith('/admin') && !p.startsWith('/admin/settings'),
      },
      { to: '/admin/settings', text: 'Council settings', match: (p) => p.startsWith('/admin/settings') },
    );
  }
  if (me.roles.includes('platform_admin')) {
    items.unshift({ to: '/operator', text: 'Councils', match: (p) => p.startsWith('/operator') });
  }
  return items;
}

function ServiceNavigation() {
  const { token, signOutEverywhere } = useSession();
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const isDesktop = useMediaQuery(desktop);
  const [open, setOpen] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: close the menu after every navigation
  useEffect(() => setOpen(false), [location.pathname]);
  const items = navFor(me.data);
  const onSignOut = async () => {
    // After a hosted sign-in the browser goes to its sign-out page, which comes back to /signed-out.
    if (!(await signOutEverywhere())) navigate('/signed-out');
  };
  return (
    <section
      aria-label="Service information"
      className="govuk-service-navigation"
      data-module="govuk-service-navigation"
    >
      <div className="govuk-width-container">
        <div className="govuk-service-navigation__container">
          <span className="govuk-service-navigation__service-name">
            <Link to="/" className="govuk-service-navigation__link">
              Carepool
            </Link>
          </span>
          <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
            <button
              type="button"
              className="govuk-service-navigation__toggle govuk-js-service-navigation-toggle"
              aria-controls="navigation"
              hidden={isDesktop}
              aria-hidden={isDesktop || undefined}
              aria-expanded={isDesktop ? undefined : open}
              onClick={() => setOpen(!open)}
            >
              Menu
            </button>
            <ul className="govuk-service-navigation__list" id="navigation" hidden={!isDesktop && !open}>
              {items.map((item) => {
                const current = item.match(location.pathname);
                return (
                  <li
                    key={item.to}
                    className={`govuk-service-navigation__item${current ? ' govuk-service-navigation__item--active' : ''}`}
                  >
                    <Link
                      className="govuk-service-navigation__link"
                      to={item.to}
                      aria-current={current ? 'page' : undefined}
                    >
                      {current ? (
                        <strong className="govuk-service-navigation__active-fallback">{item.text}</strong>
                      ) : (
                        item.text
                      )}
                    </Link>
                  </li>
                );
              })}
              <li className="govuk-service-navigation__item">
                {token ? (
                  <button
                    type="button"
                    className="govuk-service-navigation__link app-nav-button"
                    onClick={() => void onSignOut()}
                  >
                    Sign out
                  </button>
                ) : (
                  <Link
                    className="govuk-service-navigation__link"
                    to="/sign-in"
                    aria-current={location.pathname === '/sign-in' ? 'page' : undefined}
                  >
                    Sign in
                  </Link>
                )}
              </li>
            </ul>
          </nav>
        </div>
      </div>
    </section>
  );
}

function SignedInAs() {
  const { token, ended, signOut } = useSession();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  // A token that no longer works (expired and not renewed, or the local data was reset) signs the
  // person out.
  useEffect(() => {
    if (ended || (me.error instanceof ApiError && me.error.status === 401)) {
      signOut();
      navigate(`/sign-in?expired=1&next=${encodeURIComponent(`${location.pathname}${location.search}`)}`);
    }
  }, [ended, me.error, signOut, navigate, location]);
  if (!token || !me.data) return null;
  return (
    <p className="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0" data-testid="signed-in-as">
      Signed in as <strong>{me.data.name}</strong>
    </p>
  );
}

/**
 * After a page change, the new page's heading takes focus. A page often shows a "Loading" heading
 * first and its real one a moment later: if focus is lost when the first goes (it falls back to
 * `<body>`), the heading that replaces it takes it, until the person moves focus themselves.
 */
function useFocusNewHeading(page: string): void {
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every navigation to a new page
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const main = document.querySelector<HTMLElement>('main');
    if (!main) return;
    const focusHeading = () => {
      const target = main.querySelector<HTMLElement>('h1') ?? main;
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus();
    };
    focusHeading();
    window.scrollTo(0, 0);
    const lost = () => document.activeElement === null || document.activeElement === document.body;
    const observer = new MutationObserver(() => {
      if (lost()) focusHeading();
    });
    observer.observe(main, { childList: true, subtree: true });
    const stop = () => observer.disconnect();
    // Once the person acts, their focus is theirs; and the page has settled after a few seconds.
    document.addEventListener('keydown', stop, { once: true });
    document.addEventListener('pointerdown', stop, { once: true });
    const timer = setTimeout(stop, 5_000);
    return () => {
      stop();
      clearTimeout(timer);
      document.removeEventListener('keydown', stop);
      document.removeEventListener('pointerdown', stop);
    };
  }, [page]);
}

export function Layout() {
  const location = useLocation();
  const { token } = useSession();
  // A new page is a new path or query; a #fragment (the skip link) is not, and keeps its own focus.
  const page = `${location.pathname}${location.search}`;
  useFocusNewHeading(page);
  // A signed-out visitor following a link to a page for signed-in people signs in, then comes back.
  const signInFirst = !token && needsSignIn(location.pathname);
  // Someone whose sign-in ended on a signed-in page is sent to sign in by `SignedInAs` (with the
  // "your sign-in ended" banner) in the same render that clears the token, so this redirect fires
  // too: it must say the same, or whichever lands last decides whether the banner shows.
  const wasSignedIn = useRef(false);
  useEffect(() => {
    if (token) wasSignedIn.current = true;
  }, [token]);
  const signInPath = `/sign-in?${wasSignedIn.current ? 'expired=1&' : ''}next=${encodeURIComponent(page)}`;
  return (
    <>
      <a href="#main-content" className="govuk-skip-link" data-module="govuk-skip-link">
        Skip to main content
      </a>
      <header className="govuk-template__header">
        <ServiceNavigation />
        {/* In the header landmark, so every part of the page is in a landmark (axe `region`). */}
        <div className="govuk-width-container">
          <div className="govuk-phase-banner">
            <p className="govuk-phase-banner__content">
              <strong className="govuk-tag govuk-phase-banner__content__tag">Demo</strong>
              <span className="govuk-phase-banner__text">
                This is a demonstration of Carepool with made-up people and money.
              </span>
            </p>
          </div>
          <SignedInAs />
        </div>
      </header>
      <div className="govuk-width-container">
        <main className="govuk-main-wrapper" id="main-content" tabIndex={-1}>
          {signInFirst ? <Navigate to={signInPath} replace /> : <Outlet />}
        </main>
      </div>
      <Footer />
    </>
  );
}

const footerPages = [
  { to: '/help', text: 'Help' },
  { to: '/contact', text: 'Contact' },
  { to: '/privacy', text: 'Privacy' },
  { to: '/cookies', text: 'Cookies' },
  { to: '/accessibility', text: 'Accessibility statement' },
];

function Footer() {
  return (
    <footer className="govuk-footer">
      <div className="govuk-width-container">
        <div className="govuk-footer__meta">
          <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
            <h2 className="govuk-visually-hidden">Support links</h2>
            <ul className="govuk-footer__inline-list">
              {footerPages.map((item) => (
                <li key={item.to} className="govuk-footer__inline-list-item">
                  <Link className="govuk-footer__link" to={item.to}>
                    {item.text}
                  </Link>
                </li>
              ))}
              <li className="govuk-footer__inline-list-item">
                <a className="govuk-footer__link" href="/docs">
                  API reference
                </a>
              </li>
              <li className="govuk-footer__inline-list-item">
                <a className="govuk-footer__link" href="/v1/openapi.json">
                  API documentation (OpenAPI)
                </a>
              </li>
            </ul>
            <span className="govuk-footer__licence-description">
              Carepool is open-source software, licensed under the AGPL-3.0.
            </span>
          </div>
        </div>
      </div>
    </footer>
  );
}

export function PageTitle({ title, error }: { title: string; error?: boolean }): ReactNode {
  useEffect(() => {
    document.title = `${error ? 'Error: ' : ''}${title} – Carepool`;
  }, [title, error]);
  return null;
}
