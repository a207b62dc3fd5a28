/**
 * Loads knowledge/*.yaml, validates each file with its zod schema, then cross-checks the whole
 * (as `rasa data validate` does). Any problem throws KnowledgeError listing every `file: path: message`;
 * the bot never starts half-valid.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { DANGER_FAMILIES, DANGER_LEXICONS } from '../src/nlu/danger';
import { channelsIn } from './channelIds';
import { projectRoot } from '../src/projectRoot';
import {
  ANSWER_KINDS,
  CHANNEL_IDS,
  ChannelsFile,
  FactsFile,
  FlowsFile,
  IntentsFile,
  LinksFile,
  MenusFile,
  NluFile,
  ResponsesFile,
  SafetyFile,
  SourcesFile,
  TopicsFile,
  OutOfScopeFile,
  DangerTrainingFile,
  AnswersFile,
  type Knowledge,
} from './schema';

/** Response ids that code names directly: they must exist in responses.yaml. */
export const CODE_RESPONSE_IDS = [
  'r-welcome',
  'r-emergency-notice',
  'r-safety-net',
  'r-accessible-intro',
  'r-taken-seriously',
  'r-lgbt-note',
  'r-lgbt-after-999',
  'r-restarted',
  'r-fallback',
  'r-reprompt',
  'q-clarify',
  'r-personal-details',
  'r-not-text',
  'r-error',
  'r-forgotten',
  'r-expired',
  'r-too-long',
  'r-slow-down',
  'page-title',
  'page-intro',
  'page-emergency',
  'page-exit',
  'page-exit-hint',
  'page-chat-label',
  'page-message-box',
  'page-send',
  'page-unavailable',
] as const;
export type CodeResponseId = (typeof CODE_RESPONSE_IDS)[number];

export class KnowledgeError extends Error {
  constructor(readonly problems: string[]) {
    super('knowledge/ is not valid:\n' + problems.join('\n'));
    this.name = 'KnowledgeError';
  }
}

const FILES = {
  sources: ['sources.yaml', SourcesFile],
  channels: ['channels.yaml', ChannelsFile],
  links: ['links.yaml', LinksFile],
  facts: ['facts.yaml', FactsFile],
  responses: ['responses.yaml', ResponsesFile],
  menus: ['menus.yaml', MenusFile],
  flows: ['flows.yaml', FlowsFile],
  intents: ['intents.yaml', IntentsFile],
  safety: ['safety.yaml', SafetyFile],
  nlu: ['nlu.yaml', NluFile],
  topics: ['understanding/topics.yaml', TopicsFile],
  outOfScope: ['understanding/out-of-scope.yaml', OutOfScopeFile],
  dangerTraining: ['understanding/danger-training.yaml', DangerTrainingFile],
  answers: ['understanding/answers.yaml', AnswersFile],
} as const;

type Parsed = { [K in keyof typeof FILES]: z.infer<(typeof FILES)[K][1]> };

export function knowledgeDir(): string {
  return join(projectRoot(), 'knowledge');
}

