/** The console chat: numbered buttons, /explain, /restart, /save, unknown commands. */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatSession } from '../../src/harness/chatSession';
import { loadScenario, runScenario } from '../../src/harness/scenarios';
import { realBot } from '../helpers';

const { bot } = realBot({ traceAllChannels: true });

async function session(): Promise<{ chat: ChatSession; dir: string; welcome: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'chat-'));
  const chat = new ChatSession(bot, dir);
  return { chat, dir, welcome: await chat.start() };
}

describe('console chat', () => {
  it('welcomes with the 999 notice and numbered buttons', async () => {
    const { welcome } = await session();
    expect(welcome).toMatch(/call 999/);
    expect(welcome).toMatch(/\[1\] Report a hate crime/);
  });

  it('presses a button when its number is typed', async () => {
    const { chat } = await session();
    const reply = await chat.handle('1');
    expect(reply.text).toMatch(/you pressed "Report a hate crime"/);
    expect(reply.text).toMatch(/is anyone in danger/i);
  });

  it('explains each route after /explain', async () => {
    const { chat } = await session();
    expect((await chat.handle('/explain')).text).toMatch(/Explanations on/);
    const reply = await chat.handle('they are outside my door now');
    expect(reply.text).toMatch(/why: EMERGENCY: emergency: /);
    expect(reply.text).toMatch(/interrupt: emergency/);
    expect(reply.text).toMatch(/channel call-999/);
  });

  it('starts a new conversation on /restart', async () => {
    const { chat } = await session();
    await chat.handle('Report a hate crime');
    const reply = await chat.handle('/restart');
    expect(reply.text).toMatch(/new conversation/);
    // "No" is no longer an answer to the danger question.
    expect((await chat.handle('No')).text).not.toMatch(/did this happen to you/i);
  });

  it('saves the conversation as a scenario that replays', async () => {
    const { chat, dir } = await session();
    await chat.handle('I saw someone being racially abused');
    await chat.handle('2');
    const reply = await chat.handle('/save Witness, not in danger');
    const file = join(dir, 'witness-not-in-danger.yaml');
    expect(reply.text).toContain(file);
    expect(readFileSync(file, 'utf8')).toMatch(/user: I saw someone being racially abused/);
    expect((await runScenario(bot, file, loadScenario(file))).passed).toBe(true);
    expect((await chat.handle('/save Witness, not in danger')).text).toMatch(/already exists/);
  });

  it('refuses /save without a name, and answers unknown commands with the list', async () => {
    const { chat, dir } = await session();
    expect((await chat.handle('/save')).text).toMatch(/Give the scenario a name/);
    expect(existsSync(join(dir, '.yaml'))).toBe(false);
    expect((await chat.handle('/frobnicate')).text).toMatch(/Unknown command \/frobnicate[\s\S]*\/explain/);
    expect((await chat.handle('/quit')).quit).toBe(true);
  });
});
