/**
 * Checks that every quote taken from a source with a copy in knowledge/ (the force's article, under
 * sources/) is really in it, word for word, white space aside, and that the copy names its url.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { knowledgeDir } from './loadKnowledge';
import type { Knowledge } from './schema';

export interface QuoteCheck {
  where: string;
  source: string;
  quote: string;
}

export function quotesToCheck(k: Knowledge): QuoteCheck[] {
  return [
    ...k.facts.map((f) => ({ where: `facts.yaml: ${f.id}`, source: f.source, quote: f.quote })),
    ...k.channels.map((c) => ({ where: `channels.yaml: ${c.id}`, source: c.source.id, quote: c.source.quote })),
    ...k.accessibleRoutes.map((r) => ({ where: `channels.yaml: ${r.id}`, source: r.source.id, quote: r.source.quote })),
    ...k.links.map((l) => ({ where: `links.yaml: ${l.id}`, source: l.source.id, quote: l.source.quote })),
  ];
}

/** Problems as `file: id: message` lines; quotes from sources without a copy are not checked. */
export function verifyQuotes(k: Knowledge, dir: string = knowledgeDir()): { checked: number; problems: string[] } {
  const texts = new Map<string, string>();
  const problems: string[] = [];
  for (const source of k.sources) {
    if (!source.file) continue;
    const path = join(dir, source.file);
    if (!existsSync(path)) {
      problems.push(`sources.yaml: ${source.id}: its copy knowledge/${source.file} is missing`);
      continue;
    }
    const text = readFileSync(path, 'utf8');
    if (!text.includes(source.url)) problems.push(`sources.yaml: ${source.id}: knowledge/${source.file} does not name the source's url ${source.url}`);
    texts.set(source.id, squash(text));
  }
  let checked = 0;
  for (const q of quotesToCheck(k)) {
    const text = texts.get(q.source);
    if (text === undefined) continue;
    checked += 1;
    if (!text.includes(squash(q.quote))) problems.push(`${q.where}: quote not found in source "${q.source}": "${q.quote}"`);
  }
  return { checked, problems };
}

function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
