/**
 * Decides what a message asks for: an interruption (emergency, start again, help) on any turn, or, when
 * no question is waiting, which flow or answer to give. Also says which channels a message points to.
 */
import type { ChannelId, Intent, Knowledge, MenuId, MenuItem, OutOfScopeKind } from '../../knowledge/schema';
import { NO_INTENT, OUT_OF_SCOPE, type Decision, type Recognizer } from '../nlu/recognizer';
import { LGBT_SAID, presetsFromSlots, type FlowPosition } from './flowEngine';
import type { Responder } from './responder';

export type Action =
  | { kind: 'emergency' }
  | { kind: 'restart' }
  | { kind: 'help' }
  | { kind: 'forget' }
  | { kind: 'flow'; intent: string; flowId: string; presets: Record<string, string> }
  | { kind: 'answer'; intent: string; responseIds: string[]; menu: MenuId }
  | { kind: 'clarify'; intents: [string, string] }
  | { kind: 'out-of-scope'; outOfScope: OutOfScopeKind }
  | { kind: 'fallback' };

/** The flow a message goes to when it may be an emergency: its first question is the danger question. */
const DANGER_FIRST_FLOW = 'report';
/** The flow that asks whether a report is about who someone is, before the report flow (knowledge/flows.yaml). */
export const HATE_CHECK_FLOW = 'hate-check';

export interface Routed {
  action: Action;
  /** Why, for explanations. */
  how: string;
}

export class Router {
  private readonly intents = new Map<string, Intent>();
  /** Menu buttons by their normalised label: pressing one is unambiguous. */
  private readonly menuButtons = new Map<string, MenuItem>();

  constructor(
    private readonly k: Knowledge,
    private readonly recognizer: Recognizer,
    responder: Responder,
  ) {
    for (const intent of k.intents) this.intents.set(intent.id, intent);
    for (const menu of Object.values(k.menus)) {
      for (const item of menu.items) this.menuButtons.set(this.recognizer.key(responder.text(item.label)), item);
    }
    for (const intent of k.intents) {
      if (intent.label) {
        const key = this.recognizer.key(responder.text(intent.label));
        if (!this.menuButtons.has(key)) this.menuButtons.set(key, { label: intent.label, intent: intent.id, presets: {} });
      }
    }
  }

  /**
   * Checked on every turn, first turn included, in this order: emergency, start again, help. `position`: the
   * question waiting, if any. Someone who has just told the bot nobody is in danger, and now says something that
   * only hints at it ("they won't leave me alone"), is not sent to 999 at once: their answer is read, or failing
   * that they are asked the danger question again (dangerFirst). Danger said plainly is 999 at once, always.
   */
  interruption(text: string, decision: Decision, position?: FlowPosition): Routed | undefined {
    if (decision.emergency && (decision.danger.plain || !position || !this.saidNoDanger(position))) return { action: { kind: 'emergency' }, how: decision.danger.reason };
    const button = this.menuButtons.get(this.recognizer.key(text));
    const intentId = button?.intent ?? decision.intent;
    // Typed, it must clearly ask: "not sure, bit embarrassed" is an answer, not a call for help.
    if (!button && !this.clearRequest(decision)) return undefined;
    const intent = this.intents.get(intentId);
    if (intent?.interrupt === 'restart') return { action: { kind: 'restart' }, how: button ? 'button' : decision.reason };
    if (intent?.interrupt === 'help') return { action: { kind: 'help' }, how: button ? 'button' : decision.reason };
    if (intent?.interrupt === 'forget') return { action: { kind: 'forget' }, how: button ? 'button' : decision.reason };
    return undefined;
  }

