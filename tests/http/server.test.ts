/** The real server on port 0, real HTTP, real adapter and bot. */
import { ActivityHandler, ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import type { Server } from 'restify';
import { Writable } from 'node:stream';
import { makeLogger } from '../../src/logger';
import { makeOnTurnError } from '../../src/onTurnError';
import { MAX_BODY_BYTES, SignpostAdapter, makeServer } from '../../src/server';
import { realBot } from '../helpers';

interface Started {
  server: Server;
  url: string;
  logs: string[];
}

async function start(bot?: ActivityHandler): Promise<Started> {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const logger = makeLogger('debug', sink);
  const parts = realBot({ logger });
  const adapter = new SignpostAdapter(new ConfigurationBotFrameworkAuthentication({}));
  adapter.onTurnError = makeOnTurnError(parts.responder, parts.conversationState, logger);
  const server = makeServer({ adapter, bot: bot ?? parts.bot, logger });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return { server, url: server.url, logs };
}

let conversation = 0;
function activity(text: string, extra: Partial<Activity> = {}): Partial<Activity> {
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

async function post(url: string, body: unknown, contentType = 'application/json') {
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, json: text ? (JSON.parse(text) as { activities?: Partial<Activity>[]; error?: string }) : {} };
}

function replyText(json: { activities?: Partial<Activity>[] }): string {
  return (json.activities ?? []).filter((a) => a.type === 'message').map((a) => a.text).join('\n');
}

describe('HTTP server', () => {
  let s: Started;
  beforeAll(async () => {
    s = await start();
  });
  afterAll(() => {
    s.server.close();
  });
  beforeEach(() => {
    conversation += 1;
  });

  it('answers GET /healthz', async () => {
    const response = await fetch(`${s.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('returns the replies in the body with expectReplies', async () => {
    const { status, json } = await post(s.url, activity('hello'));
    expect(status).toBe(200);
    const messages = (json.activities ?? []).filter((a) => a.type === 'message');
    expect(messages.length).toBeGreaterThanOrEqual(2);
    expect(replyText(json)).toContain("I'm an automated helper");
    expect(messages[messages.length - 1]!.suggestedActions!.actions.map((a) => a.title)).toContain('Report a hate crime');
  });

  it('welcomes a person who opens the chat (conversationUpdate)', async () => {
    const { status, json } = await post(s.url, activity('', { type: 'conversationUpdate', text: undefined, membersAdded: [{ id: 'user-1', name: 'User' }] }));
    expect(status).toBe(200);
    const text = replyText(json);
    expect(text).toContain("can't take a report");
    expect(text).toContain('999');
  });

  it('answers an emergency with 999 on the first message', async () => {
    const { json } = await post(s.url, activity('there is a man with a knife outside my house'));
    expect(replyText(json)).toContain('Call 999 now');
  });

  it('carries a conversation across requests, to a channel', async () => {
    for (const [text, expected] of [
      ['Report a hate crime', 'is anyone in danger'],
      ['No', 'Did this happen to you'],
      ['I saw it happen', 'comfortable speaking to the police'],
      ['No', 'report-it.org.uk'],
    ] as const) {
      const { json } = await post(s.url, activity(text));
      expect(replyText(json)).toContain(expected);
    }
  });

  it('renders more than three buttons as a card in Teams', async () => {
    const { json } = await post(s.url, activity('hello', { channelId: 'msteams' }));
    const last = (json.activities ?? []).filter((a) => a.type === 'message').pop()!;
    expect(last.suggestedActions).toBeUndefined();
    expect(last.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.hero');
  });

  it('does not send the explanation trace to a public channel', async () => {
    const { json } = await post(s.url, activity('hello'));
    expect((json.activities ?? []).some((a) => a.type === 'trace')).toBe(false);
  });

  it.each([
    ['malformed JSON', '{"type": "message",', 'application/json', 400],
    ['JSON that is not an activity', { hello: 'world' }, 'application/json', 400],
    ['an activity with no conversation', { type: 'message', text: 'hi' }, 'application/json', 400],
    ['an activity whose type is not a string', { type: 42, conversation: { id: 'x' } }, 'application/json', 400],
    ['an empty body', '', 'application/json', 400],
    ['a body that is not JSON', 'type=message', 'application/x-www-form-urlencoded', 415],
  ])('answers %s with a 4xx', async (_what, body, contentType, expected) => {
    const { status, json } = await post(s.url, body, contentType);
    expect(status).toBe(expected);
    expect(typeof json.error).toBe('string');
  });

  it('refuses an oversized body with 413', async () => {
    const { status } = await post(s.url, activity('x'.repeat(MAX_BODY_BYTES + 10)));
    expect(status).toBe(413);
  });

  it('ignores odd activity types politely, and keeps serving', async () => {
    for (const type of ['typing', 'event', 'messageReaction', 'endOfConversation', 'installationUpdate', 'made-up']) {
      const { status } = await post(s.url, activity('', { type }));
      expect(status).toBeLessThan(300);
    }
    const { status } = await post(s.url, activity('', { type: 'invoke', name: 'unknown/invoke' }));
    expect(status).toBe(200);
    const again = await post(s.url, activity('hello'));
    expect(again.status).toBe(200);
  });

  it('answers a message with no text (an attachment) politely', async () => {
    const { status, json } = await post(s.url, activity('', { text: undefined, attachments: [{ contentType: 'image/png', contentUrl: 'http://127.0.0.1:9/x.png' }] }));
    expect(status).toBe(200);
    expect(replyText(json)).toContain('I can only read typed messages');
  });

  it('never logs what a person typed', async () => {
    const secret = 'my-secret-words-zebra';
    await post(s.url, activity(`I was abused ${secret}`));
    expect(s.logs.join('')).not.toContain(secret);
  });
});

describe('a turn that fails', () => {
  it('still shows 999 and 101, logs no user text, and the server keeps serving', async () => {
    class FailingBot extends ActivityHandler {
      constructor() {
        super();
        this.onMessage(() => {
          throw new Error('boom while reading the message');
        });
      }
    }
    const s = await start(new FailingBot());
    try {
      const { status, json } = await post(s.url, activity('they said zebra-secret to me'));
      expect(status).toBe(200);
      const text = replyText(json);
      expect(text).toContain('999');
      expect(text).toContain('101');
      const logs = s.logs.join('');
      expect(logs).toContain('turn failed');
      expect(logs).not.toContain('zebra-secret');
      expect(logs).not.toContain('boom while reading');
      expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    } finally {
      s.server.close();
    }
  });
});
