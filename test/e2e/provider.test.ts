/**
 * A provider's day's work without typing an id (issue 15). Asha Patel (the e2e stand-in for the
 * demo's `usr_demo_provider`, who runs Nidd Valley Walking Friends) sees her listings, changes
 * one and pauses it, adds a listing with days, times and languages, sees what she is owed and was
 * paid, and downloads a remittance for her accountant. Every page state is checked with axe at
 * desktop width and for overflow at 320 px.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, startApp } from './support/app.ts';
import { type Browser, checkPage, launchBrowser, signInAs } from './support/browser.ts';
import { buildWorld, type World } from './support/world.ts';

let app: App;
let world: World;
let browser: Browser;
let helpListing: string;

beforeAll(async () => {
  app = await startApp();
  world = await buildWorld(app);
  browser = await launchBrowser();
  // Jean books Asha's help at home three times, no set times ("ask the provider"): one is
  // delivered, confirmed and paid out; one delivered and waiting for Jean; one just booked.
  const asha = world.as(world.users.asha.userId);
  const jean = world.as(world.users.jean.userId);
  const listing = await asha('POST', `/v1/providers/${world.provider.providerId}/listings`, {
    title: 'Help with shopping',
    description: 'A hand with the weekly shop, at your pace.',
    category: 'day_and_community',
    pricePence: 1_800,
    priceUnit: 'session',
    where: { mode: 'at_home' },
  });
  helpListing = String(listing.listingId);
  const book = async () => {
    const booked = await jean('POST', '/v1/orders', {
      personId: world.jean.personId,
      listingId: helpListing,
      lineId: world.jean.lineIds[0],
      quantity: 1,
      scheduledFor: new Date().toISOString(),
    });
    return String((booked.orders as Array<{ orderId: string }>)[0]?.orderId);
  };
  const deliver = async (orderId: string) => {
    await asha('POST', `/v1/orders/${orderId}/accept`);
    await asha('POST', `/v1/orders/${orderId}/deliver`, { quantity: 1, notes: 'Shopping done' });
  };
  const paid = await book();
  await deliver(paid);
  await jean('POST', `/v1/orders/${paid}/confirm`);
  await deliver(await book());
  await book();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const signIn = (page: Page, name: string) => signInAs(page, app.url, name);
/** A busy machine (CI, or several test files at once) can take a few seconds to draw a page. */
const slow = { timeout: 15_000 };
const expectTitle = (page: Page, title: RegExp) => expect.poll(() => page.title(), slow).toMatch(title);
const main = (page: Page) => page.locator('main').textContent();
const banner = (page: Page, text: string) =>
  page.locator('.govuk-notification-banner', { hasText: text }).waitFor();
const errorSummary = (page: Page, text: string) =>
  page.locator('.govuk-error-summary', { hasText: text }).waitFor();