  /**
   * In the middle of a flow, a message that is no answer but may mean danger now: go to the danger question
   * (the report flow's first step), keeping what is already known. Not at a danger question itself.
   */
  dangerFirst(decision: Decision, position: { flowId: string; presets: Record<string, string> }, reads: string): Routed | undefined {
    // A NOW reaching here was not said plainly, after the person said nobody was in danger: asked again, like a MAYBE.
    if (decision.danger.level === 'no' || reads === 'danger') return undefined;
    const flow = this.k.flows[DANGER_FIRST_FLOW];
    const dangerStep = flow?.steps.find((s) => s.reads === 'danger')?.id;
    const kept = position.flowId === DANGER_FIRST_FLOW ? Object.fromEntries(Object.entries(position.presets).filter(([step]) => step !== dangerStep)) : {};
    return { action: { kind: 'flow', intent: 'report', flowId: DANGER_FIRST_FLOW, presets: kept }, how: decision.danger.reason };
  }

  /** The flow waiting has been told, by an answer or by what a message said, that nobody is in danger now. */
  saidNoDanger(position: FlowPosition): boolean {
    const steps = this.k.flows[position.flowId]?.steps ?? [];
    return steps.some((s) => s.reads === 'danger' && position.presets[s.id] === 'no');
  }

  /** A short yes, no or not-sure ("yep", "nah") that answers no question. Read only for out-of-scope messages. */
  private bareAnswer(decision: Decision): boolean {
    return decision.annotated.tokens.length <= 3 && this.recognizer.readAnswer(decision, 'yes-no') !== undefined;
  }

  /** A menu button pressed (also an old one, pressed in the middle of a flow). */
  menuButton(text: string): Routed | undefined {
    const item = this.menuButtons.get(this.recognizer.key(text));
    return item ? { action: this.forIntent(item.intent, item.presets), how: `button for "${item.intent}"` } : undefined;
  }

  /** What to do with a message when no question is waiting. */
  topLevel(text: string, decision: Decision): Routed {
    const routed = this.route(text, decision);
    // That the person said they are LGBT+ goes with them into the flow (the liaison officer is offered for it later).
    if (routed.action.kind === 'flow' && decision.lgbtMention) routed.action.presets = { ...routed.action.presets, [LGBT_SAID]: 'yes' };
    return routed;
  }

  private route(text: string, decision: Decision): Routed {
    const button = this.menuButton(text);
    if (button) return button;
    const intent = this.intents.get(decision.intent);
    // Maybe in danger: the danger question before anything else (the flow's first step asks it).
    if (decision.danger.level === 'maybe') {
      const flowId = intent?.flow && this.k.flows[intent.flow]?.steps[0]?.reads === 'danger' ? intent.flow : DANGER_FIRST_FLOW;
      const presets = { ...(intent?.flow === flowId ? intent.presets : {}), ...presetsFromSlots(this.k, flowId, decision.slots) };
      const action: Action = { kind: 'flow', intent: intent?.flow === flowId ? intent.id : 'report', flowId, presets };
      // Maybe danger in what may be another crime ("my boiler's banging, who do I call"): the danger question, then whether it was hate.
      const checked = this.hateCheck(action, decision);
      return checked ?? { action, how: decision.danger.reason };
    }
    // "yes" or "no" with no question waiting is not "out of scope": the menu shows what can be asked.
    if (decision.intent === OUT_OF_SCOPE && decision.outOfScope && !this.bareAnswer(decision)) {
      return { action: { kind: 'out-of-scope', outOfScope: decision.outOfScope }, how: decision.reason };
    }
    if (decision.intent === NO_INTENT) return { action: { kind: 'fallback' }, how: decision.reason };
    if (decision.clarify) {
      // Two readings that start the same flow need no question: the flow asks what they disagree on.
      const [a, b] = decision.clarify.map((id) => this.intents.get(id));
      if (a?.flow && a.flow === b?.flow) {
        const shared = {
          ...Object.fromEntries(Object.entries(a.presets).filter(([step, choice]) => b.presets[step] === choice)),
          ...presetsFromSlots(this.k, a.flow, decision.slots),
        };
        return { action: { kind: 'flow', intent: a.id, flowId: a.flow, presets: shared }, how: `${decision.reason}; both start flow "${a.flow}"` };
      }
    }
    // A clarifying question offers both intents as buttons, so both need a label.
    if (decision.clarify && decision.clarify.every((id) => this.intents.get(id)?.label)) {
      return { action: { kind: 'clarify', intents: decision.clarify }, how: decision.reason };
    }
    const slotPresets = intent?.flow ? presetsFromSlots(this.k, intent.flow, decision.slots) : {};
    const action = this.forIntent(decision.intent, slotPresets);
    if (action.kind === 'flow') action.presets = this.saidWay(action.flowId, action.presets, slotPresets);
    return this.hateCheck(action, decision) ?? { action, how: decision.reason };
  }

