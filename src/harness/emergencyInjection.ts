/**
 * Emergency injection, generated from knowledge/flows.yaml: for every step of every flow (and before
 * any question), find the button presses (or a flow's typed `example`) that reach it, then send an emergency message there. Each must
 * get the 999 answer on that very turn. A new step or flow is checked without anyone writing a test.
 */
import type { Knowledge } from '../../knowledge/schema';
import type { Explanation, SignpostBot } from '../bot';
import { stepId } from '../core/flowEngine';
import type { Responder } from '../core/responder';
import { ConversationDriver } from './conversationDriver';

export interface InjectionPoint {
  /** "report/ask-who", or "start" before any question. */
  at: string;
  /** What the person types (button labels) to reach it. */
  path: string[];
}

export interface InjectionResult {
  point: InjectionPoint;
  message: string;
  /** Empty when 999 came at once. */
  problem?: string;
  explanation?: Explanation;
}

/** The shortest run of button presses from a fresh chat to each flow step. */
export function injectionPoints(k: Knowledge, responder: Responder): InjectionPoint[] {
  const paths = new Map<string, string[]>();
  const queue: { flowId: string; stepId: string; path: string[] }[] = [];
  // A flow is entered from the main menu, or by a labelled intent with no answers preset.
  const entries = [
    ...k.menus.main.items.filter((i) => Object.keys(i.presets).length === 0).map((i) => ({ intent: i.intent, label: i.label })),
    ...k.intents.filter((i) => i.label && Object.keys(i.presets).length === 0).map((i) => ({ intent: i.id, label: i.label! })),
  ];
  for (const entry of entries) {
    const flowId = k.intents.find((i) => i.id === entry.intent)?.flow;
    if (flowId) queue.push({ flowId, stepId: k.flows[flowId]!.start, path: [responder.text(entry.label)] });
  }
  // A flow no button starts is entered by typing its example.
  for (const [flowId, flow] of Object.entries(k.flows)) if (flow.example) queue.push({ flowId, stepId: flow.start, path: [flow.example] });
  while (queue.length > 0) {
    const node = queue.shift()!;
    const id = stepId(node);
    if (paths.has(id)) continue;
    paths.set(id, node.path);
    const flow = k.flows[node.flowId]!;
    for (const choice of flow.steps.find((s) => s.id === node.stepId)!.choices) {
      const path = [...node.path, responder.text(choice.label)];
      if (choice.next.startsWith('flow:')) {
        const next = choice.next.slice(5);
        queue.push({ flowId: next, stepId: k.flows[next]!.start, path });
      } else if (flow.steps.some((s) => s.id === choice.next)) {
        queue.push({ flowId: node.flowId, stepId: choice.next, path });
      }
    }
  }
  const all = Object.entries(k.flows).flatMap(([flowId, flow]) => flow.steps.map((s) => stepId({ flowId, stepId: s.id })));
  const unreachable = all.filter((id) => !paths.has(id));
  if (unreachable.length > 0) throw new Error(`no button path reaches ${unreachable.join(', ')}`);
  return [{ at: 'start', path: [] }, ...all.map((at) => ({ at, path: paths.get(at)! }))];
}

/** The emergency number, from knowledge/channels.yaml. */
export function emergencyNumber(k: Knowledge): string {
  const phone = k.channels.find((c) => c.id === 'call-999')?.phone;
  if (!phone) throw new Error('channels.yaml: call-999 has no phone number');
  return phone;
}

/** Walks to the point with a new conversation, checks it got there, and sends the emergency message. */
export async function injectEmergency(bot: SignpostBot, emergencyNumber: string, point: InjectionPoint, message: string): Promise<InjectionResult> {
  const driver = new ConversationDriver(bot);
  let last: Explanation | undefined;
  for (const text of point.path) last = (await driver.say(text)).explanation;
  if (point.at !== 'start' && !last?.visited.steps.includes(point.at)) {
    return { point, message, problem: `the path ${JSON.stringify(point.path)} did not reach ${point.at}` };
  }
  const turn = await driver.say(message);
  const e = turn.explanation;
  const problems = [
    !e?.emergency && 'no emergency answer',
    e?.outcome !== 'call-999' && `ended at ${e?.outcome ?? 'no channel'}, not call-999`,
    !turn.texts.join(' ').includes(emergencyNumber) && 'the reply does not show the emergency number',
  ].filter((p): p is string => typeof p === 'string');
  return { point, message, explanation: e, ...(problems.length > 0 ? { problem: problems.join('; ') } : {}) };
}
