/**
 * Runs the flows in knowledge/flows.yaml: where a flow starts, which choice an answer picks, and where
 * that choice leads. Pure logic on plain data; the FlowDialog keeps the position between turns.
 */
import { channelsIn } from '../../knowledge/channelIds';
import type { ChannelId, FlowChoice, FlowStep, Knowledge } from '../../knowledge/schema';
import type { Decision, Recognizer } from '../nlu/recognizer';
import type { Slots } from '../nlu/slots';
import type { Responder } from './responder';
import { LGBT_FLOW } from './turnOutput';

export interface FlowPosition {
  flowId: string;
  stepId: string;
  /** Answers already known (from the first message or a menu button), by step id. */
  presets: Record<string, string>;
}

export type FlowOutcome =
  | { kind: 'ask'; position: FlowPosition; step: FlowStep }
  /** `also`: further channels given beside it, when the person's answer fits more than one. */
  | { kind: 'channel'; channel: ChannelId; also: ChannelId[] }
  | { kind: 'end' };

export interface FlowProgress {
  /** Response ids to say before the outcome. */
  say: string[];
  outcome: FlowOutcome;
  /** The steps passed, for explanations: "report/ask-who = witness (preset)". */
  path: string[];
  /** Flows passed through. */
  flows: string[];
  /** The choices taken, as "flow/step=choice". */
  edges: string[];
}

export interface AnswerMatch {
  choice: FlowChoice;
  /** How it was matched, for explanations. */
  how: string;
}

type Trail = Omit<FlowProgress, 'outcome'>;

const YES_NO = new Set(['yes', 'no', 'not-sure']);
/** Kept with a flow's answers when the person has said they are LGBT+ (no step has this id). */
export const LGBT_SAID = '#lgbt';

/** A flow step's id as coverage counts it: "report/ask-who". */
export function stepId(position: { flowId: string; stepId: string }): string {
  return `${position.flowId}/${position.stepId}`;
}

/** A choice taken, as coverage counts it: "report/ask-who=witness". */
export function edgeId(position: { flowId: string; stepId: string }, choice: { id: string }): string {
  return `${stepId(position)}=${choice.id}`;
}

const MAX_HOPS = 50;

/** What a message already said, as answers to a flow's questions: each step whose reader the slot fits. */
export function presetsFromSlots(k: Knowledge, flowId: string, slots: Slots): Record<string, string> {
  const presets: Record<string, string> = {};
  // The flows this one may carry on into ("flow:report"), too: what the first message said still holds there.
  for (const id of reachableFlows(k, flowId)) {
    for (const step of k.flows[id]?.steps ?? []) {
      const value = slotValue(step.reads, slots);
      const choice = value && step.choices.find((c) => (c.means ?? [c.id]).includes(value));
      if (choice && presets[step.id] === undefined) presets[step.id] = choice.id;
    }
  }
  return presets;
}

/** A flow and those it may carry on into ("flow:report"), worked out once per knowledge, not on every message. */
const reachable = new WeakMap<Knowledge, Map<string, string[]>>();
function reachableFlows(k: Knowledge, flowId: string): string[] {
  let byFlow = reachable.get(k);
  if (!byFlow) reachable.set(k, (byFlow = new Map<string, string[]>()));
  const known = byFlow.get(flowId);
  if (known) return known;
  const flows = [flowId];
  for (let i = 0; i < flows.length; i++) {
    for (const step of k.flows[flows[i]!]?.steps ?? []) {
      for (const c of step.choices) if (c.next.startsWith('flow:') && !flows.includes(c.next.slice(5))) flows.push(c.next.slice(5));
    }
  }
  byFlow.set(flowId, flows);
  return flows;
}

function slotValue(reads: FlowStep['reads'], slots: Slots): string | undefined {
  switch (reads) {
    case 'danger':
      return slots.over ? 'no' : undefined;
    case 'who':
      return slots.who;
    case 'police':
      return slots.police ?? slots.prefers;
    case 'phone-online':
      return slots.prefers;
    default:
      return undefined;
  }
}

export class FlowEngine {
  /** Each choice's label, normalised, so typed "yes." or "YES" matches the "Yes" button. */
  private readonly labelKeys = new Map<FlowChoice, string>();

  constructor(
    private readonly k: Knowledge,
    private readonly recognizer: Recognizer,
    responder: Responder,
  ) {
    for (const flow of Object.values(k.flows)) {
      for (const step of flow.steps) for (const c of step.choices) this.labelKeys.set(c, this.recognizer.key(responder.text(c.label)));
    }
  }

  /** What a message already said, as answers to this flow's questions. */
  presetsFromSlots(flowId: string, slots: Slots): Record<string, string> {
    return presetsFromSlots(this.k, flowId, slots);
  }

  enter(flowId: string, presets: Record<string, string>): FlowProgress {
    const flow = this.flow(flowId);
    return this.walk({ flowId, stepId: flow.start, presets }, { say: [...flow.say], path: [], flows: [flowId], edges: [] });
  }

  step(position: FlowPosition): FlowStep {
    const step = this.flow(position.flowId).steps.find((s) => s.id === position.stepId);
    if (!step) throw new Error(`no step "${position.stepId}" in flow "${position.flowId}"`);
    return step;
  }

  choose(position: FlowPosition, choice: FlowChoice): FlowProgress {
    const trail: Trail = { say: [...choice.say], path: [`${position.flowId}/${position.stepId} = ${choice.id}`], flows: [position.flowId], edges: [edgeId(position, choice)] };
    // Kept with the answers already known: a flow carried on into asks no question of the same id again.
    const answered = { ...position, presets: { ...position.presets, [position.stepId]: choice.id } };
    return this.follow(answered, choice, trail);
  }

