/**
 * ConversationState that notices when two turns of one conversation overlap. botbuilder's BotState
 * always saves with eTag "*" (last writer wins), so with several instances behind a load balancer one
 * turn's answer could silently overwrite another's. This saves with the eTag the turn read instead: the
 * store refuses a stale write ("eTag conflict"), and onTurnError tells the person without clearing the
 * winner's state.
 */
import { ConversationState, type Storage, type StoreItem, type StoreItems } from 'botbuilder';
import type { TurnContext } from 'botbuilder';

/** Puts back the eTag a state object was read with, on the way to the store. */
class ETagRestoringStorage implements Storage {
  readonly readETags = new WeakMap<object, string>();

  constructor(private readonly inner: Storage) {}

  read(keys: string[]): Promise<StoreItems> {
    return this.inner.read(keys);
  }

  write(changes: StoreItems): Promise<void> {
    const guarded: StoreItems = {};
    for (const [key, item] of Object.entries(changes) as [string, StoreItem][]) {
      const eTag = this.readETags.get(item);
      guarded[key] = eTag ? { ...item, eTag } : item;
    }
    return this.inner.write(guarded);
  }

  delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys);
  }
}

export class ConflictDetectingConversationState extends ConversationState {
  private readonly guard: ETagRestoringStorage;

  constructor(storage: Storage) {
    const guard = new ETagRestoringStorage(storage);
    super(guard);
    this.guard = guard;
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    const state = this.get(context) as StoreItem | undefined;
    const eTag = state?.eTag;
    // A state read from the store carries its eTag; a new conversation or one already saved this turn has none or "*".
    if (state && typeof eTag === 'string' && eTag !== '*') this.guard.readETags.set(state, eTag);
    try {
      await super.saveChanges(context, force);
    } finally {
      if (state) this.guard.readETags.delete(state);
    }
  }
}
