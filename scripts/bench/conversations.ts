/**
 * The load the benchmark sends to our bot: realistic conversations, each starting a new chat (so a
 * fifth of turns open a conversation), through every channel, with emergency interrupts and free text.
 * Every reply is checked: a turn that does not say what it must counts as a failure.
 */
import type autocannon from 'autocannon';

export interface BenchTurn {
  /** What the person types; undefined: they open the chat. */
  text?: string;
  /** Text the reply must contain. */
  expect: string;
}

export const CONVERSATIONS: BenchTurn[][] = [
  [
    { expect: "I'm an automated helper" },
    { text: 'Report a hate crime', expect: 'in danger' },
    { text: 'No', expect: 'Did this happen to you' },
    { text: 'I saw it happen', expect: 'Witnesses can report' },
    { text: 'online please', expect: 'herts.police.uk/Report' },
  ],
  [
    { expect: "I'm an automated helper" },
    { text: 'i was attacked cos of my religion last week', expect: 'comfortable reporting it to the police' },
    { text: "I don't want to talk to the police", expect: 'report-it.org.uk' },
  ],
  [
    { expect: "I'm an automated helper" },
    { text: 'Report a hate crime', expect: 'in danger' },
    { text: 'they are outside my door right now', expect: 'Call 999 now' },
    { text: "I'm safe now, help me report", expect: 'Did this happen to you' },
    { text: 'For someone else', expect: 'comfortable reporting it to the police' },
  ],
  [
    { expect: "I'm an automated helper" },
    { text: 'can I speak to an LGBT officer', expect: 'emergency' },
    { text: 'no not urgent', expect: 'leave a message' },
    { text: 'what counts as a hate crime', expect: 'disability' },
    { text: 'yes', expect: 'in danger' },
  ],
  [
    { expect: "I'm an automated helper" },
    { text: 'purple monkey dishwasher', expect: "didn't understand" },
    { text: "I can't use the phone", expect: 'without speaking on the phone' },
    { text: 'No', expect: 'How would you like to contact them' },
    { text: 'Text relay', expect: '18001 101' },
  ],
];

/** An activity as a channel would post it, replies requested in the response. */
export function activityJson(conversation: string, text: string | undefined, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    type: text === undefined ? 'conversationUpdate' : 'message',
    ...(text === undefined ? { membersAdded: [{ id: 'user-1', name: 'User' }] } : { text }),
    deliveryMode: 'expectReplies',
    channelId: 'webchat',
    serviceUrl: 'http://127.0.0.1:9',
    conversation: { id: conversation },
    from: { id: 'user-1', name: 'User' },
    recipient: { id: 'bot', name: 'Bot' },
    ...extra,
  });
}

export const JSON_HEADERS = { 'content-type': 'application/json' };

/** Whether a response body holds a message containing `expected`. */
export function repliesContain(body: string, expected: string): boolean {
  try {
    const parsed = JSON.parse(body) as { activities?: { type?: string; text?: string }[] };
    return (parsed.activities ?? []).some((a) => a.type === 'message' && (a.text ?? '').includes(expected));
  } catch {
    return false;
  }
}

let conversationCounter = 0;

/**
 * autocannon requests for every turn of every conversation; each conversation opens a new chat (its
 * id starts with `prefix`). `check(expected)` judges each reply.
 */
export function conversationRequests(prefix: string, check: (expected: string) => autocannon.Request['onResponse']): autocannon.Request[] {
  return CONVERSATIONS.flatMap((turns) =>
    turns.map((turn, i) => ({
      method: 'POST' as const,
      path: '/api/messages',
      headers: JSON_HEADERS,
      setupRequest: (req: autocannon.Request, context: object) => {
        const ctx = context as { conversation?: string };
        if (i === 0) ctx.conversation = `${prefix}-${++conversationCounter}`;
        return { ...req, body: activityJson(ctx.conversation!, turn.text) };
      },
      onResponse: check(turn.expect),
    })),
  );
}
