/**
 * `npm run bench`: one run, one machine, three servers loaded over real HTTP on loopback with autocannon:
 *   1. ceiling  bare restify answering POST /api/messages with a fixed body
 *   2. echo     restify + CloudAdapter + an echo ActivityHandler (the framework floor)
 *   3. ours     the signposting bot, mixed multi-turn conversations (every reply checked)
 * All with deliveryMode "expectReplies". Fixed connections and duration, a warm-up, three repetitions,
 * medians; then start-up time (spawn to first served reply, median of 10) and the recognizer's cost per
 * message. Prints a table with ratios; writes reports/bench.json and reports/bench.md.
 *   npm run bench -- --duration 10 --connections 50 --profile
 * It is a benchmark, not a test: it prints figures and checks replies, it does not pass or fail on speed.
 */
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadKnowledge } from '../../knowledge/loadKnowledge';
import { loadSafetyCases } from '../../src/harness/safetyCases';
import { evaluationTexts } from '../../src/cli/nluEval';
import { Recognizer } from '../../src/nlu/recognizer';
import { projectRoot } from '../../src/projectRoot';
import { JSON_HEADERS, activityJson, conversationRequests, repliesContain } from './conversations';
import { startCommand } from '../startCommand';
import { summariseProfile, type ProfileSummary } from './profile';
import { targetNote } from './targets';

const root = projectRoot();
const dist = join(root, 'dist');
const CLOCK_TICKS = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;

interface Target {
  name: 'ceiling' | 'echo' | 'ours';
  script: string;
  requests: autocannon.Request[];
}

interface Run {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  turns: number;
  failures: number;
  cpuMsPerTurn: number;
}

interface TargetResult {
  name: string;
  runs: Run[];
  median: Run;
  peakRssMb: number;
}

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    repetitions: { type: 'string', default: '3' },
    startups: { type: 'string', default: '10' },
    profile: { type: 'boolean', default: false },
    'profile-only': { type: 'boolean', default: false },
    /** V8 flags for every server alike; by default those `npm start` uses, so our bot runs as deployed. */
    'node-args': { type: 'string' },
  },
});
const DURATION = Number(args.duration);
const WARMUP = Number(args.warmup);
const CONNECTIONS = Number(args.connections);
const REPETITIONS = Number(args.repetitions);
const STARTUPS = Number(args.startups);
const START = startCommand(root);
const NODE_ARGS = args['node-args'] !== undefined ? args['node-args'].split(' ').filter(Boolean) : START.flags;

// --- requests ------------------------------------------------------------------------------------

let conversationCounter = 0;
type Context = { conversation?: string };
const failures = { count: 0 };

function checked(expected: string): autocannon.Request['onResponse'] {
  return (status, body) => {
    if (status !== 200 || !repliesContain(body, expected)) failures.count += 1;
  };
}

const HEADERS = JSON_HEADERS;

function ourRequests(): autocannon.Request[] {
  return conversationRequests(`bench-${process.pid}`, checked);
}

function echoRequests(): autocannon.Request[] {
  return [
    {
      method: 'POST',
      path: '/api/messages',
      headers: HEADERS,
      setupRequest: (req: autocannon.Request, context: object) => {
        const ctx = context as Context;
        ctx.conversation ??= `echo-${++conversationCounter}`;
        return { ...req, body: activityJson(ctx.conversation, 'I saw it happen') };
      },
      onResponse: checked('Echo: I saw it happen'),
    },
  ];
}

function ceilingRequests(): autocannon.Request[] {
  return [{ method: 'POST', path: '/api/messages', headers: HEADERS, body: activityJson('ceiling', 'I saw it happen'), onResponse: checked('ok') }];
}

// --- processes -----------------------------------------------------------------------------------

// Below Linux's ephemeral range (32768+), so the load generator's own sockets never take a server's port.
let nextPort = 21_000 + (process.pid % 500) * 20;

