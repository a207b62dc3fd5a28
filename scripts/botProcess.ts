/**
 * The bot as `npm start` runs it, as a child process on a loopback port, for the scripts that load it
 * (soak, attack): started and waited for, its memory read from /proc, stopped with SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startCommand } from './startCommand';

export interface BotProcess {
  child: ChildProcess;
  url: string;
  /** What it wrote to stdout so far (its JSON log lines), when `captureOutput` was asked for. */
  output: () => string;
  /** Its resident memory now, in MB (0 once it has exited). */
  rssMb: () => number;
  exited: Promise<number | null>;
  /** SIGTERM, then its exit code. */
  stop: () => Promise<number | null>;
}

export async function startBot(port: number, env: Record<string, string> = {}, captureOutput = false, extraFlags: string[] = []): Promise<BotProcess> {
  const start = startCommand();
  const child = spawn(process.execPath, [...start.flags, ...extraFlags, start.entry], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', captureOutput ? 'pipe' : 'ignore', 'inherit'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      if (i > 400 || child.exitCode !== null) throw new Error(`the bot did not start on port ${port}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const rssMb = () => {
    try {
      const line = readFileSync(`/proc/${child.pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
      return Number(line.replace(/\D+/g, '')) / 1024;
    } catch {
      return 0;
    }
  };
  const stop = () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    return exited;
  };
  return { child, url, output: () => output, rssMb, exited, stop };
}
