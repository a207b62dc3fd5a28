/** The real service (makeApp, as index.ts builds it) on port 0, and small HTTP helpers for the tests. */
import type { Activity } from 'botbuilder';
import type { Server } from 'restify';
import { request } from 'node:http';
import { Writable } from 'node:stream';
import { makeApp, type App, type AppOptions } from '../../src/app';
import { loadConfig } from '../../src/config';
import { makeLogger } from '../../src/logger';
import { realKnowledge, realRecognizer } from '../helpers';

export interface Started {
  app: App;
  server: Server;
  url: string;
  logs: string[];
}

export async function startApp(options: Partial<AppOptions> = {}, env: Record<string, string> = {}): Promise<Started> {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const config = loadConfig(env);
  const logger = makeLogger('trace', sink, { logUserText: config.logUserText });
  const app = makeApp({ config, knowledge: realKnowledge(), recognizer: realRecognizer(), logger, ...options });
  await new Promise<void>((resolve) => {
    app.server.listen(0, '127.0.0.1', () => resolve());
  });
  return { app, server: app.server, url: app.server.url, logs };
}

let conversation = 0;

/** Later activity() calls belong to a new conversation. */
export function newConversation(): void {
  conversation += 1;
}
export function activity(text: string, extra: Partial<Activity> = {}): Partial<Activity> {
  return {
    type: 'message',
    text,
    deliveryMode: 'expectReplies',
    channelId: 'webchat',
    serviceUrl: 'http://127.0.0.1:9',
    conversation: { id: `http-${conversation}` } as Activity['conversation'],
    from: { id: 'user-1', name: 'User' },
    recipient: { id: 'bot', name: 'Bot' },
    ...extra,
  };
}

export async function post(url: string, body: unknown, contentType = 'application/json') {
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, json: text ? (JSON.parse(text) as { activities?: Partial<Activity>[]; error?: string }) : {} };
}

export function replyText(json: { activities?: Partial<Activity>[] }): string {
  return (json.activities ?? []).filter((a) => a.type === 'message').map((a) => a.text).join('\n');
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One request with exactly these headers and body parts (written one after the other), on a new connection. */
export function raw(url: string, { method = 'POST', path = '/api/messages', headers = {}, parts = [] as (string | Buffer)[], end = true } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method, headers: { 'Content-Type': 'application/json', ...headers }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    for (const part of parts) req.write(part);
    if (end) req.end();
  });
}
