/// <reference lib="dom" />
/**
 * `npm run page:bench`: how long the chat page takes to show the bot's welcome, in headless Chromium
 * (Debian's `chromium`, or CHROMIUM_PATH), against the bot run exactly as `npm start` runs it.
 *   loopback  1280x800, no throttling: what this machine does at best.
 *   phone     390x844, Chromium's DevTools-protocol emulation of a mid-range phone on a mobile network
 *             (Lighthouse's mobile profile: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, CPU 4x slower).
 * Each run is a new browser context (nothing cached: a first visit). From navigation start:
 *   welcome on screen  the welcome's words painted: the page's own copy of it (Element Timing on
 *                      elementtiming="welcome" on its first paragraph), or Web Chat's first bot message if that came first;
 *   chat ready         Web Chat has shown the bot's welcome with its menu buttons (a MutationObserver);
 * also first contentful paint, the bytes the page transferred and the Web Chat bundle's size on the wire.
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

const PROFILES: Profile[] = [
  { name: 'loopback (1280x800, no throttling)', viewport: { width: 1280, height: 800 } },
  {
    name: 'phone (390x844, 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up, CPU 4x)',
    viewport: { width: 390, height: 844 },
    network: { latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 },
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
  /** Web Chat has shown the bot's welcome with its menu buttons: the chat can be used. */
  readyMs: number;
  fcpMs: number;
  transferredBytes: number;
  bundleBytes: number;
}

interface Marks {
  previewPainted?: number;
  webChatWelcome?: number;
  ready?: number;
}

/** Runs in the page before any of its scripts: notes when each thing appears (no polling). */
function watchForWelcome(): void {
  const marks: Marks = {};
  (window as unknown as { __marks: Marks }).__marks = marks;
  // Element Timing: when the page's copy of the welcome (elementtiming="welcome") was painted.
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEntry & { identifier?: string; renderTime?: number })[]) {
      if (entry.identifier === 'welcome') marks.previewPainted ??= entry.renderTime || entry.startTime;
    }
  }).observe({ type: 'element', buffered: true });
  new MutationObserver((_m, observer) => {
    if (marks.webChatWelcome === undefined && document.querySelector('.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content')) marks.webChatWelcome = performance.now();
    if (marks.ready === undefined && document.querySelector('.webchat__suggested-action')) {
      marks.ready = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
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
    await page.waitForFunction(() => (window as unknown as { __marks: Marks }).__marks.ready !== undefined, undefined, { timeout: 120_000, polling: 100 });
    const { marks, fcpMs } = await page.evaluate(() => ({
      marks: (window as unknown as { __marks: Marks }).__marks,
      fcpMs: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    }));
    const welcomeMs = Math.min(marks.previewPainted ?? Infinity, marks.webChatWelcome ?? Infinity);
    return { welcomeMs, readyMs: marks.ready!, fcpMs, transferredBytes, bundleBytes };
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
    line('chat ready (Web Chat, with menu)', samples.map((s) => s.readyMs));
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
