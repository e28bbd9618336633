/**
 * Debian's chromium, driven by playwright-core (no browser download), with the checks every page
 * in a journey must pass: zero axe-core violations against the WCAG 2.2 A and AA rules, nothing
 * wider than a 320 px screen, and screenshots at desktop and phone width for people to look at.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const screenshotDir = resolve(import.meta.dirname, '../../../test-results/e2e');
export const desktop = { width: 1280, height: 900 };
export const phone = { width: 320, height: 720 };

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface Browser {
  context: BrowserContext;
  /** A new tab: its own sessionStorage, so its own sign-in. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'carepool-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
    viewport: desktop,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    reducedMotion: 'reduce',
  });
  mkdirSync(screenshotDir, { recursive: true });
  return {
    context,
    newPage: async () => {
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      page.on('pageerror', (error) => {
        throw new Error(`The page threw: ${error.message}`);
      });
      return page;
    },
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/** Runs axe-core on the page as it is now and fails with every violation spelled out. */
export async function expectNoAxeViolations(page: Page, name: string): Promise<void> {
  const hasAxe = await page.evaluate(() => 'axe' in window);
  if (!hasAxe) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async (tags) => {
    const { axe } = window as unknown as {
      axe: { run(context: Document, options: unknown): Promise<{ violations: unknown[] }> };
    };
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return result.violations;
  }, axeTags);
  const described = (violations as AxeViolation[]).map(
    (v) =>
      `${v.id} (${v.impact ?? 'unknown'}): ${v.help}\n${v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`)
        .join('\n')}`,
  );
  expect(described, `axe violations on ${name} (${page.url()})`).toEqual([]);
}

/** Nothing on the page may be wider than the screen: reading must never need sideways scrolling. */
export async function expectNoHorizontalOverflow(page: Page, name: string): Promise<void> {
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    return [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && el.offsetParent !== null)
      .slice(0, 8)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}.${el.className} (${Math.round(el.getBoundingClientRect().right)}px)`,
      );
  });
  expect(overflow, `elements wider than the screen on ${name} (${page.url()})`).toEqual([]);
}

const visited = new Set<string>();

/**
 * The checks for every page in a journey: axe at desktop width, then at 320 px the overflow
 * check and a screenshot, then back to desktop for a screenshot there.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  await page.locator('main h1').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('.app-loading'));
  await expectNoAxeViolations(page, name);
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  await page.setViewportSize(phone);
  await expectNoHorizontalOverflow(page, name);
  await page.screenshot({ path: join(screenshotDir, `${slug}-phone.png`), fullPage: true });
  await page.setViewportSize(desktop);
  await page.screenshot({ path: join(screenshotDir, `${slug}-desktop.png`), fullPage: true });
  visited.add(name);
}

export function pagesChecked(): number {
  return visited.size;
}

/** The page's title, as a screen reader announces it on arrival. */
export async function expectTitle(page: Page, title: string | RegExp): Promise<void> {
  await expect.poll(() => page.title()).toMatch(title);
}

/**
 * Moves focus with the Tab key (and arrow keys inside a radio group) until the target has it,
 * as a keyboard user would. Fails if the target cannot be reached.
 */
export async function tabTo(page: Page, target: Locator, maxPresses = 120): Promise<void> {
  for (let press = 0; press < maxPresses; press++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
    const radioName = await target.evaluate((el) =>
      el instanceof HTMLInputElement && el.type === 'radio' ? el.name : undefined,
    );
    const activeRadio = await page.evaluate(() => {
      const el = document.activeElement;
      return el instanceof HTMLInputElement && el.type === 'radio' ? el.name : undefined;
    });
    if (radioName && activeRadio === radioName) {
      for (let arrow = 0; arrow < 30; arrow++) {
        await page.keyboard.press('ArrowDown');
        if (await target.evaluate((el) => el === document.activeElement)) return;
      }
    }
  }
  throw new Error(`Could not reach ${target} with the keyboard`);
}

/** The element that has focus, described for assertions. */
export async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el
      ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}: ${(el.textContent ?? '').trim().slice(0, 60)}`
      : '';
  });
}

/** Signs in through the web app's own "Sign in as" page, as a person trying the demo would. */
export async function signInAs(page: Page, baseUrl: string, name: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByRole('button', { name: `Sign in as ${name}` }).click();
  await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toContain(name);
}
