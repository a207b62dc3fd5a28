/**
 * `npm run attack`: hostile traffic, as an attacker on the public website would send it, against the bot
 * as `npm start` runs it, on loopback only and bounded in time (about 90 s with the default minute of
 * flood). Prints each attack, what it expected and what happened, then memory figures; exit 1 if any did
 * not hold. Three processes: the defaults (local mode); one with no per-address limit, standing for many
 * addresses (the conversation flood, with the default store bounds, and SIGTERM under load); and one with
 * credentials (tokens: only ones refused before any key fetch, so no traffic leaves the machine).
 *   npm run attack -- --flood-seconds 60
 */
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { MAX_BODY_BYTES, MAX_ID_CHARS } from '../src/server';
import { startBot, type BotProcess } from './botProcess';
import { startCommand } from './startCommand';

/** npm start's --max-old-space-size. */
const HEAP_LIMIT_MB = Number(/--max-old-space-size=(\d+)/.exec(startCommand().flags.join(' '))?.[1] ?? NaN);
const { values: args } = parseArgs({ options: { 'flood-seconds': { type: 'string', default: '60' }, connections: { type: 'string', default: '16' } } });
const FLOOD_SECONDS = Number(args['flood-seconds']);
const PORT = 23_000 + (process.pid % 500) * 4;
/** Nothing here may run longer than this; then every process is stopped and the run fails. */
const DEADLINE_MS = (FLOOD_SECONDS + 120) * 1000;

// --- what was tried, and what held ----------------------------------------------------------------

interface Row {
  attack: string;
  expected: string;
  got: string;
  held: boolean;
}
const rows: Row[] = [];

function record(attack: string, expected: string, got: string, held: boolean): void {
  rows.push({ attack, expected, got, held });
  process.stderr.write(`${held ? 'held ' : 'FAIL '} ${attack}: ${got}\n`);
}

// --- raw HTTP ------------------------------------------------------------------------------------

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  ms: number;
  /** The error code when there was no answer (ECONNRESET, ECONNREFUSED, ...). */
  code?: string;
}

interface Send {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** false: send the headers and body but never finish the request. */
  end?: boolean;
  agent?: Agent | false;
}

function send(url: string, { method = 'POST', path = '/api/messages', headers = {}, body, end = true, agent = false }: Send = {}): Promise<Answer> {
  const started = Date.now();
  return new Promise((resolve) => {
    const req = request(`${url}${path}`, { method, agent, headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString(), ms: Date.now() - started }));
      res.on('error', (error: NodeJS.ErrnoException) => resolve({ status: 0, headers: {}, text: '', ms: Date.now() - started, code: error.code ?? error.message }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ status: 0, headers: {}, text: '', ms: Date.now() - started, code: error.code ?? error.message }));
    if (body !== undefined) req.write(body);
    if (end) req.end();
  });
}

let conversation = 0;
function activity(text: string, extra: Record<string, unknown> = {}): string {
  conversation++;
  return JSON.stringify({
    type: 'message',
    text,
    deliveryMode: 'expectReplies',
    channelId: 'webchat',
    serviceUrl: 'http://127.0.0.1:9',
    conversation: { id: `attack-${process.pid}-${conversation}` },
    from: { id: 'attacker' },
    recipient: { id: 'bot' },
    ...extra,
  });
}

/** A real message still gets its reply (with 999), quickly. */
async function stillServes(bot: BotProcess): Promise<string | undefined> {
  const answer = await send(bot.url, { body: activity('there is a man with a knife outside my house') });
  return answer.status === 200 && answer.text.includes('Call 999 now') ? undefined : `then a real message got ${answer.status || answer.code}`;
}

/** Sends, then checks the status, then that the bot still serves. */
async function expectStatus(bot: BotProcess, attack: string, request: Send, expected: number, check?: (a: Answer) => string | undefined): Promise<Answer> {
  const answer = await send(bot.url, request);
  const problem = (answer.status !== expected ? `status ${answer.status || answer.code}` : check?.(answer)) ?? (await stillServes(bot));
  record(attack, String(expected), problem ?? `${answer.status} in ${answer.ms} ms, still serving`, problem === undefined);
  return answer;
}

async function peakRssWhile<T>(bot: BotProcess, run: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peakMb = bot.rssMb();
  const sampler = setInterval(() => (peakMb = Math.max(peakMb, bot.rssMb())), 10);
  try {
    const result = await run();
    return { result, peakMb: Math.max(peakMb, bot.rssMb()) };
  } finally {
    clearInterval(sampler);
  }
}

