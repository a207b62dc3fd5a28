/** The knowledge base loads, every quote is in the article (kept in knowledge/), and the cross-checks catch mistakes. */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { KnowledgeError, crossCheck, knowledgeDir, loadKnowledge } from '../../knowledge/loadKnowledge';
import { CHANNEL_IDS } from '../../knowledge/schema';
import { verifyQuotes } from '../../knowledge/verifyQuotes';
import { projectRoot } from '../../src/projectRoot';
import { realKnowledge } from '../helpers';

/** A copy of knowledge/ with one file changed, for the negative cases. */
function copyWith(file: string, change: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'knowledge-'));
  cpSync(knowledgeDir(), dir, { recursive: true });
  const path = join(dir, file);
  writeFileSync(path, change(readFileSync(path, 'utf8')));
  return dir;
}

function loadWith(file: string, change: (text: string) => string): () => unknown {
  const dir = copyWith(file, change);
  return () => loadKnowledge(dir);
}

/**
 * Paths named in a file that lead out of the repository: absolute ones, and `../` ones, resolved from the
 * file's folder in code (imports) and from the project root in data (the widest base a loader could use).
 */
function pathsOutside(file: string, text: string, root = projectRoot()): string[] {
  const outside: string[] = [];
  const base = file.endsWith('.ts') ? dirname(file) : root;
  for (const [, path] of text.matchAll(/(?:^|[\s"'`(=:])((?:\.\.?\/)+[\w./-]*)/gm)) {
    const target = resolve(base, path!);
    if (!target.startsWith(root + sep)) outside.push(path!);
  }
  for (const [absolute] of text.matchAll(/(?:file:\/\/|(?<![\w.])~\/|(?<!\w)[A-Za-z]:\\\w|(?<![\w.:/])\/(?:work|home|tmp|root|usr|var|opt|mnt|srv|etc|Users)\/)\S*/g)) outside.push(absolute);
  return outside;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Every choice of the LGBT+ flow ends without a channel. */
function endLgbtFlowEverywhere(text: string): string {
  const start = text.indexOf('  lgbt-liaison:');
  const end = text.indexOf('  hate-crime-info:');
  return text.slice(0, start) + text.slice(start, end).replace(/next: [a-z0-9-]+ \}/g, 'next: end }') + text.slice(end);
}

describe('knowledge base', () => {
  const k = realKnowledge();

  it('has the five channels, each with a source quote', () => {
    expect(k.channels.map((c) => c.id).sort()).toEqual([...CHANNEL_IDS].sort());
    for (const c of k.channels) expect(c.source.quote.length).toBeGreaterThan(10);
  });

  it('has the accessible routes, each with a source and a verified date', () => {
    expect(k.accessibleRoutes.map((r) => r.id).sort()).toEqual(['bsl-999', 'emergency-sms', 'relay-uk-101', 'silent-solution', 'textphone-18000']);
    for (const r of k.accessibleRoutes) expect(r.verified).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('quotes the force article word for word, from its copy in knowledge/sources/', () => {
    const source = k.sources.find((s) => s.id === 'herts-pride-2020')!;
    expect(source.file).toBe('sources/herts-pride-2020-article.md');
    const article = readFileSync(join(knowledgeDir(), source.file!), 'utf8');
    expect(article.length).toBeGreaterThan(1000);
    expect(article).toContain(source.url);
    const { checked, problems } = verifyQuotes(k);
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(14);
  });

  it('says of every source what was read, from what and when', () => {
    for (const s of k.sources) {
      expect(s.url).toMatch(/^https:\/\//);
      expect(s.read.on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(s.read.from.length).toBeGreaterThan(20);
    }
    // Nothing about the machine it was read on: a reviewer needs the page, the copy and the day.
    expect(readFileSync(join(knowledgeDir(), 'sources.yaml'), 'utf8')).not.toMatch(/search tool|this machine|internet/i);
  });

  it('names no path outside the repository in any knowledge file', () => {
    const files = filesUnder(knowledgeDir());
    expect(files.length).toBeGreaterThan(10);
    const found = files.flatMap((f) => pathsOutside(f, readFileSync(f, 'utf8')).map((p) => `${relative(projectRoot(), f)}: ${p}`));
    expect(found).toEqual([]);
  });

  it.each([
    ['file: ../beside/source/article.md', ['../beside/source/article.md']],
    ['file: ../../beside/x.md', ['../../beside/x.md']],
    ['copied from /work/shared/source/article.md', ['/work/shared/source/article.md']],
    ['see file:///tmp/a.md', ['file:///tmp/a.md']],
    ['copied from C:\\Users\\me\\article.md', ['C:\\Users\\me\\article.md']],
    ['file: sources/herts-pride-2020-article.md and https://www.herts.police.uk/contact', []],
  ])('finds the paths outside the repository in "%s"', (text, outside) => {
    expect(pathsOutside(join(knowledgeDir(), 'sources.yaml'), text)).toEqual(outside);
  });

  it('reads the relative imports of knowledge code from the file, not the root', () => {
    const file = join(knowledgeDir(), 'verifyQuotes.ts');
    expect(pathsOutside(file, "import { projectRoot } from '../src/projectRoot';")).toEqual([]);
    expect(pathsOutside(file, "import { x } from '../../elsewhere/x';")).toEqual(['../../elsewhere/x']);
  });

  it.each([
    ['a quote that is not in the article', 'facts.yaml', (t: string) => t.replace('Hate crimes are crimes like any other', 'Hate crimes are crimes unlike any other'), /facts\.yaml: [a-z-]+: quote not found in source "herts-pride-2020"/],
    ['a missing copy of the article', 'sources.yaml', (t: string) => t.replace('file: sources/herts-pride-2020-article.md', 'file: sources/nowhere.md'), /sources\.yaml: herts-pride-2020: its copy knowledge\/sources\/nowhere\.md is missing/],
    ['a copy that does not name its url', 'sources.yaml', (t: string) => t.replace('mark-herts-pride-2020\n', 'mark-herts-pride-2021\n'), /does not name the source's url/],
  ])('kb:check reports %s', (_what, file, change, message) => {
    const dir = copyWith(file, change);
    const { problems } = verifyQuotes(loadKnowledge(dir), dir);
    expect(problems.join('\n')).toMatch(message);
  });

  it('states the five monitored strands and that victims and witnesses can report', () => {
    const definition = k.responses['r-what-is-hate-crime']!.text;
    for (const strand of ['disability', 'race', 'religion', 'sexual orientation', 'transgender identity']) expect(definition).toContain(strand);
    expect(definition).toMatch(/[Vv]ictims and witnesses/);
  });

  it('passes its own cross-checks', () => {
    expect(crossCheck(k)).toEqual([]);
  });

  it.each([
    ['a misspelt key', 'channels.yaml', (t: string) => t.replace('whenToUse: It is not an emergency and you are happy', 'whenToUze: It is not an emergency and you are happy'), /channels\.yaml: channels\.1: Unrecognized key: "whenToUze"/],
    ['an unknown response id', 'flows.yaml', (t: string) => t.replace('ask: q-who', 'ask: q-whoo'), /flows\.yaml: flows\.report\.steps\.1\.ask: unknown response id "q-whoo"/],
    ['a next step that does not exist', 'flows.yaml', (t: string) => t.replace('next: ask-speak-to-police', 'next: ask-nowhere'), /is not a step, channel, flow:<id> or end/],
    ['a flow that never reaches a channel', 'flows.yaml', endLgbtFlowEverywhere, /flows\.lgbt-liaison: no path ends at a channel/],
    ['a phrase under two intents', 'intents.yaml', (t: string) => t.replace('      - hiya\n', '      - hiya\n      - I saw it happen\n'), /"I saw it happen" is also under/],
    ['a phone number written in a response', 'responses.yaml', (t: string) => t.replace('OK, let\'s start again.', 'OK, call 0300 123 4567.'), /looks like a number or address/],
    ['a placeholder that does not resolve', 'responses.yaml', (t: string) => t.replace('{herts-against-hate.link}', '{nowhere.link}'), /\{nowhere\.link\} does not resolve/],
    ['a missing channel', 'channels.yaml', (t: string) => t.replace('id: true-vision', 'id: call-101'), /"call-101" is defined twice|channel "true-vision" is missing/],
    ['an unknown source', 'facts.yaml', (t: string) => t.replace('source: herts-pride-2020', 'source: rumour'), /unknown source "rumour"/],
    ['a source copy outside knowledge/', 'sources.yaml', (t: string) => t.replace('file: sources/', 'file: ../../beside/source/'), /sources\.yaml: sources\.0\.file: a path inside knowledge\//],
    ['a source that does not say when it was read', 'sources.yaml', (t: string) => t.replace('    read:\n      on: "2026-11-24"\n', '    read:\n'), /sources\.yaml: sources\.0\.read\.on/],
    ['a route verified on another day than its source was read', 'channels.yaml', (t: string) => t.replace('verified: "2026-11-24"', 'verified: "2026-11-25"'), /accessibleRoutes\.0\.verified: 2026-11-25, but source "bcht-accessible-contact" was read on 2026-11-24/],
    ['a word list the emergency check reads, missing', 'safety.yaml', (t: string) => t.replace('  harm: [', '  harmful: ['), /safety\.yaml: lexicons: "harm" is missing/],
    ['an answer meaning its question\'s reader never says', 'flows.yaml', (t: string) => t.replace('means: [me]', 'means: [myself]'), /"myself" is not something the "who" reader says/],
    ['training phrases for an intent that does not exist', 'understanding/topics.yaml', (t: string) => t.replace('topics:\n  report-witness:', 'topics:\n  report-witnes:'), /understanding\/topics\.yaml: topics: unknown intent "report-witnes"/],
  ])('rejects %s with a file: path: message line', (_what, file, change, message) => {
    const load = loadWith(file, change);
    expect(load).toThrow(KnowledgeError);
    expect(load).toThrow(message);
  });
});
