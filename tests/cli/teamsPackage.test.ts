/** The Teams app package: filled in, validated offline with Microsoft's official schema and the icon checks, zipped; and what is refused. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { buildTeamsPackage, officialSchemaFile, readPng, schemaProblems } from '../../scripts/teams/teamsPackage';
import { projectRoot } from '../../src/projectRoot';

const BOT_ID = '0b5ad6a4-7a3c-4a6c-9a1f-3a5b1d2c4e6f';
const appPackage = join(projectRoot(), 'appPackage');

function copyOfAppPackage(change?: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'app-package-'));
  cpSync(appPackage, dir, { recursive: true });
  change?.(dir);
  return dir;
}

/** A copy of appPackage/ whose manifest template has one change. */
function withManifest(change: (text: string) => string): string {
  return copyOfAppPackage((d) => writeFileSync(join(d, 'manifest.json'), change(readFileSync(join(d, 'manifest.json'), 'utf8'))));
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

  it("validates with Microsoft's official v1.22 schema, shipped by @microsoft/app-manifest (offline)", () => {
    const file = officialSchemaFile('1.22')!;
    expect(file).toContain(join('@microsoft', 'app-manifest', 'build', 'json-schemas', 'teams', 'v1.22', 'MicrosoftTeams.schema.json'));
    const schema = JSON.parse(readFileSync(file, 'utf8')) as { properties: { manifestVersion: { const: string } } };
    expect(schema.properties.manifestVersion.const).toBe('1.22');
    // The manifest as filled in has no schema error; the same manifest with a stray key has one.
    const { manifest } = buildTeamsPackage({ botId: BOT_ID });
    expect(schemaProblems(manifest)).toEqual([]);
    expect(schemaProblems({ ...manifest, colour: 'blue' })).toEqual(['(root): must NOT have additional properties {"additionalProperty":"colour"}']);
  });

  // @microsoft/app-manifest's own code loads only where require() takes ES modules (Node >= 20.19), and never in jest.
  const requiresEsm = (process.features as { require_module?: boolean }).require_module === true;
  (requiresEsm ? it : it.skip)("finds exactly what @microsoft/app-manifest's own validateAgainstSchema finds", () => {
    const { manifest } = buildTeamsPackage({ botId: BOT_ID });
    const broken = { ...manifest, colour: 'blue', id: 'my-bot', developer: { ...manifest.developer, privacyUrl: 'www.example.org', name: 'x'.repeat(33) } };
    const script = `const { AppManifestUtils } = require('@microsoft/app-manifest');
      const manifests = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
      Promise.all(manifests.map((m) => AppManifestUtils.validateAgainstSchema(m))).then((r) => console.log(JSON.stringify(r)));`;
    const run = spawnSync(process.execPath, ['--no-warnings', '-e', script], { cwd: projectRoot(), input: JSON.stringify([manifest, broken]), encoding: 'utf8' });
    expect(run.stderr).toBe('');
    // Theirs: "/developer/name must NOT have ... Details: {...}"; ours: "developer.name: must NOT have ... {...}".
    const readable = (failure: string) => {
      const [path, message] = [failure.slice(0, failure.indexOf(' ')), failure.slice(failure.indexOf(' ') + 1).split('. Details: ')[0]];
      return `${path.replace(/^\//, '').replace(/\//g, '.') || '(root)'} ${message}`;
    };
    const theirs = (JSON.parse(run.stdout) as string[][]).map((failures) => failures.map(readable));
    const ours = [manifest, broken].map((m) => schemaProblems(m).map((p) => p.replace(/ \{.*\}$/, '').replace(': ', ' ')));
    expect(theirs[0]).toEqual([]);
    expect(theirs[1]).toHaveLength(4);
    expect(ours).toEqual(theirs);
  });

  it.each([
    ['a bot id that is not a GUID', () => buildTeamsPackage({ botId: 'my-bot' }), /bots\.0\.botId: must match pattern/],
    ['a web page that is not a web address', () => buildTeamsPackage({ botId: BOT_ID, privacyUrl: 'www.example.org/privacy' }), /developer\.privacyUrl: must match pattern "\^\[Hh\]\[Tt\]\[Tt\]\[Pp\]\[Ss\]\?:\/\/"/],
    ['a force name over 32 characters', () => buildTeamsPackage({ botId: BOT_ID, forceName: 'x'.repeat(33) }), /developer\.name: must NOT have more than 32 characters/],
    ['a short name over 30 characters', () => buildTeamsPackage({ botId: BOT_ID, dir: withManifest((t) => t.replace('Hate crime: report it', 'x'.repeat(31))) }), /name\.short: must NOT have more than 30 characters/],
    ['a misspelt key', () => buildTeamsPackage({ botId: BOT_ID, dir: withManifest((t) => t.replace('"supportsFiles"', '"supportFiles"')) }), /bots\.0: must NOT have additional properties \{"additionalProperty":"supportFiles"\}/],
    ['a manifest version it has no official schema for', () => buildTeamsPackage({ botId: BOT_ID, dir: withManifest((t) => t.replace('"manifestVersion": "1.22"', '"manifestVersion": "1.99"')) }), /ships no Teams schema for "1\.99"/],
    ['a $schema of another version', () => buildTeamsPackage({ botId: BOT_ID, dir: withManifest((t) => t.replace('teams/v1.22/', 'teams/v1.21/')) }), /\$schema: must be https:\/\/developer\.microsoft\.com\/json-schemas\/teams\/v1\.22\/MicrosoftTeams\.schema\.json/],
    ['a team scope (valid for Teams, not for this bot)', () => buildTeamsPackage({ botId: BOT_ID, dir: withManifest((t) => t.replace('"scopes": ["personal"],\n      "supportsFiles"', '"scopes": ["personal", "team"],\n      "supportsFiles"')) }), /breaks this bot's rules:\nbots\.0\.scopes: must be \["personal"\]/],
    ['a colour icon of the wrong size', () => buildTeamsPackage({ botId: BOT_ID, dir: copyOfAppPackage((d) => cpSync(join(d, 'outline.png'), join(d, 'color.png'))) }), /icons\.color: must be 192x192 pixels, is 32x32/],
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
    expect(made.stdout).toContain("appPackage/build/appPackage.zip: \"Hate crime: report it\" 1.0.0, bot 0b5ad6a4-7a3c-4a6c-9a1f-3a5b1d2c4e6f, valid against Microsoft's Teams manifest schema v1.22");
  });
});
