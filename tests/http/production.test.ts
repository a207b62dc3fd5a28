/**
 * What a force needs to run the bot in front of the public, over real HTTP against the real service:
 * anonymous mode's limits, rate limiting, idle expiry and "forget me", the store failing, hanging or
 * conflicting, graceful draining (under keep-alive load, and past the grace time), and logs that never
 * hold what a person typed.
 */
import { MemoryStorage, type Storage } from 'botbuilder';
import { Agent, request } from 'node:http';
import { MAX_BODY_BYTES } from '../../src/server';
import { ExpiringMemoryStorage } from '../../src/storage/expiringMemoryStorage';
import { TimeoutStorage } from '../../src/storage/timeoutStorage';
import { activity, newConversation, post, replyText, startApp, type Started } from './harness';
import { GatedStorage, until } from './processes';

/** A clock the test moves. */
function testClock(start = Date.UTC(2026, 10, 24, 9)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

async function withApp(options: Parameters<typeof startApp>[0], env: Record<string, string>, test: (s: Started) => Promise<void>) {
  const s = await startApp(options, env);
  try {
    newConversation();
    await test(s);
  } finally {
    await s.app.shutdown();
  }
}

describe('anonymous mode (no MicrosoftAppId)', () => {
  it('refuses to send replies to a service URL that is not loopback, unless they go back in the response', async () => {
    await withApp({}, {}, async (s) => {
      const outward = await post(s.url, activity('hello', { deliveryMode: 'normal', serviceUrl: 'https://attacker.example/' }));
      expect(outward.status).toBe(403);
      expect(outward.json.error).toMatch(/loopback/);
      const inResponse = await post(s.url, activity('hello', { serviceUrl: 'https://attacker.example/' }));
      expect(inResponse.status).toBe(200);
      expect(replyText(inResponse.json)).toContain("I'm an automated helper");
    });
  });
});

describe('per-conversation rate limit', () => {
  it('answers 429 with Retry-After and "slow down" (with 999 and 101) every time, still answers an emergency, and recovers', async () => {
    const clock = testClock();
    await withApp({ now: clock.now }, { RATE_LIMIT_PER_MINUTE: '5' }, async (s) => {
      for (let i = 0; i < 5; i++) expect((await post(s.url, activity('hello'))).status).toBe(200);
      for (let i = 0; i < 2; i++) {
        const response = await fetch(`${s.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity('hello')) });
        expect(response.status).toBe(429);
        expect(response.headers.get('retry-after')).toBe('12');
        const body = (await response.json()) as { error: string; activities: { text?: string }[] };
        expect(replyText(body)).toContain('faster than I can answer');
        for (const number of ['999', '101']) {
          expect(replyText(body)).toContain(number);
          expect(body.error).toContain(number);
        }
      }
      const emergency = await post(s.url, activity('he has a knife and is outside my door now'));
      expect(emergency.status).toBe(200);
      expect(replyText(emergency.json)).toContain('Call 999 now');
      newConversation();
      expect(replyText((await post(s.url, activity('hello'))).json)).toContain("I'm an automated helper");
      clock.advance(60_000);
      // (the first conversation again)
      const later = await post(s.url, activity('hello', { conversation: { id: emergency.json.activities![0]!.conversation!.id } as never }));
      expect(replyText(later.json)).toContain("I'm an automated helper");
    });
  });
});

describe('privacy: idle expiry and "forget me"', () => {
  it('deletes an idle conversation from the store and starts afresh when the person comes back', async () => {
    const clock = testClock();
    const storage = new ExpiringMemoryStorage({ idleMs: 30 * 60_000, maxEntries: 1000, now: clock.now });
    await withApp({ storage, now: clock.now }, {}, async (s) => {
      await post(s.url, activity('Report a hate crime'));
      expect(replyText((await post(s.url, activity('No'))).json)).toContain('Did this happen to you');
      expect(storage.size).toBe(1);
      clock.advance(31 * 60_000);
      expect(storage.sweep()).toBe(1);
      expect(storage.size).toBe(0);
      const back = await post(s.url, activity('I saw it happen'));
      expect(replyText(back.json)).not.toContain('comfortable reporting it to the police');
    });
  });

  it('clears the place in the flow when the store still has it (a store without sweeping)', async () => {
    const clock = testClock();
    await withApp({ storage: new MemoryStorage(), now: clock.now }, { CONVERSATION_IDLE_MINUTES: '30' }, async (s) => {
      await post(s.url, activity('Report a hate crime'));
      await post(s.url, activity('No'));
      clock.advance(31 * 60_000);
      const back = await post(s.url, activity('I saw it happen'));
      expect(replyText(back.json)).toContain("It's been a while");
      expect(replyText(back.json)).not.toContain('comfortable reporting it to the police');
    });
  });

  it('keeps the place for a person who comes back within the idle time', async () => {
    const clock = testClock();
    await withApp({ storage: new MemoryStorage(), now: clock.now }, {}, async (s) => {
      await post(s.url, activity('Report a hate crime'));
      await post(s.url, activity('No'));
      clock.advance(29 * 60_000);
      expect(replyText((await post(s.url, activity('I saw it happen'))).json)).toContain('comfortable reporting it to the police');
    });
  });

  it('"forget me" deletes the conversation from the store at once', async () => {
    await withApp({}, {}, async (s) => {
      const storage = s.app.storage as ExpiringMemoryStorage;
      await post(s.url, activity('Report a hate crime'));
      expect(storage.size).toBe(1);
      const forgotten = await post(s.url, activity('forget me'));
      expect(replyText(forgotten.json)).toContain("I've deleted this conversation");
      expect(storage.size).toBe(0);
    });
  });

  it('quotes the configured idle time in the privacy notice', async () => {
    await withApp({}, { CONVERSATION_IDLE_MINUTES: '15' }, async (s) => {
      expect(replyText((await post(s.url, activity('what do you keep about me'))).json)).toContain('after 15 minutes without a message');
    });
  });
});

describe('the store misbehaving', () => {
  it('a store that hangs fails the turn within the time limit, and the person still gets 999 and 101', async () => {
    const hanging: Storage = { read: () => new Promise(() => undefined), write: () => new Promise(() => undefined), delete: () => new Promise(() => undefined) };
    await withApp({ storage: new TimeoutStorage(hanging, 100) }, {}, async (s) => {
      const started = Date.now();
      const { status, json } = await post(s.url, activity('Report a hate crime'));
      expect(status).toBe(200);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(replyText(json)).toContain('something went wrong');
      expect(replyText(json)).toContain('999');
      expect(replyText(json)).toContain('101');
      expect((await fetch(`${s.url}/readyz`)).status).toBe(503);
    });
  });

  it('detects two turns of one conversation writing at once (eTag), keeps the winner and tells the loser', async () => {
    const storage = new GatedStorage();
    await withApp({ storage }, {}, async (s) => {
      await post(s.url, activity('Report a hate crime'));
      storage.close();
      const first = post(s.url, activity('No'));
      const second = post(s.url, activity('Yes'));
      await until(() => storage.readsWaiting === 2);
      storage.release();
      const texts = (await Promise.all([first, second])).map((r) => replyText(r.json));
      const failed = texts.filter((t) => t.includes('something went wrong'));
      expect(failed).toHaveLength(1);
      expect(failed[0]).toContain('999');
      expect(s.logs.join('')).toContain('eTag conflict');
      // The winner's turn was kept, not wiped by the loser's error handling.
      const winner = texts.find((t) => !t.includes('something went wrong'))!;
      const next = await post(s.url, activity('I saw it happen'));
      if (winner.includes('Did this happen to you')) expect(replyText(next.json)).toContain('comfortable reporting it to the police');
      else expect(replyText(next.json)).not.toContain('something went wrong');
    });
  });
});

describe('graceful shutdown', () => {
  it('stops taking connections, lets the turn in flight finish, then resolves', async () => {
    const storage = new GatedStorage();
    const s = await startApp({ storage });
    let stopped: Promise<{ unfinished: number }> | undefined;
    try {
      newConversation();
      storage.close();
      const inFlight = post(s.url, activity('Report a hate crime'));
      await until(() => storage.readsWaiting === 1);
      stopped = s.app.shutdown();
      await expect(fetch(`${s.url}/healthz`)).rejects.toThrow();
      storage.release();
      const { status, json } = await inFlight;
      expect(status).toBe(200);
      expect(replyText(json)).toContain('is anyone in danger');
      expect(await stopped).toEqual({ unfinished: 0 });
    } finally {
      storage.release();
      await (stopped ?? s.app.shutdown());
    }
  });
});

describe('graceful shutdown under load (keep-alive connections)', () => {
  /** A request on a keep-alive agent: its status and Connection header, or the error code that ended it. */
  function send(url: string, agent: Agent, text: string): Promise<{ status?: number; connection?: string; code?: string }> {
    return new Promise((resolve) => {
      const req = request(`${url}/api/messages`, { method: 'POST', agent, headers: { 'Content-Type': 'application/json' } }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode, connection: res.headers.connection }));
      });
      req.on('error', (error: NodeJS.ErrnoException) => resolve({ code: error.code }));
      req.end(JSON.stringify(activity(text)));
    });
  }

  it('answers every request it accepted, tells each connection to close, and never resets one', async () => {
    const storage = new GatedStorage();
    const s = await startApp({ storage });
    const agent = new Agent({ keepAlive: true, maxSockets: 3 });
    try {
      await Promise.all([1, 2, 3].map(() => send(s.url, agent, 'hello')));
      storage.close();
      // Three turns held in flight on the three busy connections, six more waiting for those connections.
      const outcomes = Array.from({ length: 9 }, (_, i) => {
        newConversation();
        return send(s.url, agent, `hello ${i}`);
      });
      await until(() => storage.readsWaiting === 3);
      const stopped = s.app.shutdown();
      storage.release();
      const results = await Promise.all(outcomes);
      expect(await stopped).toEqual({ unfinished: 0 });
      const answered = results.filter((r) => r.status !== undefined);
      expect(answered.filter((r) => r.status === 200)).toHaveLength(3);
      for (const r of answered) {
        expect([200, 503]).toContain(r.status);
        expect(r.connection).toBe('close');
      }
      // The rest were never accepted: refused when they tried a new connection, never cut off.
      for (const r of results.filter((r) => r.status === undefined)) expect(r.code).toBe('ECONNREFUSED');
    } finally {
      agent.destroy();
    }
  });

  it('past the grace time, refuses a turn still running with 503 instead of cutting it off', async () => {
    const storage = new GatedStorage();
    const s = await startApp({ storage }, { SHUTDOWN_GRACE_MS: '200' });
    newConversation();
    storage.close();
    const stuck = post(s.url, activity('Report a hate crime'));
    await until(() => storage.readsWaiting === 1);
    expect(await s.app.shutdown()).toEqual({ unfinished: 1 });
    const { status, json } = await stuck;
    expect(status).toBe(503);
    expect(json.error).toBe('shutting down');
    storage.release();
  });
});

describe('logs', () => {
  const marker = 'quokka-marker-7731';
  const failing: Storage = {
    read: () => Promise.reject(new Error(`store failed reading ${marker}`)),
    write: () => Promise.reject(new Error(marker)),
    delete: () => Promise.reject(new Error(marker)),
  };

  async function sendEverywhere(s: Started): Promise<void> {
    await post(s.url, activity(`hello ${marker}`));
    await post(s.url, activity(`Report a hate crime ${marker}`));
    await post(s.url, activity(`there is a man with a knife outside ${marker}`));
    await post(s.url, activity(`${marker} `.repeat(300)));
    await post(s.url, activity(`forget me ${marker}`));
    for (let i = 0; i < 8; i++) await post(s.url, activity(`spam ${marker}`));
    await post(s.url, `{"type":"message","text":"${marker}",`);
    await post(s.url, { type: 'message', text: marker });
    await post(s.url, activity(marker + 'x'.repeat(MAX_BODY_BYTES)));
    await post(s.url, `text=${marker}`, 'application/x-www-form-urlencoded');
  }

  it('never contain what a person typed, on any path, errors included (at trace level)', async () => {
    await withApp({}, { RATE_LIMIT_PER_MINUTE: '5' }, async (s) => {
      await sendEverywhere(s);
      expect(s.logs.join('')).toContain('"msg":"turn"');
      expect(s.logs.join('')).not.toContain(marker);
    });
    await withApp({ storage: failing }, {}, async (s) => {
      await sendEverywhere(s);
      expect(s.logs.join('')).toContain('turn failed');
      expect(s.logs.join('')).not.toContain(marker);
    });
  });

  it('contain it only when the operator opts in (LOG_USER_TEXT=true), which shows the check above can fail', async () => {
    await withApp({}, { LOG_USER_TEXT: 'true' }, async (s) => {
      await post(s.url, activity(`hello ${marker}`));
      expect(s.logs.join('')).toContain(marker);
    });
  });
});

describe('connection time limits', () => {
  it('sets header, request and keep-alive time limits on the HTTP server', async () => {
    const { HTTP_TIMEOUTS } = await import('../../src/server');
    await withApp({}, {}, (s) => {
      expect(s.server.server.headersTimeout).toBe(HTTP_TIMEOUTS.headersMs);
      expect(s.server.server.requestTimeout).toBe(HTTP_TIMEOUTS.requestMs);
      expect(s.server.server.keepAliveTimeout).toBe(HTTP_TIMEOUTS.keepAliveMs);
      return Promise.resolve();
    });
  });
});
