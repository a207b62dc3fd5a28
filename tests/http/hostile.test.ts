/**
 * Hostile requests over real HTTP against the real service: each is refused with its 4xx (or served
 * correctly), and the server still answers a real message after it. Bodies that lie about their
 * encoding or length, compression bombs, routing oddities, a failure inside the adapter, rate limits per
 * client address (and through a trusted proxy), the headers every answer carries, and local mode's rules
 * for where replies may go.
 */
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { HTTP_TIMEOUTS, MAX_BODY_BYTES } from '../../src/server';
import { activity, newConversation, post, raw, replyText, startApp, type Started } from './harness';

const json = (text: string) => JSON.parse(text) as { error?: string; activities?: { text?: string }[] };

async function stillServes(s: Started): Promise<void> {
  newConversation();
  const { status, json: body } = await post(s.url, activity('there is a man with a knife outside my house'));
  expect(status).toBe(200);
  expect(replyText(body)).toContain('Call 999 now');
}

describe('bodies that lie (encoding, size, length)', () => {
  let s: Started;
  beforeAll(async () => {
    s = await startApp();
  });
  afterAll(async () => {
    await s.app.shutdown();
  });
  beforeEach(() => newConversation());

  it('decodes a real gzip body', async () => {
    const answer = await raw(s.url, { headers: { 'Content-Encoding': 'gzip' }, parts: [gzipSync(JSON.stringify(activity('hello')))] });
    expect(answer.status).toBe(200);
    expect(replyText(json(answer.text) as never)).toContain("I'm an automated helper");
  });

  it.each([
    ['a body marked gzip that is not gzip', { 'Content-Encoding': 'gzip' }, ['{"type":"message"}'], 400, /not valid gzip/],
    ['a truncated gzip body', { 'Content-Encoding': 'gzip' }, [gzipSync(JSON.stringify(activity('hello'))).subarray(0, 20)], 400, /not valid gzip/],
    ['a gzip bomb (61 KB that inflates to 63 MB)', { 'Content-Encoding': 'gzip' }, [gzipSync(Buffer.alloc(63_000_000, 32))], 413, /decodes to over/],
    ['deflate', { 'Content-Encoding': 'deflate' }, ['{}'], 415, /gzip/],
    ['brotli', { 'Content-Encoding': 'br' }, ['{}'], 415, /gzip/],
    ['gzip twice', { 'Content-Encoding': 'gzip, gzip' }, ['{}'], 415, /gzip/],
    ['a body over the limit', {}, [JSON.stringify(activity('x'.repeat(MAX_BODY_BYTES)))], 413, /over/],
    ['a body sent in chunks past the limit', { 'Transfer-Encoding': 'chunked' }, Array.from({ length: 20 }, () => 'x'.repeat(8192)), 413, /over/],
    ['a body that is not JSON', { 'Content-Type': 'text/plain' }, ['hello'], 415, /JSON/],
    ['JSON nested 10,000 deep', {}, ['['.repeat(10_000) + ']'.repeat(10_000)], 400, /activity/],
    ['an id longer than any channel uses', {}, [JSON.stringify(activity('hi', { conversation: { id: 'x'.repeat(513) } as never }))], 400, /conversation/],
  ])('refuses %s, then still serves', async (_what, headers, parts, status, message) => {
    const answer = await raw(s.url, { headers, parts });
    expect(answer.status).toBe(status);
    expect(json(answer.text).error).toMatch(message);
    await stillServes(s);
  });

  it('refuses a body declared far over the limit at once, without reading it, and closes the connection', async () => {
    const answer = await raw(s.url, { headers: { 'Content-Length': String(50 * 1024 * 1024) }, parts: ['{'], end: false });
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
    await stillServes(s);
  });

  it('answers a body shorter than its Content-Length with 408 within the body time limit', async () => {
    const started = Date.now();
    const answer = await raw(s.url, { headers: { 'Content-Length': '500' }, parts: ['{"type":"mess'], end: false });
    expect(answer.status).toBe(408);
    expect(answer.headers.connection).toBe('close');
    expect(Date.now() - started).toBeLessThan(HTTP_TIMEOUTS.bodyMs + 2_000);
    await stillServes(s);
  }, 15_000);

  it('serves odd unicode in the text and the ids', async () => {
    const { status } = await post(s.url, activity('\u202e\u0000🔪\ud800 caf\u00e9', { conversation: { id: 'ü\u202e😀' } as never }));
    expect(status).toBe(200);
    await stillServes(s);
  });
});