export function loadKnowledge(dir: string = knowledgeDir()): Knowledge {
  const problems: string[] = [];
  const parsed: Partial<Parsed> = {};
  for (const [key, [file, schema]] of Object.entries(FILES)) {
    let raw: unknown;
    try {
      raw = parse(readFileSync(join(dir, file), 'utf8'));
    } catch (error) {
      problems.push(`${file}: ${(error as Error).message.split('\n')[0]}`);
      continue;
    }
    const result = schema.safeParse(raw);
    if (result.success) (parsed as Record<string, unknown>)[key] = result.data;
    else for (const issue of result.error.issues) problems.push(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  if (problems.length > 0) throw new KnowledgeError(problems);
  const p = parsed as Parsed;
  const { safety, nlu } = { safety: withoutVersion(p.safety), nlu: withoutVersion(p.nlu) };
  const knowledge: Knowledge = {
    sources: p.sources.sources,
    channels: p.channels.channels,
    accessibleRoutes: p.channels.accessibleRoutes,
    links: p.links.links,
    facts: p.facts.facts,
    responses: p.responses.responses,
    menus: p.menus.menus,
    flows: p.flows.flows,
    intents: p.intents.intents,
    safety,
    nlu,
    understanding: { topics: p.topics.topics, outOfScope: p.outOfScope.kinds, danger: withoutVersion(p.dangerTraining), answers: p.answers.answers },
  };
  problems.push(...crossCheck(knowledge));
  if (problems.length > 0) throw new KnowledgeError(problems);
  return knowledge;
}

/** Every reference resolves, every flow ends at a channel, no phrase teaches two intents. */
export function crossCheck(k: Knowledge): string[] {
  const problems: string[] = [];
  const has = (ids: Iterable<string>) => new Set(ids);
  const sourceIds = has(k.sources.map((s) => s.id));
  const factIds = has(k.facts.map((f) => f.id));
  const responseIds = has(Object.keys(k.responses));
  const intentIds = has(k.intents.map((i) => i.id));
  const flowIds = has(Object.keys(k.flows));
  const channelIds = has(k.channels.map((c) => c.id));
  const needResponse = (file: string, path: string, id: string) => {
    if (!responseIds.has(id)) problems.push(`${file}: ${path}: unknown response id "${id}"`);
  };
  const duplicates = (file: string, what: string, ids: string[]) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) problems.push(`${file}: ${what}: "${id}" is defined twice`);
      seen.add(id);
    }
  };

  // sources, facts, channels, links
  duplicates('sources.yaml', 'sources', k.sources.map((s) => s.id));
  duplicates('facts.yaml', 'facts', k.facts.map((f) => f.id));
  duplicates('channels.yaml', 'channels', k.channels.map((c) => c.id));
  duplicates('channels.yaml', 'accessibleRoutes', k.accessibleRoutes.map((r) => r.id));
  duplicates('intents.yaml', 'intents', k.intents.map((i) => i.id));
  for (const id of CHANNEL_IDS) if (!channelIds.has(id)) problems.push(`channels.yaml: channels: channel "${id}" is missing`);
  k.facts.forEach((f, i) => {
    if (!sourceIds.has(f.source)) problems.push(`facts.yaml: facts.${i}.source: unknown source "${f.source}"`);
  });
  k.channels.forEach((c, i) => {
    if (!sourceIds.has(c.source.id)) problems.push(`channels.yaml: channels.${i}.source.id: unknown source "${c.source.id}"`);
    for (const r of c.accessible) {
      const route = k.accessibleRoutes.find((a) => a.id === r);
      if (!route) problems.push(`channels.yaml: channels.${i}.accessible: unknown route "${r}"`);
    }
  });
  k.accessibleRoutes.forEach((r, i) => {
    const source = k.sources.find((s) => s.id === r.source.id);
    if (!source) problems.push(`channels.yaml: accessibleRoutes.${i}.source.id: unknown source "${r.source.id}"`);
    else if (source.read.on !== r.verified) problems.push(`channels.yaml: accessibleRoutes.${i}.verified: ${r.verified}, but source "${source.id}" was read on ${source.read.on}`);
    if (!k.channels.find((c) => c.id === r.forChannel)?.accessible.includes(r.id)) {
      problems.push(`channels.yaml: accessibleRoutes.${i}: channel "${r.forChannel}" does not list "${r.id}"`);
    }
  });
  k.links.forEach((l, i) => {
    if (!sourceIds.has(l.source.id)) problems.push(`links.yaml: links.${i}.source.id: unknown source "${l.source.id}"`);
  });

  // responses: facts exist, placeholders resolve, no number or address written outside channels/links
  const placeholderTargets = new Map<string, Record<string, string | undefined>>();
  // What a number or address can be written as (see Responder): as is, or as a link.
  const fields = ({ phone, url }: { phone?: string; url?: string }) => ({ phone, tel: phone, dial: phone, sms: phone, url, link: url });
  for (const c of k.channels) placeholderTargets.set(c.id, fields(c));
  for (const r of k.accessibleRoutes) placeholderTargets.set(r.id, fields(r));
  for (const l of k.links) placeholderTargets.set(l.id, fields(l));
  // Filled in from the configuration at start-up (Responder's settings).
  placeholderTargets.set('settings', { idle: 'CONVERSATION_IDLE_MINUTES' });
  const unresolved = (text: string) => [...text.matchAll(/\{([a-z0-9-]+)\.([a-z]+)\}/g)].filter(([, target, field]) => !placeholderTargets.get(target!)?.[field!]).map(([m]) => m);
  k.channels.forEach((c, i) => {
    for (const [key, text] of [['how', c.how], ['afterwards', c.afterwards ?? '']] as const) {
      for (const m of unresolved(text)) problems.push(`channels.yaml: channels.${i}.${key}: ${m} does not resolve`);
    }
  });
  k.accessibleRoutes.forEach((r, i) => {
    for (const m of unresolved(r.how)) problems.push(`channels.yaml: accessibleRoutes.${i}.how: ${m} does not resolve`);
  });
  for (const [id, response] of Object.entries(k.responses)) {
    for (const f of response.facts) if (!factIds.has(f)) problems.push(`responses.yaml: responses.${id}.facts: unknown fact "${f}"`);
    for (const [, target, field] of response.text.matchAll(/\{([a-z0-9-]+)\.([a-z]+)\}/g)) {
      if (!placeholderTargets.get(target!)?.[field!]) problems.push(`responses.yaml: responses.${id}.text: {${target}.${field}} does not resolve`);
    }
    const literal = response.text.replace(/\{[^}]+\}/g, '').match(/\d{3,}|https?:|www\.|\.(org|uk|com)\b/);
    if (literal) problems.push(`responses.yaml: responses.${id}.text: "${literal[0]}" looks like a number or address: write it in channels.yaml or links.yaml and use a {placeholder}`);
  }
  for (const id of CODE_RESPONSE_IDS) if (!responseIds.has(id)) problems.push(`responses.yaml: responses: "${id}" is used by the code but missing`);

  // menus
  for (const [menuId, menu] of Object.entries(k.menus)) {
    needResponse('menus.yaml', `menus.${menuId}.ask`, menu.ask);
    menu.items.forEach((item, i) => {
      needResponse('menus.yaml', `menus.${menuId}.items.${i}.label`, item.label);
      const intent = k.intents.find((x) => x.id === item.intent);
      if (!intent) problems.push(`menus.yaml: menus.${menuId}.items.${i}.intent: unknown intent "${item.intent}"`);
      else problems.push(...checkPresets(k, `menus.yaml: menus.${menuId}.items.${i}.presets`, intent.flow, item.presets));
    });
  }

  // flows
  for (const [flowId, flow] of Object.entries(k.flows)) {
    const where = `flows.yaml: flows.${flowId}`;
    const stepIds = flow.steps.map((s) => s.id);
    duplicates('flows.yaml', `flows.${flowId}.steps`, stepIds);
    if (!stepIds.includes(flow.start)) problems.push(`${where}.start: unknown step "${flow.start}"`);
    flow.say.forEach((r, i) => needResponse('flows.yaml', `flows.${flowId}.say.${i}`, r));
    flow.steps.forEach((step, si) => {
      needResponse('flows.yaml', `flows.${flowId}.steps.${si}.ask`, step.ask);
      duplicates('flows.yaml', `flows.${flowId}.steps.${si}.choices`, step.choices.map((c) => c.id));
      step.choices.forEach((choice, ci) => {
        const at = `${where}.steps.${si}.choices.${ci}`;
        needResponse('flows.yaml', `flows.${flowId}.steps.${si}.choices.${ci}.label`, choice.label);
        choice.say.forEach((r) => needResponse('flows.yaml', `${at}.say`, r));
        for (const intent of choice.intents) if (!intentIds.has(intent)) problems.push(`${at}.intents: unknown intent "${intent}"`);
        const next = choice.next;
        const ok =
          next === 'end' ||
          channelsIn(next) !== undefined ||
          stepIds.includes(next) ||
          (next.startsWith('flow:') && flowIds.has(next.slice(5)));
        if (!ok) problems.push(`${at}.next: "${next}" is not a step, channel, flow:<id> or end`);
        if (choice.forLgbt !== undefined && channelsIn(choice.forLgbt) === undefined) problems.push(`${at}.forLgbt: "${choice.forLgbt}" is not a channel or channels`);
      });
    });
    const reachable = reachableSteps(flow.start, flow.steps);
    for (const s of stepIds) if (!reachable.has(s)) problems.push(`${where}.steps: step "${s}" cannot be reached from "${flow.start}"`);
    if (!flowReachesChannel(k, flowId, new Set())) problems.push(`${where}: no path ends at a channel`);
  }

  // the understanding: the word lists and families the code reads, answer meanings, training labels
  for (const name of DANGER_LEXICONS) if (!k.safety.lexicons[name]) problems.push(`safety.yaml: lexicons: "${name}" is missing (the emergency check reads it)`);
  for (const family of DANGER_FAMILIES) if (!k.safety.families[family]) problems.push(`safety.yaml: families: "${family}" has no sentence for staff`);
  for (const [flowId, flow] of Object.entries(k.flows)) {
    flow.steps.forEach((step, si) => {
      const meanings = new Set<string>(ANSWER_KINDS[step.reads]);
      step.choices.forEach((choice, ci) => {
        for (const m of choice.means ?? []) {
          if (!meanings.has(m)) problems.push(`flows.yaml: flows.${flowId}.steps.${si}.choices.${ci}.means: "${m}" is not something the "${step.reads}" reader says (${[...meanings].join(', ')})`);
        }
      });
    });
  }
  for (const intent of Object.keys(k.understanding.topics)) if (!intentIds.has(intent)) problems.push(`understanding/topics.yaml: topics: unknown intent "${intent}"`);
  for (const intent of k.nlu.pleasantries) if (!intentIds.has(intent)) problems.push(`nlu.yaml: pleasantries: unknown intent "${intent}"`);

  // intents
  const phraseOwner = new Map<string, string>();
  k.intents.forEach((intent, i) => {
    const at = `intents.yaml: intents.${i}`;
    if (intent.label) needResponse('intents.yaml', `intents.${i}.label`, intent.label);
    intent.answer?.forEach((r) => needResponse('intents.yaml', `intents.${i}.answer`, r));
    if (intent.flow && !flowIds.has(intent.flow)) problems.push(`${at}.flow: unknown flow "${intent.flow}"`);
    problems.push(...checkPresets(k, `${at}.presets`, intent.flow, intent.presets));
    for (const u of intent.utterances) {
      const key = u.toLowerCase().replace(/\s+/g, ' ').trim();
      const owner = phraseOwner.get(key);
      if (owner && owner !== intent.id) problems.push(`${at}.utterances: "${u}" is also under "${owner}"`);
      phraseOwner.set(key, intent.id);
    }
  });
  return problems;
}

