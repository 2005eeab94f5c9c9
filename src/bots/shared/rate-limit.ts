// A per-user limit on questions: a sliding window of the last minute's questions per user.
// One limiter serves every adapter; keys carry the platform ("slack:U123", "discord:42").
import type { Lang } from "../../answer/types.ts";

export interface RateDecision {
  ok: boolean;
  /** When the user may ask again; 0 when ok. */
  retryAfterMs: number;
}

export interface RateLimiter {
  readonly perMinute: number;
  /** Counts a question for the key when allowed; a shared limiter (over Redis) answers later. */
  take(key: string, now?: number): RateDecision | Promise<RateDecision>;
}

export interface RateLimiterOptions {
  /** Questions a user may ask per window; 0 turns the limit off. */
  perMinute: number;
  windowMs?: number;
  /** Users remembered at once; the least recently seen are forgotten first. */
  maxKeys?: number;
  /** Called on every refusal, e.g. to count it in metrics. */
  onLimited?: (key: string) => void;
}

/** The in-process limiter, which answers at once. */
export interface LocalRateLimiter extends RateLimiter {
  take(key: string, now?: number): RateDecision;
}

export function createRateLimiter(options: RateLimiterOptions): LocalRateLimiter {
  const { perMinute } = options;
  const windowMs = options.windowMs ?? 60_000;
  const maxKeys = options.maxKeys ?? 50_000;
  const seen = new Map<string, number[]>();

  return {
    perMinute,
    take(key, now = Date.now()) {
      if (perMinute <= 0) return { ok: true, retryAfterMs: 0 };
      const recent = (seen.get(key) ?? []).filter((t) => now - t < windowMs);
      seen.delete(key); // re-inserted below: Map order is the recency order
      if (recent.length >= perMinute) {
        seen.set(key, recent);
        options.onLimited?.(key);
        return { ok: false, retryAfterMs: Math.max(1, windowMs - (now - recent[0]!)) };
      }
      recent.push(now);
      seen.set(key, recent);
      if (seen.size > maxKeys) seen.delete(seen.keys().next().value!);
      return { ok: true, retryAfterMs: 0 };
    },
  };
}

/** The polite reply to a user over the limit, saying when to try again. */
export function rateLimitedText(lang: Lang, retryAfterMs: number, perMinute: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return lang === "ko"
    ? `질문이 조금 많아요 (1분에 ${perMinute}개까지). ${seconds}초 뒤에 다시 물어봐 주세요.`
    : `You're asking a lot at once (up to ${perMinute} questions a minute). Please try again in ${seconds} s.`;
}
