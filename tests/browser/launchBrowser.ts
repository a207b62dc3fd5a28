/**
 * The browser tests' one way to find, launch and close a Chromium (playwright-core drives it; nothing
 * downloads a browser). CHROMIUM_PATH names one; otherwise the first of chromium, chromium-browser,
 * google-chrome-stable or google-chrome on PATH. When none is found (or a file the tests need is
 * missing), the browser tests are skipped with one loud line saying how to get it, unless CI is set or
 * REQUIRE_BROWSER=1: then they run and fail, so CI never passes without them.
 */
import { accessSync, closeSync, constants, existsSync, openSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { SKIP_NOTICE_ENV } from './skipNotice';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];
export const INSTALL_HINT = 'install it with `sudo apt-get install chromium` (Debian, Ubuntu) or set CHROMIUM_PATH to a Chromium or Chrome';

type Env = Record<string, string | undefined>;

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Chromium the tests would launch, or undefined. */
export function findChromium(env: Env = process.env): string | undefined {
  if (env.CHROMIUM_PATH) return executable(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined;
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of NAMES) if (executable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** CI (any value but "false" or "0") or REQUIRE_BROWSER=1: a missing browser fails the run instead of skipping. */
export function browserRequired(env: Env = process.env): boolean {
  const ci = (env.CI ?? '').trim().toLowerCase();
  return (ci !== '' && ci !== 'false' && ci !== '0') || env.REQUIRE_BROWSER === '1';
}

/** A file the browser tests need besides the browser, and how to get it. */
export interface Needed {
  path: string;
  hint: string;
}

/** Why the browser tests cannot run here, or undefined when they can. */
export function missingForBrowserTests(env: Env = process.env, needs: Needed[] = []): string | undefined {
  if (!findChromium(env)) {
    const where = env.CHROMIUM_PATH ? `CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable` : `no ${NAMES.join(', ')} on PATH`;
    return `no Chromium found (${where}): ${INSTALL_HINT}`;
  }
  const missing = needs.find((n) => !existsSync(n.path));
  return missing ? `${missing.path} is missing: ${missing.hint}` : undefined;
}

let announced = false;

/**
 * Whether this test file is the first in the run to skip, and so prints the line: once per module
 * registry, and across test files through the marker file jest's globalSetup names (skipNotice.ts).
 */
function firstToSkip(): boolean {
  if (announced) return false;
  announced = true;
  const marker = process.env[SKIP_NOTICE_ENV];
  if (!marker) return true;
  try {
    closeSync(openSync(marker, 'wx'));
    return true;
  } catch {
    return false;
  }
}

/**
 * describe() for tests that drive a browser: skipped, with one line on stderr per run, when the browser (or a
 * needed file) is missing and neither CI nor REQUIRE_BROWSER=1 is set; run (and failing in beforeAll,
 * where launchBrowser throws) when they are.
 */
export function describeWithBrowser(name: string, body: () => void, needs: Needed[] = []): void {
  const missing = missingForBrowserTests(process.env, needs);
  if (!missing || browserRequired()) {
    describe(name, body);
    return;
  }
  if (firstToSkip()) {
    process.stderr.write(`\n*** BROWSER TESTS SKIPPED: ${missing}. (With CI or REQUIRE_BROWSER=1 this fails instead.) ***\n\n`);
  }
  describe.skip(name, body);
}

/** Launches the Chromium findChromium() names, headless; throws, saying how to install one, when there is none. */
export async function launchBrowser(needs: Needed[] = []): Promise<Browser> {
  const missing = missingForBrowserTests(process.env, needs);
  if (missing) throw new Error(`Browser tests cannot run: ${missing}${browserRequired() ? ' (CI or REQUIRE_BROWSER=1 is set: they must run)' : ''}`);
  return chromium.launch({ executablePath: findChromium()!, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}

/** Runs every closer, even when one throws (so a browser that fails to close leaves no server open), then rethrows the first error. */
export async function closeAll(...closers: (() => unknown)[]): Promise<void> {
  const results = await Promise.allSettled(closers.map((close) => Promise.resolve().then(close)));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}
