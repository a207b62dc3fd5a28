/**
 * Talks to the real bot in memory, through botbuilder's TestAdapter: the same adapter pipeline, dialogs
 * and state as over HTTP, without a network. The scenario runner, the console chat and the triage
 * command all use it, so they see exactly what a person would.
 */
import { ActivityTypes, TestAdapter, type Activity, type Attachment } from 'botbuilder';
import { TRACE_NAME, type Explanation, type SignpostBot } from '../bot';

export interface BotTurn {
  /** The message activities, in order. */
  messages: Partial<Activity>[];
  /** Their texts. */
  texts: string[];
  /** The buttons offered (suggested actions or card buttons), from the last message that has any. */
  buttons: string[];
  /** Why the bot did what it did (present when the bot sends its trace on this channel). */
  explanation?: Explanation;
}

let conversations = 0;

export class ConversationDriver {
  private readonly adapter: TestAdapter;

  constructor(
    private readonly bot: SignpostBot,
    channelId = 'test',
  ) {
    conversations += 1;
    const reference = TestAdapter.createConversation(`conversation-${process.pid}-${conversations}`);
    this.adapter = new TestAdapter({ ...reference, channelId }, undefined, true);
  }

  /** The person opens the chat (a conversationUpdate adding them). */
  join(): Promise<BotTurn> {
    return this.turn({
      type: ActivityTypes.ConversationUpdate,
      membersAdded: [{ id: 'user1', name: 'User1' }],
    });
  }

  say(text: string): Promise<BotTurn> {
    return this.turn({ type: ActivityTypes.Message, text });
  }

  /** The person sends a file and no text. */
  attach(name: string): Promise<BotTurn> {
    return this.turn({ type: ActivityTypes.Message, attachments: [{ name, contentType: 'image/png', contentUrl: `https://example.invalid/${name}` }] });
  }

  async turn(activity: Partial<Activity>): Promise<BotTurn> {
    await this.adapter.processActivity(activity, (context) => this.bot.run(context));
    const sent = this.adapter.activeQueue.splice(0);
    const messages = sent.filter((a) => a.type === ActivityTypes.Message);
    const trace = sent.find((a) => a.type === ActivityTypes.Trace && a.name === TRACE_NAME);
    const withButtons = [...messages].reverse().find((m) => buttonsOf(m).length > 0);
    return {
      messages,
      texts: messages.map((m) => m.text ?? ''),
      buttons: withButtons ? buttonsOf(withButtons) : [],
      explanation: trace?.value as Explanation | undefined,
    };
  }
}

export function buttonsOf(activity: Partial<Activity>): string[] {
  const suggested = activity.suggestedActions?.actions.map((a) => a.title ?? String(a.value)) ?? [];
  const card = (activity.attachments ?? []).flatMap((a: Attachment) => {
    const content = a.content as { buttons?: { title?: string }[] } | undefined;
    return content?.buttons?.map((b) => b.title ?? '') ?? [];
  });
  return [...suggested, ...card];
}
