/**
 * Build step: puts Microsoft's Web Chat browser bundle into web/vendor/, so the page loads it from our
 * own server, never from a CDN. Only the botframework-webchat tarball is fetched (`npm pack`, one 7 MB
 * download from the npm registry, its integrity checked against web/webchat.lock.json), not its ~100
 * dependencies: the bundle is self-contained, so the default install stays lean. Nothing happens when
 * the vendored file is already there and matches. Offline with no copy, the build goes on and the page
 * says the chat is unavailable, with 999 and 101.
 *   node dist/scripts/webchat/vendorWebChat.js [--force]
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
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

function current(): boolean {
  return Object.entries(lock.files).every(([file, hash]) => existsSync(vendored(file)) && sha256(vendored(file)) === hash);
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
    execFileSync('tar', ['-xzf', tarball, '-C', work, ...Object.keys(lock.files), 'package/dist/webchat.js.LICENSE.txt'], { stdio: 'ignore' });
    mkdirSync(VENDOR_DIR, { recursive: true });
    for (const [file, hash] of Object.entries(lock.files)) {
      const extracted = join(work, file);
      if (sha256(extracted) !== hash) throw new Error(`${file}: sha256 differs from web/webchat.lock.json`);
      copyFileSync(extracted, vendored(file));
    }
    copyFileSync(join(work, 'package', 'dist', 'webchat.js.LICENSE.txt'), join(VENDOR_DIR, 'webchat.js.LICENSE.txt'));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  if (process.argv.includes('--force') || !current()) {
    try {
      fetchAndExtract();
      console.log(`web/vendor: ${lock.package}@${lock.version} (dist/webchat.js) vendored`);
    } catch (error) {
      // Not a build failure: the bot works without its web page, and the page itself says so.
      console.warn(`web/vendor: could not vendor ${lock.package}@${lock.version}: ${(error as Error).message.split('\n')[0]}`);
      console.warn('  The chat page will say it is unavailable (with 999 and 101). Run `npm run webchat:vendor` when online.');
    }
  }
}
