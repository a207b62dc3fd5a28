/// <reference lib="dom" />
/**
 * `npm run page:bench`: how long the chat page takes to show the bot's welcome and to be usable, in headless
 * Chromium (Debian's `chromium`, or CHROMIUM_PATH), against the bot run exactly as `npm start` runs it.
 *   loopback  1280x800, no throttling: what this machine does at best.
 *   phone     390x844, Chromium's DevTools-protocol emulation of a mid-range phone on a mobile network: DevTools'
 *             own "Slow 4G" preset (Lighthouse's mobile profile as DevTools applies it: 150 ms round trip x 3.75 =
 *             562.5 ms added to each request, 1.6 Mbit/s down and 750 kbit/s up x 0.9) and its "4x slowdown" CPU.
 * Each run is a new browser context (nothing cached: a first visit). From navigation start:
 *   welcome on screen  the welcome's words painted: the page's own copy of it (Element Timing on
 *                      elementtiming="welcome" on its first paragraph), or Web Chat's first bot message if that came first;
 *   chat usable        a menu button is on screen and works: the page taps the first one at once (in the page, as
 *                      soon as one is there, enabled, after a frame), and
 *   first answer       the bot's answer to that tap is on screen (a bot message that was not there at the tap);
 *   Web Chat ready     Web Chat shows the conversation with its menu (it may come after the answer);
 * also first contentful paint, the longest task on the main thread (a tap waits for it), the bytes the page
 * transferred and the Web Chat bundle's size on the wire.
 *   npm run page:bench -- --runs 5
 * It prints figures (and writes reports/page-bench.json); it does not pass or fail.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { projectRoot } from '../src/projectRoot';
import { startCommand } from './startCommand';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface Profile {
  name: string;
  viewport: { width: number; height: number };
  /** DevTools protocol network emulation; undefined = none. */
  network?: { latency: number; downloadThroughput: number; uploadThroughput: number };
  cpuSlowdown?: number;
}

/** DevTools' "Slow 4G" network preset (its figures, as Chromium's DevTools front end defines them). */
const SLOW_4G = { latency: 150 * 3.75, downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9, uploadThroughput: ((750 * 1000) / 8) * 0.9 };

const PROFILES: Profile[] = [
  { name: 'loopback (1280x800, no throttling)', viewport: { width: 1280, height: 800 } },
  {
    name: "phone (390x844, DevTools' Slow 4G: +562.5 ms a request, 1.44 Mbit/s down, 675 kbit/s up; CPU 4x slower)",
    viewport: { width: 390, height: 844 },
    network: SLOW_4G,
    cpuSlowdown: 4,
  },
];

/** The bot as `npm start` runs it, on a free loopback port. */
async function startBot(): Promise<{ url: string; stop: () => Promise<void> }> {
  const { flags, entry } = startCommand();
  const child = spawn(process.execPath, [...flags, entry], { env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output);
      if (match) resolve(match[1]!);
    });
    void exited.then(() => reject(new Error(`the bot exited before it listened:\n${output}`)));
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

interface Sample {
  /** The welcome's words on screen: the page's own copy (painted with the page) or Web Chat's first message. */
  welcomeMs: number;
  /** A menu button on screen that works (tapped at once). */
  usableMs: number;
  /** The bot's answer to that tap on screen. */
  answerMs: number;
  /** Web Chat shows the conversation with its menu. */
  webChatMs: number;
  fcpMs: number;
  longestTaskMs: number;
  transferredBytes: number;
  bundleBytes: number;
  /** What was tapped and how the answer starts (a check that the tap got the right answer). */
  tapped: string;
  answer: string;
}

interface Marks {
  previewPainted?: number;
  webChatWelcome?: number;
  webChat?: number;
  usable?: number;
  answer?: number;
  tapped?: string;
  answerText?: string;
  longestTask: number;
}

/**
 * Runs in the page before any of its scripts: notes when each thing appears (no polling), and taps the first
 * menu button that works as soon as there is one, like a person who knows what they want.
 */
