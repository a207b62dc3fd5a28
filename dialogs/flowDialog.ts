/**
 * The one dialog that runs every flow in knowledge/flows.yaml. It asks a step's question, maps the
 * answer (a button, or free text the recognizer understands) to a choice, and moves on, until the flow
 * reaches a channel or its end. Its stored state is only the position: no text the person typed.
 */
import type { DialogContext, DialogInstance, DialogTurnResult } from 'botbuilder-dialogs';
// The package index also loads every prompt and the Recognizers-Text suites (~300 ms at start-up); we use none.
import { Dialog } from 'botbuilder-dialogs/lib/dialog';
import type { TurnContext } from 'botbuilder';
import { LGBT_SAID, stepId, type FlowEngine, type FlowPosition, type FlowProgress } from '../src/core/flowEngine';
import type { Responder } from '../src/core/responder';
import type { Routed, Router } from '../src/core/router';
import { OUT_OF_SCOPE } from '../src/nlu/recognizer';
import { turnInput } from './turnState';

export const FLOW_DIALOG = 'flow';

export interface FlowOptions {
  flowId: string;
  presets: Record<string, string>;
}

interface FlowState {
  position: FlowPosition;
  /** Answers in a row that fitted no choice. */
  misses: number;
}

/** What a flow hands back when it ends. */
export interface FlowResult {
  channel?: string;
  /** The person asked for something else instead of answering: the main dialog routes it. */
  reroute?: Routed;
}

/** After this many answers in a row that fit no choice, the bot offers the main menu instead. */
const MAX_MISSES = 3;

export class FlowDialog extends Dialog<FlowOptions> {
  constructor(
    private readonly engine: FlowEngine,
    private readonly responder: Responder,
    private readonly router: Router,
  ) {
    super(FLOW_DIALOG);
  }

  override async beginDialog(dc: DialogContext, options?: FlowOptions): Promise<DialogTurnResult> {
    if (!options) throw new Error('FlowDialog needs a flow id');
    return this.apply(dc, this.engine.enter(options.flowId, options.presets));
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const { text, decision, output } = turnInput(dc.context);
    const state = dc.activeDialog!.state as FlowState;
    output.flows.add(state.position.flowId);
    const match = text ? this.engine.matchAnswer(state.position, text, decision) : undefined;
    if (match) {
      let position = state.position;
      // What the answer says besides ("no, it was me, last week") answers the questions still to come.
      const said = this.engine.presetsFromSlots(position.flowId, decision.slots);
      if (match.choice.intents.includes(decision.intent)) {
        output.visited.intents.push(decision.intent);
        Object.assign(said, this.router.intent(decision.intent)?.presets ?? {});
      }
      delete said[position.stepId];
      if (decision.lgbtMention) said[LGBT_SAID] = 'yes';
      position = { ...position, presets: { ...said, ...position.presets } };
      output.note(`answer to ${stepId(state.position)}: ${match.how}`);
      return this.apply(dc, this.engine.choose(position, match.choice));
    }
    // Not an answer, and it may mean danger now ("I'm scared", "they hit me"): the danger question, before anything else.
    const danger = this.router.dangerFirst(decision, state.position, this.engine.step(state.position).reads);
    if (danger) {
      output.note(`maybe in danger at ${stepId(state.position)}: the danger question first (${decision.danger.reason})`);
      return dc.endDialog({ reroute: danger } satisfies FlowResult);
    }
    // Not an answer: a menu button from earlier, or a request or question of its own.
    const button = this.router.menuButton(text);
    if (button && !(button.action.kind === 'flow' && button.action.flowId === state.position.flowId)) {
      return dc.endDialog({ reroute: button } satisfies FlowResult);
    }
    // A button this flow asks later ("Online" when asked who it happened to): keep its answers, so
    // that question is not asked again, and ask this one again rather than starting over.
    const later = button?.action;
    if (later?.kind === 'flow' && later.flowId === state.position.flowId && Object.keys(later.presets).some((step) => step !== state.position.stepId)) {
      state.position.presets = { ...later.presets, ...state.position.presets };
      output.visited.intents.push(later.intent);
      output.note(`kept answers for later questions from "${later.intent}"; asked ${stepId(state.position)} again`);
      return this.askAgain(dc, ['r-reprompt']);
    }
    const intent = this.router.intent(decision.intent);
    if (intent && !decision.clarify) {
      if (intent.answer && intent.answer.length > 0) {
        output.visited.intents.push(intent.id);
        output.note(`aside: answered "${intent.id}" (${decision.reason}), then asked again`);
        return this.askAgain(dc, intent.answer);
      }
      if (intent.flow && intent.flow !== state.position.flowId && this.router.clearRequest(decision)) {
        return dc.endDialog({ reroute: { action: this.router.forIntent(intent.id, {}), how: decision.reason } } satisfies FlowResult);
      }
    }
    state.misses += 1;
    output.note(`no answer to ${stepId(state.position)} (${decision.reason}); miss ${state.misses}`);
    if (state.misses >= MAX_MISSES) {
      output.say(['r-fallback']);
      output.menu('main');
      return dc.endDialog({} satisfies FlowResult);
    }
    // Something else entirely ("my bike was stolen"): say what this chat is for, then ask again.
    const aside = decision.intent === OUT_OF_SCOPE && decision.outOfScope && decision.outOfScope !== 'nonsense' ? `r-out-of-scope-${decision.outOfScope}` : undefined;
    return this.askAgain(dc, [aside ?? (text ? 'r-reprompt' : 'r-not-text')]);
  }

