/**
 * The whole service from a configuration: store, bot, adapter and HTTP server. index.ts runs it; the
 * HTTP tests build it the same way, so they test what runs.
 */
import { ConfigurationBotFrameworkAuthentication, type Storage } from 'botbuilder';
import type { BotFrameworkAuthentication } from 'botframework-connector';
import type { Knowledge } from '../knowledge/schema';
import { toActivity } from '../dialogs/render';
import { buildBot, type BotParts } from './buildBot';
import { CachingBotFrameworkAuthentication } from './cachedConnectors';
import type { Config } from './config';
import { errorForLog, type Logger } from './logger';
import type { Recognizer } from './nlu/recognizer';
import { makeOnTurnError } from './onTurnError';
import { SignpostAdapter, makeServer, type SignpostServer } from './server';
import { ExpiringMemoryStorage } from './storage/expiringMemoryStorage';
import { makeStorage, storeReachable } from './storage/makeStorage';
import { throttleSigningKeyRefresh } from './tokenGuard';
import { registerWebChat } from './web/webChatPage';

export interface AppOptions {
  config: Config;
  knowledge: Knowledge;
  logger: Logger;
  /** Instead of the one the configuration names (tests: a failing or slow store). */
  storage?: Storage;
  /** Instead of ConfigurationBotFrameworkAuthentication(config.auth) (tests: a local key set). */
  auth?: BotFrameworkAuthentication;
  recognizer?: Recognizer;
  now?: () => number;
  /** How the token endpoint reaches Azure Direct Line (tests: a local fake). */
  directLineFetch?: typeof fetch;
}

export interface App extends SignpostServer {
  parts: BotParts;
  storage: Storage;
  /** Stops taking requests, lets turns in flight finish (up to the grace time), stops timers. */
  shutdown(): Promise<{ unfinished: number }>;
}

/** How often the in-memory store deletes idle conversations when nobody is chatting. */
const SWEEP_EVERY_MS = 60_000;

export function makeApp({ config, knowledge, logger, storage = makeStorage(config), auth, recognizer, now, directLineFetch }: AppOptions): App {
  const parts = buildBot(knowledge, {
    storage,
    logger,
    logUserText: config.logUserText,
    idleMinutes: config.idleMinutes,
    rateLimitPerMinute: config.rateLimitPerMinute,
    recognizer,
    now,
  });
  const stopKeyWarnings = throttleSigningKeyRefresh((error) =>
    logger.warn({ err: errorForLog(error) }, 'could not fetch the Bot Framework signing keys: tokens are refused (401) until they can be'),
  );
  const adapter = new SignpostAdapter(new CachingBotFrameworkAuthentication(auth ?? new ConfigurationBotFrameworkAuthentication(config.auth)));
  adapter.onTurnError = makeOnTurnError(parts.responder, parts.conversationState, logger);
  const http = makeServer({
    adapter,
    bot: parts.bot,
    logger,
    anonymous: config.anonymous,
    storeReachable: () => storeReachable(storage),
    slowDown: (channelId) => toActivity(parts.responder.say(['r-slow-down']), channelId),
    clientRatePerMinute: config.clientRatePerMinute,
    trustedProxies: config.trustedProxies,
    now,
    routes: (server) => registerWebChat(server, { web: config.web, responder: parts.responder, logger, fetch: directLineFetch, trustedProxies: config.trustedProxies }),
  });
  const sweeper =
    storage instanceof ExpiringMemoryStorage
      ? setInterval(() => {
          const removed = storage.sweep();
          if (removed > 0) logger.debug({ removed }, 'idle conversations deleted');
        }, SWEEP_EVERY_MS).unref()
      : undefined;
  return {
    ...http,
    parts,
    storage,
    async shutdown() {
      clearInterval(sweeper);
      stopKeyWarnings();
      return http.drain(config.shutdownGraceMs);
    },
  };
}
