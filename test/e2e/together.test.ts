/**
 * Buying together, asking for what is not listed, and money through the payment rail, in a real
 * browser: six holders join a group purchase and it settles at the lower price; a request is
 * quoted for and accepted, then reviewed; a care manager reads the unmet-demand report; a daughter
 * tops up her dad's account through the simulated checkout; a provider sets up payouts. Every page
 * is checked the same way as in the other journeys (axe, 320 px, screenshots).
 */
import type { SupportRequestRecord } from '@carepool/domain';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, startApp } from './support/app.ts';
import {
  type Browser,
  checkPage,
  expectTitle,
  launchBrowser,
  pagesChecked,
  signInAs,
} from './support/browser.ts';
import { addHolders, buildWorld, council, type Holder, type World } from './support/world.ts';

/** A date this many days after the browser's today, as YYYY-MM-DD. */
const daysAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

let app: App;
let world: World;
let browser: Browser;
let crowd: Holder[];

beforeAll(async () => {
  app = await startApp();
  world = await buildWorld(app);
  crowd = await addHolders(app, world, [
    'Ken Dawson',
    'Ruth Akroyd',
    'Alan Pike',
    'Mary Sutcliffe',
    'Joan Hebden',
    'Sam Hird',
  ]);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  console.log(`Pages checked with axe, at 320 px and screenshotted: ${pagesChecked()}`);
});

const signIn = (page: Page, name: string) => signInAs(page, app.url, name);
const banner = (page: Page, text: string) =>
  page.locator('.govuk-notification-banner', { hasText: text }).waitFor();
const errorSummary = (page: Page, text: string) =>
  page.locator('.govuk-error-summary', { hasText: text }).waitFor();
const summary = (page: Page) => page.locator('main .govuk-summary-list').first();
const holder = (name: string) => {
  const found = crowd.find((h) => h.name === name);
  if (!found) throw new Error(`No holder ${name}`);
  return found;
};

