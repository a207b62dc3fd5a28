/**
 * Start-up reads the knowledge from a snapshot the build wrote after full validation, as long as the
 * YAML files are byte for byte the ones it was made from; otherwise it parses and validates them as
 * before. Skipping the YAML parser and zod at start-up saves about 200 ms of a one-second start.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/projectRoot';
import type * as FullLoader from './loadKnowledge';
import type { Knowledge } from './schema';

interface Snapshot {
  /** sha256 of every knowledge/*.yaml and knowledge/understanding/*.yaml file's name and bytes, in name order. */
  hash: string;
  knowledge: Knowledge;
}

export function snapshotPath(): string {
  return join(projectRoot(), 'dist', 'knowledge.snapshot.json');
}

export function knowledgeHash(dir: string): string {
  const hash = createHash('sha256');
  const files = [
    ...readdirSync(dir).filter((f) => f.endsWith('.yaml')),
    ...readdirSync(join(dir, 'understanding')).filter((f) => f.endsWith('.yaml')).map((f) => join('understanding', f)),
  ].sort();
  for (const file of files) {
    hash.update(file).update('\0').update(readFileSync(join(dir, file))).update('\0');
  }
  return hash.digest('hex');
}

/** The knowledge in `dir`, from the snapshot when it is current, else loaded and validated in full. */
export function loadKnowledgeFast(dir: string = join(projectRoot(), 'knowledge'), path: string = snapshotPath()): Knowledge {
  const snapshot = readSnapshot(path);
  if (snapshot && snapshot.hash === knowledgeHash(dir)) return snapshot.knowledge;
  // Loaded only when needed: the YAML parser and the zod schemas are most of the cost we avoid.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadKnowledge } = require('./loadKnowledge') as typeof FullLoader;
  return loadKnowledge(dir);
}

/**
 * Validates `dir` in full and writes the snapshot. Invalid knowledge writes none (and removes an old
 * one), so start-up validates and reports the problems as it always has.
 */
export function writeSnapshot(dir: string = join(projectRoot(), 'knowledge'), path: string = snapshotPath()): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadKnowledge } = require('./loadKnowledge') as typeof FullLoader;
  rmSync(path, { force: true });
  let knowledge: Knowledge;
  try {
    knowledge = loadKnowledge(dir);
  } catch {
    return false;
  }
  writeFileSync(path, JSON.stringify({ hash: knowledgeHash(dir), knowledge } satisfies Snapshot));
  return true;
}

function readSnapshot(path: string): Snapshot | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Snapshot;
  } catch {
    return undefined;
  }
}
