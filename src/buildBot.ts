/**
 * Builds the whole bot from knowledge/, once: recognizer, responder, router, flow engine, dialogs and
 * the ActivityHandler. index.ts, the tests and the command-line tools all use this, so they run the
 * same bot.
 */
import { ConversationState, MemoryStorage, type Storage } from 'botbuilder';
import type { Knowledge } from '../knowledge/schema';
import { FlowDialog } from '../dialogs/flowDialog';
import { MainDialog } from '../dialogs/mainDialog';
import { SignpostBot } from './bot';
import { FlowEngine } from './core/flowEngine';
import { Responder } from './core/responder';
import { Router } from './core/router';
import { makeLogger, type Logger } from './logger';
import { Recognizer } from './nlu/recognizer';

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
}

export function buildBot(knowledge: Knowledge, options: BuildOptions = {}): BotParts {
  const recognizer = options.recognizer ?? Recognizer.fromKnowledge(knowledge);
  const responder = new Responder(knowledge);
  const router = new Router(knowledge, recognizer, responder);
  const engine = new FlowEngine(knowledge, recognizer, responder);
  const conversationState = new ConversationState(options.storage ?? new MemoryStorage());
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
  });
  return { knowledge, recognizer, responder, router, engine, conversationState, bot };
}
