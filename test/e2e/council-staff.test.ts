/**
 * The council's staff at work, each on their own pages and without typing an id: a care manager
 * finds people by name and works through the queues, an auditor reads the records and their
 * audit trails with nothing to approve or reject, and finance sees the payments that do not match
 * and is warned before posting a deposit larger than usual. Every page is checked with axe at
 * desktop width and at 320 px.
 */
import { batchPut, userItem } from '@carepool/db';
import { SimulatedRail } from '@carepool/payments';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, startApp } from './support/app.ts';
import {
  type Browser,
  checkPage,
  desktop,
  expectNoAxeViolations,
  expectTitle,
  launchBrowser,
  phone,
  signInAs,
} from './support/browser.ts';
import { buildWorld, council, type World } from './support/world.ts';

let app: App;
let world: World;
let browser: Browser;
let heldOrderId = '';

const main = async (page: Page) => (await page.locator('main').textContent()) ?? '';
const rawId = /\b(per|ord|prv|pln|plan|grp|usr)_[A-Za-z0-9_-]{4,}/;

/** The journey checks, plus axe again at 320 px (where the menu and layout differ). */
async function check(page: Page, name: string): Promise<void> {
  await checkPage(page, name);
  await page.setViewportSize(phone);
  await expectNoAxeViolations(page, `${name} at 320 px`);
  await page.setViewportSize(desktop);
  expect(await main(page), `${name} shows no raw ids`).not.toMatch(rawId);
}

function nextTuesday(): string {
  const day = new Date();
  do day.setUTCDate(day.getUTCDate() + 1);
  while (day.getUTCDay() !== 2);
  return `${day.toISOString().slice(0, 10)}T10:30:00Z`;
}

