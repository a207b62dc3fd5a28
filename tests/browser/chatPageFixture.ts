/**
 * What every browser test of the chat page needs: the real service on port 0 (quick exit pointed at a neutral
 * site the browser serves itself) and a launched Chromium, started before the describe block's tests and always
 * closed after them, whatever fails.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { projectRoot } from '../../src/projectRoot';
import { startApp, type Started } from '../http/harness';
import { closeAll, launchBrowser, type Needed } from './launchBrowser';

/** Where the quick exit goes in the tests (fulfilled inside the browser: no internet here). */
export const EXIT_URL = 'https://neutral.example/weather';
export const WEBCHAT_NEEDED: Needed[] = [{ path: join(projectRoot(), 'web', 'vendor', 'webchat-minimal.js'), hint: 'run `npm run webchat:vendor` (it fetches Web Chat from the npm registry)' }];

export interface ChatPageFixture {
  readonly app: Started;
  readonly browser: Browser;
}

/** Call inside a describe block: starts the app and the browser in beforeAll, closes both in afterAll. */
export function useChatPage(shotsDir: string): ChatPageFixture {
  const fixture = {} as { app: Started; browser: Browser };
  beforeAll(async () => {
    mkdirSync(shotsDir, { recursive: true });
    fixture.app = await startApp({}, { WEBCHAT_EXIT_URL: EXIT_URL });
    fixture.browser = await launchBrowser(WEBCHAT_NEEDED);
  }, 60_000);
  afterAll(async () => {
    await closeAll(
      () => fixture.browser?.close(),
      () => fixture.app?.app.shutdown(),
    );
  });
  return fixture;
}
