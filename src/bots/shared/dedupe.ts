// Remembers recently seen ids (Slack event_id, Discord interaction id) so that a platform's
// redelivery of the same event is handled once. Bounded in size and in time.

export interface DedupeCacheOptions {
  /** Most ids remembered; the oldest are forgotten first. Default 5,000. */
  max?: number;
  /** How long an id is remembered, in ms. Default 1 hour (Slack retries within minutes). */
  ttlMs?: number;
  /** Clock, for tests. Default `Date.now`. */
  now?: () => number;
}

export interface DedupeCache {
  /** True when `id` was seen within the ttl; otherwise remembers it and returns false. */
  isDuplicate(id: string): boolean;
  readonly size: number;
}

export function createDedupeCache(options: DedupeCacheOptions = {}): DedupeCache {
  const max = options.max ?? 5_000;
  const ttlMs = options.ttlMs ?? 60 * 60 * 1000;
  const now = options.now ?? Date.now;
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`dedupe: max must be a positive integer, got ${max}`);
  // A Map iterates in insertion order, so its first key is always the oldest.
  const seenAt = new Map<string, number>();

  const evict = (t: number): void => {
    for (const [id, at] of seenAt) {
      if (seenAt.size <= max && t - at < ttlMs) break;
      seenAt.delete(id);
    }
  };

  return {
    isDuplicate(id) {
      const t = now();
      const at = seenAt.get(id);
      if (at !== undefined && t - at < ttlMs) return true;
      seenAt.delete(id);
      seenAt.set(id, t);
      evict(t);
      return false;
    },
    get size() {
      return seenAt.size;
    },
  };
}
