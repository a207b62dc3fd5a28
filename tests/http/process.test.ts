/**
 * The service as `npm start` runs it (the bundle in dist/, built by `npm test` before jest), as a real
 * process: it serves, its whole output holds no user text, SIGTERM stops it cleanly, bodies that once
 * ended the process are refused while it goes on serving, and a production start without credentials is
 * refused with a message that names what to set.
 */
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { startCommand } from '../../scripts/startCommand';
import { startBotProcess, stop } from './processes';

function startArgs(): string[] {
  const { flags, entry } = startCommand();
  return [...flags, entry];
}

async function say(url: string, text: string, conversation = 'process-1') {
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'message', text, deliveryMode: 'expectReplies', channelId: 'webchat', serviceUrl: 'http://127.0.0.1:9', conversation: { id: conversation }, from: { id: 'u' }, recipient: { id: 'b' } }),
  });
  return { status: response.status, body: await response.text() };
}

describe('the bot as a process (npm start)', () => {
  it('serves, logs JSON without user text even at trace level, and stops cleanly on SIGTERM', async () => {
    const marker = 'wombat-marker-4471';
    const bot = await startBotProcess({ LOG_LEVEL: 'trace' });
    try {
      const reply = await say(bot.url, `there is a man with a knife outside ${marker}`);
      expect(reply.status).toBe(200);
      expect(reply.body).toContain('Call 999 now');
      await say(bot.url, `{"broken": ${marker}`);
      await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: `{"text":"${marker}",` });
      expect((await fetch(`${bot.url}/readyz`)).status).toBe(200);
    } finally {
      await stop(bot);
    }

    expect(await bot.exited).toBe(0);
    const output = bot.output();
    expect(output).toContain('"msg":"stopped"');
    expect(output).not.toContain(marker);
    for (const line of output.trim().split('\n').filter((l) => l.startsWith('{'))) expect(() => JSON.parse(line) as unknown).not.toThrow();
  }, 30_000);

  it('keeps serving after bodies that used to end the process (gzip that is not gzip, a gzip bomb)', async () => {
    const bot = await startBotProcess();
    try {
      const post = (headers: Record<string, string>, body: string | Uint8Array) =>
        fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : new Uint8Array(body) }).then((r) => r.status);
      expect(await post({ 'Content-Encoding': 'gzip' }, 'this is not gzip')).toBe(400);
      expect(await post({ 'Content-Encoding': 'gzip' }, gzipSync(Buffer.alloc(20_000_000, 32)))).toBe(413);
      const reply = await say(bot.url, 'there is a man with a knife outside');
      expect(reply.status).toBe(200);
      expect(reply.body).toContain('Call 999 now');
    } finally {
      expect(await stop(bot)).toBe(0);
    }
  }, 30_000);

  it.each(['production', 'Production'])('refuses to start with NODE_ENV=%s and no credentials', (nodeEnv) => {
    const run = spawnSync(process.execPath, startArgs(), { env: { ...process.env, NODE_ENV: nodeEnv, PORT: '0', MicrosoftAppId: '' }, encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('MicrosoftAppId: required when NODE_ENV=production');
  });

  it('names a wrong configuration value and does not start', () => {
    const run = spawnSync(process.execPath, startArgs(), { env: { ...process.env, PORT: '0', CONVERSATION_IDLE_MINUTES: 'forever' }, encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^CONVERSATION_IDLE_MINUTES: /m);
  });
});
