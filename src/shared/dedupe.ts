// Slack event ids seen by any replica: SET NX with a time to live, so that a redelivered event
// is handled once across the replicas behind one URL (or the connections of Socket Mode).
import type { DedupeCache } from "../bots/shared/dedupe.ts";
import type { FailOpen } from "./fail-open.ts";
import type { RedisConnection } from "./redis.ts";

/** What the dedupe middleware asks; the in-process DedupeCache answers it too. */
export interface SeenIds {
  /** True when `id` was seen before; otherwise remembers it and returns false. */
  isDuplicate(id: string): boolean | Promise<boolean>;
}

export interface RedisSeenIdsOptions {
  redis: RedisConnection;
  failOpen: FailOpen;
  /** Key prefix, e.g. "chokepoint:". */
  prefix: string;
  /** How long an id is remembered. Default 1 hour, as the in-process cache. */
  ttlMs?: number;
}

export function createRedisSeenIds(options: RedisSeenIdsOptions): SeenIds {
  const ttlMs = options.ttlMs ?? 60 * 60 * 1000;
  return {
    async isDuplicate(id) {
      try {
        const set = await options.redis.client.set(`${options.prefix}event:${id}`, "1", "PX", ttlMs, "NX");
        return set === null;
      } catch (err) {
        options.failOpen.passed("dedupe", err);
        return false;
      }
    },
  };
}

// The in-process cache already has the shape.
export const inProcessSeenIds = (cache: DedupeCache): SeenIds => cache;
