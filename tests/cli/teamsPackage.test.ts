/** The Teams app package: filled in, validated offline, zipped; and what the validation refuses. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { buildTeamsPackage, readPng } from '../../scripts/teams/teamsPackage';
import { projectRoot } from '../../src/projectRoot';

const BOT_ID = '0b5ad6a4-7a3c-4a6c-9a1f-3a5b1d2c4e6f';
const appPackage = join(projectRoot(), 'appPackage');

function copyOfAppPackage(change?: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'app-package-'));
  cpSync(appPackage, dir, { recursive: true });
  change?.(dir);
  return dir;
}

describe('Teams app package', () => {
  it('holds a v1.22 manifest for a personal-scope bot, and both icons', () => {
    const { zip } = buildTeamsPackage({ botId: BOT_ID, privacyUrl: 'https://www.herts.police.uk/privacy' });
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(Buffer.from(files['manifest.json']!).toString()) as Record<string, unknown> & { bots: { botId: string; scopes: string[] }[] };
    expect(manifest.manifestVersion).toBe('1.22');
    expect(manifest.id).toBe(BOT_ID);
    expect(manifest.bots[0]).toMatchObject({ botId: BOT_ID, scopes: ['personal'] });
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(readPng(Buffer.from(files['color.png']!))).toMatchObject({ width: 192, height: 192 });
    expect(readPng(Buffer.from(files['outline.png']!))).toMatchObject({ width: 32, height: 32 });
  });

  it.each([
    ['a bot id that is not a GUID', () => buildTeamsPackage({ botId: 'my-bot' }), /bots\.0\.botId: a GUID/],
    ['a web page that is not https', () => buildTeamsPackage({ botId: BOT_ID, privacyUrl: 'http://example.org' }), /developer\.privacyUrl: an https:\/\/ URL/],
    [
      'a short name over 30 characters',
      () => buildTeamsPackage({ botId: BOT_ID, dir: copyOfAppPackage((d) => writeFileSync(join(d, 'manifest.json'), readFileSync(join(d, 'manifest.json'), 'utf8').replace('Hate crime: report it', 'x'.repeat(31)))) }),
      /name\.short/,
    ],
    [
      'a team scope',
      () => buildTeamsPackage({ botId: BOT_ID, dir: copyOfAppPackage((d) => writeFileSync(join(d, 'manifest.json'), readFileSync(join(d, 'manifest.json'), 'utf8').replace('"scopes": ["personal"],\n      "supportsFiles"', '"scopes": ["team"],\n      "supportsFiles"'))) }),
      /bots\.0\.scopes/,
    ],
    ['an outline icon that is not white on transparent', () => buildTeamsPackage({ botId: BOT_ID, dir: copyOfAppPackage((d) => cpSync(join(d, 'color.png'), join(d, 'outline.png'))) }), /icons\.outline: must be 32x32/],
  ])('refuses %s', (_what, build, message) => {
    expect(build).toThrow(message);
  });

  it('the command (as built) writes the zip, and says what is missing', () => {
    const root = projectRoot();
    const script = join(root, 'dist', 'scripts', 'teams', 'teamsPackage.js');
    const missing = spawnSync(process.execPath, [script], { env: { ...process.env, MicrosoftAppId: '' }, encoding: 'utf8' });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('MicrosoftAppId: set it to your Azure Bot app id');
    const made = spawnSync(process.execPath, [script], { env: { ...process.env, MicrosoftAppId: BOT_ID }, encoding: 'utf8' });
    expect(made.status).toBe(0);
    expect(made.stdout).toContain('appPackage/build/appPackage.zip');
  });
});
