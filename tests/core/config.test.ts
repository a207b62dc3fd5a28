/** Every configuration value is checked at start-up, and a wrong one is named. */
import { ConfigError, loadConfig } from '../../src/config';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('runs on embedded defaults with nothing set: loopback, in-memory store, 30-minute idle time', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3978, host: '127.0.0.1', anonymous: true, idleMinutes: 30, rateLimitPerMinute: 30, logUserText: false });
    expect(config.storage).toEqual({ kind: 'memory', maxConversations: 100_000, maxBytes: 16 * 1024 * 1024 });
  });

  it('listens on all interfaces with credentials, and defaults to SingleTenant', () => {
    const config = loadConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: 'tenant' });
    expect(config.host).toBe('0.0.0.0');
    expect(config.auth.MicrosoftAppType).toBe('SingleTenant');
    expect(config.anonymous).toBe(false);
  });

  it.each(['production', 'Production', 'PRODUCTION', ' production '])('refuses to start in production (NODE_ENV=%j) without credentials, saying what to set', (nodeEnv) => {
    const [problem] = problems({ NODE_ENV: nodeEnv });
    expect(problem).toMatch(/^MicrosoftAppId: required when NODE_ENV=production/);
    expect(problems({ NODE_ENV: 'production', MicrosoftAppId: 'app', MicrosoftAppPassword: 's', MicrosoftAppTenantId: 't' })).toEqual([]);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ MicrosoftAppType: 'Personal' }, 'MicrosoftAppType'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ LOG_USER_TEXT: 'yes' }, 'LOG_USER_TEXT'],
    [{ STORAGE: 'redis' }, 'STORAGE'],
    [{ STORAGE: 'blob' }, 'BLOB_CONNECTION_STRING'],
    [{ BLOB_CONTAINER: 'Has_Capitals' }, 'BLOB_CONTAINER'],
    [{ CONVERSATION_IDLE_MINUTES: '0' }, 'CONVERSATION_IDLE_MINUTES'],
    [{ MEMORY_MAX_CONVERSATIONS: '10' }, 'MEMORY_MAX_CONVERSATIONS'],
    [{ RATE_LIMIT_PER_MINUTE: 'many' }, 'RATE_LIMIT_PER_MINUTE'],
    [{ STORE_TIMEOUT_MS: '-1' }, 'STORE_TIMEOUT_MS'],
    [{ SHUTDOWN_GRACE_MS: '1e9' }, 'SHUTDOWN_GRACE_MS'],
    [{ MEMORY_MAX_MB: '0' }, 'MEMORY_MAX_MB'],
    [{ CLIENT_RATE_LIMIT_PER_MINUTE: '-5' }, 'CLIENT_RATE_LIMIT_PER_MINUTE'],
    [{ TRUSTED_PROXIES: '10.0.0.1, proxy.example' }, 'TRUSTED_PROXIES'],
    [{ PUBLIC_URL: 'https://chat.example.org/some/path' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'http://chat.example.org' }, 'PUBLIC_URL'],
  ])('names the wrong value in %j', (env, key) => {
    const found = problems(env);
    expect(found).toHaveLength(1);
    expect(found[0]!.startsWith(`${key}: `)).toBe(true);
  });

  it('reads words whatever their case, as a person would write them', () => {
    const config = loadConfig({ LOG_LEVEL: 'Debug', LOG_USER_TEXT: 'TRUE', STORAGE: 'Memory', MicrosoftAppType: 'userassignedmsi', MicrosoftAppId: 'app', MicrosoftAppTenantId: 't' });
    expect(config.logLevel).toBe('debug');
    expect(config.logUserText).toBe(true);
    expect(config.storage.kind).toBe('memory');
    expect(config.auth.MicrosoftAppType).toBe('UserAssignedMSI');
  });

  it('limits each client address without credentials, not with them (the caller is then the Bot Service)', () => {
    expect(loadConfig({}).clientRatePerMinute).toBe(120);
    expect(loadConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 's', MicrosoftAppTenantId: 't' }).clientRatePerMinute).toBe(0);
    expect(loadConfig({ CLIENT_RATE_LIMIT_PER_MINUTE: '0' }).clientRatePerMinute).toBe(0);
  });

  it('reads trusted proxies and the public origin', () => {
    const config = loadConfig({ TRUSTED_PROXIES: '10.0.0.4, ::1', PUBLIC_URL: 'https://Chat.Example.org/' });
    expect(config.trustedProxies).toEqual(['10.0.0.4', '::1']);
    expect(config.web.publicUrl).toBe('https://chat.example.org');
  });

  it('treats an empty value as not set', () => {
    expect(loadConfig({ PORT: '', STORAGE: '' }).port).toBe(3978);
  });

  it('reads blob storage settings', () => {
    const config = loadConfig({ STORAGE: 'blob', BLOB_CONNECTION_STRING: 'UseDevelopmentStorage=true' });
    expect(config.storage).toEqual({ kind: 'blob', connectionString: 'UseDevelopmentStorage=true', container: 'conversations' });
  });
});
