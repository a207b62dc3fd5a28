/**
 * Any store, with a time limit on each call. A store that hangs would hold the person's turn (and the
 * channel's HTTP request) open; instead the turn fails fast and onTurnError still gives them 999 and 101.
 */
import type { Storage, StoreItems } from 'botbuilder';

export class StoreTimeoutError extends Error {
  constructor(operation: string, ms: number) {
    super(`the conversation store did not answer a ${operation} within ${ms} ms`);
    this.name = 'StoreTimeoutError';
  }
}

export class TimeoutStorage implements Storage {
  constructor(
    readonly inner: Storage,
    private readonly ms: number,
  ) {}

  read(keys: string[]): Promise<StoreItems> {
    return this.limit('read', this.inner.read(keys));
  }

  write(changes: StoreItems): Promise<void> {
    return this.limit('write', this.inner.write(changes));
  }

  delete(keys: string[]): Promise<void> {
    return this.limit('delete', this.inner.delete(keys));
  }

  private limit<T>(operation: string, call: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new StoreTimeoutError(operation, this.ms)), this.ms);
    });
    return Promise.race([call, timeout]).finally(() => clearTimeout(timer));
  }
}
