/**
 * `npm run --silent triage`: JSON lines {"text": "..."} on stdin -> one JSON line each:
 * {"text","intent","confidence","emergency","channels","reply","reason"}. With a text argument
 * (`npm run triage -- "they are outside now"`) it prints the same for a person to read.
 * It runs the real bot (recognizer, dialogs, replies) with each message as the first of a new chat.
 */
import { createInterface } from 'node:readline';
import { loadKnowledge } from '../../knowledge/loadKnowledge';
import { buildBot, type BotParts } from '../buildBot';
import { ConversationDriver } from '../harness/conversationDriver';

export interface TriageResult {
  text: string;
  intent: string;
  confidence: number;
  emergency: boolean;
  channels: string[];
  reply: string;
  reason: string;
}

export async function triage(parts: BotParts, text: string): Promise<TriageResult> {
  const decision = parts.recognizer.recognize(text);
  const turn = await new ConversationDriver(parts.bot).say(text);
  return {
    text,
    intent: decision.intent,
    confidence: Math.round(decision.confidence * 1000) / 1000,
    emergency: decision.emergency,
    channels: parts.router.channelsFor(decision),
    reply: turn.texts.join('\n\n'),
    reason: decision.reason,
  };
}

function forPeople(r: TriageResult): string {
  return [
    `message:    ${r.text}`,
    `emergency:  ${r.emergency ? 'YES' : 'no'}`,
    `intent:     ${r.intent} (confidence ${r.confidence})`,
    `channels:   ${r.channels.length > 0 ? r.channels.join(', ') : '(none)'}`,
    `reason:     ${r.reason}`,
    'reply:',
    ...r.reply.split('\n').map((line) => `  ${line}`),
  ].join('\n');
}

async function main(): Promise<void> {
  const parts = buildBot(loadKnowledge());
  const args = process.argv.slice(2);
  if (args.length > 0) {
    console.log(forPeople(await triage(parts, args.join(' '))));
    return;
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    let text: unknown;
    try {
      text = (JSON.parse(line) as { text?: unknown }).text;
    } catch {
      text = undefined;
    }
    if (typeof text !== 'string') {
      process.stdout.write(JSON.stringify({ error: `line ${lineNumber}: expected {"text": "..."}` }) + '\n');
      process.exitCode = 1;
      continue;
    }
    process.stdout.write(JSON.stringify(await triage(parts, text)) + '\n');
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
