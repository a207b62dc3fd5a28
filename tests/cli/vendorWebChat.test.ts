/**
 * Web Chat's bundle is fetched only by `npm ci` / `npm install` (prepare) and `npm run webchat:vendor`;
 * every other build only checks it is there. Without it the build says so in one line, at once.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VENDOR_DIR, vendorWebChat } from '../../scripts/webchat/vendorWebChat';
import { projectRoot } from '../../src/projectRoot';

const emptyDir = () => mkdtempSync(join(tmpdir(), 'vendor-'));
const elapsed = (start: number) => (Date.now() - start) / 1000;

describe('vendoring Web Chat', () => {
  it('a build without the bundle fetches nothing, and says so in one line with how to get it', () => {
    const start = Date.now();
    // No npm on PATH: a build that tried to fetch would fail differently.
    const outcome = vendorWebChat('check', emptyDir(), { PATH: '' });
    expect(elapsed(start)).toBeLessThan(1);
    expect(outcome.status).toBe('missing');
    expect(outcome.line).not.toContain('\n');
    expect(outcome.line).toMatch(/^web\/vendor: no Web Chat bundle \(botframework-webchat@4\.18\.1\), so the chat page says the chat is unavailable, with 999, 101 and the online form: run `npm run webchat:vendor`/);
  });

  it('npm ci with the registry unreachable and nothing in the cache gives up at once, in one line, and the build goes on', () => {
    const dir = emptyDir();
    const start = Date.now();
    const outcome = vendorWebChat('fetch', dir, { ...process.env, npm_config_registry: 'http://127.0.0.1:9', npm_config_cache: emptyDir() });
    expect(elapsed(start)).toBeLessThan(15);
    expect(outcome.status).toBe('missing');
    expect(outcome.line).not.toContain('\n');
    expect(outcome.line).toMatch(/^web\/vendor: could not fetch botframework-webchat@4\.18\.1 \(ECONNREFUSED: .*\), so the chat page says the chat is unavailable.*`npm run webchat:vendor` when the npm registry is reachable\.$/);
    expect(readdirSync(dir)).toEqual([]);
  }, 20_000);

  const vendored = existsSync(join(VENDOR_DIR, 'webchat-minimal.js'));

  (vendored ? it : it.skip)('leaves a current copy alone, even when asked to fetch', () => {
    const dir = emptyDir();
    cpSync(VENDOR_DIR, dir, { recursive: true });
    expect(vendorWebChat('fetch', dir, { PATH: '' })).toEqual({ status: 'current', line: '' });
    expect(vendorWebChat('check', dir, { PATH: '' })).toEqual({ status: 'current', line: '' });
  });

  (vendored ? it : it.skip)('a copy without its precompressed variants (.br, .gz) is not current: the build says so and fetches nothing', () => {
    const dir = emptyDir();
    cpSync(VENDOR_DIR, dir, { recursive: true });
    rmSync(join(dir, 'webchat-minimal.js.br'));
    const outcome = vendorWebChat('check', dir, { PATH: '' });
    expect(outcome.status).toBe('missing');
    expect(outcome.line).toMatch(/^web\/vendor: no Web Chat bundle/);
  });

  it('is fetched by prepare (npm ci, npm install) alone: `npm run build -- --fetch` reaches the vendoring step, the last of the build', () => {
    const { scripts } = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.prepare).toBe('npm run build -- --fetch');
    expect(scripts.build).toMatch(/&& node dist\/scripts\/webchat\/vendorWebChat\.js$/);
    expect(scripts['webchat:vendor']).toBe('node dist/scripts/webchat/vendorWebChat.js --force');
    const fetching = Object.entries(scripts).filter(([, command]) => /vendorWebChat\.js --(fetch|force)/.test(command) || command.includes('-- --fetch'));
    expect(fetching.map(([name]) => name).sort()).toEqual(['prepare', 'webchat:vendor']);
  });
});
