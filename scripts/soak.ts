/**
 * `npm run soak`: the bot as `npm start` runs it, under sustained mixed traffic for a bounded time
 * (default 60 s): whole conversations to every channel with emergency interrupts (every reply checked),
 * and bad input mixed in (broken JSON, wrong content type, oversized bodies, replies aimed at a foreign
 * service URL), each of which must get its 4xx. Reports turns, errors (must be 0), p50/p99 latency and
 * the process's memory over time, and whether memory levelled off. The in-memory store is capped at
 * MEMORY_MAX_CONVERSATIONS (10,000 here, default 100,000), so a run long enough reaches the cap.
 *   npm run soak -- --seconds 60 --connections 10
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { projectRoot } from '../src/projectRoot';
import { CONVERSATIONS, JSON_HEADERS, activityJson, conversationRequests, repliesContain } from './bench/conversations';
import { startBot } from './botProcess';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    connections: { type: 'string', default: '10' },
    'max-conversations': { type: 'string', default: '10000' },
  },
});
const SECONDS = Number(args.seconds);
const root = projectRoot();

const errors = { count: 0, kinds: new Map<string, number>() };
function error(kind: string): void {
  errors.count++;
  errors.kinds.set(kind, (errors.kinds.get(kind) ?? 0) + 1);
}

function expectReply(expected: string): autocannon.Request['onResponse'] {
  return (status, body) => {
    if (status !== 200) error(`conversation turn answered ${status}`);
    else if (!repliesContain(body, expected)) error(`reply without "${expected}"`);
  };
}

function expectStatus(expected: number): autocannon.Request['onResponse'] {
  return (status) => {
    if (status !== expected) error(`bad input answered ${status}, not ${expected}`);
  };
}

function requests(): autocannon.Request[] {
  const conversations = conversationRequests(`soak-${process.pid}`, expectReply);
  const bad: autocannon.Request[] = [
    { method: 'POST', path: '/api/messages', headers: JSON_HEADERS, body: '{"type":"message","text":', onResponse: expectStatus(400) },
    { method: 'POST', path: '/api/messages', headers: { 'content-type': 'text/plain' }, body: 'hello', onResponse: expectStatus(415) },
    { method: 'POST', path: '/api/messages', headers: JSON_HEADERS, body: activityJson('soak-big', 'x'.repeat(70_000)), onResponse: expectStatus(413) },
    {
      method: 'POST',
      path: '/api/messages',
      headers: JSON_HEADERS,
      body: activityJson('soak-foreign', 'hello', { deliveryMode: 'normal', serviceUrl: 'https://attacker.example/' }),
      onResponse: expectStatus(403),
    },
  ];
  // One bad request after each conversation.
  const perConversation = CONVERSATIONS[0]!.length;
  const mixed: autocannon.Request[] = [];
  conversations.forEach((request, i) => {
    mixed.push(request);
    if ((i + 1) % perConversation === 0) mixed.push(bad[(i / perConversation) % bad.length | 0]!);
  });
  return mixed;
}

interface Sample {
  second: number;
  rssMb: number;
}

async function main(): Promise<void> {
  // The load comes from one address standing for many people (as the Bot Service does): no per-address limit.
  const bot = await startBot(22_000 + (process.pid % 1000), { MEMORY_MAX_CONVERSATIONS: args['max-conversations'], CLIENT_RATE_LIMIT_PER_MINUTE: '0' });
  const samples: Sample[] = [{ second: 0, rssMb: bot.rssMb() }];
  const started = Date.now();
  const sampler = setInterval(() => samples.push({ second: Math.round((Date.now() - started) / 1000), rssMb: bot.rssMb() }), 1000);
  process.stderr.write(`soak: ${SECONDS} s, ${args.connections} connections, mixed conversations and bad input...\n`);
  const result = await autocannon({ url: bot.url, connections: Number(args.connections), duration: SECONDS, requests: requests(), timeout: 10 });
  clearInterval(sampler);
  samples.push({ second: SECONDS, rssMb: bot.rssMb() });
  await bot.stop();

  const failures = errors.count + result.errors + result.timeouts;
  const third = Math.floor(samples.length / 3);
  const mean = (xs: Sample[]) => xs.reduce((n, s) => n + s.rssMb, 0) / Math.max(1, xs.length);
  const middle = mean(samples.slice(third, 2 * third));
  const last = mean(samples.slice(2 * third));
  const growth = (last - middle) / middle;
  const summary = {
    date: new Date().toISOString(),
    seconds: SECONDS,
    connections: Number(args.connections),
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.total / SECONDS),
    errors: failures,
    errorKinds: Object.fromEntries(errors.kinds),
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    memoryMb: { start: Math.round(samples[0]!.rssMb), end: Math.round(samples.at(-1)!.rssMb), peak: Math.round(Math.max(...samples.map((s) => s.rssMb))) },
    lastThirdVsMiddleThird: `${(growth * 100).toFixed(1)}%`,
    memoryLevelledOff: growth < 0.1,
  };
  const lines = [
    `Soak ${summary.date.slice(0, 10)}: ${SECONDS} s, ${summary.connections} connections, the bot as npm start runs it.`,
    `requests ${summary.requests} (${summary.requestsPerSecond}/s, one in six of them bad input), errors ${failures}`,
    `latency p50 ${summary.latencyMs.p50} ms, p99 ${summary.latencyMs.p99} ms, max ${summary.latencyMs.max} ms`,
    `memory (RSS) start ${summary.memoryMb.start} MB, end ${summary.memoryMb.end} MB, peak ${summary.memoryMb.peak} MB; ` +
      `last third vs middle third ${summary.lastThirdVsMiddleThird} (${summary.memoryLevelledOff ? 'levelled off' : 'STILL GROWING'})`,
  ];
  if (failures > 0) lines.push(`error kinds: ${JSON.stringify(summary.errorKinds)}`);
  console.log(lines.join('\n'));
  mkdirSync(join(root, 'reports'), { recursive: true });
  writeFileSync(join(root, 'reports', 'soak.json'), JSON.stringify({ ...summary, samples }, null, 2));
  console.log('written: reports/soak.json');
  process.exitCode = failures > 0 || !summary.memoryLevelledOff ? 1 : 0;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
