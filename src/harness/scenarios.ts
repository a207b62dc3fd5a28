/**
 * Conversation scenarios: plain YAML files that triage staff can read and write (or Bot Framework
 * Emulator .transcript recordings), run through the real bot. Expectations name response ids and channel ids (so a copy edit does not break them) and, where
 * wanted, text fragments, text that must not appear, and buttons.
 *
 *   name: A witness reports online
 *   turns:
 *     - user: I saw someone being abused
 *       expect: [q-in-danger]          # response ids the reply must include
 *     - user: no
 *       expect: [r-witnesses-can-report, q-speak-to-police]
 *       buttons: ["Yes", "No"]         # buttons that must be offered
 *     - user: yes
 *     - user: online please
 *       channel: online-report         # where the turn must end
 *       says: ["herts.police.uk/Report"]
 *       not_says: ["your name"]
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Activity } from 'botbuilder';
import { Document, isSeq, parse, visit } from 'yaml';
import { z } from 'zod';
import type { SignpostBot } from '../bot';
import { TRACE_NAME, type Explanation } from '../bot';
import { buttonsOf, ConversationDriver, type BotTurn } from './conversationDriver';
import { parseWith } from './yamlFile';

const Turn = z
  .strictObject({
    user: z.string().optional(),
    /** The person opens the chat instead of typing. */
    join: z.literal(true).optional(),
    /** The person sends a file (a photo, say) with no text: its name. */
    attachment: z.string().optional(),
    expect: z.array(z.string()).default([]),
    not_expect: z.array(z.string()).default([]),
    channel: z.string().optional(),
    emergency: z.boolean().optional(),
    says: z.array(z.string()).default([]),
    not_says: z.array(z.string()).default([]),
    buttons: z.array(z.string()).default([]),
  })
  .refine((t) => [t.user, t.join, t.attachment].filter((x) => x !== undefined).length === 1, 'each turn has one of `user:`, `join: true` or `attachment:`');

export const ScenarioSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  turns: z.array(Turn).min(1),
});
export type Scenario = z.infer<typeof ScenarioSchema>;
export type ScenarioTurn = Scenario['turns'][number];

export interface TurnResult {
  turn: ScenarioTurn;
  bot: BotTurn;
  failures: string[];
}

export interface ScenarioResult {
  file: string;
  scenario: Scenario;
  turns: TurnResult[];
  passed: boolean;
}

/** Where the scenarios live, from the project root: a new file there is a new test. */
export const SCENARIO_DIR = 'tests/conversations';

/** The channels a scenario run can pretend to be (`--channel`); `test` is the plain default. */
export const SCENARIO_CHANNELS = ['test', 'emulator', 'webchat', 'msteams', 'directline'] as const;

