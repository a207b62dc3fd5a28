/** Loads the configuration and knowledge, builds the service, listens, and stops gracefully. Nothing else. */
import { loadKnowledgeFast } from '../knowledge/snapshot';
import { makeApp } from './app';
import { loadConfig } from './config';
import { errorForLog, makeLogger } from './logger';

function main(): void {
  const config = loadConfig(process.env);
  const logger = makeLogger(config.logLevel, undefined, { logUserText: config.logUserText });
  const app = makeApp({ config, knowledge: loadKnowledgeFast(), logger });
  app.server.listen(config.port, config.host, () => {
    logger.info({ url: app.server.url, anonymous: config.anonymous, logUserText: config.logUserText, storage: config.storage.kind }, 'bot listening: POST /api/messages');
  });
  let stopping = false;
  const stop = (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, graceMs: config.shutdownGraceMs }, 'stopping: no new requests, finishing turns in flight');
    app.shutdown().then(
      ({ unfinished }) => {
        logger.info({ inFlight: unfinished }, 'stopped');
        process.exit(exitCode);
      },
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // No request can get here (the server answers every error itself). Should anything else fail: a
  // rejected promise nobody awaited is logged and serving goes on; an uncaught exception may have left
  // the process half-changed, so it answers what it has accepted and exits 1, for the restart policy
  // (README, "Running it for a force") to start it again.
  process.on('unhandledRejection', (reason) => logger.error({ err: errorForLog(reason) }, 'unhandled rejection'));
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: errorForLog(error) }, 'uncaught exception: stopping');
    stop('uncaughtException', 1);
  });
}

try {
  main();
} catch (error) {
  // Configuration and knowledge errors are written for the operator: `KEY: message` / `file: path: message` lines.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
