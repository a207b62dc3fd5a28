/** The flow maps: every step and choice drawn, and the committed copies (docs/flows.md, README) current. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flowGraphs, flowsHtml, flowsMarkdown, mermaid, readmeWithFlows, README_START } from '../../src/harness/flowDiagram';
import { realBot, realKnowledge } from '../helpers';

const k = realKnowledge();
const graphs = flowGraphs(k, realBot().responder);
const root = join(__dirname, '..', '..');

describe('flow diagrams', () => {
  it('draw every flow, with every choice on an arrow and 999 in red', () => {
    expect(graphs.map((g) => g.flowId)).toEqual(Object.keys(k.flows));
    for (const g of graphs) {
      // A choice that leads elsewhere for someone who said they are LGBT+ has a second arrow.
      const choices = k.flows[g.flowId]!.steps.reduce((n, s) => n + s.choices.length + s.choices.filter((c) => c.forLgbt !== undefined).length, 0);
      // Choices that lead to the same place share an arrow, their labels joined by " / ".
      const labels = g.edges.filter((e) => e.from !== 'start').flatMap((e) => e.label.split(' / '));
      expect(labels).toHaveLength(choices);
    }
    const report = mermaid(graphs[0]!);
    expect(report).toMatch(/^flowchart TD/);
    expect(report).toContain('n_ask_in_danger -->|"Yes / I\'m not sure (says r-if-in-doubt)"| n_call_999');
    expect(report).toMatch(/class n_call_999 emergency/);
  });

  it('never use a Mermaid keyword as a node id', () => {
    const info = mermaid(graphs.find((g) => g.flowId === 'hate-crime-info')!);
    expect(info).toContain('n_end(');
    expect(info).not.toMatch(/\bend\(/);
  });

  it('make a self-contained HTML page: inline SVG, no scripts, no external resources', () => {
    const html = flowsHtml(graphs);
    expect(html.match(/<svg /g)).toHaveLength(graphs.length);
    expect(html).not.toMatch(/<script|src=|href="http/);
    expect(html).toContain('Call 999 (call-999)');
  });

  it('are current in docs/flows.md and the README (run npm run flows:diagram after editing flows)', () => {
    expect(readFileSync(join(root, 'docs', 'flows.md'), 'utf8')).toBe(flowsMarkdown(graphs));
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain(README_START);
    expect(readmeWithFlows(readme, graphs)).toBe(readme);
  });
});
