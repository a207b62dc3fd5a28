/**
 * Which parts of the conversation design the scenario suite has touched: every intent, flow step,
 * choice (edge), channel outcome, response and interruption at each step, covered or not, and by which
 * scenarios. Built from the bot's own explanation of each turn, so it counts what really happened.
 */
import { basename } from 'node:path';
import { z } from 'zod';
import { CHANNEL_IDS, type Knowledge } from '../../knowledge/schema';
import { edgeId, stepId } from '../core/flowEngine';
import type { ScenarioResult } from './scenarios';
import { escapeHtml } from '../html';
import { loadYamlFile } from './yamlFile';

export const SECTIONS = ['intents', 'steps', 'edges', 'channels', 'responses', 'interrupts'] as const;
export type SectionName = (typeof SECTIONS)[number];

export const SECTION_TITLES: Record<SectionName, string> = {
  intents: 'Intents (what people mean)',
  steps: 'Flow steps (questions asked)',
  edges: 'Choices taken (answer -> next)',
  channels: 'Channel outcomes',
  responses: 'Responses said',
  interrupts: 'Interruptions at each step',
};

export interface CoverageItem {
  id: string;
  /** The scenario files that touched it. */
  by: string[];
}

export interface CoverageSection {
  name: SectionName;
  items: CoverageItem[];
  covered: number;
  total: number;
  percent: number;
}

/** Where an interruption can happen: before any question ("start") or at any flow step. */
export const INTERRUPT_KINDS = ['emergency', 'restart', 'help'] as const;

export function coverageUniverse(k: Knowledge): Record<SectionName, string[]> {
  const flows = Object.entries(k.flows);
  const steps = flows.flatMap(([flowId, flow]) => flow.steps.map((s) => stepId({ flowId, stepId: s.id })));
  return {
    intents: k.intents.map((i) => i.id),
    steps,
    edges: flows.flatMap(([flowId, flow]) => flow.steps.flatMap((s) => s.choices.map((c) => edgeId({ flowId, stepId: s.id }, c)))),
    channels: [...CHANNEL_IDS],
    // Button labels are counted by the choices that show them, so they are left out here.
    responses: Object.keys(k.responses).filter((id) => !id.startsWith('btn-')),
    interrupts: INTERRUPT_KINDS.flatMap((kind) => ['start', ...steps].map((at) => `${kind}@${at}`)),
  };
}

/** Ids no conversation can reach (see tests/flow-coverage.yaml), left out of the count. */
export type CoverageIgnore = Partial<Record<SectionName, string[]>>;

export function flowCoverage(k: Knowledge, results: ScenarioResult[], ignore: CoverageIgnore = {}): CoverageSection[] {
  const seen = new Map<string, Set<string>>();
  const mark = (section: SectionName, id: string, file: string) => {
    const key = `${section}\t${id}`;
    const files = seen.get(key) ?? new Set<string>();
    files.add(basename(file));
    seen.set(key, files);
  };
  for (const result of results) {
    for (const { bot } of result.turns) {
      const e = bot.explanation;
      if (!e) continue;
      if (e.intent !== 'none') mark('intents', e.intent, result.file);
      for (const id of e.visited.intents) mark('intents', id, result.file);
      for (const id of e.visited.steps) mark('steps', id, result.file);
      for (const id of e.visited.edges) mark('edges', id, result.file);
      for (const id of e.visited.interrupts) mark('interrupts', id, result.file);
      if (e.outcome) mark('channels', e.outcome, result.file);
      for (const id of e.responses) mark('responses', id, result.file);
    }
  }
  const universe = coverageUniverse(k);
  return SECTIONS.map((name) => {
    const ignored = new Set(ignore[name] ?? []);
    const items = universe[name].filter((id) => !ignored.has(id)).map((id) => ({ id, by: [...(seen.get(`${name}\t${id}`) ?? [])].sort() }));
    const covered = items.filter((i) => i.by.length > 0).length;
    return { name, items, covered, total: items.length, percent: items.length ? (100 * covered) / items.length : 100 };
  });
}

