/**
 * The HTTP edge: POST /api/messages (Bot Framework), GET /healthz (liveness, and the store's state),
 * GET /readyz (readiness: the store answers and we are not shutting down). makeServer() never listens;
 * index.ts and the tests do. Every malformed request gets a short 4xx; a 5xx body says only that the
 * server failed. drain() stops taking requests and waits for the turns in flight.
 */
import { CloudAdapter, type Activity, type ActivityHandler, type InvokeResponse, type TurnContext } from 'botbuilder';
import restify, { type Request, type Response, type Server } from 'restify';
import { z } from 'zod';
import { errorForLog, type Logger } from './logger';

/** Time limits on the HTTP connection itself (the store has its own, STORE_TIMEOUT_MS). */
export const HTTP_TIMEOUTS = { headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000 };

/** Bot Framework activities are small; anything bigger is refused with 413. */
export const MAX_BODY_BYTES = 64 * 1024;

/** The fields the adapter relies on. The rest of an activity is passed through as sent. */
const InboundActivity = z.looseObject({
  type: z.string().min(1).max(64),
  conversation: z.looseObject({ id: z.string().min(1).max(1024) }),
  channelId: z.string().max(256).optional(),
  serviceUrl: z.string().max(2048).optional(),
  text: z.string().optional(),
  from: z.looseObject({ id: z.string().max(1024).optional() }).optional(),
  recipient: z.looseObject({ id: z.string().max(1024).optional() }).optional(),
});

/** What jsonwebtoken throws for a token it cannot verify. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/** CloudAdapter with its turn-processing entry point exposed, so the server owns the HTTP response. */
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
}

export interface SignpostServer {
  server: Server;
  /** Stops taking requests, then resolves when the turns in flight have finished or after `graceMs`. */
  drain(graceMs: number): Promise<{ unfinished: number }>;
}

export function makeServer({ adapter, bot, logger, anonymous = false, storeReachable = () => Promise.resolve(true), routes }: ServerDeps): SignpostServer {
  const server = restify.createServer({ name: 'hate-crime-signpost', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyReader({ maxBodySize: MAX_BODY_BYTES }));
  // A client that trickles its headers or body (slowloris) is cut off instead of holding a socket.
  server.server.headersTimeout = HTTP_TIMEOUTS.headersMs;
  server.server.requestTimeout = HTTP_TIMEOUTS.requestMs;
  server.server.keepAliveTimeout = HTTP_TIMEOUTS.keepAliveMs;
  let inFlight = 0;
  let draining = false;
  let drained: (() => void) | undefined;

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.json(200, { status: 'ok', store: (await storeReachable()) ? 'ok' : 'unreachable' });
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    const store = (await storeReachable()) ? 'ok' : 'unreachable';
    const ready = store === 'ok' && !draining;
    res.json(ready ? 200 : 503, { status: ready ? 'ready' : draining ? 'shutting down' : 'not ready', store });
  });

  server.post('/api/messages', async (req: Request, res: Response) => {
    if (draining) {
      res.header('Connection', 'close');
      res.json(503, { error: 'shutting down' });
      return;
    }
    const activity = parseActivity(req);
    if ('error' in activity) {
      res.json(activity.status, { error: activity.error });
      return;
    }
    if (anonymous && activity.value.deliveryMode !== 'expectReplies' && !isLoopback(activity.value.serviceUrl)) {
      res.json(403, { error: 'without Bot Framework credentials, replies go only to a loopback serviceUrl or in the response (deliveryMode "expectReplies")' });
      return;
    }
    const authHeader = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
    inFlight++;
    try {
      const result = await adapter.handle(authHeader, activity.value, (context) => bot.run(context));
      if (!result) {
        res.send(200);
      } else if (result.status >= 500 && activity.value.type === 'invoke') {
        // An invoke the bot does not handle is ignored politely, not reported as a server failure.
        res.send(200);
      } else {
        res.json(result.status, result.body ?? {});
      }
    } catch (error) {
      // botframework-connector's AuthenticationError carries the status it means; a bad signature
      // reaches us as jsonwebtoken's own error, which is just as much a refusal.
      const status = (error as { statusCode?: unknown }).statusCode;
      if (status === 401 || status === 403 || TOKEN_ERRORS.has((error as Error).name)) {
        res.json(status === 403 ? 403 : 401, { error: 'unauthorized' });
        return;
      }
      logger.error({ err: errorForLog(error) }, 'request failed');
      res.json(500, { error: 'the server failed to process the request' });
    } finally {
      inFlight--;
      if (draining && inFlight === 0) drained?.();
    }
  });

  routes?.(server);

  async function drain(graceMs: number): Promise<{ unfinished: number }> {
    draining = true;
    const closed = new Promise<void>((resolve) => {
      server.close(() => resolve());
    });
    // Keep-alive connections with no request in progress would hold close() open.
    server.server.closeIdleConnections();
    if (inFlight > 0) {
      await Promise.race([new Promise<void>((resolve) => (drained = resolve)), new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
    }
    const unfinished = inFlight;
    // The connections that carried the last turns are idle now; past the grace time, none is spared.
    if (unfinished > 0) server.server.closeAllConnections();
    else server.server.closeIdleConnections();
    await closed;
    return { unfinished };
  }

  return { server, drain };
}

function isLoopback(serviceUrl: string | undefined): boolean {
  if (!serviceUrl) return true;
  try {
    const host = new URL(serviceUrl).hostname;
    return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
  } catch {
    return false;
  }
}

type Parsed = { value: Activity } | { error: string; status: number };

function parseActivity(req: Request): Parsed {
  const type = (req.contentType() || '').toLowerCase();
  if (type !== 'application/json') return { status: 415, error: 'send JSON (Content-Type: application/json)' };
  const raw: unknown = req.body;
  const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : typeof raw === 'string' ? raw : '';
  let json: unknown;
  try {
    json = JSON.parse(text);
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
