/**
 * What every page shares: signing in from a deep link and coming back, focus after booking, the
 * 404 page's status, the footer's pages, tables that scroll by keyboard, no raw ids; and the
 * holder's booking and search: weekly repeats, the API's refusal of a time the provider does not
 * work, people told at the start what they may not do, towns, and back links to the results.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, startApp } from './support/app.ts';
import {
  type Browser,
  checkPage,
  expectNoAxeViolations,
  expectTitle,
  focused,
  launchBrowser,
  phone,
  signInAs,
  tabTo,
} from './support/browser.ts';
import { buildWorld, type World } from './support/world.ts';

let app: App;
let world: World;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  world = await buildWorld(app);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const main = (page: Page) => page.locator('main').innerText();
/** Ids as the API writes them: `ord_…`, `prv_…`. A person should never have to read one. */
const rawId = /\b(ord|prv|grp|per|lst|usr|pln|ser)_[A-Za-z0-9_-]{3,}/;

/** Axe at phone width as well as desktop (checkPage runs it at desktop). */
async function checkPageBothWidths(page: Page, name: string): Promise<void> {
  await checkPage(page, name);
  await page.setViewportSize(phone);
  await expectNoAxeViolations(page, `${name} at 320 px`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('signing in from a link, and coming back', () => {
  it('asks a signed-out visitor to sign in, then opens the page they asked for', async () => {
    const page = await browser.newPage();
    const statement = `/people/${world.jean.personId}/statement`;
    await page.goto(`${app.url}${statement}`);
    await page.waitForURL((url) => url.pathname === '/sign-in' && url.searchParams.get('next') === statement);
    await page.getByText('Sign in to see the page you asked for').waitFor();
    await checkPage(page, 'Sign in to see a page you asked for');
    await page.getByRole('button', { name: 'Sign in as Jean Barker' }).click();
    await page.waitForURL(`${app.url}${statement}`);
    await expectTitle(page, /^Your statement/);
    await page.close();
  });
});

describe('tables that scroll', () => {
  it('lets a keyboard reach and scroll the statement at 320 px, named by its caption', async () => {
    const page = await browser.newPage();
    await signInAs(page, app.url, 'Jean Barker');
    await page.goto(`${app.url}/people/${world.jean.personId}/statement`);
    const region = page.getByRole('region', { name: 'Money in and out, oldest first' });
    await region.waitFor();
    expect(await region.getAttribute('tabindex')).toBe('0');
    // Says what happened, in words, with a reference to quote rather than an id.
    expect(await main(page)).not.toMatch(rawId);
    await checkPageBothWidths(page, 'Statement');

    await page.setViewportSize(phone);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('h1').focus();
    await tabTo(page, region);
    const overflows = await region.evaluate((el) => el.scrollWidth > el.clientWidth);
    if (overflows) {
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    }
    await page.close();
  });
});

describe('booking every week, and focus after booking', () => {
  it('books three weeks, shows every date and the total, and moves focus to the new heading', async () => {
    const page = await browser.newPage();
    await signInAs(page, app.url, 'Jean Barker');
    await page.goto(`${app.url}/book/${world.provider.listingId}`);
    await page.getByRole('radio', { name: 'Day and community activities' }).check();
    await page.getByRole('radio', { name: 'Yes, every week at the same time' }).check();
    // Every error at once: the number of weeks and the time.
    await page.getByLabel('What time?').fill('');
    await page.getByRole('button', { name: 'Continue' }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    expect(await summary.innerText()).toContain('Enter how many weeks, including the first');
    expect(await summary.locator('li').count()).toBe(2);
    await checkPage(page, 'Book every week: errors');

    await page.getByLabel('What time?').fill('10:00');
    await page.getByLabel('How many weeks, including the first?').fill('3');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectTitle(page, /^Check your booking/);
    await expect.poll(() => page.getByTestId('booking-dates').locator('li').count()).toBe(3);
    expect(await main(page)).toContain('£18 (1 session at £18) a week: £54 for all 3 weeks');
    await checkPageBothWidths(page, 'Check a weekly booking');

    await page.getByRole('button', { name: 'Confirm and book' }).click();
    await page.locator('.govuk-panel', { hasText: '3 weekly bookings requested' }).waitFor();
    await expect.poll(() => focused(page)).toMatch(/^h1.*3 weekly bookings requested/);
    const text = await main(page);
    expect(text).not.toMatch(rawId);
    expect(text).toMatch(/Your reference\s+[A-Z0-9]{4}-[A-Z0-9]{4}/);
    await checkPage(page, 'Weekly booking requested');

    // Opening an order from the list puts focus on its heading too.
    await page.getByRole('link', { name: 'See them all in bookings and payments' }).click();
    await page.getByRole('link', { name: world.provider.listingTitle }).first().click();
    await expect.poll(() => focused(page)).toMatch(new RegExp(`^h1.*${world.provider.listingTitle}`));
    const history = await main(page);
    expect(history).toContain('Booked');
    expect(history).not.toMatch(rawId);
    await page.close();
  });

  it('shows the API’s refusal of a time the provider does not work', async () => {
    const page = await browser.newPage();
    await signInAs(page, app.url, 'Jean Barker');
    const listingId = world.provider.listingId;
    await page.goto(`${app.url}/book/${listingId}`);
    await page.getByRole('radio', { name: 'Day and community activities' }).waitFor();
    // A draft from an older tab or a changed listing: 3am on a Monday, which the form would refuse.
    const monday = new Date();
    monday.setUTCDate(monday.getUTCDate() + ((8 - monday.getUTCDay()) % 7 || 7) + 7);
    await page.evaluate(({ key, draft }) => sessionStorage.setItem(key, JSON.stringify(draft)), {
      key: `carepool.booking.${listingId}`,
      draft: {
        personId: world.jean.personId,
        lineId: world.jean.lineIds[0],
        quantity: '1',
        date: {
          day: String(monday.getUTCDate()),
          month: String(monday.getUTCMonth() + 1),
          year: String(monday.getUTCFullYear()),
        },
        time: '03:00',
        notes: '',
        repeat: 'once',
        weeks: '',
        idempotencyKey: `e2e-outside-${Date.now()}`,
      },
    });
    await page.goto(`${app.url}/book/${listingId}/check?person=${world.jean.personId}`);
    await page.getByRole('button', { name: 'Confirm and book' }).waitFor();
    await expect.poll(() => page.getByTestId('spend-preview').innerText()).toContain('outside the times');
    await page.getByRole('button', { name: 'Confirm and book' }).click();
    const refusal = page.locator('.govuk-error-summary', { hasText: 'This booking cannot go ahead' });
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('works Tuesday 10am to 12pm (UK time)');
    await checkPage(page, 'Booking refused: outside the provider’s times');
    await page.close();
  });
});

describe('only what a person may do, from the start', () => {
  it('tells a representative nobody allowed to book, on the listing and at the start of booking', async () => {
    const page = await browser.newPage();
    await signInAs(page, app.url, 'Helen Metcalfe');
    await page.goto(`${app.url}/listings/${world.provider.listingId}`);
    await page.getByText('Frank Metcalfe has not allowed you to book support for them').waitFor();
    expect(await page.getByRole('link', { name: 'Book this' }).count()).toBe(0);
    await page.goto(`${app.url}/book/${world.provider.listingId}`);
    await expectTitle(page, /^You cannot book support for anyone yet/);
    await checkPage(page, 'Representative who may not book');
    await page.close();
  });
});

describe('search by town, and back to the results', () => {
  it('finds support near Harrogate and comes back to the same results from a listing', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/find-support`);
    await page.getByLabel('Your postcode or town (optional)').fill('Harrogate');
    await page.getByLabel('The most you want to pay (optional)').fill('£25');
    await page.getByRole('button', { name: 'Search' }).click();
    await expectTitle(page, /near Harrogate/);
    await page.getByTestId('result-count').waitFor();
    expect(await main(page)).toContain('Up to £25.');
    expect(await main(page)).not.toContain('££');
    const resultsUrl = page.url();
    await checkPage(page, 'Results near a town');
    await page.getByRole('list', { name: 'Search results' }).getByRole('link').first().click();
    await page.getByRole('link', { name: 'Back to your search results' }).click();
    await page.waitForURL(resultsUrl);
    await page.close();
  });
});

describe('pages every visitor can reach', () => {
  it('answers an unknown address with HTTP 404 and the "Page not found" page', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${app.url}/no-such-page`);
    expect(response?.status()).toBe(404);
    await expectTitle(page, /^Page not found/);
    await checkPage(page, 'Page not found');
    expect((await page.goto(`${app.url}/find-support`))?.status()).toBe(200);
    await page.close();
  });

  it('has help, contact, privacy and cookies in the footer, and sets no cookies', async () => {
    const page = await browser.newPage();
    await signInAs(page, app.url, 'Jean Barker');
    for (const [link, title] of [
      ['Help', /^Help using Carepool/],
      ['Contact', /^Contact/],
      ['Privacy', /^Privacy/],
      ['Cookies', /^Cookies/],
    ] as const) {
      await page.locator('footer').getByRole('link', { name: link, exact: true }).click();
      await expectTitle(page, title);
      await checkPage(page, `Footer: ${link}`);
    }
    expect(await main(page)).toContain('does not set any cookies');
    // True to what it says: signed in and having visited pages, the browser holds no cookie.
    expect(await page.context().cookies(app.url)).toEqual([]);
    await page.close();
  });
});
