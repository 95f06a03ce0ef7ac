import { readFileSync } from 'node:fs';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * A real browser for the web tests: Debian's Chromium (`apt-get install -y chromium`; Playwright's own download does
 * not work here), driven by playwright-core. CHROMIUM_PATH names another binary.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does), or set CHROMIUM_PATH`);
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/** Where each page's screenshot goes (the README names it); SCREENSHOTS overrides. */
export const SCREENSHOTS = process.env.SCREENSHOTS ?? join(__dirname, '..', '..', '.data', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** A person's own browser (cookies of their own), on a phone-sized screen if `phone`. */
export async function personContext(browser: Browser, phone = false): Promise<BrowserContext> {
  return browser.newContext(
    phone
      ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
      : { viewport: { width: 1280, height: 900 } },
  );
}

/** Opens a sign-in link and presses its button, as the person would; resolves on the page it lands on. */
export async function signIn(context: BrowserContext, link: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(link);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/app\/[^/]+\/[a-z]+/, { timeout: 30_000 });
  return page;
}

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: number;
}

/** axe-core's violations on the page as it is now, serious and critical only. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated, not added as a <script>: the page's Content-Security-Policy rightly refuses inline scripts.
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const all = (await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run()).violations;
  })) as { id: string; impact: string | null; help: string; nodes: unknown[] }[];
  return all
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
}

/**
 * Every English text of the pages (`en`'s leaves) that shows on `page` as words of its own (`Audit` is not found in
 * `Auditoria`): what a Tetum page must have none of.
 */
export async function englishLeft(
  page: Page,
  english: readonly string[],
  /** What people wrote (a network's name, a comment): theirs to write in English. */
  userTexts: readonly string[] = [],
): Promise<string[]> {
  // In the page (no DOM types here: this file is Node's).
  let shown = await page.evaluate(
    () => (globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText,
  );
  for (const u of userTexts) shown = shown.split(u).join(' ');
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return english.flatMap((s) => {
    const m = new RegExp(`(^|[^\\p{L}])${escape(s)}($|[^\\p{L}])`, 'u').exec(shown);
    return m
      ? [`${s} in “${shown.slice(Math.max(0, m.index - 40), m.index + s.length + 40).replace(/\s+/g, ' ')}”`]
      : [];
  });
}

/** How many pixels the page is wider than its window (a phone page that scrolls sideways is broken). */
export async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = (
      globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
    ).document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
}
