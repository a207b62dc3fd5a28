/**
 * Runs every scenario in tests/conversations/ (YAML and Emulator .transcript files) through the real
 * bot: a new file is a new test. They run once as the plain test channel and once as Microsoft Teams,
 * where choices are drawn as cards.
 */
import { join } from 'node:path';
import { loadScenario, runScenario, scenarioFiles } from '../src/harness/scenarios';
import { realBot } from './helpers';

const files = scenarioFiles(join(__dirname, 'conversations'));

describe('conversation scenarios', () => {
  it('has scenarios to run', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
  });

  describe.each(['test', 'msteams'])('as channel "%s"', (channel) => {
    const { bot } = realBot({ traceAllChannels: true });
    it.each(files.map((f) => [f.split('/').pop()!, f]))('%s', async (_name, file) => {
      const result = await runScenario(bot, file, loadScenario(file), channel);
      const failures = result.turns.flatMap((t, i) =>
        t.failures.map((f) => `turn ${i + 1} (${t.turn.user ?? 'join'}): ${f}\n  bot said: ${JSON.stringify(t.bot.explanation?.responses)} outcome ${t.bot.explanation?.outcome} | ${t.bot.explanation?.reason}`),
      );
      expect(failures).toEqual([]);
    });
  });
});
