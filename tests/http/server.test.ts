/** The real service (as index.ts builds it) on port 0: real HTTP, real adapter and bot. */
import type { Storage } from 'botbuilder';
import { MAX_BODY_BYTES } from '../../src/server';
import { activity, newConversation, post, replyText, startApp as start, type Started } from './harness';

describe('HTTP server', () => {
  let s: Started;
  beforeAll(async () => {
    s = await start();
  });
  afterAll(() => {
    s?.server.close();
  });
  beforeEach(() => {
    newConversation();
  });

  it('answers GET /healthz', async () => {
    const response = await fetch(`${s.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', store: 'ok' });
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
      ['I saw it happen', 'comfortable reporting it to the police'],
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

describe('a turn that fails (the store is down)', () => {
  it('still shows 999 and 101, logs no user text, reports the store, and the server keeps serving', async () => {
    const down: Storage = {
      read: () => Promise.reject(new Error('connect ECONNREFUSED while reading zebra-secret')),
      write: () => Promise.reject(new Error('connect ECONNREFUSED')),
      delete: () => Promise.reject(new Error('connect ECONNREFUSED')),
    };
    const s = await start({ storage: down });
    try {
      const { status, json } = await post(s.url, activity('they said zebra-secret to me'));
      expect(status).toBe(200);
      const text = replyText(json);
      expect(text).toContain('999');
      expect(text).toContain('101');
      const logs = s.logs.join('');
      expect(logs).toContain('turn failed');
      expect(logs).not.toContain('zebra-secret');
      expect(logs).not.toContain('ECONNREFUSED');
      const health = await fetch(`${s.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', store: 'unreachable' });
      const ready = await fetch(`${s.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ store: 'unreachable' });
    } finally {
      s.server.close();
    }
  });
});