  /** Says `first`, then asks the waiting question again. */
  private askAgain(dc: DialogContext, first: string[]): DialogTurnResult {
    const { output } = turnInput(dc.context);
    output.say(first);
    output.add(this.responder.stepPrompt(this.engine.step((dc.activeDialog!.state as FlowState).position)));
    return Dialog.EndOfTurn;
  }

  override repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const state = instance.state as FlowState;
    turnInput(context).output.add(this.responder.stepPrompt(this.engine.step(state.position)));
    return Promise.resolve();
  }

  /** Where the flow waiting for an answer is, if one is. */
  static waitingPosition(dc: DialogContext): FlowPosition | undefined {
    const active = dc.activeDialog;
    return active?.id === FLOW_DIALOG ? (active.state as FlowState).position : undefined;
  }

  /** The question a flow is waiting on ("report/ask-who"), if a flow is running in this dialog context. */
  static waitingStep(dc: DialogContext): string | undefined {
    const active = dc.activeDialog;
    return active?.id === FLOW_DIALOG ? stepId((active.state as FlowState).position) : undefined;
  }

  private async apply(dc: DialogContext, progress: FlowProgress): Promise<DialogTurnResult> {
    const { output } = turnInput(dc.context);
    for (const flow of progress.flows) output.flows.add(flow);
    for (const step of progress.path) output.note(step);
    output.visited.edges.push(...progress.edges);
    output.say(progress.say);
    const { outcome } = progress;
    switch (outcome.kind) {
      case 'ask': {
        const state: FlowState = { position: outcome.position, misses: 0 };
        dc.activeDialog!.state = state;
        output.note(`ask ${stepId(outcome.position)}`);
        output.visited.steps.push(stepId(outcome.position));
        output.add(this.responder.stepPrompt(outcome.step));
        return Dialog.EndOfTurn;
      }
      case 'channel':
        output.note(`outcome: ${[outcome.channel, ...outcome.also].join(' or ')}`);
        output.channel(outcome.channel, outcome.also);
        return dc.endDialog({ channel: outcome.channel } satisfies FlowResult);
      case 'end':
        output.note('flow ended: menu offered');
        output.menu('anything-else');
        return dc.endDialog({} satisfies FlowResult);
    }
  }
}
