import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folder holding this project's package.json. Compiled code runs from dist/, so paths are resolved
 * from here rather than from a module's own folder.
 */
export function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + __dirname);
    dir = parent;
  }
  return dir;
}