beforeAll(async () => {
  app = await startApp();
  world = await buildWorld(app);
  await batchPut(app.db, app.tableName, [
    userItem({
      userId: 'usr_e2e_ada',
      name: 'Ada Hartley',
      roles: ['auditor'],
      councilId: council,
      description: 'An auditor at North Dales Council.',
      demoOrder: 50,
    }),
  ]);
  const jean = world.as(world.users.jean.userId);
  const asha = world.as(world.users.asha.userId);
  const priya = world.as(world.users.priya.userId);
  const scheduledFor = nextTuesday();
  const book = async (quantity: number) => {
    const booked = await jean('POST', '/v1/orders', {
      personId: world.jean.personId,
      listingId: world.provider.listingId,
      lineId: world.jean.lineIds[0],
      quantity,
      scheduledFor,
    });
    const orderId = String((booked.orders as Array<{ orderId: string }>)[0]?.orderId);
    await asha('POST', `/v1/orders/${orderId}/accept`);
    return orderId;
  };
  const small = await book(1);
  const large = await book(2);
  app.advanceTo(scheduledFor);
  await asha('POST', `/v1/orders/${small}/deliver`, { quantity: 1 });
  await asha('POST', `/v1/orders/${large}/deliver`, { quantity: 2 });

  // A payout the bank never sent: the nightly check makes it an exception for finance.
  const rail = app.runtime.deps.rail;
  if (!(rail instanceof SimulatedRail)) throw new Error('the browser tests run on the simulated rail');
  rail.failNextPayout();
  await jean('POST', `/v1/orders/${small}/confirm`);
  expect((await app.call('POST', '/v1/dev/jobs/reconcile')).status).toBe(200);

  // Jean's larger payments now wait for a care manager.
  await priya('PUT', `/v1/people/${world.jean.personId}/oversight`, {
    level: 'confirm_every_payment',
    reason: 'Two payments last month that nobody could explain',
  });
  const held = await jean('POST', `/v1/orders/${large}/confirm`);
  expect(held.status).toBe('awaiting_approval');
  heldOrderId = large;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('a care manager', () => {
  it('finds a person by name, opens the plan queue and approves a held payment from the council queue', async () => {
    const page = await browser.newPage();
    await signInAs(page, app.url, 'Priya Shah');
    await expectTitle(page, /^Council work/);
    await expect.poll(() => page.getByTestId('payment-queue').textContent()).toContain('Jean Barker');
    expect(await page.getByTestId('payment-queue').textContent()).toContain(`£36 to ${world.provider.name}`);
    await expect
      .poll(() => page.getByTestId('provider-queue').textContent())
      .toContain(world.pendingProvider.name);
    await check(page, 'Council work with its queues');

    await page.getByLabel('Their name').fill('frank');
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await page
      .getByRole('list', { name: 'People found' })
      .getByRole('link', { name: 'Frank Metcalfe' })
      .click();
    await expectTitle(page, /^Frank Metcalfe’s budget/);
    await page.goBack();

    await page.getByRole('link', { name: /^Your caseload/ }).click();
    await expectTitle(page, /^Your caseload/);
    const caseload = page.getByTestId('caseload');
    await expect.poll(() => caseload.textContent()).toContain('Daniel Okafor');
    const names = await caseload.getByRole('link').allTextContents();
    expect(names).toEqual(['Daniel Okafor', 'Frank Metcalfe', 'Jean Barker']);
    await check(page, 'Caseload');

    await page.getByRole('link', { name: 'Back' }).click();
    await page
      .getByTestId('plan-queue')
      .getByRole('link', { name: /^Daniel Okafor/ })
      .click();
    await expectTitle(page, /^Support plan version 1/);
    await page.getByRole('button', { name: 'Approve the plan' }).waitFor();
    await page.goBack();

    await page
      .getByTestId('payment-queue')
      .getByRole('link', { name: `£36 to ${world.provider.name}` })
      .click();
    await page.getByRole('heading', { name: 'This payment waits for your approval' }).waitFor();
    expect(page.url()).toContain(`/orders/${heldOrderId}`);
    await page.getByRole('button', { name: 'Approve the payment' }).click();
    await page.getByText('You approved the payment. The provider is being paid.').waitFor();

    await page.getByRole('link', { name: 'Council work' }).first().click();
    await expectTitle(page, /^Council work/);
    await page.getByRole('heading', { name: 'Payments waiting for your approval' }).waitFor();
    await expect.poll(() => main(page)).toContain('No payments are waiting.');
    await page.close();
  });
});

describe('an auditor', () => {
  it('reads the queues and a plan’s audit trail, which verifies, with nothing to approve or reject', async () => {
    const page = await browser.newPage();
    await signInAs(page, app.url, 'Ada Hartley');
    await expectTitle(page, /^Council records/);
    await expect.poll(() => page.getByTestId('plan-queue').textContent()).toContain('Daniel Okafor');
    await page.getByRole('heading', { name: 'Payments held for a care manager' }).waitFor();
    await page.getByRole('heading', { name: 'Disputes waiting for a care manager' }).waitFor();
    const decisions = /approve|reject|decide|do not approve/i;
    expect(await page.getByRole('button', { name: decisions }).count()).toBe(0);
    expect(await page.getByRole('link', { name: decisions }).count()).toBe(0);
    expect(await main(page)).not.toMatch(/approv|reject/i);
    await check(page, 'Council records (auditor)');

    await page
      .getByTestId('plan-queue')
      .getByRole('link', { name: /^Daniel Okafor/ })
      .click();
    await expectTitle(page, /^Support plan version 1/);
    await page.getByRole('link', { name: /^See the audit trail/ }).waitFor();
    expect(await page.getByRole('button', { name: decisions }).count()).toBe(0);
    expect(await page.getByRole('link', { name: decisions }).count()).toBe(0);
    await page.getByRole('link', { name: /^See the audit trail/ }).click();

    await expectTitle(page, /^Audit trail: Daniel Okafor’s support plan, version 1/);
    await expect.poll(() => page.getByTestId('audit-verified').textContent()).toContain('Verified');
    const records = page.getByTestId('audit-records');
    await expect.poll(() => records.textContent()).toContain('Draft plan written');
    expect(await records.textContent()).toContain('Plan sent to the council');
    expect(await records.textContent()).toContain('by Daniel Okafor (budget holder)');
    expect(await page.locator('main').getByRole('button').count()).toBe(0);
    await check(page, 'Audit trail of a plan');

    await page.getByRole('link', { name: 'Back' }).click();
    await expectTitle(page, /^Support plan version 1/);
    await page.close();
  });

  it('finds a person by name and reads their audit trail', async () => {
    const page = await browser.newPage();
    await signInAs(page, app.url, 'Ada Hartley');
    await page.getByLabel('Their name').fill('jean');
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await page.getByRole('list', { name: 'People found' }).getByRole('link', { name: 'Jean Barker' }).click();
    await expectTitle(page, /^Jean Barker’s budget/);
    await page.getByRole('link', { name: /^See the audit trail/ }).click();
    await expectTitle(page, /^Audit trail: Jean Barker/);
    await expect.poll(() => page.getByTestId('audit-verified').textContent()).toContain('Verified');
    const records = page.getByTestId('audit-records');
    await expect.poll(() => records.textContent()).toContain('Registered as a budget holder');
    expect(await records.textContent()).toContain('Oversight level changed');
    expect(await records.textContent()).toContain('Priya Shah (care manager)');
    await check(page, 'Audit trail of a person');
    await page.close();
  });
});

describe('finance', () => {
  it('sees the payments that do not match, and is warned before posting a large deposit', async () => {
    const page = await browser.newPage();
    await signInAs(page, app.url, 'Tom Whitaker');
    await expectTitle(page, /^Post a deposit/);
    await page.getByRole('link', { name: 'Payments that do not match' }).first().click();
    await expectTitle(page, /^Payments that do not match/);
    await expect
      .poll(() => page.getByTestId('exceptions').textContent())
      .toContain('We recorded a payout the bank never sent');
    expect(await page.getByTestId('exceptions').textContent()).toContain('£18');
    await check(page, 'Reconciliation exceptions');

    await page.getByRole('link', { name: 'Deposits' }).click();
    await expectTitle(page, /^Post a deposit/);
    await page.getByLabel('Their name').fill('Jean');
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await page.getByRole('list', { name: 'People found' }).getByRole('link', { name: 'Jean Barker' }).click();
    await page.getByLabel('Amount').waitFor();
    await check(page, 'Post a deposit to a person found by name');
    // £12,480 a year is £960 every four weeks: £5,000 is far more than usual.
    await page.getByLabel('Amount').fill('5000');
    await page.getByLabel('Reference').fill('Four-weekly payment');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectTitle(page, /^Check the deposit/);
    await expect
      .poll(() => page.locator('.govuk-warning-text').textContent())
      .toContain('This is more than their four-weekly amount of £960');
    await page.getByRole('button', { name: 'Post the deposit' }).click();
    await page.locator('.govuk-error-summary', { hasText: 'Confirm that £5,000 is right' }).waitFor();
    await check(page, 'Large deposit not confirmed');
    await page.getByLabel('I have checked: post £5,000 to Jean Barker').check();
    await page.getByRole('button', { name: 'Post the deposit' }).click();
    await page.locator('.govuk-panel', { hasText: 'Deposit posted' }).waitFor();
    expect(await page.locator('.govuk-panel').textContent()).toContain('£5,000 to Jean Barker');
    await check(page, 'Large deposit posted');
    await page.close();
  });
});
