/**
 * Property-based fuzzing over real HTTP: any activity shape or text (unicode, control characters, huge
 * values, wrong types) gets a 2xx or 4xx, never a 5xx, and the server keeps answering a real message.
 */
import fc from 'fast-check';
import { activity, newConversation, post, replyText, startApp, type Started } from './harness';

const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\u001b', '\u202e', '\ud800', '\uffff', '\n', '🔪', '%', '$', '{', '"'), maxLength: 50 }),
  fc.constantFrom('knife', 'outside my door now', '999', 'forget me', 'start again', 'x'.repeat(5000)),
);
const wrongType = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }), fc.object({ maxDepth: 1 }));
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(fc.oneof(a, wrongType), { nil: undefined });

/** Any field of any type: mostly stopped by the server's checks. */
const wildActivity = fc.record(
  {
    type: fc.oneof(fc.constantFrom('message', 'conversationUpdate', 'invoke', 'event', 'typing', 'messageReaction', 'endOfConversation'), fc.string({ maxLength: 20 }), wrongType),
    text: maybe(text),
    value: maybe(fc.oneof(fc.record({ text }), fc.anything({ maxDepth: 2 }))),
    conversation: fc.oneof(fc.record({ id: fc.string({ minLength: 1, maxLength: 80 }) }), wrongType),
    channelId: maybe(fc.oneof(fc.constantFrom('webchat', 'msteams', 'emulator', 'directline', 'test'), fc.string({ maxLength: 30 }))),
    serviceUrl: maybe(fc.oneof(fc.constantFrom('http://127.0.0.1:9', 'https://attacker.example/', 'not a url', ''), fc.webUrl())),
    deliveryMode: maybe(fc.constantFrom('expectReplies', 'normal', 'notification', 'ephemeral')),
    from: maybe(fc.record({ id: fc.string({ maxLength: 40 }), name: fc.string({ maxLength: 40 }) })),
    recipient: maybe(fc.record({ id: fc.string({ maxLength: 40 }) })),
    membersAdded: maybe(fc.array(fc.record({ id: fc.string({ maxLength: 20 }) }), { maxLength: 3 })),
    attachments: maybe(fc.array(fc.record({ contentType: fc.string({ maxLength: 30 }), content: fc.anything({ maxDepth: 2 }) }), { maxLength: 2 })),
    suggestedActions: maybe(fc.anything({ maxDepth: 2 })),
    entities: maybe(fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 2 })),
    name: maybe(fc.string({ maxLength: 40 })),
    locale: maybe(fc.string({ maxLength: 10 })),
  },
  { requiredKeys: [] },
);

/** The fields the server checks are right, everything else is anything: these reach the bot. */
const plausibleActivity = fc.record(
  {
    type: fc.constantFrom('message', 'message', 'message', 'conversationUpdate', 'invoke', 'event', 'messageReaction'),
    text: fc.option(text, { nil: undefined }),
    value: maybe(fc.oneof(fc.record({ text }), fc.anything({ maxDepth: 2 }))),
    conversation: fc.record({ id: fc.string({ minLength: 1, maxLength: 80 }) }),
    channelId: fc.oneof(fc.constantFrom('webchat', 'msteams', 'emulator', 'directline', 'test'), fc.string({ maxLength: 30 })),
    serviceUrl: fc.constantFrom('http://127.0.0.1:9', 'https://attacker.example/'),
    deliveryMode: fc.constant('expectReplies'),
    from: fc.record({ id: fc.string({ maxLength: 40 }), name: fc.string({ maxLength: 40 }) }),
    recipient: fc.record({ id: fc.string({ maxLength: 40 }) }),
    membersAdded: maybe(fc.array(fc.record({ id: fc.string({ maxLength: 20 }) }), { maxLength: 3 })),
    attachments: maybe(fc.array(fc.record({ contentType: fc.string({ maxLength: 30 }), content: fc.anything({ maxDepth: 2 }) }), { maxLength: 2 })),
    entities: maybe(fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 2 })),
    name: maybe(fc.string({ maxLength: 40 })),
    locale: maybe(fc.string({ maxLength: 10 })),
  },
  { requiredKeys: ['type', 'conversation', 'deliveryMode'] },
);

const body = fc.oneof(
  { weight: 5, arbitrary: plausibleActivity.map((a) => JSON.stringify(a)) },
  { weight: 3, arbitrary: wildActivity.map((a) => JSON.stringify(a)) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }).map((a) => JSON.stringify(a) ?? 'undefined') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
);

describe('fuzzing /api/messages', () => {
  let s: Started;
  beforeAll(async () => {
    s = await startApp({}, { RATE_LIMIT_PER_MINUTE: '10000', CLIENT_RATE_LIMIT_PER_MINUTE: '0' });
  });
  afterAll(async () => {
    await s.app.shutdown();
  });

  it('never answers with a 5xx, whatever the body', async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(body, async (raw) => {
        const { status } = await post(s.url, raw);
        seen.set(status, (seen.get(status) ?? 0) + 1);
        expect(status).toBeGreaterThanOrEqual(200);
        expect(status).toBeLessThan(500);
      }),
      { numRuns: 400, seed: 20261124 },
    );
    // The bodies reach the bot (200 with replies) as well as the guards (400, 403, 413, 415).
    expect(seen.get(200) ?? 0).toBeGreaterThan(150);
    expect(seen.get(400) ?? 0).toBeGreaterThan(50);
    newConversation();
    const { status, json } = await post(s.url, activity('there is a man with a knife outside my house'));
    expect(status).toBe(200);
    expect(replyText(json)).toContain('Call 999 now');
  }, 60_000);
});
