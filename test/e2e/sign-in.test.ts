/**
 * Hosted sign-in (issue 7), in a real browser: `/v1/auth/config` says "cognito", pointing at a fake
 * Cognito on 127.0.0.1 (`support/fake-cognito.ts`), and the web app signs in with the OAuth code
 * flow and PKCE, renews its ID token before it expires and after a 401, signs out there too, and
 * refuses a callback it did not start. Every page is checked as in the other journeys.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, startApp } from './support/app.ts';
import { type Browser, checkPage, expectTitle, focused, launchBrowser } from './support/browser.ts';
import { type FakeCognito, type HostedUser, startFakeCognito } from './support/fake-cognito.ts';
import { buildWorld, type World } from './support/world.ts';

let app: App;
let world: World;
let browser: Browser;
let cognito: FakeCognito;
let jean: HostedUser;

beforeAll(async () => {
  app = await startApp();
  world = await buildWorld(app);
  cognito = await startFakeCognito({ signingKey: app.signingKey, clientId: 'carepool-web-e2e' });
  // The platform function reads these at cold start in AWS; here its environment is this object.
  app.runtime.deps.env.CAREPOOL_AUTH_DOMAIN = cognito.url;
  app.runtime.deps.env.CAREPOOL_AUTH_CLIENT_ID = cognito.clientId;
  const { userId, name, roles, councilId, personId } = world.users.jean;
  jean = { userId, name, roles, councilId, personId };
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await cognito?.close();
  await app?.close();
});

const stored = (page: Page) =>
  page.evaluate(() => ({
    token: sessionStorage.getItem('carepool.token'),
    hosted: sessionStorage.getItem('carepool.hosted'),
    attempt: sessionStorage.getItem('carepool.signIn'),
  }));

async function signInHosted(page: Page, user: HostedUser): Promise<void> {
  cognito.user = user;
  await page.goto(`${app.url}/sign-in`);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toContain(user.name);
}

/** The stored ID token with its signature spoiled: the API answers 401, but it has not expired. */
async function spoilToken(page: Page): Promise<void> {
  await page.evaluate(() => {
    const token = sessionStorage.getItem('carepool.token') ?? '';
    sessionStorage.setItem('carepool.token', `${token.slice(0, token.lastIndexOf('.'))}.AAAA`);
  });
}

describe('hosted sign-in', () => {
  it('signs in through the hosted page with PKCE, lands on the home page, and renews the token before it expires', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/sign-in`);
    await expectTitle(page, /^Sign in – Carepool$/);
    const start = page.getByRole('button', { name: 'Sign in', exact: true });
    await start.waitFor();
    expect(await page.getByRole('button', { name: /^Sign in as/ }).count()).toBe(0);
    await checkPage(page, 'Hosted sign-in');

    cognito.user = jean;
    cognito.idTokenSeconds = 62; // renewed a minute before it expires: two seconds from now
    await start.click();
    await page.waitForURL(`${app.url}/people/${jean.personId}`);
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toContain('Jean Barker');
    expect(cognito.seen).toMatchObject({ codesIssued: 1, codesRedeemed: 1 });
    // The code is gone from the address and from history; the verifier is gone from storage.
    expect(page.url()).not.toContain('code=');
    const first = await stored(page);
    expect(first.attempt).toBeNull();
    expect(first.token).toMatch(/^ey/);
    expect(JSON.parse(first.hosted ?? '{}')).toMatchObject({
      domain: cognito.url,
      clientId: cognito.clientId,
    });

    cognito.idTokenSeconds = 3600;
    await expect.poll(() => cognito.seen.refreshes, { timeout: 10_000 }).toBe(1);
    await expect.poll(async () => (await stored(page)).token).not.toBe(first.token);
    await page.getByRole('link', { name: 'Statement of money in and out' }).click();
    await expectTitle(page, /^Your statement/);
    await page.getByTestId('statement').waitFor();
    expect(await page.getByTestId('signed-in-as').textContent()).toContain('Jean Barker');
    expect(cognito.problems).toEqual([]);
    await page.close();
  });

  it('renews the token after a 401, and signs out when it cannot', async () => {
    const page = await browser.newPage();
    await signInHosted(page, jean);
    const refreshes = cognito.seen.refreshes;

    await spoilToken(page);
    await page.reload();
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toContain('Jean Barker');
    expect(cognito.seen.refreshes).toBe(refreshes + 1);
    await page.locator('main h1').waitFor();
    expect(await page.locator('.govuk-error-summary').count()).toBe(0);

    cognito.refuseRefresh = true;
    try {
      const wasOn = new URL(page.url()).pathname;
      await spoilToken(page);
      await page.reload();
      // Back to sign-in, remembering the page to return to afterwards.
      await page.waitForURL(
        (url) =>
          url.pathname === '/sign-in' &&
          url.searchParams.get('expired') === '1' &&
          url.searchParams.get('next') === wasOn,
      );
      await page.locator('.govuk-notification-banner', { hasText: 'Your sign-in ended' }).waitFor();
      expect(await stored(page)).toEqual({ token: null, hosted: null, attempt: null });
      expect(cognito.seen.refreshes).toBe(refreshes + 2);
      await checkPage(page, 'Hosted sign-in after the sign-in ended');
    } finally {
      cognito.refuseRefresh = false;
    }
    expect(cognito.problems).toEqual([]);
    await page.close();
  });

  it('signs out there too: revokes the refresh token and comes back to "You have signed out"', async () => {
    const page = await browser.newPage();
    await signInHosted(page, jean);
    const { hosted } = await stored(page);
    const { refreshToken } = JSON.parse(hosted ?? '{}') as { refreshToken: string };

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${app.url}/signed-out`);
    await expectTitle(page, /^You have signed out/);
    expect(cognito.seen.revoked).toContain(refreshToken);
    expect(cognito.seen.logouts.at(-1)).toEqual({
      clientId: cognito.clientId,
      logoutUri: `${app.url}/signed-out`,
    });
    expect(await stored(page)).toEqual({ token: null, hosted: null, attempt: null });
    expect(await page.getByRole('link', { name: 'Sign in', exact: true }).count()).toBe(1);
    await checkPage(page, 'Signed out after hosted sign-in');
    expect(cognito.problems).toEqual([]);
    await page.close();
  });

  it('refuses a callback this tab did not start, and explains an error from the hosted page', async () => {
    const page = await browser.newPage();
    const redeemed = cognito.seen.codesRedeemed;
    await page.goto(`${app.url}/signed-in?code=someone-elses-code&state=forged`);
    await expectTitle(page, /^Sign-in did not finish/);
    expect(await focused(page)).toBe('h1: Sign-in did not finish');
    expect(page.url()).toBe(`${app.url}/signed-in`);
    expect(cognito.seen.codesRedeemed).toBe(redeemed);
    await checkPage(page, 'Sign-in did not finish');

    cognito.refuseNext = { error: 'access_denied', description: 'User is disabled.' };
    await page.getByRole('button', { name: 'Sign in again' }).click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expectTitle(page, /^You have not been signed in/);
    expect(await page.locator('main').textContent()).toContain('The sign-in page said: “User is disabled.”');
    expect(page.url()).toBe(`${app.url}/signed-in`);
    expect(await stored(page)).toEqual({ token: null, hosted: null, attempt: null });
    await checkPage(page, 'You have not been signed in');
    expect(cognito.problems).toEqual([]);
    await page.close();
  });
});
