/**
 * Builds the whole bot from knowledge/, once: recognizer, responder, router, flow engine, dialogs and
 * the ActivityHandler. index.ts, the tests and the command-line tools all use this, so they run the
 * same bot.
 */
import { MemoryStorage, type ConversationState, type Storage } from 'botbuilder';
import type { Knowledge } from '../knowledge/schema';
import { FlowDialog } from '../dialogs/flowDialog';
import { MainDialog } from '../dialogs/mainDialog';
import { SignpostBot } from './bot';
import { FlowEngine } from './core/flowEngine';
import { RateLimiter } from './core/rateLimiter';
import { DEFAULT_IDLE_MINUTES, Responder } from './core/responder';
import { Router } from './core/router';
import { makeLogger, type Logger } from './logger';
import { Recognizer } from './nlu/recognizer';
import { ConflictDetectingConversationState } from './storage/conflictDetectingState';

export interface BotParts {
  knowledge: Knowledge;
  recognizer: Recognizer;
  responder: Responder;
  router: Router;
  engine: FlowEngine;
  conversationState: ConversationState;
  bot: SignpostBot;
}

export interface BuildOptions {
  storage?: Storage;
  logger?: Logger;
  logUserText?: boolean;
  /** A recognizer already built from the same knowledge (it is the slowest part to build). */
  recognizer?: Recognizer;
  /** Send the explanation trace on every channel (scenario runs). */
  traceAllChannels?: boolean;
  /** Idle time after which a conversation starts afresh; also quoted by the privacy notice. */
  idleMinutes?: number;
  /** Messages per conversation per minute; unlimited when absent (tests, staff tools). */
  rateLimitPerMinute?: number;
  now?: () => number;
}

/**
 * Conversations whose message rate is tracked at once; the least recently active goes first. A bucket
 * idle for a minute is full again anyway, so this only needs to cover the conversations of one minute.
 */
export const CONVERSATIONS_RATE_TRACKED = 10_000;

export function buildBot(knowledge: Knowledge, options: BuildOptions = {}): BotParts {
  const recognizer = options.recognizer ?? Recognizer.fromKnowledge(knowledge);
  const idleMinutes = options.idleMinutes ?? DEFAULT_IDLE_MINUTES;
  const responder = new Responder(knowledge, { idleMinutes });
  const router = new Router(knowledge, recognizer, responder);
  const engine = new FlowEngine(knowledge, recognizer, responder);
  const conversationState = new ConflictDetectingConversationState(options.storage ?? new MemoryStorage());
  const mainDialog = new MainDialog(router, responder, new FlowDialog(engine, responder, router));
  const bot = new SignpostBot({
    conversationState,
    recognizer,
    responder,
    router,
    mainDialog,
    logger: options.logger ?? makeLogger('silent'),
    logUserText: options.logUserText,
    traceAllChannels: options.traceAllChannels,
    idleMs: idleMinutes * 60_000,
    rateLimiter: options.rateLimitPerMinute ? new RateLimiter(options.rateLimitPerMinute, CONVERSATIONS_RATE_TRACKED, options.now) : undefined,
    now: options.now,
  });
  return { knowledge, recognizer, responder, router, engine, conversationState, bot };
}