const memory: string[] = [];

// --- the attacks ---------------------------------------------------------------------------------

async function bodies(bot: BotProcess): Promise<void> {
  await expectStatus(bot, 'malformed JSON', { body: '{"type":"message",' }, 400);
  await expectStatus(bot, 'gzip header on a body that is not gzip (used to end the process)', { headers: { 'Content-Encoding': 'gzip' }, body: 'not gzip at all' }, 400);
  await expectStatus(bot, 'a real gzip body', { headers: { 'Content-Encoding': 'gzip' }, body: gzipSync(activity('hello')) }, 200);
  for (const encoding of ['deflate', 'br', 'gzip, gzip', 'compress'])
    await expectStatus(bot, `Content-Encoding: ${encoding}`, { headers: { 'Content-Encoding': encoding }, body: '{}' }, 415);
  await expectStatus(bot, `a 70 KB body (limit ${MAX_BODY_BYTES / 1024} KB)`, { body: activity('x'.repeat(70_000)) }, 413);
  await expectStatus(bot, 'a body declared as 1 GB', { headers: { 'Content-Length': String(1024 ** 3) }, body: '{', end: false }, 413, (a) => (a.headers.connection === 'close' ? undefined : 'connection kept open'));
  await expectStatus(bot, 'JSON nested 32,000 deep', { body: '['.repeat(32_000) + ']'.repeat(32_000) }, 400);
  const deep = `{"type":"message","text":"hi","deliveryMode":"expectReplies","conversation":{"id":"deep-${process.pid}"},"channelData":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
  const deepAnswer = await send(bot.url, { body: deep });
  const deepProblem = deepAnswer.status >= 500 || deepAnswer.status === 0 ? `status ${deepAnswer.status || deepAnswer.code}` : await stillServes(bot);
  record('an activity carrying 20,000-deep channelData', '2xx or 4xx', deepProblem ?? `${deepAnswer.status}, still serving`, deepProblem === undefined);
  await expectStatus(bot, 'odd unicode in text and ids (RTL override, NUL, lone surrogate, emoji)', { body: activity('\u202e\u0000\ud800🔪 café', { conversation: { id: `ü\u202e😀-${process.pid}` } }) }, 200);
  await expectStatus(bot, `a conversation id over ${MAX_ID_CHARS.conversation} characters`, { body: activity('hi', { conversation: { id: 'x'.repeat(MAX_ID_CHARS.conversation + 1) } }) }, 400);

  // 64 at once: each 61 KB that would inflate to 63 MB.
  const bomb = gzipSync(Buffer.alloc(63_000_000, 32));
  const before = bot.rssMb();
  const { result, peakMb } = await peakRssWhile(bot, () => Promise.all(Array.from({ length: 64 }, () => send(bot.url, { headers: { 'Content-Encoding': 'gzip' }, body: bomb }))));
  const refused = result.filter((a) => a.status === 413).length;
  const problem = refused !== 64 ? `${refused}/64 refused` : peakMb >= 200 ? `RSS peaked at ${Math.round(peakMb)} MB` : await stillServes(bot);
  record(`64 concurrent gzip bombs (${Math.round(bomb.length / 1024)} KB -> 63 MB each)`, '413 each, RSS < 200 MB', problem ?? `64 x 413; RSS ${Math.round(before)} -> peak ${Math.round(peakMb)} MB`, problem === undefined);
  memory.push(`64 concurrent gzip bombs: RSS ${Math.round(before)} MB before, peak ${Math.round(peakMb)} MB, ${Math.round(bot.rssMb())} MB after`);
}

/** Connections that never finish: a body shorter than its Content-Length, and headers sent a byte at a time. */
async function slowClients(bot: BotProcess): Promise<void> {
  const port = Number(new URL(bot.url).port);
  const slowloris = (n: number) =>
    Array.from({ length: n }, () => {
      const started = Date.now();
      return new Promise<number>((resolve) => {
        const socket = connect(port, '127.0.0.1', () => socket.write('POST /api/messages HTTP/1.1\r\nHost: x\r\n'));
        const drip = setInterval(() => socket.write('X-Drip: 1\r\n'), 500);
        socket.on('error', () => undefined);
        socket.on('close', () => {
          clearInterval(drip);
          resolve(Date.now() - started);
        });
        socket.resume();
        setTimeout(() => socket.destroy(), 30_000).unref();
      });
    });
  const shortBodies = Array.from({ length: 20 }, () => send(bot.url, { headers: { 'Content-Length': '500' }, body: '{"type":"mess', end: false }));
  const drips = slowloris(20);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const during = await stillServes(bot);
  record('a real message while 40 slow clients hold connections', '200 at once', during ?? 'served', during === undefined);
  const short = await Promise.all(shortBodies);
  const worst = Math.max(...short.map((a) => a.ms));
  const shortHeld = short.every((a) => a.status === 408) && worst < 7_000;
  record('20 bodies shorter than their Content-Length (used to be held 40+ s)', '408 within ~5 s', `${short.filter((a) => a.status === 408).length}/20 got 408, slowest ${worst} ms`, shortHeld);
  const closedAfter = await Promise.all(drips);
  const slowest = Math.max(...closedAfter);
  record('20 slowloris connections (a header line every 0.5 s)', 'closed within ~11 s', `all closed, slowest after ${slowest} ms`, slowest < 12_500);
}

async function routingAndHeaders(bot: BotProcess): Promise<void> {
  const hostile = 'evil.example"</script><script>alert(1)</script>';
  const embed = await send(bot.url, { method: 'GET', path: '/embed.js', headers: { Host: hostile } });
  const corp = embed.headers['cross-origin-resource-policy'];
  const embedHeld = embed.status === 200 && !embed.text.includes('evil.example') && corp === 'cross-origin';
  record('/embed.js with a hostile Host header', 'configured origin only; one CORP header', `${embed.status}, host ${embed.text.includes('evil.example') ? 'WRITTEN INTO THE SCRIPT' : 'not used'}, CORP ${String(corp)}`, embedHeld);
  const vendor = await send(bot.url, { method: 'GET', path: '/webchat/vendor/webchat-minimal.js', headers: { 'Accept-Encoding': 'br, gzip' } });
  const cache = String(vendor.headers['cache-control']);
  record('Web Chat bundle caching', 'no year-long cache', `${vendor.status}, Cache-Control: ${cache}`, vendor.status !== 200 || !/max-age=\d{7,}|immutable/.test(cache));
  for (const [what, req] of [
    ['a conversation turn', { body: activity('hello') }],
    ['a refusal', { body: '{' }],
    ['an unknown route', { method: 'GET', path: '/wp-login.php' }],
  ] as const) {
    const answer = await send(bot.url, req);
    const ok = answer.headers['cache-control'] === 'no-store' && answer.headers['x-content-type-options'] === 'nosniff';
    record(`headers on ${what}`, 'no-store, nosniff', `${answer.status}: ${String(answer.headers['cache-control'])}, ${String(answer.headers['x-content-type-options'])}`, ok);
  }
  await expectStatus(bot, 'a wrong method on /api/messages', { method: 'DELETE' }, 405);
  await expectStatus(bot, 'a path with broken percent-encoding', { method: 'GET', path: '/%E0%A4%A' }, 404);
}

async function localMode(bot: BotProcess): Promise<void> {
  await expectStatus(bot, 'local mode: no serviceUrl, replies not in the response (used to call the public service, 4-11 s)', { body: activity('hello', { deliveryMode: 'normal', serviceUrl: undefined }) }, 400, (a) =>
    a.ms < 500 ? undefined : `took ${a.ms} ms`,
  );
  for (const serviceUrl of ['http://127.0.0.1:8080/admin/delete', 'http://127.0.0.1:22', `http://127.0.0.1:${new URL(bot.url).port}`, 'https://attacker.example/'])
    await expectStatus(bot, `local mode: serviceUrl ${serviceUrl}`, { body: activity('hello', { deliveryMode: 'normal', serviceUrl }) }, 403);
}

