/**
 * Jest's globalSetup and globalTeardown for the browser tests' skip line. Each test file runs in its own
 * module registry (often in its own worker), so a flag in launchBrowser.ts alone would print the line once
 * per browser test file. Before any worker starts, this names a file that does not exist yet; the first
 * browser test file that skips creates it and prints the line, the others see it and stay quiet: one line
 * per run, however many browser test files there are.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The environment variable that names the marker file (workers inherit it). */
export const SKIP_NOTICE_ENV = 'BROWSER_TESTS_SKIP_NOTICE';

export function setup(): void {
  process.env[SKIP_NOTICE_ENV] = join(tmpdir(), `browser-tests-skipped-${process.pid}-${randomBytes(6).toString('hex')}`);
}

export function teardown(): void {
  const marker = process.env[SKIP_NOTICE_ENV];
  if (marker) rmSync(marker, { force: true });
}
