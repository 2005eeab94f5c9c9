import { describe, expect, it } from "vitest";
import { createDedupeCache } from "../../../src/bots/shared/dedupe.ts";

describe("createDedupeCache", () => {
  it("reports an id as a duplicate from its second sighting", () => {
    const cache = createDedupeCache();
    expect(cache.isDuplicate("Ev1")).toBe(false);
    expect(cache.isDuplicate("Ev1")).toBe(true);
    expect(cache.isDuplicate("Ev2")).toBe(false);
  });

  it("forgets an id after the ttl", () => {
    let now = 0;
    const cache = createDedupeCache({ ttlMs: 1_000, now: () => now });
    cache.isDuplicate("Ev1");
    now = 999;
    expect(cache.isDuplicate("Ev1")).toBe(true);
    now = 2_000;
    expect(cache.isDuplicate("Ev1")).toBe(false);
  });

  it("keeps at most max ids, forgetting the oldest", () => {
    const cache = createDedupeCache({ max: 3 });
    for (const id of ["a", "b", "c", "d"]) cache.isDuplicate(id);
    expect(cache.size).toBe(3);
    expect(cache.isDuplicate("d")).toBe(true);
    expect(cache.isDuplicate("a")).toBe(false);
  });

  it("rejects a max that is not a positive integer", () => {
    expect(() => createDedupeCache({ max: 0 })).toThrow("dedupe: max must be a positive integer, got 0");
  });
});
