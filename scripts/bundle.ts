/**
 * Build step: bundles the server (dist/src/index.js and everything it requires) into one file,
 * dist/bundle/index.js, which `npm start` runs. Node then reads one file instead of resolving and
 * compiling about 1,500 modules: spawn to first reply drops by about a quarter (see README, Speed).
 * Identifiers are kept, so stack traces in the logs stay readable.
 */
import { buildSync } from 'esbuild';
import { join } from 'node:path';
import { projectRoot } from '../src/projectRoot';

const dist = join(projectRoot(), 'dist');

buildSync({
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
});
