/**
 * The web chat page's server side over real HTTP: security headers, what is and is not served, the
 * embed snippet, and the Direct Line token endpoint (against a fake Direct Line: no internet).
 */
import { readFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { projectRoot } from '../../src/projectRoot';
import { raw, startApp, type Started } from './harness';

const SECRET = 'direct-line-secret-that-must-stay-on-the-server';
const SITE = 'https://www.herts.police.uk';

interface TokenCall {
  url: string;
  authorization: string;
  body: { user: { id: string }; trustedOrigins: string[] };
}

function fakeDirectLine(calls: TokenCall[], status = 200): typeof fetch {
  return (url: string | URL | Request, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const href = url instanceof Request ? url.url : url.toString();
    calls.push({ url: href, authorization: headers.get('authorization') ?? '', body: JSON.parse(init?.body as string) as TokenCall['body'] });
    return Promise.resolve(new Response(JSON.stringify({ conversationId: 'abc', token: 'a-direct-line-token', expires_in: 3600 }), { status }));
  };
}

/** A GET with exactly this Accept-Encoding (fetch always asks for compression and decodes it). */
function rawGet(url: string, acceptEncoding: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

async function token(s: Started, origin?: string) {
  const response = await fetch(`${s.url}/api/directline/token`, { method: 'POST', headers: origin ? { Origin: origin } : {} });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

describe('the web chat page (HTTP)', () => {
  let s: Started;
  beforeAll(async () => {
    s = await startApp();
  });
  afterAll(async () => {
    await s.app.shutdown();
  });

  it('serves the page with a strict CSP (fresh nonce each time), no caching and no referrer', async () => {
    const first = await fetch(`${s.url}/`);
    const second = await fetch(`${s.url}/`);
    const csp = first.headers.get('content-security-policy')!;
    expect(first.status).toBe(200);
    expect(csp).toContain("default-src 'none'");
    // Scripts from the server, and the page's own (in the page) only with this response's nonce.
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}'`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(second.headers.get('content-security-policy')).not.toBe(csp);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.headers.get('referrer-policy')).toBe('no-referrer');
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    expect(first.headers.get('x-frame-options')).toBe('DENY');
    const html = await first.text();
    // The bot's welcome turn is in the page with its menu and a message box, which the page's script makes work
    // at once (disabled until it runs), while Web Chat loads (on a slow phone, seconds).
    expect(html).toMatch(/<div id="welcome-preview"><div class="early-message early-message--bot"><p[^>]*>Hello\. I&#39;m an automated helper/);
    expect(html).toContain('<button type="button" class="early-choice" value="Report a hate crime" disabled>Report a hate crime</button>');
    expect(html).toMatch(/<input id="early-text" type="text" aria-label="Type your message" placeholder="Type your message" autocomplete="off" disabled>/);
    // Web Chat renders behind it, out of reach until it takes over.
    expect(html).toMatch(/<div id="webchat" class="webchat" role="region" aria-label="[^"]+" inert>/);
    // The page's 999 line is a tap-to-call link.
    expect(html).toContain('In an emergency, call <a href="tel:999">999</a>.');
    expect(html).toContain('Exit this page');
    expect(html).toContain('"mode":"local"');
    expect(html).not.toMatch(/https?:\/\/(cdn|unpkg|jsdelivr)/);
    // Its styles and scripts are in it, with the nonce: every inline script and style element carries it.
    expect(html).toContain(readFileSync(join(projectRoot(), 'web', 'chat.js'), 'utf8'));
    expect(html).toContain(readFileSync(join(projectRoot(), 'web', 'chat.css'), 'utf8'));
    const inline = [...html.matchAll(/<(script|style)(?![^>]*\ssrc=)([^>]*)>/g)].filter(([, , attrs]) => !/type="application\/json"/.test(attrs!));
    expect(inline.length).toBe(2);
    for (const [, , attrs] of inline) expect(attrs).toContain(`nonce="${nonce}"`);
  });

  it.each([
    ['br, gzip', 'br'],
    ['gzip, deflate', 'gzip'],
    ['', undefined],
  ])('sends the page compressed when the browser accepts it (Accept-Encoding "%s": %s), never cached', async (accept, encoding) => {
    const { status, headers, body } = await rawGet(`${s.url}/`, accept);
    expect(status).toBe(200);
    expect(headers['content-encoding']).toBe(encoding);
    expect(headers.vary).toBe('Accept-Encoding');
    expect(headers['cache-control']).toBe('no-store');
    const html = (encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body).toString('utf8');
    expect(html).toMatch(/^<!doctype html>[\s\S]*<\/html>\n$/);
    if (encoding) expect(body.length).toBeLessThan(html.length / 2);
  });

  it('serves only the files the page needs', async () => {
    const vendor = await fetch(`${s.url}/webchat/vendor/webchat-minimal.js`);
    expect(vendor.status).toBe(200);
    // A short, private cache: never a shared one, and no year-long copy that would show the visit.
    expect(vendor.headers.get('cache-control')).toBe('private, max-age=600');
    // The page's own script and styles are in the page, not files of their own.
    for (const path of ['/webchat/chat.js', '/webchat/markdown.js', '/webchat/chat.css', '/webchat/../package.json', '/webchat/vendor/../../package.json', '/webchat/index.html', '/webchat/webchat.lock.json', '/webchat/%2e%2e/%2e%2e/package.json']) {
      const response = await fetch(`${s.url}${path}`);
      expect([400, 404]).toContain(response.status);
      expect(await response.text()).not.toContain('"dependencies"');
    }
  });

  it.each([
    ['br, gzip', 'br'],
    ['gzip, deflate', 'gzip'],
    ['', undefined],
  ])('sends Web Chat precompressed when the browser accepts it (Accept-Encoding "%s": %s), the same bytes once decoded, with the same short private cache', async (accept, encoding) => {
    const { status, headers, body } = await rawGet(`${s.url}/webchat/vendor/webchat-minimal.js`, accept);
    expect(status).toBe(200);
    expect(headers['content-encoding']).toBe(encoding);
    expect(headers.vary).toBe('Accept-Encoding');
    expect(headers['cache-control']).toBe('private, max-age=600');
    const decoded = encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body;
    const original = readFileSync(join(projectRoot(), 'web', 'vendor', 'webchat-minimal.js'));
    expect(decoded.equals(original)).toBe(true);
    if (encoding) expect(body.length).toBeLessThan(original.length / 3);
  });

  it('serves an embed snippet that opens the page in a frame, with one CORP header that lets other sites load it', async () => {
    const response = await fetch(`${s.url}/embed.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('javascript');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const script = await response.text();
    expect(script).toContain('iframe');
    expect(script).toContain(`${s.url}/`);
  });

  it('builds the embed snippet from configuration, never from the Host header', async () => {
    const hostile = 'evil.example"</script><script>alert(1)</script>';
    const { status, text } = await raw(s.url, { method: 'GET', path: '/embed.js', headers: { Host: hostile } });
    expect(status).toBe(200);
    expect(text).not.toContain('evil.example');
    expect(text).toContain(`${s.url}/`);
  });

  it('has no Direct Line token endpoint without a secret', async () => {
    expect((await token(s, SITE)).status).toBe(404);
  });
});

describe('the Direct Line token endpoint (DIRECT_LINE_SECRET set)', () => {
  const calls: TokenCall[] = [];
  let s: Started;
  const env = {
    MicrosoftAppId: 'app',
    MicrosoftAppPassword: 'pw',
    MicrosoftAppTenantId: 't',
    DIRECT_LINE_SECRET: SECRET,
    WEBCHAT_TRUSTED_ORIGINS: SITE,
    WEBCHAT_FRAME_ANCESTORS: SITE,
    TOKEN_RATE_LIMIT_PER_MINUTE: '3',
  };
  beforeAll(async () => {
    s = await startApp({ directLineFetch: fakeDirectLine(calls) }, env);
  });
  afterAll(async () => {
    await s.app.shutdown();
  });

  it('mints a token for a trusted origin with enhanced authentication, and never gives out the secret', async () => {
    const { status, text } = await token(s, SITE);
    expect(status).toBe(200);
    expect(JSON.parse(text)).toEqual({ token: 'a-direct-line-token', expires_in: 3600, conversationId: 'abc' });
    expect(text).not.toContain(SECRET);
    expect(calls[0]!.url).toBe('https://directline.botframework.com/v3/directline/tokens/generate');
    expect(calls[0]!.authorization).toBe(`Bearer ${SECRET}`);
    expect(calls[0]!.body.trustedOrigins).toEqual([SITE]);
    expect(calls[0]!.body.user.id).toMatch(/^dl_[0-9a-f]{24}$/);
  });

  it('points the embed snippet at PUBLIC_URL when set', async () => {
    const configured = await startApp({}, { PUBLIC_URL: 'https://chat.example.police.uk' });
    try {
      const text = await (await fetch(`${configured.url}/embed.js`)).text();
      expect(text).toContain('"https://chat.example.police.uk/"');
      expect(text).not.toContain(configured.url);
    } finally {
      await configured.app.shutdown();
    }
  });

  it('refuses an origin that is not trusted, or none', async () => {
    expect((await token(s, 'https://evil.example')).status).toBe(403);
    expect((await token(s)).status).toBe(403);
  });

  it('throttles one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await token(s, SITE)).status);
    expect(statuses).toContain(429);
  });

  it('lets the trusted site frame the page, and the page use Direct Line', async () => {
    const page = await fetch(`${s.url}/`);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain(`frame-ancestors ${SITE}`);
    expect(csp).toContain('connect-src \'self\' https://directline.botframework.com wss://directline.botframework.com');
    const html = await page.text();
    expect(html).toContain('"mode":"directline"');
    // The welcome while Web Chat loads, but no buttons or message box: only Web Chat talks to Direct Line.
    expect(html).toMatch(/<div id="welcome-preview">.*Hello\. I&#39;m an automated helper/);
    expect(html).not.toMatch(/<button[^>]*class="early-choice"/);
    expect(html).not.toMatch(/<input id="early-text"/);
    // Web Chat (its box, its connection notices) is not hidden behind it.
    expect(html).toMatch(/<div id="webchat" class="webchat" role="region" aria-label="[^"]+"><\/div>/);
  });

  it('answers 502 (with 999 and 101) when Direct Line fails, without the secret', async () => {
    const failing = await startApp({ directLineFetch: fakeDirectLine([], 500) }, { ...env, TOKEN_RATE_LIMIT_PER_MINUTE: '100' });
    try {
      const { status, text } = await token(failing, SITE);
      expect(status).toBe(502);
      expect(text).toContain('999');
      expect(text).toContain('101');
      expect(failing.logs.join('')).not.toContain(SECRET);
    } finally {
      await failing.app.shutdown();
    }
  });
});
