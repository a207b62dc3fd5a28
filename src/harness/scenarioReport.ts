/**
 * The scenario run as a person reads it: one line per scenario, and for a failure the conversation with
 * what was expected and what the bot did side by side, turn by turn.
 */
import { basename } from 'node:path';
import type { ScenarioResult, ScenarioTurn, TurnResult } from './scenarios';

const COLUMN = 46;

export function formatReport(results: ScenarioResult[], channelId: string): string {
  const lines: string[] = [];
  for (const result of results) {
    const mark = result.passed ? 'PASS' : 'FAIL';
    lines.push(`${mark}  ${basename(result.file).padEnd(44)} ${result.scenario.name}`);
    if (!result.passed) lines.push(...formatFailure(result), '');
  }
  const failed = results.filter((r) => !r.passed).length;
  const turns = results.reduce((n, r) => n + r.turns.length, 0);
  lines.push('', `${results.length} scenarios, ${turns} turns, channel "${channelId}": ${results.length - failed} passed, ${failed} failed`);
  return lines.join('\n');
}

function formatFailure(result: ScenarioResult): string[] {
  const lines = ['', `      ${'expected'.padEnd(COLUMN)} | the bot`];
  result.turns.forEach((turn, i) => {
    const who = turn.turn.join ? '(opens the chat)' : turn.turn.attachment !== undefined ? `(sends a file: ${turn.turn.attachment})` : `"${turn.turn.user}"`;
    lines.push(`  ${String(i + 1).padStart(2)}. ${turn.failures.length > 0 ? 'X' : ' '} you: ${who}`);
    const left = expectedLines(turn.turn);
    const right = actualLines(turn);
    for (let row = 0; row < Math.max(left.length, right.length); row++) {
      lines.push(`      ${clip(left[row] ?? '').padEnd(COLUMN)} | ${right[row] ?? ''}`);
    }
    for (const failure of turn.failures) lines.push(`      >> ${failure}`);
  });
  return lines;
}

function expectedLines(turn: ScenarioTurn): string[] {
  const lines: string[] = [];
  if (turn.expect.length > 0) lines.push(`says ${turn.expect.join(', ')}`);
  if (turn.not_expect.length > 0) lines.push(`not ${turn.not_expect.join(', ')}`);
  if (turn.channel) lines.push(`channel ${turn.channel}`);
  if (turn.emergency !== undefined) lines.push(turn.emergency ? 'emergency: 999' : 'no emergency');
  for (const s of turn.says) lines.push(`text "${s}"`);
  for (const s of turn.not_says) lines.push(`not the text "${s}"`);
  if (turn.buttons.length > 0) lines.push(`buttons ${turn.buttons.join(' / ')}`);
  return lines.length > 0 ? lines : ['(anything)'];
}

function actualLines({ bot }: TurnResult): string[] {
  const e = bot.explanation;
  const lines = [`says ${e?.responses.join(', ') ?? '(no trace)'}`];
  if (e?.outcome) lines.push(`channel ${e.outcome}`);
  if (e?.emergency) lines.push('emergency: 999');
  if (bot.buttons.length > 0) lines.push(`buttons ${bot.buttons.join(' / ')}`);
  if (e) lines.push(`why: ${e.reason}`);
  for (const text of bot.texts) for (const line of text.split('\n')) if (line.trim() !== '') lines.push(`  ${line}`);
  return lines;
}

function clip(text: string): string {
  return text.length > COLUMN ? `${text.slice(0, COLUMN - 1)}…` : text;
}
