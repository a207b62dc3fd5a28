/**
 * The flows in knowledge/flows.yaml drawn for people: Mermaid text (GitHub and most wikis draw it in
 * Markdown), and a self-contained HTML page with the same diagrams drawn as inline SVG, so it opens
 * anywhere with no script and no internet.
 */
import type { Flow, Knowledge } from '../../knowledge/schema';
import { channelsIn } from '../../knowledge/channelIds';
import type { Responder } from '../core/responder';
import { escapeHtml } from '../html';

interface Node {
  id: string;
  text: string;
  kind: 'step' | 'channel' | 'emergency' | 'flow' | 'end';
  layer: number;
}

interface Edge {
  from: string;
  to: string;
  label: string;
}

interface Graph {
  flowId: string;
  title: string;
  nodes: Node[];
  edges: Edge[];
}

/** Plain text of a response: markdown marks and links removed, so it reads in a box. */
function plain(text: string): string {
  return text.replace(/\[([^\]]+)\]\([^)]+\)/g, '$1').replace(/[*_`]/g, '').trim();
}

export function flowGraphs(k: Knowledge, responder: Responder): Graph[] {
  return Object.entries(k.flows).map(([flowId, flow]) => graphOf(k, responder, flowId, flow));
}

function graphOf(k: Knowledge, responder: Responder, flowId: string, flow: Flow): Graph {
  const depth = new Map<string, number>([[flow.start, 0]]);
  const queue = [flow.start];
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const choice of flow.steps.find((s) => s.id === id)!.choices) {
      if (flow.steps.some((s) => s.id === choice.next) && !depth.has(choice.next)) {
        depth.set(choice.next, depth.get(id)! + 1);
        queue.push(choice.next);
      }
    }
  }
  const nodes: Node[] = [{ id: 'start', text: `Start: ${startedBy(k, flowId)}`, kind: 'end', layer: -1 }];
  const edges: Edge[] = [{ from: 'start', to: flow.start, label: flow.say.length > 0 ? `says ${flow.say.join(', ')}` : '' }];
  for (const step of flow.steps) {
    const layer = depth.get(step.id) ?? 0;
    nodes.push({ id: step.id, text: plain(responder.text(step.ask)), kind: 'step', layer });
    for (const choice of step.choices) {
      const label = choice.say.length > 0 ? `${responder.text(choice.label)} (says ${choice.say.join(', ')})` : responder.text(choice.label);
      // An outcome sits one row below the first question that leads to it, so arrows stay short.
      const target = outcomeNode(k, choice.next, layer + 1);
      const existing = nodes.find((n) => n.id === (target?.id ?? choice.next));
      if (target && !existing) nodes.push(target);
      else if (target && existing) existing.layer = Math.min(existing.layer, layer + 1);
      const to = target?.id ?? choice.next;
      // Choices that lead to the same place share one arrow.
      const parallel = edges.find((e) => e.from === step.id && e.to === to);
      if (parallel) parallel.label = `${parallel.label} / ${label}`;
      else edges.push({ from: step.id, to, label });
      if (choice.forLgbt !== undefined) {
        const lgbt = outcomeNode(k, choice.forLgbt, layer + 1)!;
        if (!nodes.some((n) => n.id === lgbt.id)) nodes.push(lgbt);
        edges.push({ from: step.id, to: lgbt.id, label: `${label}, said they are LGBT+` });
      }
    }
  }
  return { flowId, title: flowId, nodes, edges };
}

function outcomeNode(k: Knowledge, next: string, layer: number): Node | undefined {
  const channels = channelsIn(next);
  if (channels) {
    const names = channels.map((id) => `${k.channels.find((c) => c.id === id)!.name} (${id})`).join(' or ');
    return { id: next, text: names, kind: channels.includes('call-999') ? 'emergency' : 'channel', layer };
  }
  if (next.startsWith('flow:')) return { id: next, text: `Continue in flow "${next.slice(5)}"`, kind: 'flow', layer };
  if (next === 'end') return { id: 'end', text: 'Menu: anything else?', kind: 'end', layer };
  return undefined;
}

function startedBy(k: Knowledge, flowId: string): string {
  const intents = k.intents.filter((i) => i.flow === flowId).map((i) => i.id);
  return intents.length > 0 ? `intents ${intents.join(', ')}` : `flow ${flowId}`;
}

// --- Mermaid --------------------------------------------------------------------------------------

const MERMAID_SHAPES: Record<Node['kind'], [string, string]> = {
  step: ['{{', '}}'],
  channel: ['([', '])'],
  emergency: ['([', '])'],
  flow: ['[[', ']]'],
  end: ['(', ')'],
};

function mermaidId(id: string): string {
  return `n_${id.replace(/[^A-Za-z0-9]/g, '_')}`;
}

function mermaidText(text: string): string {
  return `"${text.replace(/"/g, '#quot;')}"`;
}

