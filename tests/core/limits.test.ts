/** The in-memory store's expiry and bounds (conversations and bytes), and the rate limiter, on a test clock. */
import { RateLimiter } from '../../src/core/rateLimiter';
import { ExpiringMemoryStorage } from '../../src/storage/expiringMemoryStorage';

describe('expiring memory store', () => {
  it('deletes conversations idle past the idle time, and only those', async () => {
    let now = 0;
    const store = new ExpiringMemoryStorage({ idleMs: 1000, maxEntries: 10, now: () => now });
    await store.write({ a: { step: 1 } });
    now = 600;
    await store.write({ b: { step: 1 } });
    now = 1200;
    expect(store.sweep()).toBe(1);
    expect(Object.keys(await store.read(['a', 'b']))).toEqual(['b']);
    now = 1500;
    await store.write({ b: { step: 2, eTag: '*' } });
    now = 2400;
    expect(store.sweep()).toBe(0);
    expect(store.size).toBe(1);
  });

  it('keeps at most the bound, dropping the longest idle first', async () => {
    let now = 0;
    const store = new ExpiringMemoryStorage({ idleMs: 60_000, maxEntries: 3, now: () => now });
    for (const key of ['a', 'b', 'c']) {
      now += 1;
      await store.write({ [key]: { x: 1 } });
    }
    now += 1;
    await store.write({ a: { x: 2, eTag: '*' } });
    await store.write({ d: { x: 1 } });
    expect(store.size).toBe(3);
    expect(Object.keys(await store.read(['a', 'b', 'c', 'd'])).sort()).toEqual(['a', 'c', 'd']);
  });

  it('keeps within its bytes however long the ids, dropping the longest idle first', async () => {
    let now = 0;
    const maxBytes = 64 * 1024;
    const store = new ExpiringMemoryStorage({ idleMs: 60_000, maxEntries: 1_000_000, maxBytes, now: () => now });
    const longId = (i: number) => `webchat/conversations/${String(i).padStart(512, 'x')}/`;
    for (let i = 0; i < 1000; i++) {
      now += 1;
      await store.write({ [longId(i)]: { dialogState: { dialogStack: [] }, lastActive: now } });
    }
    expect(store.bytes).toBeLessThanOrEqual(maxBytes);
    // Each entry costs over 512 bytes of key alone, so far fewer than the 1,000 written are kept: the newest.
    expect(store.size).toBeLessThan(120);
    expect(store.size).toBeGreaterThan(50);
    expect(Object.keys(await store.read([longId(999), longId(0)]))).toEqual([longId(999)]);
    const [size, bytes] = [store.size, store.bytes];
    await store.delete([longId(999)]);
    expect(store.size).toBe(size - 1);
    expect(store.bytes).toBeLessThan(bytes - 512);
  });

  it('counts ids outside Latin-1 at two bytes a character', async () => {
    const store = new ExpiringMemoryStorage({ idleMs: 60_000, maxEntries: 10 });
    await store.write({ ['a'.repeat(100)]: {} });
    const latin = store.bytes;
    await store.delete(['a'.repeat(100)]);
    expect(store.bytes).toBe(0);
    await store.write({ ['😀'.repeat(50)]: {} });
    expect(store.bytes).toBeGreaterThan(latin);
  });

  it('keeps MemoryStorage eTag rules: a stale write is refused', async () => {
    const store = new ExpiringMemoryStorage({ idleMs: 60_000, maxEntries: 10 });
    await store.write({ a: { x: 1 } });
    const a = (await store.read(['a'])).a as Record<string, unknown>;
    await store.write({ a: { ...a, x: 2 } });
    await expect(store.write({ a: { ...a, x: 3 } })).rejects.toThrow(/eTag conflict/);
  });
});

describe('rate limiter', () => {
  it('allows a burst up to the limit, warns once, then drops, and refills over the minute', () => {
    let now = 0;
    const limiter = new RateLimiter(4, 100, () => now);
    expect([1, 2, 3, 4].map(() => limiter.take('c'))).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(limiter.take('c')).toBe('warn');
    expect(limiter.take('c')).toBe('drop');
    expect(limiter.take('other')).toBe('ok');
    now += 15_000;
    expect(limiter.take('c')).toBe('ok');
    expect(limiter.take('c')).toBe('warn');
  });

  it('says how long to wait before the next message is allowed (Retry-After)', () => {
    let now = 0;
    const limiter = new RateLimiter(6, 100, () => now);
    for (let i = 0; i < 6; i++) limiter.take('c');
    expect(limiter.take('c')).toBe('warn');
    // One token comes back every 10 s.
    expect(limiter.retryAfterSeconds('c')).toBe(10);
    now += 7_500;
    expect(limiter.retryAfterSeconds('c')).toBe(3);
    expect(limiter.retryAfterSeconds('never-seen')).toBe(1);
  });

  it('forgets the least recently active conversations beyond its bound', () => {
    const limiter = new RateLimiter(1, 2, () => 0);
    limiter.take('a');
    limiter.take('b');
    limiter.take('c');
    // "a" was forgotten, so it starts with a full bucket again.
    expect(limiter.take('a')).toBe('ok');
    expect(limiter.take('c')).toBe('warn');
  });
});
