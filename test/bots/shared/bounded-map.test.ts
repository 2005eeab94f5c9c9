import { describe, expect, it } from "vitest";
import { BoundedMap } from "../../../src/bots/shared/bounded-map.ts";

describe("BoundedMap", () => {
  it("forgets the least recently set entry past its size", () => {
    const map = new BoundedMap<string, number>(2);
    map.set("a", 1).set("b", 2).set("a", 3).set("c", 4);
    expect(map.size).toBe(2);
    expect(map.get("b")).toBeUndefined();
    expect(map.get("a")).toBe(3);
    expect(map.get("c")).toBe(4);
  });

  it("rejects a size that is not a positive integer", () => {
    expect(() => new BoundedMap(1.5)).toThrow("bounded-map: max must be a positive integer, got 1.5");
  });
});