export function mermaid(graph: Graph): string {
  const lines = ['flowchart TD'];
  for (const node of graph.nodes) {
    const [open, close] = MERMAID_SHAPES[node.kind];
    lines.push(`  ${mermaidId(node.id)}${open}${mermaidText(node.text)}${close}`);
  }
  for (const edge of graph.edges) {
    lines.push(`  ${mermaidId(edge.from)} -->${edge.label ? `|${mermaidText(edge.label)}|` : ''} ${mermaidId(edge.to)}`);
  }
  lines.push('  classDef emergency fill:#b00020,color:#fff,stroke:#700014');
  lines.push('  classDef channel fill:#e6f4ea,stroke:#0b6b2b');
  const emergencies = graph.nodes.filter((n) => n.kind === 'emergency').map((n) => mermaidId(n.id));
  const channels = graph.nodes.filter((n) => n.kind === 'channel').map((n) => mermaidId(n.id));
  if (emergencies.length > 0) lines.push(`  class ${emergencies.join(',')} emergency`);
  if (channels.length > 0) lines.push(`  class ${channels.join(',')} channel`);
  return lines.join('\n');
}

const INTERRUPTS_NOTE =
  'At every question, and before any: an emergency message gets 999 at once; "start again" goes back to the menu; ' +
  '"help" explains and asks the same question again. Free text is understood as well as the buttons.';

export function flowsMarkdown(graphs: Graph[]): string {
  const parts = [
    '# The conversation flows',
    '',
    'Drawn from `knowledge/flows.yaml` by `npm run flows:diagram`: edit the YAML, then run it again. Do not edit this file.',
    '',
    `> ${INTERRUPTS_NOTE}`,
  ];
  for (const graph of graphs) parts.push('', `## ${graph.title}`, '', '```mermaid', mermaid(graph), '```');
  return parts.join('\n') + '\n';
}

// --- SVG ------------------------------------------------------------------------------------------

const BOX_WIDTH = 230;
const COLUMN_GAP = 40;
const ROW_HEIGHT = 150;
const LINE_HEIGHT = 15;
const CHARS_PER_LINE = 32;

function wrap(text: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && (line + ' ' + word).length > CHARS_PER_LINE) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.length > 5 ? [...lines.slice(0, 4), `${lines[4]!}…`] : lines;
}

const FILL: Record<Node['kind'], string> = { step: '#eef3fb', channel: '#e6f4ea', emergency: '#b00020', flow: '#fff4e0', end: '#f2f2f2' };

