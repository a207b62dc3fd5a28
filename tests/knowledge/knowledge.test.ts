/** The knowledge base loads, every quote is in the article, and the cross-checks catch mistakes. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnowledgeError, crossCheck, knowledgeDir, loadKnowledge } from '../../knowledge/loadKnowledge';
import { CHANNEL_IDS } from '../../knowledge/schema';
import { verifyQuotes } from '../../knowledge/verifyQuotes';
import { projectRoot } from '../../src/projectRoot';
import { realKnowledge } from '../helpers';

/** A copy of knowledge/ with one file changed, for the negative cases. */
function loadWith(file: string, change: (text: string) => string): () => unknown {
  const dir = mkdtempSync(join(tmpdir(), 'knowledge-'));
  cpSync(knowledgeDir(), dir, { recursive: true });
  const path = join(dir, file);
  writeFileSync(path, change(readFileSync(path, 'utf8')));
  return () => loadKnowledge(dir);
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

  it('quotes the force article word for word', () => {
    const article = readFileSync(join(projectRoot(), '../shared/source/herts-pride-2020-article.md'), 'utf8');
    expect(article.length).toBeGreaterThan(1000);
    const { checked, problems } = verifyQuotes(k);
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(14);
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
    ['a next step that does not exist', 'flows.yaml', (t: string) => t.replace('next: ask-phone-or-online', 'next: ask-nowhere'), /is not a step, channel, flow:<id> or end/],
    ['a flow that never reaches a channel', 'flows.yaml', endLgbtFlowEverywhere, /flows\.lgbt-liaison: no path ends at a channel/],
    ['a phrase under two intents', 'intents.yaml', (t: string) => t.replace('      - hiya\n', '      - hiya\n      - I saw it happen\n'), /"I saw it happen" is also under/],
    ['a phone number written in a response', 'responses.yaml', (t: string) => t.replace('OK, let\'s start again.', 'OK, call 0300 123 4567.'), /looks like a number or address/],
    ['a placeholder that does not resolve', 'responses.yaml', (t: string) => t.replace('{herts-against-hate.link}', '{nowhere.link}'), /\{nowhere\.link\} does not resolve/],
    ['a missing channel', 'channels.yaml', (t: string) => t.replace('id: true-vision', 'id: call-101'), /"call-101" is defined twice|channel "true-vision" is missing/],
    ['an unknown source', 'facts.yaml', (t: string) => t.replace('source: herts-pride-2020', 'source: rumour'), /unknown source "rumour"/],
  ])('rejects %s with a file: path: message line', (_what, file, change, message) => {
    const load = loadWith(file, change);
    expect(load).toThrow(KnowledgeError);
    expect(load).toThrow(message);
  });
});