function watchForWelcome(): void {
  // A menu button that works: Web Chat's, or the page's own (enabled once its script has wired it).
  const MENU_BUTTON = '.webchat__suggested-action, .early-choice:not([disabled])';
  const BOT_MESSAGE = '.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content, .early-message--bot';
  const marks: Marks = { longestTask: 0 };
  (window as unknown as { __marks: Marks }).__marks = marks;
  // Element Timing: when the page's copy of the welcome (elementtiming="welcome") was painted.
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEntry & { identifier?: string; renderTime?: number })[]) {
      if (entry.identifier === 'welcome') marks.previewPainted ??= entry.renderTime || entry.startTime;
    }
  }).observe({ type: 'element', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) marks.longestTask = Math.max(marks.longestTask, entry.duration);
  }).observe({ type: 'longtask', buffered: true });
  // Shown to the person: not inside an inert (still hidden) part of the page.
  const shown = (e: Element) => !e.closest('[inert], [hidden]') && e.getClientRects().length > 0;
  const botTexts = () => Array.from(document.querySelectorAll(BOT_MESSAGE)).filter(shown).map((e) => (e as HTMLElement).innerText.trim());
  let before: Set<string> | undefined;
  let tapping = false;
  new MutationObserver((_m, observer) => {
    const now = performance.now();
    if (marks.webChatWelcome === undefined && Array.from(document.querySelectorAll('.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content')).some(shown)) marks.webChatWelcome = now;
    if (marks.webChat === undefined && Array.from(document.querySelectorAll('.webchat__suggested-action')).some(shown)) marks.webChat = now;
    const button = Array.from(document.querySelectorAll<HTMLElement>(MENU_BUTTON)).find(shown);
    if (!tapping && button) {
      tapping = true;
      // After the frame that shows it: a person cannot tap what has not been painted.
      requestAnimationFrame(() =>
        setTimeout(() => {
          marks.usable = performance.now();
          marks.tapped = button.innerText.trim();
          before = new Set(botTexts());
          button.click();
        }),
      );
    }
    if (before && marks.answer === undefined) {
      const fresh = botTexts().find((t) => t !== '' && !before!.has(t));
      if (fresh !== undefined) {
        marks.answer = now;
        marks.answerText = fresh.split('\n')[0]!.slice(0, 60);
      }
    }
    if (marks.answer !== undefined && marks.webChat !== undefined) observer.disconnect();
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled', 'hidden', 'inert', 'class'] });
}

async function measure(browser: Browser, url: string, profile: Profile): Promise<Sample> {
  const context = await browser.newContext({ viewport: profile.viewport, isMobile: profile.viewport.width < 600, hasTouch: profile.viewport.width < 600 });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (profile.network) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...profile.network });
    if (profile.cpuSlowdown) await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpuSlowdown });
    let transferredBytes = 0;
    let bundleBytes = 0;
    const urls = new Map<string, string>();
    cdp.on('Network.responseReceived', (e: { requestId: string; response: { url: string } }) => urls.set(e.requestId, e.response.url));
    cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
      transferredBytes += e.encodedDataLength;
      if (urls.get(e.requestId)?.includes('/webchat/vendor/')) bundleBytes += e.encodedDataLength;
    });
    await page.addInitScript(watchForWelcome);
    await page.goto(url);
    await page.waitForFunction(
      () => {
        const m = (window as unknown as { __marks: Marks }).__marks;
        return m.answer !== undefined && m.webChat !== undefined;
      },
      undefined,
      { timeout: 120_000, polling: 100 },
    );
    // Let the last requests finish, so the bytes are counted.
    await page.waitForTimeout(profile.network ? 1500 : 200);
    const { marks, fcpMs } = await page.evaluate(() => ({
      marks: (window as unknown as { __marks: Marks }).__marks,
      fcpMs: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    }));
    const welcomeMs = Math.min(marks.previewPainted ?? Infinity, marks.webChatWelcome ?? Infinity);
    return {
      welcomeMs,
      // Not before it is painted: a person cannot tap what is not on the screen yet.
      usableMs: Math.max(marks.usable!, fcpMs),
      answerMs: marks.answer!,
      webChatMs: marks.webChat!,
      fcpMs,
      longestTaskMs: marks.longestTask,
      transferredBytes,
      bundleBytes,
      tapped: marks.tapped!,
      answer: marks.answerText!,
    };
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
  const runs = Math.max(1, Number(values.runs));
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  const bot = await startBot();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const results: Record<string, Sample[]> = {};
  try {
    // One unmeasured visit: the server's first read of its files, and Chromium's own start.
    await measure(browser, bot.url + '/', PROFILES[0]!);
    for (const profile of PROFILES) {
      results[profile.name] = [];
      for (let i = 0; i < runs; i++) results[profile.name]!.push(await measure(browser, bot.url + '/', profile));
    }
  } finally {
    await browser.close();
    await bot.stop();
  }
  const kb = (n: number) => `${Math.round(n / 1024)} KB`;
  console.log(`Chat page, from navigation start (${runs} cold visits each, median [min-max])\n`);
  for (const [name, samples] of Object.entries(results)) {
    const line = (label: string, xs: number[]) => console.log(`  ${label.padEnd(34)}${String(Math.round(median(xs))).padStart(6)} ms  [${Math.round(Math.min(...xs))}-${Math.round(Math.max(...xs))}]`);
    console.log(`${name}`);
    line('first paint', samples.map((s) => s.fcpMs));
    line('welcome on screen', samples.map((s) => s.welcomeMs));
    line('chat usable (a menu button works)', samples.map((s) => s.usableMs));
    line('first answer (tapped at once)', samples.map((s) => s.answerMs));
    line('Web Chat ready (with menu)', samples.map((s) => s.webChatMs));
    line('longest main-thread task', samples.map((s) => s.longestTaskMs));
    const answers = new Set(samples.map((s) => `"${s.tapped}" -> "${s.answer}"`));
    console.log(`  tapped and answered  ${[...answers].join(' | ')}`);
    console.log(`  transferred     ${kb(median(samples.map((s) => s.transferredBytes)))} (Web Chat bundle ${kb(median(samples.map((s) => s.bundleBytes)))})\n`);
  }
  const reports = join(projectRoot(), 'reports');
  mkdirSync(reports, { recursive: true });
  writeFileSync(join(reports, 'page-bench.json'), JSON.stringify({ date: new Date().toISOString(), runs, results }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
