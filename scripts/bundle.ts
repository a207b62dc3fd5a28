/**
 * Build step: bundles the server (dist/src/index.js and everything it requires) into one file,
 * dist/bundle/index.js, which `npm start` runs. Node then reads one file instead of resolving and
 * compiling about 1,500 modules: spawn to first reply drops by about a quarter (see README, Speed).
 * Identifiers are kept, so stack traces in the logs stay readable.
 *
 * The bundle is written in Latin-1 only: V8 keeps a script's source in memory for as long as it runs,
 * one byte a character, but two bytes for every character when even one is beyond Latin-1. esbuild
 * leaves a few in regular expressions (dashes and quotes in wink-nlp's, "〇" in a URL parser), which
 * doubled 9.6 MB of source to 19 MB of heap; they are written as \u escapes instead, which mean the same.
 */
import { buildSync } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { projectRoot } from '../src/projectRoot';
import { latin1Only } from './latin1';

const dist = join(projectRoot(), 'dist');

const result = buildSync({
  entryPoints: [join(dist, 'src', 'index.js')],
  outfile: join(dist, 'bundle', 'index.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  // dtrace-provider: restify loads it in a try/catch for DTrace probes (a native add-on we do not use).
  // botbuilder-azure-blobs: loaded from node_modules only when STORAGE=blob, so the default start stays lean.
  external: ['dtrace-provider', 'botbuilder-azure-blobs'],
  logLevel: 'warning',
  write: false,
});

for (const file of result.outputFiles) {
  mkdirSync(dirname(file.path), { recursive: true });
  writeFileSync(file.path, latin1Only(file.text));
}
