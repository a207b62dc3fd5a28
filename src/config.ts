/**
 * The only module that reads process.env. Every value is validated at start-up; a wrong one stops the
 * process with `KEY: message` lines.
 */
import { isIP } from 'node:net';
import { z } from 'zod';

/** One of these words, whatever its case or surrounding spaces ("Production", " TRUE"), as written here. */
function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .string()
    .transform((v) => values.find((value) => value.toLowerCase() === v.trim().toLowerCase()) ?? v)
    .pipe(z.enum(values));
}

const Flag = oneOf(['true', 'false']).transform((v) => v === 'true');
const HttpsUrl = z.url({ protocol: /^https$/, error: 'an https:// URL' });
const OriginList = z
  .string()
  .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean))
  // http only for a page on this machine (local testing of the embed snippet).
  .pipe(z.array(z.string().regex(/^(https:\/\/[a-z0-9.-]+|http:\/\/(localhost|127\.0\.0\.1))(:\d+)?$/i, 'a comma-separated list of https:// origins (no path)')));

/** WCAG contrast ratio of a #rrggbb colour against white. */
export function contrastWithWhite(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return 1.05 / (luminance + 0.05);
}

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  /** Defaults to loopback without Bot Framework credentials (local use), all interfaces with them. */
  HOST: z.string().min(1).optional(),
  MicrosoftAppId: z.string().default(''),
  MicrosoftAppPassword: z.string().default(''),
  MicrosoftAppType: oneOf(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  MicrosoftAppTenantId: z.string().default(''),
  LOG_LEVEL: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Operator opt-in to log what people type. Off by default: logs never contain user text. */
  LOG_USER_TEXT: Flag.default(false),
  NODE_ENV: z.string().optional(),
  /** memory (one process, the embedded default) or blob (Azure Blob Storage, shared by a fleet). */
  STORAGE: oneOf(['memory', 'blob']).default('memory'),
  BLOB_CONNECTION_STRING: z.string().optional(),
  BLOB_CONTAINER: z
    .string()
    .regex(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, 'an Azure container name: 3-63 of a-z, 0-9 and single hyphens')
    .default('conversations'),
  /** A conversation's state (its place in the flow) is deleted after this long without a message. */
  CONVERSATION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  /** The in-memory store keeps at most this many conversations; the longest idle goes first. */
  MEMORY_MAX_CONVERSATIONS: z.coerce.number().int().min(100).max(10_000_000).default(100_000),
  /** ...and at most this many megabytes of it (keys and state as stored), whatever the ids' lengths. */
  MEMORY_MAX_MB: z.coerce.number().int().min(1).max(4096).default(16),
  /** Messages one conversation may send per minute; beyond it the bot asks them to slow down. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(5).max(10_000).default(30),
  /**
   * Requests to /api/messages one client address may make per minute, whatever the conversation; 0 = no
   * limit. Default 120 without credentials (callers are people), 0 with them (the caller is the Bot
   * Service, one address for everyone, and every request carries its token).
   */
  CLIENT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(100_000).optional(),
  /** Addresses of reverse proxies whose X-Forwarded-For is believed (the client is the last address before them). */
  TRUSTED_PROXIES: z
    .string()
    .transform((v) => v.split(',').map((a) => a.trim()).filter(Boolean))
    .pipe(z.array(z.string().refine((a) => isIP(a) !== 0, 'a comma-separated list of IP addresses')))
    .default([]),
  /** A store call that takes longer fails the turn (the person still gets 999 and 101). */
  STORE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /** On SIGTERM, turns in flight get this long to finish before the process exits. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  /** Where people reach the bot (the origin the /embed.js snippet points at); never taken from a request. */
  PUBLIC_URL: z
    .string()
    .regex(/^(https:\/\/[a-z0-9.-]+|http:\/\/(localhost|127\.0\.0\.1))(:\d+)?\/?$/i, 'an https:// origin (no path), e.g. https://chat.example.police.uk')
    .transform((v) => new URL(v).origin)
    .optional(),
  /** The web chat page: where quick exit goes, the force's name, logo and colour. */
  WEBCHAT_EXIT_URL: HttpsUrl.default('https://www.bbc.co.uk/weather'),
  WEBCHAT_BRAND: z.string().min(1).max(80).default('Hertfordshire Constabulary'),
  WEBCHAT_LOGO: z.string().regex(/\.(svg|png)$/, 'a .svg or .png file').optional(),
  WEBCHAT_ACCENT: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'a colour as #rrggbb')
    .refine((c) => contrastWithWhite(c) >= 4.5, 'white text on it must have a contrast of at least 4.5:1 (WCAG AA)')
    .default('#1d4f91'),
  /** Sites allowed to embed the page in a frame (the embed snippet), e.g. https://www.herts.police.uk */
  WEBCHAT_FRAME_ANCESTORS: OriginList.default([]),
  /** Azure Direct Line: the page gets a token from /api/directline/token; the secret never leaves the server. */
  DIRECT_LINE_SECRET: z.string().min(20).optional(),
  DIRECT_LINE_ENDPOINT: HttpsUrl.default('https://directline.botframework.com/v3/directline'),
  /** Origins that may use a token (Direct Line enhanced authentication) and call the token endpoint. */
  WEBCHAT_TRUSTED_ORIGINS: OriginList.default([]),
  /** Tokens one client address may get per minute. */
  TOKEN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(10),
});

