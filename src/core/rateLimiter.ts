/**
 * A token bucket per key, per minute: a burst up to the limit, then one per (60 / limit) seconds;
 * bounded like the store. The bot keys it by conversation (with credentials the caller of /api/messages
 * is the Bot Service, one source address for everyone); the server's per-address limit on /api/messages
 * and the Direct Line token endpoint by client address.
 */
export type RateVerdict = 'ok' | 'warn' | 'drop';

/**
 * Set in a turn's state when the bot refused a message for its rate: the seconds to wait. The server
 * answers that turn with 429 and Retry-After (the reply, with 999 and 101, still in the body).
 */
export const OVER_RATE_LIMIT = Symbol('over the rate limit');

interface Bucket {
  tokens: number;
  at: number;
  warned: boolean;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly perMinute: number,
    private readonly maxKeys = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** "ok" to go on; "warn" for the first message over the limit (say so once); "drop" after that. */
  take(key: string): RateVerdict {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now, warned: false };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + ((now - bucket.at) * this.perMinute) / 60_000);
    bucket.at = now;
    // Re-inserted last, so the least recently active key is the first to go when full.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.warned = false;
      return 'ok';
    }
    if (bucket.warned) return 'drop';
    bucket.warned = true;
    return 'warn';
  }

  /** Whole seconds until the key may send again (at least 1): the Retry-After of a refusal. */
  retryAfterSeconds(key: string): number {
    const bucket = this.buckets.get(key);
    const tokens = bucket ? Math.min(this.perMinute, bucket.tokens + ((this.now() - bucket.at) * this.perMinute) / 60_000) : this.perMinute;
    return Math.max(1, Math.ceil(((1 - tokens) * 60) / this.perMinute));
  }
}
