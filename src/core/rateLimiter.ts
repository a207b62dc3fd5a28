/**
 * Messages per conversation per minute. The caller of /api/messages is the Bot Service (one source
 * address for everyone), so the limit is per conversation, inside the bot. A token bucket: a burst
 * up to the limit, then one message per (60 / limit) seconds. Bounded like the store.
 */
export type RateVerdict = 'ok' | 'warn' | 'drop';

interface Bucket {
  tokens: number;
  at: number;
  warned: boolean;
}

export class ConversationRateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly perMinute: number,
    private readonly maxConversations = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** "ok" to go on; "warn" for the first message over the limit (say so once); "drop" after that. */
  take(conversation: string): RateVerdict {
    const now = this.now();
    const bucket = this.buckets.get(conversation) ?? { tokens: this.perMinute, at: now, warned: false };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + ((now - bucket.at) * this.perMinute) / 60_000);
    bucket.at = now;
    // Re-inserted last, so the least recently active conversation is the first to go when full.
    this.buckets.delete(conversation);
    this.buckets.set(conversation, bucket);
    if (this.buckets.size > this.maxConversations) this.buckets.delete(this.buckets.keys().next().value!);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.warned = false;
      return 'ok';
    }
    if (bucket.warned) return 'drop';
    bucket.warned = true;
    return 'warn';
  }
}
