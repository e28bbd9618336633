/**
 * Accounts in a real browser (issue 11): invitations opened from the local "sent messages" page
 * and accepted, a provider signing itself up, a council administrator inviting and removing
 * staff and changing the council's settings, and the operator adding a council. Every page state
 * is checked as in the main journeys (axe, 320 px, screenshots).
 */
import { batchPut, councilItem, userItem } from '@carepool/db';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, startApp } from './support/app.ts';
import { type Browser, checkPage, expectTitle, launchBrowser, signInAs } from './support/browser.ts';
import { buildWorld, council, planYear, type World } from './support/world.ts';

let app: App;
let world: World;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  world = await buildWorld(app);
  const now = new Date().toISOString();
  await batchPut(app.db, app.tableName, [
    councilItem({
      councilId: council,
      name: 'North Dales Council',
      districts: ['HG1', 'HG2'],
      fundingSchedule: { everyDays: 28 },
      settings: {},
      createdAt: now,
      createdBy: 'usr_e2e_olive',
      updatedAt: now,
      version: 1,
    }),
    userItem({
      userId: 'usr_e2e_olive',
      name: 'Olive Operator',
      roles: ['platform_admin'],
      description: 'Runs this Carepool deployment: adds councils.',
      demoOrder: 50,
    }),
  ]);
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
const main = (page: Page) => page.locator('main').textContent();

/** Opens the invitation sent to `email` from the local "sent messages" page, as the invitee would. */
async function openInvitationSentTo(page: Page, email: string, name: string): Promise<void> {
  await page.goto(`${app.url}/sign-in`);
  await page.getByRole('link', { name: 'Messages Carepool has sent' }).click();
  await expectTitle(page, /^Messages Carepool has sent/);
  await page.getByRole('link', { name: `Open the invitation sent to ${email}` }).waitFor();
  await checkPage(page, `Sent messages, with one to ${name}`);
  await page.getByRole('link', { name: `Open the invitation sent to ${email}` }).click();
}

