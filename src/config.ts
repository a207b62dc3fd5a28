/**
 * The only module that reads process.env. Every value is validated at start-up; a wrong one stops the
 * process with `KEY: message` lines.
 */
import { z } from 'zod';

const Flag = z.enum(['true', 'false']).transform((v) => v === 'true');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  /** Defaults to loopback without Bot Framework credentials (local use), all interfaces with them. */
  HOST: z.string().min(1).optional(),
  MicrosoftAppId: z.string().default(''),
  MicrosoftAppPassword: z.string().default(''),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  MicrosoftAppTenantId: z.string().default(''),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Operator opt-in to log what people type. Off by default: logs never contain user text. */
  LOG_USER_TEXT: Flag.default(false),
  NODE_ENV: z.string().optional(),
  /** memory (one process, the embedded default) or blob (Azure Blob Storage, shared by a fleet). */
  STORAGE: z.enum(['memory', 'blob']).default('memory'),
  BLOB_CONNECTION_STRING: z.string().optional(),
  BLOB_CONTAINER: z
    .string()
    .regex(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, 'an Azure container name: 3-63 of a-z, 0-9 and single hyphens')
    .default('conversations'),
  /** A conversation's state (its place in the flow) is deleted after this long without a message. */
  CONVERSATION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  /** The in-memory store keeps at most this many conversations; the longest idle goes first. */
  MEMORY_MAX_CONVERSATIONS: z.coerce.number().int().min(100).max(10_000_000).default(100_000),
  /** Messages one conversation may send per minute; beyond it the bot asks them to slow down. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(5).max(10_000).default(30),
  /** A store call that takes longer fails the turn (the person still gets 999 and 101). */
  STORE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /** On SIGTERM, turns in flight get this long to finish before the process exits. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
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
  storage: { kind: 'memory'; maxConversations: number } | { kind: 'blob'; connectionString: string; container: string };
  idleMinutes: number;
  rateLimitPerMinute: number;
  storeTimeoutMs: number;
  shutdownGraceMs: number;
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
  if (!result.success) throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const e = result.data;
  const anonymous = e.MicrosoftAppId === '';
  const problems: string[] = [];
  if (anonymous && e.NODE_ENV === 'production') {
    problems.push(
      'MicrosoftAppId: required when NODE_ENV=production. Without it Bot Framework authentication is off, which is for local use only: ' +
        'set MicrosoftAppId, MicrosoftAppPassword (or MicrosoftAppType=UserAssignedMSI) and MicrosoftAppTenantId from your Azure Bot registration.',
    );
  }
  if (e.STORAGE === 'blob' && !e.BLOB_CONNECTION_STRING) problems.push('BLOB_CONNECTION_STRING: required when STORAGE=blob');
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
        : { kind: 'memory', maxConversations: e.MEMORY_MAX_CONVERSATIONS },
    idleMinutes: e.CONVERSATION_IDLE_MINUTES,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    storeTimeoutMs: e.STORE_TIMEOUT_MS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
  };
}
