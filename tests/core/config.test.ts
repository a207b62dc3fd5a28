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
    expect(config.storage).toEqual({ kind: 'memory', maxConversations: 100_000 });
  });

  it('listens on all interfaces with credentials, and defaults to SingleTenant', () => {
    const config = loadConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: 'tenant' });
    expect(config.host).toBe('0.0.0.0');
    expect(config.auth.MicrosoftAppType).toBe('SingleTenant');
    expect(config.anonymous).toBe(false);
  });

  it('refuses to start in production without credentials, saying what to set', () => {
    const [problem] = problems({ NODE_ENV: 'production' });
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
  ])('names the wrong value in %j', (env, key) => {
    const found = problems(env);
    expect(found).toHaveLength(1);
    expect(found[0]!.startsWith(`${key}: `)).toBe(true);
  });

  it('treats an empty value as not set', () => {
    expect(loadConfig({ PORT: '', STORAGE: '' }).port).toBe(3978);
  });

  it('reads blob storage settings', () => {
    const config = loadConfig({ STORAGE: 'blob', BLOB_CONNECTION_STRING: 'UseDevelopmentStorage=true' });
    expect(config.storage).toEqual({ kind: 'blob', connectionString: 'UseDevelopmentStorage=true', container: 'conversations' });
  });
});