  /**
   * Which choice an answer picks: its button label or number, a request the choice lists as also
   * answering it, or what the step's answer reader says the typed answer means. Undefined when the
   * reader is not sure: the question is asked again rather than guessed.
   */
  matchAnswer(position: FlowPosition, text: string, decision: Decision): AnswerMatch | undefined {
    const step = this.step(position);
    const key = this.recognizer.key(text);
    const byLabel = step.choices.find((c) => this.labelKeys.get(c) === key || c.id === key);
    if (byLabel) return { choice: byLabel, how: 'button label' };
    const number = /^\d$/.test(key) ? step.choices[Number(key) - 1] : undefined;
    if (number) return { choice: number, how: `option number ${key}` };
    const reading = this.recognizer.readAnswer(decision, step.reads);
    const byMeaning = reading && step.choices.find((c) => (c.means ?? [c.id]).includes(reading.value));
    // The LGBT+ liaison officer, offered in the middle of a flow, is for someone who says they are LGBT+ ("someone
    // who understands Muslim families" is not asking for one).
    const lgbt = decision.lgbtMention || position.presets[LGBT_SAID] === 'yes';
    const byIntent = step.choices.find((c) => c.intents.includes(decision.intent) && (c.next !== LGBT_FLOW || lgbt));
    // ...and someone who has said so, asking for someone who understands ("yes, if they're trained on trans stuff"), wants one.
    // ("maybe, if it's someone who understands trans stuff" is unsure: the not-sure choice offers the officer beside True Vision.)
    const unsure = reading?.value === 'not-sure' || reading?.value === 'no';
    // (only where a choice is the request for the officer: never at the danger question, whose "no" also leads there.)
    const forLgbt = lgbt && decision.slots.specialist === true && !unsure && step.reads !== 'danger' ? step.choices.find((c) => c.intents.includes(LGBT_FLOW)) : undefined;
    if (forLgbt) return { choice: forLgbt, how: 'LGBT+, and asks for someone who understands' };
    // "No, I don't want to take it further": a yes, no or not sure said in so many words beats a topic read as
    // another of them; not a choice of its own kind ("not sure, I'd like someone LGBT" is for the liaison officer).
    // ("Not comfortable no, the officer last time misgendered me": a settled no to the police is no request for an officer.)
    if (reading?.settled && byMeaning && (!byIntent || YES_NO.has(byIntent.id) || (reading.value === 'no' && byIntent.next === LGBT_FLOW))) return { choice: byMeaning, how: reading.how };
    // A question of its own, read with confidence ("is this chat private"), is no answer: the reader's guess at
    // one would take it for yes or no. The flow answers it and asks again.
    if (!byIntent && this.asksAside(decision)) return undefined;
    if (byIntent && decision.confidence >= this.recognizer.settings.stepThreshold) {
      return { choice: byIntent, how: `intent "${decision.intent}" ${decision.confidence.toFixed(2)}` };
    }
    if (reading && byMeaning) return { choice: byMeaning, how: reading.how };
    return undefined;
  }

  /** The message asks something the bot answers on the side (privacy, what a hate crime is), and clearly so. */
  private asksAside(decision: Decision): boolean {
    // A greeting or thanks comes with answers ("no thanks"): not a question of its own.
    if (this.k.nlu.pleasantries.includes(decision.intent)) return false;
    const intent = this.k.intents.find((i) => i.id === decision.intent);
    return (intent?.answer?.length ?? 0) > 0 && (decision.exact === true || decision.confidence >= this.recognizer.settings.asideThreshold);
  }

  private follow(position: FlowPosition, choice: FlowChoice, trail: Trail): FlowProgress {
    // Someone who has said they are LGBT+ is offered the liaison officer where the flow says so.
    const next = choice.forLgbt !== undefined && position.presets[LGBT_SAID] === 'yes' ? choice.forLgbt : choice.next;
    if (next === 'end') return { ...trail, outcome: { kind: 'end' } };
    const channels = channelsIn(next);
    if (channels) return { ...trail, outcome: { kind: 'channel', channel: channels[0]!, also: channels.slice(1) } };
    if (next.startsWith('flow:')) {
      const flowId = next.slice(5);
      const flow = this.flow(flowId);
      const entered = { ...trail, say: [...trail.say, ...flow.say], flows: [...trail.flows, flowId] };
      return this.walk({ flowId, stepId: flow.start, presets: position.presets }, entered);
    }
    return this.walk({ ...position, stepId: next }, trail);
  }

  /** Moves through steps whose answer is already known, until one must be asked. */
  private walk(position: FlowPosition, trail: Trail): FlowProgress {
    if (trail.path.length > MAX_HOPS) throw new Error(`flow "${position.flowId}" loops`);
    const step = this.step(position);
    const preset = position.presets[step.id];
    const choice = preset === undefined ? undefined : step.choices.find((c) => c.id === preset);
    if (!choice) return { ...trail, outcome: { kind: 'ask', position, step } };
    return this.follow(position, choice, {
      say: [...trail.say, ...choice.say],
      path: [...trail.path, `${position.flowId}/${step.id} = ${choice.id} (known)`],
      flows: trail.flows,
      edges: [...trail.edges, edgeId(position, choice)],
    });
  }

  private flow(flowId: string) {
    const flow = this.k.flows[flowId];
    if (!flow) throw new Error(`unknown flow "${flowId}"`);
    return flow;
  }

}
