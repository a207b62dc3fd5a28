/**
 * `npm run --silent triage`: JSON lines {"text": "..."} on stdin -> one JSON line each:
 * {"text","intent","confidence","emergency","danger","outOfScope","slots","channels","reply","reason"}. With a text argument
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
  /** now (999 at once), maybe (the danger question first) or no. */
  danger: string;
  /** The kind of out-of-scope message, when it is one. */
  outOfScope?: string;
  /** What the message already says (who, over, police, phone or online). */
  slots: Record<string, unknown>;
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
    danger: decision.danger.level,
    ...(decision.outOfScope ? { outOfScope: decision.outOfScope } : {}),
    slots: { ...decision.slots },
    channels: parts.router.channelsFor(decision),
    reply: turn.texts.join('\n\n'),
    reason: decision.reason,
  };
}

/** The reply as a person sees it: Markdown's stars, link targets and escapes taken out. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, (_m, label: string, target: string) => (target.startsWith('tel:') || target.includes(label) ? label : `${label} (${target})`))
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/(^|\s)_([^_]+)_(?=\s|$|[.,])/g, '$1$2')
    .replace(/\\([*_[\]()])/g, '$1');
}

function forPeople(r: TriageResult): string {
  const slots = Object.entries(r.slots).map(([k, v]) => `${k}=${String(v)}`).join(', ');
  // For an emergency the topic is beside the point: the bot answers with 999 whatever else the message says.
  const topic = r.emergency ? '(not used: the emergency answer comes first)' : r.outOfScope ? `out of scope (${r.outOfScope})` : `${r.intent} (confidence ${r.confidence})`;
  return [
    `message:    ${r.text}`,
    `emergency:  ${r.emergency ? 'YES: 999 at once' : r.danger === 'maybe' ? 'maybe: the danger question comes first' : 'no'}`,
    `topic:      ${topic}`,
    ...(slots && !r.emergency ? [`already says: ${slots}`] : []),
    `channels:   ${r.channels.length > 0 ? r.channels.join(', ') : '(none)'}`,
    `reason:     ${r.reason}`,
    'reply:',
    ...plainText(r.reply).split('\n').map((line) => `  ${line}`),
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
