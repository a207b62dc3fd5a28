/**
 * `npm run chat`: talk to the real bot in the terminal, no Emulator needed. Buttons are numbered: type
 * the number to press one. /explain shows why the bot chose each route; /save NAME keeps the
 * conversation as a scenario. Works with piped input too (one message per line).
 */
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { loadKnowledge } from '../../knowledge/loadKnowledge';
import { buildBot } from '../buildBot';
import { ChatSession, CHAT_COMMANDS } from '../harness/chatSession';
import { SCENARIO_DIR } from '../harness/scenarios';
import { projectRoot } from '../projectRoot';

async function main(): Promise<void> {
  const parts = buildBot(loadKnowledge(), { traceAllChannels: true });
  const session = new ChatSession(parts.bot, join(projectRoot(), SCENARIO_DIR));
  const terminal = process.stdin.isTTY;
  // Piped input: no prompt (each line is echoed instead, so the transcript reads in order).
  const lines = createInterface({ input: process.stdin, output: terminal ? process.stdout : undefined, terminal, prompt: 'you> ' });
  console.log(`Console chat with the signposting bot. Commands:\n${CHAT_COMMANDS}\n`);
  console.log(await session.start());
  lines.prompt();
  for await (const line of lines) {
    if (!terminal) console.log(`you> ${line}`);
    const reply = await session.handle(line);
    if (reply.text) console.log(reply.text);
    if (reply.quit) break;
    lines.prompt();
  }
  lines.close();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