async function tokens(bot: BotProcess): Promise<void> {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: 'https://api.botframework.com', aud: 'attack-app', exp: now + 3600 };
  for (const [what, authorization] of [
    ['no token', undefined],
    ['not a JWT', 'Bearer not-a-token'],
    ['alg none', `Bearer ${part({ alg: 'none', kid: 'k' })}.${part(claims)}.`],
    ['no key id', `Bearer ${part({ alg: 'RS256' })}.${part(claims)}.c2ln`],
    ['expired', `Bearer ${part({ alg: 'RS256', kid: 'k' })}.${part({ ...claims, exp: now - 3600 })}.c2ln`],
    ['a 10 KB header', `Bearer ${'a'.repeat(10_000)}.b.c`],
  ] as const) {
    const answer = await send(bot.url, { body: activity('hello', { serviceUrl: 'https://smba.trafficmanager.net/emea/' }), headers: authorization ? { Authorization: authorization } : {} });
    record(`credentials set, token: ${what}`, '401 at once', `${answer.status} in ${answer.ms} ms`, answer.status === 401 && answer.ms < 500);
  }
  const fetched = bot.output().includes('could not fetch the Bot Framework signing keys');
  record('credentials set: outbound key fetches for those tokens', 'none', fetched ? 'a key fetch was tried' : 'none (no warning logged)', !fetched);
}

