/** Loads the configuration and knowledge, builds everything, listens. Nothing else. */
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { loadKnowledgeFast } from '../knowledge/snapshot';
import { buildBot } from './buildBot';
import { CachingBotFrameworkAuthentication } from './cachedConnectors';
import { loadConfig } from './config';
import { makeLogger } from './logger';
import { makeOnTurnError } from './onTurnError';
import { SignpostAdapter, makeServer } from './server';

function main(): void {
  const config = loadConfig(process.env);
  const logger = makeLogger(config.logLevel);
  const knowledge = loadKnowledgeFast();
  const { bot, responder, conversationState } = buildBot(knowledge, { logger, logUserText: config.logUserText });
  const adapter = new SignpostAdapter(new CachingBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication(config.auth)));
  adapter.onTurnError = makeOnTurnError(responder, conversationState, logger);
  const server = makeServer({ adapter, bot, logger });
  server.listen(config.port, config.host, () => {
    logger.info({ url: server.url, anonymous: config.anonymous, logUserText: config.logUserText }, 'bot listening: POST /api/messages');
  });
}

try {
  main();
} catch (error) {
  // Configuration and knowledge errors are written for the operator: `KEY: message` / `file: path: message` lines.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
