/**
 * A day's work without typing an id (issue 15): the holder's home page leads with one figure, a
 * provider finds their own services, and a care manager approves a payment held for them. Every
 * page state is checked as in the main journeys (axe, 320 px, screenshots).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, startApp } from './support/app.ts';
import { type Browser, checkPage, expectTitle, launchBrowser, signInAs } from './support/browser.ts';
import { buildWorld, planYear, type World } from './support/world.ts';

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

const signIn = (page: Page, name: string) => signInAs(page, app.url, name);
const main = (page: Page) => page.locator('main').textContent();

/** "12 January 2027", as the web app writes a date. */
function longDate(iso: string): string {
  return new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  });
}

describe('the holder’s home page leads with one figure', () => {
  it('says what Jean can spend before her next payment, then each part of her plan', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Jean Barker');
    await expectTitle(page, /^Your budget/);
    // £1,000 in the account and nothing booked; her plan allows £50 + £25 a week, carried forward over the five weeks begun: £375.
    // Payments come every four weeks from the start of her plan year, which began four weeks ago.
    const start = planYear().startDate;
    const next = new Date(`${start}T12:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 56);
    const figure = page.getByTestId('spend-now');
    await expect
      .poll(() => figure.locator('p').first().textContent())
      .toBe(`You can spend £375 before your next payment on ${longDate(next.toISOString().slice(0, 10))}.`);
    const text = await main(page);
    expect(text).not.toContain('Free to spend');
    expect(text).toContain('£2,600 for the whole plan year');
    await checkPage(page, 'Home: one figure first');

    await figure.getByText('How £375 is worked out').click();
    await expect
      .poll(() => figure.locator('.govuk-summary-list').textContent())
      .toContain('Not booked yet£1,000');
    await checkPage(page, 'Home: how the figure is worked out');
    await page.getByRole('button', { name: 'Show as a table' }).click();
    await expect.poll(() => page.getByRole('table').textContent()).toContain('Whole plan year');
    await checkPage(page, 'Home: plan lines as a table');
    await page.close();
  });
});

describe('providers without ids', () => {
  it('a provider sees their own profiles, listings and groups on “My services”', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Asha Patel');
    await expectTitle(page, /^My services/);
    const verified = page.locator('section.govuk-summary-card', { hasText: world.provider.name });
    await expect.poll(() => verified.textContent()).toContain(world.provider.listingTitle);
    await expect.poll(() => verified.textContent()).toContain('No group purchases yet.');
    const pending = page.locator('section.govuk-summary-card', { hasText: world.pendingProvider.name });
    await expect.poll(() => pending.textContent()).toContain('The council has not checked this profile yet');
    expect(await main(page)).not.toMatch(/prv_/);
    await checkPage(page, 'My services, listed without ids');
    await verified.getByRole('link', { name: `Orders and payouts for ${world.provider.name}` }).click();
    await expectTitle(page, new RegExp(`^Orders for ${world.provider.name}`));
    await expect.poll(() => main(page)).toContain('No group purchases yet.');
    await checkPage(page, 'Provider orders with its groups listed');
    await page.close();
  });

  it('a holder finds the provider of an invoice by name', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Jean Barker');
    await page.getByRole('link', { name: 'Pay an invoice' }).click();
    await expectTitle(page, /^Pay an invoice/);
    await page
      .getByLabel('Who is the invoice from?')
      .fill(world.provider.name.split(' ').slice(0, 2).join(' '));
    await page.getByRole('button', { name: 'Find the provider' }).click();
    await page.getByRole('radio', { name: world.provider.name }).check();
    await checkPage(page, 'Pay an invoice: provider found by name');
    await page.getByRole('radio', { name: 'Day and community activities' }).check();
    await page.getByLabel('Amount').fill('12.50');
    await page.getByLabel('Invoice number or reference').fill('INV-0099');
    await page.getByLabel('What is it for?').fill('An extra walk');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectTitle(page, /^Check the invoice/);
    await expect.poll(() => main(page)).toContain(`Pay${world.provider.name}`);
    await checkPage(page, 'Check the invoice, provider by name');
    await page.close();
  });
});

describe('booking respects the provider’s days and times', () => {
  it('offers their days, starts on one, and will not take a time they do not work', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Jean Barker');
    await page.goto(`${app.url}/book/${world.provider.listingId}`);
    await expect.poll(() => page.getByTestId('availability').textContent()).toBe('Tuesday, 10am to 12pm');
    const day = await page.locator('#date').inputValue();
    const month = await page.locator('#date-month').inputValue();
    const year = await page.locator('#date-year').inputValue();
    const chosen = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
    expect(chosen.getUTCDay()).toBe(2);
    expect(await page.getByLabel('What time?').inputValue()).toBe('10:00');
    await checkPage(page, 'Book: the provider’s days and times');

    await page.getByRole('radio', { name: 'Day and community activities' }).check();
    await page.getByLabel('What time?').fill('3am');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page
      .locator('.govuk-error-summary', {
        hasText: `Choose a day and time when ${world.provider.name} works: Tuesday, 10am to 12pm`,
      })
      .waitFor();
    await checkPage(page, 'Book: a time they do not work');
    await page.close();
  });
});

describe('search by words, sorted, with counts', () => {
  it('finds by a word across the country, says how many, narrows by kind and sorts', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/find-support`);
    await page.getByLabel('What are you looking for? (optional)').fill('walk');
    await page.getByLabel('The most you want to pay (optional)').fill('£25');
    await page.getByRole('button', { name: 'Search' }).click();
    await expectTitle(page, /^Support matching “walk”/);
    await expect.poll(() => page.getByTestId('result-count').textContent()).toMatch(/^\d+ results?$/);
    const text = await main(page);
    expect(text).toContain('Up to £25.');
    expect(text).not.toContain('££');
    await checkPage(page, 'Search by a word, with the count');

    await page.getByLabel('Sort by').selectOption('price');
    await page.getByRole('button', { name: 'Update the results' }).click();
    await expect.poll(() => page.url()).toContain('sort=price');
    await page.getByRole('list', { name: 'Search results' }).waitFor();
    await checkPage(page, 'Search sorted cheapest first');
    await page.close();
  });
});

