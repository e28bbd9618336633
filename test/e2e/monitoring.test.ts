/**
 * Outcomes and monitoring in a real browser: a holder is offered the outcome survey at plan review
 * and answers it; a care manager reads the monitoring report as charts and tables and downloads
 * it. Every page passes axe with zero violations and fits 320 px.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, startApp } from './support/app.ts';
import { type Browser, checkPage, expectTitle, launchBrowser, signInAs } from './support/browser.ts';
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

const questions = [
  'Your health and how you feel',
  'Time with people you like',
  'Your quality of life',
  'Taking part in your community',
  'Feeling safe',
  'Choice and control over your support',
  'Being treated with dignity',
  'Money, work and volunteering',
];

describe('outcomes and monitoring', () => {
  it('offers Jean the outcome survey on her plan, checks her answers, and thanks her', async () => {
    const page = await browser.newPage();
    await signInAs(page, app.url, 'Jean Barker');
    await page.goto(`${app.url}/people/${world.jean.personId}/plan`);
    await expectTitle(page, /^Your support plan/);
    const offer = page.getByRole('link', { name: 'Answer the questions about how things have changed' });
    await offer.waitFor();
    await checkPage(page, 'Your support plan with the outcome survey offered');
    await offer.click();
    await expectTitle(page, /^How things have changed for you/);
    await page.getByRole('group', { name: questions[0] }).waitFor();
    await checkPage(page, 'Outcome survey');

    // Sending it with nothing chosen lists every question left.
    await page.getByRole('button', { name: 'Send answers' }).click();
    await expectTitle(page, /^Error: How things have changed/);
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('feeling safe');
    await checkPage(page, 'Outcome survey with errors');

    for (const [i, question] of questions.entries()) {
      await page
        .getByRole('group', { name: question })
        .getByRole('radio', { name: i === 6 ? 'Worse' : i % 2 === 0 ? 'Better' : 'The same', exact: true })
        .check();
    }
    await page
      .getByLabel('Anything you want to add about being treated with dignity (optional)')
      .fill('The new carers rush me');
    await page.getByRole('button', { name: 'Send answers' }).click();
    await expectTitle(page, /^Thank you/);
    await checkPage(page, 'Outcome survey sent');

    const surveys = (await world.as(world.users.jean.userId)(
      'GET',
      `/v1/people/${world.jean.personId}/outcome-surveys`,
    )) as { due: boolean; items: Array<{ answers: Record<string, { answer: string; comment?: string }> }> };
    expect(surveys.due).toBe(false);
    expect(surveys.items[0]?.answers.dignity).toEqual({ answer: 'worse', comment: 'The new carers rush me' });

    // Once answered, the plan page stops offering it.
    await page.goto(`${app.url}/people/${world.jean.personId}/plan`);
    await expectTitle(page, /^Your support plan/);
    await page.locator('main h1').waitFor();
    expect(await page.getByTestId('survey-offer').count()).toBe(0);
    await page.close();
  });

  it('shows the care manager the monitoring report as charts and tables, hides small figures, and offers the CSV', async () => {
    await app.call('POST', '/v1/dev/jobs/monitoring');
    const page = await browser.newPage();
    await signInAs(page, app.url, 'Priya Shah');
    await page.goto(`${app.url}/council`);
    await page.getByRole('link', { name: /^Monitoring report/ }).click();
    await expectTitle(page, /^Monitoring report/);
    await page.getByTestId('holders-table').waitFor();
    const chart = page.getByRole('img', { name: /^Budget holders by how the budget is managed/ });
    expect(await chart.count()).toBe(1);
    // The demo world has a handful of holders: too few to show, so the figures say hidden, and why.
    expect(await page.getByTestId('holders-table').textContent()).toContain('hidden');
    expect(await page.getByTestId('suppressed-table').textContent()).toContain('fewer than 5 people');
    expect(await page.getByTestId('alerts-not-counted').count()).toBe(0);
    await page.getByRole('link', { name: 'Download this report as a spreadsheet (CSV)' }).waitFor();
    await checkPage(page, 'Monitoring report');
    await page.close();
  });
});
