/**
 * How the browser tests find Chromium, and what happens without one: skipped with one loud line on a
 * newcomer's machine, a failure under CI or REQUIRE_BROWSER=1, and in both cases jest exits (nothing the
 * tests started is left open). The last two run jest on the browser tests with the browser hidden.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { projectRoot } from '../../src/projectRoot';
import { browserRequired, closeAll, findChromium, missingForBrowserTests } from './launchBrowser';

function dirWith(files: Record<string, number>): string {
  const dir = mkdtempSync(join(tmpdir(), 'browser-path-'));
  for (const [name, mode] of Object.entries(files)) {
    writeFileSync(join(dir, name), '#!/bin/sh\n');
    chmodSync(join(dir, name), mode);
  }
  return dir;
}

/** jest on the browser tests with the browser hidden; resolves with the exit code and output (null code: killed, it hung). */
function jestWithoutBrowser(env: Record<string, string>, files = ['tests/browser/webchat.test.ts']): Promise<{ code: number | null; output: string }> {
  const jest = join(projectRoot(), 'node_modules', 'jest', 'bin', 'jest.js');
  const child = spawn(process.execPath, [jest, '--colors=false', ...files], {
    cwd: projectRoot(),
    env: { ...process.env, CI: '', REQUIRE_BROWSER: '', CHROMIUM_PATH: '/nonexistent/chromium', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    }),
  );
}

describe('finding Chromium for the browser tests', () => {
  it('takes CHROMIUM_PATH when it is an executable, and nothing else when it is not', () => {
    const dir = dirWith({ 'my-chrome': 0o755, chromium: 0o755 });
    expect(findChromium({ CHROMIUM_PATH: join(dir, 'my-chrome'), PATH: dir })).toBe(join(dir, 'my-chrome'));
    expect(findChromium({ CHROMIUM_PATH: join(dir, 'missing'), PATH: dir })).toBeUndefined();
  });

  it('looks on PATH for chromium, chromium-browser and Chrome, executables only', () => {
    const empty = dirWith({});
    const notExecutable = dirWith({ chromium: 0o644 });
    const browser = dirWith({ 'chromium-browser': 0o755 });
    expect(findChromium({ PATH: [empty, notExecutable].join(delimiter) })).toBeUndefined();
    expect(findChromium({ PATH: [empty, notExecutable, browser].join(delimiter) })).toBe(join(browser, 'chromium-browser'));
    expect(findChromium({})).toBeUndefined();
  });

  it('says what is missing and how to install it', () => {
    const browser = dirWith({ chromium: 0o755 });
    expect(missingForBrowserTests({ PATH: dirWith({}) })).toMatch(/^no Chromium found \(no chromium, chromium-browser, google-chrome-stable, google-chrome on PATH\): install it with `sudo apt-get install chromium`/);
    expect(missingForBrowserTests({ CHROMIUM_PATH: '/nowhere/chrome' })).toMatch(/CHROMIUM_PATH=\/nowhere\/chrome is not an executable/);
    expect(missingForBrowserTests({ PATH: browser }, [{ path: join(browser, 'bundle.js'), hint: 'build it' }])).toBe(`${join(browser, 'bundle.js')} is missing: build it`);
    expect(missingForBrowserTests({ PATH: browser })).toBeUndefined();
  });

  it.each([
    [{}, false],
    [{ CI: 'true' }, true],
    [{ CI: '1' }, true],
    [{ CI: 'false' }, false],
    [{ CI: '0' }, false],
    [{ CI: '' }, false],
    [{ REQUIRE_BROWSER: '1' }, true],
    [{ REQUIRE_BROWSER: '0' }, false],
  ])('requires a browser with %j: %s', (env, required) => {
    expect(browserRequired(env)).toBe(required);
  });

  it('closes everything even when one close fails, then reports the failure', async () => {
    const closed: string[] = [];
    const all = closeAll(
      () => {
        throw new Error('browser would not close');
      },
      () => closed.push('server'),
      () => Promise.resolve().then(() => closed.push('host')),
    );
    await expect(all).rejects.toThrow('browser would not close');
    expect(closed.sort()).toEqual(['host', 'server']);
  });
});

describe('the browser tests without a browser (jest run with CHROMIUM_PATH pointing nowhere)', () => {
  it('skip with one loud line saying how to install it, and exit 0', async () => {
    const { code, output } = await jestWithoutBrowser({});
    expect(code).toBe(0);
    expect(output.match(/\*\*\* BROWSER TESTS SKIPPED: .*sudo apt-get install chromium.* \*\*\*/g)).toHaveLength(1);
    expect(output).toMatch(/Tests: +9 skipped, 9 total/);
  }, 100_000);

  it('say so in one line for the whole run, however many browser test files skip (here two, in two workers)', async () => {
    const { code, output } = await jestWithoutBrowser({}, ['--maxWorkers=2', 'tests/browser/webchat.test.ts', 'tests/browser/visibleAnswers.test.ts']);
    expect(code).toBe(0);
    expect(output).toMatch(/Test Suites: +2 skipped, 0 of 2 total/);
    expect(output.match(/\*\*\* BROWSER TESTS SKIPPED: /g)).toHaveLength(1);
    expect(output).toMatch(/Tests: +(\d+) skipped, \1 total/);
  }, 100_000);

  it.each([['CI=true', { CI: 'true' }], ['REQUIRE_BROWSER=1', { REQUIRE_BROWSER: '1' }]])('fail with %s, and still exit (the server is closed)', async (_what, env) => {
    const { code, output } = await jestWithoutBrowser(env);
    expect(code).toBe(1);
    expect(output).toContain('Browser tests cannot run: no Chromium found');
    expect(output).toContain('(CI or REQUIRE_BROWSER=1 is set: they must run)');
    expect(output).toMatch(/Tests: +9 failed, 9 total/);
    expect(output).not.toContain('BROWSER TESTS SKIPPED');
  }, 100_000);
});
