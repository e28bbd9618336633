/**
 * The group page says what a price covers and how many more people bring the next one: "3 more
 * and it is £44 each", not what one or two more would pay. The step chart of price against members
 * has a name, a description in words and a table with the same figures; no raw id is shown as
 * words. Axe clean at desktop width and at 320 px.
 */
import { shortReference } from '@carepool/domain';
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
import { addHolders, buildWorld, type Holder, type World } from './support/world.ts';

let app: App;
let world: World;
let browser: Browser;
let crowd: Holder[];
let seriesId = '';
let onceId = '';

const daysAhead = (days: number, time = '10:00:00') =>
  `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T${time}Z`;

beforeAll(async () => {
  app = await startApp();
  world = await buildWorld(app);
  crowd = await addHolders(app, world, ['Ken Dawson', 'Ruth Akroyd', 'Alan Pike']);
  browser = await launchBrowser();
  const jean = world.as(world.users.jean.userId);
  // A weekly series of four walks, and a single walk: prices of £15 each from 3 people, £11 from 6.
  const series = await jean('POST', '/v1/group-purchases', {
    listingId: world.provider.listingId,
    title: 'Four Tuesday walks',
    minParticipants: 3,
    maxParticipants: 8,
    deadline: daysAhead(7, '22:59:00'),
    schedule: { kind: 'weekly', firstAt: daysAhead(10), occurrences: 4 },
  });
  seriesId = String(series.groupId);
  const once = await jean('POST', '/v1/group-purchases', {
    listingId: world.provider.listingId,
    title: 'One Tuesday walk',
    minParticipants: 3,
    maxParticipants: 8,
    deadline: daysAhead(7, '22:59:00'),
    schedule: { kind: 'one_off', at: daysAhead(10) },
  });
  onceId = String(once.groupId);
  for (const { userId, personId, lineId } of crowd) {
    await world.as(userId)('POST', `/v1/group-purchases/${seriesId}/join`, { personId, lineId });
  }
  const [ken] = crowd;
  if (ken)
    await world.as(ken.userId)('POST', `/v1/group-purchases/${onceId}/join`, {
      personId: ken.personId,
      lineId: ken.lineId,
    });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Axe at 320 px as well as at desktop width (checkPage runs it at desktop width). */
async function axeAtPhone(page: Page, name: string): Promise<void> {
  await page.setViewportSize(phone);
  await expectNoAxeViolations(page, `${name} at 320 px`);
  await page.setViewportSize(desktop);
}

const facts = (page: Page) => page.locator('main .govuk-summary-list').first();

describe('a group page says what the price covers and what the next price is', () => {
  it('a weekly series: the price for all the sessions, "3 more and it is £44 each", and the chart in words', async () => {
    const page = await browser.newPage();
    await signInAs(page, app.url, 'Ken Dawson');
    await page.goto(`${app.url}/groups/${seriesId}`);
    // The machine may be busy: wait for the heading before the title's short poll.
    await page.getByRole('heading', { level: 1, name: 'Four Tuesday walks' }).waitFor();
    await expectTitle(page, /^Four Tuesday walks/);
    await expect
      .poll(() => facts(page).textContent())
      .toContain('Price each now£60 for all 4 sessions (£15 a session)');
    expect(await page.getByTestId('next-price').textContent()).toBe(
      '3 more and it is £44 each, for all 4 sessions (£11 a session)',
    );
    // Not what one or two more would pay: the same price twice helps no one.
    expect(await facts(page).textContent()).not.toContain('If one more joins');

    const chart = page.getByRole('img', {
      name: 'What each person pays for all 4 sessions, by how many join',
    });
    await chart.waitFor();
    const described = await chart.evaluate((svg) =>
      (svg.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
    expect(described).toBe('3 to 5 people: £60 each; 6 to 8 people: £44 each. Now 3 have joined: £60 each.');
    await page.getByText('Show the prices as a table').click();
    const rows = await page.getByTestId('price-table').locator('tbody tr').allTextContents();
    expect(rows).toEqual([
      '3 to 5 (now)£60for all 4 sessions (£15 a session)',
      '6 to 8£44for all 4 sessions (£11 a session)',
    ]);

    // A short reference, never the id as words.
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).not.toContain(seriesId);
    expect(main).toContain(`Reference${shortReference(seriesId)}`);
    await checkPage(page, 'Group page with a price chart');
    await axeAtPhone(page, 'Group page with a price chart');
    await page.close();
  });

  it('a single session says so, and the search results give the next price too', async () => {
    const page = await browser.newPage();
    await signInAs(page, app.url, 'Ruth Akroyd');
    await page.goto(`${app.url}/groups/${onceId}`);
    await page.getByRole('heading', { level: 1, name: 'One Tuesday walk' }).waitFor();
    await expectTitle(page, /^One Tuesday walk/);
    await expect
      .poll(() => facts(page).textContent())
      .toContain('Price each now£15 (the price for 3 people, the fewest it needs) for the one session');
    // One person has joined: five more make six, where the price falls to £11.
    expect(await page.getByTestId('next-price').textContent()).toBe('5 more and it is £11 each');
    await page.getByRole('img', { name: 'What each person pays, by how many join' }).waitFor();
    await checkPage(page, 'Group page, one session');
    await axeAtPhone(page, 'Group page, one session');

    await page.goto(`${app.url}/groups?near=HG1&miles=5`);
    const results = page.getByRole('list', { name: 'Groups open to join' });
    await results.getByText('One Tuesday walk').waitFor();
    await expect.poll(() => results.textContent()).toContain('One Tuesday walk');
    const text = (await results.textContent()) ?? '';
    expect(text).toContain('£15 each now · 5 more and it is £11 each');
    expect(text).toContain('£60 each now for all 4 sessions · 3 more and it is £44 each');
    await checkPage(page, 'Group purchases with next prices');
    await axeAtPhone(page, 'Group purchases with next prices');
    await page.close();
  });
});
