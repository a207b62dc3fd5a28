/**
 * Puts Microsoft's Web Chat browser bundle into web/vendor/, so the page loads it from our own server,
 * never from a CDN. Only the botframework-webchat tarball is fetched (`npm pack`, one 7 MB download from
 * the npm registry, its integrity checked against web/webchat.lock.json), not its ~100 dependencies: the
 * bundle is self-contained, so the default install stays lean. The bundle is Web Chat's minimal one
 * (dist/webchat-minimal.js: no Adaptive Cards, speech or Markdown, half the size; the page renders the
 * bot's Markdown itself with web/markdown.js), written beside a Brotli and a gzip copy so the server sends
 * a phone about a fifth of the bytes.
 *
 * Only `npm ci` / `npm install` (the `prepare` script passes --fetch) and `npm run webchat:vendor` (--force)
 * use the network, once, with no retries; every other build only checks that the copy (and its compressed
 * copies) is there and, if not, says so in one line at once. Without the bundle the bot works and the page
 * says the chat is unavailable, with 999, 101 and the online form.
 *   node dist/scripts/webchat/vendorWebChat.js [--fetch | --force]
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { projectRoot } from '../../src/projectRoot';

interface Lock {
  package: string;
  version: string;
  integrity: string;
  files: Record<string, string>;
}

const root = projectRoot();
export const VENDOR_DIR = join(root, 'web', 'vendor');
const lock = JSON.parse(readFileSync(join(root, 'web', 'webchat.lock.json'), 'utf8')) as Lock;
const spec = `${lock.package}@${lock.version}`;

/** How long one request to the registry may take when fetching (npm's default is 5 minutes, with two retries). */
const FETCH_TIMEOUT_MS = 60_000;

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** The precompressed copies the server sends when the browser accepts them (Content-Encoding). */
export const ENCODINGS = [
  { encoding: 'br', suffix: '.br', compress: (b: Buffer) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: b.length } }) },
  { encoding: 'gzip', suffix: '.gz', compress: (b: Buffer) => gzipSync(b, { level: 9 }) },
] as const;

/** The vendored files' names, for messages: `webchat-minimal.js`. */
const names = Object.keys(lock.files).map((file) => basename(file)).join(', ');

/** check: never fetch; fetch: only when missing (npm's cache first, then the registry once); force: from the registry again. */
export type Mode = 'check' | 'fetch' | 'force';

export interface Outcome {
  status: 'current' | 'vendored' | 'missing';
  /** One line for the person running the build (empty when the copy was already current). */
  line: string;
}

function current(dir: string): boolean {
  return Object.entries(lock.files).every(([file, hash]) => {
    const path = join(dir, basename(file));
    return existsSync(path) && sha256(path) === hash && ENCODINGS.every((e) => existsSync(path + e.suffix));
  });
}

/** `npm pack` of the locked version into `work`; the tarball's path, or an Error with npm's one-line reason. */
function pack(work: string, from: 'cache' | 'registry', env: NodeJS.ProcessEnv): string {
  // The npm running this script when there is one (npm run sets npm_execpath), else npm on PATH.
  const npmCli = env.npm_execpath && /\.c?js$/.test(env.npm_execpath) ? env.npm_execpath : undefined;
  const args = ['pack', spec, '--pack-destination', work, '--json', '--silent'];
  args.push(...(from === 'cache' ? ['--offline'] : ['--prefer-online', '--fetch-retries=0', `--fetch-timeout=${FETCH_TIMEOUT_MS}`]));
  const run = npmCli
    ? spawnSync(process.execPath, [npmCli, ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    : spawnSync('npm', args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  let packed: unknown;
  try {
    packed = JSON.parse(run.stdout || 'null');
  } catch {
    packed = undefined;
  }
  if (Array.isArray(packed) && typeof (packed[0] as { filename?: unknown } | undefined)?.filename === 'string') {
    return join(work, (packed[0] as { filename: string }).filename);
  }
  const error = (packed as { error?: { code?: string; summary?: string } } | undefined)?.error;
  const reason = error ? `${error.code ?? 'error'}: ${error.summary ?? ''}` : (run.error?.message ?? run.stderr ?? `npm pack exited ${String(run.status)}`);
  throw new Error(reason.split('\n')[0]!.replace('FetchError: ', '').trim());
}

/** From npm's cache when it holds the tarball (no network at all), else from the registry. */
function packCacheFirst(work: string, env: NodeJS.ProcessEnv): string {
  try {
    return pack(work, 'cache', env);
  } catch {
    return pack(work, 'registry', env);
  }
}

/** Each locked file, its licence and its compressed copies, from the tarball into `dir`. */
function extract(tarball: string, work: string, dir: string): void {
  const integrity = 'sha512-' + createHash('sha512').update(readFileSync(tarball)).digest('base64');
  if (integrity !== lock.integrity) throw new Error(`${spec}: integrity ${integrity} is not the one in web/webchat.lock.json`);
  const licences = Object.keys(lock.files).map((file) => `${file}.LICENSE.txt`);
  const tar = spawnSync('tar', ['-xzf', tarball, '-C', work, ...Object.keys(lock.files), ...licences], { stdio: 'ignore' });
  if (tar.status !== 0) throw new Error(`tar could not unpack ${basename(tarball)}`);
  mkdirSync(dir, { recursive: true });
  for (const [file, hash] of Object.entries(lock.files)) {
    const extracted = join(work, file);
    if (sha256(extracted) !== hash) throw new Error(`${file}: sha256 differs from web/webchat.lock.json`);
    const target = join(dir, basename(file));
    copyFileSync(extracted, target);
    copyFileSync(`${extracted}.LICENSE.txt`, `${target}.LICENSE.txt`);
    const body = readFileSync(extracted);
    for (const e of ENCODINGS) writeFileSync(target + e.suffix, e.compress(body));
  }
}

const UNAVAILABLE = 'the chat page says the chat is unavailable, with 999, 101 and the online form';

/** Makes sure web/vendor (or `dir`) holds the locked bundle, using the network only as `mode` allows. */
export function vendorWebChat(mode: Mode, dir: string = VENDOR_DIR, env: NodeJS.ProcessEnv = process.env): Outcome {
  if (mode !== 'force' && current(dir)) return { status: 'current', line: '' };
  if (mode === 'check') {
    return { status: 'missing', line: `web/vendor: no Web Chat bundle (${spec}), so ${UNAVAILABLE}: run \`npm run webchat:vendor\` (fetches it once from the npm registry).` };
  }
  const work = mkdtempSync(join(tmpdir(), 'webchat-'));
  try {
    const tarball = mode === 'force' ? pack(work, 'registry', env) : packCacheFirst(work, env);
    extract(tarball, work, dir);
    return { status: 'vendored', line: `web/vendor: ${spec} (${names}, with .br and .gz) vendored` };
  } catch (error) {
    // Not a build failure: the bot works without its web page, and the page itself says so.
    return {
      status: 'missing',
      line: `web/vendor: could not fetch ${spec} (${(error as Error).message}), so ${UNAVAILABLE}: run \`npm run webchat:vendor\` when the npm registry is reachable.`,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const mode: Mode = process.argv.includes('--force') ? 'force' : process.argv.includes('--fetch') ? 'fetch' : 'check';
  const outcome = vendorWebChat(mode);
  if (outcome.status === 'vendored') console.log(outcome.line);
  else if (outcome.status === 'missing') console.warn(outcome.line);
}
