/** The start-up snapshot holds exactly the validated knowledge, and is never used once the YAML changes. */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnowledgeError, knowledgeDir, loadKnowledge } from '../../knowledge/loadKnowledge';
import { knowledgeHash, loadKnowledgeFast, writeSnapshot } from '../../knowledge/snapshot';

function copyOfKnowledge(): { dir: string; snapshot: string } {
  const dir = mkdtempSync(join(tmpdir(), 'snapshot-'));
  cpSync(knowledgeDir(), join(dir, 'knowledge'), { recursive: true });
  return { dir: join(dir, 'knowledge'), snapshot: join(dir, 'knowledge.snapshot.json') };
}

describe('knowledge snapshot', () => {
  it('holds the same knowledge as a full load', () => {
    const { dir, snapshot } = copyOfKnowledge();
    expect(writeSnapshot(dir, snapshot)).toBe(true);
    const saved = JSON.parse(readFileSync(snapshot, 'utf8')) as { hash: string };
    expect(saved.hash).toBe(knowledgeHash(dir));
    expect(loadKnowledgeFast(dir, snapshot)).toEqual(loadKnowledge(dir));
  });

  it('is ignored after a YAML file changes: the edit is read and validated', () => {
    const { dir, snapshot } = copyOfKnowledge();
    writeSnapshot(dir, snapshot);
    const responses = join(dir, 'responses.yaml');
    const edited = readFileSync(responses, 'utf8').replace('automated helper', 'automated assistant');
    writeFileSync(responses, edited);
    const k = loadKnowledgeFast(dir, snapshot);
    expect(k.responses['r-welcome']!.text).toContain('automated assistant');

    writeFileSync(responses, edited.replace('responses:', 'responses:\n  Bad Id: { text: x }'));
    expect(() => loadKnowledgeFast(dir, snapshot)).toThrow(KnowledgeError);
  });

  it('is not written for invalid knowledge, and an old one is removed', () => {
    const { dir, snapshot } = copyOfKnowledge();
    writeSnapshot(dir, snapshot);
    expect(existsSync(snapshot)).toBe(true);
    writeFileSync(join(dir, 'channels.yaml'), 'channels: []\n');
    expect(writeSnapshot(dir, snapshot)).toBe(false);
    expect(existsSync(snapshot)).toBe(false);
  });
});
