/**
 * The HTTP edge: POST /api/messages (Bot Framework), GET /healthz (liveness, and the store's state),
 * GET /readyz (readiness: the store answers and we are not shutting down). makeServer() never listens;
 * index.ts and the tests do. Every malformed or hostile request gets a short 4xx (the body is read by
 * requestBody.ts: size, encoding and time limits); a 5xx body says only that the server failed; nothing a
 * request does ends the process. Every answer is no-store and nosniff unless a route says otherwise.
 * Requests over a rate limit (per client address here, per conversation in the bot) get 429 with
 * Retry-After and the "slow down" reply, which names 999 and 101. drain() answers or refuses every
 * request it has accepted.
 */
import { CloudAdapter, type Activity, type ActivityHandler, type InvokeResponse, type TurnContext } from 'botbuilder';
import { STATUS_CODES } from 'node:http';
import net from 'node:net';
import restify, { type Next, type Request, type Response, type Server } from 'restify';
import { z } from 'zod';
import { clientAddress } from './clientAddress';
import { OVER_RATE_LIMIT, RateLimiter } from './core/rateLimiter';
import { errorForLog, type Logger } from './logger';
import { readBody } from './requestBody';
import { couldBeChannelToken } from './tokenGuard';

/**
 * Time limits on the HTTP connection itself (the store has its own, STORE_TIMEOUT_MS). Node checks the
 * header and request limits every `checkEveryMs` (30 s unless told), so a trickling client is cut off
 * close to the limit, not up to half a minute after it.
 */
export const HTTP_TIMEOUTS = { headersMs: 10_000, requestMs: 15_000, bodyMs: 5_000, keepAliveMs: 5_000, checkEveryMs: 1_000 };

/** Bot Framework activities are small; anything bigger, sent or once decoded, is refused with 413. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Id lengths: generous for every channel we know (Teams' conversation ids are the longest, under 200
 * characters), and small enough that the stores and rate limiters keyed by them stay bounded in bytes.
 */
export const MAX_ID_CHARS = { conversation: 512, channel: 64, account: 256, serviceUrl: 512 };

/** The fields the adapter relies on. The rest of an activity is passed through as sent. */
const InboundActivity = z.looseObject({
  type: z.string().min(1).max(64),
  conversation: z.looseObject({ id: z.string().min(1).max(MAX_ID_CHARS.conversation) }),
  channelId: z.string().max(MAX_ID_CHARS.channel).optional(),
  serviceUrl: z.string().max(MAX_ID_CHARS.serviceUrl).optional(),
  text: z.string().optional(),
  from: z.looseObject({ id: z.string().max(MAX_ID_CHARS.account).optional() }).optional(),
  recipient: z.looseObject({ id: z.string().max(MAX_ID_CHARS.account).optional() }).optional(),
});

