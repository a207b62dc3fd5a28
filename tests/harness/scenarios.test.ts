/** The scenario toolkit itself: transcripts, the readable report and saved conversations. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatReport } from '../../src/harness/scenarioReport';
import { loadScenario, runScenario, runScenarios, scenarioYaml, transcriptToScenario, type Scenario } from '../../src/harness/scenarios';
import { ConversationDriver } from '../../src/harness/conversationDriver';
import { realBot } from '../helpers';

const { bot } = realBot({ traceAllChannels: true });
const dir = mkdtempSync(join(tmpdir(), 'scenarios-'));

const user = { id: 'u1', role: 'user' };
const botAccount = { id: 'b1', role: 'bot' };

describe('Emulator transcripts', () => {
  it('turns a recording without traces into text and button expectations', () => {
    const scenario = transcriptToScenario(
      [
        { type: 'conversationUpdate', from: user, recipient: botAccount, membersAdded: [user] },
        { type: 'message', from: botAccount, text: 'Hello.' },
        { type: 'message', from: user, recipient: botAccount, text: 'Report a hate crime' },
        { type: 'message', from: botAccount, text: 'Is anyone in danger?', suggestedActions: { actions: [{ type: 'imBack', title: 'Yes', value: 'Yes' }] } },
        { type: 'message', from: user, recipient: botAccount, attachments: [{ name: 'photo.jpg', contentType: 'image/jpeg' }] },
      ],
      'x.transcript',
    ) as Scenario;
    expect(scenario.turns).toEqual([
      expect.objectContaining({ join: true, says: ['Hello.'] }),
      expect.objectContaining({ user: 'Report a hate crime', says: ['Is anyone in danger?'], buttons: ['Yes'] }),
      expect.objectContaining({ attachment: 'photo.jpg', says: [] }),
    ]);
  });

  it('replays a recording with the bot\'s traces by response id, and fails when the bot has changed', async () => {
    const file = join(dir, 'recorded.transcript');
    const recording = [
      { type: 'message', from: user, recipient: botAccount, text: 'Report a hate crime' },
      { type: 'trace', name: 'SignpostDecision', from: botAccount, value: { responses: ['q-who'], emergency: false } },
    ];
    writeFileSync(file, JSON.stringify(recording));
    const result = await runScenario(bot, file, loadScenario(file));
    expect(result.passed).toBe(false);
    expect(result.turns[0]!.failures).toContain('expected response q-who');
  });

  it('rejects a file that is not a list of activities, naming the file', () => {
    const file = join(dir, 'broken.transcript');
    writeFileSync(file, '{"not": "an array"}');
    expect(() => loadScenario(file)).toThrow(/broken\.transcript.*JSON array of activities/);
  });
});

describe('the report', () => {
  it('shows a failing turn with the expectation and what the bot did side by side', async () => {
    const file = join(dir, 'wrong.yaml');
    writeFileSync(file, 'name: Wrong on purpose\nturns:\n  - user: Report a hate crime\n    channel: call-101\n');
    const report = formatReport(await runScenarios(bot, [file]), 'test');
    expect(report).toMatch(/^FAIL {2}wrong\.yaml +Wrong on purpose/m);
    expect(report).toMatch(/channel call-101 +\| says q-in-danger, r-safety-net/);
    expect(report).toMatch(/>> expected channel call-101, got none/);
    expect(report).toMatch(/1 scenarios, 1 turns, channel "test": 0 passed, 1 failed/);
  });

  it('passes a scenario whose expectations hold', async () => {
    const file = join(dir, 'right.yaml');
    writeFileSync(file, 'name: Right\nturns:\n  - user: Report a hate crime\n    expect: [q-in-danger]\n    buttons: ["Yes"]\n');
    const [result] = await runScenarios(bot, [file]);
    expect(result!.passed).toBe(true);
    expect(formatReport([result!], 'test')).toMatch(/^PASS {2}right\.yaml/m);
  });

  it('names a malformed scenario file and the key at fault', () => {
    const file = join(dir, 'typo.yaml');
    writeFileSync(file, 'name: Typo\nturns:\n  - usr: hello\n');
    expect(() => loadScenario(file)).toThrow(/typo\.yaml: turns\.0/);
  });
});

describe('saving a conversation as a scenario', () => {
  it('writes YAML that replays and passes', async () => {
    const driver = new ConversationDriver(bot);
    const turns = [{ user: undefined, explanation: (await driver.join()).explanation }];
    for (const user of ['Report a hate crime', 'No', 'I saw it happen', 'No']) turns.push({ user, explanation: (await driver.say(user)).explanation } as never);
    const file = join(dir, 'saved.yaml');
    writeFileSync(file, scenarioYaml('saved', turns));
    const scenario = loadScenario(file);
    expect(scenario.turns[4]).toMatchObject({ user: 'No', channel: 'true-vision' });
    expect((await runScenario(bot, file, scenario)).passed).toBe(true);
  });
});
