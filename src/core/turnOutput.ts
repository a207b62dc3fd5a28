/**
 * Everything the bot says in one turn, gathered while the dialogs run and sent at the end, so that one
 * place can shape it: statements first (one message), then the question with its buttons, and the 999
 * safety net always in view.
 */
import type { ChannelId, MenuId } from '../../knowledge/schema';
import type { Reply } from './reply';
import type { Responder } from './responder';

/**
 * Ids of what a turn touched: intents acted on, flow steps asked ("report/ask-who"), choices taken
 * ("report/ask-who=witness") and interruptions where they happened ("emergency@report/ask-who", or
 * "@start" when no question was waiting).
 */
export interface Visited {
  intents: string[];
  steps: string[];
  edges: string[];
  interrupts: string[];
}

/** The flow for LGBT+ people: a 999 answer inside it carries the LGBT+ line. */
/** The LGBT+ liaison officer's flow, and its channel, which share the id. */
export const LGBT_FLOW = 'lgbt-liaison';

/** What the welcome says before its menu. */
const WELCOME_SAYS = ['r-welcome', 'r-emergency-notice'];

export class TurnOutput {
  private readonly replies: Reply[] = [];
  /** What the bot did and why, step by step, for staff (trace activity, console /explain). */
  readonly route: string[] = [];
  /** Flows this turn ran in, so the LGBT+ note can be given where a report is being made. */
  readonly flows = new Set<string>();
  /** The channel this turn ended at, if any. */
  outcome: string | undefined;
  /** The person asked to be forgotten: the conversation's state is deleted, not saved, after this turn. */
  forget = false;
  /** What this turn touched, by id, for the flow coverage report. */
  readonly visited: Visited = { intents: [], steps: [], edges: [], interrupts: [] };

  /**
   * `lgbtMention`: the person's message was about sexual orientation or gender identity (the recognizer's
   * signal), so an answer may add what is for LGBT+ people; otherwise it does not.
   */
  constructor(
    private readonly responder: Responder,
    private readonly context: { lgbtMention?: boolean } = {},
  ) {}

  say(ids: string[]): void {
    if (ids.length > 0) this.replies.push(this.responder.say(ids));
  }

  add(reply: Reply): void {
    this.replies.push(reply);
    if (reply.channel) this.outcome = reply.channel;
  }

  menu(menuId: MenuId): void {
    this.add(this.responder.menu(menuId));
  }

  /**
   * Sends the person to a channel (and any `also` given beside it): its card, then the menu that follows it (after 999: "when you are safe").
   * The LGBT+ line goes on the 999 answer only when the message or the flow was about LGBT+.
   */
  channel(channelId: ChannelId, also: ChannelId[] = []): void {
    const lgbt = Boolean(this.context.lgbtMention) || this.flows.has(LGBT_FLOW);
    this.add(this.responder.channelCard(channelId, { lgbt, also }));
    this.menu(this.responder.menuAfter(channelId));
  }

  /** The turn was answered as an emergency (999 at once), whatever the recognizer alone thought. */
  answeredEmergency = false;

  /** The emergency answer, wherever it is given (any step, or over the rate limit): "Call 999 now" first. */
  emergency(): void {
    this.answeredEmergency = true;
    this.channel('call-999');
  }

  /** The welcome, when someone opens the chat: who this is, 999, then the main menu. */
  welcome(): void {
    this.say(WELCOME_SAYS);
    this.menu('main');
  }

  note(step: string): void {
    this.route.push(step);
  }

  /**
   * The turn's messages: statements merged into one message, the question (with buttons) last. If no
   * message offers buttons the main menu is added, so nobody is left without a next step; and unless the
   * turn already says 999, the safety net line goes on the last message.
   */
  finish(): Reply[] {
    if (!this.replies.some((r) => r.buttons.length > 0)) this.menu('anything-else');
    // Chat clients show buttons only on the latest message, so the last prompt goes last.
    const promptIndex = this.replies.findLastIndex((r) => r.buttons.length > 0);
    const prompt = this.replies[promptIndex]!;
    const statements = this.replies.filter((_r, i) => i !== promptIndex);
    const messages: Reply[] = [];
    if (statements.length > 0) {
      messages.push({
        responseIds: responseIdsOf(statements),
        text: statements.map((r) => r.text).join('\n\n'),
        buttons: [],
        channel: statements.find((r) => r.channel)?.channel,
      });
    }
    messages.push(prompt);
    const last = messages[messages.length - 1]!;
    if (!messages.some((m) => this.responder.mentionsEmergencyNumber(m.text))) {
      messages[messages.length - 1] = {
        ...last,
        responseIds: [...last.responseIds, 'r-safety-net'],
        text: `${last.text}\n\n${this.responder.text('r-safety-net')}`,
      };
    }
    return messages;
  }
}

/** Every reply's response ids, in order (a loop: flatMap is ten times slower for these few). */
function responseIdsOf(replies: readonly Reply[]): string[] {
  const ids: string[] = [];
  for (const reply of replies) for (const id of reply.responseIds) ids.push(id);
  return ids;
}
