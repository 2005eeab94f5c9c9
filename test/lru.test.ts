import { describe, expect, it } from "vitest";
import { Lru } from "../src/lru.ts";

describe("Lru", () => {
  it("forgets the least recently used entry past its size", () => {
    const lru = new Lru<string, number>(2);
    lru.set("a", 1).set("b", 2).set("a", 3).set("c", 4);
    expect(lru.size).toBe(2);
    expect(lru.get("b")).toBeUndefined();
    expect(lru.get("a")).toBe(3);
    expect(lru.get("c")).toBe(4);
  });

  it("counts a read as a use", () => {
    const lru = new Lru<string, number>(2);
    lru.set("a", 1).set("b", 2);
    expect(lru.get("a")).toBe(1);
    lru.set("c", 3);
    expect(lru.get("a")).toBe(1);
    expect(lru.get("b")).toBeUndefined();
  });

  it("rejects a size that is not a positive integer", () => {
    expect(() => new Lru(1.5)).toThrow("lru: max must be a positive integer, got 1.5");
  });
});