export class SignpostAdapter extends CloudAdapter {
  handle(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

export interface ServerDeps {
  adapter: SignpostAdapter;
  bot: ActivityHandler;
  logger: Logger;
  /**
   * No Bot Framework credentials: replies may only go to a loopback service URL, or back in the
   * response (deliveryMode "expectReplies"); the adapter would otherwise POST to any URL a caller names.
   */
  anonymous?: boolean;
  /** Whether the conversation store answers (readiness). */
  storeReachable?: () => Promise<boolean>;
  /** More routes on the same server (the web chat page). */
  routes?: (server: Server) => void;
  /** The "slow down" reply for a request over a rate limit; its text names 999 and 101. */
  slowDown: (channelId: string | undefined) => Partial<Activity>;
  /** Requests to /api/messages one client address may make per minute; 0 = no limit. */
  clientRatePerMinute?: number;
  /** Reverse proxies whose X-Forwarded-For names the client. */
  trustedProxies?: string[];
  now?: () => number;
}

export interface SignpostServer {
  server: Server;
  /**
   * Stops taking connections and answers every request already accepted: turns in flight finish (up to
   * `graceMs`), anything still open then gets a 503, and new requests on open connections get a 503;
   * every answer carries Connection: close. Resolves when every connection has closed.
   */
  drain(graceMs: number): Promise<{ unfinished: number }>;
}

const UNAUTHORIZED = { error: 'unauthorized' };
const SERVER_FAILED = { error: 'the server failed to process the request' };

/** On shutdown after recent traffic, how long requests on open connections still get an answer before idle ones are closed. */
const LINGER_MS = 250;

/** Client addresses whose request rate is tracked at once (each a short string). */
const CLIENTS_TRACKED = 50_000;

export function makeServer(deps: ServerDeps): SignpostServer {
  const { adapter, bot, logger, anonymous = false, storeReachable = () => Promise.resolve(true), routes, slowDown } = deps;
  const server = restify.createServer({ name: 'hate-crime-signpost', handleUncaughtExceptions: false });
  // A client that trickles its headers or body (slowloris) is cut off instead of holding a socket.
  server.server.headersTimeout = HTTP_TIMEOUTS.headersMs;
  server.server.requestTimeout = HTTP_TIMEOUTS.requestMs;
  server.server.keepAliveTimeout = HTTP_TIMEOUTS.keepAliveMs;
  // A constructor option in Node's types, but read when the server starts listening.
  (server.server as { connectionsCheckingInterval?: number }).connectionsCheckingInterval = HTTP_TIMEOUTS.checkEveryMs;
  const trustedProxies = new Set(deps.trustedProxies ?? []);
  const clientLimiter = deps.clientRatePerMinute ? new RateLimiter(deps.clientRatePerMinute, CLIENTS_TRACKED, deps.now) : undefined;
  /** Requests accepted and not yet answered (or abandoned by their client). */
  const open = new Set<Response>();
  let draining = false;
  let allAnswered: (() => void) | undefined;
  let lastRequestAt = 0;

  server.pre((req: Request, res: Response, next: Next) => {
    lastRequestAt = Date.now();
    open.add(res);
    res.once('close', () => {
      open.delete(res);
      if (open.size === 0) allAnswered?.();
    });
    res.once('header', () => {
      // Nothing the API says is for a cache or for sniffing; a route that wants otherwise says so.
      if (!res.hasHeader('Cache-Control')) res.setHeader('Cache-Control', 'no-store');
      if (!res.hasHeader('X-Content-Type-Options')) res.setHeader('X-Content-Type-Options', 'nosniff');
      if (draining) res.setHeader('Connection', 'close');
    });
    next();
  });

  // What restify itself refuses (404, 405, ...) or a handler throws: a short JSON answer, never the
  // error's message, and never the end of the process.
  server.on('restifyError', (_req: Request, res: Response, err: Error & { statusCode?: number }, done: () => void) => {
    const status = typeof err.statusCode === 'number' && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) logger.error({ err: errorForLog(err), status }, 'request failed');
    respond(res, status, status >= 500 ? SERVER_FAILED : { error: (STATUS_CODES[status] ?? 'bad request').toLowerCase() });
    done();
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.json(200, { status: 'ok', store: (await storeReachable()) ? 'ok' : 'unreachable' });
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    const store = (await storeReachable()) ? 'ok' : 'unreachable';
    const ready = store === 'ok' && !draining;
    res.json(ready ? 200 : 503, { status: ready ? 'ready' : draining ? 'shutting down' : 'not ready', store });
  });

  server.post('/api/messages', async (req: Request, res: Response) => {
    try {
      await messages(req, res);
    } catch (error) {
      logger.error({ err: errorForLog(error) }, 'request failed');
      respond(res, 500, SERVER_FAILED);
    }
  });

  async function messages(req: Request, res: Response): Promise<void> {
    if (draining) {
      res.header('Retry-After', '5');
      respond(res, 503, { error: 'shutting down' });
      return;
    }
    if ((req.contentType() || '').toLowerCase() !== 'application/json') {
      respond(res, 415, { error: 'send JSON (Content-Type: application/json)' });
      return;
    }
    const read = await readBody(req, { maxBytes: MAX_BODY_BYTES, timeoutMs: HTTP_TIMEOUTS.bodyMs });
    if ('error' in read) {
      if (read.close) res.header('Connection', 'close');
      respond(res, read.status, { error: read.error });
      return;
    }
    const parsed = parseActivity(read.body);
    if ('error' in parsed) {
      respond(res, parsed.status, { error: parsed.error });
      return;
    }
    const activity = parsed.value;
    const client = clientAddress(req, trustedProxies);
    if (clientLimiter && clientLimiter.take(client) !== 'ok') {
      tooMany(res, activity, clientLimiter.retryAfterSeconds(client));
      return;
    }
    if (anonymous) {
      const refusal = anonymousRefusal(activity, req.socket.localPort);
      if (refusal) {
        respond(res, refusal.status, { error: refusal.error });
        return;
      }
    }
    // Without credentials nothing is authenticated, so a token is not even looked at (looking would
    // fetch Microsoft's keys); with them, one that cannot be a channel token is refused without a fetch.
    const header = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
    if (!anonymous && header !== '' && !couldBeChannelToken(header)) {
      respond(res, 401, UNAUTHORIZED);
      return;
    }
    let overLimit: number | undefined;
    let result: InvokeResponse | undefined;
    try {
      result = await adapter.handle(anonymous ? '' : header, activity, async (context) => {
        await bot.run(context);
        overLimit = context.turnState.get<number | undefined>(OVER_RATE_LIMIT);
      });
    } catch (error) {
      // CachingBotFrameworkAuthentication turns every failure to authenticate into a 401.
      if ((error as { statusCode?: unknown }).statusCode === 401) {
        respond(res, 401, UNAUTHORIZED);
        return;
      }
      throw error;
    }
    if (overLimit !== undefined) {
      tooMany(res, activity, overLimit, result?.body as { activities?: Partial<Activity>[] } | undefined);
    } else if (!result || (result.status >= 500 && activity.type === 'invoke')) {
      // No body to send, or an invoke the bot does not handle: ignored politely, not a server failure.
      respond(res, 200);
    } else {
      respond(res, result.status, result.body ?? {});
    }
  }

  /** 429 with Retry-After; the body carries "slow down" (with 999 and 101), as replies where they go in the response. */
  function tooMany(res: Response, activity: Activity, retryAfterSeconds: number, replies?: { activities?: Partial<Activity>[] }): void {
    const reply = slowDown(activity.channelId);
    res.header('Retry-After', String(retryAfterSeconds));
    const activities = activity.deliveryMode === 'expectReplies' ? (replies?.activities ?? [reply]) : undefined;
    respond(res, 429, { error: reply.text, ...(activities ? { activities } : {}) });
  }

  routes?.(server);

  async function drain(graceMs: number): Promise<{ unfinished: number }> {
    draining = true;
    const deadline = Date.now() + graceMs;
    // Stop listening, but do not close idle keep-alive connections yet (Node's http close() would): under
    // load a connection is "idle" for the instant between an answer and its client's next request, and
    // closing it then resets that request. For a moment every request still gets an answer (503, or the
    // turn in flight) with Connection: close, so active clients stop reusing their connections...
    const closed = new Promise<void>((resolve) => {
      net.Server.prototype.close.call(server.server, () => resolve());
    });
    if (Date.now() - lastRequestAt < LINGER_MS * 4) await sleep(LINGER_MS);
    // ...and what is idle after that is idle for real.
    server.server.closeIdleConnections();
    if (open.size > 0) {
      await Promise.race([new Promise<void>((resolve) => (allAnswered = resolve)), sleep(deadline - Date.now())]);
    }
    const unfinished = open.size;
    // Past the grace time, what is still open is refused rather than cut off.
    for (const res of open) {
      res.header('Retry-After', '5');
      respond(res, 503, { error: 'shutting down' });
    }
    // Every answer since draining began said Connection: close; a connection still open after a
    // moment (a client that never sent a whole request) is closed.
    server.server.closeIdleConnections();
    await Promise.race([closed, sleep(1_000)]);
    server.server.closeAllConnections();
    await closed;
    return { unfinished };
  }

  return { server, drain };
}

/** Sends a JSON answer unless one was sent already (a request refused at the end of a drain, say). */
function respond(res: Response, status: number, body?: unknown): void {
  if (res.headersSent || res.writableEnded) return;
  if (body === undefined) res.send(status);
  else res.json(status, body);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Loopback host names and addresses. */
function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Without credentials, replies go back in the response, or to a local Bot Framework client such as the
 * Emulator: a loopback origin on an unprivileged port other than ours, with no path. Anything else would
 * let a caller make the bot POST where it likes, or call Microsoft's service when no URL is given.
 */
function anonymousRefusal(activity: Activity, ownPort: number | undefined): { status: number; error: string } | undefined {
  if (activity.deliveryMode === 'expectReplies') return undefined;
  const refused = { status: 403, error: 'without Bot Framework credentials, replies go only to a loopback serviceUrl or in the response (deliveryMode "expectReplies")' };
  if (!activity.serviceUrl) return { status: 400, error: 'serviceUrl is required unless deliveryMode is "expectReplies"' };
  let url: URL;
  try {
    url = new URL(activity.serviceUrl);
  } catch {
    return refused;
  }
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const plainOrigin = (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password && url.pathname === '/' && !url.search && !url.hash;
  return plainOrigin && isLoopbackHost(url.hostname) && port >= 1024 && port !== ownPort ? undefined : refused;
}

type Parsed = { value: Activity } | { error: string; status: number };

function parseActivity(body: Buffer): Parsed {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return { status: 400, error: 'malformed JSON' };
  }
  const result = InboundActivity.safeParse(json);
  if (!result.success) {
    const fields = [...new Set(result.error.issues.map((i) => i.path.join('.') || 'body'))].join(', ');
    return { status: 400, error: `not a Bot Framework activity (check: ${fields})` };
  }
  return { value: result.data as unknown as Activity };
}
