// Where conversations keep their last answered question, by conversation key (Slack channel
// + thread, a DM channel, a Discord message chain or thread, a terminal session). Async and
// small so that a shared store (Redis) can implement it; this one is in memory.
import { Lru } from "../lru.ts";

export interface ConversationState {
  /**
   * The last answered question, as it was understood; null when the bot has replied in the
   * conversation but answered nothing yet (a Slack thread it joined with a refusal still
   * counts as one it takes part in).
   */
  question: string | null;
  /** The first sentence of its answer (it names whom a "who" question asked for). */
  answer?: string;
  /** When it was answered, ms since the epoch. */
  at: number;
}

export interface ConversationStore {
  get(key: string): Promise<ConversationState | undefined>;
  /** Keeps `state` for `ttlMs` (the store's default when omitted). */
  set(key: string, state: ConversationState, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface MemoryStoreOptions {
  /** Conversations kept at most; the least recently used is forgotten first. */
  max?: number;
  /** How long a conversation is kept after its last answer. */
  ttlMs?: number;
  now?: () => number;
}

export const CONVERSATIONS_KEPT = 10_000;
export const CONVERSATION_TTL_MS = 30 * 60_000;

export function createMemoryConversationStore(options: MemoryStoreOptions = {}): ConversationStore {
  const now = options.now ?? Date.now;
  const ttl = options.ttlMs ?? CONVERSATION_TTL_MS;
  const entries = new Lru<string, { state: ConversationState; expires: number }>(options.max ?? CONVERSATIONS_KEPT);
  return {
    async get(key) {
      const e = entries.get(key);
      if (!e) return undefined;
      if (e.expires <= now()) {
        entries.delete(key);
        return undefined;
      }
      return e.state;
    },
    async set(key, state, ttlMs = ttl) {
      entries.set(key, { state: { ...state }, expires: now() + ttlMs });
    },
    async delete(key) {
      entries.delete(key);
    },
  };
}
