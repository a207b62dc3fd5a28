/**
 * The embedded store: botbuilder's MemoryStorage (same eTag rules), plus what a public service needs.
 * A conversation idle for longer than the idle time is deleted, not just ignored, and the number of
 * conversations is bounded, so nobody can grow the process's memory by opening chats.
 */
import { MemoryStorage, type StoreItems } from 'botbuilder';

export interface ExpiringMemoryOptions {
  idleMs: number;
  maxEntries: number;
  now?: () => number;
}

export class ExpiringMemoryStorage extends MemoryStorage {
  /** Keys by time of last write, oldest first (a Map keeps insertion order; a write moves a key last). */
  private readonly written = new Map<string, number>();
  private readonly now: () => number;

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
      this.written.delete(key);
      this.written.set(key, now);
    }
    while (this.written.size > this.options.maxEntries) this.remove(this.written.keys().next().value!);
  }

  override async delete(keys: string[]): Promise<void> {
    await super.delete(keys);
    for (const key of keys) this.written.delete(key);
  }

  /** Deletes every conversation idle for longer than the idle time. Cheap: stops at the first fresh one. */
  sweep(): number {
    const cutoff = this.now() - this.options.idleMs;
    let removed = 0;
    for (const [key, at] of this.written) {
      if (at > cutoff) break;
      this.remove(key);
      removed++;
    }
    return removed;
  }

  get size(): number {
    return this.written.size;
  }

  private remove(key: string): void {
    this.written.delete(key);
    delete this.memory[key];
  }
}
