/**
 * The rest of the web app, role by role: writing a plan, letting someone act for you, paying an
 * invoice, disputing a delivery, and the council's pages. Every page visited is checked the same
 * way as in the main journeys (axe, 320 px, screenshots).
 */
import { firstAvailableStart } from '@carepool/domain';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkingGroup } from '../support/fixtures.ts';
import { type App, startApp } from './support/app.ts';
import { type Browser, checkPage, expectTitle, focused, launchBrowser, signInAs } from './support/browser.ts';
import { buildWorld, type World } from './support/world.ts';

let app: App;
let world: World;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  world = await buildWorld(app, { extraListings: 11 });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const signIn = (page: Page, name: string) => signInAs(page, app.url, name);
const banner = (page: Page, text: string) =>
  page.locator('.govuk-notification-banner', { hasText: text }).waitFor();
const errorSummary = (page: Page, text: string) =>
  page.locator('.govuk-error-summary', { hasText: text }).waitFor();

describe('anyone can look', () => {
  it('pages through search results with the cursor, and skips to the content with the keyboard', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/find-support/results?category=day_and_community&near=HG1&miles=5`);
    const results = page.getByRole('list', { name: 'Search results' });
    await expect.poll(() => results.locator('li.app-result').count()).toBe(10);
    await page.getByRole('link', { name: 'Next page' }).click();
    await expectTitle(page, /\(page 2\)/);
    await expect.poll(() => results.locator('li.app-result').count()).toBe(3);
    expect(await page.getByRole('link', { name: 'Next page' }).count()).toBe(0);
    await checkPage(page, 'Search results page 2');
    await page.getByRole('link', { name: 'First page' }).click();
    await expect.poll(() => results.locator('li.app-result').count()).toBe(10);

    await page.goto(`${app.url}/providers/${world.provider.providerId}`);
    await page.getByRole('heading', { name: 'Checks and evidence' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('Enhanced DBS check');
    await checkPage(page, 'Provider page');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('a: Skip to main content');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatch(/^main#main-content/);
    await page.close();
  });
});

describe('a budget holder', () => {
  it('writes a new version of the plan, sees the arithmetic as they type, and sends it for approval', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Jean Barker');
    await page.getByRole('link', { name: 'Support plan' }).click();
    await expectTitle(page, /^Your support plan/);
    await checkPage(page, 'Your support plan');
    await page.getByRole('button', { name: 'Change the plan' }).click();
    await expectTitle(page, /^Change version 2 of the plan/);
    const parts = page.locator('fieldset.app-plan-line');
    const total = page.getByTestId('plan-total');
    await expect.poll(() => total.textContent()).toContain('The plan adds up to £3,900 a year');
    await checkPage(page, 'Plan editor');

    await parts.nth(0).getByLabel('The most it may cost').fill('60');
    await expect
      .poll(() => parts.nth(0).getByTestId('line-working').textContent())
      .toBe('£60 a week × 52 = £3,120 a year');
    await expect
      .poll(() => total.textContent())
      .toBe('The plan adds up to £4,420 a year. The budget is £12,480, so £8,060 is not yet planned.');

    await page.getByRole('button', { name: 'Add another part' }).click();
    const third = parts.nth(2);
    await third.getByLabel('What is it for?').selectOption({ label: 'Transport' });
    await third.getByLabel('The most it may cost').fill('2000');
    await third.getByRole('radio', { name: 'month' }).check();
    await expect
      .poll(() => total.textContent())
      .toBe(
        'The plan adds up to £28,420 a year. That is £15,940 more than the budget of £12,480: lower some amounts.',
      );
    await checkPage(page, 'Plan editor over budget');
    // The council's own check refuses it too, and says by how much.
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await errorSummary(page, 'Lower the caps by £15,940 a year in all');
    await checkPage(page, 'Plan editor refused');

    await third.getByLabel('The most it may cost').fill('40');
    await third.getByLabel('Notes (optional)').fill('Taxis to the lunch club');
    await expect.poll(() => total.textContent()).toContain('The plan adds up to £4,900 a year');
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await banner(page, 'The draft has been saved.');
    await expectTitle(page, /^Support plan version 2/);
    await checkPage(page, 'Plan draft saved');
    await page.getByRole('button', { name: 'Send for approval' }).click();
    await banner(page, 'The plan has been sent to the council for approval.');
    await expect
      .poll(() => page.locator('.govuk-summary-list').first().textContent())
      .toContain('Waiting for approval');
    await checkPage(page, 'Plan sent for approval');
    await page.close();
  });

  it('lets someone act for them by name and email (no id to type), and takes it away again', async () => {
    // Sam already has an account (he signed up as a provider): Jean never needs to know that, or his id.
    const signedUp = await app.call('POST', '/v1/dev/sign-up', {
      body: { name: 'Sam Barker', email: 'sam.barker@example.com', role: 'provider' },
    });
    expect(signedUp.status).toBe(201);
    const page = await browser.newPage();
    await signIn(page, 'Jean Barker');
    await page.getByRole('link', { name: 'Who can act for you' }).click();
    await expectTitle(page, /^Who can act for you/);
    await checkPage(page, 'Who can act for you');
    await page.getByRole('button', { name: 'Let someone act for you' }).click();
    await expectTitle(page, /^Let someone act for you/);
    expect(await page.locator('main').textContent()).not.toMatch(/user id|usr_/i);
    await page.getByRole('button', { name: 'Let them act for me' }).click();
    await errorSummary(page, 'Choose at least one thing they can do');
    expect(await page.locator('.govuk-error-summary li').allTextContents()).toEqual([
      'Enter their name',
      'Enter their email address',
      'Choose at least one thing they can do',
    ]);
    await checkPage(page, 'Let someone act for you with errors');
    await page.getByLabel('Their name').fill('Sam Barker');
    await page.getByLabel('Their email address').fill('Sam.Barker@Example.com');
    await page.getByLabel('Who are they to you? (optional)').fill('Son');
    await page.getByRole('checkbox', { name: 'Book support' }).check();
    await page.getByRole('checkbox', { name: 'See the money in the account' }).check();
    await page.getByRole('button', { name: 'Let them act for me' }).click();
    await banner(
      page,
      'Sam Barker can act for you once they sign in to Carepool with sam.barker@example.com.',
    );
    const waiting = page.locator('section', {
      has: page.getByRole('heading', { name: 'Waiting for them to sign in' }),
    });
    await expect.poll(() => waiting.textContent()).toContain('Sam Barker');
    expect(await waiting.textContent()).toContain('Book support');
    await checkPage(page, 'Access waiting for them to sign in');

    // Signing in with that address is what gives Sam access.
    const sam = await browser.newPage();
    await signIn(sam, 'Sam Barker');
    await sam.goto(`${app.url}/acting-for`);
    await expectTitle(sam, /^People you help/);
    await expect.poll(() => sam.locator('main').textContent()).toContain('Jean Barker');
    await checkPage(sam, 'People you help, after signing in');
    await sam.close();

    await page.reload();
    const card = page.locator('.govuk-summary-card', { hasText: 'Take away access for Sam Barker' });
    // A whole page load: wait for the card as for a new page, then read it.
    await card.waitFor();
    expect(await card.textContent()).toContain('See the money in the account');
    expect(await waiting.count()).toBe(0);
    await checkPage(page, 'Someone can act for you');
    await card.getByRole('link', { name: 'Take away access for Sam Barker' }).click();
    await expectTitle(page, /^Take away Sam Barker’s access/);
    await checkPage(page, 'Take away access');
    await page.getByRole('button', { name: 'Take away access' }).click();
    await banner(page, 'Their access has been taken away.');
    await expect.poll(() => page.locator('main').textContent()).toContain('People who used to act for you');
    await page.close();
  });

  it('asks someone acting for several people whom a booking is for, offering only those who allowed it', async () => {
    const signedUp = await app.call('POST', '/v1/dev/sign-up', {
      body: { name: 'Bea Booker', email: 'bea.booker@example.com', role: 'provider' },
    });
    expect(signedUp.status).toBe(201);
    const grant = (scopes: string[]) => ({ name: 'Bea Booker', email: 'bea.booker@example.com', scopes });
    await world.as(world.users.jean.userId)(
      'POST',
      `/v1/people/${world.jean.personId}/delegations`,
      grant(['order:create']),
    );
    await world.as(world.users.daniel.userId)(
      'POST',
      `/v1/people/${world.daniel.personId}/delegations`,
      grant(['order:create', 'plan:read']),
    );
    // Frank lets her see his plan, not book: he is not offered.
    await world.as('usr_e2e_frank')(
      'POST',
      `/v1/people/${world.frank.personId}/delegations`,
      grant(['plan:read']),
    );

    const page = await browser.newPage();
    await signIn(page, 'Bea Booker');
    await page.goto(`${app.url}/book/${world.provider.listingId}`);
    await expectTitle(page, /^Who is this booking for\?/);
    const choices = page.getByRole('group', { name: 'Who is this booking for?' }).getByRole('radio');
    await choices.first().waitFor();
    const offered = await choices.evaluateAll((radios) =>
      radios.map((radio) => (radio as HTMLInputElement).labels?.[0]?.textContent ?? ''),
    );
    expect(offered.sort()).toEqual(['Daniel Okafor', 'Jean Barker']);
    await page.getByRole('button', { name: 'Continue' }).click();
    await errorSummary(page, 'Choose who this booking is for');
    await checkPage(page, 'Who is this booking for, with an error');
    await page.getByRole('radio', { name: 'Daniel Okafor' }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectTitle(page, /for Daniel Okafor/);
    expect(page.url()).toContain(`person=${encodeURIComponent(world.daniel.personId)}`);
    await page.close();
  });

  it('pays an invoice from a provider page', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Jean Barker');
    await page.goto(`${app.url}/providers/${world.provider.providerId}`);
    await page.getByRole('link', { name: `Pay an invoice from ${world.provider.name}` }).click();
    await expectTitle(page, /^Pay an invoice/);
    await expect
      .poll(() => page.locator('.govuk-summary-list').first().textContent())
      .toBe(`Who it is from${world.provider.name}`);
    await page.getByRole('radio', { name: 'Day and community activities' }).waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
    await errorSummary(page, 'Choose which part of the plan pays this invoice');
    await checkPage(page, 'Pay an invoice with errors');
    await page.getByRole('radio', { name: 'Day and community activities' }).check();
    await page.getByLabel('Amount').fill('12.50');
    await page.getByLabel('Invoice number or reference').fill('INV-0042');
    await page.getByLabel('What is it for?').fill('An extra walk in the rain');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectTitle(page, /^Check the invoice/);
    await expect.poll(() => page.locator('.govuk-summary-list').textContent()).toContain(world.provider.name);
    await checkPage(page, 'Check an invoice');
    await page.getByRole('button', { name: 'Pay the invoice' }).click();
    await page.locator('.govuk-panel', { hasText: 'Invoice paid' }).waitFor();
    expect(await page.locator('.govuk-panel').textContent()).toContain('£12.50');
    await checkPage(page, 'Invoice paid');
    await page.close();
  });

  it('disputes a delivery, and a care manager decides what is paid', async () => {
    const jean = world.as(world.users.jean.userId);
    const asha = world.as(world.users.asha.userId);
    const booked = await jean('POST', '/v1/orders', {
      personId: world.jean.personId,
      listingId: world.provider.listingId,
      lineId: world.jean.lineIds[0],
      quantity: 1,
      // The walking group meets on Tuesday mornings: book the next one at least two days away.
      scheduledFor: firstAvailableStart(
        walkingGroup.availability,
        new Date(Date.now() + 2 * 86_400_000),
      ).toISOString(),
    });
    const orderId = String((booked.orders as Array<{ orderId: string }>)[0]?.orderId);
    await asha('POST', `/v1/orders/${orderId}/accept`);
    // Delivery is recorded on or after the booked day: move the app's clock to it.
    app.advanceTo(String((await asha('GET', `/v1/orders/${orderId}`)).scheduledFor));
    await asha('POST', `/v1/orders/${orderId}/deliver`, { quantity: 1, notes: 'Walk done' });

    const page = await browser.newPage();
    await signIn(page, 'Jean Barker');
    await page.goto(`${app.url}/orders/${orderId}`);
    await page.getByRole('button', { name: 'Something was wrong' }).click();
    await expectTitle(page, /^What was wrong\?/);
    await page.getByRole('button', { name: 'Dispute the delivery' }).click();
    await errorSummary(page, 'Say what was wrong');
    await checkPage(page, 'Dispute with an error');
    await page.getByLabel('What was wrong?').fill('The walk was cut short after twenty minutes.');
    await page.getByRole('button', { name: 'Dispute the delivery' }).click();
    await banner(page, 'You disputed the delivery.');
    await checkPage(page, 'Order disputed');
    await page.close();

    const council = await browser.newPage();
    await signIn(council, 'Priya Shah');
    await council.getByLabel('Their name').fill('Jean');
    await council.getByRole('button', { name: 'Find', exact: true }).click();
    await council
      .getByRole('list', { name: 'People found' })
      .getByRole('link', { name: 'Jean Barker' })
      .click();
    await council
      .getByTestId('needs-decision')
      .getByRole('link', { name: /^Dispute to decide/ })
      .click();
    await council.getByRole('button', { name: 'Decide this dispute' }).click();
    await expectTitle(council, /^Decide the dispute/);
    await council.getByText('The walk was cut short after twenty minutes.').waitFor();
    await checkPage(council, 'Decide a dispute');
    await council.getByRole('radio', { name: 'Pay part of it' }).check();
    await council.getByLabel('How much?').fill('9');
    await council.getByLabel('Reason').fill('Half the walk was delivered.');
    await council.getByRole('button', { name: 'Decide' }).click();
    await banner(council, 'You decided the dispute.');
    await expect.poll(() => council.locator('.govuk-summary-list').textContent()).toContain('Paid£9');
    await checkPage(council, 'Dispute decided');
    await council.close();
  });
});

describe('a care manager', () => {
  it('registers a budget holder and sets their budget', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Priya Shah');
    await page.getByRole('link', { name: 'Register a new budget holder' }).click();
    await expectTitle(page, /^Register a budget holder/);
    await page.getByRole('button', { name: 'Register' }).click();
    await errorSummary(page, 'Enter their full name');
    await checkPage(page, 'Register a budget holder with errors');
    await page.getByLabel('Full name').fill('Margaret Lund');
    await page.locator('#dob').fill('3');
    await page.locator('#dob-month').fill('7');
    await page.locator('#dob-year').fill('1951');
    await page.getByLabel('Postcode').fill('hg2 7ab');
    await page.getByRole('button', { name: 'Register' }).click();
    await page.locator('.govuk-panel', { hasText: 'Budget holder registered' }).waitFor();
    await checkPage(page, 'Budget holder registered');

    await page.getByRole('link', { name: 'Set their budget' }).click();
    await expectTitle(page, /^Set Margaret Lund’s budget/);
    await checkPage(page, 'Set the budget');
    await page.getByLabel('Council social care: amount a year').fill('15,600');
    await page.getByRole('checkbox', { name: 'NHS personal health budget' }).check();
    await page.getByLabel('NHS personal health budget: amount a year').fill('1200');
    await expect.poll(() => page.getByText(/^Yearly budget:/).textContent()).toBe('Yearly budget: £16,800');
    await page.getByRole('button', { name: 'Save the budget' }).click();
    await expectTitle(page, /^Margaret Lund’s budget/);
    await expect.poll(() => page.locator('main').textContent()).toContain('Yearly budget: £16,800');
    await checkPage(page, 'New budget holder');
    await page.close();
  });

  it('checks a provider the council has not checked yet', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Priya Shah');
    await page.getByLabel('The provider’s name').fill('Kindlewood');
    await page.getByRole('button', { name: 'Find the provider' }).click();
    await page.getByRole('radio', { name: world.pendingProvider.name }).check();
    await page.getByRole('link', { name: `Open ${world.pendingProvider.name}` }).click();
    await expectTitle(page, new RegExp(`^${world.pendingProvider.name}`));
    await expect.poll(() => page.locator('main').textContent()).toContain('Not checked yet');
    await checkPage(page, 'Provider not checked yet');
    await page.getByRole('button', { name: 'Check or suspend this provider' }).click();
    await page.getByRole('button', { name: 'Save the decision' }).click();
    await errorSummary(page, 'Choose checked or suspended');
    await checkPage(page, 'Check a provider with errors');
    await page.getByRole('radio', { name: /^Checked/ }).check();
    await page.getByLabel('Reason').fill('DBS and insurance seen at the visit');
    await page.getByRole('button', { name: 'Save the decision' }).click();
    await expectTitle(page, new RegExp(`^${world.pendingProvider.name}`));
    await expect.poll(() => page.locator('main').textContent()).toContain('Checked by the council');
    await checkPage(page, 'Provider checked');
    await page.close();
  });
});

describe('a provider', () => {
  it('registers, and adds a listing with group prices', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Asha Patel');
    await page.getByRole('link', { name: 'Register as a provider' }).click();
    await expectTitle(page, /^Register as a provider/);
    await checkPage(page, 'Register as a provider');
    // A task list: each section a short page, then check the answers and register.
    await page.getByRole('link', { name: 'About your business' }).click();
    await expectTitle(page, /^About your business/);
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await errorSummary(page, 'Choose what kind of provider you are');
    expect(await page.locator('.govuk-error-summary li').allTextContents()).toEqual(
      expect.arrayContaining(['Enter the name people will see']),
    );
    await checkPage(page, 'Register as a provider with errors');
    await page.getByRole('radio', { name: 'Self-employed personal assistant' }).check();
    await page.getByLabel('Name people will see').fill('Ola Brown, Personal Assistant');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByRole('link', { name: 'Where you work and how people contact you' }).click();
    await page.getByLabel('Your postcode').fill('HG1 2AB');
    await page.getByLabel('Email address').fill('ola@example.org');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByRole('link', { name: 'What support you offer' }).click();
    await page.getByRole('checkbox', { name: 'Personal assistant support' }).check();
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByRole('link', { name: 'Your checks and insurance' }).click();
    await page.getByRole('radio', { name: 'Enhanced' }).check();
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByRole('button', { name: 'Check your answers' }).click();
    await expectTitle(page, /^Check your answers/);
    await page.getByRole('button', { name: 'Register' }).click();
    await banner(page, 'You are registered.');
    await checkPage(page, 'Provider registered');

    await page
      .getByRole('link', { name: /^Add a listing/ })
      .first()
      .click();
    await expectTitle(page, /^Add a listing/);
    await page.getByLabel('Title').fill('Company for days out');
    await page
      .getByLabel('What kind of support is it?')
      .selectOption({ label: 'Personal assistant support' });
    await page.getByLabel('Price for one person').fill('14');
    await page.getByLabel('For', { exact: true }).selectOption({ label: 'an hour' });
    await page.getByRole('radio', { name: 'At a venue' }).check();
    await page.getByLabel('Venue postcode').fill('HG1 1AA');
    await page.getByLabel('How many people can come at once?').fill('6');
    await page.getByRole('button', { name: 'Add a group price' }).click();
    await page.locator('#tier-0-people').fill('3');
    await page.locator('#tier-0-price').fill('12');
    await page.getByRole('button', { name: 'Add a group price' }).click();
    await page.locator('#tier-1-people').fill('6');
    await page.locator('#tier-1-price').fill('13');
    await checkPage(page, 'Add a listing');
    // A bigger group must cost less each: the API says so, and the summary links to the price.
    await page.getByRole('button', { name: 'Add the listing' }).click();
    await errorSummary(page, 'Each larger group tier must cost less per person than the one before');
    await page
      .getByRole('link', { name: 'Each larger group tier must cost less per person than the one before' })
      .click();
    expect(await focused(page)).toBe('input#tier-1-price: ');
    await checkPage(page, 'Add a listing with an error');
    await page.locator('#tier-1-price').fill('10');
    await page.getByRole('button', { name: 'Add the listing' }).click();
    await expectTitle(page, /^Company for days out/);
    await expect.poll(() => page.locator('main').textContent()).toContain('3 or more people: £12 each');
    await checkPage(page, 'New listing');
    await page.close();
  });
});
