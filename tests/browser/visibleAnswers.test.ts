/// <reference lib="dom" />
/**
 * The chat page as a frightened person on a phone sees it, and on a desktop: for each route (999, True
 * Vision, 101, online, LGBT+) the start of the answer and its action (the tap-to-call button or the
 * channel's link) are inside the visible conversation without scrolling (bounding boxes), the message area
 * is at least 40% of a phone's screen, numbers are tap-to-call links, the message box shows focus, Tab opens
 * no panel, the quick exit blanks the page at once, and axe-core finds nothing. Real service on port 0,
 * headless Chromium found and launched by launchBrowser.ts (CHROMIUM_PATH, or chromium on PATH; skipped
 * loudly without one, except under CI or REQUIRE_BROWSER=1). Screenshots of every route: reports/browser/routes/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { projectRoot } from '../../src/projectRoot';
import { EXIT_URL, WEBCHAT_NEEDED, useChatPage } from './chatPageFixture';
import { describeWithBrowser } from './launchBrowser';

const SHOTS = join(projectRoot(), 'reports', 'browser', 'routes');

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844, mobile: true },
  { name: 'desktop', width: 1280, height: 800, mobile: false },
] as const;
type Viewport = (typeof VIEWPORTS)[number];

/** Each route: how a person gets there, the words that start the answer, and the answer's action. */
const ROUTES = [
  { name: 'emergency', steps: ['type:they are outside my door right now with a knife'], first: /Call 999 now/, action: 'a[href="tel:999"]' },
  { name: 'true-vision', steps: ['Report a hate crime', 'No', 'I saw it happen', 'No'], first: /That's fine/, action: 'a[href="https://www.report-it.org.uk"]' },
  { name: 'call-101', steps: ['Report a hate crime', 'No', 'It happened to me', 'Yes, by phone'], first: /Call 101/, action: 'a[href="tel:101"]' },
  { name: 'online-report', steps: ['Report a hate crime', 'No', 'For someone else', 'Yes, online'], first: /Report it online/, action: 'a[href="https://www.herts.police.uk/Report"]' },
  { name: 'lgbt-liaison', steps: ['LGBT+ Liaison Officer', 'No'], first: /Call 101/, action: 'a[href="tel:101"]' },
] as const;

interface Box {
  top: number;
  bottom: number;
}

describeWithBrowser('the chat page on a phone and a desktop: what matters is on screen', () => {
  const fixture = useChatPage(SHOTS);

  async function open(v: Viewport): Promise<Page> {
    const context = await fixture.browser.newContext({ viewport: { width: v.width, height: v.height }, isMobile: v.mobile, hasTouch: v.mobile });
    await context.route('https://neutral.example/**', async (route) => {
      // A slow neutral site: the quick exit must not wait for it to blank the page.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Weather</title><p>Weather</p>' });
    });
    const page = await context.newPage();
    await page.goto(fixture.app.url + '/');
    await page.locator('.webchat__suggested-action').first().waitFor({ timeout: 20_000 });
    await settled(page);
    return page;
  }

  const botBubbles = (page: Page) => page.locator('.webchat__bubble:not(.webchat__bubble--from-user)');

  /** Web Chat scrolls with an animation: wait until the conversation has stopped moving. */
  async function settled(page: Page): Promise<void> {
    let last = -1;
    for (let i = 0; i < 40; i++) {
      await page.waitForTimeout(100);
      const top = await page.locator('.webchat__basic-transcript__scrollable').evaluate((e) => e.scrollTop);
      if (top === last) return;
      last = top;
    }
  }

  /** Does one step (a button's label, or "type:" and words), and returns the first message of the bot's answer. */
  async function step(page: Page, what: string): Promise<Locator> {
    const before = await botBubbles(page).count();
    if (what.startsWith('type:')) {
      const box = page.getByPlaceholder('Type your message');
      await box.fill(what.slice(5));
      await box.press('Enter');
    } else {
      await page.getByRole('button', { name: what, exact: true }).last().click();
    }
    await botBubbles(page).nth(before).waitFor({ timeout: 15_000 });
    await page.locator('.webchat__suggested-action').first().waitFor({ timeout: 15_000 });
    await settled(page);
    return botBubbles(page).nth(before);
  }

  async function box(locator: Locator): Promise<Box> {
    const b = (await locator.boundingBox())!;
    return { top: b.y, bottom: b.y + b.height };
  }

  /** The part of the conversation a person sees: the transcript, clipped to the screen. */
  async function visibleArea(page: Page, v: Viewport): Promise<Box> {
    const t = await box(page.locator('.webchat__basic-transcript__scrollable'));
    return { top: Math.max(0, t.top), bottom: Math.min(v.height, t.bottom) };
  }

  const inside = (inner: Box, outer: Box) => inner.top >= outer.top - 1 && inner.bottom <= outer.bottom + 1;

  it('scrolls to the start of a new answer, not to its end, when the answer is taller than the conversation (375x667)', async () => {
    const small = { name: 'small-phone', width: 375, height: 667, mobile: true } as unknown as Viewport;
    const page = await open(small);
    await step(page, 'Report a hate crime');
    const answer = await step(page, 'type:they are outside my door right now with a knife');
    await page.screenshot({ path: join(SHOTS, 'small-phone-emergency.png') });
    const area = await visibleArea(page, small);
    const turn = { top: (await box(answer)).top, bottom: (await box(botBubbles(page).last())).bottom };
    // The answer does not fit: Web Chat's default (follow the bottom) would hide "Call 999 now".
    expect(turn.bottom - turn.top).toBeGreaterThan(area.bottom - area.top);
    expect(inside(await box(answer.locator('a[href="tel:999"]').first()), area)).toBe(true);
    expect(inside({ top: turn.top, bottom: turn.top + 24 }, area)).toBe(true);
    await page.context().close();
  }, 60_000);

  it('while Web Chat is still loading (a slow phone), shows the welcome and the quick exit already works', async () => {
    const context = await fixture.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await context.route('https://neutral.example/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Weather</title>' }));
    // Web Chat's bundle never arrives in this test.
    await context.route('**/webchat/vendor/**', () => new Promise(() => undefined));
    const page = await context.newPage();
    await page.goto(fixture.app.url + '/', { waitUntil: 'commit' });
    const preview = page.locator('#welcome-preview');
    await preview.waitFor({ timeout: 5_000 });
    expect(await preview.innerText()).toMatch(/^Hello\. I'm an automated helper[\s\S]*In an emergency, call 999\./);
    expect(await preview.locator('a[href="tel:999"]').count()).toBe(1);
    expect(await page.locator('.webchat__bubble').count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.waitForURL(EXIT_URL);
    await context.close();
  }, 60_000);

  for (const v of VIEWPORTS) {
    describe(`${v.name} (${v.width}x${v.height})`, () => {
      it('shows the welcome from its first line, with the conversation taking most of the screen', async () => {
        const page = await open(v);
        const welcome = botBubbles(page).first();
        const area = await visibleArea(page, v);
        expect(await welcome.innerText()).toMatch(/^Hello/);
        // The page's own copy of the welcome (shown while Web Chat loads) has made way: one welcome, not two.
        expect(await page.locator('#welcome-preview').count()).toBe(0);
        expect(await page.locator('.webchat__bubble, #welcome-preview').filter({ hasText: /Hello\. I'm an automated helper/ }).count()).toBe(1);
        expect(inside({ top: (await box(welcome)).top, bottom: (await box(welcome)).top + 24 }, area)).toBe(true);
        // The message area: at least 40% of the screen (on a phone it was 183 px of 844).
        expect((area.bottom - area.top) / v.height).toBeGreaterThanOrEqual(0.4);
        // The 999 line and the quick exit are on screen; 999 is tap-to-call.
        const line = await box(page.locator('p.emergency'));
        expect(line.top).toBeGreaterThanOrEqual(0);
        expect(line.bottom).toBeLessThanOrEqual(v.height);
        expect(await page.locator('p.emergency a[href="tel:999"]').innerText()).toBe('999');
        expect(await page.getByRole('button', { name: 'Exit this page' }).isVisible()).toBe(true);
        await page.screenshot({ path: join(SHOTS, `${v.name}-welcome.png`) });
        await page.context().close();
      }, 60_000);

      it.each(ROUTES)('$name: the first line of the answer and its action are visible without scrolling', async ({ name, steps, first, action }) => {
        const page = await open(v);
        let answer = botBubbles(page).first();
        for (const what of steps) answer = await step(page, what);
        await page.screenshot({ path: join(SHOTS, `${v.name}-${name}.png`) });
        const area = await visibleArea(page, v);
        expect(await answer.innerText()).toMatch(new RegExp(`^${first.source}`));
        const start = await box(answer);
        // The answer's first line is on screen...
        expect(inside({ top: start.top, bottom: start.top + 24 }, area)).toBe(true);
        // ...and so is its action: the tap-to-call button or the channel's link.
        const link = answer.locator(action).first();
        expect(inside(await box(link), area)).toBe(true);
        // 999 stays one tap away: the page's line, on screen, above the conversation.
        const line = await box(page.locator('p.emergency a[href="tel:999"]'));
        expect(line.top).toBeGreaterThanOrEqual(0);
        expect(line.bottom).toBeLessThanOrEqual(area.top);
        if (v.mobile) expect((area.bottom - area.top) / v.height).toBeGreaterThanOrEqual(0.4);
        if (name === 'emergency') {
          // "Call 999 now" leads, as a large button; nothing about LGBT+ when nothing was said about it.
          expect(await answer.locator('p').first().getAttribute('class')).toBe('action');
          const call = await answer.locator('p.action a[href="tel:999"]').boundingBox();
          expect(call!.height).toBeGreaterThanOrEqual(48);
          expect(await answer.innerText()).not.toContain('LGBT');
        }
        await page.context().close();
      }, 90_000);

      it('shows where the focus is in the message box, and Tab opens no panel over the conversation', async () => {
        const page = await open(v);
        const input = page.getByPlaceholder('Type your message');
        const sendBox = page.locator('.webchat__send-box-text-box');
        const unfocused = await sendBox.screenshot();
        const transcript = await box(page.locator('.webchat__basic-transcript__scrollable'));
        const middle = { x: v.width / 2, y: (transcript.top + transcript.bottom) / 2 };
        let reached = false;
        for (let i = 0; i < 30 && !reached; i++) {
          await page.keyboard.press('Tab');
          // Whatever has the focus, the conversation is not covered by a panel.
          const covering = await page.evaluate(({ x, y }) => {
            const shown = document.querySelector('.webchat__keyboard-help--shown');
            const top = document.elementFromPoint(x, y);
            return { panel: shown ? window.getComputedStyle(shown).display !== 'none' : false, inTranscript: !!top?.closest('.webchat__basic-transcript') };
          }, middle);
          expect(covering).toEqual({ panel: false, inTranscript: true });
          reached = await input.evaluate((e) => e === document.activeElement);
        }
        expect(reached).toBe(true);
        const style = await sendBox.evaluate((e) => ({ outline: getComputedStyle(e).outlineStyle, width: parseFloat(getComputedStyle(e).outlineWidth) }));
        expect(style.outline).toBe('solid');
        expect(style.width).toBeGreaterThanOrEqual(2);
        // And it shows: the message box looks different with the focus in it.
        expect((await sendBox.screenshot()).equals(unfocused)).toBe(false);
        await page.context().close();
      }, 60_000);

      it('quick exit blanks the whole page at once, before the next site has arrived', async () => {
        const page = await open(v);
        await step(page, 'Report a hate crime');
        // What the page shows right after the quick exit's own click handler has run (registered after it).
        let report: (left: unknown) => void = () => undefined;
        const seen = new Promise((resolve) => (report = resolve));
        await page.exposeFunction('reportAfterExit', (left: unknown) => report(left));
        await page.evaluate(() =>
          document.getElementById('quick-exit')!.addEventListener('click', () => {
            const left = { text: document.body.innerText.trim(), headings: document.querySelectorAll('h1, h2').length, title: document.title };
            void (window as unknown as { reportAfterExit: (l: unknown) => Promise<void> }).reportAfterExit(left);
          }),
        );
        await page.getByRole('button', { name: 'Exit this page' }).click({ noWaitAfter: true });
        // The neutral site takes 1.5 s to arrive; the page was blank at once.
        expect(await seen).toEqual({ text: '', headings: 0, title: '' });
        await page.waitForURL(EXIT_URL);
        await page.context().close();
      }, 60_000);

      it('passes axe-core (WCAG 2.2 AA) with no violations at all, after an answer', async () => {
        const page = await open(v);
        for (const what of ROUTES[1].steps) await step(page, what);
        await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
        const results = await page.evaluate(async () => {
          type Result = { id: string; impact: string; nodes: { target: string[] }[] };
          const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Result[]; passes: Result[] }> } }).axe;
          return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
        });
        expect(results.passes.length).toBeGreaterThan(15);
        expect(results.violations.map((x) => `${x.id} (${x.impact}): ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
        await page.context().close();
      }, 60_000);
    });
  }
}, WEBCHAT_NEEDED);
