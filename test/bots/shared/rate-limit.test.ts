import { describe, expect, it } from "vitest";
import { createRateLimiter, rateLimitedText } from "../../../src/bots/shared/rate-limit.ts";

describe("createRateLimiter", () => {
  it("allows the configured number of questions a minute per user, then says when to retry", () => {
    const limited: string[] = [];
    const limiter = createRateLimiter({ perMinute: 3, onLimited: (k) => limited.push(k) });
    const t0 = 1_000_000;
    expect([0, 1, 2].map((i) => limiter.take("slack:U1", t0 + i * 1000).ok)).toEqual([true, true, true]);
    expect(limiter.take("slack:U1", t0 + 10_000)).toEqual({ ok: false, retryAfterMs: 50_000 });
    expect(limiter.take("slack:U2", t0 + 10_000).ok).toBe(true);
    expect(limiter.take("slack:U1", t0 + 60_001).ok).toBe(true);
    expect(limited).toEqual(["slack:U1"]);
  });

  it("is off at 0", () => {
    const limiter = createRateLimiter({ perMinute: 0 });
    for (let i = 0; i < 100; i++) expect(limiter.take("u").ok).toBe(true);
  });

  it("forgets the least recently seen users beyond its bound", () => {
    const limiter = createRateLimiter({ perMinute: 1, maxKeys: 2 });
    limiter.take("a", 0);
    limiter.take("b", 0);
    limiter.take("c", 0);
    expect(limiter.take("a", 1).ok).toBe(true); // "a" was forgotten
    expect(limiter.take("c", 1).ok).toBe(false);
  });

  it("replies politely in the user's language with the wait in seconds", () => {
    expect(rateLimitedText("en", 12_300, 10)).toBe("You're asking a lot at once (up to 10 questions a minute). Please try again in 13 s.");
    expect(rateLimitedText("ko", 500, 10)).toBe("질문이 조금 많아요 (1분에 10개까지). 1초 뒤에 다시 물어봐 주세요.");
  });
});