describe('six holders buy a walk together', () => {
  let groupUrl = '';

  it('one holder starts a group from a listing and joins it; another finds it near them and joins', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Jean Barker');
    await page.goto(`${app.url}/listings/${world.provider.listingId}`);
    await page.getByRole('button', { name: 'Start a group' }).click();
    await expectTitle(page, /^Start a group/);
    expect(await page.locator('main').textContent()).toContain('6 or more people: £11 each');
    await page.getByLabel('The most people who can join').fill('8');
    await checkPage(page, 'Start a group');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectTitle(page, /^Check the group before you start it/);
    expect(await summary(page).textContent()).toContain('At least 3, at most 8');
    await checkPage(page, 'Check the group before you start it');
    await page.getByRole('button', { name: 'Start the group' }).click();
    await banner(page, 'You started the group.');
    groupUrl = page.url().split('?')[0] ?? '';
    const facts = summary(page);
    await expect.poll(() => facts.textContent()).toContain('Places left8 of 8');
    expect(await facts.textContent()).toContain('£15 (the price for 3 people, the fewest it needs)');
    await checkPage(page, 'Group started');

    // Jean joins her own group: a plan line, then what is set aside and that the price can only fall.
    await page.getByRole('button', { name: 'Join this group' }).click();
    await expectTitle(page, /^Join Gentle group walk/);
    const line = page.getByRole('radio', { name: 'Day and community activities' });
    await line.waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
    await errorSummary(page, 'Choose which part of the plan pays for this');
    await checkPage(page, 'Join a group: choose a plan line');
    await line.check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectTitle(page, /^Check before you join/);
    expect(await page.getByTestId('set-aside').textContent()).toBe('£15: the most you could pay');
    expect(await page.getByTestId('price-can-only-fall').textContent()).toContain(
      'which can only be the same or lower',
    );
    expect(await page.getByTestId('spend-preview').textContent()).toContain('Yes.');
    await checkPage(page, 'Check before you join');
    await page.getByRole('button', { name: 'Join and set aside £15' }).click();
    await banner(page, 'You joined the group.');
    await expect.poll(() => page.locator('main').textContent()).toContain('You are in this group');
    await checkPage(page, 'Joined a group');
    await page.close();

    const ken = await browser.newPage();
    await signIn(ken, 'Ken Dawson');
    await ken.getByRole('link', { name: 'Group purchases', exact: true }).first().click();
    await expectTitle(ken, /^Group purchases/);
    // Ken's own postcode is filled in for him.
    await expect.poll(() => ken.getByLabel('Your postcode', { exact: true }).inputValue()).toBe('HG1 1AB');
    await ken.getByRole('button', { name: 'Search' }).click();
    const results = ken.getByRole('list', { name: 'Groups open to join' });
    await expect.poll(() => results.textContent()).toContain('Gentle group walk');
    expect(await results.textContent()).toContain('1 joined, 7 places left');
    await checkPage(ken, 'Group purchases near you');
    await results.getByRole('link', { name: 'Gentle group walk' }).click();
    await ken.getByRole('button', { name: 'Join this group' }).click();
    await ken.getByRole('radio', { name: 'Day and community activities' }).check();
    await ken.getByRole('button', { name: 'Continue' }).click();
    await ken.getByRole('button', { name: 'Join and set aside £15' }).click();
    await banner(ken, 'You joined the group.');
    await ken.close();
  });

  it('four more join through the API, one more joins and then leaves, and the price falls to £11', async () => {
    const groupId = groupUrl.split('/').pop() ?? '';
    for (const name of ['Ruth Akroyd', 'Alan Pike', 'Mary Sutcliffe', 'Joan Hebden', 'Sam Hird']) {
      const { userId, personId, lineId } = holder(name);
      await world.as(userId)('POST', `/v1/group-purchases/${groupId}/join`, { personId, lineId });
    }
    const sam = await browser.newPage();
    await signIn(sam, 'Sam Hird');
    await sam.getByRole('main').getByRole('link', { name: 'Group purchases', exact: true }).click();
    await expectTitle(sam, /^Your group purchases/);
    await expect.poll(() => sam.locator('main').textContent()).toContain('Joined: £15 set aside');
    await checkPage(sam, 'Your group purchases (joined)');
    await sam.getByRole('link', { name: 'Gentle group walk' }).click();
    await sam.getByRole('link', { name: 'Leave this group' }).click();
    await expectTitle(sam, /^Leave the group\?/);
    await checkPage(sam, 'Leave a group');
    await sam.getByRole('button', { name: 'Leave the group' }).click();
    await banner(sam, 'You left the group.');
    await expect.poll(() => summary(sam).textContent()).toContain('6 people have joined');
    await sam.close();
  });

  it('the organiser closes it early: it settles at £11 each and each member pays their share', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Jean Barker');
    await page.goto(groupUrl);
    const facts = summary(page);
    await expect.poll(() => facts.textContent()).toContain('Price each now£11');
    expect(await facts.textContent()).toContain('6 people have joined. That is enough for it to go ahead.');
    expect(await facts.textContent()).toContain('Places left2 of 8');
    // Counts, never people.
    for (const h of crowd) expect(await page.locator('main').textContent()).not.toContain(h.name);
    await checkPage(page, 'Group with six members (organiser)');
    await page.getByRole('button', { name: 'Close the group now' }).click();
    await expectTitle(page, /^Close the group now\?/);
    expect(await summary(page).textContent()).toContain('Each pays£11');
    await checkPage(page, 'Close a group');
    await page.getByRole('button', { name: 'Close the group' }).click();
    await banner(page, 'You closed the group.');
    await expect.poll(() => summary(page).textContent()).toContain('£11 each for a group of 6 (£66 in all)');
    expect(await page.getByTestId('your-share').textContent()).toBe(
      'Your share: £11. We had set aside £15; the other £4 went back into your budget.',
    );
    await checkPage(page, 'Group settled');

    // The member's statement shows their share, and My budget what is spent.
    await page.goto(`${app.url}/people/${world.jean.personId}/statement`);
    const rows = page.getByTestId('statement').locator('tbody tr');
    await expect
      .poll(async () =>
        (await rows.allTextContents()).some((r) => r.includes('Gentle group walk') && r.includes('−£11.00')),
      )
      .toBe(true);
    await checkPage(page, 'Statement with a group share');
    await page.getByRole('link', { name: 'Back to the budget' }).click();
    await expect.poll(() => page.locator('.app-bar-chart').textContent()).toContain('£11 spent');
    await page.getByRole('main').getByRole('link', { name: 'Group purchases', exact: true }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('Paid your share: £11');
    await checkPage(page, 'Your group purchases (settled)');
    await page.close();
  });

  it('the provider records the delivery, and the organiser confirms it so the provider is paid', async () => {
    const asha = await browser.newPage();
    await signIn(asha, 'Asha Patel');
    await asha.getByRole('link', { name: `Orders and payouts for ${world.provider.name}` }).click();
    await expectTitle(asha, new RegExp(`^Orders for ${world.provider.name}`));
    // The provider's own groups are listed: no reference to type.
    await asha.locator(`main a[href="/groups/${groupUrl.split('/').pop() ?? ''}"]`).click();
    // Delivery is recorded on or after the session's day: move the app's clock to it.
    const group = (await world.as(world.users.asha.userId)(
      'GET',
      `/v1/group-purchases/${groupUrl.split('/').pop() ?? ''}`,
    )) as { schedule: { kind: string; at?: string; firstAt?: string } };
    app.advanceTo(group.schedule.at ?? group.schedule.firstAt ?? '');
    await asha.getByRole('button', { name: 'Record that it was delivered' }).click();
    await expectTitle(asha, /^Record that the group was delivered/);
    await checkPage(asha, 'Record a group delivery');
    await asha.getByLabel('Notes for the group (optional)').fill('Six walkers, sunshine all the way.');
    await asha.getByRole('button', { name: 'Record delivery' }).click();
    await banner(asha, 'You recorded that the group was delivered.');
    await asha.close();

    const jean = await browser.newPage();
    await signIn(jean, 'Jean Barker');
    await jean.goto(groupUrl);
    await jean.getByText('Six walkers, sunshine all the way.').waitFor();
    await checkPage(jean, 'Group delivered');
    await jean.getByRole('button', { name: 'Confirm it was delivered' }).click();
    await banner(jean, 'You confirmed the delivery.');
    await expect.poll(() => summary(jean).textContent()).toContain('Paid to the provider£66 to');
    expect(await summary(jean).textContent()).toContain('Simulated payment: no real money moved');
    await checkPage(jean, 'Group paid');
    await jean.close();
  });
});