/** tests/flow-coverage.yaml: the minimum share (percent) of each section, and ids left out of the count. */
export const CoverageConfigSchema = z.strictObject({
  version: z.literal(1),
  minimum: z.strictObject(Object.fromEntries(SECTIONS.map((s) => [s, z.number().min(0).max(100)])) as Record<SectionName, z.ZodNumber>),
  ignore: z.partialRecord(z.enum(SECTIONS), z.array(z.string())).default({}),
});
export type CoverageConfig = z.infer<typeof CoverageConfigSchema>;

export function loadCoverageConfig(path: string): CoverageConfig {
  return loadYamlFile(path, CoverageConfigSchema);
}

/** The sections below their minimum, as sentences; empty when all are met. */
export function belowMinimum(sections: CoverageSection[], minimum: Record<SectionName, number>): string[] {
  return sections
    .filter((s) => s.percent + 1e-9 < minimum[s.name])
    .map((s) => `${s.name}: ${s.percent.toFixed(1)}% covered, minimum ${minimum[s.name]}%`);
}

export function formatCoverageTable(sections: CoverageSection[], minimum?: Record<SectionName, number>): string {
  const lines = [`${'what'.padEnd(34)} ${'covered'.padStart(9)} ${'share'.padStart(7)} ${'minimum'.padStart(8)}`];
  for (const s of sections) {
    const min = minimum ? `${minimum[s.name]}%` : '';
    lines.push(`${SECTION_TITLES[s.name].padEnd(34)} ${`${s.covered}/${s.total}`.padStart(9)} ${`${s.percent.toFixed(1)}%`.padStart(7)} ${min.padStart(8)}`);
  }
  const gaps = sections.filter((s) => s.covered < s.total);
  if (gaps.length > 0) lines.push('', 'Not covered by any scenario:');
  for (const s of gaps) lines.push(`  ${s.name}: ${s.items.filter((i) => i.by.length === 0).map((i) => i.id).join(', ')}`);
  return lines.join('\n');
}

export function coverageHtml(sections: CoverageSection[], minimum: Record<SectionName, number> | undefined, scenarios: number): string {
  const summary = sections
    .map((s) => `<tr><th scope="row"><a href="#${s.name}">${escapeHtml(SECTION_TITLES[s.name])}</a></th><td>${s.covered}/${s.total}</td>` +
      `<td>${bar(s.percent)}</td><td>${minimum ? `${minimum[s.name]}%` : ''}</td></tr>`)
    .join('\n');
  const details = sections
    .map((s) => `<h2 id="${s.name}">${escapeHtml(SECTION_TITLES[s.name])}: ${s.covered} of ${s.total}</h2>
<table><thead><tr><th scope="col">id</th><th scope="col">covered</th><th scope="col">by scenarios</th></tr></thead><tbody>
${s.items.map((i) => `<tr class="${i.by.length > 0 ? 'yes' : 'no'}"><td><code>${escapeHtml(i.id)}</code></td><td>${i.by.length > 0 ? 'yes' : '<strong>NO</strong>'}</td><td>${i.by.map(escapeHtml).join(', ')}</td></tr>`).join('\n')}
</tbody></table>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Flow coverage</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem;color:#1b1b1b}
table{border-collapse:collapse;margin:1rem 0;width:100%}th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}
tr.no{background:#fde8e8}tr.yes td:nth-child(2){color:#0b6b2b}.bar{display:inline-block;height:.8rem;background:#0b6b2b;margin-right:.4rem}
</style></head><body>
<h1>Flow coverage of the conversation scenarios</h1>
<p>${scenarios} scenarios run through the real bot. A row in red is not touched by any scenario: write one that reaches it.</p>
<table><thead><tr><th scope="col">what</th><th scope="col">covered</th><th scope="col">share</th><th scope="col">minimum</th></tr></thead><tbody>
${summary}
</tbody></table>
${details}
</body></html>
`;
}

function bar(percent: number): string {
  return `<span class="bar" style="width:${(percent / 100) * 8}rem" aria-hidden="true"></span>${percent.toFixed(1)}%`;
}
