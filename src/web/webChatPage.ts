/**
 * The web chat page and what it needs, served by the bot's own server: GET / (the page, a fresh CSP
 * nonce each time), GET /webchat/* (the vendored Web Chat bundle, the logo; the page carries its own script and styles),
 * GET /embed.js (a snippet a force's site can include) and POST /api/directline/token (Azure Direct Line
 * tokens minted from DIRECT_LINE_SECRET, which never reaches the browser). Every response carries strict
 * security headers; the page is never cached (it is the one a quick exit leaves).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import type { Next, Request, Response, Server } from 'restify';
import { clientAddress } from '../clientAddress';
import type { WebConfig } from '../config';
import { RateLimiter } from '../core/rateLimiter';
import type { Responder } from '../core/responder';
import type { Reply } from '../core/reply';
import { TurnOutput } from '../core/turnOutput';
import { escapeHtml } from '../html';
import { errorForLog, type Logger } from '../logger';
import { projectRoot } from '../projectRoot';

const WEB_DIR = join(projectRoot(), 'web');

/**
 * Files the page may load, by URL path, and what they are. Nothing else under /webchat is served. (The page's
 * own styles and scripts, web/chat.css, web/markdown.js and web/chat.js, are in the page itself.)
 */
const ASSETS: Record<string, { file: string; type: string; cache?: string; precompressed?: boolean }> = {
  // Web Chat's minimal bundle, with the .br and .gz copies the build writes beside it. Large, so a browser
  // may keep it for a short while; never a shared cache, and no year-long copy that would show the visit
  // to whoever looks at the browser's cache later.
  'vendor/webchat-minimal.js': { file: join(WEB_DIR, 'vendor', 'webchat-minimal.js'), type: 'text/javascript; charset=utf-8', cache: 'private, max-age=600', precompressed: true },
};

/** The precompressed copy of a file to send for this request's Accept-Encoding, if there is one. */
function encodedCopy(file: string, acceptEncoding: string | string[] | undefined): { file: string; encoding: string } | undefined {
  const accepted = new Set(String(acceptEncoding ?? '').split(',').map((e) => e.split(';')[0]!.trim().toLowerCase()));
  for (const { encoding, suffix } of [{ encoding: 'br', suffix: '.br' }, { encoding: 'gzip', suffix: '.gz' }]) {
    if (accepted.has(encoding) && existsSync(file + suffix)) return { file: file + suffix, encoding };
  }
  return undefined;
}

/** The page's Markdown renderer (plain browser JavaScript that also exports itself to Node). */
const renderChatMarkdown = createRequire(join(WEB_DIR, 'index.html'))(join(WEB_DIR, 'markdown.js')) as (markdown: string) => string;

/**
 * The page's own chat, shown until Web Chat has loaded (on a slow phone, seconds): the bot's welcome turn, the
 * same messages the bot sends a newcomer, with its menu. In local mode web/chat.js enables its buttons and
 * message box at once (they are disabled until it runs) and posts through the page's Direct Line client; with
 * Azure Direct Line the page shows the welcome only and waits for Web Chat. The first paragraph carries elementtiming="welcome"
 * (`npm run page:bench` measures when it is painted).
 */
function earlyChat(welcome: Reply[], controls: boolean, label: string, messageBox: string, send: string): string {
  // Without the page's buttons (Azure Direct Line), not the menu's question either: Web Chat will ask it.
  const messages = welcome
    .filter((reply) => controls || reply.buttons.length === 0)
    .map((reply) => `<div class="early-message early-message--bot">${renderChatMarkdown(reply.text)}</div>`)
    .join('')
    .replace('<p>', '<p elementtiming="welcome">');
  const buttons = welcome.at(-1)?.buttons ?? [];
  const choices = buttons.map((b) => `<button type="button" class="early-choice" value="${escapeHtml(b.value)}" disabled>${escapeHtml(b.label)}</button>`).join('');
  const form =
    `<form id="early-send" class="early-send"><input id="early-text" type="text" aria-label="${messageBox}" placeholder="${messageBox}" autocomplete="off" disabled>` +
    `<button type="submit" class="early-send-button" disabled>${send}</button></form>`;
  return (
    `<div id="early" class="early${controls ? '' : ' early--welcome-only'}" role="region" aria-label="${label}">` +
    `<div id="early-log" class="early-log" role="log" tabindex="-1"><div id="welcome-preview">${messages}</div></div>` +
    (controls ? `<div id="early-choices" class="early-choices">${choices}</div>${form}` : '') +
    `</div>`
  );
}

