/**
 * The embedded store: botbuilder's MemoryStorage (same eTag rules), plus what a public service needs.
 * A conversation idle for longer than the idle time is deleted, not just ignored, and the store is
 * bounded both in conversations and in bytes (ids can be long), so nobody can grow the process's memory
 * by opening chats: past either bound the longest idle conversation goes first.
 */
import { MemoryStorage, type StoreItems } from 'botbuilder';

export interface ExpiringMemoryOptions {
  idleMs: number;
  maxEntries: number;
  /** What the keys and stored state may take, as V8 holds them (estimated, with a per-entry overhead). */
  maxBytes?: number;
  now?: () => number;
}

/** V8's cost of one entry beyond its strings: the two map slots, the timestamp and the object headers. */
export const ENTRY_OVERHEAD_BYTES = 200;

/** A string's size in V8: one byte a character while it fits Latin-1, two otherwise. */
function stringBytes(s: string): number {
  // eslint-disable-next-line no-control-regex
  return /[^\u0000-\u00ff]/.test(s) ? 2 * s.length : s.length;
}

interface Entry {
  at: number;
  bytes: number;
}

export class ExpiringMemoryStorage extends MemoryStorage {
  /** Keys by time of last write, oldest first (a Map keeps insertion order; a write moves a key last). */
  private readonly written = new Map<string, Entry>();
  private readonly now: () => number;
  private totalBytes = 0;

  constructor(private readonly options: ExpiringMemoryOptions) {
    super({});
    this.now = options.now ?? Date.now;
  }

  override async read(keys: string[]): Promise<StoreItems> {
    this.sweep();
    return super.read(keys);
  }

  override async write(changes: StoreItems): Promise<void> {
    await super.write(changes);
    const now = this.now();
    for (const key of Object.keys(changes)) {
      this.forget(key);
      const stored = (this.memory as Record<string, string | undefined>)[key];
      const entry = { at: now, bytes: stringBytes(key) + (stored ? stringBytes(stored) : 0) + ENTRY_OVERHEAD_BYTES };
      this.written.set(key, entry);
      this.totalBytes += entry.bytes;
    }
    const maxBytes = this.options.maxBytes ?? Infinity;
    while (this.written.size > this.options.maxEntries || (this.totalBytes > maxBytes && this.written.size > 0)) {
      this.remove(this.written.keys().next().value!);
    }
  }

  override async delete(keys: string[]): Promise<void> {
    await super.delete(keys);
    for (const key of keys) this.forget(key);
  }

  /** Deletes every conversation idle for longer than the idle time. Cheap: stops at the first fresh one. */
  sweep(): number {
    const cutoff = this.now() - this.options.idleMs;
    let removed = 0;
    for (const [key, { at }] of this.written) {
      if (at > cutoff) break;
      this.remove(key);
      removed++;
    }
    return removed;
  }

  get size(): number {
    return this.written.size;
  }

  /** The estimated bytes held (what `maxBytes` bounds). */
  get bytes(): number {
    return this.totalBytes;
  }

  private forget(key: string): void {
    const entry = this.written.get(key);
    if (!entry) return;
    this.totalBytes -= entry.bytes;
    this.written.delete(key);
  }

  private remove(key: string): void {
    this.forget(key);
    delete this.memory[key];
  }
}