describe('routing and the answers themselves', () => {
  let s: Started;
  beforeAll(async () => {
    s = await startApp();
  });
  afterAll(async () => {
    await s.app.shutdown();
  });

  it.each([
    ['an unknown path', 'GET', '/wp-admin/setup.php', 404],
    ['a wrong method', 'DELETE', '/api/messages', 405],
    ['a path that is not valid percent-encoding', 'GET', '/%E0%A4%A', 404],
    ['a path that climbs out', 'GET', '/webchat/../../package.json', 404],
  ])('answers %s with a short JSON 4xx, then still serves', async (_what, method, path, status) => {
    const answer = await raw(s.url, { method, path });
    expect(answer.status).toBe(status);
    expect(Object.keys(json(answer.text))).toEqual(['error']);
    await stillServes(s);
  });

  it.each([
    ['a conversation turn', () => fetch(`${s.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity('hello')) })],
    ['a refusal', () => fetch(`${s.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{' })],
    ['a route that does not exist', () => fetch(`${s.url}/nothing-here`)],
    ['the health probe', () => fetch(`${s.url}/healthz`)],
  ])('marks %s no-store and nosniff', async (_what, call) => {
    const response = await call();
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('a failure inside the adapter (not in a turn)', () => {
  it('is a 500 that says only that the server failed, logs no message, and the server keeps serving', async () => {
    const real = new ConfigurationBotFrameworkAuthentication({});
    // Authenticates as usual, but no connector client can be made: processActivity rejects outside the turn.
    const auth = Object.create(real) as ConfigurationBotFrameworkAuthentication;
    auth.authenticateRequest = async (a, header) => ({ ...(await real.authenticateRequest(a, header)), connectorFactory: { create: () => Promise.reject(new Error('zebra-detail')) } });
    const s = await startApp({ auth });
    try {
      const answer = await post(s.url, activity('hello'));
      expect(answer.status).toBe(500);
      expect(answer.json).toEqual({ error: 'the server failed to process the request' });
      expect(s.logs.join('')).toContain('request failed');
      expect(s.logs.join('')).not.toContain('zebra-detail');
      expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    } finally {
      await s.app.shutdown();
    }
  });
});

describe('per-client-address limit on /api/messages', () => {
  it('answers 429 with Retry-After, and "slow down" with 999 and 101, however many conversations the client opens', async () => {
    const s = await startApp({}, { CLIENT_RATE_LIMIT_PER_MINUTE: '5' });
    try {
      for (let i = 0; i < 5; i++) {
        newConversation();
        expect((await post(s.url, activity('hello'))).status).toBe(200);
      }
      newConversation();
      const response = await fetch(`${s.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity('hello')) });
      expect(response.status).toBe(429);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      const body = (await response.json()) as { error: string; activities: { text: string }[] };
      for (const text of [body.error, body.activities[0]!.text]) {
        expect(text).toContain('999');
        expect(text).toContain('101');
      }
    } finally {
      await s.app.shutdown();
    }
  });

  it('believes X-Forwarded-For only from a trusted proxy, and only its last hop', async () => {
    const send = (s: Started, forwardedFor: string) =>
      fetch(`${s.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': forwardedFor }, body: JSON.stringify(activity('hello')) }).then((r) => r.status);
    const direct = await startApp({}, { CLIENT_RATE_LIMIT_PER_MINUTE: '5' });
    const proxied = await startApp({}, { CLIENT_RATE_LIMIT_PER_MINUTE: '5', TRUSTED_PROXIES: '127.0.0.1' });
    try {
      // Not a trusted proxy: every request is the connection's address, whatever the header says.
      const directStatuses = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => send(direct, `198.51.100.${i}`)));
      expect(directStatuses.filter((status) => status === 429)).toHaveLength(1);
      // Behind the trusted proxy: six clients, one request each; a spoofed first hop changes nothing.
      const proxiedStatuses = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => send(proxied, `203.0.113.9, 198.51.100.${i}`)));
      expect(proxiedStatuses).toEqual([200, 200, 200, 200, 200, 200]);
      const sameClient = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => send(proxied, `192.0.2.${i}, 198.51.100.77`)));
      expect(sameClient.filter((status) => status === 429)).toHaveLength(1);
    } finally {
      await direct.app.shutdown();
      await proxied.app.shutdown();
    }
  });
});

describe('local mode (no credentials): where replies may go', () => {
  let s: Started;
  let emulator: Server;
  const received: string[] = [];
  beforeAll(async () => {
    s = await startApp();
    // A stand-in for the Bot Framework Emulator: takes the bot's replies on its own loopback port.
    emulator = createServer((req, res) => {
      received.push(`${req.method} ${req.url}`);
      req.resume();
      res.setHeader('Content-Type', 'application/json');
      res.end('{"id":"1"}');
    });
    await new Promise<void>((resolve) => emulator.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await s.app.shutdown();
    emulator.close();
  });
  beforeEach(() => newConversation());

  it('sends replies to a local client such as the Emulator', async () => {
    const { port } = emulator.address() as AddressInfo;
    const { status } = await post(s.url, activity('hello', { deliveryMode: 'normal', serviceUrl: `http://localhost:${port}` }));
    expect(status).toBe(200);
    expect(received.some((line) => /^POST \/v3\/conversations\/.+\/activities/.test(line))).toBe(true);
  });

  it('refuses an activity with no serviceUrl unless replies go in the response, at once and with no outbound call', async () => {
    const started = Date.now();
    const { status, json: body } = await post(s.url, activity('hello', { deliveryMode: 'normal', serviceUrl: undefined }));
    expect(status).toBe(400);
    expect(body.error).toMatch(/serviceUrl/);
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await post(s.url, activity('hello', { serviceUrl: undefined }))).status).toBe(200);
  });

  it.each([
    ['a path on a local service', 'http://127.0.0.1:8080/admin/delete'],
    ['a query', 'http://127.0.0.1:8080/?x=1'],
    ['a privileged port', 'http://127.0.0.1:22'],
    ['the default port', 'http://localhost'],
    ['credentials', 'http://user:pw@127.0.0.1:8080'],
    ['another scheme', 'file:///etc/passwd'],
    ['a public address', 'https://attacker.example/'],
  ])('refuses a serviceUrl with %s', async (_what, serviceUrl) => {
    expect((await post(s.url, activity('hello', { deliveryMode: 'normal', serviceUrl }))).status).toBe(403);
  });

  it("refuses the bot's own port (it would post to itself)", async () => {
    const { port } = new URL(s.url);
    expect((await post(s.url, activity('hello', { deliveryMode: 'normal', serviceUrl: `http://127.0.0.1:${port}` }))).status).toBe(403);
  });

  it('does not look at a token it could not use (no key fetch), and serves', async () => {
    const response = await fetch(`${s.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6IngifQ.eyJpc3MiOiJ4In0.c2ln' },
      body: JSON.stringify(activity('hello')),
    });
    expect(response.status).toBe(200);
  });
});