export function svg(graph: Graph): string {
  const layers = [...new Set(graph.nodes.map((n) => n.layer))].sort((a, b) => a - b);
  const widest = Math.max(...layers.map((l) => graph.nodes.filter((n) => n.layer === l).length));
  const width = widest * (BOX_WIDTH + COLUMN_GAP) + COLUMN_GAP;
  const place = new Map<string, { x: number; y: number; h: number; lines: string[] }>();
  layers.forEach((layer, row) => {
    const inLayer = graph.nodes.filter((n) => n.layer === layer);
    const offset = (width - inLayer.length * (BOX_WIDTH + COLUMN_GAP) + COLUMN_GAP) / 2;
    inLayer.forEach((node, i) => {
      const lines = wrap(node.text);
      place.set(node.id, { x: offset + i * (BOX_WIDTH + COLUMN_GAP), y: 20 + row * ROW_HEIGHT, h: lines.length * LINE_HEIGHT + 16, lines });
    });
  });
  const height = 40 + layers.length * ROW_HEIGHT;
  const edges = graph.edges.map((edge, i) => {
    const a = place.get(edge.from)!;
    const b = place.get(edge.to)!;
    const [x1, y1, x2, y2] = [a.x + BOX_WIDTH / 2, a.y + a.h, b.x + BOX_WIDTH / 2, b.y];
    // Labels sit a little along the line, staggered, so that labels leaving one box do not overlap.
    const t = 0.3 + (i % 3) * 0.15;
    const [lx, ly] = [x1 + (x2 - x1) * t, y1 + (y2 - y1) * t];
    return `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#555" marker-end="url(#arrow)"/>` +
      (edge.label
        ? `<text class="edge" text-anchor="middle">${edge.label.split(' / ').map((part, n) => `<tspan x="${lx}" y="${ly + n * 13}">${escapeHtml(part)}</tspan>`).join('')}</text>`
        : '');
  });
  const nodes = graph.nodes.map((node) => {
    const p = place.get(node.id)!;
    const colour = node.kind === 'emergency' ? '#fff' : '#1b1b1b';
    const text = p.lines.map((line, i) => `<tspan x="${p.x + BOX_WIDTH / 2}" y="${p.y + 20 + i * LINE_HEIGHT}">${escapeHtml(line)}</tspan>`).join('');
    return `<rect x="${p.x}" y="${p.y}" width="${BOX_WIDTH}" height="${p.h}" rx="${node.kind === 'step' ? 4 : 16}" fill="${FILL[node.kind]}" stroke="#333"/>` +
      `<text text-anchor="middle" fill="${colour}">${text}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" role="img" aria-labelledby="title-${graph.flowId}">
<title id="title-${graph.flowId}">Flow ${escapeHtml(graph.flowId)}</title>
<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>
${edges.join('\n')}
${nodes.join('\n')}
</svg>`;
}

export function flowsHtml(graphs: Graph[]): string {
  const sections = graphs.map((g) => `<section><h2>${escapeHtml(g.title)}</h2>
<div class="diagram">${svg(g)}</div>
<details><summary>As a list (for screen readers) and as Mermaid text</summary>
<ul>${g.edges.filter((e) => e.from !== 'start').map((e) => `<li>${escapeHtml(nodeText(g, e.from))}: <strong>${escapeHtml(e.label)}</strong> → ${escapeHtml(nodeText(g, e.to))}</li>`).join('')}</ul>
<pre>${escapeHtml(mermaid(g))}</pre></details></section>`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Conversation flows</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1b1b}.diagram{overflow-x:auto}
svg text{font-size:12px;font-family:system-ui,sans-serif}svg text.edge{font-size:11px;fill:#0b3d91;paint-order:stroke;stroke:#fff;stroke-width:4px}
.note{background:#fff4e0;border-left:4px solid #c77700;padding:.5rem 1rem}
</style></head><body>
<h1>Conversation flows</h1>
<p>Drawn from <code>knowledge/flows.yaml</code> by <code>npm run flows:diagram</code>. Grey boxes are questions; green are where people are sent; red is 999.</p>
<p class="note">${escapeHtml(INTERRUPTS_NOTE)}</p>
${sections.join('\n')}
</body></html>
`;
}

function nodeText(graph: Graph, id: string): string {
  return graph.nodes.find((n) => n.id === id)?.text ?? id;
}

export const README_START = '<!-- flows:start (made by npm run flows:diagram) -->';
export const README_END = '<!-- flows:end -->';

/** The README with the Mermaid diagrams put between its flows markers (unchanged if it has none). */
export function readmeWithFlows(readme: string, graphs: Graph[]): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) return readme;
  const body = graphs.map((g) => `**${g.title}**\n\n\`\`\`mermaid\n${mermaid(g)}\n\`\`\``).join('\n\n');
  return `${readme.slice(0, start + README_START.length)}\n${body}\n${readme.slice(end)}`;
}
