/**
 * `npm run teams:package`: fills in appPackage/manifest.json (bot id, the force's name, web pages,
 * colour), validates it offline against the parts of the Teams app manifest schema v1.22 that matter
 * here (lengths, formats, personal scope, icons' sizes and the outline icon's white-on-transparent
 * rule), and writes appPackage/build/appPackage.zip to upload in Teams (Apps > Manage your apps >
 * Upload an app) or in the Teams admin centre.
 *   MicrosoftAppId=<bot app id> npm run teams:package
 * Optional: TEAMS_FORCE_NAME, TEAMS_WEBSITE_URL, TEAMS_PRIVACY_URL, TEAMS_TERMS_URL, WEBCHAT_ACCENT.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { z } from 'zod';
import { projectRoot } from '../../src/projectRoot';

const Guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a GUID (the Azure Bot app id)');
const Https = z.string().regex(/^https:\/\/[^\s]+$/, 'an https:// URL').max(2048);
const Command = z.strictObject({ title: z.string().min(1).max(32), description: z.string().min(1).max(128) });

/** The parts of https://developer.microsoft.com/json-schemas/teams/v1.22/MicrosoftTeams.schema.json this app uses. */
export const Manifest = z.strictObject({
  $schema: z.literal('https://developer.microsoft.com/json-schemas/teams/v1.22/MicrosoftTeams.schema.json'),
  manifestVersion: z.literal('1.22'),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'major.minor.patch'),
  id: Guid,
  developer: z.strictObject({ name: z.string().min(1).max(32), websiteUrl: Https, privacyUrl: Https, termsOfUseUrl: Https }),
  name: z.strictObject({ short: z.string().min(1).max(30), full: z.string().min(1).max(100) }),
  description: z.strictObject({ short: z.string().min(1).max(80), full: z.string().min(1).max(4000) }),
  icons: z.strictObject({ color: z.string().regex(/\.png$/), outline: z.string().regex(/\.png$/) }),
  accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour as #rrggbb'),
  bots: z
    .array(
      z.strictObject({
        botId: Guid,
        scopes: z.array(z.literal('personal')).min(1).max(1),
        supportsFiles: z.literal(false),
        isNotificationOnly: z.literal(false),
        commandLists: z.array(z.strictObject({ scopes: z.array(z.literal('personal')).length(1), commands: z.array(Command).min(1).max(10) })).max(1),
      }),
    )
    .length(1),
  permissions: z.array(z.string()).max(0),
  validDomains: z.array(z.string()),
});

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

export function checkIcons(dir: string, manifest: z.infer<typeof Manifest>): string[] {
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

export function buildTeamsPackage(options: PackageOptions): { zip: Uint8Array; manifest: z.infer<typeof Manifest> } {
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
  const result = Manifest.safeParse(JSON.parse(filled));
  if (!result.success) throw new Error('manifest.json is not valid:\n' + result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
  const manifest = result.data;
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
    console.log(`appPackage/build/appPackage.zip: "${manifest.name.short}" ${manifest.version}, bot ${manifest.bots[0]!.botId}, manifest v${manifest.manifestVersion} (valid)`);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
