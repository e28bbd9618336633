/**
 * The main journeys, in a real browser, as the people who make them: every page visited passes
 * axe-core's WCAG 2.2 A and AA rules with zero violations, fits a 320 px screen, and is
 * screenshotted at desktop and phone width into test-results/e2e.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, startApp } from './support/app.ts';
import {
  type Browser,
  checkPage,
  expectNoAxeViolations,
  expectNoHorizontalOverflow,
  expectTitle,
  focused,
  launchBrowser,
  pagesChecked,
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
  console.log(`Pages checked with axe, at 320 px and screenshotted: ${pagesChecked()}`);
});

const signIn = (page: Page, name: string) => signInAs(page, app.url, name);

describe('a budget holder books support and pays for it once it is delivered', () => {
  let orderUrl = '';

  it('finds a provider near a postcode and books it against a plan line, using only the keyboard', async () => {
    const page = await browser.newPage();
    const key = (name: string) => page.keyboard.press(name);
    await page.goto(`${app.url}/`);
    await checkPage(page, 'Home');

    await tabTo(page, page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Sign in' }));
    await key('Enter');
    await expectTitle(page, /^Sign in/);
    await checkPage(page, 'Sign in as a demo user');
    await tabTo(page, page.getByRole('button', { name: 'Sign in as Jean Barker' }));
    await key('Enter');
    await expectTitle(page, /^Your budget/);
    // Focus moves to the new page's heading, as it would on a full page load.
    expect(await focused(page)).toMatch(/^h1: Your budget/);
    await expect.poll(() => page.locator('.app-bar-chart').textContent()).toContain('left');
    await checkPage(page, 'Your budget');

    await tabTo(page, page.getByRole('link', { name: 'Find and book support' }));
    await key('Enter');
    await expectTitle(page, /^Find support/);
    await page.getByRole('radio', { name: 'Anything' }).waitFor();
    await checkPage(page, 'Find support');

    // A place that is not one says what to do, and its link takes focus to the field.
    await tabTo(page, page.locator('input#near'));
    await page.keyboard.type('Harrowgate');
    await tabTo(page, page.getByRole('button', { name: 'Search' }));
    await key('Enter');
    await expectTitle(page, /^Error: Find support/);
    const summary = page.locator('.govuk-error-summary');
    await expect.poll(() => summary.textContent()).toContain('Enter a postcode, like HG4 1AA');
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    await checkPage(page, 'Find support with an error');
    await key('Tab');
    await key('Enter');
    expect(await focused(page)).toBe('input#near: ');
    await key('Control+A');
    await page.keyboard.type('HG1 2AB');

    await tabTo(page, page.getByRole('radio', { name: 'Day and community activities' }));
    await key('Space');
    await tabTo(page, page.getByRole('button', { name: 'Search' }));
    await key('Enter');
    await expectTitle(page, /^Day and community activities near HG1 2AB/);
    const results = page.getByRole('list', { name: 'Search results' });
    await expect.poll(() => results.textContent()).toContain(world.provider.listingTitle);
    const walk = results.locator('li.app-result', { hasText: world.provider.listingTitle });
    expect(await walk.textContent()).toContain('Checked by the council');
    expect(await walk.textContent()).toContain('£18 a session');
    expect(await walk.textContent()).toMatch(/miles? away|Less than half a mile away/);
    expect(await walk.textContent()).toContain('Same price as the council pays');
    const lunch = results.locator('li.app-result', { hasText: 'Lunch club' });
    expect(await lunch.textContent()).toContain('Not checked yet');
    await checkPage(page, 'Search results');

    await tabTo(page, page.getByRole('link', { name: world.provider.listingTitle }));
    await key('Enter');
    await expectTitle(page, new RegExp(`^${world.provider.listingTitle}`));
    await checkPage(page, 'Listing');

    await tabTo(page, page.getByRole('button', { name: 'Book this' }));
    await key('Enter');
    await expectTitle(page, /^Book /);
    const line = page.getByRole('radio', { name: 'Day and community activities' });
    await line.waitFor();
    await checkPage(page, 'Book: choose a plan line');
    await tabTo(page, line);
    await key('Space');
    expect(await line.isChecked()).toBe(true);
    await tabTo(page, page.getByRole('textbox', { name: 'How many sessions?' }));
    await key('Control+A');
    await page.keyboard.type('2');
    await tabTo(page, page.getByRole('button', { name: 'Continue' }));
    await key('Enter');

    await expectTitle(page, /^Check your booking/);
    const answers = page.locator('.govuk-summary-list');
    await expect.poll(() => answers.textContent()).toContain('£36 (2 sessions at £18)');
    expect(await page.getByTestId('spend-preview').textContent()).toContain('Yes.');
    await checkPage(page, 'Check your booking');
    await tabTo(page, page.getByRole('button', { name: 'Confirm and book' }));
    await key('Enter');

    // Booking and reading everything again can take a few seconds on a busy machine: wait for the panel.
    await page.locator('.govuk-panel', { hasText: 'Booking requested' }).waitFor();
    await expectTitle(page, /^Booking requested/);
    orderUrl = page.url();
    await checkPage(page, 'Booking requested');

    await tabTo(page, page.getByRole('link', { name: 'See what is left in the budget' }));
    await key('Enter');
    await expect.poll(() => page.locator('.app-bar-chart').textContent()).toContain('£36 booked');
    await tabTo(page, page.getByRole('button', { name: 'Sign out' }));
    await key('Enter');
    await expectTitle(page, /^You have signed out/);
    await checkPage(page, 'Signed out');
    await page.close();
  });

  it('the provider accepts the booking and records what was delivered', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Asha Patel');
    await expectTitle(page, /^My services/);
    await checkPage(page, 'My services');
    await page.getByRole('link', { name: `Orders and payouts for ${world.provider.name}` }).click();
    await expectTitle(page, new RegExp(`^Orders for ${world.provider.name}`));
    const requested = page.locator('section', { hasText: 'New bookings to answer' });
    await expect.poll(() => requested.textContent()).toContain(world.provider.listingTitle);
    await checkPage(page, 'Provider orders');

    await requested.getByRole('link', { name: new RegExp(world.provider.listingTitle) }).click();
    await page.getByRole('button', { name: 'Accept the booking' }).click();
    await page.getByText('You accepted the booking.').waitFor();
    await checkPage(page, 'Order accepted');

    // Delivery is recorded on or after the booked day: move the app's clock to it.
    const booked = (await world.as(world.users.asha.userId)(
      'GET',
      `/v1/providers/${world.provider.providerId}/orders`,
    )) as { items: Array<{ scheduledFor: string }> };
    for (const order of booked.items) app.advanceTo(order.scheduledFor);
    await page.getByRole('button', { name: 'Record what was delivered' }).click();
    await expectTitle(page, /^Record what was delivered/);
    await checkPage(page, 'Record delivery');
    // More than was booked is refused before it is sent.
    await page.getByLabel('How many sessions did you deliver?').fill('3');
    await page.getByRole('button', { name: 'Record delivery' }).click();
    await page.locator('.govuk-error-summary', { hasText: 'Enter 2 or fewer' }).waitFor();
    await checkPage(page, 'Record delivery with an error');
    await page.getByLabel('How many sessions did you deliver?').fill('2');
    await page
      .getByLabel('Notes for the person (optional)')
      .fill('Two walks by the river; Jean set the pace.');
    await page.getByRole('button', { name: 'Record delivery' }).click();
    await page.getByText('You recorded the delivery.').waitFor();
    await checkPage(page, 'Order delivered (provider)');
    await page.close();
  });

  it('the holder confirms the delivery and sees the statement change', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Jean Barker');
    await page.getByRole('link', { name: 'Statement of money in and out' }).click();
    const statement = page.getByTestId('statement');
    await expect.poll(() => statement.textContent()).toContain('£36.00 set aside');
    const before = await page.locator('.govuk-summary-list').textContent();
    expect(before).toContain('£1,000.00');
    await checkPage(page, 'Statement before confirming');

    await page.getByRole('link', { name: 'Back to the budget' }).click();
    await page.getByRole('link', { name: 'Bookings and payments' }).click();
    const toConfirm = page.locator('section', { hasText: 'Please confirm these' });
    await expect.poll(() => toConfirm.textContent()).toContain(world.provider.listingTitle);
    await checkPage(page, 'Bookings and payments');
    await toConfirm.getByRole('link', { name: world.provider.listingTitle }).click();
    expect(page.url().split('?')[0]).toBe(orderUrl.split('?')[0]);
    await page.getByText('Two walks by the river').waitFor();
    await checkPage(page, 'Order delivered (holder)');
    await page.getByRole('button', { name: 'Confirm it was delivered' }).click();
    await page.getByText('You confirmed the delivery. The provider is being paid.').waitFor();
    await expect.poll(() => page.locator('.govuk-summary-list').textContent()).toContain('Paid£36');
    await checkPage(page, 'Order paid');

    // The app's clock was moved to the booked day, so the payment is dated after the browser's
    // today: ask for the statement up to then.
    const ahead = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
    await page.goto(`${app.url}/people/${world.jean.personId}/statement?to=${ahead}`);
    await expect.poll(() => page.locator('.govuk-summary-list').textContent()).toContain('£964.00');
    const rows = await statement.locator('tbody tr').allTextContents();
    expect(rows.some((row) => row.includes(world.provider.listingTitle) && row.includes('−£36.00'))).toBe(
      true,
    );
    const csv = page.getByRole('link', { name: 'Download this statement as a spreadsheet (CSV)' });
    expect(await csv.getAttribute('href')).toMatch(/^blob:/);
    expect(await csv.getAttribute('download')).toMatch(/\.csv$/);
    await checkPage(page, 'Statement after confirming');

    await page.goto(`${app.url}/people/${world.jean.personId}`);
    await expect.poll(() => page.locator('.app-bar-chart').textContent()).toContain('£36 spent');
    await checkPage(page, 'Your budget after paying');
    await page.getByRole('button', { name: 'Show as a table' }).click();
    await page.getByRole('table').waitFor();
    await checkPage(page, 'Your budget as a table');
    await page.close();
  });
});

describe('a care manager approves a submitted plan', () => {
  it('opens the person, reads the plan and approves it', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Priya Shah');
    await expectTitle(page, /^Council work/);
    await checkPage(page, 'Council work');
    // Daniel's plan is in the queue; he is found by name, with no id to type.
    await expect.poll(() => page.getByTestId('plan-queue').textContent()).toContain('Daniel Okafor');
    await page.getByLabel('Their name').fill('Daniel');
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await page
      .getByRole('list', { name: 'People found' })
      .getByRole('link', { name: 'Daniel Okafor' })
      .click();
    await expectTitle(page, /^Daniel Okafor’s budget/);
    await checkPage(page, 'Person record (care manager)');
    await page.getByRole('link', { name: 'Support plan' }).click();
    await page.getByRole('link', { name: 'See version 1' }).click();
    await expectTitle(page, /^Support plan version 1/);
    await expect.poll(() => page.locator('main').textContent()).toContain('Waiting for approval');
    expect(await page.locator('main').textContent()).toContain('£216 a week × 52 = £11,232 a year');
    await checkPage(page, 'Plan waiting for approval');

    // Not approving needs a reason.
    await page.getByRole('button', { name: 'Do not approve' }).click();
    await page.getByRole('button', { name: 'Do not approve' }).click();
    await page.locator('.govuk-error-summary', { hasText: 'Give a reason' }).waitFor();
    await checkPage(page, 'Reject a plan with an error');
    await page.getByRole('link', { name: 'Back' }).click();

    await page.getByRole('button', { name: 'Approve the plan' }).click();
    await expectTitle(page, /^Approve the plan/);
    await checkPage(page, 'Approve a plan');
    await page.getByLabel('Anything to add? (optional)').fill('Agreed at the review on Monday.');
    await page.getByRole('button', { name: 'Approve the plan' }).click();
    await page.getByText('You approved the plan. It is now the plan in use.').waitFor();
    await expect.poll(() => page.locator('main').textContent()).toContain('Agreed at the review on Monday.');
    expect(await page.locator('.govuk-summary-list').first().textContent()).toContain('Approved');
    await checkPage(page, 'Plan approved');

    const plan = await app.call('GET', `/v1/plans/${world.daniel.planId}`, {
      token: String(
        (
          (await app.call('POST', '/v1/dev/token', { body: { userId: world.users.daniel.userId } })).body as {
            token: string;
          }
        ).token,
      ),
    });
    expect((plan.body as { status: string }).status).toBe('approved');
    await page.close();
  });
});

describe('a representative acts for someone within what they were allowed', () => {
  it('sees the budget and plan they may see, and is refused what they may not do', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Helen Metcalfe');
    await expectTitle(page, /^People you help/);
    await checkPage(page, 'People you help');
    await page.getByRole('link', { name: 'Frank Metcalfe' }).click();
    await expectTitle(page, /^Frank Metcalfe’s budget/);
    await expect.poll(() => page.locator('.app-bar-chart').textContent()).toContain('left');
    const main = page.locator('main');
    expect(await main.textContent()).toContain('You are acting for Frank Metcalfe');
    // Helen may not book for Frank, so she is not offered it.
    expect(await page.getByRole('link', { name: 'Find and book support' }).count()).toBe(0);
    await checkPage(page, 'Budget of someone you act for');

    await page.getByRole('link', { name: 'Support plan' }).click();
    await expectTitle(page, /^Frank Metcalfe’s support plan/);
    await checkPage(page, 'Plan of someone you act for');

    // Booking is not offered: Frank has not allowed it, and Helen is told so at the start.
    await page.goto(`${app.url}/listings/${world.provider.listingId}`);
    await page.getByText('Frank Metcalfe has not allowed you to book support for them').waitFor();
    expect(await page.getByRole('button', { name: 'Book this' }).count()).toBe(0);
    await page.goto(`${app.url}/book/${world.provider.listingId}?person=${world.frank.personId}`);
    await expectTitle(page, /^You cannot book support for anyone yet/);
    await checkPage(page, 'Booking not offered: no permission');

    // Managing who can act for Frank is for Frank alone.
    await page.goto(`${app.url}/people/${world.frank.personId}/delegations`);
    await page.locator('.govuk-error-summary', { hasText: 'You cannot see this' }).waitFor();
    await checkPage(page, 'Delegations refused');
    await page.close();
  });
});

describe('finance pays council money into an account', () => {
  it('posts a deposit after checking it', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Tom Whitaker');
    await expectTitle(page, /^Post a deposit/);
    // Jean is found by name: nobody types an id.
    await page.getByLabel('Their name').fill('Jean');
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await page.getByRole('list', { name: 'People found' }).getByRole('link', { name: 'Jean Barker' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('.govuk-error-summary', { hasText: 'Enter the amount' }).waitFor();
    await checkPage(page, 'Post a deposit with errors');
    await page.getByLabel('Amount').fill('250.50');
    await page.getByLabel('Reference').fill('Four-weekly payment');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectTitle(page, /^Check the deposit/);
    await expect.poll(() => page.locator('.govuk-summary-list').textContent()).toContain('Jean Barker');
    await checkPage(page, 'Check a deposit');
    await page.getByRole('button', { name: 'Post the deposit' }).click();
    await page.locator('.govuk-panel', { hasText: 'Deposit posted' }).waitFor();
    expect(await page.locator('.govuk-panel').textContent()).toContain('£250.50 to Jean Barker');
    await checkPage(page, 'Deposit posted');
    await page.close();
  });
});

describe('the page checks themselves', () => {
  it('catch an accessibility violation and a page wider than the screen', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/accessibility`);
    await page.locator('main h1').waitFor();
    await page.evaluate(() => {
      const main = document.querySelector('main');
      const image = document.createElement('img');
      image.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
      const wide = document.createElement('div');
      wide.style.width = '1000px';
      wide.textContent = 'wide';
      main?.append(image, wide);
    });
    const found = (check: Promise<void>) =>
      check.then(
        () => 'nothing',
        (error: { actual?: unknown }) => JSON.stringify(error.actual),
      );
    expect(await found(expectNoAxeViolations(page, 'broken page'))).toContain('image-alt');
    await page.setViewportSize(phone);
    expect(await found(expectNoHorizontalOverflow(page, 'broken page'))).toContain('div');
    await page.close();
  });
});
