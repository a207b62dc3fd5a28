/**
 * The staff commands as shipped (dist/, built by `npm test` before jest): the console chat with piped
 * input, and the scenario runner's exit codes and --channel check.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../src/projectRoot';

const root = projectRoot();
const run = (script: string, args: string[], input = '') =>
  spawnSync(process.execPath, [join(root, 'dist', 'src', 'cli', script), ...args], { input, encoding: 'utf8', cwd: root, timeout: 60_000 });

describe('npm run chat', () => {
  it('chats from piped input, presses numbered buttons and explains', () => {
    const result = run('chat.js', [], '/explain\n1\nthey are kicking my door in\n/quit\n');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/\[1\] Report a hate crime/);
    expect(result.stdout).toMatch(/you pressed "Report a hate crime"/);
    expect(result.stdout).toMatch(/why: EMERGENCY/);
    expect(result.stdout).toMatch(/Goodbye/);
  });
});

describe('npm run scenarios', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-scenarios-'));
  const good = join(dir, 'good.yaml');
  const bad = join(dir, 'bad.yaml');
  writeFileSync(good, 'name: Good\nturns:\n  - user: Report a hate crime\n    expect: [q-in-danger]\n');
  writeFileSync(bad, 'name: Bad\nturns:\n  - user: Report a hate crime\n    channel: call-101\n');

  it('exits 0 when every scenario passes', () => {
    const result = run('scenarios.js', ['--channel', 'msteams', good]);
    expect(result.stdout).toMatch(/1 passed, 0 failed/);
    expect(result.stdout).toMatch(/channel "msteams"/);
    expect(result.status).toBe(0);
  });

  it('exits 1 and shows the failure when one fails', () => {
    const result = run('scenarios.js', [good, bad]);
    expect(result.stdout).toMatch(/FAIL {2}bad\.yaml/);
    expect(result.status).toBe(1);
  });

  it('refuses an unknown channel', () => {
    const result = run('scenarios.js', ['--channel', 'fax', good]);
    expect(result.stderr).toMatch(/--channel must be one of/);
    expect(result.status).toBe(2);
  });
});