/** A scenario file: YAML, or an Emulator .transcript (a JSON array of activities). */
export function loadScenario(path: string): Scenario {
  let data: unknown;
  try {
    data = path.endsWith('.transcript') ? transcriptToScenario(JSON.parse(readFileSync(path, 'utf8')) as unknown, basename(path)) : parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: cannot be read: ${(error as Error).message}`);
  }
  return parseWith(path, ScenarioSchema, data);
}

export function scenarioFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|transcript)$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * An Emulator recording as a scenario: each thing the person did (a message, or joining) is a turn, and
 * what the bot sent back until the person's next action is what it must do again. Where the recording
 * holds the bot's SignpostDecision trace, the turn expects the same response ids, channel and emergency
 * answer (so a copy edit does not break it); otherwise it expects the same text and buttons.
 */
export function transcriptToScenario(data: unknown, name: string): unknown {
  if (!Array.isArray(data)) throw new Error('a .transcript file is a JSON array of activities');
  const activities = data as Partial<Activity>[];
  const turns: ScenarioTurn[] = [];
  let replies: Partial<Activity>[] = [];
  const flush = () => {
    const turn = turns[turns.length - 1];
    if (turn) Object.assign(turn, expectationsFrom(replies));
    replies = [];
  };
  for (const activity of activities) {
    const fromUser = activity.from?.role === 'user' || (activity.from?.role === undefined && activity.recipient?.role === 'bot');
    if (!fromUser) {
      replies.push(activity);
      continue;
    }
    if (activity.type === 'message') {
      flush();
      const file = activity.attachments?.[0]?.name ?? 'attachment';
      turns.push(blankTurn(typeof activity.text === 'string' && activity.text !== '' ? { user: activity.text } : { attachment: file }));
    } else if (activity.type === 'conversationUpdate' && (activity.membersAdded ?? []).some((m) => m.id !== activity.recipient?.id)) {
      flush();
      turns.push(blankTurn({ join: true }));
    }
  }
  flush();
  return { name: `Recorded conversation ${name}`, turns };
}

function blankTurn(who: { user: string } | { join: true } | { attachment: string }): ScenarioTurn {
  return { ...who, expect: [], not_expect: [], says: [], not_says: [], buttons: [] };
}

function expectationsFrom(replies: Partial<Activity>[]): Partial<ScenarioTurn> {
  const trace = replies.find((a) => a.type === 'trace' && a.name === TRACE_NAME)?.value as Explanation | undefined;
  const messages = replies.filter((a) => a.type === 'message');
  const withButtons = [...messages].reverse().find((m) => buttonsOf(m).length > 0);
  const buttons = withButtons ? buttonsOf(withButtons) : [];
  if (trace) return { expect: trace.responses, channel: trace.outcome, emergency: trace.emergency, buttons };
  return { says: messages.map((m) => m.text ?? '').filter((t) => t !== ''), buttons };
}

/** A conversation as a scenario file that checks the same route next time (the console's /save). */
export function scenarioYaml(name: string, turns: { user?: string; attachment?: string; explanation?: Explanation }[]): string {
  const scenario = {
    name,
    turns: turns.map(({ user, attachment, explanation }) => ({
      ...(user !== undefined ? { user } : attachment !== undefined ? { attachment } : { join: true }),
      ...(explanation ? { expect: explanation.responses.filter((id) => id !== 'r-safety-net') } : {}),
      ...(explanation?.outcome ? { channel: explanation.outcome } : {}),
      ...(explanation?.emergency ? { emergency: true } : {}),
    })),
  };
  const doc = new Document(scenario);
  // Lists of ids read best on one line: expect: [q-who, r-safety-net].
  visit(doc, { Seq: (_key, node) => void (isSeq(node) && node !== doc.get('turns') && (node.flow = true)) });
  return `# Saved from the console chat. Edit freely: see the README's "Scenarios" section.\n${doc.toString()}`;
}

export async function runScenario(bot: SignpostBot, file: string, scenario: Scenario, channelId = 'test'): Promise<ScenarioResult> {
  const driver = new ConversationDriver(bot, channelId);
  const turns: TurnResult[] = [];
  for (const turn of scenario.turns) {
    const reply = turn.join ? await driver.join() : turn.attachment !== undefined ? await driver.attach(turn.attachment) : await driver.say(turn.user!);
    turns.push({ turn, bot: reply, failures: checkTurn(turn, reply) });
  }
  return { file, scenario, turns, passed: turns.every((t) => t.failures.length === 0) };
}

/** Runs scenario files (or every file in a folder), each as a new conversation with the same bot. */
export async function runScenarios(bot: SignpostBot, filesOrDir: string | string[], channelId = 'test'): Promise<ScenarioResult[]> {
  const files = typeof filesOrDir === 'string' ? scenarioFiles(filesOrDir) : filesOrDir;
  const results: ScenarioResult[] = [];
  for (const file of files) results.push(await runScenario(bot, file, loadScenario(file), channelId));
  return results;
}

/** What differs between the turn's expectations and what the bot did; empty when it passes. */
export function checkTurn(turn: ScenarioTurn, reply: BotTurn): string[] {
  const failures: string[] = [];
  const said = reply.explanation?.responses ?? [];
  const text = reply.texts.join('\n');
  const lower = text.toLowerCase();
  if (!reply.explanation && !turn.join) failures.push('the bot sent no explanation trace');
  for (const id of turn.expect) if (!said.includes(id)) failures.push(`expected response ${id}`);
  for (const id of turn.not_expect) if (said.includes(id)) failures.push(`did not expect response ${id}`);
  if (turn.channel !== undefined && reply.explanation?.outcome !== turn.channel) {
    failures.push(`expected channel ${turn.channel}, got ${reply.explanation?.outcome ?? 'none'}`);
  }
  if (turn.emergency !== undefined && reply.explanation?.emergency !== turn.emergency) {
    failures.push(turn.emergency ? 'expected the emergency answer (999)' : 'expected no emergency answer');
  }
  for (const s of turn.says) if (!lower.includes(s.toLowerCase())) failures.push(`expected the text "${s}"`);
  for (const s of turn.not_says) if (lower.includes(s.toLowerCase())) failures.push(`must not say "${s}"`);
  for (const b of turn.buttons) if (!reply.buttons.includes(b)) failures.push(`expected a button "${b}"`);
  if (reply.messages.length === 0) failures.push('the bot did not reply');
  return failures;
}