function withoutVersion<T extends { version: number }>(file: T): Omit<T, 'version'> {
  const copy: Partial<T> = { ...file };
  delete copy.version;
  return copy as Omit<T, 'version'>;
}

function checkPresets(k: Knowledge, at: string, flowId: string | undefined, presets: Record<string, string>): string[] {
  const entries = Object.entries(presets);
  if (entries.length === 0) return [];
  const flow = flowId ? k.flows[flowId] : undefined;
  if (!flow) return [`${at}: presets need a flow`];
  const problems: string[] = [];
  for (const [stepId, choiceId] of entries) {
    const step = flow.steps.find((s) => s.id === stepId);
    if (!step) problems.push(`${at}.${stepId}: no such step in flow "${flowId}"`);
    else if (!step.choices.some((c) => c.id === choiceId)) problems.push(`${at}.${stepId}: no choice "${choiceId}"`);
  }
  return problems;
}

function reachableSteps(start: string, steps: { id: string; choices: { next: string }[] }[]): Set<string> {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    const step = steps.find((s) => s.id === id);
    if (!step) continue;
    seen.add(id);
    for (const c of step.choices) queue.push(c.next);
  }
  return seen;
}

function flowReachesChannel(k: Knowledge, flowId: string, visiting: Set<string>): boolean {
  const flow = k.flows[flowId];
  if (!flow || visiting.has(flowId)) return false;
  visiting.add(flowId);
  return flow.steps.some((s) =>
    s.choices.some((c) => channelsIn(c.next) !== undefined || (c.next.startsWith('flow:') && flowReachesChannel(k, c.next.slice(5), visiting))),
  );
}
