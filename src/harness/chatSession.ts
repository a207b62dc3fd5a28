/**
 * The console chat's logic, apart from the terminal: one conversation with the real bot, buttons shown
 * as numbered choices (typing the number presses the button), and the staff commands /explain,
 * /restart, /save NAME, /help and /quit. Each call returns the text to print.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Explanation, SignpostBot } from '../bot';
import { ConversationDriver, type BotTurn } from './conversationDriver';
import { scenarioYaml } from './scenarios';

export const CHAT_COMMANDS = [
  '/explain   show (or stop showing) why the bot chose each route',
  '/restart   start a new conversation',
  '/save NAME save this conversation as a scenario (tests/conversations/NAME.yaml)',
  '/help      this list',
  '/quit      leave',
].join('\n');

export interface ChatReply {
  text: string;
  /** The person asked to leave. */
  quit?: boolean;
}

export class ChatSession {
  private driver!: ConversationDriver;
  private turns: { user?: string; explanation?: Explanation }[] = [];
  private buttons: string[] = [];
  private explaining = false;

  constructor(
    private readonly bot: SignpostBot,
    private readonly scenarioDir: string,
    private readonly channelId = 'emulator',
  ) {}

  /** Opens a new conversation; returns the welcome. */
  async start(): Promise<string> {
    this.driver = new ConversationDriver(this.bot, this.channelId);
    this.turns = [];
    return this.show(await this.driver.join(), undefined);
  }

  async handle(line: string): Promise<ChatReply> {
    const input = line.trim();
    if (input.startsWith('/')) return this.command(input);
    if (input === '') return { text: '' };
    // A number picks a button, as tapping it would: the bot receives the button's text.
    const pressed = /^\d+$/.test(input) ? this.buttons[Number(input) - 1] : undefined;
    const text = pressed ?? input;
    const echo = pressed ? `(you pressed "${pressed}")\n` : '';
    return { text: echo + this.show(await this.driver.say(text), text) };
  }

  private async command(input: string): Promise<ChatReply> {
    const [command, ...rest] = input.split(/\s+/);
    switch (command) {
      case '/explain':
        this.explaining = !this.explaining;
        return { text: this.explaining ? 'Explanations on: each reply shows why the bot chose its route.' : 'Explanations off.' };
      case '/restart':
        return { text: `--- new conversation ---\n${await this.start()}` };
      case '/save':
        return { text: this.save(rest.join(' ')) };
      case '/help':
        return { text: CHAT_COMMANDS };
      case '/quit':
      case '/exit':
        return { text: 'Goodbye.', quit: true };
      default:
        return { text: `Unknown command ${command}.\n${CHAT_COMMANDS}` };
    }
  }

  private save(rawName: string): string {
    const name = rawName.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
    if (name === '') return 'Give the scenario a name: /save witness-reports-online';
    if (!this.turns.some((t) => t.user !== undefined)) return 'Nothing to save yet: say something to the bot first.';
    mkdirSync(this.scenarioDir, { recursive: true });
    const file = join(this.scenarioDir, `${name}.yaml`);
    if (existsSync(file)) return `${file} already exists: choose another name.`;
    writeFileSync(file, scenarioYaml(name.replace(/-/g, ' '), this.turns));
    return `Saved ${this.turns.length} turns to ${file}. Edit its name and expectations, then run: npm run scenarios`;
  }

  private show(turn: BotTurn, user: string | undefined): string {
    this.turns.push({ user, explanation: turn.explanation });
    this.buttons = turn.buttons;
    // A terminal cannot tap to call: a tel: or sms: link shows as its number.
    const lines = turn.texts.map((t) => `bot> ${t.replace(/\[([^\]]+)\]\((?:tel|sms):[^)]+\)/g, '$1').replace(/\n/g, '\n     ')}`);
    if (turn.buttons.length > 0) lines.push(turn.buttons.map((b, i) => `  [${i + 1}] ${b}`).join('\n'));
    if (this.explaining && turn.explanation) lines.push(explain(turn.explanation));
    return lines.join('\n');
  }
}

/** The explanation as staff read it: the rule or intent, the confidence, the alternatives, the steps. */
export function explain(e: Explanation): string {
  const lines = [
    `  why: ${e.emergency ? 'EMERGENCY: ' : ''}${e.reason}`,
    `       intent ${e.intent} (confidence ${e.confidence})` +
      (e.alternatives.length > 0 ? `; next best ${e.alternatives.map((a) => `${a.intent} ${a.confidence}`).join(', ')}` : ''),
    ...e.route.map((step) => `       - ${step}`),
    `       said ${e.responses.join(', ')}${e.outcome ? `; channel ${e.outcome}` : ''}`,
  ];
  return lines.join('\n');
}