describe('a care manager invites a budget holder', () => {
  let personId = '';

  it('invites her from her record, and sees the invitation waiting', async () => {
    const priya = world.as(world.users.priya.userId);
    const person = await priya('POST', '/v1/people', {
      name: 'Ruth Hartley',
      dateOfBirth: '1948-02-11',
      postcode: 'HG1 3AB',
    });
    personId = String(person.personId);
    await priya('PUT', `/v1/people/${personId}/budget`, {
      allocationPence: 1_040_000,
      fundingSources: [{ source: 'council_social_care', amountPence: 1_040_000 }],
      deployment: 'managed_account',
      planYearStart: planYear().startDate,
    });

    const page = await browser.newPage();
    await signIn(page, 'Priya Shah');
    await page.goto(`${app.url}/people/${personId}`);
    await expectTitle(page, /^Ruth Hartley’s budget/);
    await expect.poll(() => main(page)).toContain('Ruth has not been invited to sign in yet.');
    await checkPage(page, 'Holder not invited yet');
    await page.getByRole('link', { name: 'Invite Ruth Hartley to sign in' }).click();
    await expectTitle(page, /^Invite Ruth Hartley to sign in/);
    await checkPage(page, 'Invite a holder to sign in');
    await page.getByRole('button', { name: 'Continue' }).click();
    await errorSummary(page, 'Enter Ruth Hartley’s email address');
    await checkPage(page, 'Invite a holder to sign in with errors');
    await page.getByLabel('Their email address').fill('ruth.hartley@example.com');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectTitle(page, /^Check before you send the invitation/);
    await checkPage(page, 'Check before you send the invitation');
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await banner(page, 'We have sent Ruth Hartley an invitation');
    await expect.poll(() => main(page)).toContain('Waiting for them to accept');
    await checkPage(page, 'Holder invited');
    await page.close();
  });

  it('she opens the link from the sent messages, accepts, and sees her budget', async () => {
    const page = await browser.newPage();
    await openInvitationSentTo(page, 'ruth.hartley@example.com', 'Ruth');
    await expectTitle(page, /^North Dales Council has invited you to see and manage your personal budget/);
    await expect.poll(() => main(page)).toContain('ruth.hartley@example.com');
    await checkPage(page, 'Accept an invitation to a holder');
    await page.getByRole('button', { name: 'Accept the invitation' }).click();
    await expectTitle(page, /^Your budget/);
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toContain('Ruth Hartley');
    await expect.poll(() => main(page)).toContain('Yearly budget: £10,400');
    await checkPage(page, 'New holder’s budget');

    // The link works once.
    await page.goBack();
    await expectTitle(page, /^You cannot use this invitation/);
    await expect.poll(() => main(page)).toContain('already been used');
    await checkPage(page, 'Invitation already used');
    await page.close();

    const priya = await browser.newPage();
    await signIn(priya, 'Priya Shah');
    await priya.goto(`${app.url}/people/${personId}`);
    await expect.poll(() => main(priya)).toContain('Ruth Hartley has a Carepool account');
    await priya.close();
  });

  it('a holder lets her son act for her by email, then withdraws it before he signs in', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Jean Barker');
    await page.getByRole('link', { name: 'Who can act for you' }).click();
    await page.getByRole('button', { name: 'Let someone act for you' }).click();
    await expectTitle(page, /^Let someone act for you/);
    await checkPage(page, 'Invite a representative by email');
    await page.getByRole('button', { name: 'Let them act for me' }).click();
    await errorSummary(page, 'Choose at least one thing they can do');
    await checkPage(page, 'Invite a representative with errors');
    await page.getByLabel('Their name').fill('Paul Barker');
    await page.getByLabel('Their email address').fill('paul.barker@example.com');
    await page.getByLabel('Who are they to you? (optional)').fill('Son');
    await page.getByRole('checkbox', { name: 'See the support plan' }).check();
    await page.getByRole('checkbox', { name: 'Book support' }).check();
    await page.getByRole('button', { name: 'Let them act for me' }).click();
    await banner(
      page,
      'Paul Barker can act for you once they sign in to Carepool with paul.barker@example.com.',
    );
    const card = page.locator('.govuk-summary-card', { hasText: 'Paul Barker' });
    await expect.poll(() => card.textContent()).toContain('Waiting for them to accept');
    expect(await card.textContent()).toContain('Book support');
    await checkPage(page, 'Representative invited');
    await page.getByRole('button', { name: 'Withdraw the invitation to Paul Barker' }).click();
    await card.waitFor({ state: 'detached' });
    await checkPage(page, 'Representative invitation withdrawn');
    await page.close();
  });
});

