// Conversations shared by the replicas: one Redis key per conversation holding its last answered
// question as JSON, expiring as the in-memory store's entries do, so that a follow-up reaching
// another replica (another Socket Mode connection, another balancer pick) reads the question
// asked before. Every write goes to this process's memory too: while Redis cannot be asked the
// store answers from there (the conversations this replica saw), and counts the fail-open.
import { z } from "zod";
import { MAX_QUESTION_CHARS } from "../answer/answer.ts";
import { CONVERSATION_TTL_MS, createMemoryConversationStore, type ConversationState, type ConversationStore } from "../engine/conversation-store.ts";
import type { FailOpen } from "./fail-open.ts";
import type { RedisConnection } from "./redis.ts";

/** A stored question (and answer sentence) is cut to this: the answer core reads half of it at most. */
export const STORED_QUESTION_CHARS = 2 * MAX_QUESTION_CHARS;
/** The longest expiry Redis is asked for (a script's conversations ask for "forever"). */
const MAX_TTL_MS = 365 * 24 * 60 * 60_000;

const StoredStateSchema = z.object({
  question: z.string().min(1).max(STORED_QUESTION_CHARS).nullable(),
  answer: z.string().max(STORED_QUESTION_CHARS).optional(),
  at: z.number().finite(),
});

export interface RedisConversationStoreOptions {
  redis: RedisConnection;
  failOpen: FailOpen;
  /** Key prefix, e.g. "chokepoint:". */
  prefix: string;
  /** How long a conversation is kept after its last answer; default 30 minutes. */
  ttlMs?: number;
  /** Where conversations are kept while Redis is down; default the in-memory LRU. */
  fallback?: ConversationStore;
}

export function createRedisConversationStore(options: RedisConversationStoreOptions): ConversationStore {
  const { redis, failOpen } = options;
  const ttl = options.ttlMs ?? CONVERSATION_TTL_MS;
  const fallback = options.fallback ?? createMemoryConversationStore({ ttlMs: ttl });
  const keyOf = (key: string) => `${options.prefix}conversation:${key}`;
  return {
    async get(key) {
      let raw: string | null;
      try {
        raw = await redis.client.get(keyOf(key));
      } catch (err) {
        failOpen.passed("conversation", err);
        return fallback.get(key);
      }
      if (raw === null) return undefined;
      // A value that is not one of ours (another version wrote it, someone edited it) is no context.
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        return undefined;
      }
      const state = StoredStateSchema.safeParse(parsed);
      return state.success ? state.data : undefined;
    },
    async set(key, state, ttlMs = ttl) {
      const stored: ConversationState = {
        question: state.question === null ? null : state.question.slice(0, STORED_QUESTION_CHARS),
        ...(state.answer !== undefined ? { answer: state.answer.slice(0, STORED_QUESTION_CHARS) } : {}),
        at: state.at,
      };
      await fallback.set(key, stored, ttlMs);
      try {
        await redis.client.set(keyOf(key), JSON.stringify(stored), "PX", Math.max(1, Math.min(Math.round(ttlMs), MAX_TTL_MS)));
      } catch (err) {
        failOpen.passed("conversation", err);
      }
    },
    async delete(key) {
      await fallback.delete(key);
      try {
        await redis.client.del(keyOf(key));
      } catch (err) {
        failOpen.passed("conversation", err);
      }
    },
  };
}
