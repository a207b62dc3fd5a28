/**
 * The ActivityHandler: welcomes people, reads each message once (safety check first), runs the main
 * dialog, sends the turn's replies together, explains the route to staff in a trace activity, and saves
 * the dialog position. Other activity types are ignored.
 */
import { ActivityHandler, type Activity, type ConversationState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import type { DialogState, DialogStateManagerConfiguration } from 'botbuilder-dialogs';
// The package index also loads every prompt and the Recognizers-Text suites (~300 ms at start-up); we use none.
import { DialogTurnStatus } from 'botbuilder-dialogs/lib/dialog';
import { DialogSet } from 'botbuilder-dialogs/lib/dialogSet';
import { DialogsComponentRegistration } from 'botbuilder-dialogs/lib/dialogsComponentRegistration';
import { MAIN_DIALOG, type MainDialog } from '../dialogs/mainDialog';
import { toActivity } from '../dialogs/render';
import { setTurnInput, turnInputIfAny } from '../dialogs/turnState';
import { OVER_RATE_LIMIT, type RateLimiter } from './core/rateLimiter';
import type { Reply } from './core/reply';
import type { Responder } from './core/responder';
import type { Router } from './core/router';
import { TurnOutput, type Visited } from './core/turnOutput';
import type { Logger } from './logger';
import { MAX_INPUT_CHARS } from './nlu/textNormalizer';
import type { Decision, Recognizer } from './nlu/recognizer';

export interface BotDeps {
  conversationState: ConversationState;
  recognizer: Recognizer;
  responder: Responder;
  router: Router;
  mainDialog: MainDialog;
  logger: Logger;
  /** Operator opt-in: log what people type (off by default). */
  logUserText?: boolean;
  /** Send the explanation trace on every channel (scenario runs), not only the Emulator and tests. */
  traceAllChannels?: boolean;
  /** A conversation idle for longer starts afresh (its stored place is cleared when it comes back). */
  idleMs?: number;
  /** Messages per conversation per minute; none when absent (tests, staff tools). */
  rateLimiter?: RateLimiter;
  now?: () => number;
}

/** Channels that show trace activities to staff. Elsewhere the explanation is not sent at all. */
const TRACE_CHANNELS = new Set(['emulator', 'test']);

/** What staff see in the Emulator's trace view: the decision and the route, never the text. */
export interface Explanation {
  emergency: boolean;
  intent: string;
  confidence: number;
  alternatives: { intent: string; confidence: number }[];
  channels: string[];
  reason: string;
  route: string[];
  /** The response ids the bot said, in order. */
  responses: string[];
  /** The channel the turn ended at, if any. */
  outcome?: string;
  /** What the turn touched: intents, flow steps, choices, interruptions (for the coverage report). */
  visited: Visited;
}

export const TRACE_NAME = 'SignpostDecision';

/** The turn-state key under which DialogContext looks for a ready memory-scope configuration. */
export const DIALOG_STATE_CONFIGURATION_KEY = 'DialogStateManagerConfiguration';

const NO_DECISION: Omit<Explanation, 'route' | 'responses' | 'visited'> = { emergency: false, intent: 'none', confidence: 0, alternatives: [], channels: [], reason: 'no message' };

export class SignpostBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  /** When the conversation last sent a message (ms since 1970): the only other thing kept. */
  private readonly lastActive: StatePropertyAccessor<number | undefined>;
  private readonly dialogs: DialogSet;
  /**
   * Without one in turn state, every DialogContext rebuilds the memory scopes (a tenth of a turn's CPU
   * in our profile). Built once here, as DialogManager's `stateConfiguration` does.
   */
  readonly stateConfiguration: DialogStateManagerConfiguration;

  constructor(private readonly deps: BotDeps) {
    super();
    const registration = new DialogsComponentRegistration();
    this.stateConfiguration = { memoryScopes: registration.getMemoryScopes(), pathResolvers: registration.getPathResolvers() };
    this.dialogState = deps.conversationState.createProperty<DialogState>('dialogState');
    this.lastActive = deps.conversationState.createProperty<number | undefined>('lastActive');
    this.dialogs = new DialogSet(this.dialogState);
    this.dialogs.add(deps.mainDialog);

    this.onMembersAdded(async (context, next) => {
      const newcomers = (context.activity.membersAdded ?? []).filter((m) => m.id !== context.activity.recipient?.id);
      if (newcomers.length > 0) {
        const output = new TurnOutput(deps.responder);
        output.welcome();
        output.note('welcome: someone joined the chat');
        const replies = await this.send(context, output);
        // Built only for a channel that shows it (a fifth of the benchmark's turns are welcomes).
        if (this.traced(context)) await this.trace(context, { ...NO_DECISION, route: output.route, responses: replies.flatMap((r) => r.responseIds), visited: output.visited });
      }
      await next();
    });
  }

  /**
   * A message: read it and run the dialogs. Overridden rather than registered with onMessage(): the
   * handler chain and the (empty) dialog-event chain after it cost a dozen awaits a turn and did nothing.
   */
  protected override async onMessageActivity(context: TurnContext): Promise<void> {
    await this.handleMessage(context);
  }

  override async run(context: TurnContext): Promise<void> {
    const { rateLimiter } = this.deps;
    if (rateLimiter && context.activity.type === 'message') {
      const key = `${context.activity.channelId}/${context.activity.conversation?.id}`;
      const verdict = rateLimiter.take(key);
      if (verdict !== 'ok') return this.tooFast(context, verdict, rateLimiter.retryAfterSeconds(key));
    }
    // A message goes straight to its handler: ActivityHandler's way there (run, onTurnActivity, the
    // "Turn" handlers, of which there are none, onMessageActivity) is eight awaits deep and adds nothing.
    if (context.activity.type === 'message' && !this.handlers.Turn?.length) await this.handleMessage(context);
    else await super.run(context);
    if (turnInputIfAny(context)?.output.forget) await this.deps.conversationState.delete(context);
    else await this.deps.conversationState.saveChanges(context, false);
  }

  /**
   * Over the rate limit: no state is read or written and no dialog runs, but the safety check still
   * does. An emergency gets 999 however fast it was typed. Anything else is refused (the server answers
   * 429 with Retry-After) with "slow down", which names 999 and 101: in the response whenever replies go
   * there, and through the channel only the first time, so a flood makes no outbound calls.
   */
  private async tooFast(context: TurnContext, verdict: 'warn' | 'drop', retryAfterSeconds: number): Promise<void> {
    const decision = this.deps.recognizer.recognize(messageText(context.activity));
    const output = new TurnOutput(this.deps.responder, { lgbtMention: decision.lgbtMention });
    if (decision.emergency) {
      output.note(`over the rate limit, but an emergency (${decision.reason})`);
      output.emergency();
    } else {
      context.turnState.set(OVER_RATE_LIMIT, retryAfterSeconds);
      if (verdict === 'drop' && context.activity.deliveryMode !== 'expectReplies') return;
      output.note('over the rate limit: asked to slow down');
      output.say(['r-slow-down']);
    }
    await this.send(context, output);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const raw = rawMessageText(context.activity);
    const text = messageText(context.activity);
    const decision = this.deps.recognizer.recognize(text);
    const output = new TurnOutput(this.deps.responder, { lgbtMention: decision.lgbtMention });
    setTurnInput(context, { text, decision, output });
    context.turnState.set(DIALOG_STATE_CONFIGURATION_KEY, this.stateConfiguration);
    await this.expireIfIdle(context, output);

    if (raw.length > MAX_INPUT_CHARS && !decision.emergency) {
      // Only the start was read; an emergency in it is still answered, anything else is asked again.
      output.note(`message over ${MAX_INPUT_CHARS} characters: asked for a shorter one`);
      output.say(['r-too-long']);
    } else {
      const dc = await this.dialogs.createContext(context);
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) await dc.beginDialog(MAIN_DIALOG);
    }

    const replies = await this.send(context, output);
    const { logger, logUserText } = this.deps;
    // Worked out only when someone reads it: a log line at its level, or the trace on a staff channel.
    const logged = logUserText ? logger.isLevelEnabled('info') : logger.isLevelEnabled('debug');
    if (!logged && !this.traced(context)) return;
    const explanation = this.explain(decision, output, replies);
    if (logUserText) logger.info({ userText: text, explanation }, 'turn');
    // Without the opt-in, ids only: the route's notes and reasons can quote the words that matched.
    else logger.debug({ turn: { intent: explanation.intent, emergency: explanation.emergency, outcome: explanation.outcome, responses: explanation.responses } }, 'turn');
    await this.trace(context, explanation);
  }

  /** Idle for longer than the idle time: the stored place is dropped and the conversation starts afresh. */
  private async expireIfIdle(context: TurnContext, output: TurnOutput): Promise<void> {
    const now = (this.deps.now ?? Date.now)();
    const last = await this.lastActive.get(context);
    if (this.deps.idleMs !== undefined && last !== undefined && now - last > this.deps.idleMs) {
      const hadPlace = ((await this.dialogState.get(context))?.dialogStack?.length ?? 0) > 0;
      await this.deps.conversationState.clear(context);
      output.note(`idle for ${Math.round((now - last) / 60_000)} min: the conversation's state was cleared`);
      if (hadPlace) output.say(['r-expired']);
    }
    await this.lastActive.set(context, now);
  }

  /** Whether this turn's explanation goes to staff as a trace activity. */
  private traced(context: TurnContext): boolean {
    return Boolean(this.deps.traceAllChannels) || TRACE_CHANNELS.has(context.activity.channelId);
  }

  private async trace(context: TurnContext, explanation: Explanation): Promise<void> {
    if (this.traced(context)) {
      await context.sendTraceActivity(TRACE_NAME, explanation, 'https://hate-crime-signpost/decision', 'Why the bot chose this route');
    }
  }

  explain(decision: Decision, output: TurnOutput, replies: Reply[]): Explanation {
    return {
      emergency: output.answeredEmergency,
      intent: decision.intent,
      confidence: round(decision.confidence),
      alternatives: decision.alternatives.map((a) => ({ intent: a.intent, confidence: round(a.confidence) })),
      channels: this.deps.router.channelsFor(decision, output.answeredEmergency),
      reason: decision.reason,
      route: [...output.route],
      responses: replies.flatMap((r) => r.responseIds),
      outcome: output.outcome,
      visited: output.visited,
    };
  }

  private async send(context: TurnContext, output: TurnOutput): Promise<Reply[]> {
    const replies = output.finish();
    await context.sendActivities(replies.map((reply) => toActivity(reply, context.activity.channelId)));
    return replies;
  }
}

/** The text of a message, or what a card button sent; empty for an attachment or a sticker. */
export function rawMessageText(activity: Partial<Activity>): string {
  const value = activity.value as { text?: unknown } | undefined;
  return typeof activity.text === 'string' ? activity.text : typeof value?.text === 'string' ? value.text : '';
}

/** What the bot reads of a message: its first MAX_INPUT_CHARS characters, trimmed. */
export function messageText(activity: Partial<Activity>): string {
  return rawMessageText(activity).slice(0, MAX_INPUT_CHARS).trim();
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