describe('asking for support nobody lists', () => {
  let requestUrl = '';

  it('a holder asks; a neighbour would like it too; a provider nearby quotes', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Jean Barker');
    await page.getByRole('link', { name: 'Ask for support that is not listed' }).click();
    await expectTitle(page, /^Ask for support/);
    await page.getByRole('button', { name: 'Continue' }).click();
    await errorSummary(page, 'Say what support you need');
    expect(await page.locator('.govuk-error-summary li').allTextContents()).toEqual([
      'Say what support you need',
      'Choose what kind of support it is',
      'Say when you need it, like “Thursday afternoons”',
      'Enter the most each person could pay',
    ]);
    await checkPage(page, 'Ask for support with errors');
    await page.getByLabel('What support is needed?').fill('A singing group for people with memory loss');
    await page
      .getByLabel('What kind of support is it?')
      .selectOption({ label: 'Day and community activities' });
    await page.getByLabel('When is it needed?').fill('Thursday afternoons');
    await page.getByLabel('The most each person could pay').fill('25');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectTitle(page, /^Check your request/);
    expect(await summary(page).textContent()).toContain('Within 5 miles of HG1 2AB');
    await checkPage(page, 'Check a request for support');
    await page.getByRole('button', { name: 'Send the request' }).click();
    await banner(page, 'Your request has been sent.');
    requestUrl = page.url().split('?')[0] ?? '';
    await checkPage(page, 'Request sent');
    await page.close();

    const ken = await browser.newPage();
    await signIn(ken, 'Ken Dawson');
    await ken.goto(`${app.url}/requests?near=HG1`);
    const open = ken.getByRole('list', { name: 'Open requests' });
    await expect.poll(() => open.textContent()).toContain('A singing group for people with memory loss');
    await checkPage(ken, 'Requests for support near you (holder)');
    await open.getByRole('link', { name: 'Day and community activities near HG1' }).click();
    await ken.getByRole('button', { name: 'I’d like this too' }).click();
    await banner(ken, 'We have added one more person to the count.');
    await expect.poll(() => summary(ken).textContent()).toContain('1 more person would like it too');
    await checkPage(ken, 'Request with interest');
    await ken.close();

    const asha = await browser.newPage();
    await signIn(asha, 'Asha Patel');
    await asha.getByRole('link', { name: 'Requests for support' }).first().click();
    await asha.getByLabel('Postcode').fill('HG1');
    await asha.getByRole('button', { name: 'Search' }).click();
    await asha.getByRole('link', { name: 'Day and community activities near HG1' }).click();
    await asha.getByRole('button', { name: 'Send a quote' }).click();
    await expectTitle(asha, /^Send a quote/);
    // Asha runs two provider profiles: she picks one by name.
    await asha.getByRole('radio', { name: world.provider.name }).check();
    await asha.getByRole('button', { name: 'Send the quote' }).click();
    await errorSummary(asha, 'Enter the price for one person');
    await checkPage(asha, 'Send a quote with errors');
    await asha.getByLabel('Price for one person').fill('22');
    await asha.getByRole('button', { name: 'Add a group price' }).click();
    await asha.locator('#tier-0-people').fill('4');
    await asha.locator('#tier-0-price').fill('16');
    await asha.getByLabel('When could you do it?').fill('Thursdays, 2pm to 3:30pm');
    await asha.getByLabel('Anything else they should know? (optional)').fill('Carers come free.');
    await asha.getByRole('button', { name: 'Send the quote' }).click();
    await banner(asha, 'Your quote has been sent.');
    await checkPage(asha, 'Quote sent');
    await asha.close();
  });

  it('the holder accepts the quote as a booking for herself, and reviews it once it is delivered', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Jean Barker');
    await page.goto(requestUrl);
    const card = page.locator('.govuk-summary-card', { hasText: world.provider.name });
    await expect.poll(() => card.textContent()).toContain('4 or more people: £16 each, a session');
    await checkPage(page, 'Request with a quote');
    await card.getByRole('link', { name: /^Accept this quote/ }).click();
    await expectTitle(page, /^How do you want to accept this quote\?/);
    await checkPage(page, 'Accept a quote: how');
    await page.getByRole('radio', { name: 'Book it for one person' }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('radio', { name: 'Day and community activities' }).check();
    await checkPage(page, 'Accept a quote as a booking');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectTitle(page, /^Check the booking before you accept the quote/);
    expect(await summary(page).textContent()).toContain('£22 (1 session at £22)');
    await checkPage(page, 'Check a booking from a quote');
    await page.getByRole('button', { name: 'Accept and book' }).click();
    await page.locator('.govuk-panel', { hasText: 'Booking requested' }).waitFor();
    const orderId = page.url().split('/orders/')[1]?.split('?')[0] ?? '';

    const asha = world.as(world.users.asha.userId);
    await asha('POST', `/v1/orders/${orderId}/accept`);
    app.advanceTo(String((await asha('GET', `/v1/orders/${orderId}`)).scheduledFor));
    await asha('POST', `/v1/orders/${orderId}/deliver`, { quantity: 1, notes: 'We sang for an hour.' });
    await world.as(world.users.jean.userId)('POST', `/v1/orders/${orderId}/confirm`);

    await page.goto(`${app.url}/orders/${orderId}`);
    await page.getByRole('button', { name: 'Leave a review' }).click();
    await expectTitle(page, /^Leave a review/);
    await page.getByRole('button', { name: 'Send the review' }).click();
    await errorSummary(page, 'Choose a rating from 1 to 5 stars');
    await checkPage(page, 'Leave a review with an error');
    await page.getByRole('radio', { name: '5 stars: excellent' }).check();
    await page.getByLabel('What would you like to say? (optional)').fill('Warm, patient and great fun.');
    await page.getByRole('button', { name: 'Send the review' }).click();
    await banner(page, 'Thank you for your review.');
    await expect
      .poll(() => page.locator('main').textContent())
      .toContain('You have reviewed this booking. Thank you.');
    expect(await page.getByRole('button', { name: 'Leave a review' }).count()).toBe(0);
    await checkPage(page, 'Review sent');

    await page.getByRole('link', { name: world.provider.name }).first().click();
    await expect
      .poll(() => page.getByTestId('average-rating').textContent())
      .toContain('Rated 5 out of 5 on average, from 1 review.');
    expect(await page.getByRole('list', { name: 'Reviews' }).textContent()).toContain(
      '“Warm, patient and great fun.”',
    );
    await checkPage(page, 'Provider page with reviews');
    await page.close();
  });

  it('a care manager sees what went unmet, by area and kind of support, as a chart and a table', async () => {
    // A request whose window for quotes has closed: the API will not take one with a date in the past.
    const now = Date.now();
    const expired: SupportRequestRecord = {
      requestId: 'req_e2e_unmet',
      personId: world.frank.personId,
      councilId: council,
      createdBy: 'usr_e2e_frank',
      description: 'A minibus to the market on Saturdays',
      category: 'transport',
      postcode: 'HG1 4DJ',
      radiusKm: 8,
      participants: 3,
      when: 'Saturday mornings',
      budgetCeilingPerPersonPence: 1_000,
      respondBy: new Date(now - 86_400_000).toISOString(),
      outcode: 'HG1',
      latitude: 54.0,
      longitude: -1.54,
      interestedCount: 2,
      quoteCount: 0,
      status: 'open',
      createdAt: new Date(now - 3 * 86_400_000).toISOString(),
      version: 1,
    };
    await app.runtime.deps.requests.requests.create(expired);

    const page = await browser.newPage();
    await signIn(page, 'Priya Shah');
    await page.getByRole('link', { name: 'Support people asked for that nobody met' }).click();
    await expectTitle(page, /^Support people asked for that nobody met/);
    // Earlier steps moved the app's clock to a booked day, so the request made then is dated after
    // the browser's today: look up to then.
    await page.goto(`${page.url().split('?')[0]}?to=${daysAhead(90)}`);
    await expect.poll(() => page.getByTestId('unmet-summary').textContent()).toContain('1 of 2 requests');
    const chart = page.getByRole('list', { name: 'People waiting, by area and kind of support' });
    expect(await chart.textContent()).toContain('HG: Transport5 people in 1 request, 0 quotes received');
    const table = page.getByTestId('unmet-demand');
    expect(await table.locator('tbody tr').allTextContents()).toEqual(['HGTransport510']);
    await checkPage(page, 'Unmet demand report');
    await page.close();
  });
});

