/**
 * Conversation scenarios: plain YAML files that triage staff can read and write, run through the real
 * bot. Expectations name response ids and channel ids (so a copy edit does not break them) and, where
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
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { SignpostBot } from '../bot';
import { ConversationDriver, type BotTurn } from './conversationDriver';

const Turn = z
  .strictObject({
    user: z.string().optional(),
    /** The person opens the chat instead of typing. */
    join: z.literal(true).optional(),
    expect: z.array(z.string()).default([]),
    not_expect: z.array(z.string()).default([]),
    channel: z.string().optional(),
    emergency: z.boolean().optional(),
    says: z.array(z.string()).default([]),
    not_says: z.array(z.string()).default([]),
    buttons: z.array(z.string()).default([]),
  })
  .refine((t) => (t.user === undefined) !== (t.join === undefined), 'each turn has either `user:` or `join: true`');

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

export function loadScenario(path: string): Scenario {
  const result = ScenarioSchema.safeParse(parse(readFileSync(path, 'utf8')));
  if (!result.success) throw new Error(`${path}: ` + result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return result.data;
}

export function scenarioFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => join(dir, f));
}

export async function runScenario(bot: SignpostBot, file: string, scenario: Scenario, channelId = 'test'): Promise<ScenarioResult> {
  const driver = new ConversationDriver(bot, channelId);
  const turns: TurnResult[] = [];
  for (const turn of scenario.turns) {
    const reply = turn.join ? await driver.join() : await driver.say(turn.user!);
    turns.push({ turn, bot: reply, failures: checkTurn(turn, reply) });
  }
  return { file, scenario, turns, passed: turns.every((t) => t.failures.length === 0) };
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
