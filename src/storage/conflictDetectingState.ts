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

/** What BotState keeps in turn state for a loaded state: the object and a key to tell whether it changed. */
interface CachedState {
  state: StoreItem;
  hash: string;
}

/**
 * Whether a state changed is judged on its JSON, eTag aside, as BotState does; but BotState hashes that
 * JSON with SHA-256 three times a turn (at load, before and after saving), through a stringify with a
 * replacer. Comparing the JSON itself tells the same changes apart, at a fraction of the cost.
 */
function changeKey(state: StoreItem): string {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { eTag, ...rest } = state;
  return JSON.stringify(rest);
}

export class ConflictDetectingConversationState extends ConversationState {
  private readonly guard: ETagRestoringStorage;

  constructor(storage: Storage) {
    const guard = new ETagRestoringStorage(storage);
    super(guard);
    this.guard = guard;
  }

  /** The turn-state key BotState caches the state under (private in its typings; get(), clear() and delete() use it too). */
  private get cacheKey(): symbol {
    return (this as unknown as { stateKey: symbol }).stateKey;
  }

  /** BotState.load, with the change key in place of the hash. */
  override async load(context: TurnContext, force = false): Promise<StoreItem> {
    const cached = context.turnState.get<CachedState | undefined>(this.cacheKey);
    if (!force && cached?.state) return cached.state;
    const key = await this.storageKey(context);
    const items = await this.storage.read([key]);
    const state = (items[key] as StoreItem | undefined) ?? {};
    context.turnState.set(this.cacheKey, { state, hash: changeKey(state) } satisfies CachedState);
    return state;
  }

  /** BotState.saveChanges (written only if changed, with eTag "*"), saving with the eTag the turn read instead. */
  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    let cached = context.turnState.get<CachedState | undefined>(this.cacheKey);
    const now = cached ? changeKey(cached.state) : '';
    if (!force && (!cached || cached.hash === now)) return;
    const key = await this.storageKey(context);
    cached ??= { state: {}, hash: '' };
    const state = cached.state;
    const eTag = state.eTag;
    // A state read from the store carries its eTag; a new conversation or one already saved this turn has none or "*".
    if (typeof eTag === 'string' && eTag !== '*') this.guard.readETags.set(state, eTag);
    try {
      state.eTag = '*';
      await this.storage.write({ [key]: state });
      cached.hash = now || changeKey(state);
      context.turnState.set(this.cacheKey, cached);
    } finally {
      this.guard.readETags.delete(state);
    }
  }
}
