// The per-user question limit over Redis (rate-limiter-flexible's RateLimiterRedis: an atomic
// script per question, a fixed window of a minute per user), shared by every replica. When
// Redis cannot be asked the question is let through.
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { RateDecision, RateLimiter } from "../bots/shared/rate-limit.ts";
import type { FailOpen } from "./fail-open.ts";
import type { RedisConnection } from "./redis.ts";

export interface RedisRateLimiterOptions {
  redis: RedisConnection;
  failOpen: FailOpen;
  prefix: string;
  /** Questions a user may ask a minute; 0 turns the limit off. */
  perMinute: number;
  /** Window length; default a minute. Whole seconds. */
  windowMs?: number;
  onLimited?: (key: string) => void;
}

export function createRedisRateLimiter(options: RedisRateLimiterOptions): RateLimiter {
  const { perMinute, failOpen } = options;
  const limiter = new RateLimiterRedis({
    storeClient: options.redis.client,
    keyPrefix: `${options.prefix}rate`,
    points: Math.max(1, perMinute),
    duration: Math.max(1, Math.round((options.windowMs ?? 60_000) / 1000)),
    // Not ready: fail at once rather than wait in ioredis.
    rejectIfRedisNotReady: true,
  });
  return {
    perMinute,
    async take(key): Promise<RateDecision> {
      if (perMinute <= 0) return { ok: true, retryAfterMs: 0 };
      try {
        await limiter.consume(key, 1);
        return { ok: true, retryAfterMs: 0 };
      } catch (res) {
        if (res instanceof RateLimiterRes) {
          options.onLimited?.(key);
          return { ok: false, retryAfterMs: Math.max(1, res.msBeforeNext) };
        }
        failOpen.passed("rate-limit", res);
        return { ok: true, retryAfterMs: 0 };
      }
    },
  };
}
