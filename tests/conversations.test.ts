/**
 * Runs every scenario in tests/conversations/ through the real bot (TestAdapter): a new file is a new test.
 */
import { join } from 'node:path';
import { loadScenario, runScenario, scenarioFiles } from '../src/harness/scenarios';
import { realBot } from './helpers';

const files = scenarioFiles(join(__dirname, 'conversations'));

describe('conversation scenarios', () => {
  it('has scenarios to run', () => {
    expect(files.length).toBeGreaterThanOrEqual(25);
  });

  it.each(files.map((f) => [f.split('/').pop()!, f]))('%s', async (_name, file) => {
    const { bot } = realBot();
    const result = await runScenario(bot, file, loadScenario(file));
    const failures = result.turns.flatMap((t, i) =>
      t.failures.map((f) => `turn ${i + 1} (${t.turn.user ?? 'join'}): ${f}\n  bot said: ${JSON.stringify(t.bot.explanation?.responses)} outcome ${t.bot.explanation?.outcome} | ${t.bot.explanation?.reason}`),
    );
    expect(failures).toEqual([]);
  });
});