describe('money through the payment rail', () => {
  it('a daughter tops up her dad’s account through the simulated checkout and comes back to his budget', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Helen Metcalfe');
    await page.getByRole('link', { name: 'Frank Metcalfe' }).click();
    await page.getByRole('link', { name: 'Add money from family or friends' }).click();
    await expectTitle(page, /^Add money to Frank Metcalfe’s account/);
    await page.getByRole('button', { name: 'Continue' }).click();
    await errorSummary(page, 'Enter how much to add');
    await checkPage(page, 'Top up with an error');
    await page.getByLabel('How much do you want to add?').fill('25');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectTitle(page, /^Pay on the payment page/);
    expect(await page.locator('main').textContent()).toContain('Simulated payment');
    await checkPage(page, 'Top up: pay on the payment page');
    await page.getByRole('link', { name: 'Continue to the payment page' }).click();

    // The payment rail's page (the local stand-in for Stripe Checkout).
    await page.getByRole('heading', { name: 'Top up £25.00' }).waitFor();
    await checkPage(page, 'Simulated checkout');
    await page.getByRole('button', { name: 'Pay £25.00' }).click();

    await expectTitle(page, /^Frank Metcalfe’s budget/);
    expect(new URL(page.url()).origin).toBe(app.url);
    await expect
      .poll(() => page.getByTestId('top-up-done').textContent())
      .toBe('Thank you. £25 has been added to Frank Metcalfe’s account.');
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      'Simulated payment: no real money moved',
    );
    await expect.poll(() => page.locator('main').textContent()).toContain('In the account£1,525');
    await checkPage(page, 'Budget after a top-up');
    await page.getByRole('link', { name: 'Statement of money in and out' }).click();
    await page.getByTestId('statement').waitFor();
    // The top-up is dated by the app's clock, which earlier steps moved to a booked day.
    await page.goto(`${page.url().split('?')[0]}?to=${daysAhead(90)}`);
    await expect
      .poll(async () =>
        (await page.getByTestId('statement').locator('tbody tr').allTextContents()).some(
          (r) => r.includes('Family top-up by card') && r.includes('£25.00'),
        ),
      )
      .toBe(true);
    await page.close();
  });

  it('a provider sets up payouts through the simulated onboarding', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Asha Patel');
    await page.goto(`${app.url}/provider/${world.provider.providerId}`);
    await page.getByRole('button', { name: 'Set up payouts' }).click();
    const next = page.getByRole('link', { name: 'Continue to set up payouts' });
    await next.waitFor();
    expect(await page.locator('section', { hasText: 'Getting paid' }).textContent()).toContain(
      'no bank details are needed, and no real money moves',
    );
    await checkPage(page, 'Set up payouts');
    await next.click();
    await page.getByRole('button', { name: 'Finish setting up' }).click();
    await banner(page, 'You have finished setting up payouts.');
    expect(new URL(page.url()).origin).toBe(app.url);
    await checkPage(page, 'Payouts set up');
    await page.close();
  });
});
