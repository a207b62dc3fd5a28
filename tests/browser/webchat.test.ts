/// <reference lib="dom" />
/**
 * The web chat page as a person uses it: the real service (as index.ts builds it) on port 0, the real
 * page with the vendored Web Chat bundle, in headless Chromium (Debian's `chromium`, driven by
 * playwright-core; no browser download). Screenshots of each step go to reports/browser/.
 * launchBrowser.ts finds the browser (CHROMIUM_PATH, or chromium on PATH) and skips these tests loudly
 * without one, except under CI or REQUIRE_BROWSER=1; `.ci/run` installs the package when it is missing.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { projectRoot } from '../../src/projectRoot';
import { startApp, type Started } from '../http/harness';
import { EXIT_URL, WEBCHAT_NEEDED, useChatPage } from './chatPageFixture';
import { closeAll, describeWithBrowser, launchBrowser } from './launchBrowser';

const SHOTS = join(projectRoot(), 'reports', 'browser');

/** The neutral site the quick exit goes to, served inside the browser (no internet here). */
async function serveNeutralSite(context: BrowserContext): Promise<void> {
  await context.route('https://neutral.example/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Weather</title><p>Weather</p>' }));
}

interface Watched {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions seen so far. */
  problems: string[];
}

describeWithBrowser('the web chat page in a real browser', () => {
  const fixture = useChatPage(SHOTS);

  async function open(width = 390): Promise<Watched> {
    const context = await fixture.browser.newContext({ viewport: { width, height: 800 } });
    await serveNeutralSite(context);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(fixture.app.url + '/');
    await botSays(page, /automated helper/);
    return { page, context, problems };
  }

  async function botSays(page: Page, text: RegExp): Promise<void> {
    await page.locator('.webchat__bubble:not(.webchat__bubble--from-user)').filter({ hasText: text }).last().waitFor({ timeout: 15_000 });
  }

  async function click(page: Page, label: string): Promise<void> {
    await page.getByRole('button', { name: label, exact: true }).last().click();
  }

  async function type(page: Page, text: string): Promise<void> {
    const box = page.getByPlaceholder('Type your message');
    await box.fill(text);
    await box.press('Enter');
  }

  async function shot(page: Page, name: string): Promise<void> {
    // Web Chat scrolls to the newest message with an animation.
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  }

  it('welcomes the person, with the 999 line and the quick exit in view, and no upload button', async () => {
    const { page, context, problems } = await open();
    await shot(page, '01-welcome');
    expect(await page.locator('p.emergency').innerText()).toBe('In an emergency, call 999.');
    expect(await page.locator('p.emergency').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Exit this page' }).isVisible()).toBe(true);
    expect(await page.locator('input[type="file"], [title="Upload file"]').count()).toBe(0);
    const headers = (await page.request.get(fixture.app.url + '/')).headers();
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('reaches True Vision by clicking the buttons', async () => {
    const { page, context, problems } = await open();
    await click(page, 'Report a hate crime');
    await botSays(page, /in danger/);
    await click(page, 'No');
    await botSays(page, /Did this happen to you/);
    await click(page, 'I saw it happen');
    await botSays(page, /comfortable reporting it to the police/);
    await shot(page, '02-clicking-mid-flow');
    await click(page, 'No');
    await botSays(page, /report-it\.org\.uk/);
    await shot(page, '03-clicking-true-vision');
    // Sent messages are not marked as failed (the echo carries clientActivityID).
    expect(await page.getByText(/Send failed/i).count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('reaches True Vision by typing, and an emergency mid-flow shows 999 at once', async () => {
    const { page, context, problems } = await open();
    await type(page, 'i want to report a hate crime');
    await botSays(page, /in danger/);
    await type(page, 'no');
    await botSays(page, /Did this happen to you/);
    await type(page, 'they are outside my door right now with a knife');
    await botSays(page, /Call 999 now/);
    await shot(page, '04-typing-emergency');
    await type(page, "I'm safe now, help me report");
    await botSays(page, /Did this happen to you/);
    await type(page, 'it happened to me');
    await botSays(page, /comfortable reporting it to the police/);
    await type(page, "I don't want to talk to the police");
    await botSays(page, /report-it\.org\.uk/);
    await shot(page, '05-typing-true-vision');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('quick exit (button) leaves for the neutral site, out of the history, with the chat and storage cleared', async () => {
    const { page, context, problems } = await open();
    await click(page, 'Report a hate crime');
    await botSays(page, /in danger/);
    await page.evaluate(() => {
      sessionStorage.setItem('left-behind', '1');
      localStorage.setItem('left-behind', '1');
    });
    await shot(page, '06-before-quick-exit');
    await page.getByRole('button', { name: 'Exit this page' }).click();
    await page.waitForURL(EXIT_URL);
    await shot(page, '07-after-quick-exit');
    // Back does not return to the chat: replace() took it out of the history.
    await page.goBack().catch(() => undefined);
    expect(page.url()).not.toContain(fixture.app.url);
    const cleared = await context.newPage();
    await cleared.goto(fixture.app.url + '/');
    expect(await cleared.evaluate(() => [sessionStorage.length, localStorage.getItem('left-behind')])).toEqual([0, null]);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('quick exit also works with the Escape key, even from the message box', async () => {
    const { page, context } = await open();
    await page.getByPlaceholder('Type your message').focus();
    await page.keyboard.press('Escape');
    await page.waitForURL(EXIT_URL);
    await context.close();
  }, 60_000);

  it('works by keyboard alone: quick exit is the first stop, then the chat, and Enter sends', async () => {
    const { page, context } = await open();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('quick-exit');
    const box = page.getByPlaceholder('Type your message');
    for (let i = 0; i < 40 && !(await box.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await page.keyboard.type('what is a hate crime');
    await page.keyboard.press('Enter');
    await botSays(page, /disability/);
    await context.close();
  }, 60_000);

  it('fits a 320 px wide phone without sideways scrolling', async () => {
    const { page, context } = await open(320);
    await click(page, 'Report a hate crime');
    await botSays(page, /in danger/);
    await shot(page, '08-phone-320');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    const exit = (await page.getByRole('button', { name: 'Exit this page' }).boundingBox())!;
    expect(exit.x).toBeGreaterThanOrEqual(0);
    expect(exit.x + exit.width).toBeLessThanOrEqual(320);
    expect(exit.y).toBeGreaterThanOrEqual(0);
    await context.close();
  }, 60_000);

  it('passes an automated accessibility scan (axe-core, WCAG 2.2 AA): no serious or critical violations', async () => {
    const { page, context } = await open();
    await click(page, 'Report a hate crime');
    await botSays(page, /in danger/);
    const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    // Evaluated through the DevTools protocol, which the page's CSP does not govern.
    await page.evaluate(axeSource);
    const results = await page.evaluate(async () => {
      type Result = { id: string; impact: string; help: string; nodes: { target: string[] }[] };
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Result[]; passes: Result[] }> } }).axe;
      return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    });
    // The scan ran: it checked many rules and found them met.
    expect(results.passes.length).toBeGreaterThan(15);
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
    await context.close();
  }, 60_000);
}, WEBCHAT_NEEDED);

describeWithBrowser('the embed snippet on a force website', () => {
  it('opens the chat in a panel on the host page, and quick exit leaves the host page too', async () => {
    let bot = '';
    const host = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(`<!doctype html><html lang="en"><title>Force website</title><h1>Force website</h1><script src="${bot}/embed.js" defer></script></html>`);
    });
    let s: Started | undefined;
    let browser: Browser | undefined;
    try {
      await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
      const hostOrigin = `http://localhost:${(host.address() as AddressInfo).port}`;
      s = await startApp({}, { WEBCHAT_EXIT_URL: EXIT_URL, WEBCHAT_FRAME_ANCESTORS: hostOrigin });
      bot = s.url;
      browser = await launchBrowser(WEBCHAT_NEEDED);
      const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
      await serveNeutralSite(context);
      const page = await context.newPage();
      await page.goto(hostOrigin + '/');
      await page.getByRole('button', { name: 'Chat: find the right way to report a hate crime' }).click();
      const frame = page.frameLocator('iframe');
      await frame.locator('.webchat__bubble').filter({ hasText: /automated helper/ }).first().waitFor({ timeout: 15_000 });
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(SHOTS, '09-embedded.png') });
      // Pressed with the keyboard: Playwright's pointer hit-testing stalls in a cross-origin frame.
      await frame.getByRole('button', { name: 'Exit this page' }).press('Enter');
      await page.waitForURL(EXIT_URL);
    } finally {
      await closeAll(
        () => browser?.close(),
        () => s?.app.shutdown(),
        () => host.close(),
      );
    }
  }, 60_000);
}, WEBCHAT_NEEDED);
