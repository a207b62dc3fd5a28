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
  };
}