describe('a care manager approves a payment held for them', () => {
  let orderId = '';

  it('raises Jean’s oversight level, with a reason Jean is shown', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Priya Shah');
    await expectTitle(page, /^Council work/);
    await page.getByLabel('Their name').fill('jean b');
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await page
      .getByRole('list', { name: 'People found' })
      .getByRole('link', { name: 'Jean Barker' })
      .waitFor();
    expect(await main(page)).not.toMatch(/per_/);
    await checkPage(page, 'Council work: a person found by name');
    await page.getByRole('link', { name: 'Jean Barker' }).click();
    await expectTitle(page, /^Jean Barker’s budget/);
    await expect.poll(() => page.getByTestId('oversight-level').textContent()).toBe('Standard');
    await page.getByRole('link', { name: 'Change the level' }).click();
    await expectTitle(page, /^How closely the council watches Jean’s budget/);
    await page.getByRole('button', { name: 'Save the level' }).click();
    await page.locator('.govuk-error-summary', { hasText: 'Choose a different level' }).waitFor();
    await checkPage(page, 'Oversight level with errors');
    await page.getByRole('radio', { name: 'A care manager approves payments' }).check();
    await page.getByLabel('Why?').fill('Two payments last month that nobody could explain');
    await page.getByRole('button', { name: 'Save the level' }).click();
    await expectTitle(page, /^Jean Barker’s budget/);
    await expect
      .poll(() => page.getByTestId('oversight-level').textContent())
      .toBe('A care manager approves payments');
    await checkPage(page, 'Person page with the oversight level');
    await page.close();

    const jean = await browser.newPage();
    await signIn(jean, 'Jean Barker');
    await expect
      .poll(() => jean.getByTestId('oversight-notice').textContent())
      .toBe('A care manager approves larger payments from your budget.');
    expect(await main(jean)).toContain('Two payments last month that nobody could explain');
    await checkPage(jean, 'Home with the council’s oversight and its reason');
    await jean.close();
  });

  it('finds the held payment on the person’s page and approves it', async () => {
    // Booked for next Tuesday morning, when the walking group runs; accepted, delivered, confirmed.
    const tuesday = new Date();
    do tuesday.setUTCDate(tuesday.getUTCDate() + 1);
    while (tuesday.getUTCDay() !== 2);
    const scheduledFor = `${tuesday.toISOString().slice(0, 10)}T10:30:00Z`;
    const booked = await world.as(world.users.jean.userId)('POST', '/v1/orders', {
      personId: world.jean.personId,
      listingId: world.provider.listingId,
      lineId: world.jean.lineIds[0],
      quantity: 2,
      scheduledFor,
    });
    orderId = String((booked.orders as Array<{ orderId: string }>)[0]?.orderId);
    const asha = world.as(world.users.asha.userId);
    await asha('POST', `/v1/orders/${orderId}/accept`);
    app.advanceTo(scheduledFor);
    await asha('POST', `/v1/orders/${orderId}/deliver`, { quantity: 2 });
    const held = await world.as(world.users.jean.userId)('POST', `/v1/orders/${orderId}/confirm`);
    expect(held.status).toBe('awaiting_approval');

    const page = await browser.newPage();
    await signIn(page, 'Priya Shah');
    await page.getByRole('link', { name: 'Jean Barker' }).click();
    await expectTitle(page, /^Jean Barker’s budget/);
    const waiting = page.getByTestId('needs-decision');
    await expect
      .poll(() => waiting.textContent())
      .toContain(`Payment to approve: ${world.provider.listingTitle}, £36`);
    await checkPage(page, 'Person page with a payment to approve');
    await waiting.getByRole('link').first().click();
    await page.getByRole('heading', { name: 'This payment waits for your approval' }).waitFor();
    await checkPage(page, 'A payment waiting for approval');
    await page.getByRole('button', { name: 'Approve the payment' }).click();
    await page.getByText('You approved the payment. The provider is being paid.').waitFor();
    await checkPage(page, 'Payment approved');
    const order = await world.as(world.users.priya.userId)('GET', `/v1/orders/${orderId}`);
    expect(order).toMatchObject({ status: 'confirmed', paidPence: 3_600 });
    await page.close();
  });
});