/** A file the page carries inside a <style> or <script> element; one that could close the element fails at start-up. */
function inlined(file: string, closer: string): string {
  const text = readFileSync(file, 'utf8');
  if (text.toLowerCase().includes(closer)) throw new Error(`${file} contains "${closer}", which would end the page's element early`);
  return text;
}

const IMAGE_TYPES: Record<string, string> = { '.svg': 'image/svg+xml', '.png': 'image/png' };

export interface WebChatPageDeps {
  web: WebConfig;
  responder: Responder;
  logger: Logger;
  /** Azure Direct Line's token endpoint is called with this (tests: a local fake). */
  fetch?: typeof fetch;
  /** Reverse proxies whose X-Forwarded-For names the client (the token endpoint's limit is per client). */
  trustedProxies?: string[];
}

export function registerWebChat(server: Server, { web, responder, logger, fetch: fetchImpl = fetch, trustedProxies = [] }: WebChatPageDeps): void {
  const proxies = new Set(trustedProxies);
  const template = readFileSync(join(WEB_DIR, 'index.html'), 'utf8');
  const styles = inlined(join(WEB_DIR, 'chat.css'), '</style');
  const scripts = inlined(join(WEB_DIR, 'markdown.js'), '</script') + inlined(join(WEB_DIR, 'chat.js'), '</script');
  const logoFile = web.logoPath ?? join(WEB_DIR, 'logo.svg');
  const directLineOrigin = web.directLine ? new URL(web.directLine.endpoint).origin : undefined;
  // Without the vendored Web Chat bundle (an offline build) the page says the chat is unavailable.
  const mode = existsSync(ASSETS['vendor/webchat-minimal.js']!.file) ? web.mode : 'unavailable';
  const tokenLimiter = new RateLimiter(web.tokenRatePerMinute, 10_000);
  const welcomeTurn = new TurnOutput(responder);
  welcomeTurn.welcome();
  const early = mode === 'unavailable' ? '' : earlyChat(welcomeTurn.finish(), mode === 'local', escapeHtml(responder.text('page-chat-label')), escapeHtml(responder.text('page-message-box')), escapeHtml(responder.text('page-send')));
  const cached = new Map<string, Buffer>();
  const read = (file: string) => {
    let body = cached.get(file);
    if (!body) {
      body = readFileSync(file);
      cached.set(file, body);
    }
    return body;
  };

  /**
   * Where people reach this server: PUBLIC_URL, or else the address it listens on when that is loopback
   * (local use). Never the request's Host header, which whoever sends the request (or a shared cache
   * in between) chooses.
   */
  function publicOrigin(): string | undefined {
    if (web.publicUrl) return web.publicUrl;
    const address = server.address();
    if (address.family === 'IPv4' && address.address.startsWith('127.')) return `http://${address.address}:${address.port}`;
    if (address.address === '::1') return `http://[::1]:${address.port}`;
    return undefined;
  }

  /** `crossOrigin`: other sites may load it (the embed snippet); everything else is same-origin only. */
  function securityHeaders(res: Response, nonce?: string, crossOrigin = false): void {
    const connect = ["'self'", ...(directLineOrigin ? [directLineOrigin, directLineOrigin.replace(/^https:/, 'wss:')] : [])];
    const csp = [
      "default-src 'none'",
      // The nonce: the page's own script, in the page.
      `script-src 'self'${nonce ? ` 'nonce-${nonce}'` : ''}`,
      // The hash is the empty string's: Web Chat adds one empty <style> element without the nonce.
      `style-src 'self'${nonce ? ` 'nonce-${nonce}'` : ''} 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='`,
      "img-src 'self' data: blob:",
      "font-src 'self'",
      `connect-src ${connect.join(' ')}`,
      "base-uri 'none'",
      "form-action 'none'",
      `frame-ancestors ${web.frameAncestors.length > 0 ? web.frameAncestors.join(' ') : "'none'"}`,
    ].join('; ');
    res.header('Content-Security-Policy', csp);
    res.header('X-Content-Type-Options', 'nosniff');
    // Where the quick exit goes must not learn where the person came from.
    res.header('Referrer-Policy', 'no-referrer');
    res.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    res.header('Cross-Origin-Opener-Policy', 'same-origin');
    res.header('Cross-Origin-Resource-Policy', crossOrigin ? 'cross-origin' : 'same-origin');
    if (web.frameAncestors.length === 0) res.header('X-Frame-Options', 'DENY');
    // Browsers ignore this over plain HTTP (local use); behind HTTPS it pins HTTPS.
    res.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  }

  function page(req: Request, res: Response): void {
    const nonce = randomBytes(16).toString('base64');
    const text = (id: string) => escapeHtml(responder.text(id));
    const config = {
      mode,
      exitUrl: web.exitUrl,
      accent: web.accent,
      nonce,
      directLineDomain: web.directLine?.endpoint,
    };
    const values: Record<string, string> = {
      nonce,
      styles,
      scripts,
      title: text('page-title'),
      intro: text('page-intro'),
      // Their numbers are tap-to-call links.
      emergency: responder.html('page-emergency', escapeHtml),
      exit: text('page-exit'),
      exitHint: text('page-exit-hint'),
      chatLabel: text('page-chat-label'),
      unavailable: responder.html('page-unavailable', escapeHtml),
      // The bot's welcome and its menu, usable at once (local mode) while Web Chat's bundle loads.
      early,
      // Web Chat's bundle downloads from the start; web/chat.js runs it (none when the chat is unavailable).
      webChatPreload: mode === 'unavailable' ? '' : '<link rel="preload" href="/webchat/vendor/webchat-minimal.js" as="script">',
      // Web Chat renders behind the page's own chat, out of reach (keyboard, screen reader) until it takes over.
      // (With Azure Direct Line the welcome alone covers only the top: Web Chat's box and connection notices show.)
      webchatInert: mode === 'local' ? ' inert' : '',
      brand: escapeHtml(web.brand),
      accent: web.accent,
      logo: `<img src="/webchat/logo${extname(logoFile)}" alt="">`,
      // In a <script type="application/json">: "<" is escaped so the text cannot close the element.
      config: JSON.stringify(config).replace(/</g, '\\u003c'),
    };
    const html = template.replace(/\{\{(\w+)\}\}/g, (_m, key: string) => values[key] ?? '');
    securityHeaders(res, nonce);
    res.header('Cache-Control', 'no-store');
    res.header('Content-Type', 'text/html; charset=utf-8');
    // Compressed for the browser that accepts it (the page carries its styles and scripts: ~30 KB, ~9 KB).
    const accepted = String(req.headers['accept-encoding'] ?? '');
    res.header('Vary', 'Accept-Encoding');
    if (/\bbr\b/.test(accepted)) {
      res.header('Content-Encoding', 'br');
      res.sendRaw(200, brotliCompressSync(html, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } }));
    } else if (/\bgzip\b/.test(accepted)) {
      res.header('Content-Encoding', 'gzip');
      res.sendRaw(200, gzipSync(html));
    } else {
      res.sendRaw(200, html);
    }
  }

  // restify wants (req, res, next) from a handler that is not async; a throw goes to restify's error
  // answer (a short 500) instead of ending the process.
  const sync = (handler: (req: Request, res: Response) => void) => (req: Request, res: Response, next: Next) => {
    try {
      handler(req, res);
      next();
    } catch (error) {
      next(error);
    }
  };

  server.get('/', sync((req, res) => page(req, res)));
  server.get('/index.html', sync((req, res) => page(req, res)));

  server.get('/webchat/*', sync((req, res) => {
    const path = (req.path() || '').replace(/^\/webchat\//, '');
    securityHeaders(res);
    const logo = /^logo\.(svg|png)$/.exec(path);
    const asset = logo ? { file: logoFile, type: IMAGE_TYPES[extname(logoFile)]!, precompressed: false } : ASSETS[path];
    if (!asset || !existsSync(asset.file)) {
      res.json(404, { error: 'not found' });
      return;
    }
    res.header('Content-Type', asset.type);
    // One policy for every encoding of a file: the precompressed copies are the same resource.
    res.header('Cache-Control', asset.cache ?? 'no-cache');
    const encoded = asset.precompressed ? encodedCopy(asset.file, req.headers['accept-encoding']) : undefined;
    if (asset.precompressed) res.header('Vary', 'Accept-Encoding');
    if (encoded) res.header('Content-Encoding', encoded.encoding);
    res.sendRaw(200, read(encoded?.file ?? asset.file));
  }));

  server.get('/embed.js', sync((_req, res) => {
    const origin = publicOrigin();
    securityHeaders(res, undefined, true);
    if (!origin) {
      res.json(404, { error: 'the embed snippet needs PUBLIC_URL (the address people reach this server at)' });
      return;
    }
    res.header('Content-Type', 'text/javascript; charset=utf-8');
    res.header('Cache-Control', 'no-cache');
    res.sendRaw(200, embedScript(origin, responder.text('page-chat-label'), web.accent));
  }));

  server.post('/api/directline/token', async (req: Request, res: Response) => {
    securityHeaders(res);
    res.header('Cache-Control', 'no-store');
    const directLine = web.directLine;
    if (!directLine) {
      res.json(404, { error: 'Direct Line is not configured (DIRECT_LINE_SECRET)' });
      return;
    }
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : '';
    if (!directLine.trustedOrigins.includes(origin) && origin !== publicOrigin()) {
      res.json(403, { error: 'this origin may not start a chat' });
      return;
    }
    if (tokenLimiter.take(clientAddress(req, proxies)) !== 'ok') {
      res.header('Retry-After', '60');
      res.json(429, { error: 'too many chats started from this address; try again in a minute' });
      return;
    }
    try {
      const response = await fetchImpl(`${directLine.endpoint}/tokens/generate`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${directLine.secret}`, 'Content-Type': 'application/json' },
        // Enhanced authentication: the token only works from these origins, for this random user.
        body: JSON.stringify({ user: { id: `dl_${randomBytes(12).toString('hex')}` }, trustedOrigins: directLine.trustedOrigins }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`Direct Line answered ${response.status}`);
      const body = (await response.json()) as { token?: unknown; expires_in?: unknown; conversationId?: unknown };
      if (typeof body.token !== 'string') throw new Error('Direct Line sent no token');
      res.json(200, { token: body.token, expires_in: body.expires_in, conversationId: body.conversationId });
    } catch (error) {
      logger.error({ err: errorForLog(error) }, 'could not get a Direct Line token');
      res.json(502, { error: responder.text('page-unavailable') });
    }
  });
}

/** The snippet a force's site includes: a button that opens the chat page in a panel (an iframe). */
function embedScript(origin: string, label: string, accent: string): string {
  return `/* Hate crime reporting chat: add <script src="${origin}/embed.js" defer></script> to a page. */
(function () {
  if (document.getElementById('hate-crime-chat-button')) return;
  var button = document.createElement('button');
  button.id = 'hate-crime-chat-button';
  button.type = 'button';
  button.textContent = ${JSON.stringify(label)};
  button.setAttribute('aria-expanded', 'false');
  button.style.cssText = 'position:fixed;right:1rem;bottom:1rem;z-index:2147483646;min-height:44px;padding:.5rem 1rem;font:inherit;font-weight:700;color:#fff;background:${accent};border:2px solid #fff;border-radius:4px;cursor:pointer';
  var frame;
  button.addEventListener('click', function () {
    if (frame) { frame.remove(); frame = undefined; button.setAttribute('aria-expanded', 'false'); return; }
    frame = document.createElement('iframe');
    frame.src = ${JSON.stringify(origin + '/')};
    frame.title = ${JSON.stringify(label)};
    frame.setAttribute('allow', '');
    frame.style.cssText = 'position:fixed;right:1rem;bottom:4.5rem;z-index:2147483646;width:min(26rem,calc(100vw - 2rem));height:min(40rem,calc(100vh - 6rem));border:1px solid #b1b4b6;border-radius:4px;background:#fff';
    document.body.appendChild(frame);
    button.setAttribute('aria-expanded', 'true');
    frame.focus();
  });
  document.body.appendChild(button);
})();
`;
}
