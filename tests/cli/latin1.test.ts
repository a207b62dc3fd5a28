/** The bundle's source stays Latin-1 (one byte a character in V8), meaning exactly what esbuild wrote. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { latin1Only } from '../../scripts/latin1';
import { projectRoot } from '../../src/projectRoot';

describe('latin1Only', () => {
  it.each([
    ['/[\\-\\–\\—]/gi', '/[\\-\\u2013\\u2014]/gi'],
    ["s.replace(/\\’s$|\\'s$/, '')", "s.replace(/\\u2019s$|\\'s$/, '')"],
    ['/〇/.test(s)', '/\\u3007/.test(s)'],
    ['"\\\\–"', '"\\\\\\u2013"'],
    ['"café 😀"', '"café \\ud83d\\ude00"'],
    ['plain ascii and Latin-1: £ é', 'plain ascii and Latin-1: £ é'],
  ])('%s -> %s', (source, expected) => {
    expect(latin1Only(source)).toBe(expected);
  });

  it.each([
    ['/[\\-\\–\\—]/', ['–', '—', '-', 'a']],
    ["/\\’s$|\\'s$/", ["mum’s", "mum's", 'mums']],
    ['/〇/', ['〇', 'o']],
    ['/😀+/u', ['😀😀', ':)']],
  ])('%s matches the same strings after escaping', (regex, inputs) => {
    const before = runInNewContext(regex) as RegExp;
    const after = runInNewContext(latin1Only(regex)) as RegExp;
    for (const input of inputs) expect(after.test(input)).toBe(before.test(input));
  });

  it.each([['"\\–"'], ['"\\\\–"'], ['`😀 \\—`']])('the string %s means the same after escaping', (literal) => {
    expect(runInNewContext(latin1Only(literal))).toBe(runInNewContext(literal));
  });

  const bundle = join(projectRoot(), 'dist', 'bundle', 'index.js');
  (existsSync(bundle) ? it : it.skip)('leaves nothing beyond Latin-1 in the built bundle', () => {
    expect(/[\u0100-\uffff]/.test(readFileSync(bundle, 'utf8'))).toBe(false);
  });
});
