/**
 * Build step: puts Microsoft's Web Chat browser bundle into web/vendor/, so the page loads it from our
 * own server, never from a CDN. Only the botframework-webchat tarball is fetched (`npm pack`, one 7 MB
 * download from the npm registry, its integrity checked against web/webchat.lock.json), not its ~100
 * dependencies: the bundle is self-contained, so the default install stays lean. The bundle is Web Chat's
 * minimal one (dist/webchat-minimal.js: no Adaptive Cards, speech or Markdown, half the size; the page
 * renders the bot's Markdown itself with web/markdown.js), written beside a Brotli and a gzip copy so the
 * server sends a phone about a fifth of the bytes. Nothing happens when the vendored files are already
 * there and match. Offline with no copy, the build goes on and the page says the chat is unavailable,
 * with 999 and 101.
 *   node dist/scripts/webchat/vendorWebChat.js [--force]
 */
import { execFileSync } from 'node:child_process';
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
  /** Path in the tarball -> sha256 of the file. */
  files: Record<string, string>;
}

const root = projectRoot();
export const VENDOR_DIR = join(root, 'web', 'vendor');
const lock = JSON.parse(readFileSync(join(root, 'web', 'webchat.lock.json'), 'utf8')) as Lock;

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const vendored = (file: string) => join(VENDOR_DIR, basename(file));

/** The precompressed copies the server sends when the browser accepts them (Content-Encoding). */
export const ENCODINGS = [
  { encoding: 'br', suffix: '.br', compress: (b: Buffer) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: b.length } }) },
  { encoding: 'gzip', suffix: '.gz', compress: (b: Buffer) => gzipSync(b, { level: 9 }) },
] as const;

function current(): boolean {
  return Object.entries(lock.files).every(
    ([file, hash]) => existsSync(vendored(file)) && sha256(vendored(file)) === hash && ENCODINGS.every((e) => existsSync(vendored(file) + e.suffix)),
  );
}

function fetchAndExtract(): void {
  const work = mkdtempSync(join(tmpdir(), 'webchat-'));
  try {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const packed = JSON.parse(
      execFileSync(npm, ['pack', `${lock.package}@${lock.version}`, '--pack-destination', work, '--json', '--silent'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
    ) as { filename: string; integrity: string }[];
    const tarball = join(work, packed[0]!.filename);
    const integrity = 'sha512-' + createHash('sha512').update(readFileSync(tarball)).digest('base64');
    if (integrity !== lock.integrity) throw new Error(`${lock.package}@${lock.version}: integrity ${integrity} is not the one in web/webchat.lock.json`);
    const licences = Object.keys(lock.files).map((file) => `${file}.LICENSE.txt`);
    execFileSync('tar', ['-xzf', tarball, '-C', work, ...Object.keys(lock.files), ...licences], { stdio: 'ignore' });
    mkdirSync(VENDOR_DIR, { recursive: true });
    for (const [file, hash] of Object.entries(lock.files)) {
      const extracted = join(work, file);
      if (sha256(extracted) !== hash) throw new Error(`${file}: sha256 differs from web/webchat.lock.json`);
      copyFileSync(extracted, vendored(file));
      copyFileSync(`${extracted}.LICENSE.txt`, `${vendored(file)}.LICENSE.txt`);
      const body = readFileSync(extracted);
      for (const e of ENCODINGS) writeFileSync(vendored(file) + e.suffix, e.compress(body));
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  if (process.argv.includes('--force') || !current()) {
    try {
      fetchAndExtract();
      console.log(`web/vendor: ${lock.package}@${lock.version} (${Object.keys(lock.files).map((f) => basename(f)).join(', ')}, with .br and .gz) vendored`);
    } catch (error) {
      // Not a build failure: the bot works without its web page, and the page itself says so.
      console.warn(`web/vendor: could not vendor ${lock.package}@${lock.version}: ${(error as Error).message.split('\n')[0]}`);
      console.warn('  The chat page will say it is unavailable (with 999 and 101). Run `npm run webchat:vendor` when online.');
    }
  }
}