function start(script: string, nodeArgs: string[] = []): { child: ChildProcess; port: number; spawnedAt: bigint } {
  const port = nextPort++;
  const spawnedAt = process.hrtime.bigint();
  const child = spawn(process.execPath, ['--no-deprecation', ...NODE_ARGS, ...nodeArgs, script], {
    // The load comes from one address standing for many people (as the Bot Service does): no per-address limit.
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'benchmark', CLIENT_RATE_LIMIT_PER_MINUTE: '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { child, port, spawnedAt };
}

/** Polls until the server serves a real reply; milliseconds from spawn. */
async function firstReply(port: number, spawnedAt: bigint, child: ChildProcess): Promise<number> {
  const body = activityJson(`ready-${port}`, 'hello');
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server on port ${port} exited with ${child.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: HEADERS, body });
      if (response.status === 200) {
        await response.text();
        return Number(process.hrtime.bigint() - spawnedAt) / 1e6;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after "pid (comm) ".
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

function peakRssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'))!;
  return Number(line.replace(/\D+/g, '')) / 1024;
}

// --- load ----------------------------------------------------------------------------------------

async function load(port: number, requests: autocannon.Request[], seconds: number): Promise<autocannon.Result> {
  return autocannon({ url: `http://127.0.0.1:${port}`, connections: CONNECTIONS, duration: seconds, requests, timeout: 10 });
}

interface Running {
  target: Target;
  child: ChildProcess;
  port: number;
  runs: Run[];
}

async function warmUp(target: Target): Promise<Running> {
  const { child, port, spawnedAt } = start(target.script);
  await firstReply(port, spawnedAt, child);
  await load(port, target.requests, WARMUP);
  return { target, child, port, runs: [] };
}

async function measureOnce(server: Running): Promise<void> {
  failures.count = 0;
  const pid = server.child.pid!;
  const cpuBefore = cpuMs(pid);
  const result = await load(server.port, server.target.requests, DURATION);
  const turns = result.requests.total;
  server.runs.push({
    requestsPerSecond: turns / DURATION,
    p50: result.latency.p50,
    p99: result.latency.p99,
    turns,
    failures: failures.count + result.errors + result.timeouts + result.non2xx,
    cpuMsPerTurn: (cpuMs(pid) - cpuBefore) / Math.max(1, turns),
  });
  const run = server.runs.at(-1)!;
  process.stderr.write(`  ${server.target.name} run ${server.runs.length}: ${Math.round(run.requestsPerSecond)} turns/s, p99 ${run.p99} ms, failures ${run.failures}\n`);
}

async function finish(server: Running): Promise<TargetResult> {
  const { runs } = server;
  const peak = peakRssMb(server.child.pid!);
  await stop(server.child);
  const byThroughput = [...runs].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  const medianOf = (key: keyof Run) => [...runs].map((r) => r[key]).sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
  return {
    name: server.target.name,
    runs,
    median: {
      requestsPerSecond: byThroughput[Math.floor(runs.length / 2)]!.requestsPerSecond,
      p50: medianOf('p50'),
      p99: medianOf('p99'),
      turns: medianOf('turns'),
      failures: runs.reduce((n, r) => n + r.failures, 0),
      cpuMsPerTurn: medianOf('cpuMsPerTurn'),
    },
    peakRssMb: peak,
  };
}

/**
 * All three servers are started and warmed up, then loaded in turn, round after round: the machine's
 * speed drifts (these are shared virtual machines), and interleaving makes each round's ratio fair.
 */
async function benchAll(targets: Target[]): Promise<TargetResult[]> {
  const servers: Running[] = [];
  for (const target of targets) {
    process.stderr.write(`warming up ${target.name}...\n`);
    servers.push(await warmUp(target));
  }
  for (let round = 0; round < REPETITIONS; round++) for (const server of servers) await measureOnce(server);
  const results: TargetResult[] = [];
  for (const server of servers) results.push(await finish(server));
  return results;
}

/** Spawn to first served reply, each server in turn, `times` rounds (interleaved, as the load is). */
async function startupTimes(targets: Target[], times: number): Promise<Record<string, number[]>> {
  const all: Record<string, number[]> = Object.fromEntries(targets.map((t) => [t.name, []]));
  for (let i = 0; i < times; i++) {
    for (const target of targets) {
      const { child, port, spawnedAt } = start(target.script);
      all[target.name]!.push(await firstReply(port, spawnedAt, child));
      await stop(child);
    }
  }
  return all;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function recognizerCost(count = 10_000): { medianUs: number; p99Us: number; messages: number } {
  const k = loadKnowledge();
  const cases = loadSafetyCases();
  const recognizer = Recognizer.fromKnowledge(k);
  // The held-out messages are what people really type (lengths, typos, rambling): most of the pool.
  const pool = [...evaluationTexts(), ...k.intents.flatMap((i) => i.utterances), ...cases.emergencies, ...cases.not_emergencies, 'purple monkey dishwasher', 'theres a man with a knfie outsde'];
  for (let i = 0; i < 2000; i++) recognizer.recognize(pool[i % pool.length]!);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    // A varied message each time, so a cache cannot flatter the figure.
    const text = `${pool[i % pool.length]!} ${i % 7 === 0 ? 'please' : ''}`.trim();
    const t0 = process.hrtime.bigint();
    recognizer.recognize(text);
    times.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  return { medianUs: times[Math.floor(count / 2)]!, p99Us: times[Math.floor(count * 0.99)]!, messages: count };
}

async function profileOurs(): Promise<ProfileSummary> {
  const dir = join(root, 'reports', 'profile');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const preload = join(dist, 'scripts', 'bench', 'exitOnSignal.js');
  // The unbundled build: same code, but the profile can name each function's package.
  const { child, port, spawnedAt } = start(join(dist, 'src', 'index.js'), ['--require', preload, '--cpu-prof', `--cpu-prof-dir=${dir}`]);
  await firstReply(port, spawnedAt, child);
  failures.count = 0;
  const result = await load(port, ourRequests(), DURATION);
  await stop(child);
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('no CPU profile written');
  return summariseProfile(JSON.parse(readFileSync(join(dir, file), 'utf8')) as never, result.requests.total, join('reports', 'profile', file));
}

// --- report --------------------------------------------------------------------------------------

const fixed = (n: number, digits = 0) => n.toFixed(digits);


function markdown(results: TargetResult[], startup: Record<string, number>, recognizer: ReturnType<typeof recognizerCost>, profile?: ProfileSummary): string {
  const [ceiling, echo, ours] = results as [TargetResult, TargetResult, TargetResult];
  const throughput = ours.median.requestsPerSecond / echo.median.requestsPerSecond;
  const p99 = ours.median.p99 / echo.median.p99;
  const lines = [
    `Benchmark of ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; ` +
      `${CONNECTIONS} connections, ${DURATION} s x ${REPETITIONS} after a ${WARMUP} s warm-up, medians; load generator on the same machine; ` +
      `every server run with the node flags of \`npm start\`: ${NODE_ARGS.join(' ') || 'none'}.`,
    '',
    '| server | turns/s | p50 ms | p99 ms | CPU ms/turn | peak RSS MB | failures |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...results.map((r) => `| ${r.name} | ${fixed(r.median.requestsPerSecond)} | ${r.median.p50} | ${r.median.p99} | ${fixed(r.median.cpuMsPerTurn, 3)} | ${fixed(r.peakRssMb)} | ${r.median.failures} |`),
    '',
    `| ratio | throughput | p99 |`,
    '|---|---:|---:|',
    `| ours / echo bot | ${fixed(throughput, 2)}x (${targetNote('throughputVsEcho', throughput, 'x')}) | ${fixed(p99, 2)}x (${targetNote('p99VsEcho', p99, 'x')}) |`,
    `| ours / ceiling | ${fixed(ours.median.requestsPerSecond / ceiling.median.requestsPerSecond, 2)}x | ${fixed(ours.median.p99 / ceiling.median.p99, 2)}x |`,
    `| echo / ceiling | ${fixed(echo.median.requestsPerSecond / ceiling.median.requestsPerSecond, 2)}x | ${fixed(echo.median.p99 / ceiling.median.p99, 2)}x |`,
    '',
    `Start-up, spawn to first served reply (median of ${STARTUPS}): ours ${fixed(startup.ours!)} ms (${targetNote('startMs', startup.ours!, ' ms', 0)}), echo bot ${fixed(startup.echo!)} ms, ceiling ${fixed(startup.ceiling!)} ms.`,
    '',
    `Recognizer (normalise, annotate, danger, topic, slots), ${recognizer.messages} messages: median ${fixed(recognizer.medianUs, 1)} us (${targetNote('recognizerMedianUs', recognizer.medianUs, ' us', 0)}), p99 ${fixed(recognizer.p99Us, 1)} us.`,
    '',
    `Peak RSS of our bot under load: ${fixed(ours.peakRssMb)} MB (${targetNote('peakRssMb', ours.peakRssMb, ' MB', 0)}).`,
  ];
  if (profile) {
    lines.push('', `CPU profile of our bot under load (${profile.file}): where the time goes, share of busy samples`, '');
    lines.push('| area | share |', '|---|---:|', ...profile.areas.slice(0, 12).map((a) => `| ${a.area} | ${fixed(a.share * 100, 1)}% |`));
    lines.push('', 'Top functions by self time:', '', '| function | where | share |', '|---|---|---:|');
    lines.push(...profile.functions.slice(0, 12).map((f) => `| ${f.name} | ${f.where} | ${fixed(f.share * 100, 1)}% |`));
  }
  return lines.join('\n') + '\n';
}

async function main(): Promise<void> {
  if (args['profile-only']) {
    // A quick look at where a turn's time goes, without the comparison runs.
    const profile = await profileOurs();
    console.log(profile.areas.slice(0, 15).map((a) => `${fixed(a.share * 100, 1).padStart(5)}%  ${a.area}`).join('\n'));
    console.log(profile.functions.slice(0, 25).map((f) => `${fixed(f.share * 100, 1).padStart(5)}%  ${f.name}  ${f.where}`).join('\n'));
    return;
  }
  const targets: Target[] = [
    { name: 'ceiling', script: join(dist, 'scripts', 'bench', 'ceilingServer.js'), requests: ceilingRequests() },
    { name: 'echo', script: join(dist, 'scripts', 'bench', 'echoBotServer.js'), requests: echoRequests() },
    { name: 'ours', script: START.entry, requests: ourRequests() },
  ];
  const results = await benchAll(targets);
  process.stderr.write('start-up times...\n');
  const startupAll = await startupTimes(targets, STARTUPS);
  const startup = Object.fromEntries(Object.entries(startupAll).map(([name, all]) => [name, median(all)]));
  process.stderr.write('recognizer...\n');
  const recognizer = recognizerCost();
  const profile = args.profile ? await profileOurs() : undefined;
  const report = markdown(results, startup, recognizer, profile);
  console.log(report);
  const reports = join(root, 'reports');
  mkdirSync(reports, { recursive: true });
  writeFileSync(join(reports, 'bench.md'), report);
  writeFileSync(
    join(reports, 'bench.json'),
    JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpus().length, connections: CONNECTIONS, duration: DURATION, repetitions: REPETITIONS, results, startup, startupAll, recognizer, profile }, null, 2),
  );
  console.log('written: reports/bench.md, reports/bench.json');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