describe('a provider signs up', () => {
  it('signs up, registers the provider profile, and sees it waiting for the council’s check', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/`);
    await page.getByRole('link', { name: 'Sign up as a provider' }).click();
    await expectTitle(page, /^Sign up as a provider/);
    await checkPage(page, 'Sign up as a provider');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await errorSummary(page, 'Choose whether you are a provider or a support broker');
    expect(await page.locator('.govuk-error-summary li').allTextContents()).toEqual(
      expect.arrayContaining(['Enter your name', 'Enter your email address']),
    );
    await checkPage(page, 'Sign up as a provider with errors');
    await page.getByLabel('Your name').fill('Dee Walker');
    await page.getByLabel('Email address').fill('not an email');
    await page.getByRole('radio', { name: 'I offer care or support' }).check();
    await page.getByRole('button', { name: 'Sign up' }).click();
    await errorSummary(page, 'Enter an email address like name@example.com');
    await page.getByLabel('Email address').fill('dee@walks.example');
    await page.getByRole('button', { name: 'Sign up' }).click();

    await expectTitle(page, /^Register as a provider/);
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toContain('Dee Walker');
    await page.getByRole('link', { name: 'About your business' }).click();
    await page.getByRole('radio', { name: 'Self-employed personal assistant' }).check();
    await page.getByLabel('Name people will see').fill('Dee Walker, Personal Assistant');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByRole('link', { name: 'Where you work and how people contact you' }).click();
    await page.getByLabel('Your postcode').fill('HG1 2AB');
    await page.getByLabel('Email address').fill('dee@walks.example');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByRole('link', { name: 'What support you offer' }).click();
    await page.getByRole('checkbox', { name: 'Personal assistant support' }).check();
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByRole('link', { name: 'Your checks and insurance' }).click();
    await page.getByRole('radio', { name: 'Enhanced' }).check();
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByRole('button', { name: 'Check your answers' }).click();
    await page.getByRole('button', { name: 'Register' }).click();
    await banner(page, 'You are registered.');
    await page.getByRole('link', { name: /^Profile and listings/ }).click();
    await expectTitle(page, /^Dee Walker, Personal Assistant/);
    await expect.poll(() => main(page)).toContain('Not checked yet');
    await checkPage(page, 'New provider waiting for a check');
    await page.close();
  });
});

describe('councils and their staff', () => {
  it('the operator adds a council and invites its administrator', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Olive Operator');
    await expectTitle(page, /^Councils/);
    await checkPage(page, 'Councils');
    await page.getByRole('button', { name: 'Add a council' }).click();
    await expectTitle(page, /^Add a council/);
    await checkPage(page, 'Add a council');
    await page.getByRole('button', { name: 'Add the council' }).click();
    await errorSummary(page, 'Enter the council’s name');
    await checkPage(page, 'Add a council with errors');
    await page.getByLabel('Council name').fill('Ryedale Moors Council');
    await page.getByLabel('Postcode districts the council covers').fill('yo17, YO18 ZZ99');
    await page.getByRole('button', { name: 'Add the council' }).click();
    await errorSummary(page, "We do not know the postcode district 'ZZ99'");
    await page.getByLabel('Postcode districts the council covers').fill('yo17, YO18');
    await page.getByRole('button', { name: 'Add the council' }).click();

    await expectTitle(page, /^Invite Ryedale Moors Council’s administrator/);
    await banner(page, 'Ryedale Moors Council has been added');
    await checkPage(page, 'Invite a council’s administrator');
    await page.getByLabel('Their full name').fill('Ada Admin');
    await page.getByLabel('Their work email address').fill('ada@ryedale.example');
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await banner(page, 'We have sent Ada Admin an invitation');
    await expect.poll(() => main(page)).toContain('YO17, YO18');
    await checkPage(page, 'Councils with a new one');
    await page.close();
  });

  const ada = { page: undefined as Page | undefined };
  const cath = { page: undefined as Page | undefined };

  it('the administrator accepts and invites a care manager, who accepts', async () => {
    const page = await browser.newPage();
    ada.page = page;
    await openInvitationSentTo(page, 'ada@ryedale.example', 'Ada');
    await expectTitle(page, /^Ryedale Moors Council has invited you to join as a council administrator/);
    await checkPage(page, 'Accept an invitation to an administrator');
    await page.getByRole('button', { name: 'Accept the invitation' }).click();
    await expectTitle(page, /^Staff and accounts/);
    await expect.poll(() => main(page)).toContain('Ada Admin');
    await checkPage(page, 'Staff and accounts');

    await page.getByRole('button', { name: 'Invite a member of staff' }).click();
    await expectTitle(page, /^Invite a member of staff/);
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await errorSummary(page, 'Choose what they will do');
    await checkPage(page, 'Invite a member of staff with errors');
    await page.getByLabel('Their full name').fill('Cath One');
    await page.getByLabel('Their work email address').fill('cath@ryedale.example');
    await page.getByRole('checkbox', { name: 'Care manager' }).check();
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await expectTitle(page, /^Invitations sent/);
    await banner(page, 'We have sent Cath One an invitation');
    await expect.poll(() => main(page)).toContain('Waiting for them to accept');
    await checkPage(page, 'Invitations sent');

    const cathPage = await browser.newPage();
    cath.page = cathPage;
    await openInvitationSentTo(cathPage, 'cath@ryedale.example', 'Cath');
    await expectTitle(cathPage, /^Ryedale Moors Council has invited you to join as a care manager/);
    await checkPage(cathPage, 'Accept an invitation to a care manager');
    await cathPage.getByRole('button', { name: 'Accept the invitation' }).click();
    await expectTitle(cathPage, /^Council work/);
    await expect.poll(() => cathPage.getByTestId('signed-in-as').textContent()).toContain('Cath One');
  });

  it('the administrator removes the care manager, whose next page load signs her out', async () => {
    const page = ada.page as Page;
    await page.getByRole('link', { name: 'Staff and accounts' }).first().click();
    await expectTitle(page, /^Staff and accounts/);
    await page.getByRole('link', { name: 'Remove access for Cath One' }).click();
    await expectTitle(page, /^Remove Cath One’s access/);
    await checkPage(page, 'Remove access');
    await page.getByRole('button', { name: 'Remove access' }).click();
    await errorSummary(page, 'Say why you are removing their access');
    await checkPage(page, 'Remove access with errors');
    await page.getByLabel('Why are you removing their access?').fill('Moved to another council');
    await page.getByRole('button', { name: 'Remove access' }).click();
    await banner(page, 'Cath One has been signed out and cannot sign in again');
    const card = page.locator('.govuk-summary-card', { hasText: 'Cath One' });
    await expect.poll(() => card.textContent()).toContain('Access removed');
    expect(await card.textContent()).toContain('Moved to another council');
    await checkPage(page, 'Staff and accounts after a removal');

    const cathPage = cath.page as Page;
    await cathPage.reload();
    await expectTitle(cathPage, /^Sign in/);
    await banner(cathPage, 'Your sign-in ended');
    expect(await cathPage.getByTestId('signed-in-as').count()).toBe(0);
    await checkPage(cathPage, 'Removed care manager signed out');
    // She cannot sign in again from the demo page: she is no longer listed.
    expect(await cathPage.getByRole('button', { name: 'Sign in as Cath One' }).count()).toBe(0);
    await cathPage.close();
  });

  it('the administrator changes the council’s settings, and is told plainly when someone else did first', async () => {
    const page = ada.page as Page;
    await page.getByRole('link', { name: 'Council settings' }).first().click();
    await expectTitle(page, /^Council settings/);
    await expect.poll(() => page.getByLabel(/^Deposits above this amount/).inputValue()).toBe('10000.00');
    await checkPage(page, 'Council settings');
    await page.getByLabel(/^Deposits above this amount/).fill('5,000');
    await page.getByRole('button', { name: 'Save the settings' }).click();
    await banner(page, 'The council’s settings have been saved');
    await expect.poll(() => page.getByLabel(/^Deposits above this amount/).inputValue()).toBe('5000.00');
    await checkPage(page, 'Council settings saved');

    // Someone else changes the name meanwhile (the administrator's own token, from another tab).
    const token = await page.evaluate(() => sessionStorage.getItem('carepool.token'));
    const current = await app.call('GET', '/v1/councils/ryedale-moors', { token: String(token) });
    const changed = await app.call('PATCH', '/v1/councils/ryedale-moors', {
      token: String(token),
      body: {
        version: (current.body as { version: number }).version,
        name: 'Ryedale Moors District Council',
      },
    });
    expect(changed.status).toBe(200);

    await page.getByLabel(/^Deposits above this amount/).fill('6000');
    await page.getByRole('button', { name: 'Save the settings' }).click();
    await errorSummary(page, 'Someone changed these settings since you read them');
    await expect.poll(() => main(page)).toContain('Someone else saved changes to these settings');
    await checkPage(page, 'Council settings changed by someone else');
    await page.getByRole('button', { name: 'Show the latest settings' }).click();
    await expect
      .poll(() => page.getByLabel('Council name').inputValue())
      .toBe('Ryedale Moors District Council');
    expect(await page.getByLabel(/^Deposits above this amount/).inputValue()).toBe('5000.00');
    await page.close();
  });
});