export interface Config {
  port: number;
  host: string;
  auth: {
    MicrosoftAppId: string;
    MicrosoftAppPassword: string;
    MicrosoftAppType: string;
    MicrosoftAppTenantId: string;
  };
  /** True when no MicrosoftAppId is set: Bot Framework authentication is off. */
  anonymous: boolean;
  logLevel: string;
  logUserText: boolean;
  storage: { kind: 'memory'; maxConversations: number; maxBytes: number } | { kind: 'blob'; connectionString: string; container: string };
  idleMinutes: number;
  rateLimitPerMinute: number;
  /** Requests to /api/messages per client address per minute; 0 = no limit. */
  clientRatePerMinute: number;
  /** Proxies whose X-Forwarded-For names the client. */
  trustedProxies: string[];
  storeTimeoutMs: number;
  shutdownGraceMs: number;
  web: WebConfig;
}

export interface WebConfig {
  /** local: the page talks to this bot directly (no credentials); directline: Azure Direct Line tokens; unavailable: credentials but no Direct Line secret. */
  mode: 'local' | 'directline' | 'unavailable';
  exitUrl: string;
  brand: string;
  logoPath?: string;
  accent: string;
  /** The bot's public origin (PUBLIC_URL); without it, the address it listens on, when that is loopback. */
  publicUrl?: string;
  frameAncestors: string[];
  directLine?: { secret: string; endpoint: string; trustedOrigins: string[] };
  tokenRatePerMinute: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super('configuration is not valid:\n' + problems.join('\n'));
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty variable in .env means "not set".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = EnvSchema.safeParse(present);
  if (!result.success) throw new ConfigError(result.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`));
  const e = result.data;
  const anonymous = e.MicrosoftAppId === '';
  const problems: string[] = [];
  if (anonymous && e.NODE_ENV?.trim().toLowerCase() === 'production') {
    problems.push(
      'MicrosoftAppId: required when NODE_ENV=production. Without it Bot Framework authentication is off, which is for local use only: ' +
        'set MicrosoftAppId, MicrosoftAppPassword (or MicrosoftAppType=UserAssignedMSI) and MicrosoftAppTenantId from your Azure Bot registration.',
    );
  }
  if (e.STORAGE === 'blob' && !e.BLOB_CONNECTION_STRING) problems.push('BLOB_CONNECTION_STRING: required when STORAGE=blob');
  if (e.DIRECT_LINE_SECRET && e.WEBCHAT_TRUSTED_ORIGINS.length === 0) {
    problems.push('WEBCHAT_TRUSTED_ORIGINS: required with DIRECT_LINE_SECRET (the origins of the pages that host the chat)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port: e.PORT,
    host: e.HOST ?? (anonymous ? '127.0.0.1' : '0.0.0.0'),
    auth: {
      MicrosoftAppId: e.MicrosoftAppId,
      MicrosoftAppPassword: e.MicrosoftAppPassword,
      MicrosoftAppType: e.MicrosoftAppType ?? (anonymous ? '' : 'SingleTenant'),
      MicrosoftAppTenantId: e.MicrosoftAppTenantId,
    },
    anonymous,
    logLevel: e.LOG_LEVEL,
    logUserText: e.LOG_USER_TEXT,
    storage:
      e.STORAGE === 'blob'
        ? { kind: 'blob', connectionString: e.BLOB_CONNECTION_STRING!, container: e.BLOB_CONTAINER }
        : { kind: 'memory', maxConversations: e.MEMORY_MAX_CONVERSATIONS, maxBytes: e.MEMORY_MAX_MB * 1024 * 1024 },
    idleMinutes: e.CONVERSATION_IDLE_MINUTES,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    clientRatePerMinute: e.CLIENT_RATE_LIMIT_PER_MINUTE ?? (anonymous ? 120 : 0),
    trustedProxies: e.TRUSTED_PROXIES,
    storeTimeoutMs: e.STORE_TIMEOUT_MS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    web: {
      mode: anonymous ? 'local' : e.DIRECT_LINE_SECRET ? 'directline' : 'unavailable',
      exitUrl: e.WEBCHAT_EXIT_URL,
      brand: e.WEBCHAT_BRAND,
      logoPath: e.WEBCHAT_LOGO,
      accent: e.WEBCHAT_ACCENT,
      publicUrl: e.PUBLIC_URL,
      frameAncestors: e.WEBCHAT_FRAME_ANCESTORS,
      directLine: e.DIRECT_LINE_SECRET ? { secret: e.DIRECT_LINE_SECRET, endpoint: e.DIRECT_LINE_ENDPOINT, trustedOrigins: e.WEBCHAT_TRUSTED_ORIGINS } : undefined,
      tokenRatePerMinute: e.TOKEN_RATE_LIMIT_PER_MINUTE,
    },
  };
}
