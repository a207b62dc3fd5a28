/** What `npm start` runs (node's flags and the entry point), read from package.json, so that the benchmark, the soak and the process tests run the bot exactly as deployed. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/projectRoot';

export interface StartCommand {
  /** Node flags, e.g. the heap limit. */
  flags: string[];
  /** Absolute path of the entry point (the bundle). */
  entry: string;
}

export function startCommand(root: string = projectRoot()): StartCommand {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const words = pkg.scripts.start.split(' ').slice(1);
  return { flags: words.filter((w) => w.startsWith('--')), entry: join(root, words.find((w) => !w.startsWith('--'))!) };
}
