/**
 * For the tests that run real processes (the bot as `npm start` runs it, Azurite) and that hold turns in
 * flight: spawning and waiting for a line of output, stopping, and a store whose reads wait to be released.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { MemoryStorage, type Storage, type StoreItems } from 'botbuilder';
import { startCommand } from '../../scripts/startCommand';

export interface Running {
  child: ChildProcess;
  /** Everything it has written to stdout and stderr so far. */
  output: () => string;
  exited: Promise<number | null>;
}

export function run(command: string, args: string[], env: Record<string, string> = {}): Running {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, output: () => output, exited };
}

/** Waits (up to 15 s) until the output matches; kills the process and throws if it never does. */
export async function waitFor(running: Running, pattern: RegExp): Promise<RegExpExecArray> {
  for (let i = 0; i < 600; i++) {
    const match = pattern.exec(running.output());
    if (match) return match;
    if (running.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  running.child.kill('SIGKILL');
  throw new Error(`not started:\n${running.output()}`);
}

/** The bot exactly as `npm start` runs it (the bundle, its node flags), on a free loopback port. */
export async function startBotProcess(env: Record<string, string> = {}): Promise<Running & { url: string }> {
  const { flags, entry } = startCommand();
  const bot = run(process.execPath, [...flags, entry], { PORT: '0', HOST: '127.0.0.1', ...env });
  const [, url] = await waitFor(bot, /"url":"(http:\/\/127\.0\.0\.1:\d+)"/);
  return { ...bot, url: url! };
}

/** SIGTERM, then its exit code. */
export async function stop(running: Running): Promise<number | null> {
  if (running.child.exitCode === null) running.child.kill('SIGTERM');
  return running.exited;
}

/** A store whose reads wait, once close() is called, until release(): turns stay in flight, or read the same eTag. */
export class GatedStorage implements Storage {
  private gate: Promise<void> = Promise.resolve();
  release: () => void = () => undefined;
  readsWaiting = 0;

  constructor(private readonly inner: Storage = new MemoryStorage()) {}

  close(): void {
    this.gate = new Promise((resolve) => (this.release = resolve));
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items = await this.inner.read(keys);
    this.readsWaiting++;
    await this.gate;
    this.readsWaiting--;
    return items;
  }

  write(changes: StoreItems): Promise<void> {
    return this.inner.write(changes);
  }

  delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys);
  }
}

/** Polls (up to 2.5 s) until the condition holds. */
export async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!condition()) throw new Error('condition not met in time');
}
