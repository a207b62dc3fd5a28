/**
 * The triage command's contract: JSON lines in, one JSON line out per message, from the real bot.
 * `npm test` builds dist/ (through kb:check) before jest runs, so the built command is tested as shipped.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { triage } from '../../src/cli/triage';
import { projectRoot } from '../../src/projectRoot';
import { realBot } from '../helpers';

describe('triage', () => {
  const parts = realBot();

  it.each([
    ['they are outside now', true, ['call-999']],
    ['I saw someone being racially abused last week', false, ['call-101', 'online-report', 'true-vision']],
    ["I don't want to speak to the police", false, ['true-vision']],
    ['can I report it online', false, ['online-report']],
    ['I want to talk to an LGBT liaison officer', false, ['lgbt-liaison']],
    ['I was called a homophobic slur and want to report it', false, ['call-101', 'online-report', 'true-vision', 'lgbt-liaison']],
    ['hello', false, []],
    ['purple monkey dishwasher', false, []],
  ])('"%s"', async (text, emergency, channels) => {
    const result = await triage(parts, text);
    expect(result.emergency).toBe(emergency);
    expect(result.channels).toEqual(channels);
    expect(result.reply.length).toBeGreaterThan(0);
    expect(result.reason.length).toBeGreaterThan(0);
    if (emergency) expect(result.reply).toContain('999');
    // Gibberish gets no topic: nothing understood, or out of scope (nonsense).
    if (text === 'purple monkey dishwasher') expect(['none', 'out-of-scope']).toContain(result.intent);
  });

  it('reads JSON lines on stdin and writes one JSON line each (the built command)', () => {
    const input = ['{"text": "someone is attacking me"}', '{"text": "what is a hate crime"}', ''].join('\n');
    const run = spawnSync(process.execPath, [join(projectRoot(), 'dist/src/cli/triage.js')], { input, encoding: 'utf8' });
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(Object.keys(lines[0]!).sort()).toEqual(['channels', 'confidence', 'danger', 'emergency', 'intent', 'reason', 'reply', 'slots', 'text']);
    expect(lines[0]).toMatchObject({ text: 'someone is attacking me', emergency: true, channels: ['call-999'] });
    expect(lines[1]).toMatchObject({ intent: 'what-is-hate-crime', emergency: false });
  });

  it('prints a readable answer for a text argument', () => {
    const run = spawnSync(process.execPath, [join(projectRoot(), 'dist/src/cli/triage.js'), 'they are outside now'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('emergency:  YES');
    expect(run.stdout).toContain('call-999');
    // Staff read the reply as a person sees it, and no topic is shown beside an emergency.
    expect(run.stdout).toContain('topic:      (not used: the emergency answer comes first)');
    expect(run.stdout).not.toMatch(/\*\*|\]\(/);
  });

  it('says what a first message already answered and what is out of scope', () => {
    const dated = spawnSync(process.execPath, [join(projectRoot(), 'dist/src/cli/triage.js'), 'someone shouted racist abuse at me last tuesday'], { encoding: 'utf8' });
    expect(dated.stdout).toMatch(/already says: who=me, over=true/);
    const other = spawnSync(process.execPath, [join(projectRoot(), 'dist/src/cli/triage.js'), 'my bike was stolen from outside the station last week'], { encoding: 'utf8' });
    expect(other.stdout).toMatch(/topic: {6}out of scope \(other-crime\)/);
  });
});