describe('a provider’s day', () => {
  it('sees its listings, changes one and pauses it, then takes bookings again', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Asha Patel');
    await expectTitle(page, /^My services/);
    const card = page.locator('section.govuk-summary-card', { hasText: world.provider.name });
    const listings = card.getByRole('list', { name: `Listings of ${world.provider.name}` });
    await expect.poll(() => listings.textContent(), slow).toContain(world.provider.listingTitle);
    await expect.poll(() => listings.textContent(), slow).toContain('Taking bookings');
    await expect.poll(() => listings.textContent(), slow).toContain('When: Tuesday, 10am to 12pm');
    expect(await main(page)).not.toMatch(/prv_|lst_/);
    await checkPage(page, 'Provider: my services');

    await card.getByRole('link', { name: `Change ${world.provider.listingTitle}` }).click();
    await expectTitle(page, new RegExp(`^Change ${world.provider.listingTitle}`));
    await checkPage(page, 'Provider: change a listing');
    await page.getByLabel('Price for one person').fill('19.50');
    await page.getByRole('checkbox', { name: 'Thursday' }).check();
    await page.getByRole('button', { name: 'Save the changes' }).click();
    // Every problem at once: the new day needs both its times.
    await errorSummary(page, 'Thursday: enter a time, like 10:30 or 2pm');
    expect(await page.locator('.govuk-error-summary li').count()).toBe(2);
    await checkPage(page, 'Provider: change a listing with errors');
    await page.getByLabel('From on Thursday').fill('2pm');
    await page.getByLabel('To on Thursday').fill('4pm');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await banner(page, `You changed ${world.provider.listingTitle}.`);
    await expect.poll(() => listings.textContent(), slow).toContain('£19.50');
    await expect.poll(() => listings.textContent(), slow).toContain('Thursday, 2pm to 4pm');

    await card.getByRole('link', { name: `Pause or withdraw ${world.provider.listingTitle}` }).click();
    await expectTitle(page, new RegExp(`^What happens to ${world.provider.listingTitle}`));
    await checkPage(page, 'Provider: pause a listing');
    await page.getByRole('radio', { name: 'Pause it for now' }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await banner(page, `You paused ${world.provider.listingTitle}.`);
    const walk = listings.getByRole('listitem').filter({ hasText: world.provider.listingTitle }).first();
    await expect.poll(() => walk.textContent(), slow).toContain('Paused');
    await checkPage(page, 'Provider: listing paused');
    const search = await app.call('GET', `/v1/providers/${world.provider.providerId}/listings`);
    expect(JSON.stringify(search.body)).not.toContain(world.provider.listingId);

    await card.getByRole('link', { name: `Take bookings again ${world.provider.listingTitle}` }).click();
    await page.getByRole('radio', { name: 'Take bookings' }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await banner(page, `${world.provider.listingTitle} is taking bookings again.`);
    await expect.poll(() => walk.textContent(), slow).toContain('Taking bookings');
    await page.close();
  });

  it('adds a listing with its days, times and languages', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Asha Patel');
    await expectTitle(page, /^My services/);
    await page.getByRole('link', { name: `Add a listing for ${world.provider.name}` }).click();
    await expectTitle(page, /^Add a listing/);
    await page.getByLabel('Title').fill('Riverside coffee morning');
    await page
      .getByLabel('What kind of support is it?')
      .selectOption({ label: 'Day and community activities' });
    await page.getByLabel('Price for one person').fill('6');
    await page.getByRole('radio', { name: 'At a venue' }).check();
    await page.getByLabel('Venue postcode').fill('HG1 1AA');
    await page.getByRole('checkbox', { name: 'Wednesday' }).check();
    await page.getByLabel('From on Wednesday').fill('10am');
    await page.getByLabel('To on Wednesday').fill('11:30');
    await page.getByRole('checkbox', { name: 'Polish' }).check();
    await page.getByLabel('How many people can come at once?').fill('12');
    await checkPage(page, 'Provider: add a listing with days and languages');
    await page.getByRole('button', { name: 'Add the listing' }).click();
    await expectTitle(page, /^Riverside coffee morning/);
    const text = await main(page);
    // However the listing page writes times (10:00 or 10am), they are the ones given.
    expect(text).toMatch(/Wednesday, 10(:00|am) to 11:30(am)?/);
    expect(text).toContain('Polish');
    expect(text).not.toContain('Ask the provider');
    await checkPage(page, 'Provider: new listing with its days');
    await page.close();
  });

  it('sees what it is owed and was paid, and downloads a remittance', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Asha Patel');
    await expectTitle(page, /^My services/);
    await page.getByRole('link', { name: `Money owed and paid to ${world.provider.name}` }).click();
    await expectTitle(page, /^Money and payouts/);
    await expect.poll(() => page.getByTestId('paid').textContent(), slow).toBe('£18.00');
    expect(await page.getByTestId('owed').textContent()).toBe('£0.00');
    // One booking delivered and waiting for Jean, one just booked: both still set aside.
    expect(await page.getByTestId('pending').textContent()).toBe('£36.00');
    const payouts = page.getByRole('list', { name: 'Payouts, newest first' });
    const payout = await payouts.textContent();
    expect(payout).toContain('Help with shopping: 1 session on');
    expect(payout).toContain('Sent to your bank');
    expect(payout).toMatch(/Payout reference [0-9A-Z]{4}-[0-9A-Z]{4}/);
    expect(payout).not.toContain('Jean');
    expect(await main(page)).not.toMatch(/ord_|prv_|payout-/);
    await checkPage(page, 'Provider: money and payouts');

    await expect
      .poll(() => page.getByTestId('remittance-summary').textContent(), slow)
      .toMatch(/^1 payout from .*, £18\.00 in all\.$/);
    const link = page.getByRole('link', { name: 'Download the remittance (CSV)' });
    await link.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^remittance-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8')
      .trim()
      .split('\r\n');
    expect(csv[0]).toBe(
      'Date paid,Payout reference,Paid for,Booking or group reference,Service date,Amount (£),Status',
    );
    expect(csv).toHaveLength(3);
    expect(csv[1]).toContain('Help with shopping: 1 session on');
    expect(csv[1]).toContain('18.00');
    expect(csv[2]).toContain(`Total paid to ${world.provider.name}`);
    expect(csv.join('\n')).not.toMatch(/Jean|per_|usr_/);

    // The payout opens the booking it paid for.
    await payouts.getByRole('link', { name: /^Help with shopping: 1 session on/ }).click();
    await expectTitle(page, /^Help with shopping/);
    await page.close();
  });

  it('changes its profile, and registers a new one a section at a time', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Asha Patel');
    await expectTitle(page, /^My services/);
    await page.getByRole('link', { name: `Change profile of ${world.provider.name}` }).click();
    await expectTitle(page, new RegExp(`^Change the profile of ${world.provider.name}`));
    await checkPage(page, 'Provider: change the profile');
    await page.getByLabel('Phone number (optional)').fill('01423 777888');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await banner(page, `You changed the profile of ${world.provider.name}.`);

    await page.getByRole('link', { name: 'Register as a provider' }).click();
    await expectTitle(page, /^Register as a provider/);
    await checkPage(page, 'Provider: registration task list');
    await page.getByRole('link', { name: 'About your business' }).click();
    await page.getByRole('radio', { name: 'Small local business (micro-enterprise)' }).check();
    // A micro-enterprise is counted by its size, so the question is asked and needed.
    await page.getByLabel('Name people will see').fill('Nidd Valley Gardens');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await errorSummary(page, 'Enter how many people work in your business, including you');
    await checkPage(page, 'Provider: registration, about, with errors');
    await page.getByLabel('How many people work in your business, including you?').fill('2');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect.poll(() => page.getByTestId('tasks-done').textContent(), slow).toContain('completed 1 of 4');
    await page.getByRole('link', { name: 'Where you work and how people contact you' }).click();
    await page.getByLabel('Your postcode').fill('HG3 1AA');
    await page.getByLabel('Email address').fill('gardens@example.org');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByRole('link', { name: 'What support you offer' }).click();
    await page.getByRole('checkbox', { name: 'Household help' }).check();
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByRole('link', { name: 'Your checks and insurance' }).click();
    await page.getByRole('radio', { name: 'Basic' }).check();
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByRole('button', { name: 'Check your answers' }).click();
    await expectTitle(page, /^Check your answers before you register/);
    await expect.poll(() => main(page), slow).toContain('People who work for you2');
    await checkPage(page, 'Provider: registration, check answers');
    await page.getByRole('button', { name: 'Register' }).click();
    await banner(page, 'You are registered.');
    await expect
      .poll(
        () => page.locator('section.govuk-summary-card', { hasText: 'Nidd Valley Gardens' }).count(),
        slow,
      )
      .toBe(1);
    await page.close();
  });
});