async function rateLimits(local: BotProcess, open: BotProcess): Promise<void> {
  // Per conversation (the process without a per-address limit): 30 a minute, then 429 every time.
  const id = `flooded-${process.pid}`;
  const answers: Answer[] = [];
  for (let i = 0; i < 35; i++) answers.push(await send(open.url, { body: activity('hello', { conversation: { id } }) }));
  const over = answers.filter((a) => a.status === 429);
  const carries = over.every((a) => a.headers['retry-after'] && a.text.includes('999') && a.text.includes('101'));
  record('35 messages in one conversation (limit 30 a minute)', '429 + Retry-After + 999/101 each time over', `${answers.filter((a) => a.status === 200).length} x 200, ${over.length} x 429${carries ? ', each with Retry-After, 999 and 101' : ', NOT all with Retry-After, 999 and 101'}`, over.length === 5 && carries);
  // Per client address (the defaults: 120 a minute), a new conversation every time.
  const burst = await Promise.all(Array.from({ length: 140 }, () => send(local.url, { body: activity('hello') })));
  const limited = burst.filter((a) => a.status === 429);
  const ok = limited.length >= 20 && limited.every((a) => a.headers['retry-after'] && a.text.includes('999') && a.text.includes('101'));
  record('140 new conversations from one address at once (limit 120 a minute)', '429 + Retry-After + 999/101 over the limit', `${burst.filter((a) => a.status === 200).length} x 200, ${limited.length} x 429`, ok);
}

/** A conversation flood with the longest ids allowed, from "many addresses" (no per-address limit). */
async function flood(bot: BotProcess): Promise<void> {
  const long = (n: number, seed: string) => seed.padEnd(n, 'x');
  let n = 0;
  const statuses = new Map<number, number>();
  const samples: number[] = [bot.rssMb()];
  const sampler = setInterval(() => samples.push(bot.rssMb()), 1000);
  process.stderr.write(`flood: ${FLOOD_SECONDS} s of new conversations with maximal ids, ${args.connections} connections...\n`);
  const result = await autocannon({
    url: bot.url,
    connections: Number(args.connections),
    duration: FLOOD_SECONDS,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/api/messages',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => {
          n++;
          const id = `${n}-${process.pid}-`;
          return {
            ...req,
            body: JSON.stringify({
              type: 'message',
              text: 'Report a hate crime',
              deliveryMode: 'expectReplies',
              channelId: long(MAX_ID_CHARS.channel, 'webchat-'),
              serviceUrl: long(MAX_ID_CHARS.serviceUrl, 'http://127.0.0.1:9/'),
              conversation: { id: long(MAX_ID_CHARS.conversation, id) },
              from: { id: long(MAX_ID_CHARS.account, id) },
              recipient: { id: long(MAX_ID_CHARS.account, 'bot') },
            }),
          };
        },
        onResponse: (status) => {
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        },
      },
    ],
  });
  clearInterval(sampler);
  samples.push(bot.rssMb());
  const alive = bot.child.exitCode === null && (await stillServes(bot)) === undefined;
  const third = Math.floor(samples.length / 3);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const growth = (mean(samples.slice(2 * third)) - mean(samples.slice(third, 2 * third))) / mean(samples.slice(third, 2 * third));
  const peak = Math.max(...samples);
  const failures = result.errors + result.timeouts + [...statuses].filter(([status]) => status !== 200).reduce((a, [, count]) => a + count, 0);
  record(
    `${FLOOD_SECONDS} s flood of new conversations, ids at their maximum`,
    'all served, process up, memory flat',
    `${result.requests.total} conversations (${Math.round(result.requests.total / FLOOD_SECONDS)}/s), ${failures} failures, ${alive ? 'still serving' : 'DOWN'}; RSS peak ${Math.round(peak)} MB, last third vs middle ${(growth * 100).toFixed(1)}%`,
    alive && failures === 0 && growth < 0.1,
  );
  // --trace-gc lines: "Mark-Compact 120.1 (150.3) -> 80.2 (151.0) MB": the heap before and after a full collection.
  const fullGcs = [...bot.output().matchAll(/Mark-Compact(?: \(reduce\))? ([\d.]+) \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB/g)].map((m) => ({ before: Number(m[1]), after: Number(m[2]) }));
  const heap = fullGcs.length > 0 ? `; V8 heap at most ${Math.round(Math.max(...fullGcs.map((g) => g.before)))} MB before a full collection, ${Math.round(fullGcs.at(-1)!.after)} MB live after the last (limit ${HEAP_LIMIT_MB})` : '';
  memory.push(`flood (${result.requests.total} new conversations with maximal ids): RSS ${Math.round(samples[0]!)} MB at start, peak ${Math.round(peak)} MB, end ${Math.round(samples.at(-1)!)} MB, last third vs middle third ${(growth * 100).toFixed(1)}%${heap}`);
}

