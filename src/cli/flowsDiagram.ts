/**
 * `npm run flows:diagram`: draws every flow in knowledge/flows.yaml as Mermaid (docs/flows.md, and the
 * README between its flows markers) and as a self-contained HTML page (reports/flows.html).
 * `--check` changes nothing and exits 1 if docs/flows.md or the README are out of date.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKnowledge } from '../../knowledge/loadKnowledge';
import { Responder } from '../core/responder';
import { flowGraphs, flowsHtml, flowsMarkdown, readmeWithFlows } from '../harness/flowDiagram';
import { projectRoot } from '../projectRoot';

function main(): void {
  const root = projectRoot();
  const knowledge = loadKnowledge();
  const graphs = flowGraphs(knowledge, new Responder(knowledge));
  const markdown = flowsMarkdown(graphs);
  const readmePath = join(root, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const newReadme = readmeWithFlows(readme, graphs);
  const docsPath = join(root, 'docs', 'flows.md');
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(docsPath, 'utf8');
    } catch {
      current = '';
    }
    const stale = [current !== markdown && 'docs/flows.md', readme !== newReadme && 'README.md'].filter(Boolean);
    if (stale.length > 0) {
      console.error(`${stale.join(' and ')} out of date: run npm run flows:diagram`);
      process.exitCode = 1;
    } else console.log('flow diagrams are up to date');
    return;
  }
  mkdirSync(join(root, 'docs'), { recursive: true });
  mkdirSync(join(root, 'reports'), { recursive: true });
  writeFileSync(docsPath, markdown);
  writeFileSync(readmePath, newReadme);
  writeFileSync(join(root, 'reports', 'flows.html'), flowsHtml(graphs));
  console.log(`${graphs.length} flows drawn: docs/flows.md, README.md (flows section), reports/flows.html`);
}

main();
