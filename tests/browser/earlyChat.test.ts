/// <reference lib="dom" />
/**
 * The page's own chat, before Web Chat has loaded (on a slow phone, seconds): the welcome's menu buttons and the
 * message box work at once and get the right answers through the page's Direct Line client; when Web Chat
 * arrives it shows the whole conversation once and carries on from where the person was; it never takes over
 * while the person is writing, and its bundle runs only when no answer is awaited; without Web Chat the page's
 * chat goes on working. Web Chat's bundle is held back
 * (or refused) in the browser, so "before" is certain, not a race. Real service on port 0, headless Chromium
 * (launchBrowser.ts). Screenshots: reports/browser/early/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { projectRoot } from '../../src/projectRoot';
import { EXIT_URL, WEBCHAT_NEEDED, useChatPage } from './chatPageFixture';
import { describeWithBrowser } from './launchBrowser';

const SHOTS = join(projectRoot(), 'reports', 'browser', 'early');

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844, mobile: true },
  { name: 'desktop', width: 1280, height: 800, mobile: false },
] as const;

interface Opened {
  page: Page;
  context: BrowserContext;
  /** Lets Web Chat's bundle arrive. */
  releaseWebChat: () => void;
  problems: string[];
}

describeWithBrowser("the page's own chat, before Web Chat has loaded", () => {
  const fixture = useChatPage(SHOTS);

  /** The page with Web Chat's bundle held back (`refuse`: it never comes), and the page's chat working. */
  async function open(v: (typeof VIEWPORTS)[number] = VIEWPORTS[0], refuse = false): Promise<Opened> {
    const context = await fixture.browser.newContext({ viewport: { width: v.width, height: v.height }, isMobile: v.mobile, hasTouch: v.mobile });
    await context.route('https://neutral.example/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Weather</title>' }));
    let releaseWebChat: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (releaseWebChat = resolve));
    await context.route('**/webchat/vendor/**', async (route) => {
      if (refuse) return route.abort();
      await released;
      await route.continue();
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && !(refuse && /webchat-minimal|ERR_FAILED/.test(message.text()))) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(fixture.app.url + '/', { waitUntil: 'commit' });
    await page.locator('.early-choice:not([disabled])').first().waitFor({ timeout: 10_000 });
    return { page, context, releaseWebChat, problems };
  }

  const earlyBot = (page: Page) => page.locator('#early .early-message--bot');
  const webChatBot = (page: Page) => page.locator('.webchat__bubble:not(.webchat__bubble--from-user)');

  /** Taps a menu button (or types, "type:...") in the page's chat; returns the first message of the answer. */
  async function step(page: Page, what: string) {
    const before = await earlyBot(page).count();
    if (what.startsWith('type:')) {
      await page.locator('#early-text').fill(what.slice(5));
      await page.locator('#early-text').press('Enter');
    } else {
      await page.locator('#early-choices').getByRole('button', { name: what, exact: true }).click();
    }
    await earlyBot(page).nth(before).waitFor({ timeout: 15_000 });
    await page.locator('#early-choices button').first().waitFor({ timeout: 15_000 });
    return earlyBot(page).nth(before);
  }

  async function inView(page: Page, locator: ReturnType<Page['locator']>, area: string): Promise<boolean> {
    const inner = (await locator.boundingBox())!;
    const outer = (await page.locator(area).boundingBox())!;
    return inner.y >= outer.y - 1 && inner.y + Math.min(inner.height, 24) <= outer.y + outer.height + 1;
  }

  it('answers a menu button before Web Chat has loaded, then Web Chat shows the whole conversation once and carries on', async () => {
    const { page, context, releaseWebChat, problems } = await open();
    expect(await page.locator('.webchat__bubble').count()).toBe(0);
    const answer = await step(page, 'Report a hate crime');
    expect(await answer.innerText()).toMatch(/^First, is anyone in danger right now/);
    expect(await page.locator('#early .early-message--user').allInnerTexts()).toEqual(['Report a hate crime']);
    // The person's first message folds the introduction away, as with Web Chat.
    expect(await page.locator('body.chat-started').count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'phone-before-web-chat.png') });

    releaseWebChat();
    await page.locator('#early').waitFor({ state: 'detached', timeout: 20_000 });
    expect(await page.locator('#webchat[inert]').count()).toBe(0);
    // Every message once: the welcome, the person's tap, the answer; no "send failed".
    expect(await webChatBot(page).filter({ hasText: /Hello\. I'm an automated helper/ }).count()).toBe(1);
    expect(await page.locator('.webchat__bubble--from-user').allInnerTexts()).toEqual(['Report a hate crime']);
    expect(await webChatBot(page).filter({ hasText: /First, is anyone in danger right now/ }).count()).toBe(1);
    expect(await page.getByText(/Send failed/i).count()).toBe(0);
    // The answer's start is on screen in Web Chat too.
    expect(await inView(page, webChatBot(page).last(), '.webchat__basic-transcript__scrollable')).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'phone-after-web-chat.png') });

    // The conversation carries on in Web Chat from the same step: "No" answers the danger question.
    await page.getByRole('button', { name: 'No', exact: true }).last().click();
    await webChatBot(page).filter({ hasText: /Did this happen to you/ }).waitFor({ timeout: 15_000 });
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('keeps "Call 999 now" on screen when Web Chat takes over after a long emergency answer (375x667)', async () => {
    const { page, context, releaseWebChat, problems } = await open({ name: 'small-phone', width: 375, height: 667, mobile: true } as unknown as (typeof VIEWPORTS)[number]);
    await step(page, 'Report a hate crime');
    await step(page, 'type:they are outside my door right now with a knife');
    await page.locator('#early-text').blur();
    releaseWebChat();
    await page.locator('#early').waitFor({ state: 'detached', timeout: 20_000 });
    await page.waitForTimeout(1000);
    await page.screenshot({ path: join(SHOTS, 'small-phone-emergency-after-web-chat.png') });
    const answer = webChatBot(page).filter({ hasText: /^Call 999 now/ }).last();
    // Taller than the conversation: Web Chat's default (the end) would hide "Call 999 now".
    expect((await answer.boundingBox())!.height).toBeGreaterThan((await page.locator('.webchat__basic-transcript__scrollable').boundingBox())!.height - 60);
    expect(await inView(page, answer.locator('p.action a[href="tel:999"]').first(), '.webchat__basic-transcript__scrollable')).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  for (const v of VIEWPORTS) {
    it(`${v.name}: a typed emergency before Web Chat has loaded gets "Call 999 now" first, on screen, as a large button`, async () => {
      const { page, context } = await open(v);
      const answer = await step(page, 'type:they are outside my door right now with a knife');
      await page.screenshot({ path: join(SHOTS, `${v.name}-emergency.png`) });
      expect(await answer.innerText()).toMatch(/^Call 999 now/);
      const call = answer.locator('p.action a[href="tel:999"]').first();
      expect((await call.boundingBox())!.height).toBeGreaterThanOrEqual(48);
      expect(await inView(page, answer, '#early-log')).toBe(true);
      expect(await inView(page, call, '#early-log')).toBe(true);
      // 999 stays on screen above the conversation, and the quick exit too.
      const line = (await page.locator('p.emergency a[href="tel:999"]').boundingBox())!;
      expect(line.y).toBeGreaterThanOrEqual(0);
      expect(line.y + line.height).toBeLessThanOrEqual((await page.locator('#early-log').boundingBox())!.y);
      expect(await page.getByRole('button', { name: 'Exit this page' }).isVisible()).toBe(true);
      await context.close();
    }, 60_000);

    it(`${v.name}: passes axe-core (WCAG 2.2 AA) with no violations, at the welcome and after an answer`, async () => {
      const { page, context } = await open(v);
      await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
      const scan = () =>
        page.evaluate(async () => {
          type Result = { id: string; impact: string; nodes: { target: string[] }[] };
          const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Result[]; passes: Result[] }> } }).axe;
          const results = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
          return { passes: results.passes.length, violations: results.violations.map((x) => `${x.id} (${x.impact}): ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`) };
        });
      const atWelcome = await scan();
      expect(atWelcome.passes).toBeGreaterThan(15);
      expect(atWelcome.violations).toEqual([]);
      await step(page, 'Report a hate crime');
      expect((await scan()).violations).toEqual([]);
      await context.close();
    }, 60_000);
  }

  it('quick exit (Escape, and the button) blanks the page while only the page’s chat is there', async () => {
    for (const how of ['Escape', 'button']) {
      const { page, context } = await open();
      await step(page, 'Report a hate crime');
      if (how === 'Escape') await page.locator('#early-text').press('Escape');
      else await page.getByRole('button', { name: 'Exit this page' }).click({ noWaitAfter: true });
      await page.waitForURL(EXIT_URL);
      await context.close();
    }
  }, 60_000);

  it('does not take over while the person is writing: Web Chat waits until they send, and nothing they typed is lost', async () => {
    const { page, context, releaseWebChat, problems } = await open(VIEWPORTS[1]);
    await page.locator('#early-text').fill('what is a hate');
    releaseWebChat();
    // Web Chat has loaded and rendered behind the page's chat, but the person is still writing.
    await page.locator('.webchat__suggested-action').first().waitFor({ state: 'attached', timeout: 20_000 });
    await page.waitForTimeout(500);
    expect(await page.locator('#early').count()).toBe(1);
    expect(await page.locator('#early-text').inputValue()).toBe('what is a hate');
    await page.locator('#early-text').press('End');
    await page.keyboard.type(' crime');
    await page.keyboard.press('Enter');
    await page.locator('#early').waitFor({ state: 'detached', timeout: 20_000 });
    await webChatBot(page).filter({ hasText: /disability/ }).first().waitFor({ timeout: 15_000 });
    expect(await page.locator('.webchat__bubble--from-user').allInnerTexts()).toEqual(['what is a hate crime']);
    // The person was in the message box: they are in Web Chat's now, and can go on typing.
    expect(await page.getByPlaceholder('Type your message').evaluate((e) => e === document.activeElement)).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it("runs Web Chat's bundle only when no answer is awaited (running it holds the page up for seconds on a slow phone)", async () => {
    const { page, context, releaseWebChat, problems } = await open(VIEWPORTS[1]);
    // The person's first message is answered only when the test says so.
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    await page.route('**/api/messages', async (route) => {
      if ((route.request().postData() ?? '').includes('"type":"message"')) await answered;
      await route.continue();
    });
    await page.locator('#early-choices').getByRole('button', { name: 'Report a hate crime', exact: true }).click();
    releaseWebChat();
    await page.waitForResponse('**/webchat/vendor/**');
    await page.waitForTimeout(500);
    // Downloaded, not run: the answer would have to wait for it.
    expect(await page.evaluate(() => 'WebChat' in window)).toBe(false);
    answer();
    await earlyBot(page).filter({ hasText: /First, is anyone in danger right now/ }).or(webChatBot(page).filter({ hasText: /First, is anyone in danger right now/ })).first().waitFor({ timeout: 15_000 });
    await page.locator('#early').waitFor({ state: 'detached', timeout: 20_000 });
    expect(await webChatBot(page).filter({ hasText: /First, is anyone in danger right now/ }).count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it("goes on working when Web Chat's bundle never arrives", async () => {
    const { page, context, problems } = await open(VIEWPORTS[0], true);
    await step(page, 'Report a hate crime');
    const answer = await step(page, 'No');
    expect(await answer.innerText()).toMatch(/^Did this happen to you/);
    expect(await page.locator('#unavailable').isHidden()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
}, WEBCHAT_NEEDED);