/** SIGTERM while 32 keep-alive connections keep sending: every request answered or refused at connect. */
async function sigtermUnderLoad(bot: BotProcess): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 32 });
  const tally = new Map<string, number>();
  const count = (key: string) => tally.set(key, (tally.get(key) ?? 0) + 1);
  let stopSending = false;
  const loop = async () => {
    while (!stopSending) {
      const answer = await send(bot.url, { body: activity('Report a hate crime'), agent });
      if (answer.status) count(answer.status === 503 && answer.headers.connection === 'close' ? '503 + close' : answer.headers.connection === 'close' ? `${answer.status} + close` : String(answer.status));
      else count(answer.code ?? 'error');
      if (answer.code === 'ECONNREFUSED') return;
    }
  };
  const loops = Array.from({ length: 32 }, loop);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const signalled = Date.now();
  bot.child.kill('SIGTERM');
  const exitCode = await bot.exited;
  const stoppedMs = Date.now() - signalled;
  stopSending = true;
  await Promise.all(loops);
  agent.destroy();
  const lost = [...tally].filter(([key]) => !/^(200|503)( \+ close)?$/.test(key) && key !== 'ECONNREFUSED').reduce((a, [, c]) => a + c, 0);
  const summary = [...tally].map(([key, c]) => `${key}: ${c}`).join(', ');
  record('SIGTERM under load (32 keep-alive connections)', 'every request answered (200, or 503 + close) or refused at connect; exit 0', `${summary}; exit ${exitCode} after ${stoppedMs} ms`, lost === 0 && exitCode === 0);
}

async function main(): Promise<void> {
  const started = Date.now();
  const watchdog = setTimeout(() => {
    console.error(`attack: over ${DEADLINE_MS / 1000} s, stopping`);
    process.exit(1);
  }, DEADLINE_MS);
  watchdog.unref();
  const local = await startBot(PORT);
  // --trace-gc: the heap after each full collection, to compare with the limit.
  const open = await startBot(PORT + 1, { CLIENT_RATE_LIMIT_PER_MINUTE: '0' }, true, ['--trace-gc']);
  const credentialed = await startBot(PORT + 2, { MicrosoftAppId: 'attack-app', MicrosoftAppPassword: 'not-used', MicrosoftAppTenantId: 'tenant', HOST: '127.0.0.1' }, true);
  const bots = [local, open, credentialed];
  try {
    const startMb = local.rssMb();
    await bodies(local);
    await slowClients(local);
    await routingAndHeaders(local);
    await localMode(local);
    await tokens(credentialed);
    await rateLimits(local, open);
    memory.unshift(`local-mode process after the body, slow-client, routing and rate-limit attacks: RSS ${Math.round(startMb)} MB at start, ${Math.round(local.rssMb())} MB at the end`);
    await flood(open);
    await sigtermUnderLoad(open);
  } finally {
    await Promise.all(bots.map((bot) => bot.stop()));
  }
  const failed = rows.filter((r) => !r.held);
  const width = Math.max(...rows.map((r) => r.attack.length));
  console.log(`Attack ${new Date().toISOString().slice(0, 10)}: the bot as npm start runs it, on loopback, ${Math.round((Date.now() - started) / 1000)} s.`);
  for (const r of rows) console.log(`${r.held ? 'held' : 'FAIL'}  ${r.attack.padEnd(width)}  expected ${r.expected}; got ${r.got}`);
  for (const line of memory) console.log(`memory: ${line}`);
  console.log(`${rows.length - failed.length} held, ${failed.length} failed`);
  process.exitCode = failed.length > 0 ? 1 : 0;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
