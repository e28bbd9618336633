/**
 * Alerts in a real browser. The browser tests' North Dales has no planted patterns (it is built
 * through the API, not the demo seed), so the test raises one the way money raises it: Jean's
 * provider is paid twice for the same invoice written two ways. The care manager finds it in the
 * queue explained in words, acknowledges it and resolves it with a note; an auditor reads it and
 * is offered nothing to change. Every page state passes axe with zero violations and fits 320 px.
 */
import { batchPut, userItem } from '@carepool/db';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type App, startApp } from './support/app.ts';
import { type Browser, checkPage, expectTitle, launchBrowser, signInAs } from './support/browser.ts';
import { buildWorld, council, type World } from './support/world.ts';

let app: App;
let world: World;
let browser: Browser;
let alertId: string;

const ruleTitle = 'Duplicate or near-duplicate invoice';
/** Ids as the API writes them: none may reach the page as words. */
const rawId = /\b(alt|per|prv|ord|usr|pln|lst|trf)_[A-Za-z0-9]/;

beforeAll(async () => {
  app = await startApp();
  world = await buildWorld(app);
  await batchPut(app.db, app.tableName, [
    userItem({
      userId: 'usr_e2e_margaret',
      name: 'Margaret Ellis',
      roles: ['auditor'],
      councilId: council,
      description: 'An auditor at North Dales Council: reads alerts and reports, changes nothing.',
      demoOrder: 50,
    }),
  ]);
  const jean = world.as(world.users.jean.userId);
  for (const reference of ['INV/077', 'inv 77']) {
    await jean('POST', `/v1/people/${world.jean.personId}/invoices`, {
      providerId: world.provider.providerId,
      lineId: world.jean.lineIds[0],
      category: 'day_and_community',
      amountPence: 1_200,
      reference,
      description: 'Walking group, two weeks',
    });
  }
  const priya = world.as(world.users.priya.userId);
  // The rules run as the payment is recorded; wait for the alert rather than assume the timing.
  const raised = await vi.waitFor(
    async () => {
      const listed = await priya('GET', '/v1/alerts?rule=duplicate_invoice');
      const [first] = listed.items as Array<{ alertId: string }>;
      if (!first) throw new Error('No duplicate-invoice alert yet');
      return first;
    },
    { timeout: 10_000, interval: 200 },
  );
  alertId = raised.alertId;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function mainText(page: Page): Promise<string> {
  return (await page.locator('main').textContent()) ?? '';
}

async function openQueue(page: Page, name: string) {
  await signInAs(page, app.url, name);
  await page.goto(`${app.url}/council`);
  await page.getByRole('link', { name: /^Alerts:/ }).click();
  await expectTitle(page, /^Alerts/);
  await page.getByTestId('alerts-list').waitFor();
}

describe('alerts', () => {
  it('lets an auditor read the alert without offering to acknowledge or resolve it', async () => {
    const page = await browser.newPage();
    await openQueue(page, 'Margaret Ellis');
    await page.getByRole('link', { name: ruleTitle }).click();
    await expectTitle(page, new RegExp(`^${ruleTitle}`));
    await expect.poll(() => page.getByTestId('alert-summary').textContent()).toContain('same reference');
    await expect.poll(() => mainText(page)).toContain('Only a care manager can acknowledge or resolve');
    expect(await page.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Resolve/ }).count()).toBe(0);
    expect(await mainText(page)).not.toMatch(rawId);
    await checkPage(page, 'Alert read by an auditor');
    await page.close();
  });

  it('lets the care manager find a repeated invoice explained in words, acknowledge it and resolve it', async () => {
    const page = await browser.newPage();
    await openQueue(page, 'Priya Shah');
    const list = page.getByTestId('alerts-list');
    await expect.poll(() => list.textContent()).toContain('Jean Barker');
    expect(await list.textContent()).toContain(ruleTitle);
    expect(await list.textContent()).toContain('Open');
    expect(await mainText(page)).not.toMatch(rawId);
    await checkPage(page, 'Alerts queue');

    // Filters are in words: the rule's title, the status with what it means.
    await page.getByLabel('What was seen').selectOption({ label: ruleTitle });
    await page.getByLabel('Status').selectOption({ label: 'Open: nobody has looked at it yet' });
    await page.getByRole('button', { name: 'Show these alerts' }).click();
    await expect.poll(() => page.url()).toContain('rule=duplicate_invoice');
    await expect.poll(() => page.getByTestId('alerts-list').locator('.govuk-summary-card').count()).toBe(1);
    await checkPage(page, 'Alerts queue filtered');

    // The alert: what was seen, its figures, and the people, provider and invoices it is about.
    await page.getByRole('link', { name: ruleTitle }).click();
    await expectTitle(page, new RegExp(`^${ruleTitle}`));
    const summary = page.getByTestId('alert-summary');
    await expect.poll(() => summary.textContent()).toContain(world.provider.name);
    expect(await summary.textContent()).toContain('same reference');
    await page.getByRole('link', { name: 'Jean Barker', exact: true }).waitFor();
    await page.getByRole('link', { name: world.provider.name }).waitFor();
    await expect.poll(() => page.getByRole('link', { name: /^Invoice “/ }).count()).toBe(2);
    await expect.poll(() => mainText(page)).toContain('£24');
    expect(await mainText(page)).toContain('Invoice “INV/077”');
    expect(await mainText(page)).toContain('Invoice “inv 77”');
    expect(await mainText(page)).not.toMatch(rawId);
    expect(await mainText(page)).not.toContain('Loading');
    await checkPage(page, 'Alert open');

    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await expect.poll(() => mainText(page)).toContain('You acknowledged this alert');
    await expect.poll(() => mainText(page)).toContain('by you');
    expect(await page.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);
    await checkPage(page, 'Alert acknowledged');

    await page.getByRole('button', { name: 'Resolve', exact: true }).click();
    await expectTitle(page, /^Resolve this alert/);
    await page.getByRole('group', { name: 'What was the outcome?' }).waitFor();
    await checkPage(page, 'Resolve an alert');

    // Nothing chosen, nothing written: the error summary says both, and takes focus.
    await page.getByRole('button', { name: 'Resolve alert' }).click();
    await expectTitle(page, /^Error: Resolve this alert/);
    const errors = page.locator('.govuk-error-summary');
    await expect.poll(() => errors.textContent()).toContain('Choose what the outcome was');
    expect(await errors.textContent()).toContain('Say what you found or did');
    expect(await errors.evaluate((el) => el === document.activeElement)).toBe(true);
    await checkPage(page, 'Resolve an alert with errors');

    await page.getByRole('radio', { name: 'Action taken' }).check();
    await page.getByLabel('What you found or did').fill('The provider refunded the second payment.');
    await page.getByRole('button', { name: 'Resolve alert' }).click();
    await expectTitle(page, new RegExp(`^${ruleTitle}`));
    await expect.poll(() => mainText(page)).toContain('You resolved this alert');
    expect(await mainText(page)).toContain('Action taken');
    expect(await mainText(page)).toContain('The provider refunded the second payment.');
    expect(await page.getByRole('button', { name: 'Resolve', exact: true }).count()).toBe(0);
    await checkPage(page, 'Alert resolved');

    const stored = await world.as(world.users.priya.userId)('GET', `/v1/alerts/${alertId}`);
    expect(stored).toMatchObject({
      status: 'resolved',
      acknowledged: { by: world.users.priya.userId },
      resolution: { outcome: 'action_taken', note: 'The provider refunded the second payment.' },
    });

    // The queue, filtered to resolved alerts, has it with its new status.
    await page.getByRole('link', { name: 'All alerts' }).click();
    await page.getByLabel('Status').selectOption({ label: 'Resolved: closed with an outcome and a note' });
    await page.getByRole('button', { name: 'Show these alerts' }).click();
    await expect.poll(() => page.url()).toContain('status=resolved');
    await expect.poll(() => page.getByTestId('alerts-list').textContent()).toContain('Resolved');
    await page.close();
  });
});