  /**
   * How someone wants to report is taken from a typed message only when it says so ("can I report online",
   * "I don't want the police involved"), not from its topic: "racist messages on snapchat" is abuse online,
   * not a wish to report online. Otherwise the police question is asked.
   */
  private saidWay(flowId: string, presets: Record<string, string>, said: Record<string, string>): Record<string, string> {
    const steps = this.k.flows[flowId]?.steps ?? [];
    const kept = { ...presets };
    for (const step of steps) if (step.reads === 'police' && kept[step.id] !== undefined && said[step.id] === undefined) delete kept[step.id];
    return kept;
  }

  /**
   * A report with nothing tying it to hate that may well be about something else ("we were burgled last
   * week", "who do I complain to about an officer"): first ask whether it was because of who someone is.
   * "Yes" carries on into the report flow with everything already known.
   */
  private hateCheck(action: Action, decision: Decision): Routed | undefined {
    // A phrase staff wrote for reporting hate ("report", "I want to report a hate crime") is not asked.
    if (action.kind !== 'flow' || action.flowId !== DANGER_FIRST_FLOW || decision.aboutHate || decision.exact || !this.k.flows[HATE_CHECK_FLOW]) return undefined;
    const elsewhere = decision.ranking.find((r) => r.intent === OUT_OF_SCOPE)?.confidence ?? 0;
    if (elsewhere < this.recognizer.settings.hateCheck) return undefined;
    return {
      action: { ...action, flowId: HATE_CHECK_FLOW },
      how: `${decision.reason}; nothing in it says who was targeted, and ${elsewhere.toFixed(2)} of it reads as something else: asked first`,
    };
  }

  forIntent(intentId: string, presets: Record<string, string>): Action {
    const intent = this.intents.get(intentId);
    if (!intent) return { kind: 'fallback' };
    if (intent.interrupt) return { kind: intent.interrupt };
    if (intent.flow) return { kind: 'flow', intent: intent.id, flowId: intent.flow, presets: { ...intent.presets, ...presets } };
    if (intent.answer) return { kind: 'answer', intent: intent.id, responseIds: intent.answer, menu: intent.menu };
    // An answer to a question ("yes", "no") with no question waiting.
    return { kind: 'fallback' };
  }

  /** Clear enough, in the middle of a flow, to leave it for another flow (nlu.yaml rerouteThreshold). */
  clearRequest(decision: Decision): boolean {
    return decision.confidence >= this.recognizer.settings.rerouteThreshold;
  }

  intent(intentId: string): Intent | undefined {
    return this.intents.get(intentId);
  }

  /** The channels a message points to, best first. */
  channelsFor(decision: Decision, emergency = decision.emergency): ChannelId[] {
    const channels: ChannelId[] = emergency ? ['call-999'] : [];
    if (!emergency) {
      const intents = decision.intent === NO_INTENT || decision.intent === OUT_OF_SCOPE ? [] : decision.clarify ?? [decision.intent];
      for (const id of intents) channels.push(...(this.intents.get(id)?.channels ?? []));
    }
    const pointsToReport = channels.length > 0;
    if (decision.lgbtMention && pointsToReport) channels.push('lgbt-liaison');
    return [...new Set(channels)];
  }

}
