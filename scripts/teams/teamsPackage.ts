/**
 * `npm run teams:package`: fills in appPackage/manifest.json (bot id, the force's name, web pages,
 * colour), validates it offline against Microsoft's official Teams app manifest JSON schema for its
 * version (v1.22), as shipped by @microsoft/app-manifest, plus what a schema cannot say (the icons' sizes,
 * the outline icon white on transparent) and this bot's own rule (personal scope only), and writes
 * appPackage/build/appPackage.zip to upload in Teams (Apps > Manage your apps > Upload an app) or in the
 * Teams admin centre.
 *   MicrosoftAppId=<bot app id> npm run teams:package
 * Optional: TEAMS_FORCE_NAME, TEAMS_WEBSITE_URL, TEAMS_PRIVACY_URL, TEAMS_TERMS_URL, WEBCHAT_ACCENT.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import type { TeamsManifestV1D22 } from '@microsoft/app-manifest';
import Ajv from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { zipSync } from 'fflate';
import { projectRoot } from '../../src/projectRoot';

/** A v1.22 manifest, as @microsoft/app-manifest types it (trusted only once the schema has accepted it). */
type Manifest = TeamsManifestV1D22.TeamsManifestV1D22;

/** Microsoft's JSON schema for a Teams manifest version, from @microsoft/app-manifest (offline); undefined when it ships none. */
export function officialSchemaFile(manifestVersion: string): string | undefined {
  const pkg = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const file = join(pkg, 'build', 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
  return /^\d+\.\d+$/.test(manifestVersion) && existsSync(file) ? file : undefined;
}

const validators = new Map<string, ValidateFunction>();

/** The official schema in `file`, compiled once: as the package reads it (its schemas hold two escapes JSON does not allow). */
function validatorFor(file: string): ValidateFunction {
  let validate = validators.get(file);
  if (!validate) {
    const schema = JSON.parse(readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')) as object;
    const ajv = new Ajv({ allErrors: true, strictTypes: false });
    addFormats(ajv, ['uri', 'email', 'regex']);
    validate = ajv.compile(schema);
    validators.set(file, validate);
  }
  return validate;
}

/**
 * `path: message` lines from the official schema, never fetched. Checked as @microsoft/app-manifest's own
 * validateAgainstSchema does (Ajv for draft-04, all errors, formats uri, email and regex), but without
 * loading its code, which requires an ES-module-only package (strip-bom) that jest and Node < 20.19 cannot load.
 */
export function schemaProblems(manifest: unknown): string[] {
  const { manifestVersion, $schema } = (manifest ?? {}) as { manifestVersion?: unknown; $schema?: unknown };
  const version = String(manifestVersion);
  const file = officialSchemaFile(version);
  if (!file) return [`manifestVersion: @microsoft/app-manifest ships no Teams schema for "${version}"`];
  const expected = `https://developer.microsoft.com/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`;
  const problems = $schema === expected ? [] : [`$schema: must be ${expected} (the schema of manifestVersion ${version})`];
  const validate = validatorFor(file);
  if (validate(JSON.parse(JSON.stringify(manifest)))) return problems;
  return [
    ...problems,
    ...(validate.errors ?? []).map((e) => {
      const details = JSON.stringify(e.params);
      return `${e.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(root)'}: ${e.message ?? 'is not valid'}${details === '{}' ? '' : ` ${details}`}`;
    }),
  ];
}

/** This bot's own rule, which the schema allows otherwise: a chat about a hate crime stays between the person and the bot. */
export function projectProblems(manifest: Manifest): string[] {
  const problems: string[] = [];
  (manifest.bots ?? []).forEach((bot, i) => {
    if (bot.scopes.join() !== 'personal') problems.push(`bots.${i}.scopes: must be ["personal"] (no team or group chat), is ${JSON.stringify(bot.scopes)}`);
    (bot.commandLists ?? []).forEach((list, j) => {
      if (list.scopes.join() !== 'personal') problems.push(`bots.${i}.commandLists.${j}.scopes: must be ["personal"], is ${JSON.stringify(list.scopes)}`);
    });
  });
  return problems;
}

export interface PackageOptions {
  botId: string;
  forceName?: string;
  websiteUrl?: string;
  privacyUrl?: string;
  termsUrl?: string;
  accent?: string;
  dir?: string;
}

interface Png {
  width: number;
  height: number;
  /** RGBA pixels, when the PNG is 8-bit RGBA and not interlaced. */
  rgba?: Buffer;
}

/** Width, height and (for 8-bit RGBA) the pixels: enough to check the icons without an image library. */
export function readPng(data: Buffer): Png {
  if (data.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new Error('not a PNG file');
  const width = data.readUInt32BE(16);
  const height = data.readUInt32BE(20);
  const [depth, colourType, , , interlace] = data.subarray(24, 29);
  if (depth !== 8 || colourType !== 6 || interlace !== 0) return { width, height };
  const idat: Buffer[] = [];
  for (let at = 8; at < data.length; ) {
    const length = data.readUInt32BE(at);
    const type = data.toString('ascii', at + 4, at + 8);
    if (type === 'IDAT') idat.push(data.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const rgba = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const rawByte = raw[y * (stride + 1) + 1 + x]!;
      const left = x >= 4 ? rgba[y * stride + x - 4]! : 0;
      const up = y > 0 ? rgba[(y - 1) * stride + x]! : 0;
      const upLeft = x >= 4 && y > 0 ? rgba[(y - 1) * stride + x - 4]! : 0;
      const paeth = () => {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      };
      const predictor = [0, left, up, (left + up) >> 1, paeth()][filter] ?? 0;
      rgba[y * stride + x] = (rawByte + predictor) & 0xff;
    }
  }
  return { width, height, rgba };
}

export function checkIcons(dir: string, manifest: Manifest): string[] {
  const problems: string[] = [];
  const color = join(dir, manifest.icons.color);
  const outline = join(dir, manifest.icons.outline);
  if (!existsSync(color)) problems.push(`icons.color: ${manifest.icons.color} is missing`);
  else {
    const png = readPng(readFileSync(color));
    if (png.width !== 192 || png.height !== 192) problems.push(`icons.color: must be 192x192 pixels, is ${png.width}x${png.height}`);
  }
  if (!existsSync(outline)) problems.push(`icons.outline: ${manifest.icons.outline} is missing`);
  else {
    const png = readPng(readFileSync(outline));
    if (png.width !== 32 || png.height !== 32) problems.push(`icons.outline: must be 32x32 pixels, is ${png.width}x${png.height}`);
    if (!png.rgba) problems.push('icons.outline: must be an 8-bit RGBA PNG (white on transparent)');
    else {
      for (let i = 0; i < png.rgba.length; i += 4) {
        const [r, g, b, a] = png.rgba.subarray(i, i + 4);
        if (a! > 0 && (r !== 255 || g !== 255 || b !== 255)) {
          problems.push('icons.outline: must be white on a transparent background');
          break;
        }
      }
    }
  }
  return problems;
}

export function buildTeamsPackage(options: PackageOptions): { zip: Uint8Array; manifest: Manifest } {
  const dir = options.dir ?? join(projectRoot(), 'appPackage');
  const values: Record<string, string> = {
    BOT_ID: options.botId,
    FORCE_NAME: options.forceName ?? 'Hertfordshire Constabulary',
    WEBSITE_URL: options.websiteUrl ?? 'https://www.herts.police.uk',
    PRIVACY_URL: options.privacyUrl ?? options.websiteUrl ?? 'https://www.herts.police.uk',
    TERMS_URL: options.termsUrl ?? options.websiteUrl ?? 'https://www.herts.police.uk',
    ACCENT: options.accent ?? '#1d4f91',
  };
  const template = readFileSync(join(dir, 'manifest.json'), 'utf8');
  const unknown = [...template.matchAll(/\$\{\{(\w+)\}\}/g)].map((m) => m[1]!).filter((k) => !(k in values));
  if (unknown.length > 0) throw new Error(`manifest.json: unknown placeholders ${unknown.join(', ')}`);
  const filled = template.replace(/\$\{\{(\w+)\}\}/g, (_m, key: string) => JSON.stringify(values[key]).slice(1, -1));
  const parsed = JSON.parse(filled) as Manifest;
  const schema = schemaProblems(parsed);
  if (schema.length > 0) throw new Error(`manifest.json does not match Microsoft's Teams manifest schema v${String(parsed.manifestVersion)}:\n` + schema.join('\n'));
  const own = projectProblems(parsed);
  if (own.length > 0) throw new Error('manifest.json breaks this bot\'s rules:\n' + own.join('\n'));
  const manifest = parsed;
  const iconProblems = checkIcons(dir, manifest);
  if (iconProblems.length > 0) throw new Error('appPackage icons are not valid:\n' + iconProblems.join('\n'));
  const zip = zipSync({
    'manifest.json': Buffer.from(JSON.stringify(manifest, null, 2)),
    [manifest.icons.color]: readFileSync(join(dir, manifest.icons.color)),
    [manifest.icons.outline]: readFileSync(join(dir, manifest.icons.outline)),
  });
  return { zip, manifest };
}

if (require.main === module) {
  const env = process.env;
  try {
    if (!env.MicrosoftAppId) throw new Error('MicrosoftAppId: set it to your Azure Bot app id (a GUID), e.g. MicrosoftAppId=... npm run teams:package');
    const { zip, manifest } = buildTeamsPackage({
      botId: env.MicrosoftAppId,
      forceName: env.TEAMS_FORCE_NAME,
      websiteUrl: env.TEAMS_WEBSITE_URL,
      privacyUrl: env.TEAMS_PRIVACY_URL,
      termsUrl: env.TEAMS_TERMS_URL,
      accent: env.WEBCHAT_ACCENT,
    });
    const out = join(projectRoot(), 'appPackage', 'build');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'appPackage.zip'), zip);
    console.log(
      `appPackage/build/appPackage.zip: "${manifest.name.short}" ${manifest.version}, bot ${manifest.bots![0]!.botId}, ` +
        `valid against Microsoft's Teams manifest schema v${manifest.manifestVersion} (@microsoft/app-manifest), icons checked`,
    );
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
