/**
 * "Forms show every error at once" (issue 15): a form sent empty lists every question that needs
 * an answer in the GOV.UK error summary, each linking to its field, not just the first; and the
 * page with its errors passes axe. One form from each kind of journey: booking, a plan's lines,
 * starting a group, a task of a provider's registration, and registering a person (whose postcode
 * the API's schema checks: that shows with the page's own checks, not after them).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, startApp } from './support/app.ts';
import { type Browser, expectNoAxeViolations, launchBrowser, signInAs } from './support/browser.ts';
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

const slow = { timeout: 15_000 };

/** Empties every text box, text area and select of the form on the page, then sends it. */
async function sendEmpty(page: Page, button: string): Promise<void> {
  const form = page.locator('main form').filter({ has: page.getByRole('button', { name: button }) });
  await form.waitFor();
  for (const box of await form.locator('input[type="text"], input:not([type]), textarea').all())
    if (await box.isVisible()) await box.fill('');
  for (const select of await form.locator('select').all())
    if (await select.isVisible()) await select.selectOption({ index: 0 });
  await form.getByRole('button', { name: button }).click();
}

interface SummaryLink {
  text: string;
  href: string;
  /** Whether the page has the element the link points to. */
  target: boolean;
}

/** The error summary's links, once it has appeared. */
async function summaryLinks(page: Page): Promise<SummaryLink[]> {
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor(slow);
  return summary.locator('.govuk-error-summary__list a').evaluateAll((links) =>
    links.map((link) => {
      const href = link.getAttribute('href') ?? '';
      return {
        text: (link.textContent ?? '').trim(),
        href,
        target: href.startsWith('#') && document.getElementById(href.slice(1)) !== null,
      };
    }),
  );
}

/** More than one error, each linking to a field on the page, the summary focused, axe clean. */
async function expectEveryError(page: Page, name: string, fields: string[]): Promise<SummaryLink[]> {
  const links = await summaryLinks(page);
  expect(links.length, `${name}: ${JSON.stringify(links)}`).toBeGreaterThan(1);
  for (const link of links) expect(link.target, `${name}: ${link.text} → ${link.href}`).toBe(true);
  const hrefs = links.map((link) => link.href);
  for (const field of fields) expect(hrefs, name).toContain(`#${field}`);
  // No question twice: one line a field.
  expect(new Set(hrefs).size, name).toBe(hrefs.length);
  await expect.poll(() => page.title(), slow).toMatch(/^Error: /);
  await expectNoAxeViolations(page, `${name}, sent empty`);
  // The first link takes the person to its field.
  const first = links[0];
  if (first) {
    await page.locator('.govuk-error-summary__list a').first().click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id ?? ''), slow)
      .toBe(first.href.slice(1));
  }
  return links;
}

describe('a form sent empty says everything that is missing at once', () => {
  it('booking: how many, the date and the time', async () => {
    const page = await browser.newPage();
    await signInAs(page, app.url, 'Jean Barker');
    await page.goto(`${app.url}/book/${world.provider.listingId}`);
    await page.locator('main h1').waitFor();
    await sendEmpty(page, 'Continue');
    await expectEveryError(page, 'Booking', ['quantity', 'date', 'time']);
    await page.close();
  });

  it('a support plan: what matters, the dates and each part of the plan', async () => {
    const page = await browser.newPage();
    await signInAs(page, app.url, 'Priya Shah');
    await page.goto(`${app.url}/people/${world.frank.personId}/plans/new`);
    await page.locator('#whatMatters').waitFor(slow);
    await sendEmpty(page, 'Save the draft');
    const links = await expectEveryError(page, 'Support plan', ['whatMatters', 'start', 'end']);
    expect(links.some((link) => /^#line-.+-cap$/.test(link.href))).toBe(true);
    await page.close();
  });

  it('starting a group: its name, how many people and the dates', async () => {
    const page = await browser.newPage();
    await signInAs(page, app.url, 'Jean Barker');
    await page.goto(`${app.url}/listings/${world.provider.listingId}/start-group`);
    await page.locator('#title').waitFor(slow);
    await sendEmpty(page, 'Continue');
    await expectEveryError(page, 'Start a group', ['title', 'min', 'max', 'deadline', 'session', 'time']);
    await page.close();
  });

  it('registering as a provider: what kind of provider and the name', async () => {
    const page = await browser.newPage();
    await signInAs(page, app.url, 'Asha Patel');
    await page.goto(`${app.url}/provider/register/about`);
    await page.locator('#name').waitFor(slow);
    await sendEmpty(page, 'Save and continue');
    await expectEveryError(page, 'Registration: about you', ['kind', 'name']);
    await page.close();
  });

  it('registering a person: a postcode of the wrong shape shows beside the questions left empty', async () => {
    const page = await browser.newPage();
    await signInAs(page, app.url, 'Priya Shah');
    await page.goto(`${app.url}/council/register`);
    await page.locator('#postcode').waitFor(slow);
    await page.locator('#postcode').fill('NOT A POSTCODE');
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    // The postcode's shape is the API's own check: it shows with the page's, not after them.
    await expect
      .poll(async () => (await summaryLinks(page)).map((link) => link.href), slow)
      .toEqual(['#name', '#dob', '#postcode']);
    const links = await expectEveryError(page, 'Register a person', ['name', 'dob', 'postcode']);
    expect(links.find((link) => link.href === '#postcode')?.text).not.toBe('Enter their postcode');
    await page.close();
  });
});
