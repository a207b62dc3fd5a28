/**
 * `npm run scenarios`: runs every conversation scenario (tests/conversations/*.yaml and *.transcript)
 * through the real bot and prints a readable report; exits 1 if any fails.
 *   npm run scenarios -- --channel msteams        run them as Teams (or webchat, emulator, directline)
 *   npm run scenarios -- tests/conversations/welcome.yaml   only the files named
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadKnowledge } from '../../knowledge/loadKnowledge';
import { buildBot } from '../buildBot';
import { projectRoot } from '../projectRoot';
import { formatReport } from '../harness/scenarioReport';
import { runScenarios, SCENARIO_CHANNELS, SCENARIO_DIR } from '../harness/scenarios';


async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { channel: { type: 'string', default: 'test' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log('usage: npm run scenarios -- [--channel test|emulator|webchat|msteams|directline] [scenario files...]');
    return;
  }
  const channel = values.channel;
  if (!(SCENARIO_CHANNELS as readonly string[]).includes(channel)) {
    throw new Error(`--channel must be one of ${SCENARIO_CHANNELS.join(', ')} (got "${channel}")`);
  }
  const knowledge = loadKnowledge();
  const parts = buildBot(knowledge, { traceAllChannels: true });
  const results = await runScenarios(parts.bot, positionals.length > 0 ? positionals : join(projectRoot(), SCENARIO_DIR), channel);
  console.log(formatReport(results, channel));
  if (results.some((r) => !r.passed)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
